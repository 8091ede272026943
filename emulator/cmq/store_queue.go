package cmq

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
)

// queueAttrs are a queue's settable attributes (cmq.md §8.1).
type queueAttrs struct {
	MaxMsgHeapNum       int64
	PollingWaitSeconds  int64
	VisibilityTimeout   int64
	MaxMsgSize          int64
	MsgRetentionSeconds int64
	RewindSeconds       int64
}

func defaultQueueAttrs() queueAttrs {
	return queueAttrs{MaxMsgHeapNum: 10_000_000, VisibilityTimeout: 30, MaxMsgSize: 65536, MsgRetentionSeconds: 345600}
}

// queueExtras are the attributes only API 3.0 sets and shows (tdmq-cmq.md
// §10.3). They are kept with the queue, so a queue looks the same through
// both doors; none of them changes how messages behave.
type queueExtras struct {
	Trace              bool
	Tags               []resourceTag
	Transaction        bool
	FirstQueryInterval int64
	MaxQueryCount      int64
	RetentionSizeInMB  int64
}

// queueAttrPatch holds the attributes a request sets (nil = unchanged).
type queueAttrPatch struct {
	MaxMsgHeapNum, PollingWaitSeconds, VisibilityTimeout, MaxMsgSize, MsgRetentionSeconds, RewindSeconds *int64
	DeadLetter                                                                                           *deadLetterPolicy

	// API 3.0's own attributes (tags only on create).
	Trace, Transaction                                   *bool
	Tags                                                 []resourceTag
	FirstQueryInterval, MaxQueryCount, RetentionSizeInMB *int64
}

func (p queueAttrPatch) apply(a queueAttrs) queueAttrs {
	set(&a.MaxMsgHeapNum, p.MaxMsgHeapNum)
	set(&a.PollingWaitSeconds, p.PollingWaitSeconds)
	set(&a.VisibilityTimeout, p.VisibilityTimeout)
	set(&a.MaxMsgSize, p.MaxMsgSize)
	set(&a.MsgRetentionSeconds, p.MsgRetentionSeconds)
	set(&a.RewindSeconds, p.RewindSeconds)
	return a
}

func (p queueAttrPatch) applyExtras(e queueExtras) queueExtras {
	set(&e.Trace, p.Trace)
	set(&e.Transaction, p.Transaction)
	set(&e.FirstQueryInterval, p.FirstQueryInterval)
	set(&e.MaxQueryCount, p.MaxQueryCount)
	set(&e.RetentionSizeInMB, p.RetentionSizeInMB)
	if p.Tags != nil {
		e.Tags = slices.Clone(p.Tags)
	}
	return e
}

// set copies *v into *dst when the request set it.
func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// checkRewind: a queue cannot rewind further back than it retains
// messages (10700).
func checkRewind(a queueAttrs) error {
	if a.RewindSeconds > a.MsgRetentionSeconds {
		return errRewindSecondsExceedRetention.New()
	}
	return nil
}

// queueRules are the queue rules that differ between the two APIs acting
// on the one store (tdmq-cmq.md §5.1, §10.4, §10.6). Every other rule is
// the same whichever door a request came through.
type queueRules struct {
	// defaults are the attributes of a new queue before the request's own.
	defaults queueAttrs
	// rewindWithinRetention is the legacy rule rewindSeconds ≤
	// msgRetentionSeconds (10700). API 3.0 decouples the two, so on a
	// modify it applies only when the request sets one of them: a legacy
	// client can still change anything else of a queue made through 3.0
	// (§10.6.1).
	rewindWithinRetention bool
	// ttlBelowRetention is API 3.0's rule that a policy-1 maxTimeToLive is
	// below msgRetentionSeconds (§5.1).
	ttlBelowRetention bool
	// unknownDeadLetterQueue answers a dead-letter queue that does not
	// exist: legacy 10110, API 3.0 the queue's not-found (§5.1.2).
	unknownDeadLetterQueue *apierr.Def
	// deadLetterFirst checks the dead-letter queue before the name's
	// duplicate, lockout and quota, in API 3.0's order (§5.1.3).
	deadLetterFirst bool
}

func legacyQueueRules() queueRules {
	return queueRules{defaults: defaultQueueAttrs(), rewindWithinRetention: true, unknownDeadLetterQueue: errRequestParametersError}
}

