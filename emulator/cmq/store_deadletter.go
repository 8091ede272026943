package cmq

import (
	"encoding/json"
	"strings"
	"time"
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
	for _, src := range t.deadLetterSourcesLocked(dlq.name) {
		if src.QueueName != source {
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
	out := []queueRef{}
	for _, q := range t.queueOrder {
		if q.deadLetter != nil && q.deadLetter.DeadLetterQueue == name {
			out = append(out, queueRef{q.id, q.name})
		}
	}
	return out
}

// deadLetterSources is the retired DescribeCmqDeadLetterSourceQueues
// (tdmq-cmq.md §8.1): the queues sending their dead letters to the queue
// called name, those whose name contains sourceContains, paged.
func (s *store) deadLetterSources(acct, name, sourceContains string, offset, limit int) (int, []queueRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	if _, err := t.queueLocked(name); err != nil {
		return 0, nil, err
	}
	var match []queueRef
	for _, src := range t.deadLetterSourcesLocked(name) {
		if strings.Contains(src.QueueName, sourceContains) {
			match = append(match, src)
		}
	}
	return len(match), page(match, offset, limit), nil
}

// unbindDeadLetter is UnbindCmqDeadLetter (tdmq-cmq.md §5.8): the queue's
// policy goes; a queue without one is left as it is.
func (s *store) unbindDeadLetter(acct, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return err
	}
	if q.deadLetter != nil {
		q.deadLetter = nil
		q.modified = s.clock.Now()
	}
	return nil
}

// dead reports whether a visible message has to move to the dead-letter
// queue instead of being delivered.
func (q *queue) dead(m *message, now time.Time) bool {
	p := q.deadLetter
	switch {
	case p == nil:
		return false
	case p.Policy == 0:
		return m.dequeueCount >= p.MaxReceiveCount
	default:
		return !now.Before(m.enqueued.Add(time.Duration(p.MaxTimeToLive) * time.Second))
	}
}

// moveToDeadLetterLocked takes m out of q and appends it, with its id and
// body, to the dead-letter queue (dropped when that queue is gone).
func (s *store) moveToDeadLetterLocked(t *tenant, q *queue, m *message, now time.Time) {
	if m.handle != "" {
		delete(q.handles, m.handle)
		m.handle = ""
	}
	m.deleted, m.moved = true, true
	q.deleted++
	dlq, err := t.queueLocked(q.deadLetter.DeadLetterQueue)
	if err != nil {
		return
	}
	dlq.msgs = append(dlq.msgs, &message{id: m.id, body: m.body, enqueued: now, retainFrom: now, visibleAt: now})
	dlq.wakeAll()
}
