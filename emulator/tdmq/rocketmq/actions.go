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
	rows := []pipeline.Action{
		// Clusters (virtual) and dedicated (VIP) instances.
		{Name: "CreateRocketMQCluster", Handle: g.wrap(g.createRocketMQCluster)},
		{Name: "DescribeRocketMQCluster", Handle: g.wrap(g.describeRocketMQCluster)},
		{Name: "DescribeRocketMQClusters", Handle: g.wrap(g.describeRocketMQClusters)},
		{Name: "ModifyRocketMQCluster", Handle: g.wrap(g.modifyRocketMQCluster)},
		{Name: "DeleteRocketMQCluster", Handle: g.wrap(g.deleteRocketMQCluster)},
		{Name: "CreateRocketMQVipInstance", Handle: g.wrap(g.createRocketMQVipInstance)},
		{Name: "DescribeRocketMQVipInstances", Handle: g.wrap(g.describeRocketMQVipInstances)},
		{Name: "DescribeRocketMQVipInstanceDetail", Handle: g.wrap(g.describeRocketMQVipInstanceDetail)},
		{Name: "ModifyRocketMQInstance", Handle: g.wrap(g.modifyRocketMQInstance)},
		{Name: "DeleteRocketMQVipInstance", Handle: g.wrap(g.deleteRocketMQVipInstance)},
		// Namespaces.
		{Name: "CreateRocketMQNamespace", Handle: g.wrap(g.createRocketMQNamespace)},
		{Name: "DescribeRocketMQNamespaces", Handle: g.wrap(g.describeRocketMQNamespaces)},
		{Name: "ModifyRocketMQNamespace", Handle: g.wrap(g.modifyRocketMQNamespace)},
		{Name: "DeleteRocketMQNamespace", Handle: g.wrap(g.deleteRocketMQNamespace)},
		// Topics.
		{Name: "CreateRocketMQTopic", Handle: g.wrap(g.createRocketMQTopic)},
		{Name: "CreateRocketMQTopicV2", Handle: g.wrap(g.createRocketMQTopicV2)},
		{Name: "DescribeRocketMQTopics", Handle: g.wrap(g.describeRocketMQTopics)},
		{Name: "DescribeRocketMQTopic", Handle: g.wrap(g.describeRocketMQTopic)},
		{Name: "ModifyRocketMQTopic", Handle: g.wrap(g.modifyRocketMQTopic)},
		{Name: "DeleteRocketMQTopic", Handle: g.wrap(g.deleteRocketMQTopic)},
		{Name: "DescribeRocketMQTopicsByGroup", Handle: g.wrap(g.describeRocketMQTopicsByGroup)},
		{Name: "DescribeRocketMQTopicStats", Handle: g.wrap(g.describeRocketMQTopicStats)},
		// Consumer groups.
		{Name: "CreateRocketMQGroup", Handle: g.wrap(g.createRocketMQGroup)},
		{Name: "CreateRocketMQGroupV2", Handle: g.wrap(g.createRocketMQGroupV2)},
		{Name: "DescribeRocketMQGroups", Handle: g.wrap(g.describeRocketMQGroups)},
		{Name: "ModifyRocketMQGroup", Handle: g.wrap(g.modifyRocketMQGroup)},
		{Name: "DeleteRocketMQGroup", Handle: g.wrap(g.deleteRocketMQGroup)},
		{Name: "DescribeRocketMQConsumeStats", Handle: g.wrap(g.describeRocketMQConsumeStats)},
		{Name: "DescribeRocketMQConsumerConnections", Handle: g.wrap(g.describeRocketMQConsumerConnections)},
		{Name: "ResetRocketMQConsumerOffSet", Handle: g.wrap(g.resetRocketMQConsumerOffSet)},
		{Name: "DescribeRocketMQSubscriptions", Handle: g.wrap(g.describeRocketMQSubscriptions)},
		// Roles and namespace authorisation.
		{Name: "CreateRocketMQRole", Handle: g.wrap(g.createRocketMQRole)},
		{Name: "DescribeRocketMQRoles", Handle: g.wrap(g.describeRocketMQRoles)},
		{Name: "ModifyRocketMQRole", Handle: g.wrap(g.modifyRocketMQRole)},
		{Name: "DeleteRocketMQRoles", Handle: g.wrap(g.deleteRocketMQRoles)},
		{Name: "CreateRocketMQEnvironmentRole", Handle: g.wrap(g.createRocketMQEnvironmentRole)},
		{Name: "DescribeRocketMQEnvironmentRoles", Handle: g.wrap(g.describeRocketMQEnvironmentRoles)},
		{Name: "ModifyRocketMQEnvironmentRole", Handle: g.wrap(g.modifyRocketMQEnvironmentRole)},
		{Name: "DeleteRocketMQEnvironmentRoles", Handle: g.wrap(g.deleteRocketMQEnvironmentRoles)},
		// Messages and producers.
		{Name: "SendRocketMQMessage", Handle: g.wrap(g.sendRocketMQMessage)},
		{Name: "DescribeRocketMQMsg", Handle: g.wrap(g.describeRocketMQMsg)},
		{Name: "DescribeRocketMQTopicMsgs", Handle: g.wrap(g.describeRocketMQTopicMsgs)},
		{Name: "DescribeRocketMQMsgTrace", Handle: g.wrap(g.describeRocketMQMsgTrace)},
		{Name: "RetryRocketMQDlqMessage", Handle: g.wrap(g.retryRocketMQDlqMessage)},
		{Name: "VerifyRocketMQConsume", Handle: g.wrap(g.verifyRocketMQConsume)},
		{Name: "DescribeRocketMQProducers", Handle: g.wrap(g.describeRocketMQProducers)},
	}
	for i := range rows {
		rows[i].Rate = rate(rows[i].Name, overrides)
	}
	for _, name := range declined {
		rows = append(rows, pipeline.Action{Name: name, Declined: true})
	}
	spec := pipeline.TableSpec{Throttle: errRequestLimitExceeded, Decline: decline}
	if limited {
		spec.Now = g.clock.Now
	}
	return pipeline.NewTable(spec, rows...)
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
