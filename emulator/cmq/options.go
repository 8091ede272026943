package cmq

import (
	"fmt"
	"time"

	"github.com/mqmock/mqmock/internal/config"
)

// Options are the keys of the "cmq" configuration section besides listen.
// Every default is the documented value (cmq.md §7.2); users whose account
// has other quotas (TDMQ-CMQ raised several) change them here.
type Options struct {
	// MaxQueues per account → 4450/10220 (doc 1000; TDMQ today 10 000).
	MaxQueues int `mapstructure:"maxQueues"`
	// MaxTopics per account → 4450/10610.
	MaxTopics int `mapstructure:"maxTopics"`
	// MaxSubscriptionsPerTopic → 4500/10480 (seed 500; older doc 100; TDMQ 1000).
	MaxSubscriptionsPerTopic int `mapstructure:"maxSubscriptionsPerTopic"`
	// MaxInflight is the inactive+delayed count per queue at which receives
	// answer 6070/10690 (doc 20 000).
	MaxInflight int `mapstructure:"maxInflight"`
	// MaxDelaySeconds bounds delaySeconds (doc 3600; the TDMQ-CMQ Go SDK
	// allows 6 048 000).
	MaxDelaySeconds int `mapstructure:"maxDelaySeconds"`
	// MinMaxMsgHeapNum is the smallest maxMsgHeapNum a queue accepts (doc
	// 1 000 000). Lower it to reach 4410/10240 with few messages.
	MinMaxMsgHeapNum int `mapstructure:"minMaxMsgHeapNum"`
	// RecreateLockout is how long a deleted queue's or topic's name stays
	// blocked (seed 30 s; older docs 10 s), in virtual time.
	RecreateLockout time.Duration `mapstructure:"recreateLockout"`
	// PushTimeout bounds one HTTP push attempt, in real time (doc ~15 s).
	PushTimeout time.Duration `mapstructure:"pushTimeout"`
	// BackoffRetryMin/Max bound the random interval between BACKOFF_RETRY
	// push attempts, in virtual time (doc 10–20 s).
	BackoffRetryMin time.Duration `mapstructure:"backoffRetryMin"`
	BackoffRetryMax time.Duration `mapstructure:"backoffRetryMax"`
	// PushInsecureTLS skips certificate verification on https pushes, for
	// local endpoints with self-signed certificates.
	PushInsecureTLS bool `mapstructure:"pushInsecureTLS"`
	// PushLogSize is how many push attempts the control API keeps.
	PushLogSize int `mapstructure:"pushLogSize"`
	// RateLimits turns the rate limits below on for CMQ alone (the global
	// limits.rateLimits turns them on for every vendor).
	RateLimits bool `mapstructure:"rateLimits"`
	// QPSPerResource is the per-queue/topic rate → 4420/10250 (TDMQ doc:
	// 5000 QPS).
	QPSPerResource int `mapstructure:"qpsPerResource"`
	// QPSPerAccountAction is a per-account, per-action rate → 4480/10460;
	// 0 = none (no number is documented).
	QPSPerAccountAction int `mapstructure:"qpsPerAccountAction"`
	// StrictParameters refuses parameters no action knows with 4000/10320.
	// Off by default: every SDK sends extras (RequestClient, Region...).
	StrictParameters bool `mapstructure:"strictParameters"`
	// DeadLetterSourceQueues serves the API 3.0 action
	// DescribeCmqDeadLetterSourceQueues, which the SDKs dropped in 2024
	// ("deleted long ago") but some doc pages and the older typed SDKs still
	// have (tdmq-cmq.md §8.1). On by default so those SDKs work; off, it
	// answers InvalidAction as the real service presumably does.
	DeadLetterSourceQueues bool `mapstructure:"deadLetterSourceQueues"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options {
	return Options{
		MaxQueues:                1000,
		MaxTopics:                1000,
		MaxSubscriptionsPerTopic: 500,
		MaxInflight:              20000,
		MaxDelaySeconds:          3600,
		MinMaxMsgHeapNum:         1_000_000,
		RecreateLockout:          30 * time.Second,
		PushTimeout:              15 * time.Second,
		BackoffRetryMin:          10 * time.Second,
		BackoffRetryMax:          20 * time.Second,
		PushLogSize:              1000,
		QPSPerResource:           5000,
		DeadLetterSourceQueues:   true,
	}
}

// decodeOptions reads the section over the defaults and validates it.
func decodeOptions(section map[string]any) (Options, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("cmq", section, &opts); err != nil {
		return opts, err
	}
	return opts, opts.validate()
}

// validate refuses options that would make the emulator misbehave.
func (o Options) validate() error {
	for _, c := range []struct {
		key string
		v   int
	}{
		{"maxQueues", o.MaxQueues}, {"maxTopics", o.MaxTopics}, {"maxSubscriptionsPerTopic", o.MaxSubscriptionsPerTopic},
		{"maxInflight", o.MaxInflight}, {"maxDelaySeconds", o.MaxDelaySeconds}, {"minMaxMsgHeapNum", o.MinMaxMsgHeapNum},
		{"pushLogSize", o.PushLogSize},
	} {
		if c.v < 1 {
			return fmt.Errorf("config key cmq.%s: %d must be at least 1", c.key, c.v)
		}
	}
	if o.QPSPerResource < 0 || o.QPSPerAccountAction < 0 {
		return fmt.Errorf("config section cmq: qpsPerResource and qpsPerAccountAction must not be negative")
	}
	if o.RecreateLockout < 0 || o.PushTimeout <= 0 || o.BackoffRetryMin <= 0 || o.BackoffRetryMax < o.BackoffRetryMin {
		return fmt.Errorf("config section cmq: recreateLockout ≥ 0, pushTimeout > 0 and 0 < backoffRetryMin ≤ backoffRetryMax are required")
	}
	return nil
}
