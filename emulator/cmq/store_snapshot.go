package cmq

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/statedoc"
)

// snapshotVersion is the version of CMQ's part of a state snapshot. The
// types below are the saved form, written out field by field: the store's
// own types can change without changing what a file holds. The store keeps
// message ids and receipt handles as numbers, instants as Unix nanoseconds
// and a subscription's enums as small numbers; the saved form keeps them as
// the answers print them (decimal strings, times, the names), so a file
// written before the store kept them compactly reads the same.
//
// Pushes under way to http(s) endpoints are not saved: they belong to the
// process that makes them. After a restore their retries stop and each
// subscription's pending count starts again from nothing pending.
const snapshotVersion = 1

type snapshotDoc struct {
	Version int `json:"version"`
	// Seq numbers ids, message ids and receipt handles.
	Seq     uint64           `json:"seq"`
	Tenants []tenantSnapshot `json:"tenants"` // by account name
}

type tenantSnapshot struct {
	Account string          `json:"account"`
	Queues  []queueSnapshot `json:"queues"` // in creation order
	Topics  []topicSnapshot `json:"topics"` // in creation order
	// DeletedQueues and DeletedTopics are the recreate lockouts: names
	// (lower case) deleted recently, with when.
	DeletedQueues []lockoutSnapshot `json:"deletedQueues"`
	DeletedTopics []lockoutSnapshot `json:"deletedTopics"`
}

type lockoutSnapshot struct {
	Name      string    `json:"name"`
	DeletedAt time.Time `json:"deletedAt"`
}

type queueSnapshot struct {
	ID                  string              `json:"id"`
	Name                string              `json:"name"`
	MaxMsgHeapNum       int64               `json:"maxMsgHeapNum"`
	PollingWaitSeconds  int64               `json:"pollingWaitSeconds"`
	VisibilityTimeout   int64               `json:"visibilityTimeout"`
	MaxMsgSize          int64               `json:"maxMsgSize"`
	MsgRetentionSeconds int64               `json:"msgRetentionSeconds"`
	RewindSeconds       int64               `json:"rewindSeconds"`
	Created             time.Time           `json:"created"`
	Modified            time.Time           `json:"modified"`
	DeadLetter          *deadLetterSnapshot `json:"deadLetter,omitempty"`
	Trace               bool                `json:"trace"`
	Tags                []tagSnapshot       `json:"tags"`
	Transaction         bool                `json:"transaction"`
	FirstQueryInterval  int64               `json:"firstQueryInterval"`
	MaxQueryCount       int64               `json:"maxQueryCount"`
	RetentionSizeInMB   int64               `json:"retentionSizeInMB"`
	// Messages are the retained ones in enqueue order, deleted but
	// rewindable ones included.
	Messages []messageSnapshot `json:"messages"`
}

type deadLetterSnapshot struct {
	Queue           string `json:"queue"`
	Policy          int    `json:"policy"`
	MaxReceiveCount int    `json:"maxReceiveCount"`
	MaxTimeToLive   int    `json:"maxTimeToLive"`
}

type tagSnapshot struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// messageSnapshot is one message in whichever state it is: visible,
// delayed or in flight (VisibleAt in the future; a received one has its
// current ReceiptHandle), deleted (still rewindable) or moved to its
// dead-letter queue.
type messageSnapshot struct {
	ID            string    `json:"id"`
	Body          string    `json:"body"`
	Enqueued      time.Time `json:"enqueued"`
	RetainFrom    time.Time `json:"retainFrom"`
	VisibleAt     time.Time `json:"visibleAt"`
	DequeueCount  int       `json:"dequeueCount"`
	FirstDequeue  time.Time `json:"firstDequeue"`
	ReceiptHandle string    `json:"receiptHandle,omitempty"`
	Deleted       bool      `json:"deleted,omitempty"`
	Moved         bool      `json:"moved,omitempty"`
}

