package journal

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUvarintLenIsWhatAppendUvarintWrites(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 255, 16383, 16384, 1 << 20, 1<<31 - 1} {
		assert.Equal(t, len(binary.AppendUvarint(nil, uint64(n))), uvarintLen(n), "%d", n)
	}
}

// pack's first pass sizes its string exactly: the packed parameters read
// back as the kept ones, long values cut and more parameters than the
// limit noted, whatever the map's order.
func TestPackReadsBackAsKept(t *testing.T) {
	j := NewBounded(Limits{ValueBytes: 8, Params: 3})
	params := map[string]string{"Action": "SendMessage", "a": "1", "b": strings.Repeat("é", 10), "c": ""}
	packed, kept := j.pack(params)
	e := j.entry(record{params: packed})
	assert.Equal(t, map[string]string{
		"Action": "SendMess…(truncated, 11 bytes)",
		"a":      "1",
		"b":      "éééé…(truncated, 20 bytes)",
		"…":      "1 more parameters not kept",
	}, e.Params)
	want := 0
	for k, v := range e.Params {
		want += len(k) + len(v)
	}
	assert.Equal(t, want, kept)
}
