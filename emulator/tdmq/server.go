// Package tdmq emulates Tencent Cloud TDMQ for RocketMQ's management API over
// TencentCloud API 3.0: RocketMQ 4.x (service tdmq, 2020-02-17) and 5.x
// (service trocket, 2023-03-08) on one port, routed by X-TC-Version.
package tdmq

import (
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Server is the TDMQ vendor.
type Server struct {
	env            pipeline.Env
	opts           Options
	now            func() time.Time // real time, for signature freshness
	tdmqActions    *pipeline.Table
	trocketActions *pipeline.Table

	mu sync.Mutex
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("tdmq", env.Options, &opts); err != nil {
		return nil, err
	}
	s := &Server{env: env, opts: opts, now: time.Now}
	s.tdmqActions = pipeline.NewTable(false,
		pipeline.Action{Name: "DescribeRocketMQClusters", Handle: s.describeRocketMQClusters},
	)
	s.trocketActions = pipeline.NewTable(false,
		pipeline.Action{Name: "DescribeInstanceList", Handle: s.describeInstanceList},
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
	return map[string]any{"clusters": []any{}, "instances": []any{}}
}

// Options are the keys of the "tdmq" configuration section besides listen.
type Options struct {
	// ReadyAfter is how long (virtual time) a new instance or cluster stays
	// CREATING before it is RUNNING; zero means RUNNING at once.
	ReadyAfter time.Duration `mapstructure:"readyAfter"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{} }
