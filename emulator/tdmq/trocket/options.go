package trocket

import "time"

// Options are RocketMQ 5.x's part of the tdmq configuration section (the
// front door decodes the section once and hands each product its part).
type Options struct {
	// ReadyAfter is how long (virtual time) a new instance stays CREATING
	// before it is RUNNING (tdmq.readyAfter); zero means RUNNING at once.
	ReadyAfter time.Duration
	// RateLimits turns the documented per-action rates on for this product
	// (tdmq.rateLimits); the global limits.rateLimits (pipeline.Env) does too.
	RateLimits bool
	// RateLimitOverrides sets or replaces a per-second rate per action
	// (tdmq.rateLimitOverrides); 0 lifts an action's limit.
	RateLimitOverrides map[string]int
	// TopicNameMaxLen is the longest topic name (tdmq.topicNameMaxLen): 100
	// on the current limits page, 64 in the older naming convention
	// (tdmq.md §3). Zero means 100.
	TopicNameMaxLen int
}