type topicSnapshot struct {
	ID            string                 `json:"id"`
	Name          string                 `json:"name"`
	MaxMsgSize    int64                  `json:"maxMsgSize"`
	FilterType    int                    `json:"filterType"`
	Created       time.Time              `json:"created"`
	Modified      time.Time              `json:"modified"`
	Retention     int64                  `json:"retention"`
	Trace         bool                   `json:"trace"`
	Tags          []tagSnapshot          `json:"tags"`
	Subscriptions []subscriptionSnapshot `json:"subscriptions"` // in creation order
}

type subscriptionSnapshot struct {
	ID                  string    `json:"id"`
	Name                string    `json:"name"`
	Protocol            string    `json:"protocol"`
	Endpoint            string    `json:"endpoint"`
	NotifyStrategy      string    `json:"notifyStrategy"`
	NotifyContentFormat string    `json:"notifyContentFormat"`
	FilterTags          []string  `json:"filterTags"`
	BindingKeys         []string  `json:"bindingKeys"`
	Created             time.Time `json:"created"`
	Modified            time.Time `json:"modified"`
}

// saveSnapshot exports the whole store: accounts by name, resources in
// creation order, instants in UTC, so the same state is the same document.
//
// It holds the store's read lock and every queue's lock at once, so the
// document is one instant's state (a message moved to its dead-letter queue
// meanwhile is in exactly one of the two): sends, receives and publishes
// wait for it, as they wait for a create.
func (s *store) saveSnapshot() (json.RawMessage, error) {
	doc := s.snapshotDoc()
	return statedoc.Encode(doc)
}

func (s *store) snapshotDoc() snapshotDoc {
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := slices.Sorted(maps.Keys(s.tenants))
	queues := s.queuesInLockOrderLocked(names)
	for _, q := range queues {
		q.mu.Lock()
	}
	defer func() {
		for _, q := range queues {
			q.mu.Unlock()
		}
	}()
	doc := snapshotDoc{Version: snapshotVersion, Tenants: make([]tenantSnapshot, 0, len(names))}
	for _, n := range names {
		t := s.tenants[n]
		ts := tenantSnapshot{Account: n, Queues: make([]queueSnapshot, 0, len(t.queueOrder)), Topics: make([]topicSnapshot, 0, len(t.topicOrder)),
			DeletedQueues: saveLockouts(t.deletedQueues), DeletedTopics: saveLockouts(t.deletedTopics)}
		for _, q := range t.queueOrder {
			ts.Queues = append(ts.Queues, saveQueue(q))
		}
		for _, tp := range t.topicOrder {
			ts.Topics = append(ts.Topics, saveTopic(tp))
		}
		doc.Tenants = append(doc.Tenants, ts)
	}
	// Read last: every number saved above was drawn before its queue was
	// locked. (A publish draws its own ids under the read lock alone, so
	// the sequence may still move; it only ever grows.)
	doc.Seq = s.seq.Load()
	return doc
}

// queuesInLockOrderLocked lists every queue (mu held) in an order that
// keeps the store's lock order when they are all locked at once: a queue
// before the queue its dead-letter policy names, which a receive locks
// after it. A queue's depth is the length of the chain of policies from
// it (finite: policies form no cycle, checkDeadLetterLocked and the load
// see to that); deeper first puts every source before its target.
func (s *store) queuesInLockOrderLocked(accounts []string) []*queue {
	var out []*queue
	for _, n := range accounts {
		t := s.tenants[n]
		depth := make(map[*queue]int, len(t.queueOrder))
		for _, q := range t.queueOrder {
			depth[q] = t.deadLetterDepthLocked(q)
		}
		start := len(out)
		out = append(out, t.queueOrder...)
		slices.SortStableFunc(out[start:], func(a, b *queue) int { return cmp.Compare(depth[b], depth[a]) })
	}
	return out
}

