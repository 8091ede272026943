package tdmq

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestChineseTextsAreCatalogueCodes: every Chinese text of the products'
// codes belongs to a code of the catalogue (the common codes' texts are
// internal/tcapi's, checked there).
func TestChineseTextsAreCatalogueCodes(t *testing.T) {
	for code := range productChinese {
		_, ok := Errors.ByName(code)
		assert.True(t, ok, "%s is not a catalogue code", code)
	}
}
