package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Topics of a namespace. Names are unique within their namespace; the
// quota counts every topic of the cluster.

// topicTypes are the types CreateRocketMQTopic(V2) accepts.
var topicTypes = []string{"Normal", "GlobalOrder", "PartitionedOrder", "Transaction", "DelayScheduled"}

// newTopic is what both create actions ask of the store.
type newTopic struct {
	cluster, namespace, name, typ, remark string
	partitions                            *int64
	tags                                  []tag
}

// createTopic checks and inserts a topic in one critical section.
func (g *Product) createTopic(call *pipeline.Call, t newTopic) error {
	l := g.store.limits
	if err := checkName(errInvalidParameter, "Topic", t.name, l.TopicNameMin, l.TopicNameMax); err != nil {
		return err
	}
	if !inList(t.typ, topicTypes) {
		return errInvalidParameter.New().WithDetail(" (Type must be Normal, GlobalOrder, PartitionedOrder, Transaction or DelayScheduled)")
	}
	if len([]rune(t.remark)) > l.RemarkMax {
		return errInvalidParameter.New().WithDetail(" (Remark longer than " + itoa(l.RemarkMax) + " characters)")
	}
	parts := l.DefaultPartitions
	if t.partitions != nil {
		if *t.partitions < 1 || uint64(*t.partitions) > l.MaxPartitions {
			return errInvalidParameterPartition.New().WithDetail(" (PartitionNum must be 1-" + itoa(int(l.MaxPartitions)) + ")")
		}
		parts = uint64(*t.partitions)
	}
	if t.typ == "GlobalOrder" {
		parts = 1 // "doesn't take effect for globally sequential messages"
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, err := g.store.namespaceOf(accountOf(call), t.cluster, t.namespace, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundNamespace})
	if err != nil {
		return err
	}
	if !c.ready(g.now()) {
		return errFailedOperationInstanceNotReady.New()
	}
	if t.typ == "Transaction" && c.Kind == kindVirtual {
		return errInvalidParameter.New().WithDetail(" (Transaction topics need a dedicated cluster)")
	}
	if _, dup := n.Topics.get(t.name); dup {
		return errResourceInUse.New().WithDetail(" (topic " + t.name + " exists)")
	}
	if _, max, _ := c.quotas(l); c.topicCount() >= max {
		return errLimitExceeded.New().WithDetail(" (at most " + itoa(max) + " topics per cluster)")
	}
	if dryRun(call) {
		return errDryRunOperation.New()
	}
	now := g.now()
	n.Topics.put(t.name, &topic{Name: t.name, Type: t.typ, Remark: t.remark, Partitions: parts, Tags: t.tags, Created: now, Updated: now, Seq: g.store.next()})
	return nil
}

type createRocketMQTopicRequest struct {
	Topic        string   `json:"Topic" mq:"required"`
	Namespaces   []string `json:"Namespaces" mq:"required"`
	Type         string   `json:"Type" mq:"required"`
	ClusterId    string   `json:"ClusterId" mq:"required"`
	Remark       *string  `json:"Remark"`
	PartitionNum *int64   `json:"PartitionNum"`
}

func (g *Product) createRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQTopicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if len(req.Namespaces) != 1 {
		return nil, errInvalidParameter.New().WithDetail(" (Namespaces must name exactly one namespace)")
	}
	err := g.createTopic(call, newTopic{cluster: req.ClusterId, namespace: req.Namespaces[0], name: req.Topic, typ: req.Type, remark: str(req.Remark), partitions: req.PartitionNum, tags: []tag{}})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type createRocketMQTopicV2Request struct {
	Topic        string   `json:"Topic" mq:"required"`
	Type         string   `json:"Type" mq:"required"`
	ClusterId    string   `json:"ClusterId" mq:"required"`
	Namespace    string   `json:"Namespace" mq:"required"`
	Remark       *string  `json:"Remark"`
	PartitionNum *int64   `json:"PartitionNum"`
	TagList      []*tagIn `json:"TagList"`
}

