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
		{Name: "CreateRocketMQCluster", Handle: g.createRocketMQCluster},
		{Name: "DescribeRocketMQCluster", Handle: g.describeRocketMQCluster},
		{Name: "DescribeRocketMQClusters", Handle: g.describeRocketMQClusters},
		{Name: "ModifyRocketMQCluster", Handle: g.modifyRocketMQCluster},
		{Name: "DeleteRocketMQCluster", Handle: g.deleteRocketMQCluster},
		{Name: "CreateRocketMQVipInstance", Handle: g.createRocketMQVipInstance},
		{Name: "DescribeRocketMQVipInstances", Handle: g.describeRocketMQVipInstances},
		{Name: "DescribeRocketMQVipInstanceDetail", Handle: g.describeRocketMQVipInstanceDetail},
		{Name: "ModifyRocketMQInstance", Handle: g.modifyRocketMQInstance},
		{Name: "DeleteRocketMQVipInstance", Handle: g.deleteRocketMQVipInstance},
		// Namespaces.
		{Name: "CreateRocketMQNamespace", Handle: g.createRocketMQNamespace},
		{Name: "DescribeRocketMQNamespaces", Handle: g.describeRocketMQNamespaces},
		{Name: "ModifyRocketMQNamespace", Handle: g.modifyRocketMQNamespace},
		{Name: "DeleteRocketMQNamespace", Handle: g.deleteRocketMQNamespace},
		// Topics.
		{Name: "CreateRocketMQTopic", Handle: g.createRocketMQTopic},
		{Name: "CreateRocketMQTopicV2", Handle: g.createRocketMQTopicV2},
		{Name: "DescribeRocketMQTopics", Handle: g.describeRocketMQTopics},
		{Name: "DescribeRocketMQTopic", Handle: g.describeRocketMQTopic},
		{Name: "ModifyRocketMQTopic", Handle: g.modifyRocketMQTopic},
		{Name: "DeleteRocketMQTopic", Handle: g.deleteRocketMQTopic},
		{Name: "DescribeRocketMQTopicsByGroup", Handle: g.describeRocketMQTopicsByGroup},
		{Name: "DescribeRocketMQTopicStats", Handle: g.describeRocketMQTopicStats},
		// Consumer groups.
		{Name: "CreateRocketMQGroup", Handle: g.createRocketMQGroup},
		{Name: "CreateRocketMQGroupV2", Handle: g.createRocketMQGroupV2},
		{Name: "DescribeRocketMQGroups", Handle: g.describeRocketMQGroups},
		{Name: "ModifyRocketMQGroup", Handle: g.modifyRocketMQGroup},
		{Name: "DeleteRocketMQGroup", Handle: g.deleteRocketMQGroup},
		{Name: "DescribeRocketMQConsumeStats", Handle: g.describeRocketMQConsumeStats},
		{Name: "DescribeRocketMQConsumerConnections", Handle: g.describeRocketMQConsumerConnections},
		{Name: "ResetRocketMQConsumerOffSet", Handle: g.resetRocketMQConsumerOffSet},
		{Name: "DescribeRocketMQSubscriptions", Handle: g.describeRocketMQSubscriptions},
		// Roles and namespace authorisation.
		{Name: "CreateRocketMQRole", Handle: g.createRocketMQRole},
		{Name: "DescribeRocketMQRoles", Handle: g.describeRocketMQRoles},
		{Name: "ModifyRocketMQRole", Handle: g.modifyRocketMQRole},
		{Name: "DeleteRocketMQRoles", Handle: g.deleteRocketMQRoles},
		{Name: "CreateRocketMQEnvironmentRole", Handle: g.createRocketMQEnvironmentRole},
		{Name: "DescribeRocketMQEnvironmentRoles", Handle: g.describeRocketMQEnvironmentRoles},
		{Name: "ModifyRocketMQEnvironmentRole", Handle: g.modifyRocketMQEnvironmentRole},
		{Name: "DeleteRocketMQEnvironmentRoles", Handle: g.deleteRocketMQEnvironmentRoles},
		// Messages and producers.
		{Name: "SendRocketMQMessage", Handle: g.sendRocketMQMessage},
		{Name: "DescribeRocketMQMsg", Handle: g.describeRocketMQMsg},
		{Name: "DescribeRocketMQTopicMsgs", Handle: g.describeRocketMQTopicMsgs},
		{Name: "DescribeRocketMQMsgTrace", Handle: g.describeRocketMQMsgTrace},
		{Name: "RetryRocketMQDlqMessage", Handle: g.retryRocketMQDlqMessage},
		{Name: "VerifyRocketMQConsume", Handle: g.verifyRocketMQConsume},
		{Name: "DescribeRocketMQProducers", Handle: g.describeRocketMQProducers},
	}
	for i := range rows {
		rows[i].Handle = withDryRun(rows[i].Handle)
		rows[i].Rate = rate(rows[i].Name, overrides)
	}
	for _, name := range declined {
		rows = append(rows, pipeline.Action{Name: name, Declined: true})
	}
	spec := pipeline.TableSpec{Throttle: errRequestLimitExceeded, Decline: decline}
	if limited {
		spec.Now = g.now
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

// withDryRun takes DryRun out of the parameters (so strict binding accepts
// it); a read that succeeds becomes DryRunOperation, and a write stops with
// DryRunOperation after its last check, before it changes anything
// (dryRun).
func withDryRun(h pipeline.Handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		dry, err := tcapi.TakeDryRun(call)
		if err != nil {
			return nil, err
		}
		res, err := h(call)
		if err == nil && dry {
			return nil, errDryRunOperation.New()
		}
		return res, err
	}
}

// dryRun reports whether the call asked for a dry run. withDryRun has
// checked the value and removed it from the tree; Params keep it as sent.
func dryRun(call *pipeline.Call) bool {
	return strings.EqualFold(call.Params["DryRun"], "true")
}
