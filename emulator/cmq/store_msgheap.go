package cmq

// msgHeap is a binary min-heap of messages that keeps each message's index
// (message.heapAt), so a message leaves it in O(log n) wherever it is. A
// queue's hidden messages (delayed and in flight) are one, ordered by the
// instant they become visible; the messages that become visible again are
// another, ordered by enqueue position (readySet). A receive then costs
// O(log n) at worst whatever the depth, instead of a scan of the queue.
type msgHeap struct {
	items []*message
	less  func(a, b *message) bool
	// where is the heap's tag in message.where.
	where uint8
}

// Where a message is (message.where).
const (
	inNoHeap uint8 = iota
	inReady        // readySet.back
	inHidden       // the hidden heap
	inFresh        // readySet.fresh
)

func byPosition(a, b *message) bool { return a.pos < b.pos }
func byVisibleAt(a, b *message) bool {
	return a.visibleAt < b.visibleAt || a.visibleAt == b.visibleAt && a.pos < b.pos
}

func (h *msgHeap) len() int { return len(h.items) }

// top is the least message (nil when empty).
func (h *msgHeap) top() *message {
	if len(h.items) == 0 {
		return nil
	}
	return h.items[0]
}

func (h *msgHeap) push(m *message) {
	m.where, m.heapAt = h.where, int32(len(h.items))
	h.items = append(h.items, m)
	h.up(len(h.items) - 1)
}

// pop removes and returns the least message.
func (h *msgHeap) pop() *message {
	m := h.items[0]
	h.remove(m)
	return m
}

// remove takes m out of the heap (m must be in it).
func (h *msgHeap) remove(m *message) {
	i, last := int(m.heapAt), len(h.items)-1
	if i != last {
		h.swap(i, last)
	}
	h.items[last] = nil
	h.items = h.items[:last]
	if i != last {
		if !h.down(i) {
			h.up(i)
		}
	}
	m.where, m.heapAt = inNoHeap, 0
	// A drained heap gives its array back: a queue that was deep once does
	// not keep a deep queue's worth of slots.
	if len(h.items) == 0 && cap(h.items) > 1024 {
		h.items = nil
	}
}

// reset empties the heap.
func (h *msgHeap) reset() {
	for _, m := range h.items {
		m.where, m.heapAt = inNoHeap, 0
	}
	h.items = nil
}

func (h *msgHeap) swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	h.items[i].heapAt, h.items[j].heapAt = int32(i), int32(j)
}

func (h *msgHeap) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(h.items[j], h.items[i]) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

// down sifts i down and reports whether it moved.
func (h *msgHeap) down(i0 int) bool {
	i, n := i0, len(h.items)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && h.less(h.items[r], h.items[l]) {
			j = r
		}
		if !h.less(h.items[j], h.items[i]) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}

// readySet holds a queue's messages believed visible, to be delivered in
// enqueue order. Most were visible from their send and arrive in position
// order: they wait in fresh, a FIFO read from head, so taking one costs
// O(1) and touches memory in order however deep the queue. The others
// (visible again after a delay or a visibility timeout) wait in back, a
// heap by position; pop takes the earlier of the two fronts. A message that
// leaves fresh early (deleted, expired) stays there as a stale entry, skipped
// at the head and compacted away once stale entries are many.
type readySet struct {
	fresh       []*message
	head, stale int
	back        msgHeap
}

func newReadySet() readySet { return readySet{back: msgHeap{less: byPosition, where: inReady}} }

func (r *readySet) len() int { return len(r.fresh) - r.head - r.stale + r.back.len() }

// pushFresh adds a message positioned after every message in fresh.
func (r *readySet) pushFresh(m *message) {
	m.where = inFresh
	r.fresh = append(r.fresh, m)
}

// push adds a message in any position.
func (r *readySet) push(m *message) { r.back.push(m) }

// remove takes m (in the set) out.
func (r *readySet) remove(m *message) {
	if m.where != inFresh {
		r.back.remove(m)
		return
	}
	m.where = inNoHeap
	r.stale++
	if live := len(r.fresh) - r.head - r.stale; r.stale > 64 && r.stale > live {
		r.compact()
	}
}

// compact drops the stale entries and the consumed front of fresh.
func (r *readySet) compact() {
	kept := r.fresh[:0]
	for _, m := range r.fresh[r.head:] {
		if m.where == inFresh {
			kept = append(kept, m)
		}
	}
	clear(r.fresh[len(kept):])
	r.fresh, r.head, r.stale = kept, 0, 0
}

// pop removes and returns the earliest message (the set is not empty).
func (r *readySet) pop() *message {
	for r.head < len(r.fresh) && r.fresh[r.head].where != inFresh {
		r.fresh[r.head] = nil
		r.head++
		r.stale--
	}
	if r.head < len(r.fresh) {
		f := r.fresh[r.head]
		if b := r.back.top(); b == nil || f.pos < b.pos {
			r.fresh[r.head] = nil
			r.head++
			f.where = inNoHeap
			if r.head == len(r.fresh) {
				// Drained: start over (a slice drained from the front
				// would otherwise only grow).
				r.fresh, r.head = r.fresh[:0], 0
				if cap(r.fresh) > 1024 {
					r.fresh = nil
				}
			} else if r.head > 1024 && r.head*2 > len(r.fresh) {
				r.compact()
			}
			return f
		}
	}
	return r.back.pop()
}

func (r *readySet) reset() {
	for _, m := range r.fresh[r.head:] {
		if m.where == inFresh {
			m.where = inNoHeap
		}
	}
	r.fresh, r.head, r.stale = nil, 0, 0
	r.back.reset()
}
