package cmq

// Test seams for the external tests of this directory; not part of the API.

// SetOnWait makes f run each time a receive starts waiting.
func SetOnWait(s *Server, f func()) {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.onWait = f
}

// SetOnPushAttempt makes f see every push attempt once it is recorded and
// its retry (if any) scheduled.
func SetOnPushAttempt(s *Server, f func(PushAttempt)) {
	s.pusher.mu.Lock()
	defer s.pusher.mu.Unlock()
	s.pusher.onAttempt = f
}

// DrainQueues drops every message of every queue (benchmarks use it to keep
// memory flat).
func DrainQueues(s *Server) {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	for _, t := range s.store.tenants {
		for _, q := range t.queues {
			q.msgs, q.deleted = nil, 0
			clear(q.handles)
		}
	}
}

// ActionNames lists the actions the server dispatches.
func ActionNames(s *Server) []string { return s.actions.Names() }
