package cmq

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
)

// message is one queue message. Its state is a function of the clock
// (cmq.md §11.1): delayed (never received, before visibleAt), inactive
// (received, before visibleAt), active (visibleAt passed), deleted.
//
// A deep queue holds hundreds of thousands, so a message is kept small: no
// pointers but its body, instants as Unix nanoseconds, its id and receipt
// handle as the numbers they print as.
type message struct {
	body string
	// id is the message id (msgId); pos orders the queue's messages by
	// enqueue (a dead-lettered message keeps its id, not its position).
	id, pos uint64
	// handle is the only receipt handle that can delete the message (0 when
	// none is current).
	handle uint64
	// retainFrom starts the retention period: the send, or the rewind that
	// brought the message back after its retention had passed (§10.6.2).
	enqueued, retainFrom, visibleAt int64
	// dequeueCount and firstDequeue record deliveries.
	firstDequeue int64
	dequeueCount int32
	// heapAt and where place the message in the queue's ready or hidden
	// heap (msgHeap).
	heapAt  int32
	where   uint8
	deleted bool
	// moved marks a message out of a rewind's reach: sent to the dead-letter
	// queue, or found expired by a receive and left for the purge; it is
	// deleted here too.
	moved bool
}

// msgID is a message id or receipt handle as an answer prints it.
func msgID(n uint64) string { return strconv.FormatUint(n, 10) }

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
func (q *queue) expired(m *message, now int64) bool {
	return now >= m.retainFrom+seconds(q.attrs.MsgRetentionSeconds)
}

// rewindable: a deleted message is kept while a rewind could still reach it.
func (q *queue) rewindable(m *message, now int64) bool {
	return !m.moved && q.attrs.RewindSeconds > 0 && m.enqueued >= now-seconds(q.attrs.RewindSeconds)
}

// outlivesRetention: API 3.0 lets rewindSeconds exceed msgRetentionSeconds
// (tdmq-cmq.md §10.6.2); a message past its retention then stays, as a
// deleted copy a rewind can bring back, while it is within the rewind
// window. A queue whose rewind fits in its retention (every legacy queue)
// drops it.
func (q *queue) outlivesRetention(m *message, now int64) bool {
	return q.attrs.RewindSeconds > q.attrs.MsgRetentionSeconds && q.rewindable(m, now)
}

// settle applies the purge's rule to one message: an expired message a
// rewind can still reach becomes a deleted copy; an expired one, or a
// deleted one no rewind can reach, goes (settle reports true, and the
// caller drops it). Either way it leaves the heaps and loses its handle.
func (q *queue) settle(m *message, now int64) bool {
	expired := q.expired(m, now)
	if expired && q.outlivesRetention(m, now) {
		if !m.deleted {
			q.markDeleted(m)
		}
		return false
	}
	if expired || m.deleted && !q.rewindable(m, now) {
		q.unlink(m)
		if m.deleted {
			q.deleted--
		}
		return true
	}
	return false
}

// purgeLocked drops expired messages and deleted ones no rewind can reach;
// an expired message a rewind can still reach becomes a deleted copy.
func (q *queue) purgeLocked(now int64) {
	kept := q.msgs[:0]
	for _, m := range q.msgs {
		if !q.settle(m, now) {
			kept = append(kept, m)
		}
	}
	clear(q.msgs[len(kept):])
	q.msgs = kept
	q.deletedAtPurge = q.deleted
}

// trimLocked drops the messages the purge would drop from the front of the
// queue, where retention runs out first: cheap, and enough to keep a queue
// whose messages expire unread from growing.
func (q *queue) trimLocked(now int64) {
	n := 0
	for n < len(q.msgs) && q.settle(q.msgs[n], now) {
		n++
	}
	if n > 0 {
		clear(q.msgs[:n])
		q.msgs = q.msgs[n:]
	}
}

// unlink takes m out of its heap and forgets its receipt handle.
func (q *queue) unlink(m *message) {
	switch m.where {
	case inReady, inFresh:
		q.ready.remove(m)
	case inHidden:
		q.hidden.remove(m)
	}
	if m.handle != 0 {
		delete(q.handles, m.handle)
		m.handle = 0
	}
}

// markDeleted deletes m (it stays in msgs while a rewind can reach it).
func (q *queue) markDeleted(m *message) {
	q.unlink(m)
	m.deleted = true
	q.deleted++
}

// promote moves the messages whose instant has come from hidden to ready.
func (q *queue) promote(now int64) {
	for m := q.hidden.top(); m != nil && m.visibleAt <= now; m = q.hidden.top() {
		q.hidden.remove(m)
		q.ready.push(m)
	}
	q.promotedUpTo = max(q.promotedUpTo, now)
}

// rebuildLocked places every undeleted message again (after a rewind).
func (q *queue) rebuildLocked(now int64) {
	q.ready.reset()
	q.hidden.reset()
	for _, m := range q.msgs {
		if !m.deleted {
			q.placeInOrder(m, now)
		}
	}
	q.promotedUpTo = now
}