// deadLetterDepthLocked counts the dead-letter queues that follow q: its
// policy's, that queue's policy's, and so on while they exist. It gives up
// (-1) past as many steps as the account has queues: a cycle, which only a
// hand-made document could hold.
func (t *tenant) deadLetterDepthLocked(q *queue) int {
	d := 0
	for cur := q; cur.deadLetter != nil; d++ {
		next, err := t.queueLocked(cur.deadLetter.DeadLetterQueue)
		if err != nil {
			break
		}
		if d == len(t.queueOrder) {
			return -1
		}
		cur = next
	}
	return d
}

func saveLockouts(m map[string]time.Time) []lockoutSnapshot {
	out := make([]lockoutSnapshot, 0, len(m))
	for _, name := range slices.Sorted(maps.Keys(m)) {
		out = append(out, lockoutSnapshot{Name: name, DeletedAt: m[name].UTC()})
	}
	return out
}

// saveInstant is a kept instant as the document holds it (the zero time
// for "never").
func saveInstant(n int64) time.Time { return instant(n).UTC() }

// saveQueue saves a queue (its lock held).
func saveQueue(q *queue) queueSnapshot {
	a, e := q.attrs, q.extras
	qs := queueSnapshot{ID: q.id, Name: q.name, MaxMsgHeapNum: a.MaxMsgHeapNum, PollingWaitSeconds: a.PollingWaitSeconds,
		VisibilityTimeout: a.VisibilityTimeout, MaxMsgSize: a.MaxMsgSize, MsgRetentionSeconds: a.MsgRetentionSeconds, RewindSeconds: a.RewindSeconds,
		Created: q.created.UTC(), Modified: q.modified.UTC(), Trace: e.Trace, Tags: saveTags(e.Tags), Transaction: e.Transaction,
		FirstQueryInterval: e.FirstQueryInterval, MaxQueryCount: e.MaxQueryCount, RetentionSizeInMB: e.RetentionSizeInMB,
		Messages: make([]messageSnapshot, 0, len(q.msgs))}
	if d := q.deadLetter; d != nil {
		qs.DeadLetter = &deadLetterSnapshot{Queue: d.DeadLetterQueue, Policy: d.Policy, MaxReceiveCount: d.MaxReceiveCount, MaxTimeToLive: d.MaxTimeToLive}
	}
	for _, m := range q.msgs {
		ms := messageSnapshot{ID: msgID(m.id), Body: m.body, Enqueued: saveInstant(m.enqueued), RetainFrom: saveInstant(m.retainFrom),
			VisibleAt: saveInstant(m.visibleAt), DequeueCount: int(m.dequeueCount), FirstDequeue: saveInstant(m.firstDequeue),
			Deleted: m.deleted, Moved: m.moved}
		if m.handle != 0 {
			ms.ReceiptHandle = msgID(m.handle)
		}
		qs.Messages = append(qs.Messages, ms)
	}
	return qs
}

func saveTopic(tp *topic) topicSnapshot {
	ts := topicSnapshot{ID: tp.id, Name: tp.name, MaxMsgSize: tp.maxMsgSize, FilterType: tp.filterType, Created: tp.created.UTC(),
		Modified: tp.modified.UTC(), Retention: tp.retention, Trace: tp.trace, Tags: saveTags(tp.tags),
		Subscriptions: make([]subscriptionSnapshot, 0, len(tp.subOrder))}
	for _, sub := range tp.subOrder {
		ts.Subscriptions = append(ts.Subscriptions, subscriptionSnapshot{ID: sub.idString(), Name: sub.name, Protocol: sub.protocol.String(),
			Endpoint: sub.endpoint, NotifyStrategy: sub.notifyStrategy.String(), NotifyContentFormat: sub.notifyContentFormat.String(),
			FilterTags: slices.Clone(sub.filterTags()), BindingKeys: slices.Clone(sub.bindingKeys()),
			Created: saveInstant(sub.created), Modified: saveInstant(sub.modified)})
	}
	return ts
}

// saveTags and loadTags keep nil apart from empty, as the answers do.
func saveTags(tags []resourceTag) []tagSnapshot {
	return statedoc.Convert(tags, func(t resourceTag) tagSnapshot { return tagSnapshot{Key: t.Key, Value: t.Value} })
}

