// Package lazysort keeps a list in an order its items almost always arrive
// in, such as creation time under a clock that runs forward: an append that
// keeps the order costs nothing, and the list is sorted only when read after
// one that did not (the virtual clock was set back) or after an item's
// place changed. The TDMQ products keep their instances so, per account and
// region, for the list that merges both generations.
package lazysort

import "slices"

// List is such a list; the zero value is empty and ready. It is not safe
// for concurrent use: its owner's lock guards it.
type List[T comparable] struct {
	items []T
	dirty bool
}

// Add appends v; cmp is the list's order.
func (l *List[T]) Add(v T, cmp func(a, b T) int) {
	if n := len(l.items); n > 0 && cmp(l.items[n-1], v) > 0 {
		l.dirty = true
	}
	l.items = append(l.items, v)
}

// Remove takes v out, keeping the order of the rest.
func (l *List[T]) Remove(v T) {
	if i := slices.Index(l.items, v); i >= 0 {
		l.items = slices.Delete(l.items, i, i+1)
	}
}

// Invalidate says an item's place in the order may have changed.
func (l *List[T]) Invalidate() { l.dirty = true }

// Sorted returns the items in cmp's order. The slice is the list's own:
// read it under the owner's lock, and do not change it.
func (l *List[T]) Sorted(cmp func(a, b T) int) []T {
	if l.dirty {
		slices.SortFunc(l.items, cmp)
		l.dirty = false
	}
	return l.items
}

// Len is the number of items.
func (l *List[T]) Len() int { return len(l.items) }
