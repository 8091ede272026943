package trocket

import (
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// documentedRates are the 5.x per-account limits on the API pages quoted in
// tdmq.md §3: 20 requests per second for DescribeInstance and
// DescribeInstanceList, 200 for DescribeFusionInstanceList.
// tdmq.rateLimitOverrides sets or replaces a rate per action (for the
// undocumented actions, or a lower rate in tests; 0 lifts a limit).
var documentedRates = map[string]int{
	"DescribeInstance":           20,
	"DescribeInstanceList":       20,
	"DescribeFusionInstanceList": 200,
}

// declined are the trocket actions of tdmq.md §8.1 that the emulator
// knowingly does not serve (migration, grey release, endpoints): they answer
// UnsupportedOperation, so "not emulated" never looks like a typo
// (InvalidAction).
var declined = []string{
	"ChangeMigratingTopicToNextStage", "CreateConsumerLabel", "CreateMigrationTask",
	"DeleteConsumerLabel", "DeleteConsumerRouteConfig", "DeleteSmoothMigrationTask",
	"DescribeConsumerLabel", "DescribeConsumerLabelList", "DescribeConsumerRouteConfig",
	"DescribeConsumerRouteVersionList", "DescribeMigratingGroupStats", "DescribeMigratingTopicList",
	"DescribeMigratingTopicStats", "DescribeMigrationTaskList", "DescribeSmoothMigrationTaskList",
	"DescribeSourceClusterGroupList", "DoHealthCheckOnMigratingTopic", "ImportSourceClusterConsumerGroups",
	"ImportSourceClusterTopics", "ModifyInstanceEndpoint", "PutConsumerRouteConfig",
	"RemoveMigratingTopic", "RollbackMigratingTopicStage",
}

// handler is a 5.x action: the call's parameters plus what the wrapper
// worked out (account, region, DryRun, the virtual time of the call).
type handler func(o op, call *pipeline.Call) (any, error)

// actions is the 5.x action table: one row per action of tdmq.md §5. The
// rows' rates apply only when limited (tdmq.rateLimits or
// limits.rateLimits).
func (g *Product) actions(overrides map[string]int, limited bool) *pipeline.Table {
	rows := []pipeline.Action{
		{Name: "CreateInstance", Handle: g.wrap(g.createInstance)},
		{Name: "DescribeInstance", Handle: g.wrap(g.describeInstance)},
		{Name: "DescribeInstanceList", Handle: g.wrap(g.describeInstanceList)},
		{Name: "DescribeFusionInstanceList", Handle: g.wrap(g.describeFusionInstanceList)},
		{Name: "ModifyInstance", Handle: g.wrap(g.modifyInstance)},
		{Name: "DeleteInstance", Handle: g.wrap(g.deleteInstance)},
		{Name: "DescribeProductSKUs", Handle: g.wrap(g.describeProductSKUs)},

		{Name: "CreateTopic", Handle: g.wrap(g.createTopic)},
		{Name: "DescribeTopic", Handle: g.wrap(g.describeTopic)},
		{Name: "DescribeTopicList", Handle: g.wrap(g.describeTopicList)},
		{Name: "ModifyTopic", Handle: g.wrap(g.modifyTopic)},
		{Name: "DeleteTopic", Handle: g.wrap(g.deleteTopic)},
		{Name: "DescribeTopicListByGroup", Handle: g.wrap(g.describeTopicListByGroup)},
		{Name: "DescribeTopicStats", Handle: g.wrap(g.describeTopicStats)},

		{Name: "CreateConsumerGroup", Handle: g.wrap(g.createConsumerGroup)},
		{Name: "DescribeConsumerGroup", Handle: g.wrap(g.describeConsumerGroup)},
		{Name: "DescribeConsumerGroupList", Handle: g.wrap(g.describeConsumerGroupList)},
		{Name: "ModifyConsumerGroup", Handle: g.wrap(g.modifyConsumerGroup)},
		{Name: "DeleteConsumerGroup", Handle: g.wrap(g.deleteConsumerGroup)},
		{Name: "DescribeConsumerLag", Handle: g.wrap(g.describeConsumerLag)},
		{Name: "ResetConsumerGroupOffset", Handle: g.wrap(g.resetConsumerGroupOffset)},
		{Name: "DescribeConsumerClientList", Handle: g.wrap(g.describeConsumerClientList)},
		{Name: "DescribeConsumerClient", Handle: g.wrap(g.describeConsumerClient)},

		{Name: "CreateRole", Handle: g.wrap(g.createRole)},
		{Name: "DescribeRoleList", Handle: g.wrap(g.describeRoleList)},
		{Name: "ModifyRole", Handle: g.wrap(g.modifyRole)},
		{Name: "DeleteRole", Handle: g.wrap(g.deleteRole)},

		{Name: "SendMessage", Handle: g.wrap(g.sendMessage)},
		{Name: "DescribeMessageList", Handle: g.wrap(g.describeMessageList)},
		{Name: "DescribeMessage", Handle: g.wrap(g.describeMessage)},
		{Name: "DescribeMessageTrace", Handle: g.wrap(g.describeMessageTrace)},
		{Name: "ResendDeadLetterMessage", Handle: g.wrap(g.resendDeadLetterMessage)},
		{Name: "VerifyMessageConsumption", Handle: g.wrap(g.verifyMessageConsumption)},
		{Name: "DescribeProducerList", Handle: g.wrap(g.describeProducerList)},
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

// wrap works out what every 5.x action shares: the caller's account and
// region (X-TC-Region: the store finds only that region's instances), the
// virtual time of the call and DryRun (taken out of the parameters so strict
// binding accepts it). A dry run that would have succeeded answers
// DryRunOperation.
func (g *Product) wrap(h handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		o := op{region: call.Region, now: g.clock.Now()}
		if call.Account != nil {
			o.owner = call.Account.Name
		}
		dry, err := tcapi.TakeDryRun(call)
		if err != nil {
			return nil, err
		}
		o.dry = dry
		res, err := h(o, call)
		if err == nil && dry {
			return nil, errDryRunOperation.New()
		}
		return res, err
	}
}
