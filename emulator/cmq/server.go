// Package cmq emulates Tencent Cloud's legacy CMQ HTTP API (queues, messages,
// topics and subscriptions at /v2/index.php).
package cmq

import (
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Server is the CMQ vendor.
type Server struct {
	env     pipeline.Env
	opts    Options
	now     func() time.Time // real time, for signature freshness
	actions *pipeline.Table

	mu sync.Mutex
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("cmq", env.Options, &opts); err != nil {
		return nil, err
	}
	s := &Server{env: env, opts: opts, now: time.Now}
	s.actions = pipeline.NewTable(true,
		pipeline.Action{Name: "ListQueue", Handle: s.listQueue},
	)
	return s, nil
}

// Reset implements pipeline.Vendor.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
}

// State implements pipeline.Vendor.
func (s *Server) State() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]any{"queues": []any{}, "topics": []any{}}
}

// Options are the keys of the "cmq" configuration section besides listen.
type Options struct {
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{} }