// placeInOrder is place for a message positioned after every message placed
// so far: a visible one joins the ready FIFO.
func (q *queue) placeInOrder(m *message, now int64) {
	if m.visibleAt <= now {
		q.ready.pushFresh(m)
	} else {
		q.hidden.push(m)
	}
}

// append enqueues a message at the back.
func (q *queue) append(m *message, now int64) {
	q.retain(m)
	q.placeInOrder(m, now)
}

// retain gives m the next enqueue position and keeps it, in no heap yet.
func (q *queue) retain(m *message) {
	q.tail++
	m.pos = q.tail
	q.msgs = append(q.msgs, m)
}

// countsLocked classifies the retained messages at now.
func (q *queue) countsLocked(now int64) queueCounts {
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
		case now < m.visibleAt && m.dequeueCount == 0:
			c.Delayed++
		case now < m.visibleAt:
			c.Inactive++
		default:
			c.Active++
		}
		if !m.deleted && !q.expired(m, now) {
			if t := unixSeconds(m.enqueued); c.MinMsgTime == 0 || t < c.MinMsgTime {
				c.MinMsgTime = t
			}
		}
	}
	return c
}

// inflightBound is at least the number of inactive and delayed messages,
// without a scan: they are all in hidden, unless the clock went back since
// messages were moved to ready.
func (q *queue) inflightBound(now int64) int {
	if now < q.promotedUpTo {
		return len(q.msgs) - q.deleted
	}
	return q.hidden.len()
}

// lockQueue finds an account's queue for an operation on its messages: mu
// is held for reading and the queue is locked until unlockQueue.
func (s *store) lockQueue(acct, name string) (*tenant, *queue, error) {
	s.mu.RLock()
	t := s.readTenant(acct)
	q, err := t.queueLocked(name)
	if err != nil {
		s.mu.RUnlock()
		return nil, nil, err
	}
	q.mu.Lock()
	return t, q, nil
}

func (s *store) unlockQueue(q *queue) {
	q.mu.Unlock()
	s.mu.RUnlock()
}

// sendMessages enqueues bodies all-or-nothing and returns their ids.
func (s *store) sendMessages(acct, name string, bodies []string, delay int64) ([]string, error) {
	_, q, err := s.lockQueue(acct, name)
	if err != nil {
		return nil, err
	}
	defer s.unlockQueue(q)
	return s.sendLocked(q, bodies, delay)
}

// sendWithinRetention is SendCmqMsg (tdmq-cmq.md §5.9): a delay may reach
// the queue's msgRetentionSeconds instead of the legacy maxDelaySeconds;
// otherwise a send like any other.
func (s *store) sendWithinRetention(acct, name, body string, delay int64) (string, error) {
	_, q, err := s.lockQueue(acct, name)
	if err != nil {
		return "", err
	}
	defer s.unlockQueue(q)
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
	now := unixNanos(s.clock.Now())
	if !q.roomLocked(len(bodies), now) {
		return nil, errRetentionNumberReached.New()
	}
	return s.enqueueLocked(q, bodies, delay, now, true), nil
}

// roomLocked reports whether n more messages fit under maxMsgHeapNum,
// purging first when they do not.
func (q *queue) roomLocked(n int, now int64) bool {
	if int64(len(q.msgs)-q.deleted+n) > q.attrs.MaxMsgHeapNum {
		q.purgeLocked(now)
		return int64(len(q.msgs)-q.deleted+n) <= q.attrs.MaxMsgHeapNum
	}
	return true
}

// enqueueLocked appends messages and wakes waiting receives; withIDs says
// whether the caller wants the ids as strings.
func (s *store) enqueueLocked(q *queue, bodies []string, delay int64, now int64, withIDs bool) []string {
	var ids []string
	if withIDs {
		ids = make([]string, len(bodies))
	}
	for i, b := range bodies {
		// A body decoded from a request may share the request's memory: a
		// copy keeps only the body alive for as long as it is retained.
		m := &message{id: s.next(), body: strings.Clone(b), enqueued: now, retainFrom: now, visibleAt: now + seconds(delay)}
		q.append(m, now)
		if withIDs {
			ids[i] = msgID(m.id)
		}
	}
	q.wakeAll()
	return ids
}