func (g *Product) createRocketMQTopicV2(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQTopicV2Request
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.createTopic(call, newTopic{cluster: req.ClusterId, namespace: req.Namespace, name: req.Topic, typ: req.Type, remark: str(req.Remark), partitions: req.PartitionNum, tags: tagsIn(req.TagList)})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQTopicsRequest struct {
	Offset      uint64       `json:"Offset" mq:"required"`
	Limit       uint64       `json:"Limit" mq:"required"`
	ClusterId   string       `json:"ClusterId" mq:"required"`
	NamespaceId string       `json:"NamespaceId" mq:"required"`
	FilterType  []string     `json:"FilterType"`
	FilterName  *string      `json:"FilterName"`
	FilterGroup *string      `json:"FilterGroup"`
	TagFilters  []*tagFilter `json:"TagFilters"`
}

type describeRocketMQTopicsResponse struct {
	TotalCount uint64          `json:"TotalCount"`
	Topics     []rocketMQTopic `json:"Topics"`
}

// describeRocketMQTopics lists a namespace's topics. FilterGroup selects the
// topics a group subscribes to; subscriptions come from consumer clients,
// which never connect to the emulator, so it selects none.
func (g *Product) describeRocketMQTopics(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, err := g.store.namespaceOf(accountOf(call), req.ClusterId, req.NamespaceId, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	total, pg := filterPage(n.Topics.all(), req.Offset, g.store.pageSize(req.Limit), func(t *topic) bool {
		if len(req.FilterType) > 0 && !inList(t.Type, req.FilterType) {
			return false
		}
		return contains(t.Name, req.FilterName) && matchTags(t.Tags, req.TagFilters) && (req.FilterGroup == nil || *req.FilterGroup == "")
	})
	out := describeRocketMQTopicsResponse{TotalCount: total, Topics: []rocketMQTopic{}}
	for _, t := range pg {
		out.Topics = append(out.Topics, g.topicOut(c, n, t))
	}
	return out, nil
}

func (g *Product) topicOut(c *cluster, n *namespace, t *topic) rocketMQTopic {
	var last int64
	if live := t.live(g.now(), g.store.limits.Retention); len(live) > 0 {
		last = live[len(live)-1].Produced.Unix()
	}
	tags := append([]tag{}, t.Tags...)
	return rocketMQTopic{
		Name: t.Name, Type: t.Type, Remark: t.Remark, PartitionNum: t.Partitions, CreateTime: ms(t.Created), UpdateTime: ms(t.Updated),
		InstanceId: c.ID, Namespace: n.ID, LastUpdateTime: last, SubscriptionData: []rocketMQSubscription{}, TagList: tags,
	}
}

type describeRocketMQTopicRequest struct {
	ClusterId     string  `json:"ClusterId" mq:"required"`
	NamespaceId   string  `json:"NamespaceId" mq:"required"`
	TopicName     string  `json:"TopicName" mq:"required"`
	ConsumerGroup *string `json:"ConsumerGroup"`
	Offset        *int64  `json:"Offset"`
	Limit         *int64  `json:"Limit"`
}

type describeRocketMQTopicResponse struct {
	Topic rocketMQTopic `json:"Topic"`
}

func (g *Product) describeRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Offset != nil && *req.Offset < 0 || req.Limit != nil && *req.Limit < 0 {
		return nil, errInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, t, err := g.store.topicOf(accountOf(call), req.ClusterId, req.NamespaceId, req.TopicName, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundTopic, topic: errResourceNotFoundTopic})
	if err != nil {
		return nil, err
	}
	return describeRocketMQTopicResponse{Topic: g.topicOut(c, n, t)}, nil
}

type modifyRocketMQTopicRequest struct {
	ClusterId    string `json:"ClusterId" mq:"required"`
	NamespaceId  string `json:"NamespaceId" mq:"required"`
	Topic        string `json:"Topic" mq:"required"`
	Remark       string `json:"Remark" mq:"required"`
	PartitionNum *int64 `json:"PartitionNum"`
}

// modifyRocketMQTopic changes the remark and raises the partition count; a
// lower count than the current one is InvalidParameter.Partition.
func (g *Product) modifyRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQTopicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.store.limits
	if err := checkRemark(errInvalidParameter, &req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	if p := req.PartitionNum; p != nil && (*p < 1 || uint64(*p) > l.MaxPartitions) {
		return nil, errInvalidParameterPartition.New().WithDetail(" (PartitionNum must be 1-" + itoa(int(l.MaxPartitions)) + ")")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	_, _, t, err := g.store.topicOf(accountOf(call), req.ClusterId, req.NamespaceId, req.Topic, miss{cluster: errResourceNotFound, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	grow := req.PartitionNum != nil && t.Type != "GlobalOrder"
	if grow && uint64(*req.PartitionNum) < t.Partitions {
		return nil, errInvalidParameterPartition.New().WithDetail(" (PartitionNum cannot be lower than the current " + itoa(int(t.Partitions)) + ")")
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	if grow {
		t.Partitions = uint64(*req.PartitionNum)
	}
	t.Remark = req.Remark
	t.Updated = g.now()
	return struct{}{}, nil
}

type topicRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
	Topic       string `json:"Topic" mq:"required"`
}

func (g *Product) deleteRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req topicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	_, n, t, err := g.store.topicOf(accountOf(call), req.ClusterId, req.NamespaceId, req.Topic, miss{cluster: errResourceNotFound, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	n.Topics.remove(t.Name)
	return struct{}{}, nil
}

type describeRocketMQTopicsByGroupRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	NamespaceId string  `json:"NamespaceId" mq:"required"`
	GroupId     string  `json:"GroupId" mq:"required"`
	Offset      *uint64 `json:"Offset"`
	Limit       *uint64 `json:"Limit"`
}

type describeRocketMQTopicsByGroupResponse struct {
	TotalCount uint64   `json:"TotalCount"`
	Topics     []string `json:"Topics"`
}

// describeRocketMQTopicsByGroup: a group's subscriptions come from its
// consumer clients, which never connect to the emulator, so the list of an
// existing group is empty.
func (g *Product) describeRocketMQTopicsByGroup(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicsByGroupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	if _, _, _, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupId, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound}); err != nil {
		return nil, err
	}
	return describeRocketMQTopicsByGroupResponse{Topics: []string{}}, nil
}

type describeRocketMQTopicStatsRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
	TopicName   string `json:"TopicName" mq:"required"`
}

type describeRocketMQTopicStatsResponse struct {
	TopicStatsList []topicStats `json:"TopicStatsList"`
}

// describeRocketMQTopicStats reports one entry per queue (partition) with
// the offsets of the messages sent through SendRocketMQMessage.
func (g *Product) describeRocketMQTopicStats(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicStatsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, _, t, err := g.store.topicOf(accountOf(call), req.ClusterId, req.NamespaceId, req.TopicName, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	out := make([]topicStats, t.Partitions)
	for i := range out {
		out[i] = topicStats{BrokerName: c.ID + "-broker-0", QueueId: int64(i)}
	}
	// Offsets count every message ever sent; MinOffset moves past the
	// ones retention has dropped.
	cut := g.now().Add(-g.store.limits.Retention)
	for q, n := range t.Expired {
		if q < uint64(len(out)) {
			out[q].MinOffset += n
			out[q].MaxOffset += n
		}
	}
	for _, m := range t.Messages {
		if m.Queue >= uint64(len(out)) {
			continue
		}
		s := &out[m.Queue]
		s.MaxOffset++
		if m.Produced.Before(cut) {
			s.MinOffset++
		} else {
			s.MessageCount++
		}
	}
	for q, at := range t.LastWrite {
		if q < uint64(len(out)) {
			out[q].LastUpdateTimestamp = at.UnixMilli()
		}
	}
	return describeRocketMQTopicStatsResponse{TopicStatsList: out}, nil
}