// api3QueueRules: CreateCmqQueue's defaults differ (maxMsgSize 1 MiB,
// msgRetentionSeconds 3600, tdmq-cmq.md §10.4).
func api3QueueRules() queueRules {
	d := defaultQueueAttrs()
	d.MaxMsgSize, d.MsgRetentionSeconds = api3QueueMaxMsgSize, api3QueueMsgRetention
	return queueRules{defaults: d, ttlBelowRetention: true, unknownDeadLetterQueue: errQueueNotExisted, deadLetterFirst: true}
}

// queue is one queue and its messages. Its name, id, attributes and policy
// are the store's (under store.mu); its messages are under its own mu.
type queue struct {
	id, name string
	// ord orders queues by creation (the dead-letter sources index).
	ord               uint64
	attrs             queueAttrs
	created, modified time.Time
	// deadLetter is the queue's dead-letter policy, nil when none.
	deadLetter *deadLetterPolicy
	extras     queueExtras

	mu sync.Mutex
	// msgs are the retained messages in enqueue order, deleted-but-rewindable
	// ones included; deleted counts the deleted ones still in msgs, and
	// deletedAtPurge how many the last purge left.
	msgs                    []*message
	deleted, deletedAtPurge int
	// tail is the last enqueue position given.
	tail uint64
	// ready holds the undeleted messages believed visible, by position;
	// hidden the delayed and in-flight ones, by the instant they become
	// visible; promotedUpTo is the latest instant messages were moved
	// from hidden to ready at (the clock may go back).
	ready        readySet
	hidden       msgHeap
	promotedUpTo int64
	// handles maps each current receipt handle to its message.
	handles map[uint64]*message
	// waiters are the long-polling receives; each gets a wake-up.
	waiters map[chan struct{}]struct{}
}

func newQueue(id, name string, ord uint64, attrs queueAttrs, now time.Time, deadLetter *deadLetterPolicy, extras queueExtras) *queue {
	return &queue{id: id, name: name, ord: ord, attrs: attrs, created: now, modified: now, deadLetter: deadLetter, extras: extras,
		ready: newReadySet(), hidden: msgHeap{less: byVisibleAt, where: inHidden},
		handles: map[uint64]*message{}, waiters: map[chan struct{}]struct{}{}}
}

// wakeAll tells every waiting receive that something changed (q.mu held).
func (q *queue) wakeAll() {
	for w := range q.waiters {
		select {
		case w <- struct{}{}:
		default:
		}
	}
}

// clearLocked drops every message.
func (q *queue) clearLocked() {
	clear(q.msgs)
	q.msgs, q.deleted, q.deletedAtPurge = nil, 0, 0
	q.ready.reset()
	q.hidden.reset()
	clear(q.handles)
}

// queueRef is a ListQueue element.
type queueRef struct {
	QueueID   string `json:"queueId"`
	QueueName string `json:"queueName"`
}

func (q *queue) ref() queueRef { return queueRef{q.id, q.name} }

// queueCounts are a queue's messages per state at one instant.
type queueCounts struct {
	Active, Inactive, Delayed, Rewindable int
	MinMsgTime                            int64
}

// queueLocked finds a queue by its exact name.
func (t *tenant) queueLocked(name string) (*queue, *apierr.Error) {
	q, ok := t.queues[strings.ToLower(name)]
	if !ok || q.name != name {
		return nil, errQueueNotExisted.New()
	}
	return q, nil
}

// setDeadLetterLocked replaces q's policy, keeping the sources index.
func (t *tenant) setDeadLetterLocked(q *queue, p *deadLetterPolicy) {
	if old := q.deadLetter; old != nil {
		t.deadLetterSources[old.DeadLetterQueue] = removeFirst(t.deadLetterSources[old.DeadLetterQueue], q)
		if len(t.deadLetterSources[old.DeadLetterQueue]) == 0 {
			delete(t.deadLetterSources, old.DeadLetterQueue)
		}
	}
	q.deadLetter = p
	if p != nil {
		t.deadLetterSources[p.DeadLetterQueue] = insertOrdered(t.deadLetterSources[p.DeadLetterQueue], q, func(q *queue) uint64 { return q.ord })
	}
}

