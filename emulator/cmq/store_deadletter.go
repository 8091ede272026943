package cmq

import (
	"encoding/json"
	"strings"
)

// deadLetterPolicy is a queue's dead-letter rule. Only the SetQueueAttributes
// and GetQueueAttributes doc pages describe it and no SDK sends it, so the
// shape and behaviour are unconfirmed (cmq.md §11.7): policy 0 moves a
// message to deadLetterQueue once it has been received maxReceiveCount
// times without being deleted; policy 1 once it has stayed unconsumed for
// maxTimeToLive seconds.
type deadLetterPolicy struct {
	DeadLetterQueue string `json:"deadLetterQueue"`
	Policy          int    `json:"policy"`
	MaxReceiveCount int    `json:"maxReceiveCount,omitempty"`
	MaxTimeToLive   int    `json:"maxTimeToLive,omitempty"`
}

// parseDeadLetterPolicy checks the parameter's shape and ranges; a bad one is
// 4000/10110 (no specific code is documented).
func parseDeadLetterPolicy(raw string) (*deadLetterPolicy, error) {
	var p deadLetterPolicy
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || p.DeadLetterQueue == "" {
		return nil, errRequestParametersError.New()
	}
	switch {
	case p.Policy == 0 && p.MaxReceiveCount >= 1 && p.MaxReceiveCount <= 1000:
	case p.Policy == 1 && p.MaxTimeToLive >= 300 && p.MaxTimeToLive <= 43200:
	default:
		return nil, errRequestParametersError.New()
	}
	return &p, nil
}

// String is the policy as GetQueueAttributes reports it (a JSON string).
func (p *deadLetterPolicy) String() string {
	b, _ := json.Marshal(p)
	return string(b)
}

// checkDeadLetterLocked: the dead-letter queue exists in the same account
// (else the rules' not-found), is not the queue itself, has no policy of its
// own and is the target of at most maxDeadLetterSources other queues
// (cmq.md §11.7); API 3.0 also wants a policy-1 maxTimeToLive below the
// queue's retention.
func (t *tenant) checkDeadLetterLocked(source string, p *deadLetterPolicy, attrs queueAttrs, rules queueRules) error {
	if p == nil {
		return nil
	}
	dlq, err := t.queueLocked(p.DeadLetterQueue)
	if err != nil {
		return rules.unknownDeadLetterQueue.New()
	}
	if strings.EqualFold(p.DeadLetterQueue, source) || dlq.deadLetter != nil {
		return errRequestParametersError.New()
	}
	others := 0
	for _, src := range t.deadLetterSources[dlq.name] {
		if src.name != source {
			others++
		}
	}
	if others >= maxDeadLetterSources {
		return errRequestParametersError.New()
	}
	if rules.ttlBelowRetention {
		return checkTTLBelowRetention(p, attrs)
	}
	return nil
}

// checkTTLBelowRetention: a message cannot outlive its queue's retention
// before it counts as dead (API 3.0's MaxTimeToLive doc, tdmq-cmq.md §5.1).
func checkTTLBelowRetention(p *deadLetterPolicy, attrs queueAttrs) error {
	if p != nil && p.Policy == 1 && int64(p.MaxTimeToLive) >= attrs.MsgRetentionSeconds {
		return errRequestParametersError.New().WithDetail(": maxTimeToLive must be below msgRetentionSeconds")
	}
	return nil
}

// deadLetterSourcesLocked lists the queues whose policy names the queue
// called name, in creation order.
func (t *tenant) deadLetterSourcesLocked(name string) []queueRef {
	srcs := t.deadLetterSources[name]
	out := make([]queueRef, len(srcs))
	for i, q := range srcs {
		out[i] = q.ref()
	}
	return out
}

// deadLetterSources is the retired DescribeCmqDeadLetterSourceQueues
// (tdmq-cmq.md §8.1): the queues sending their dead letters to the queue
// called name, those whose name contains sourceContains, paged.
func (s *store) deadLetterSources(acct, name, sourceContains string, offset, limit int) (int, []queueRef, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.readTenant(acct)
	if _, err := t.queueLocked(name); err != nil {
		return 0, nil, err
	}
	pg := newPager[queueRef](offset, limit)
	for _, src := range t.deadLetterSources[name] {
		if strings.Contains(src.name, sourceContains) && pg.offer() {
			pg.add(src.ref())
		}
	}
	return pg.total, pg.page, nil
}

// unbindDeadLetter is UnbindCmqDeadLetter (tdmq-cmq.md §5.8): the queue's
// policy goes; a queue without one is left as it is.
func (s *store) unbindDeadLetter(acct, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		return err
	}
	if q.deadLetter != nil {
		t.setDeadLetterLocked(q, nil)
		q.modified = s.clock.Now()
	}
	return nil
}

// dead reports whether a visible message has to move to the dead-letter
// queue instead of being delivered.
func (q *queue) dead(m *message, now int64) bool {
	p := q.deadLetter
	switch {
	case p == nil:
		return false
	case p.Policy == 0:
		return int(m.dequeueCount) >= p.MaxReceiveCount
	default:
		return now >= m.enqueued+seconds(int64(p.MaxTimeToLive))
	}
}

// moveToDeadLetterLocked takes m out of q and appends it, with its id and
// body, to the dead-letter queue (dropped when that queue is gone). q is
// locked; the dead-letter queue's lock is taken after it, which cannot
// deadlock: a dead-letter queue has no policy of its own when a policy
// names it, so following policies never leads back to q.
func (s *store) moveToDeadLetterLocked(t *tenant, q *queue, m *message, now int64) {
	q.markDeleted(m)
	m.moved = true
	dlq, err := t.queueLocked(q.deadLetter.DeadLetterQueue)
	if err != nil {
		return
	}
	dlq.mu.Lock()
	defer dlq.mu.Unlock()
	dlq.append(&message{id: m.id, body: m.body, enqueued: now, retainFrom: now, visibleAt: now}, now)
	dlq.wakeAll()
}
