package lazysort

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A random run of adds (mostly in order), removes and invalidations
// against a list sorted from scratch at every read.
func TestListAgainstAFullSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var l List[*item]
	var all []*item
	order := func(a, b *item) int { return cmp.Compare(a.key, b.key) }
	next := 0
	for range 2000 {
		switch r := rng.IntN(10); {
		case r < 6: // an add, out of order one time in six
			next++
			it := &item{next}
			if rng.IntN(6) == 0 {
				it.key = rng.IntN(next)
			}
			l.Add(it, order)
			all = append(all, it)
		case r < 8 && len(all) > 0:
			i := rng.IntN(len(all))
			l.Remove(all[i])
			all = slices.Delete(all, i, i+1)
		case r < 9 && len(all) > 0: // an item's key changes
			all[rng.IntN(len(all))].key = rng.IntN(next + 1)
			l.Invalidate()
		default:
			want := slices.Clone(all)
			slices.SortStableFunc(want, order)
			got := l.Sorted(order)
			assert.Equal(t, keys(want), keys(got))
			assert.Equal(t, len(all), l.Len())
		}
	}
}

type item struct{ key int }

func keys(items []*item) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = it.key
	}
	return out
}

func TestAnInOrderAddDoesNotSort(t *testing.T) {
	var l List[int]
	for i := range 5 {
		l.Add(i, cmp.Compare[int])
	}
	assert.False(t, l.dirty)
	l.Add(2, cmp.Compare[int])
	assert.True(t, l.dirty)
	assert.Equal(t, []int{0, 1, 2, 2, 3, 4}, l.Sorted(cmp.Compare[int]))
	assert.False(t, l.dirty)
}