func loadTags(tags []tagSnapshot) []resourceTag {
	return statedoc.Convert(tags, func(t tagSnapshot) resourceTag { return resourceTag{Key: t.Key, Value: t.Value} })
}

// loadSnapshot checks a saved part in full and builds the store's state
// from it, without touching the current one; install replaces it, ending
// the long polls parked on the state it replaces (as a reset does) and
// the pushes under way.
//
// The new state is built as the API builds one: each queue, topic and
// subscription enters its account through the create path's helpers
// (addQueue, addTopic, addSubscription), so the name maps, creation
// orders, dead-letter sources and queue subscriptions indexes are what
// creating them in that order would have made; each queue's messages are
// placed in its heaps by the rewind's rebuildLocked.
func (s *store) loadSnapshot(raw json.RawMessage) (func(), error) {
	var doc snapshotDoc
	if err := statedoc.Decode(raw, snapshotVersion, &doc); err != nil {
		return nil, err
	}
	l := &snapshotLoad{now: unixNanos(s.clock.Now()), ids: map[string]bool{}, handles: map[uint64]bool{}}
	tenants := make(map[string]*tenant, len(doc.Tenants))
	for i, ts := range doc.Tenants {
		where := fmt.Sprintf("tenants[%d] (%s)", i, ts.Account)
		if _, dup := tenants[ts.Account]; dup || ts.Account == "" {
			return nil, fmt.Errorf("%s: no account, or an account there twice", where)
		}
		t, err := l.tenant(ts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		tenants[ts.Account] = t
	}
	// The numbers to come must not repeat the restored ones (a receipt
	// handle of a restored message must name that message alone).
	seq := max(doc.Seq, l.maxNumber)
	// Nor the ids: the random ids' source continues from a seed of the
	// restored state (a fresh store's fixed seed would make its first ids
	// again).
	var seed uint64
	for id := range l.ids {
		h := fnv.New64a()
		_, _ = h.Write([]byte(id))
		seed += h.Sum64() // a sum: the same whatever the map's order
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.replaceLocked(tenants)
		s.seq.Store(seq)
		s.created = l.ord
		s.rnd = rand.New(rand.NewPCG(seq, seed))
	}, nil
}

// snapshotLoad is what a load checks across the whole document as it
// builds the new state.
type snapshotLoad struct {
	// now places the restored messages in their queues' heaps.
	now int64
	// ids are the queue, topic and subscription ids: unique in the store.
	ids map[string]bool
	// handles are the receipt handles: unique in the store (message ids
	// are unique in a queue: a dead-lettered message keeps its id).
	handles map[uint64]bool
	// maxNumber is the greatest message id or receipt handle.
	maxNumber uint64
	// ord numbers the queues and topics in creation order.
	ord uint64
}

func (l *snapshotLoad) claimID(id, what string) error {
	if id == "" || l.ids[id] {
		return fmt.Errorf("%s %q is empty or there twice", what, id)
	}
	l.ids[id] = true
	return nil
}

func (l *snapshotLoad) nextOrd() uint64 {
	l.ord++
	return l.ord
}

// number reads a message id or receipt handle: a number printed as the
// emulator prints it (decimal, no leading zero, not 0).
func (l *snapshotLoad) number(s string) (uint64, bool) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 || msgID(n) != s {
		return 0, false
	}
	l.maxNumber = max(l.maxNumber, n)
	return n, true
}

// loadInstant reads a saved time as the store keeps it: the zero time is
// "never" (0); others must fit Unix nanoseconds.
func loadInstant(t time.Time, what string) (int64, error) {
	if t.IsZero() {
		return 0, nil
	}
	n := t.UnixNano()
	if !time.Unix(0, n).Equal(t) {
		return 0, fmt.Errorf("%s %s is out of range", what, t.Format(time.RFC3339))
	}
	return n, nil
}

