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
	rows := []struct {
		name string
		h    handler
	}{
		{"CreateInstance", g.createInstance},
		{"DescribeInstance", g.describeInstance},
		{"DescribeInstanceList", g.describeInstanceList},
		{"DescribeFusionInstanceList", g.describeFusionInstanceList},
		{"ModifyInstance", g.modifyInstance},
		{"DeleteInstance", g.deleteInstance},
		{"DescribeProductSKUs", g.describeProductSKUs},

		{"CreateTopic", g.createTopic},
		{"DescribeTopic", g.describeTopic},
		{"DescribeTopicList", g.describeTopicList},
		{"ModifyTopic", g.modifyTopic},
		{"DeleteTopic", g.deleteTopic},
		{"DescribeTopicListByGroup", g.describeTopicListByGroup},
		{"DescribeTopicStats", g.describeTopicStats},

		{"CreateConsumerGroup", g.createConsumerGroup},
		{"DescribeConsumerGroup", g.describeConsumerGroup},
		{"DescribeConsumerGroupList", g.describeConsumerGroupList},
		{"ModifyConsumerGroup", g.modifyConsumerGroup},
		{"DeleteConsumerGroup", g.deleteConsumerGroup},
		{"DescribeConsumerLag", g.describeConsumerLag},
		{"ResetConsumerGroupOffset", g.resetConsumerGroupOffset},
		{"DescribeConsumerClientList", g.describeConsumerClientList},
		{"DescribeConsumerClient", g.describeConsumerClient},

		{"CreateRole", g.createRole},
		{"DescribeRoleList", g.describeRoleList},
		{"ModifyRole", g.modifyRole},
		{"DeleteRole", g.deleteRole},

		{"SendMessage", g.sendMessage},
		{"DescribeMessageList", g.describeMessageList},
		{"DescribeMessage", g.describeMessage},
		{"DescribeMessageTrace", g.describeMessageTrace},
		{"ResendDeadLetterMessage", g.resendDeadLetterMessage},
		{"VerifyMessageConsumption", g.verifyMessageConsumption},
		{"DescribeProducerList", g.describeProducerList},
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
