// Package tdmq emulates Tencent Cloud TDMQ for RocketMQ's management API over
// TencentCloud API 3.0: RocketMQ 4.x (service tdmq, 2020-02-17) and 5.x
// (service trocket, 2023-03-08) on one port, routed by X-TC-Version.
//
// The two generations share the frontend (frontend.go) and the catalogue
// (errors.go); each keeps its own resources: gen4 in rocketmq4*.go, gen5 in
// rocketmq5*.go.
package tdmq

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Server is the TDMQ vendor.
type Server struct {
	env            pipeline.Env
	opts           Options
	v4             *gen4
	v5             *gen5
	tdmqActions    *pipeline.Table
	trocketActions *pipeline.Table
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("tdmq", env.Options, &opts); err != nil {
		return nil, err
	}
	if err := opts.RocketMQ4.validate(); err != nil {
		return nil, err
	}
	s := &Server{env: env, opts: opts}
	s.v4 = newGen4(s)
	s.v5 = newGen5(s)
	s.tdmqActions = s.v4.table()
	s.trocketActions = s.v5.table()
	return s, nil
}

// Control implements emulator.Controller: vendor endpoints under
// /_mqmock/tdmq/ (5.x: /_mqmock/tdmq/trocket/..., 4.x: /_mqmock/tdmq/rocketmq4/...).
func (s *Server) Control(r *gin.RouterGroup) {
	s.v5.control(r.Group("/trocket"))
	s.v4.control(r.Group("/rocketmq4"))
}

// ctlFail answers a control request with the control API's error shape.
func ctlFail(c *gin.Context, status int, msg string) { c.JSON(status, gin.H{"error": msg}) }

// Reset implements pipeline.Vendor.
func (s *Server) Reset() {
	s.v4.reset()
	s.v5.reset()
}

// State implements pipeline.Vendor.
func (s *Server) State() any {
	return map[string]any{"rocketmq4": s.v4.state(), "rocketmq5": s.v5.state()}
}

// Options are the keys of the "tdmq" configuration section besides listen.
type Options struct {
	// ReadyAfter is how long (virtual time) a new instance or cluster stays
	// CREATING before it is RUNNING; zero means RUNNING at once.
	ReadyAfter time.Duration `mapstructure:"readyAfter"`

	// 5.x (trocket) and frontend options.

	// RateLimits turns on the documented per-action request rate limits
	// (RequestLimitExceeded) for TDMQ alone; the global limits.rateLimits
	// (pipeline.Env.RateLimits) turns them on for every vendor. Off by default.
	RateLimits bool `mapstructure:"rateLimits"`
	// RateLimitOverrides sets a per-second limit per 5.x action (applies only
	// with RateLimits on).
	RateLimitOverrides map[string]int `mapstructure:"rateLimitOverrides"`
	// TopicNameMaxLen is the longest 5.x topic name: 100 on the current limits
	// page, 64 in the older naming convention (tdmq.md §3). Zero means 100.
	TopicNameMaxLen int `mapstructure:"topicNameMaxLen"`
	// Regions, when set, are the only X-TC-Region values served; any other
	// answers UnsupportedRegion. Empty accepts every region.
	Regions []string `mapstructure:"regions"`
	// HonorLanguage answers error messages in Chinese to requests with
	// X-TC-Language: zh-CN (the Go SDK's default), where a Chinese text is
	// known; off, every message is the catalogue's English.
	HonorLanguage bool `mapstructure:"honorLanguage"`

	// RocketMQ4 are the 4.x name rules, quotas and retention (tdmq.md §3),
	// with the documented values as defaults.
	RocketMQ4 limits4 `mapstructure:"rocketmq4"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{RocketMQ4: defaultLimits4()} }
