package tdmq

import (
	"sort"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// gen5 is RocketMQ 5.x (service trocket, 2023-03-08): instances, topics,
// consumer groups, roles, messages. Its state is guarded by mu; every domain
// operation checks and acts under it.
type gen5 struct {
	s         *Server
	mu        sync.Mutex
	seq       int64
	instances map[string]*instance5
	limiter   *rateLimiter
	clock     *clock.Clock
}

func newGen5(s *Server) *gen5 {
	c := s.env.Clock
	if c == nil { // the zero Env works: a clock of its own
		c = clock.New()
	}
	g := &gen5{s: s, clock: c, limiter: newRateLimiter(c.Now, rateLimits5(s.opts, s.env.RateLimits))}
	g.reset()
	return g
}

// handler5 is a 5.x action: the call's parameters plus what the wrapper
// worked out (account, DryRun, the virtual time of the call).
type handler5 func(op *op5, call *pipeline.Call) (any, error)

type op5 struct {
	owner string    // account name
	dry   bool      // DryRun: check everything, change nothing
	now   time.Time // the virtual clock when the call arrived
}

// table is the 5.x action table: one row per action of tdmq.md §5.
func (g *gen5) table() *pipeline.Table {
	rows := []struct {
		name string
		h    handler5
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
	actions := make([]pipeline.Action, 0, len(rows)+len(declined5))
	for _, r := range rows {
		actions = append(actions, pipeline.Action{Name: r.name, Handle: g.wrap(r.name, r.h)})
	}
	for _, name := range declined5 {
		actions = append(actions, pipeline.Action{Name: name, Handle: declinedAction5})
	}
	return pipeline.NewTable(pipeline.TableSpec{Throttle: ErrRequestLimitExceeded}, actions...)
}

// declined5 are the trocket actions of tdmq.md §8.1 that the emulator
// knowingly does not serve (migration, grey release, endpoints): they answer
// UnsupportedOperation, so "not emulated" never looks like a typo
// (InvalidAction).
var declined5 = []string{
	"ChangeMigratingTopicToNextStage", "CreateConsumerLabel", "CreateMigrationTask",
	"DeleteConsumerLabel", "DeleteConsumerRouteConfig", "DeleteSmoothMigrationTask",
	"DescribeConsumerLabel", "DescribeConsumerLabelList", "DescribeConsumerRouteConfig",
	"DescribeConsumerRouteVersionList", "DescribeMigratingGroupStats", "DescribeMigratingTopicList",
	"DescribeMigratingTopicStats", "DescribeMigrationTaskList", "DescribeSmoothMigrationTaskList",
	"DescribeSourceClusterGroupList", "DoHealthCheckOnMigratingTopic", "ImportSourceClusterConsumerGroups",
	"ImportSourceClusterTopics", "ModifyInstanceEndpoint", "PutConsumerRouteConfig",
	"RemoveMigratingTopic", "RollbackMigratingTopicStage",
}

func declinedAction5(*pipeline.Call) (any, error) {
	return nil, ErrUnsupportedOperation.New().WithDetail(" (not emulated by mqmock)")
}

// wrap applies what every 5.x action shares: the per-action rate limit,
// then DryRun (taken out of the parameters so strict binding accepts it).
func (g *gen5) wrap(name string, h handler5) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		op := &op5{now: g.clock.Now()}
		if call.Account != nil {
			op.owner = call.Account.Name
		}
		if !g.limiter.allow(op.owner, name) {
			return nil, ErrRequestLimitExceeded.New()
		}
		dry, err := tcapi.TakeDryRun(call)
		if err != nil {
			return nil, err
		}
		op.dry = dry
		res, err := h(op, call)
		if err == nil && dry {
			return nil, ErrDryRunOperation.New()
		}
		return res, err
	}
}

func (g *gen5) reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.instances = map[string]*instance5{}
	g.seq = 0
	g.limiter.reset()
}

// state is what GET /_mqmock/state shows for 5.x.
func (g *gen5) state() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.clock.Now()
	type instanceState struct {
		Account, InstanceId, Name, Type, SkuCode, Status string
		Topics, Groups, Roles                            []string
		Messages                                         int
	}
	out := []instanceState{}
	for _, in := range g.sortedInstances() {
		st := instanceState{Account: in.owner, InstanceId: in.id, Name: in.name, Type: in.typ, SkuCode: in.sku.SkuCode, Status: in.status(now),
			Topics: sortedKeys5(in.topics), Groups: sortedKeys5(in.groups), Roles: sortedKeys5(in.roles), Messages: len(in.messages)}
		out = append(out, st)
	}
	return map[string]any{"instances": out}
}

// sortedInstances lists all instances in creation order.
func (g *gen5) sortedInstances() []*instance5 {
	out := make([]*instance5, 0, len(g.instances))
	for _, in := range g.instances {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func sortedKeys5[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