func (l *snapshotLoad) tenant(ts tenantSnapshot) (*tenant, error) {
	t := newTenant()
	t.deletedQueues, t.deletedTopics = loadLockouts(ts.DeletedQueues), loadLockouts(ts.DeletedTopics)
	for _, qs := range ts.Queues {
		if err := l.queue(t, qs); err != nil {
			return nil, err
		}
	}
	// A receive locks a queue, then its dead-letter queue: a cycle of
	// policies could take two queues' locks in opposite orders.
	for _, q := range t.queueOrder {
		if t.deadLetterDepthLocked(q) < 0 {
			return nil, fmt.Errorf("queue %s: its dead-letter policies form a cycle", q.name)
		}
	}
	for _, tps := range ts.Topics {
		if err := l.topic(t, tps); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (l *snapshotLoad) queue(t *tenant, qs queueSnapshot) error {
	if err := l.claimID(qs.ID, "queue id"); err != nil {
		return err
	}
	if _, dup := t.queues[strings.ToLower(qs.Name)]; dup || qs.Name == "" {
		return fmt.Errorf("queue name %q is empty or there twice", qs.Name)
	}
	attrs := queueAttrs{MaxMsgHeapNum: qs.MaxMsgHeapNum, PollingWaitSeconds: qs.PollingWaitSeconds, VisibilityTimeout: qs.VisibilityTimeout,
		MaxMsgSize: qs.MaxMsgSize, MsgRetentionSeconds: qs.MsgRetentionSeconds, RewindSeconds: qs.RewindSeconds}
	extras := queueExtras{Trace: qs.Trace, Tags: loadTags(qs.Tags), Transaction: qs.Transaction, FirstQueryInterval: qs.FirstQueryInterval,
		MaxQueryCount: qs.MaxQueryCount, RetentionSizeInMB: qs.RetentionSizeInMB}
	q := newQueue(qs.ID, qs.Name, l.nextOrd(), attrs, qs.Created, nil, extras)
	q.modified = qs.Modified
	var policy *deadLetterPolicy
	if d := qs.DeadLetter; d != nil {
		policy = &deadLetterPolicy{DeadLetterQueue: d.Queue, Policy: d.Policy, MaxReceiveCount: d.MaxReceiveCount, MaxTimeToLive: d.MaxTimeToLive}
	}
	ids := make(map[uint64]bool, len(qs.Messages))
	for i, ms := range qs.Messages {
		m, err := l.message(ms)
		if err != nil {
			return fmt.Errorf("queue %s: messages[%d]: %w", qs.Name, i, err)
		}
		if ids[m.id] {
			return fmt.Errorf("queue %s: messages[%d]: message id %s is there twice", qs.Name, i, ms.ID)
		}
		ids[m.id] = true
		q.retain(m)
		if m.deleted {
			q.deleted++
		}
		if m.handle != 0 {
			q.handles[m.handle] = m
		}
	}
	q.rebuildLocked(l.now)
	t.addQueue(q, policy)
	return nil
}

func (l *snapshotLoad) message(ms messageSnapshot) (*message, error) {
	id, ok := l.number(ms.ID)
	if !ok {
		return nil, fmt.Errorf("message id %q is not one this emulator makes", ms.ID)
	}
	if ms.DequeueCount < 0 || ms.DequeueCount > 1<<31-1 {
		return nil, fmt.Errorf("dequeueCount %d is out of range", ms.DequeueCount)
	}
	if ms.Moved && !ms.Deleted {
		return nil, errors.New("a moved message is deleted too")
	}
	m := &message{id: id, body: ms.Body, dequeueCount: int32(ms.DequeueCount), deleted: ms.Deleted, moved: ms.Moved}
	for _, f := range []struct {
		dst  *int64
		t    time.Time
		what string
	}{{&m.enqueued, ms.Enqueued, "enqueued"}, {&m.retainFrom, ms.RetainFrom, "retainFrom"}, {&m.visibleAt, ms.VisibleAt, "visibleAt"}, {&m.firstDequeue, ms.FirstDequeue, "firstDequeue"}} {
		n, err := loadInstant(f.t, f.what)
		if err != nil {
			return nil, err
		}
		*f.dst = n
	}
	if ms.ReceiptHandle != "" {
		h, ok := l.number(ms.ReceiptHandle)
		if !ok || !validHandle(ms.ReceiptHandle) {
			return nil, fmt.Errorf("receipt handle %q is not one this emulator makes", ms.ReceiptHandle)
		}
		if ms.Deleted {
			return nil, errors.New("deleted, the message has no receipt handle")
		}
		if l.handles[h] {
			return nil, fmt.Errorf("receipt handle %q is there twice", ms.ReceiptHandle)
		}
		l.handles[h] = true
		m.handle = h
	}
	return m, nil
}

func (l *snapshotLoad) topic(t *tenant, tps topicSnapshot) error {
	if err := l.claimID(tps.ID, "topic id"); err != nil {
		return err
	}
	if _, dup := t.topics[strings.ToLower(tps.Name)]; dup || tps.Name == "" {
		return fmt.Errorf("topic name %q is empty or there twice", tps.Name)
	}
	tp := &topic{id: tps.ID, name: tps.Name, ord: l.nextOrd(), maxMsgSize: tps.MaxMsgSize, filterType: tps.FilterType, created: tps.Created,
		modified: tps.Modified, retention: tps.Retention, trace: tps.Trace, tags: loadTags(tps.Tags)}
	t.addTopic(tp)
	for _, ss := range tps.Subscriptions {
		if err := l.subscription(t, tp, ss); err != nil {
			return fmt.Errorf("topic %s: %w", tps.Name, err)
		}
	}
	return nil
}

func (l *snapshotLoad) subscription(t *tenant, tp *topic, ss subscriptionSnapshot) error {
	if err := l.claimID(ss.ID, "subscription id"); err != nil {
		return err
	}
	short, ok := strings.CutPrefix(ss.ID, subscriptionIDPrefix)
	if !ok || len(short) != idLen {
		return fmt.Errorf("subscription id %q is not %s and %d characters", ss.ID, subscriptionIDPrefix, idLen)
	}
	if _, dup := tp.subs.get(ss.Name); dup || ss.Name == "" {
		return fmt.Errorf("subscription name %q is empty or there twice", ss.Name)
	}
	sub := &subscription{name: ss.Name, endpoint: ss.Endpoint}
	copy(sub.id[:], short)
	var err error
	if sub.protocol, err = loadEnum[protocol]("protocol", protocolNames[:], ss.Protocol); err != nil {
		return err
	}
	if sub.notifyStrategy, err = loadEnum[notifyStrategy]("notifyStrategy", notifyStrategyNames[:], ss.NotifyStrategy); err != nil {
		return err
	}
	if sub.notifyContentFormat, err = loadEnum[contentFormat]("notifyContentFormat", contentFormatNames[:], ss.NotifyContentFormat); err != nil {
		return err
	}
	if sub.created, err = loadInstant(ss.Created, "created"); err != nil {
		return err
	}
	if sub.modified, err = loadInstant(ss.Modified, "modified"); err != nil {
		return err
	}
	if q, qerr := t.queueLocked(ss.Endpoint); qerr == nil && sub.protocol == protocolQueue {
		sub.endpoint = q.name // the same text: shared, as Subscribe shares it
	}
	sub.setFilters(ss.FilterTags, ss.BindingKeys)
	t.addSubscription(tp, sub)
	return nil
}

// loadEnum reads a subscription's enum by its name.
func loadEnum[E ~uint8](what string, names []string, v string) (E, error) {
	if i := slices.Index(names, v); i >= 0 {
		return E(i), nil
	}
	return 0, fmt.Errorf("%s %q is not one of %s", what, v, strings.Join(names, ", "))
}

func loadLockouts(list []lockoutSnapshot) map[string]time.Time {
	out := make(map[string]time.Time, len(list))
	for _, l := range list {
		out[strings.ToLower(l.Name)] = l.DeletedAt
	}
	return out
}
