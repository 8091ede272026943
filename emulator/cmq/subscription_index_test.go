package cmq

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// compareFolded orders and equates names exactly as comparing their
// strings.ToLower forms does (what the map it replaced was keyed by),
// non-ASCII names included.
func TestCompareFoldedIsCompareOfLowered(t *testing.T) {
	names := []string{"", "a", "A", "sub-1", "SUB-1", "sub-10", "Sub_2", "sub", "İ", "i", "ẞ", "ß", "Σx", "σX", "a\xff", "A\xff", "k", "K"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteByte("aAbB-_1ZzİßΣ"[r.IntN(16)%13])
		}
		names = append(names, b.String())
	}
	sign := func(n int) int { return min(max(n, -1), 1) }
	for _, a := range names {
		for _, b := range names[:40] {
			want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
			assert.Equal(t, want, sign(compareFolded(a, b)), "%q vs %q", a, b)
			assert.Equal(t, -want, sign(compareFolded(b, a)), "%q vs %q", b, a)
		}
	}
}

func TestSubscriptionIndexFindsByFoldedName(t *testing.T) {
	var x subscriptionIndex
	for _, n := range []string{"b", "A", "c-1", "C-10", "a2"} {
		x.add(&subscription{name: n})
	}
	for _, n := range []string{"a", "B", "C-1", "c-10", "A2"} {
		s, ok := x.get(n)
		if assert.True(t, ok, n) {
			assert.True(t, strings.EqualFold(s.name, n))
		}
	}
	_, ok := x.get("d")
	assert.False(t, ok)
	s, _ := x.get("b")
	x.remove(s)
	_, ok = x.get("B")
	assert.False(t, ok)
	assert.Len(t, x, 4)
}
