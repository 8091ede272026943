package tdmq

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestChineseTextsAreCatalogueCodes: every Chinese text belongs to a code of
// the catalogue, and every seed row has one.
func TestChineseTextsAreCatalogueCodes(t *testing.T) {
	for code := range zhMessages {
		_, ok := Errors.ByName(code)
		assert.True(t, ok, "%s is not a catalogue code", code)
	}
	for _, d := range Errors.Seed() {
		assert.NotEmpty(t, zhMessages[d.Code], d.Code)
	}
}
