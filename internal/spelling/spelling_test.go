package spelling

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"ABC", "abc", 0},
		{"maxQueus", "maxQueues", 1},
		{"levle", "level", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
		{"日本", "日本語", 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Distance(tt.a, tt.b), "%q ~ %q", tt.a, tt.b)
	}
}

func TestNearestAndTypo(t *testing.T) {
	keys := []string{"level", "format", "listen"}
	assert.Equal(t, "level", Nearest("levle", keys))
	assert.Equal(t, "format", Nearest("formta", keys))
	assert.Equal(t, "", Nearest("x", nil))
	assert.Equal(t, "level", Typo("levle", keys))
	assert.Equal(t, "", Typo("zzzzzzzz", keys), "too far to be a typo")
	assert.Equal(t, "format", Nearest("fmt", []string{"listen", "format"}), "nearest even when far")
}

// The cases internal/config's test held when the measure lived there.
func TestEditDistanceBothWays(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"level", "level", 0}, {"levle", "level", 1}, {"maxqueus", "maxqueues", 1},
		{"listn", "listen", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, Distance(tc.a, tc.b), "%s/%s", tc.a, tc.b)
		assert.Equal(t, tc.want, Distance(tc.b, tc.a), "%s/%s", tc.b, tc.a)
	}
}
