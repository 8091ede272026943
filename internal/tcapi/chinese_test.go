package tcapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryCommonCodeHasItsChineseText: every seed row has a Chinese text
// and every text belongs to a common code.
func TestEveryCommonCodeHasItsChineseText(t *testing.T) {
	for code := range commonChinese {
		_, ok := Common().ByName(code)
		assert.True(t, ok, "%s is not a common code", code)
	}
	for _, d := range Common().Seed() {
		assert.NotEmpty(t, commonChinese[d.Code], d.Code)
	}
	assert.Len(t, Common().All(), 26, "seed 003 has 26 common codes")
}
