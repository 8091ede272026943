package tdmq

import (
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// gen4 is RocketMQ 4.x (service tdmq, 2020-02-17): clusters (virtual and
// dedicated), namespaces, topics, groups, roles and their namespace
// bindings, and the messages sent through the API. One mutex guards it all,
// so every check and the change it guards happen in one critical section.
type gen4 struct {
	s       *Server
	limits  limits4
	limiter *rateLimiter // the token buckets are generation-neutral

	mu       sync.Mutex
	clusters map[string]*cluster4
	seq      uint64 // creation order of every resource
	msgSeq   uint64 // message ids
}

func newGen4(s *Server) *gen4 {
	g := &gen4{s: s, limits: s.opts.RocketMQ4}
	g.limiter = newRateLimiter(g.now, rateLimits4(s.opts, s.env.RateLimits))
	g.reset()
	return g
}

// table is the 4.x action table: one row per action.
func (g *gen4) table() *pipeline.Table {
	actions := []pipeline.Action{
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
	for i := range actions {
		actions[i].Handle = g.wrap4(actions[i].Name, actions[i].Handle)
	}
	for _, name := range declined4 {
		actions = append(actions, pipeline.Action{Name: name, Handle: declinedAction4})
	}
	return pipeline.NewTable(pipeline.TableSpec{Throttle: ErrRequestLimitExceeded}, actions...)
}

// declined4 are the 4.x RocketMQ actions the emulator knowingly does not
// serve (tdmq.md §8.2: migration, routing, public-network and metric
// actions, order placing). They answer UnsupportedOperation, so "out of
// scope" never looks like a typo (InvalidAction).
var declined4 = []string{
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

func declinedAction4(*pipeline.Call) (any, error) {
	return nil, ErrUnsupportedOperation.New().WithDetail(" (not emulated by mqmock)")
}

func (g *gen4) reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.clusters = map[string]*cluster4{}
	g.seq, g.msgSeq = 0, 0
	g.limiter.reset()
}

func (g *gen4) now() time.Time { return g.s.env.Clock.Now() }

func (g *gen4) next() uint64 { g.seq++; return g.seq }

// owner4 is the account a call acts for: resources are visible only to the
// account that created them.
func owner4(call *pipeline.Call) string {
	if call.Account == nil {
		return ""
	}
	return call.Account.Name
}
