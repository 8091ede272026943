package cmq

import (
	"context"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
)

// message is one queue message. Its state is a function of the clock
// (cmq.md §11.1): delayed (never received, before visibleAt), inactive
// (received, before visibleAt), active (visibleAt passed), deleted.
type message struct {
	id       string
	body     string
	enqueued time.Time
	// retainFrom starts the retention period: the send, or the rewind that
	// brought the message back after its retention had passed (§10.6.2).
	retainFrom time.Time
	visibleAt  time.Time
	// dequeueCount and firstDequeue record deliveries; handle is the only
	// receipt handle that can delete the message ("" when none is current).
	dequeueCount int
	firstDequeue time.Time
	handle       string
	deleted      bool
	// moved marks a message sent to the dead-letter queue: deleted here and
	// out of a rewind's reach.
	moved bool
}

// delivered is a ReceiveMessage answer (and a BatchReceiveMessage element).
type delivered struct {
	MsgBody          string `json:"msgBody"`
	MsgID            string `json:"msgId"`
	ReceiptHandle    string `json:"receiptHandle"`
	EnqueueTime      int64  `json:"enqueueTime"`
	FirstDequeueTime int64  `json:"firstDequeueTime"`
	NextVisibleTime  int64  `json:"nextVisibleTime"`
	DequeueCount     int    `json:"dequeueCount"`
}

// expired: retention is counted from the send, whatever the state (§11.5).
func (q *queue) expired(m *message, now time.Time) bool {
	return !now.Before(m.retainFrom.Add(time.Duration(q.attrs.MsgRetentionSeconds) * time.Second))
}

// rewindable: a deleted message is kept while a rewind could still reach it.
func (q *queue) rewindable(m *message, now time.Time) bool {
	return !m.moved && q.attrs.RewindSeconds > 0 && !m.enqueued.Before(now.Add(-time.Duration(q.attrs.RewindSeconds)*time.Second))
}

// outlivesRetention: API 3.0 lets rewindSeconds exceed msgRetentionSeconds
// (tdmq-cmq.md §10.6.2); a message past its retention then stays, as a
// deleted copy a rewind can bring back, while it is within the rewind
// window. A queue whose rewind fits in its retention (every legacy queue)
// drops it.
func (q *queue) outlivesRetention(m *message, now time.Time) bool {
	return q.attrs.RewindSeconds > q.attrs.MsgRetentionSeconds && q.rewindable(m, now)
}

// stale reports whether purgeLocked has work at m.
func (q *queue) stale(m *message, now time.Time) bool {
	if q.expired(m, now) && q.outlivesRetention(m, now) {
		return !m.deleted
	}
	return q.expired(m, now) || m.deleted && !q.rewindable(m, now)
}

// purgeLocked drops expired messages and deleted ones no rewind can reach;
// an expired message a rewind can still reach becomes a deleted copy.
func (q *queue) purgeLocked(now time.Time) {
	kept := q.msgs[:0]
	for _, m := range q.msgs {
		expired := q.expired(m, now)
		if expired && q.outlivesRetention(m, now) {
			if !m.deleted {
				q.forgetHandle(m)
				m.deleted = true
				q.deleted++
			}
			kept = append(kept, m)
			continue
		}
		if expired || m.deleted && !q.rewindable(m, now) {
			q.forgetHandle(m)
			if m.deleted {
				q.deleted--
			}
			continue
		}
		kept = append(kept, m)
	}
	clear(q.msgs[len(kept):])
	q.msgs = kept
}

// forgetHandle invalidates m's receipt handle, if it has one.
func (q *queue) forgetHandle(m *message) {
	if m.handle != "" {
		delete(q.handles, m.handle)
		m.handle = ""
	}
}

// countsLocked classifies the retained messages at now.
func (q *queue) countsLocked(now time.Time) queueCounts {
	var c queueCounts
	for _, m := range q.msgs {
		switch {
		case q.expired(m, now):
			if q.outlivesRetention(m, now) {
				c.Rewindable++
			}
		case m.deleted:
			if q.rewindable(m, now) {
				c.Rewindable++
			}
		case now.Before(m.visibleAt) && m.dequeueCount == 0:
			c.Delayed++
		case now.Before(m.visibleAt):
			c.Inactive++
		default:
			c.Active++
		}
		if !m.deleted && !q.expired(m, now) && (c.MinMsgTime == 0 || m.enqueued.Unix() < c.MinMsgTime) {
			c.MinMsgTime = m.enqueued.Unix()
		}
	}
	return c
}

