package wire

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type flatInner struct {
	Count *int64 `json:"Count"`
	Flags []bool `json:"Flags"`
}

type flatReq struct {
	Offset  uint64         `json:"Offset" mq:"required"`
	Limit   *int64         `json:"Limit"`
	Ratio   *float64       `json:"Ratio"`
	Name    *string        `json:"Name"`
	DryRun  *bool          `json:"DryRun"`
	Filters []*filter      `json:"Filters"`
	Ids     []string       `json:"Ids"`
	Inner   *flatInner     `json:"Inner"`
	Attrs   map[string]any `json:"Attrs"`
	Skipped string         `json:"-"`
}

// bindFlat is what tcapi.Bind does with flattened parameters.
func bindFlat(flat Flat) (flatReq, any, error) {
	var r flatReq
	tree, err := UnflattenFor(flat, &r)
	if err != nil {
		return r, nil, err
	}
	return r, tree, Bind(tree, &r, true)
}

// Every shape the SDKs flatten rebuilds to the tree its JSON body decodes
// to, typed by the struct and not by the look of the text.
func TestUnflattenForMatchesJSON(t *testing.T) {
	cases := []struct {
		name string
		flat Flat
		json string
	}{
		{"numbers, text, booleans",
			Flat{"Offset": "0", "Limit": "20", "Ratio": "0.5", "Name": "007", "DryRun": "false"},
			`{"Offset":0,"Limit":20,"Ratio":0.5,"Name":"007","DryRun":false}`},
		{"negative and exponent numbers",
			Flat{"Offset": "1", "Limit": "-3", "Ratio": "1e-3"},
			`{"Offset":1,"Limit":-3,"Ratio":1e-3}`},
		{"a string field keeps digits and true as text",
			Flat{"Offset": "0", "Name": "true", "Ids.0": "20", "Ids.1": "0"},
			`{"Offset":0,"Name":"true","Ids":["20","0"]}`},
		{"empty text (Node sends empty strings)",
			Flat{"Offset": "0", "Name": "", "Ids.0": ""},
			`{"Offset":0,"Name":"","Ids":[""]}`},
		{"array of structs with arrays",
			Flat{"Offset": "0", "Filters.0.Name": "InstanceId", "Filters.0.Values.0": "rmq-1", "Filters.0.Values.1": "rmq-2", "Filters.1.Name": "Tag", "Filters.1.Values.0": "x"},
			`{"Offset":0,"Filters":[{"Name":"InstanceId","Values":["rmq-1","rmq-2"]},{"Name":"Tag","Values":["x"]}]}`},
		{"indices in numeric order, not text order",
			Flat{"Offset": "0", "Ids.0": "a", "Ids.1": "b", "Ids.2": "c", "Ids.3": "d", "Ids.4": "e", "Ids.5": "f", "Ids.6": "g", "Ids.7": "h", "Ids.8": "i", "Ids.9": "j", "Ids.10": "k"},
			`{"Offset":0,"Ids":["a","b","c","d","e","f","g","h","i","j","k"]}`},
		{"gaps closed up (the Go SDK skips nil elements)",
			Flat{"Offset": "0", "Filters.1.Name": "A", "Filters.1.Values.2": "x", "Filters.4.Name": "B"},
			`{"Offset":0,"Filters":[{"Name":"A","Values":["x"]},{"Name":"B"}]}`},
		{"highest index allowed",
			Flat{"Offset": "0", "Ids.999": "z"},
			`{"Offset":0,"Ids":["z"]}`},
		{"nested struct with a list of booleans",
			Flat{"Offset": "0", "Inner.Count": "3", "Inner.Flags.0": "true", "Inner.Flags.1": "false"},
			`{"Offset":0,"Inner":{"Count":3,"Flags":[true,false]}}`},
		{"an untyped map keeps text",
			Flat{"Offset": "0", "Attrs.k": "1", "Attrs.n.0": "x"},
			`{"Offset":0,"Attrs":{"k":"1","n":{"0":"x"}}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, tree, err := bindFlat(tc.flat)
			require.NoError(t, err)
			want, err := DecodeJSON([]byte(tc.json))
			require.NoError(t, err)
			assert.Equal(t, want, tree, "rebuilt tree")
			var fromJSON flatReq
			require.NoError(t, Bind(want, &fromJSON, true))
			assert.Equal(t, fromJSON, got, "bound request")
		})
	}
}

func TestUnflattenForErrors(t *testing.T) {
	cases := []struct {
		name  string
		flat  Flat
		kind  BindErrorKind
		param string
	}{
		{"text for a number", Flat{"Offset": "0", "Limit": "many"}, WrongType, "Limit"},
		{"empty number", Flat{"Offset": "0", "Limit": ""}, WrongType, "Limit"},
		{"number with spaces", Flat{"Offset": "0", "Limit": " 1"}, WrongType, "Limit"},
		{"hex float", Flat{"Offset": "0", "Ratio": "0x1p-2"}, WrongType, "Ratio"},
		{"exponent for an integer", Flat{"Offset": "0", "Limit": "1e3"}, WrongType, "Limit"},
		{"negative unsigned", Flat{"Offset": "-1"}, WrongType, "Offset"},
		{"decimal for an integer", Flat{"Offset": "0", "Limit": "1.5"}, WrongType, "Limit"},
		{"1 for a boolean", Flat{"Offset": "0", "DryRun": "1"}, WrongType, "DryRun"},
		{"True for a boolean", Flat{"Offset": "0", "DryRun": "True"}, WrongType, "DryRun"},
		{"boolean in a list", Flat{"Offset": "0", "Inner.Flags.0": "yes"}, WrongType, "Inner.Flags.0"},
		{"value for a list", Flat{"Offset": "0", "Filters": "x"}, WrongType, "Filters"},
		{"value and parent at once", Flat{"Offset": "0", "Filters": "x", "Filters.0.Name": "y"}, WrongType, "Filters"},
		{"named segment in a list", Flat{"Offset": "0", "Filters.a.Name": "y"}, WrongType, "Filters.a"},
		{"numbered and named segments mixed", Flat{"Offset": "0", "Filters.0.Name": "a", "Filters.Name": "b"}, WrongType, "Filters.Name"},
		{"leading zero index", Flat{"Offset": "0", "Ids.01": "x"}, WrongType, "Ids.01"},
		{"negative index", Flat{"Offset": "0", "Ids.-1": "x"}, WrongType, "Ids.-1"},
		{"index 1000", Flat{"Offset": "0", "Ids.1000": "x"}, WrongType, "Ids.1000"},
		{"empty index", Flat{"Offset": "0", "Ids.": "x"}, WrongType, "Ids."},
		{"children for text", Flat{"Offset": "0", "Name.0": "x"}, WrongType, "Name"},
		{"children for a list element of text", Flat{"Offset": "0", "Filters.0.Values.0.x": "1"}, WrongType, "Filters.0.Values.0"},
		{"value for a struct element", Flat{"Offset": "0", "Filters.0": "x"}, WrongType, "Filters.0"},
		{"value for a struct", Flat{"Offset": "0", "Inner": "x"}, WrongType, "Inner"},
		{"unknown name", Flat{"Offset": "0", "Bogus": "1"}, Unknown, "Bogus"},
		{"unknown nested name", Flat{"Offset": "0", "Filters.0.Nme": "x"}, Unknown, "Filters.0.Nme"},
		{"a numbered field of a struct is unknown", Flat{"Offset": "0", "Inner.0": "x"}, Unknown, "Inner.0"},
		{"a json:\"-\" field is unknown", Flat{"Offset": "0", "Skipped": "x"}, Unknown, "Skipped"},
		{"missing required", Flat{"Limit": "1"}, Missing, "Offset"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := bindFlat(tc.flat)
			var be *BindError
			require.True(t, errors.As(err, &be), "error %v", err)
			assert.Equal(t, tc.kind, be.Kind)
			assert.Equal(t, tc.param, be.Param)
		})
	}
}

// FuzzUnflattenFor: whatever the query, no panic, and a tree that rebuilds
// is plain JSON that binds to the same request after a round trip.
func FuzzUnflattenFor(f *testing.F) {
	for _, s := range []string{"Offset=0&Filters.0.Name=a&Filters.0.Values.0=b", "Offset=1&Ids.1=x&Ids.3=y", "Filters=1&Filters.0=2", "Inner.Count=3&Inner.Flags.0=true", "Attrs.a.b=1&Attrs.a=2", "Ids.01=1&Ids.-1=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		pairs, err := ParsePairs(raw)
		if err != nil {
			return
		}
		flat := Flat{}
		for _, p := range pairs {
			flat[p.Key] = p.Value
		}
		got, tree, err := bindFlat(flat)
		if err != nil {
			return
		}
		b, err := json.Marshal(tree)
		require.NoError(t, err)
		again, err := DecodeJSON(b)
		require.NoError(t, err)
		var viaJSON flatReq
		require.NoError(t, Bind(again, &viaJSON, true))
		assert.Equal(t, got, viaJSON)
	})
}
