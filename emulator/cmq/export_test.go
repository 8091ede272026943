package cmq

// Test seams for the external tests of this directory; not part of the API.

// SetOnWait makes f run each time a receive starts waiting.
func SetOnWait(s *Product, f func()) {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.onWait = f
}

// SetOnPushAttempt makes f see every push attempt once it is recorded and
// its retry (if any) scheduled.
func SetOnPushAttempt(s *Product, f func(PushAttempt)) {
	s.pusher.mu.Lock()
	defer s.pusher.mu.Unlock()
	s.pusher.onAttempt = f
}

// DrainQueues drops every message of every queue (benchmarks use it to keep
// memory flat).
func DrainQueues(s *Product) {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	for _, t := range s.store.tenants {
		for _, q := range t.queues {
			q.mu.Lock()
			q.clearLocked()
			q.mu.Unlock()
		}
	}
}

// Waiters counts the receives parked on an account's queue.
func Waiters(s *Product, acct, queue string) int {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	t, ok := s.store.tenants[acct]
	if !ok {
		return 0
	}
	q, err := t.queueLocked(queue)
	if err != nil {
		return 0
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.waiters)
}
