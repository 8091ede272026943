package cmq

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMatchesRouting(t *testing.T) {
	tests := []struct {
		binding, routing string
		want             bool
	}{
		{"1.*.0", "1.x.0", true},
		{"1.*.0", "1.0", false},
		{"1.*.0", "1.x.y.0", false},
		{"1.#.0", "1.2.3.4.4.2.2.0", true},
		{"1.#.0", "1.0", true},
		{"1.#.0", "1.0.1", false},
		{"#", "", true},
		{"#", "a.b", true},
		{"*", "", false},
		{"*", "a", true},
		{"a.b", "a.b", true},
		{"a.b", "A.b", false},
		{"#.#", "a", true},
		{"a.#", "a", true},
		{"*.#", "", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, matchesRouting([]string{tt.binding}, tt.routing), "%q ~ %q", tt.binding, tt.routing)
	}
	assert.True(t, matchesRouting([]string{"x", "1.*"}, "1.z"), "any binding key may match")
	assert.False(t, matchesRouting(nil, "a"))
}

func TestMatchesTags(t *testing.T) {
	tests := []struct {
		filter, msg []string
		want        bool
	}{
		{nil, nil, true},
		{nil, []string{"a"}, true},
		{[]string{"a"}, nil, false},
		{[]string{"a", "b"}, []string{"c", "b"}, true},
		{[]string{"a"}, []string{"A"}, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, matchesTags(tt.filter, tt.msg), "%v ∩ %v", tt.filter, tt.msg)
	}
}
