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

// checkDeadLetterLocked: the dead-letter queue exists in the same account,
// is not the queue itself and has no policy of its own.
func (t *tenant) checkDeadLetterLocked(source string, p *deadLetterPolicy) error {
	if p == nil {
		return nil
	}
	dlq, err := t.queueLocked(p.DeadLetterQueue)
	if err != nil || strings.EqualFold(p.DeadLetterQueue, source) || dlq.deadLetter != nil {
		return errRequestParametersError.New()
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
	dlq.msgs = append(dlq.msgs, &message{id: m.id, body: m.body, enqueued: now, visibleAt: now})
	dlq.wakeAll()
}
