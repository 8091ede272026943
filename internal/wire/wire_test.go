package wire

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePairs(t *testing.T) {
	cases := []struct {
		raw     string
		want    []Pair
		wantErr bool
	}{
		{"a=1&b=x+y", []Pair{{"a", "1"}, {"b", "x y"}}, false},
		{"offset =0&limit =20", []Pair{{"offset ", "0"}, {"limit ", "20"}}, false},
		{"a=1&&b=", []Pair{{"a", "1"}, {"b", ""}}, false},
		{"Signature=5f75%2Bf1%3D", []Pair{{"Signature", "5f75+f1="}}, false},
		{"a=%zz", nil, true},
		{"%g=1", nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			got, err := ParsePairs(tc.raw)
			if tc.wantErr {
				require.ErrorIs(t, err, ErrMalformed)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDuplicateKey(t *testing.T) {
	assert.Equal(t, "", DuplicateKey([]Pair{{"a", ""}, {"b", ""}}, true))
	assert.Equal(t, "a", DuplicateKey([]Pair{{"a", ""}, {"a ", ""}}, true))
	assert.Equal(t, "", DuplicateKey([]Pair{{"a", ""}, {"a ", ""}}, false))
}

func TestIndexed(t *testing.T) {
	cases := []struct {
		name   string
		params map[string]string
		want   []string
		kind   IndexErrorKind
	}{
		{"one-based", map[string]string{"m.1": "a", "m.2": "b", "x": "y"}, []string{"a", "b"}, 0},
		{"zero-based", map[string]string{"m.0": "a", "m.1": "b"}, []string{"a", "b"}, 0},
		{"numeric not string order", map[string]string{"m.1": "1", "m.2": "2", "m.10": "10", "m.3": "3", "m.4": "4", "m.5": "5", "m.6": "6", "m.7": "7", "m.8": "8", "m.9": "9"}, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, 0},
		{"absent", map[string]string{"other.1": "a"}, nil, 0},
		{"gap", map[string]string{"m.1": "a", "m.3": "b"}, nil, NotConsecutive},
		{"bad start", map[string]string{"m.2": "a"}, nil, NotConsecutive},
		{"bad index", map[string]string{"m.x": "a"}, nil, BadIndex},
		{"negative", map[string]string{"m.-1": "a"}, nil, BadIndex},
		{"leading zero", map[string]string{"m.01": "a"}, nil, BadIndex},
		{"empty index", map[string]string{"m.": "a"}, nil, BadIndex},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Indexed(tc.params, "m", 0, 1)
			if tc.kind != 0 {
				var ie *IndexError
				require.True(t, errors.As(err, &ie), "error %v", err)
				assert.Equal(t, tc.kind, ie.Kind)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

type filter struct {
	Name   *string   `json:"Name"`
	Values []*string `json:"Values"`
}

type listReq struct {
	Offset  *uint64   `json:"Offset" mq:"required"`
	Limit   *int64    `json:"Limit"`
	Name    *string   `json:"Name"`
	DryRun  *bool     `json:"DryRun"`
	Filters []*filter `json:"Filters"`
}

func TestBindJSONAndFlattenedQueryAlike(t *testing.T) {
	tree, err := DecodeJSON([]byte(`{"Offset":0,"Limit":20,"Name":"007","DryRun":false,"Filters":[{"Name":"InstanceId","Values":["rmq-1","rmq-2"]}]}`))
	require.NoError(t, err)
	var a listReq
	require.NoError(t, Bind(tree, &a, true))

	q := Unflatten(map[string]string{"Offset": "0", "Limit": "20", "Name": "007", "DryRun": "false", "Filters.0.Name": "InstanceId", "Filters.0.Values.0": "rmq-1", "Filters.0.Values.1": "rmq-2"})
	var b listReq
	require.NoError(t, Bind(q, &b, true))

	assert.Equal(t, a, b)
	assert.Equal(t, uint64(0), *a.Offset)
	assert.Equal(t, "007", *a.Name, "a string field keeps digits as text")
	assert.Equal(t, "rmq-2", *a.Filters[0].Values[1])
}

func TestBindErrors(t *testing.T) {
	cases := []struct {
		body   string
		strict bool
		kind   BindErrorKind
		param  string
	}{
		{`{"Limit":1}`, false, Missing, "Offset"},
		{`{"Offset":-1}`, false, WrongType, "Offset"},
		{`{"Offset":"0"}`, false, 0, ""},
		{`{"Offset":0,"Limit":1.5}`, false, WrongType, "Limit"},
		{`{"Offset":0,"Name":5}`, false, WrongType, "Name"},
		{`{"Offset":0,"Filters":{"Name":"x"}}`, false, WrongType, "Filters"},
		{`{"Offset":0,"Filters":[{"Name":1}]}`, false, WrongType, "Filters.0.Name"},
		{`{"Offset":0,"Bogus":1}`, true, Unknown, "Bogus"},
		{`{"Offset":0,"Bogus":1}`, false, 0, ""},
		{`{"Offset":0,"Filters":[{"Nme":"x"}]}`, true, Unknown, "Filters.0.Nme"},
	}
	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			tree, err := DecodeJSON([]byte(tc.body))
			require.NoError(t, err)
			var r listReq
			err = Bind(tree, &r, tc.strict)
			if tc.kind == 0 {
				require.NoError(t, err)
				return
			}
			var be *BindError
			require.True(t, errors.As(err, &be), "error %v", err)
			assert.Equal(t, tc.kind, be.Kind)
			assert.Equal(t, tc.param, be.Param)
		})
	}
}

func TestDecodeJSONRejectsGarbage(t *testing.T) {
	for _, b := range []string{``, `{`, `{"a":1} x`, `<html>`} {
		_, err := DecodeJSON([]byte(b))
		assert.Error(t, err, b)
	}
}

func TestFlatten(t *testing.T) {
	tree, err := DecodeJSON([]byte(`{"InstanceId":"rmq-1","Limit":20,"Filters":[{"Name":"TopicName","Values":["a"]}],"Ok":true}`))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"InstanceId": "rmq-1", "Limit": "20", "Filters.0.Name": "TopicName", "Filters.0.Values.0": "a", "Ok": "true",
	}, Flatten(tree))
}
