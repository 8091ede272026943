package cmq

// msgHeap is a binary min-heap of messages that keeps each message's index
// (message.heapAt), so a message leaves it in O(log n) wherever it is. A
// queue has two: ready, ordered by enqueue position (the order receives
// deliver in), and hidden, ordered by the instant a message becomes visible
// (delayed and in-flight messages). A receive then costs O(log n) whatever
// the depth, instead of a scan of the queue.
type msgHeap struct {
	items []*message
	less  func(a, b *message) bool
	// where is the heap's tag in message.where.
	where uint8
}

// Where a message is (message.where).
const (
	inNoHeap uint8 = iota
	inReady
	inHidden
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
