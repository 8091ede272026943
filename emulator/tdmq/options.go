package tdmq

import (
	"time"

	"github.com/mqmock/mqmock/emulator/tdmq/rocketmq"
	"github.com/mqmock/mqmock/emulator/tdmq/trocket"
	"github.com/mqmock/mqmock/internal/config"
)

// Options are the keys of the "tdmq" configuration section besides listen:
// decoded once here, each product handed its part.
type Options struct {
	// ReadyAfter is how long (virtual time) a new instance or cluster stays
	// CREATING before it is RUNNING; zero means RUNNING at once.
	ReadyAfter time.Duration `mapstructure:"readyAfter"`

	// RateLimits turns on the documented per-action request rate limits
	// (RequestLimitExceeded) for TDMQ alone; the global limits.rateLimits
	// (pipeline.Env.RateLimits) turns them on for every door. Off by default.
	RateLimits bool `mapstructure:"rateLimits"`
	// RateLimitOverrides sets a per-second limit per action of either
	// product (applies only with rate limits on).
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

	// RocketMQ are the 4.x name rules, quotas and retention (tdmq.md §3),
	// with the documented values as defaults.
	RocketMQ rocketmq.Limits `mapstructure:"rocketmq4"`
}

// decodeOptions reads the section over the documented defaults.
func decodeOptions(section map[string]any) (Options, error) {
	opts := Options{RocketMQ: rocketmq.DefaultLimits()}
	if err := config.DecodeOptions("tdmq", section, &opts); err != nil {
		return Options{}, err
	}
	return opts, nil
}

// rocketmq is RocketMQ 4.x's part.
func (o Options) rocketmq() rocketmq.Options {
	return rocketmq.Options{ReadyAfter: o.ReadyAfter, RateLimits: o.RateLimits, RateLimitOverrides: o.RateLimitOverrides, Limits: o.RocketMQ}
}

// trocket is RocketMQ 5.x's part.
func (o Options) trocket() trocket.Options {
	return trocket.Options{ReadyAfter: o.ReadyAfter, RateLimits: o.RateLimits, RateLimitOverrides: o.RateLimitOverrides, TopicNameMaxLen: o.TopicNameMaxLen}
}
