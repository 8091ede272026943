package rocketmq

import (
	"time"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Topics of a namespace. Names are unique within their namespace; the
// quota counts every topic of the cluster.

// topicTypes are the types CreateRocketMQTopic(V2) accepts.
var topicTypes = []string{"Normal", "GlobalOrder", "PartitionedOrder", "Transaction", "DelayScheduled"}

// newTopic is what both create actions ask for: CreateRocketMQTopic names
// its namespace in a list, CreateRocketMQTopicV2 alone (a list of one).
type newTopic struct {
	cluster, name, typ, remark string
	namespaces                 []string
	partitions                 *int64
	tags                       []tag
}

// createTopic checks the namespace list, name, type, remark and partition
// count, then, in a RUNNING cluster (a dedicated one for Transaction
// topics), with the name new in its namespace and room under the cluster's
// topic quota, inserts the topic.
func (s *store) createTopic(o op, t newTopic) error {
	if len(t.namespaces) != 1 {
		return errInvalidParameter.New().WithDetail(" (Namespaces must name exactly one namespace)")
	}
	l := s.limits
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
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, err := s.namespaceOf(o, t.cluster, t.namespaces[0], miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundNamespace})
	if err != nil {
		return err
	}
	if !c.ready(o.now) {
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
	if o.dry {
		return errDryRunOperation.New()
	}
	c.putTopic(n, &topic{Name: t.name, Type: t.typ, Remark: t.remark, Partitions: parts, Tags: t.tags, Created: o.now, Updated: o.now, Seq: s.next()})
	return nil
}

// topicQuery is DescribeRocketMQTopics' selection and page.
type topicQuery struct {
	cluster, namespace string
	offset, limit      uint64
	types              []string
	name, group        *string
	tagFilters         []*tagFilter
}

// describeTopics lists a page of a namespace's topics and how many match in
// all. The group filter selects the topics a group subscribes to;
// subscriptions come from consumer clients, which never connect to the
// emulator, so it selects none.
func (s *store) describeTopics(o op, q topicQuery) (uint64, []rocketMQTopic, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, err := s.namespaceOf(o, q.cluster, q.namespace, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound})
	if err != nil {
		return 0, nil, err
	}
	var keep func(*topic) bool
	if len(q.types) > 0 || q.name != nil || len(q.tagFilters) > 0 || q.group != nil {
		keep = func(t *topic) bool {
			if len(q.types) > 0 && !inList(t.Type, q.types) {
				return false
			}
			return contains(t.Name, q.name) && tcdata.TagsMatch(t.Tags, q.tagFilters) && (q.group == nil || *q.group == "")
		}
	}
	total, pg := filterPage(n.Topics.all(), q.offset, s.pageSize(q.limit), keep)
	out := []rocketMQTopic{}
	for _, t := range pg {
		out = append(out, s.topicOut(c, n, t, o.now))
	}
	return total, out, nil
}

// topicOut renders RocketMQTopic; the caller holds mu.
func (s *store) topicOut(c *cluster, n *namespace, t *topic, now time.Time) rocketMQTopic {
	var last int64
	if live := t.live(now, s.limits.Retention); len(live) > 0 {
		last = live[len(live)-1].Produced.Unix()
	}
	tags := append([]tag{}, t.Tags...)
	return rocketMQTopic{
		Name: t.Name, Type: t.Type, Remark: t.Remark, PartitionNum: t.Partitions, CreateTime: ms(t.Created), UpdateTime: ms(t.Updated),
		InstanceId: c.ID, Namespace: n.ID, LastUpdateTime: last, SubscriptionData: []rocketMQSubscription{}, TagList: tags,
	}
}

// describeTopic reports one topic; Offset and Limit (of its subscriptions,
// always none) must not be negative.
func (s *store) describeTopic(o op, cluster, namespace, name string, offset, limit *int64) (rocketMQTopic, error) {
	if offset != nil && *offset < 0 || limit != nil && *limit < 0 {
		return rocketMQTopic{}, errInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, t, err := s.topicOf(o, cluster, namespace, name, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundTopic, topic: errResourceNotFoundTopic})
	if err != nil {
		return rocketMQTopic{}, err
	}
	return s.topicOut(c, n, t, o.now), nil
}

// modifyTopic changes the remark and raises the partition count; a lower
// count than the current one is InvalidParameter.Partition. A GlobalOrder
// topic keeps its single partition.
func (s *store) modifyTopic(o op, cluster, namespace, name, remark string, partitions *int64) error {
	l := s.limits
	if err := checkRemark(errInvalidParameter, &remark, l.RemarkMax); err != nil {
		return err
	}
	if p := partitions; p != nil && (*p < 1 || uint64(*p) > l.MaxPartitions) {
		return errInvalidParameterPartition.New().WithDetail(" (PartitionNum must be 1-" + itoa(int(l.MaxPartitions)) + ")")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _, t, err := s.topicOf(o, cluster, namespace, name, miss{cluster: errResourceNotFound, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return err
	}
	grow := partitions != nil && t.Type != "GlobalOrder"
	if grow && uint64(*partitions) < t.Partitions {
		return errInvalidParameterPartition.New().WithDetail(" (PartitionNum cannot be lower than the current " + itoa(int(t.Partitions)) + ")")
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	if grow {
		t.Partitions = uint64(*partitions)
	}
	t.Remark = remark
	t.Updated = o.now
	return nil
}

// deleteTopic deletes a topic with its messages.
func (s *store) deleteTopic(o op, cluster, namespace, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, t, err := s.topicOf(o, cluster, namespace, name, miss{cluster: errResourceNotFound, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return err
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	c.dropTopic(n, t)
	return nil
}

// describeTopicsByGroup lists the topics a group subscribes to. A group's
// subscriptions come from its consumer clients, which never connect to the
// emulator, so the list of an existing group is empty.
func (s *store) describeTopicsByGroup(o op, cluster, namespace, group string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, _, _, err := s.groupOf(o, cluster, namespace, group, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound}); err != nil {
		return nil, err
	}
	return []string{}, nil
}

// describeTopicStats reports one entry per queue (partition) with the
// offsets of the messages sent through SendRocketMQMessage.
func (s *store) describeTopicStats(o op, cluster, namespace, name string) ([]topicStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, _, t, err := s.topicOf(o, cluster, namespace, name, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	out := make([]topicStats, t.Partitions)
	for i := range out {
		out[i] = topicStats{BrokerName: c.ID + "-broker-0", QueueId: int64(i)}
	}
	// Offsets count every message ever sent; MinOffset moves past the
	// ones retention has dropped.
	cut := o.now.Add(-s.limits.Retention)
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
		st := &out[m.Queue]
		st.MaxOffset++
		if m.Produced.Before(cut) {
			st.MinOffset++
		} else {
			st.MessageCount++
		}
	}
	for q, at := range t.LastWrite {
		if q < uint64(len(out)) {
			out[q].LastUpdateTimestamp = at.UnixMilli()
		}
	}
	return out, nil
}
