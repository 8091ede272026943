package cmq

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

// store is the CMQ state and its rules. It knows nothing of HTTP: actions
// turn parameters into its calls. One mutex guards everything, so every
// domain operation checks and acts in one critical section.
type store struct {
	clock *clock.Clock
	opts  Options

	mu      sync.Mutex
	tenants map[string]*tenant // by account name
	seq     uint64             // ids, message ids and receipt handles
	rnd     *rand.Rand
	// gen changes on reset so timers scheduled before it do nothing.
	gen uint64
	// onWait, when set (tests only), is told each time a receive starts
	// waiting, so a test can move the clock knowing the receive is parked.
	onWait func()
	// closed ends every parked receive when the emulator shuts down.
	closed    chan struct{}
	closeOnce sync.Once

	// resourceRate is each queue's and topic's rate (zero: unlimited);
	// resources holds the buckets, guarded by their own lock.
	resourceRate ratelimit.Rate
	resources    ratelimit.Limiter
}

// tenant is one account's resources. Names are unique case-insensitively
// (the maps are keyed by lower case) but looked up exactly (cmq.md §7.1).
type tenant struct {
	queues        map[string]*queue
	queueOrder    []*queue
	deletedQueues map[string]time.Time // lower name → deletion time
	topics        map[string]*topic
	topicOrder    []*topic
	deletedTopics map[string]time.Time
}

func newStore(c *clock.Clock, opts Options) *store {
	s := &store{clock: c, opts: opts, tenants: map[string]*tenant{}, seq: 100000000, rnd: rand.New(rand.NewPCG(1, 2)), closed: make(chan struct{})}
	if opts.RateLimits {
		s.resourceRate = ratelimit.Per(opts.QPSPerResource, time.Second)
	}
	return s
}

// close ends every parked receive (they answer "no message") and makes later
// ones return at once.
func (s *store) close() { s.closeOnce.Do(func() { close(s.closed) }) }

// tenantLocked returns (creating) an account's resources.
func (s *store) tenantLocked(acct string) *tenant {
	t, ok := s.tenants[acct]
	if !ok {
		t = &tenant{queues: map[string]*queue{}, deletedQueues: map[string]time.Time{}, topics: map[string]*topic{}, deletedTopics: map[string]time.Time{}}
		s.tenants[acct] = t
	}
	return t
}

// nextLocked is the next number of the store's sequence.
func (s *store) nextLocked() uint64 {
	s.seq++
	return s.seq
}

// idLocked makes a resource id: prefix + 10 lower-case alphanumerics.
func (s *store) idLocked(prefix string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	b.WriteString(prefix)
	for range 10 {
		b.WriteByte(alphabet[s.rnd.IntN(len(alphabet))])
	}
	return b.String()
}

// numberLocked is a decimal id (message ids, receipt handles).
func (s *store) numberLocked() string { return strconv.FormatUint(s.nextLocked(), 10) }

// reset empties everything and invalidates pending timers; waiting
// receives wake up and find their queue gone.
func (s *store) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tenants {
		for _, q := range t.queues {
			q.wakeAll()
		}
	}
	s.tenants = map[string]*tenant{}
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
