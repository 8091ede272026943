package tdmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// What every 4.x action shares, applied around its handler: the documented
// per-action rate limit (RequestLimitExceeded, only with tdmq.rateLimits
// or the global limits.rateLimits on) and DryRun (DryRunOperation where the call would have succeeded).

// documentedRateLimits4 are the 4.x limits on the API pages quoted in
// tdmq.md §3: 20 requests per second. tdmq.rateLimitOverrides sets others.
var documentedRateLimits4 = map[string]int{
	"DescribeRocketMQClusters":     20,
	"DescribeRocketMQCluster":      20,
	"DescribeRocketMQVipInstances": 20,
	"CreateRocketMQTopicV2":        20,
}

// rateLimits4 is the effective per-second limit of each limited 4.x action;
// global is limits.rateLimits.
func rateLimits4(o Options, global bool) map[string]int {
	if !o.RateLimits && !global {
		return nil
	}
	out := map[string]int{}
	for k, v := range documentedRateLimits4 {
		out[k] = v
	}
	for k, v := range o.RateLimitOverrides {
		out[k] = v
	}
	return out
}

// wrap4 applies the rate limit, then DryRun: the parameter is taken out of
// the tree (so strict binding accepts it); a read that succeeds becomes
// DryRunOperation, and a write stops with DryRunOperation after its last
// check, before it changes anything (dryRun4).
func (g *gen4) wrap4(name string, h pipeline.Handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		if !g.limiter.allow(owner4(call), name) {
			return nil, ErrRequestLimitExceeded.New()
		}
		dry, err := tcapi.TakeDryRun(call)
		if err != nil {
			return nil, err
		}
		res, err := h(call)
		if err == nil && dry {
			return nil, ErrDryRunOperation.New()
		}
		return res, err
	}
}

// dryRun4 reports whether the call asked for a dry run. wrap4 has checked
// the value and removed it from the tree; Params keep it as sent.
func dryRun4(call *pipeline.Call) bool {
	return strings.EqualFold(call.Params["DryRun"], "true")
}
