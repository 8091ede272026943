package cmq

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

// store is the CMQ state and its rules. It knows nothing of HTTP: actions
// turn parameters into its calls.
//
// Locking: mu guards what accounts hold (the maps and lists of queues,
// topics and subscriptions, their attributes, the indexes, gen); changing
// any of it takes mu for writing, reading it takes mu for reading. Each
// queue's messages have the queue's own lock (queue.mu), taken with mu
// held for reading, so sends, receives and deletes on different queues do
// not wait for one another, and a deep queue slows only itself. The order
// is always mu, then a queue, then (a dead-letter move) the queue its
// policy names: policies cannot form a cycle (checkDeadLetterLocked), so
// two queue locks are never taken in opposite orders.
type store struct {
	clock *clock.Clock
	opts  Options

	mu      sync.RWMutex
	tenants map[string]*tenant // by account name
	// none answers reads for an account that has nothing yet; it is never
	// written (reads must not create a tenant under a read lock).
	none *tenant
	rnd  *rand.Rand
	// gen changes on reset so timers scheduled before it do nothing.
	gen uint64
	// onWait, when set (tests only), is told each time a receive starts
	// waiting, so a test can move the clock knowing the receive is parked.
	onWait func()
	// closed ends every parked receive when the emulator shuts down.
	closed    chan struct{}
	closeOnce sync.Once

	// seq numbers message ids and receipt handles; atomic, so queues need
	// no common lock to draw from it.
	seq atomic.Uint64
	// created numbers queues and topics in creation order (mu held for
	// writing).
	created uint64

	// resourceRate is each queue's and topic's rate (zero: unlimited);
	// resources holds the buckets, guarded by their own lock.
	resourceRate ratelimit.Rate
	resources    ratelimit.Limiter
}

// tenant is one account's resources. Names are unique case-insensitively
// (the maps are keyed by lower case) but looked up exactly (cmq.md §7.1).
// The orders are creation order, which every list answers in.
type tenant struct {
	queues        map[string]*queue
	queueOrder    []*queue
	deletedQueues map[string]time.Time // lower name → deletion time
	topics        map[string]*topic
	topicOrder    []*topic
	deletedTopics map[string]time.Time
	// deadLetterSources indexes the queues by the dead-letter queue their
	// policy names (exactly), in creation order.
	deadLetterSources map[string][]*queue
	// queueSubscriptions indexes the queue subscriptions by endpoint
	// (exactly), in topic creation order then subscription order: the
	// order DescribeCmqSubscriptionDetail's queue query answers in.
	queueSubscriptions map[string][]topicSubscription
}

func newTenant() *tenant {
	return &tenant{queues: map[string]*queue{}, deletedQueues: map[string]time.Time{}, topics: map[string]*topic{},
		deletedTopics: map[string]time.Time{}, deadLetterSources: map[string][]*queue{}, queueSubscriptions: map[string][]topicSubscription{}}
}

func newStore(c *clock.Clock, opts Options) *store {
	s := &store{clock: c, opts: opts, tenants: map[string]*tenant{}, none: newTenant(), rnd: rand.New(rand.NewPCG(1, 2)), closed: make(chan struct{})}
	s.seq.Store(100000000)
	if opts.RateLimits {
		s.resourceRate = ratelimit.Per(opts.QPSPerResource, time.Second)
	}
	return s
}

// close ends every parked receive (they answer "no message") and makes later
// ones return at once.
func (s *store) close() { s.closeOnce.Do(func() { close(s.closed) }) }

// tenantLocked returns (creating) an account's resources; mu is held for
// writing.
func (s *store) tenantLocked(acct string) *tenant {
	t, ok := s.tenants[acct]
	if !ok {
		t = newTenant()
		s.tenants[acct] = t
	}
	return t
}

// readTenant returns an account's resources for reading (mu held for
// reading): an empty tenant when it has none.
func (s *store) readTenant(acct string) *tenant {
	if t, ok := s.tenants[acct]; ok {
		return t
	}
	return s.none
}

// next is the next number of the store's sequence.
func (s *store) next() uint64 { return s.seq.Add(1) }

// ordLocked is the next creation number (mu held for writing).
func (s *store) ordLocked() uint64 {
	s.created++
	return s.created
}

// idLocked makes a resource id: prefix + 10 lower-case alphanumerics (mu
// held for writing: rnd is not safe for concurrent use).
func (s *store) idLocked(prefix string) string {
	var b strings.Builder
	b.Grow(len(prefix) + idLen)
	b.WriteString(prefix)
	id := s.shortIDLocked()
	b.Write(id[:])
	return b.String()
}

// idLen is the length of a resource id after its prefix.
const idLen = 10