// sendMessages enqueues bodies all-or-nothing and returns their ids.
func (s *store) sendMessages(acct, name string, bodies []string, delay int64) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return nil, err
	}
	return s.sendLocked(q, bodies, delay)
}

// sendWithinRetention is SendCmqMsg (tdmq-cmq.md §5.9): a delay may reach
// the queue's msgRetentionSeconds instead of the legacy maxDelaySeconds;
// otherwise a send like any other.
func (s *store) sendWithinRetention(acct, name, body string, delay int64) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return "", err
	}
	if delay < 0 || delay > q.attrs.MsgRetentionSeconds {
		return "", errDelaySecondsOutOfRange.New()
	}
	ids, serr := s.sendLocked(q, []string{body}, delay)
	if serr != nil {
		return "", serr
	}
	return ids[0], nil
}

// sendLocked applies the size and heap rules, then enqueues.
func (s *store) sendLocked(q *queue, bodies []string, delay int64) ([]string, error) {
	for _, b := range bodies {
		if int64(len(b)) > q.attrs.MaxMsgSize {
			return nil, errMessageSizeExceeded.New()
		}
	}
	now := s.clock.Now()
	if int64(len(q.msgs)-q.deleted+len(bodies)) > q.attrs.MaxMsgHeapNum {
		q.purgeLocked(now)
		if int64(len(q.msgs)-q.deleted+len(bodies)) > q.attrs.MaxMsgHeapNum {
			return nil, errRetentionNumberReached.New()
		}
	}
	return s.enqueueLocked(q, bodies, delay, now), nil
}

// enqueueLocked appends messages and wakes waiting receives.
func (s *store) enqueueLocked(q *queue, bodies []string, delay int64, now time.Time) []string {
	ids := make([]string, len(bodies))
	for i, b := range bodies {
		m := &message{id: s.numberLocked(), body: b, enqueued: now, retainFrom: now, visibleAt: now.Add(time.Duration(delay) * time.Second)}
		q.msgs = append(q.msgs, m)
		ids[i] = m.id
	}
	q.wakeAll()
	return ids
}

// takeLocked delivers up to n visible messages in enqueue order. When none
// is visible it returns the earliest instant one will be (zero if none).
func (s *store) takeLocked(t *tenant, q *queue, n int, now time.Time) ([]delivered, time.Time, error) {
	if len(q.msgs) > 0 && q.stale(q.msgs[0], now) {
		q.purgeLocked(now)
	}
	// Counting by state is a scan; a queue holding fewer undeleted messages
	// than the limit cannot have that many in flight.
	if len(q.msgs)-q.deleted >= s.opts.MaxInflight {
		if c := q.countsLocked(now); c.Inactive+c.Delayed >= s.opts.MaxInflight {
			return nil, time.Time{}, errTooManyUnackedMessages.New()
		}
	}
	var out []delivered
	var next time.Time
	for _, m := range q.msgs {
		if m.deleted || q.expired(m, now) {
			continue
		}
		if now.Before(m.visibleAt) {
			if next.IsZero() || m.visibleAt.Before(next) {
				next = m.visibleAt
			}
			continue
		}
		if len(out) == n {
			break
		}
		if q.dead(m, now) {
			s.moveToDeadLetterLocked(t, q, m, now)
			continue
		}
		if m.handle != "" {
			delete(q.handles, m.handle)
		}
		m.handle = s.numberLocked()
		q.handles[m.handle] = m
		m.dequeueCount++
		if m.firstDequeue.IsZero() {
			m.firstDequeue = now
		}
		m.visibleAt = now.Add(time.Duration(q.attrs.VisibilityTimeout) * time.Second)
		out = append(out, delivered{MsgBody: m.body, MsgID: m.id, ReceiptHandle: m.handle, EnqueueTime: unix(m.enqueued),
			FirstDequeueTime: unix(m.firstDequeue), NextVisibleTime: unix(m.visibleAt), DequeueCount: m.dequeueCount})
	}
	return out, next, nil
}

