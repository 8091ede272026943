package cmq

import (
	"strings"
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

// queueAttrPatch holds the attributes a request sets (nil = unchanged).
type queueAttrPatch struct {
	MaxMsgHeapNum, PollingWaitSeconds, VisibilityTimeout, MaxMsgSize, MsgRetentionSeconds, RewindSeconds *int64
	DeadLetter                                                                                           *deadLetterPolicy
}

func (p queueAttrPatch) apply(a queueAttrs) queueAttrs {
	set := func(dst *int64, v *int64) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.MaxMsgHeapNum, p.MaxMsgHeapNum)
	set(&a.PollingWaitSeconds, p.PollingWaitSeconds)
	set(&a.VisibilityTimeout, p.VisibilityTimeout)
	set(&a.MaxMsgSize, p.MaxMsgSize)
	set(&a.MsgRetentionSeconds, p.MsgRetentionSeconds)
	set(&a.RewindSeconds, p.RewindSeconds)
	return a
}

// checkRewind: a queue cannot rewind further back than it retains
// messages (10700).
func checkRewind(a queueAttrs) error {
	if a.RewindSeconds > a.MsgRetentionSeconds {
		return errRewindSecondsExceedRetention.New()
	}
	return nil
}

// queue is one queue and its messages.
type queue struct {
	id, name          string
	attrs             queueAttrs
	created, modified time.Time
	// msgs are the retained messages in enqueue order, deleted-but-rewindable
	// ones included; deleted counts the deleted ones still in msgs.
	msgs    []*message
	deleted int
	// handles maps each current receipt handle to its message.
	handles map[string]*message
	// waiters are the long-polling receives; each gets a wake-up.
	waiters map[chan struct{}]struct{}
	// deadLetter is the queue's dead-letter policy, nil when none.
	deadLetter *deadLetterPolicy
}

// wakeAll tells every waiting receive that something changed.
func (q *queue) wakeAll() {
	for w := range q.waiters {
		select {
		case w <- struct{}{}:
		default:
		}
	}
}

// queueRef is a ListQueue element.
type queueRef struct {
	QueueID   string `json:"queueId"`
	QueueName string `json:"queueName"`
}

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

// createQueue applies CreateQueue's domain rules in one critical section:
// duplicate (case-insensitive), recreate lockout, account quota.
func (s *store) createQueue(acct, name string, patch queueAttrPatch) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	lower := strings.ToLower(name)
	now := s.clock.Now()
	if _, ok := t.queues[lower]; ok {
		return "", errQueueAlreadyExisted.New()
	}
	if s.lockedOut(t.deletedQueues, lower, now) {
		return "", errQueueRecreateLockout.New()
	}
	if len(t.queues) >= s.opts.MaxQueues {
		return "", errQueueNumberLimit.New()
	}
	attrs := patch.apply(defaultQueueAttrs())
	if err := checkRewind(attrs); err != nil {
		return "", err
	}
	if err := t.checkDeadLetterLocked(name, patch.DeadLetter); err != nil {
		return "", err
	}
	q := &queue{id: s.idLocked("queue-"), name: name, attrs: attrs, created: now, modified: now,
		handles: map[string]*message{}, waiters: map[chan struct{}]struct{}{}, deadLetter: patch.DeadLetter}
	t.queues[lower] = q
	t.queueOrder = append(t.queueOrder, q)
	return q.id, nil
}

// listQueues pages the queues whose name contains searchWord, in creation order.
func (s *store) listQueues(acct, searchWord string, offset, limit int) (int, []queueRef) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var match []queueRef
	for _, q := range s.tenantLocked(acct).queueOrder {
		if strings.Contains(q.name, searchWord) {
			match = append(match, queueRef{q.id, q.name})
		}
	}
	return len(match), page(match, offset, limit)
}

func page[T any](all []T, offset, limit int) []T {
	out := []T{}
	if offset >= len(all) {
		return out
	}
	end := min(len(all), offset+limit)
	return append(out, all[offset:end]...)
}

// queueInfo is what GetQueueAttributes reports.
type queueInfo struct {
	attrs             queueAttrs
	deadLetter        *deadLetterPolicy
	id                string
	created, modified time.Time
	counts            queueCounts
}

func (s *store) queueInfo(acct, name string) (queueInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return queueInfo{}, err
	}
	return queueInfo{attrs: q.attrs, deadLetter: q.deadLetter, id: q.id, created: q.created, modified: q.modified, counts: q.countsLocked(s.clock.Now())}, nil
}

func (s *store) setQueueAttributes(acct, name string, patch queueAttrPatch) (queueInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		return queueInfo{}, err
	}
	attrs := patch.apply(q.attrs)
	if err := checkRewind(attrs); err != nil {
		return queueInfo{}, err
	}
	if err := t.checkDeadLetterLocked(name, patch.DeadLetter); err != nil {
		return queueInfo{}, err
	}
	if patch.DeadLetter != nil {
		q.deadLetter = patch.DeadLetter
	}
	q.attrs = attrs
	q.modified = s.clock.Now()
	return queueInfo{attrs: q.attrs, id: q.id}, nil
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
	for i, o := range t.queueOrder {
		if o == q {
			t.queueOrder = append(t.queueOrder[:i:i], t.queueOrder[i+1:]...)
			break
		}
	}
	t.deletedQueues[lower] = s.clock.Now()
	q.wakeAll()
	return nil
}

// rewindQueue makes every retained message enqueued at or after start
// visible again, in production order; outstanding handles become invalid.
func (s *store) rewindQueue(acct, name string, start int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return err
	}
	if q.attrs.RewindSeconds == 0 {
		return errQueueCannotRewind.New()
	}
	now := s.clock.Now()
	if start < now.Unix()-q.attrs.RewindSeconds || start > now.Unix() {
		return errInvalidRewindTime.New()
	}
	q.purgeLocked(now)
	for _, m := range q.msgs {
		if m.enqueued.Unix() < start {
			continue
		}
		if m.deleted {
			m.deleted = false
			q.deleted--
		}
		if m.handle != "" {
			delete(q.handles, m.handle)
			m.handle = ""
		}
		m.visibleAt = now
	}
	q.wakeAll()
	return nil
}