// createQueue applies the create rules in one critical section:
// duplicate (case-insensitive), recreate lockout, account quota, the rules'
// own checks and the dead-letter policy.
func (s *store) createQueue(acct, name string, patch queueAttrPatch, rules queueRules) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	lower := strings.ToLower(name)
	now := s.clock.Now()
	attrs := patch.apply(rules.defaults)
	if rules.deadLetterFirst {
		if err := t.checkDeadLetterLocked(name, patch.DeadLetter, attrs, rules); err != nil {
			return "", err
		}
	}
	if _, ok := t.queues[lower]; ok {
		return "", errQueueAlreadyExisted.New()
	}
	if s.lockedOut(t.deletedQueues, lower, now) {
		return "", errQueueRecreateLockout.New()
	}
	if len(t.queues) >= s.opts.MaxQueues {
		return "", errQueueNumberLimit.New()
	}
	if rules.rewindWithinRetention {
		if err := checkRewind(attrs); err != nil {
			return "", err
		}
	}
	if !rules.deadLetterFirst {
		if err := t.checkDeadLetterLocked(name, patch.DeadLetter, attrs, rules); err != nil {
			return "", err
		}
	}
	// The name may share a request's memory; the map key shares the copy.
	name = strings.Clone(name)
	q := newQueue(s.idLocked("queue-"), name, s.ordLocked(), attrs, now, nil, patch.applyExtras(queueExtras{Tags: []resourceTag{}}))
	t.addQueue(q, patch.DeadLetter)
	return q.id, nil
}

// addQueue puts a new queue (its ord the highest yet) into the account's
// name map, creation order and dead-letter sources index: what a create
// and a snapshot's load both do.
func (t *tenant) addQueue(q *queue, deadLetter *deadLetterPolicy) {
	t.setDeadLetterLocked(q, deadLetter)
	t.queues[strings.ToLower(q.name)] = q
	t.queueOrder = append(t.queueOrder, q)
}

// listQueues pages the queues whose name contains searchWord, in creation order.
func (s *store) listQueues(acct, searchWord string, offset, limit int) (int, []queueRef) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	order := s.readTenant(acct).queueOrder
	if searchWord == "" {
		lo, hi := window(len(order), offset, limit)
		out := make([]queueRef, 0, hi-lo)
		for _, q := range order[lo:hi] {
			out = append(out, q.ref())
		}
		return len(order), out
	}
	pg := newPager[queueRef](offset, limit)
	for _, q := range order {
		if strings.Contains(q.name, searchWord) && pg.offer() {
			pg.add(q.ref())
		}
	}
	return pg.total, pg.page
}

// queueInfo is a queue at one instant, as GetQueueAttributes and API 3.0's
// CmqQueue report it.
type queueInfo struct {
	attrs             queueAttrs
	extras            queueExtras
	deadLetter        *deadLetterPolicy
	id, name          string
	created, modified time.Time
	counts            queueCounts
	// deadLetterSources are the queues whose policy names this one.
	deadLetterSources []queueRef
}

// infoLocked copies what a report needs, so it can be rendered after the
// lock is released (mu held; it takes the queue's lock for the counts).
func (t *tenant) infoLocked(q *queue, now time.Time) queueInfo {
	info := queueInfo{attrs: q.attrs, extras: q.extras, id: q.id, name: q.name, created: q.created, modified: q.modified,
		deadLetterSources: t.deadLetterSourcesLocked(q.name)}
	q.mu.Lock()
	info.counts = q.countsLocked(unixNanos(now))
	q.mu.Unlock()
	info.extras.Tags = slices.Clone(q.extras.Tags)
	if q.deadLetter != nil {
		p := *q.deadLetter
		info.deadLetter = &p
	}
	return info
}

func (s *store) queueInfo(acct, name string) (queueInfo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.readTenant(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		return queueInfo{}, err
	}
	return t.infoLocked(q, s.clock.Now()), nil
}

// describeQueues is API 3.0's list: every attribute of the queues the
// filter keeps, paged in creation order; the total counts them all.
func (s *store) describeQueues(acct string, f resourceFilter, offset, limit int) (int, []queueInfo) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.readTenant(acct)
	now := s.clock.Now()
	info := func(q *queue) queueInfo { return t.infoLocked(q, now) }
	if f.empty() {
		lo, hi := window(len(t.queueOrder), offset, limit)
		out := make([]queueInfo, 0, hi-lo)
		for _, q := range t.queueOrder[lo:hi] {
			out = append(out, info(q))
		}
		return len(t.queueOrder), out
	}
	candidates := t.queueOrder
	if f.names != nil {
		// Exact names: the index finds them, creation order sorts them.
		candidates = byNames(f.names, func(n string) (*queue, bool) {
			q, err := t.queueLocked(n)
			return q, err == nil
		}, func(q *queue) uint64 { return q.ord })
	}
	pg := newPager[queueInfo](offset, limit)
	for _, q := range candidates {
		if f.matches(q.name, q.extras.Tags) && pg.offer() {
			pg.add(info(q))
		}
	}
	return pg.total, pg.page
}

