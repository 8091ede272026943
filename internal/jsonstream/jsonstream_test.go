package jsonstream_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/jsonstream"
)

// A streamed document is the bytes json.Marshal makes of the same data.
func TestStreamedDocumentIsWhatMarshalMakes(t *testing.T) {
	type item struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	items := []item{{"a<b>&", []string{}}, {"é\u2028", []string{"x"}}}
	want, err := json.Marshal(map[string]any{"empty": []item{}, "items": items, "one": map[string]any{"n": 1}})
	require.NoError(t, err)

	var buf bytes.Buffer
	w := jsonstream.New(&buf)
	w.BeginObject()
	w.Key("empty")
	w.BeginArray()
	w.EndArray()
	w.Key("items")
	w.BeginArray()
	for _, it := range items {
		w.Value(it)
	}
	w.EndArray()
	w.Key("one")
	jsonstream.Of(map[string]any{"n": 1})(w)
	w.EndObject()
	require.NoError(t, w.Flush())
	assert.Equal(t, string(want), buf.String())
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("gone") }

// The first error sticks and is reported; a value that cannot be encoded is
// one.
func TestFirstErrorSticks(t *testing.T) {
	w := jsonstream.New(failingWriter{})
	w.BeginArray()
	w.Value(1)
	w.EndArray()
	assert.EqualError(t, w.Flush(), "gone")

	var buf bytes.Buffer
	w = jsonstream.New(&buf)
	w.Value(func() {})
	w.Value(1)
	assert.Error(t, w.Flush())
	assert.Empty(t, buf.String())
}
