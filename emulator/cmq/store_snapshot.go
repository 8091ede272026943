package cmq

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/statedoc"
)

// snapshotVersion is the version of CMQ's part of a state snapshot. The
// types below are the saved form, written out field by field: the store's
// own types can change without changing what a file holds.
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
// creation order.
func (s *store) saveSnapshot() (json.RawMessage, error) {
	s.mu.Lock()
	doc := snapshotDoc{Version: snapshotVersion, Seq: s.seq, Tenants: []tenantSnapshot{}}
	names := make([]string, 0, len(s.tenants))
	for n := range s.tenants {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := s.tenants[n]
		ts := tenantSnapshot{Account: n, Queues: []queueSnapshot{}, Topics: []topicSnapshot{},
			DeletedQueues: saveLockouts(t.deletedQueues), DeletedTopics: saveLockouts(t.deletedTopics)}
		for _, q := range t.queueOrder {
			ts.Queues = append(ts.Queues, saveQueue(q))
		}
		for _, tp := range t.topicOrder {
			ts.Topics = append(ts.Topics, saveTopic(tp))
		}
		doc.Tenants = append(doc.Tenants, ts)
	}
	s.mu.Unlock()
	return statedoc.Encode(doc)
}

func saveLockouts(m map[string]time.Time) []lockoutSnapshot {
	out := make([]lockoutSnapshot, 0, len(m))
	for name, at := range m {
		out = append(out, lockoutSnapshot{Name: name, DeletedAt: at})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func saveQueue(q *queue) queueSnapshot {
	a, e := q.attrs, q.extras
	qs := queueSnapshot{ID: q.id, Name: q.name, MaxMsgHeapNum: a.MaxMsgHeapNum, PollingWaitSeconds: a.PollingWaitSeconds,
		VisibilityTimeout: a.VisibilityTimeout, MaxMsgSize: a.MaxMsgSize, MsgRetentionSeconds: a.MsgRetentionSeconds, RewindSeconds: a.RewindSeconds,
		Created: q.created, Modified: q.modified, Trace: e.Trace, Tags: saveTags(e.Tags), Transaction: e.Transaction,
		FirstQueryInterval: e.FirstQueryInterval, MaxQueryCount: e.MaxQueryCount, RetentionSizeInMB: e.RetentionSizeInMB,
		Messages: make([]messageSnapshot, 0, len(q.msgs))}
	if d := q.deadLetter; d != nil {
		qs.DeadLetter = &deadLetterSnapshot{Queue: d.DeadLetterQueue, Policy: d.Policy, MaxReceiveCount: d.MaxReceiveCount, MaxTimeToLive: d.MaxTimeToLive}
	}
	for _, m := range q.msgs {
		qs.Messages = append(qs.Messages, messageSnapshot{ID: m.id, Body: m.body, Enqueued: m.enqueued, RetainFrom: m.retainFrom,
			VisibleAt: m.visibleAt, DequeueCount: m.dequeueCount, FirstDequeue: m.firstDequeue, ReceiptHandle: m.handle,
			Deleted: m.deleted, Moved: m.moved})
	}
	return qs
}

func saveTopic(tp *topic) topicSnapshot {
	ts := topicSnapshot{ID: tp.id, Name: tp.name, MaxMsgSize: tp.maxMsgSize, FilterType: tp.filterType, Created: tp.created,
		Modified: tp.modified, Retention: tp.retention, Trace: tp.trace, Tags: saveTags(tp.tags), Subscriptions: []subscriptionSnapshot{}}
	for _, sub := range tp.subOrder {
		ts.Subscriptions = append(ts.Subscriptions, subscriptionSnapshot{ID: sub.id, Name: sub.name, Protocol: sub.protocol,
			Endpoint: sub.endpoint, NotifyStrategy: sub.notifyStrategy, NotifyContentFormat: sub.notifyContentFormat,
			FilterTags: slices.Clone(sub.filterTags), BindingKeys: slices.Clone(sub.bindingKeys), Created: sub.created, Modified: sub.modified})
	}
	return ts
}

// saveTags and loadTags keep nil apart from empty, as the answers do.
func saveTags(tags []resourceTag) []tagSnapshot {
	if tags == nil {
		return nil
	}
	out := make([]tagSnapshot, 0, len(tags))
	for _, t := range tags {
		out = append(out, tagSnapshot{Key: t.Key, Value: t.Value})
	}
	return out
}

func loadTags(tags []tagSnapshot) []resourceTag {
	if tags == nil {
		return nil
	}
	out := make([]resourceTag, 0, len(tags))
	for _, t := range tags {
		out = append(out, resourceTag{Key: t.Key, Value: t.Value})
	}
	return out
}

// loadSnapshot checks a saved part in full and builds the store's state
// from it, without touching the current one; install replaces it, ending
// the long polls parked on the state it replaces (as a reset does) and
// the pushes under way.
func (s *store) loadSnapshot(raw json.RawMessage) (func(), error) {
	var doc snapshotDoc
	if err := statedoc.Decode(raw, snapshotVersion, &doc); err != nil {
		return nil, err
	}
	tenants := map[string]*tenant{}
	ids := map[string]bool{}     // queue, topic and subscription ids: unique in the store
	numbers := map[string]bool{} // message ids and receipt handles
	claim := func(set map[string]bool, id, what string) error {
		if id == "" || set[id] {
			return fmt.Errorf("%s %q is empty or there twice", what, id)
		}
		set[id] = true
		return nil
	}
	for i, ts := range doc.Tenants {
		where := fmt.Sprintf("tenants[%d] (%s)", i, ts.Account)
		if _, dup := tenants[ts.Account]; dup || ts.Account == "" {
			return nil, fmt.Errorf("%s: no account, or an account there twice", where)
		}
		t := &tenant{queues: map[string]*queue{}, deletedQueues: loadLockouts(ts.DeletedQueues), topics: map[string]*topic{}, deletedTopics: loadLockouts(ts.DeletedTopics)}
		for _, qs := range ts.Queues {
			if err := claim(ids, qs.ID, "queue id"); err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			lower := strings.ToLower(qs.Name)
			if _, dup := t.queues[lower]; dup || qs.Name == "" {
				return nil, fmt.Errorf("%s: queue name %q is empty or there twice", where, qs.Name)
			}
			q := &queue{id: qs.ID, name: qs.Name, created: qs.Created, modified: qs.Modified,
				attrs: queueAttrs{MaxMsgHeapNum: qs.MaxMsgHeapNum, PollingWaitSeconds: qs.PollingWaitSeconds, VisibilityTimeout: qs.VisibilityTimeout,
					MaxMsgSize: qs.MaxMsgSize, MsgRetentionSeconds: qs.MsgRetentionSeconds, RewindSeconds: qs.RewindSeconds},
				extras: queueExtras{Trace: qs.Trace, Tags: loadTags(qs.Tags), Transaction: qs.Transaction, FirstQueryInterval: qs.FirstQueryInterval,
					MaxQueryCount: qs.MaxQueryCount, RetentionSizeInMB: qs.RetentionSizeInMB},
				handles: map[string]*message{}, waiters: map[chan struct{}]struct{}{}, msgs: make([]*message, 0, len(qs.Messages))}
			if d := qs.DeadLetter; d != nil {
				q.deadLetter = &deadLetterPolicy{DeadLetterQueue: d.Queue, Policy: d.Policy, MaxReceiveCount: d.MaxReceiveCount, MaxTimeToLive: d.MaxTimeToLive}
			}
			for _, ms := range qs.Messages {
				if err := claim(numbers, ms.ID, "message id"); err != nil {
					return nil, fmt.Errorf("%s: queue %s: %w", where, qs.Name, err)
				}
				m := &message{id: ms.ID, body: ms.Body, enqueued: ms.Enqueued, retainFrom: ms.RetainFrom, visibleAt: ms.VisibleAt,
					dequeueCount: ms.DequeueCount, firstDequeue: ms.FirstDequeue, handle: ms.ReceiptHandle, deleted: ms.Deleted, moved: ms.Moved}
				if m.handle != "" {
					if !validHandle(m.handle) {
						return nil, fmt.Errorf("%s: queue %s: receipt handle %q is not one this emulator makes", where, qs.Name, m.handle)
					}
					if err := claim(numbers, m.handle, "receipt handle"); err != nil {
						return nil, fmt.Errorf("%s: queue %s: %w", where, qs.Name, err)
					}
					q.handles[m.handle] = m
				}
				if m.deleted {
					q.deleted++
				}
				q.msgs = append(q.msgs, m)
			}
			t.queues[lower] = q
			t.queueOrder = append(t.queueOrder, q)
		}
		for _, tps := range ts.Topics {
			if err := claim(ids, tps.ID, "topic id"); err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			lower := strings.ToLower(tps.Name)
			if _, dup := t.topics[lower]; dup || tps.Name == "" {
				return nil, fmt.Errorf("%s: topic name %q is empty or there twice", where, tps.Name)
			}
			tp := &topic{id: tps.ID, name: tps.Name, maxMsgSize: tps.MaxMsgSize, filterType: tps.FilterType, created: tps.Created,
				modified: tps.Modified, subs: map[string]*subscription{}, retention: tps.Retention, trace: tps.Trace, tags: loadTags(tps.Tags)}
			for _, ss := range tps.Subscriptions {
				if err := claim(ids, ss.ID, "subscription id"); err != nil {
					return nil, fmt.Errorf("%s: topic %s: %w", where, tps.Name, err)
				}
				sl := strings.ToLower(ss.Name)
				if _, dup := tp.subs[sl]; dup || ss.Name == "" {
					return nil, fmt.Errorf("%s: topic %s: subscription name %q is empty or there twice", where, tps.Name, ss.Name)
				}
				sub := &subscription{id: ss.ID, name: ss.Name, protocol: ss.Protocol, endpoint: ss.Endpoint, notifyStrategy: ss.NotifyStrategy,
					notifyContentFormat: ss.NotifyContentFormat, filterTags: slices.Clone(ss.FilterTags), bindingKeys: slices.Clone(ss.BindingKeys),
					created: ss.Created, modified: ss.Modified}
				tp.subs[sl] = sub
				tp.subOrder = append(tp.subOrder, sub)
			}
			t.topics[lower] = tp
			t.topicOrder = append(t.topicOrder, tp)
		}
		tenants[ts.Account] = t
	}
	// The ids to come must not repeat the restored ones: the random ids'
	// source continues from a seed of the restored state (a fresh store's
	// fixed seed would make its first ids again).
	var seed uint64
	for id := range ids {
		h := fnv.New64a()
		_, _ = h.Write([]byte(id))
		seed += h.Sum64() // a sum: the same whatever the map's order
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, t := range s.tenants {
			for _, q := range t.queues {
				q.wakeAll()
			}
		}
		s.tenants, s.seq = tenants, doc.Seq
		s.rnd = rand.New(rand.NewPCG(doc.Seq, seed))
		s.gen++ // pushes and timers of the replaced state do nothing
		s.resources.Reset()
	}, nil
}

func loadLockouts(list []lockoutSnapshot) map[string]time.Time {
	out := make(map[string]time.Time, len(list))
	for _, l := range list {
		out[strings.ToLower(l.Name)] = l.DeletedAt
	}
	return out
}