// byNames looks each name up once and returns what exists in creation order:
// a filter by a few exact names costs those few lookups, not a scan.
func byNames[T comparable](names []string, lookup func(string) (T, bool), ord func(T) uint64) []T {
	var out []T
	for _, n := range names {
		if v, ok := lookup(n); ok && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(ord(a), ord(b)) })
	return out
}

// setQueueAttributes applies a patch under the rules of the API it came
// through; success touches lastModifyTime even when nothing changed.
func (s *store) setQueueAttributes(acct, name string, patch queueAttrPatch, rules queueRules) (queueInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		return queueInfo{}, err
	}
	attrs := patch.apply(q.attrs)
	if rules.rewindWithinRetention && (patch.RewindSeconds != nil || patch.MsgRetentionSeconds != nil) {
		if err := checkRewind(attrs); err != nil {
			return queueInfo{}, err
		}
	}
	if err := t.checkDeadLetterLocked(name, patch.DeadLetter, attrs, rules); err != nil {
		return queueInfo{}, err
	}
	if rules.ttlBelowRetention && patch.DeadLetter == nil {
		// Lowering the retention must keep a stored policy valid.
		if err := checkTTLBelowRetention(q.deadLetter, attrs); err != nil {
			return queueInfo{}, err
		}
	}
	if patch.DeadLetter != nil {
		t.setDeadLetterLocked(q, patch.DeadLetter)
	}
	q.attrs = attrs
	q.extras = patch.applyExtras(q.extras)
	q.modified = s.clock.Now()
	return queueInfo{attrs: q.attrs, id: q.id, name: q.name}, nil
}

// deleteQueue drops the queue and its messages and starts the lockout.
func (s *store) deleteQueue(acct, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		return err
	}
	lower := strings.ToLower(name)
	delete(t.queues, lower)
	t.queueOrder = removeFirst(t.queueOrder, q)
	t.setDeadLetterLocked(q, nil)
	t.deletedQueues[lower] = s.clock.Now()
	q.mu.Lock()
	q.wakeAll()
	q.mu.Unlock()
	return nil
}

// clearQueue is ClearCmqQueue (tdmq-cmq.md §5.6): every message goes,
// whatever its state, rewindable copies too, so every receipt handle dies;
// attributes and lastModifyTime stay, parked receives keep waiting.
func (s *store) clearQueue(acct, name string) error {
	_, q, err := s.lockQueue(acct, name)
	if err != nil {
		return err
	}
	defer s.unlockQueue(q)
	q.clearLocked()
	return nil
}

// rewindQueue makes every retained message enqueued at or after start
// visible again, in production order; outstanding handles become invalid.
func (s *store) rewindQueue(acct, name string, start int64) error {
	_, q, err := s.lockQueue(acct, name)
	if err != nil {
		return err
	}
	defer s.unlockQueue(q)
	if q.attrs.RewindSeconds == 0 {
		return errQueueCannotRewind.New()
	}
	clockNow := s.clock.Now()
	if start < clockNow.Unix()-q.attrs.RewindSeconds || start > clockNow.Unix() {
		return errInvalidRewindTime.New()
	}
	now := unixNanos(clockNow)
	q.purgeLocked(now)
	for _, m := range q.msgs {
		if unixSeconds(m.enqueued) < start {
			continue
		}
		if m.deleted {
			m.deleted = false
			q.deleted--
		}
		if q.expired(m, now) {
			// Kept past its retention for a rewind (§10.6.2): consumable
			// again for a whole retention period.
			m.retainFrom = now
		}
		if m.handle != 0 {
			delete(q.handles, m.handle)
			m.handle = 0
		}
		m.visibleAt = now
	}
	q.deletedAtPurge = min(q.deletedAtPurge, q.deleted)
	q.rebuildLocked(now)
	q.wakeAll()
	return nil
}
