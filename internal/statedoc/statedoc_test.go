package statedoc

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type part struct {
	Version int      `json:"version"`
	Names   []string `json:"names"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, raw, err string
	}{
		{"current", `{"version":1,"names":["a"]}`, ""},
		{"newer", `{"version":2,"names":["a"]}`, "version 2 was written by a newer mqmock (this build reads version 1)"},
		{"older", `{"version":0}`, "version 0 is not one this build reads (version 1)"},
		{"no version", `{"names":[]}`, "no version (this build reads version 1)"},
		{"unknown field", `{"version":1,"colour":"blue"}`, `json: unknown field "colour"`},
		{"not an object", `[1]`, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p part
			err := Decode([]byte(tt.raw), 1, &p)
			if tt.err == "" {
				require.NoError(t, err)
				assert.Equal(t, part{Version: 1, Names: []string{"a"}}, p)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

func TestConvertKeepsNilAndOrder(t *testing.T) {
	assert.Nil(t, Convert([]int(nil), strconv.Itoa))
	assert.Equal(t, []string{}, Convert([]int{}, strconv.Itoa))
	assert.Equal(t, []string{"3", "1", "2"}, Convert([]int{3, 1, 2}, strconv.Itoa))
}