// receive delivers up to n messages, waiting up to wait seconds of virtual
// time (wait < 0: the queue's pollingWaitSeconds) for one to become visible.
// The wait ends as soon as a send, a rewind, a delay or visibility expiry
// makes one visible, when virtual time passes the deadline, or when the same
// span of real time has passed, so a request never outlives its own wait; it
// also ends when ctx does (the client went away) or the store closes.
func (s *store) receive(ctx context.Context, acct, name string, n int, wait int64) ([]delivered, error) {
	realStart := time.Now()
	s.mu.Lock()
	t := s.tenantLocked(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	if wait < 0 {
		wait = q.attrs.PollingWaitSeconds
	}
	span := time.Duration(wait) * time.Second
	deadline := s.clock.Now().Add(span)
	guard := time.NewTimer(span)
	defer guard.Stop()
	wake := make(chan struct{}, 1)
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	for {
		now := s.clock.Now()
		got, next, err := s.takeLocked(t, q, n, now)
		if err != nil || len(got) > 0 {
			s.mu.Unlock()
			return got, err
		}
		if !now.Before(deadline) || time.Since(realStart) >= span {
			s.mu.Unlock()
			return nil, errNoMessage.New()
		}
		q.waiters[wake] = struct{}{}
		onWait := s.onWait
		s.mu.Unlock()

		// Timers run their callback synchronously when already due, so
		// they are set outside the lock; signal never blocks.
		timers := []interface{ Stop() bool }{s.clock.At(deadline, signal)}
		if !next.IsZero() && next.Before(deadline) {
			timers = append(timers, s.clock.At(next, signal))
		}
		if onWait != nil {
			onWait()
		}
		expired := false
		select {
		case <-wake:
		case <-guard.C:
			expired = true
		case <-ctx.Done():
			expired = true
		case <-s.closed:
			expired = true
		}
		for _, tm := range timers {
			tm.Stop()
		}

		s.mu.Lock()
		delete(q.waiters, wake)
		if cur, err := t.queueLocked(name); err != nil || cur != q || s.tenants[acct] != t {
			// Deleted (or reset) while we waited.
			s.mu.Unlock()
			return nil, errQueueNotExisted.New()
		}
		if expired {
			got, _, err := s.takeLocked(t, q, n, s.clock.Now())
			s.mu.Unlock()
			if err == nil && len(got) == 0 {
				err = errNoMessage.New()
			}
			return got, err
		}
	}
}

// validHandle is the syntax of the emulator's receipt handles (decimal, ≤ 20
// digits, cmq.md §7.1); anything else is 4000/10470.
func validHandle(h string) bool {
	if h == "" || len(h) > 20 {
		return false
	}
	for _, c := range h {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// deleteLocked deletes the message a handle names, if it is still current.
func (q *queue) deleteLocked(h string, now time.Time) *apierr.Error {
	if !validHandle(h) {
		return errReceiptHandleError.New()
	}
	m, ok := q.handles[h]
	if !ok || m.handle != h || m.deleted || !now.Before(m.visibleAt) || q.expired(m, now) {
		return errReceiptHandleInvalid.New()
	}
	delete(q.handles, h)
	m.handle = ""
	m.deleted = true
	q.deleted++
	if q.deleted > 64 && q.deleted*2 > len(q.msgs) {
		q.purgeLocked(now)
	}
	return nil
}

func (s *store) deleteMessage(acct, name, handle string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return err
	}
	if e := q.deleteLocked(handle, s.clock.Now()); e != nil {
		return e
	}
	return nil
}

// handleFailure is a receipt handle a batch delete could not delete, and why.
type handleFailure struct {
	handle string
	err    *apierr.Error
}

// deleteMessages deletes each handle and reports the ones that failed.
func (s *store) deleteMessages(acct, name string, handles []string) ([]handleFailure, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, err := s.tenantLocked(acct).queueLocked(name)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var failed []handleFailure
	for _, h := range handles {
		if e := q.deleteLocked(h, now); e != nil {
			failed = append(failed, handleFailure{handle: h, err: e})
		}
	}
	return failed, nil
}
