package tdmq

// Per-action request rate limits (RequestLimitExceeded). The documented 5.x
// limits are on the API pages quoted in tdmq.md §3: 20 requests per second
// for DescribeInstance and DescribeInstanceList, 200 for
// DescribeFusionInstanceList. They are off unless limits.rateLimits or
// tdmq.rateLimits is on;
// Options.RateLimitOverrides sets or replaces a limit per action (for the
// undocumented actions, or a lower rate in tests).
var documentedRateLimits5 = map[string]int{
	"DescribeInstance":           20,
	"DescribeInstanceList":       20,
	"DescribeFusionInstanceList": 200,
}

// rateLimits5 is the effective per-second limit of each limited action. The
// limits are on when the tdmq section says so (tdmq.rateLimits) or the global
// limits.rateLimits does (global).
func rateLimits5(o Options, global bool) map[string]int {
	if !o.RateLimits && !global {
		return nil
	}
	out := map[string]int{}
	for k, v := range documentedRateLimits5 {
		out[k] = v
	}
	for k, v := range o.RateLimitOverrides {
		out[k] = v
	}
	return out
}
