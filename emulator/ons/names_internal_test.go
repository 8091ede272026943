package ons

import (
	"slices"
	"strings"
	"testing"
)

// The substring filter over the joined names finds exactly the names a
// strings.Contains per name finds, in index order, each once — including
// hits at a name's start and end, several hits in one name, a filter that
// would only match across two names, and after the names change.
func TestNameTextMatchesLikeContains(t *testing.T) {
	names := []string{"a-b", "ab", "abab", "b", "ba", "topic-0005", "topic-00050", "x"}
	filters := []string{"", "a", "b", "ab", "ba", "bab", "b\nb", "0005", "topic-0005", "x", "y", "abab-"}
	var x nameText
	check := func() {
		t.Helper()
		for _, f := range filters {
			var got, want []string
			x.matching(len(names), func(i int) string { return names[i] }, f, func(i int) { got = append(got, names[i]) })
			for _, n := range names {
				if strings.Contains(n, f) {
					want = append(want, n)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("filter %q over %q: got %q, want %q", f, names, got, want)
			}
		}
	}
	check()
	names = slices.Insert(names, 4, "bb")
	x.stale = true
	check()
	names = slices.Delete(names, 0, 2)
	x.stale = true
	check()
}