// takeLocked delivers up to n visible messages in enqueue order. When none
// is visible it returns the earliest instant one may be (zero if none).
func (s *store) takeLocked(t *tenant, q *queue, n int, now int64) ([]delivered, int64, error) {
	q.trimLocked(now)
	q.promote(now)
	// Counting by state is a scan; a queue holding fewer delayed and
	// in-flight messages than the limit cannot have that many.
	if q.inflightBound(now) >= s.opts.MaxInflight {
		if c := q.countsLocked(now); c.Inactive+c.Delayed >= s.opts.MaxInflight {
			return nil, 0, errTooManyUnackedMessages.New()
		}
	}
	var out []delivered
	for len(out) < n && q.ready.len() > 0 {
		m := q.ready.pop()
		switch {
		case q.expired(m, now):
			// Found expired: out of reach as the purge would leave it.
			if !q.settle(m, now) {
				continue
			}
			q.markDeleted(m)
			m.moved = true
			continue
		case now < m.visibleAt:
			// Made ready before the clock went back.
			q.hidden.push(m)
			continue
		case q.dead(m, now):
			s.moveToDeadLetterLocked(t, q, m, now)
			continue
		}
		if m.handle != 0 {
			delete(q.handles, m.handle)
		}
		m.handle = s.next()
		q.handles[m.handle] = m
		m.dequeueCount++
		if m.firstDequeue == 0 {
			m.firstDequeue = now
		}
		m.visibleAt = now + seconds(q.attrs.VisibilityTimeout)
		q.hidden.push(m)
		out = append(out, delivered{MsgBody: m.body, MsgID: msgID(m.id), ReceiptHandle: msgID(m.handle), EnqueueTime: unixSeconds(m.enqueued),
			FirstDequeueTime: unixSeconds(m.firstDequeue), NextVisibleTime: unixSeconds(m.visibleAt), DequeueCount: int(m.dequeueCount)})
	}
	var next int64
	if m := q.hidden.top(); len(out) == 0 && m != nil {
		next = m.visibleAt
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
	t, q, err := s.lockQueue(acct, name)
	if err != nil {
		return nil, err
	}
	if wait < 0 {
		wait = q.attrs.PollingWaitSeconds
	}
	span := time.Duration(wait) * time.Second
	deadline := s.clock.Now().Add(span)
	var guard *time.Timer
	var wake chan struct{}
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	for {
		now := s.clock.Now()
		got, next, err := s.takeLocked(t, q, n, unixNanos(now))
		if err != nil || len(got) > 0 {
			s.unlockQueue(q)
			return got, err
		}
		if !now.Before(deadline) || time.Since(realStart) >= span {
			s.unlockQueue(q)
			return nil, errNoMessage.New()
		}
		if wake == nil {
			// Only a receive that waits pays for its timer and channel.
			wake = make(chan struct{}, 1)
			guard = time.NewTimer(span - time.Since(realStart))
			defer guard.Stop()
		}
		q.waiters[wake] = struct{}{}
		onWait := s.onWait
		s.unlockQueue(q)

		// Timers run their callback synchronously when already due, so
		// they are set outside the lock; signal never blocks.
		timers := []interface{ Stop() bool }{s.clock.At(deadline, signal)}
		if next != 0 && next < unixNanos(deadline) {
			timers = append(timers, s.clock.At(instant(next), signal))
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

		s.mu.RLock()
		q.mu.Lock()
		delete(q.waiters, wake)
		if cur, err := t.queueLocked(name); err != nil || cur != q || s.tenants[acct] != t {
			// Deleted (or reset) while we waited.
			s.unlockQueue(q)
			return nil, errQueueNotExisted.New()
		}
		if expired {
			got, _, err := s.takeLocked(t, q, n, unixNanos(s.clock.Now()))
			s.unlockQueue(q)
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
func (q *queue) deleteLocked(h string, now int64) *apierr.Error {
	if !validHandle(h) {
		return errReceiptHandleError.New()
	}
	// Handles are printed without leading zeros: "0…" names none, and one
	// too large for a number was never issued.
	n, err := strconv.ParseUint(h, 10, 64)
	if err != nil || h[0] == '0' {
		return errReceiptHandleInvalid.New()
	}
	m, ok := q.handles[n]
	if !ok || m.handle != n || m.deleted || now >= m.visibleAt || q.expired(m, now) {
		return errReceiptHandleInvalid.New()
	}
	q.markDeleted(m)
	// Purged once the deletions since the last purge are many and most of
	// the queue: amortised O(1) per delete, however many deleted copies a
	// rewind keeps.
	if since := q.deleted - q.deletedAtPurge; since > 64 && since*2 > len(q.msgs) {
		q.purgeLocked(now)
	}
	return nil
}

func (s *store) deleteMessage(acct, name, handle string) error {
	_, q, err := s.lockQueue(acct, name)
	if err != nil {
		return err
	}
	defer s.unlockQueue(q)
	if e := q.deleteLocked(handle, unixNanos(s.clock.Now())); e != nil {
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
	_, q, err := s.lockQueue(acct, name)
	if err != nil {
		return nil, err
	}
	defer s.unlockQueue(q)
	now := unixNanos(s.clock.Now())
	var failed []handleFailure
	for _, h := range handles {
		if e := q.deleteLocked(h, now); e != nil {
			failed = append(failed, handleFailure{handle: h, err: e})
		}
	}
	return failed, nil
}