// shortID is the random part of a resource id, kept without its prefix
// where there are many (subscriptions).
type shortID [idLen]byte

func (s *store) shortIDLocked() shortID {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var id shortID
	for i := range id {
		id[i] = alphabet[s.rnd.IntN(len(alphabet))]
	}
	return id
}

// with is the id with its prefix.
func (id shortID) with(prefix string) string { return prefix + string(id[:]) }

// reset empties everything and invalidates pending timers; waiting
// receives wake up and find their queue gone.
func (s *store) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replaceLocked(map[string]*tenant{})
}

// replaceLocked installs tenants in place of every account's resources (mu
// held for writing), as a reset and a snapshot's load do: receives parked
// on the replaced queues wake and find them gone, timers and pushes of the
// replaced state do nothing (gen), rate-limit buckets start full.
func (s *store) replaceLocked(tenants map[string]*tenant) {
	for _, t := range s.tenants {
		for _, q := range t.queues {
			q.mu.Lock()
			q.wakeAll()
			q.mu.Unlock()
		}
	}
	s.tenants = tenants
	s.gen++
	s.resources.Reset()
}

// lockedOut reports whether a name deleted at some time is still blocked.
func (s *store) lockedOut(deleted map[string]time.Time, lower string, now time.Time) bool {
	at, ok := deleted[lower]
	if !ok {
		return false
	}
	if now.Sub(at) < s.opts.RecreateLockout {
		return true
	}
	delete(deleted, lower)
	return false
}

// pager collects one page of a list while the list is walked once: the
// total counts every element offered, the page keeps those from offset on,
// at most limit of them. No list of all matches is built.
type pager[T any] struct {
	offset, limit, total int
	page                 []T
}

func newPager[T any](offset, limit int) *pager[T] {
	return &pager[T]{offset: offset, limit: limit, page: []T{}}
}

// offer counts one match and reports whether the page wants it.
func (p *pager[T]) offer() bool {
	p.total++
	return p.total > p.offset && len(p.page) < p.limit
}

func (p *pager[T]) add(v T) { p.page = append(p.page, v) }

// window is the part [offset, offset+limit) of a list of n elements.
func window(n, offset, limit int) (int, int) {
	if offset >= n {
		return n, n
	}
	return offset, min(n, offset+limit)
}

// insertOrdered inserts v into list, kept sorted by key, after any equal.
func insertOrdered[T any](list []T, v T, key func(T) uint64) []T {
	i, _ := slices.BinarySearchFunc(list, key(v)+1, func(e T, k uint64) int { return cmp.Compare(key(e), k) })
	return slices.Insert(list, i, v)
}

// removeFirst removes the first element equal to v, if any.
func removeFirst[T comparable](list []T, v T) []T {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// resourceTag is a tag on a queue or topic. Only API 3.0 sets and shows
// tags (tdmq-cmq.md §10.3); the legacy API ignores them.
type resourceTag struct{ Key, Value string }

// resourceFilter is what API 3.0's list actions filter by (tdmq-cmq.md
// §3.6): a case-sensitive substring of the name, exact names (nil: any) and
// tag filters, all of which must match.
type resourceFilter struct {
	nameContains string
	names        []string
	tags         []tagFilter
}

// tagFilter keeps resources with tag key whose value is one of values (any
// value when values is empty).
type tagFilter struct {
	key    string
	values []string
}

// empty reports whether the filter keeps everything.
func (f resourceFilter) empty() bool {
	return f.nameContains == "" && f.names == nil && len(f.tags) == 0
}

func (f resourceFilter) matches(name string, tags []resourceTag) bool {
	if !strings.Contains(name, f.nameContains) || f.names != nil && !slices.Contains(f.names, name) {
		return false
	}
	for _, tf := range f.tags {
		if !slices.ContainsFunc(tags, func(t resourceTag) bool {
			return t.Key == tf.key && (len(tf.values) == 0 || slices.Contains(tf.values, t.Value))
		}) {
			return false
		}
	}
	return true
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// The store keeps per-message and per-subscription instants as Unix
// nanoseconds (8 bytes, no pointer, where a time.Time takes 24); 0 is
// "never". The clock stays within clock.MaxOffset of real time, far inside
// int64 nanoseconds' range.

// unixNanos is an instant as the store keeps it.
func unixNanos(t time.Time) int64 { return t.UnixNano() }

// instant is a kept instant as a time.Time (the zero Time for 0).
func instant(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// unixSeconds is a kept instant in Unix seconds (0 for 0), as unix rounds.
func unixSeconds(n int64) int64 { return unix(instant(n)) }

// seconds is a number of seconds in the store's nanoseconds.
func seconds(n int64) int64 { return n * int64(time.Second) }
