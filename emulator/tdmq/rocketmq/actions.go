package rocketmq

import (
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// documentedRates are the 4.x per-account limits on the API pages quoted in
// tdmq.md §3: 20 requests per second. tdmq.rateLimitOverrides sets others
// (a rate of 0 lifts a limit).
var documentedRates = map[string]int{
	"DescribeRocketMQClusters":     20,
	"DescribeRocketMQCluster":      20,
	"DescribeRocketMQVipInstances": 20,
	"CreateRocketMQTopicV2":        20,
}

// declined are the 4.x RocketMQ actions the emulator knowingly does not
// serve (tdmq.md §8.2: migration, routing, public-network and metric
// actions, order placing). They answer UnsupportedOperation, so "out of
// scope" never looks like a typo (InvalidAction).
var declined = []string{
	"CreateRocketMQMigrationTask",
	"CreateRocketMQRouterRule",
	"DescribeRocketMQConsumerConnectionDetail",
	"DescribeRocketMQGeneralSKUs",
	"DescribeRocketMQMigratingTopicList",
	"DescribeRocketMQPublicAccessMonitorData",
	"DescribeRocketMQPublicAccessPoint",
	"DescribeRocketMQSmoothMigrationTask",
	"DescribeRocketMQTopUsages",
	"ExportRocketMQMessageDetail",
	"ImportRocketMQConsumerGroups",
	"ImportRocketMQTopics",
	"ModifyRocketMQInstanceSpec",
	"SetRocketMQPublicAccessPoint",
}

// actions is the 4.x action table: one row per action. The rows' rates
// apply only when limited (tdmq.rateLimits or limits.rateLimits).
func (g *Product) actions(overrides map[string]int, limited bool) *pipeline.Table {
	rows := []struct {
		name string
		h    handler
	}{
		// Clusters (virtual) and dedicated (VIP) instances.
		{"CreateRocketMQCluster", g.createRocketMQCluster},
		{"DescribeRocketMQCluster", g.describeRocketMQCluster},
		{"DescribeRocketMQClusters", g.describeRocketMQClusters},
		{"ModifyRocketMQCluster", g.modifyRocketMQCluster},
		{"DeleteRocketMQCluster", g.deleteRocketMQCluster},
		{"CreateRocketMQVipInstance", g.createRocketMQVipInstance},
		{"DescribeRocketMQVipInstances", g.describeRocketMQVipInstances},
		{"DescribeRocketMQVipInstanceDetail", g.describeRocketMQVipInstanceDetail},
		{"ModifyRocketMQInstance", g.modifyRocketMQInstance},
		{"DeleteRocketMQVipInstance", g.deleteRocketMQVipInstance},
		// Namespaces.
		{"CreateRocketMQNamespace", g.createRocketMQNamespace},
		{"DescribeRocketMQNamespaces", g.describeRocketMQNamespaces},
		{"ModifyRocketMQNamespace", g.modifyRocketMQNamespace},
		{"DeleteRocketMQNamespace", g.deleteRocketMQNamespace},
		// Topics.
		{"CreateRocketMQTopic", g.createRocketMQTopic},
		{"CreateRocketMQTopicV2", g.createRocketMQTopicV2},
		{"DescribeRocketMQTopics", g.describeRocketMQTopics},
		{"DescribeRocketMQTopic", g.describeRocketMQTopic},
		{"ModifyRocketMQTopic", g.modifyRocketMQTopic},
		{"DeleteRocketMQTopic", g.deleteRocketMQTopic},
		{"DescribeRocketMQTopicsByGroup", g.describeRocketMQTopicsByGroup},
		{"DescribeRocketMQTopicStats", g.describeRocketMQTopicStats},
		// Consumer groups.
		{"CreateRocketMQGroup", g.createRocketMQGroup},
		{"CreateRocketMQGroupV2", g.createRocketMQGroupV2},
		{"DescribeRocketMQGroups", g.describeRocketMQGroups},
		{"ModifyRocketMQGroup", g.modifyRocketMQGroup},
		{"DeleteRocketMQGroup", g.deleteRocketMQGroup},
		{"DescribeRocketMQConsumeStats", g.describeRocketMQConsumeStats},
		{"DescribeRocketMQConsumerConnections", g.describeRocketMQConsumerConnections},
		{"ResetRocketMQConsumerOffSet", g.resetRocketMQConsumerOffSet},
		{"DescribeRocketMQSubscriptions", g.describeRocketMQSubscriptions},
		// Roles and namespace authorisation.
		{"CreateRocketMQRole", g.createRocketMQRole},
		{"DescribeRocketMQRoles", g.describeRocketMQRoles},
		{"ModifyRocketMQRole", g.modifyRocketMQRole},
		{"DeleteRocketMQRoles", g.deleteRocketMQRoles},
		{"CreateRocketMQEnvironmentRole", g.createRocketMQEnvironmentRole},
		{"DescribeRocketMQEnvironmentRoles", g.describeRocketMQEnvironmentRoles},
		{"ModifyRocketMQEnvironmentRole", g.modifyRocketMQEnvironmentRole},
		{"DeleteRocketMQEnvironmentRoles", g.deleteRocketMQEnvironmentRoles},
		// Messages and producers.
		{"SendRocketMQMessage", g.sendRocketMQMessage},
		{"DescribeRocketMQMsg", g.describeRocketMQMsg},
		{"DescribeRocketMQTopicMsgs", g.describeRocketMQTopicMsgs},
		{"DescribeRocketMQMsgTrace", g.describeRocketMQMsgTrace},
		{"RetryRocketMQDlqMessage", g.retryRocketMQDlqMessage},
		{"VerifyRocketMQConsume", g.verifyRocketMQConsume},
		{"DescribeRocketMQProducers", g.describeRocketMQProducers},
	}
	actions := make([]pipeline.Action, 0, len(rows)+len(declined))
	for _, r := range rows {
		actions = append(actions, pipeline.Action{Name: r.name, Handle: g.wrap(r.h), Rate: rate(r.name, overrides)})
	}
	for _, name := range declined {
		actions = append(actions, pipeline.Action{Name: name, Declined: true})
	}
	spec := pipeline.TableSpec{Throttle: errRequestLimitExceeded, Decline: decline}
	if limited {
		spec.Now = g.clock.Now
	}
	return pipeline.NewTable(spec, actions...)
}

// rate is an action's per-second rate: the override, else the documented one.
func rate(action string, overrides map[string]int) ratelimit.Rate {
	n, ok := overrides[action]
	if !ok {
		n = documentedRates[action]
	}
	return ratelimit.Per(n, time.Second)
}

func decline(*pipeline.Call) error {
	return errUnsupportedOperation.New().WithDetail(" (not emulated by mqmock)")
}

// handler is a 4.x action: the call's parameters plus what the wrapper
// worked out (account, region, DryRun, the virtual time of the call).
type handler func(o op, call *pipeline.Call) (any, error)

// wrap works out what every 4.x action shares: the caller's account and
// region (X-TC-Region: the store finds only that region's clusters), the
// virtual time of the call and DryRun. DryRun is taken out of the
// parameters (so strict binding accepts it); a read that succeeds becomes
// DryRunOperation, and a write stops with DryRunOperation after its last
// check, before it changes anything (op.dry).
func (g *Product) wrap(h handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		dry, err := tcapi.TakeDryRun(call)
		if err != nil {
			return nil, err
		}
		res, err := h(op{owner: accountOf(call), region: call.Region, dry: dryRun(call), now: g.clock.Now()}, call)
		if err == nil && dry {
			return nil, errDryRunOperation.New()
		}
		return res, err
	}
}

// dryRun reports whether the call asked for a dry run. wrap has checked the
// value and removed it from the tree; Params keep it as sent.
func dryRun(call *pipeline.Call) bool {
	return strings.EqualFold(call.Params["DryRun"], "true")
}

// accountOf is the account a call acts for: resources are visible only to
// the account that created them.
func accountOf(call *pipeline.Call) string {
	if call.Account == nil {
		return ""
	}
	return call.Account.Name
}
