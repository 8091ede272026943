package rocketmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Consumer groups of a namespace. Names are unique within their namespace;
// the quota counts every group of the cluster. Consumer clients never
// connect to the emulator (the control API stands in for them,
// store_consumer.go), so subscriptions and consumption statistics are
// empty, and every count of them is zero.

// groupTypes are the GroupType values (default TCP).
var groupTypes = []string{"TCP", "HTTP"}

// newGroup is what both create actions ask for: CreateRocketMQGroup names
// its namespace in a list, CreateRocketMQGroupV2 alone (a list of one); nil
// is a value not given.
type newGroup struct {
	cluster, name, remark string
	namespaces            []string
	groupType             *string
	read, broadcast       bool
	retry                 *uint64
	tags                  []tag
}

// createGroup checks the namespace list, name, remark and type, then, in a
// RUNNING cluster, with the name new in its namespace and room under the
// cluster's group quota, inserts the group.
func (s *store) createGroup(o op, ng newGroup) error {
	if len(ng.namespaces) != 1 {
		return errInvalidParameter.New().WithDetail(" (Namespaces must name exactly one namespace)")
	}
	l := s.limits
	if err := checkName(errInvalidParameter, "GroupId", ng.name, l.GroupNameMin, l.GroupNameMax); err != nil {
		return err
	}
	if len([]rune(ng.remark)) > l.RemarkMax {
		return errInvalidParameter.New().WithDetail(" (Remark longer than " + itoa(l.RemarkMax) + " characters)")
	}
	typ := "TCP"
	if ng.groupType != nil {
		if !inList(*ng.groupType, groupTypes) {
			return errInvalidParameter.New().WithDetail(" (GroupType must be TCP or HTTP)")
		}
		typ = *ng.groupType
	}
	retry := l.DefaultRetryMaxTimes
	if ng.retry != nil {
		retry = *ng.retry
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, err := s.namespaceOf(o, ng.cluster, ng.namespaces[0], miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundNamespace})
	if err != nil {
		return err
	}
	if !c.ready(o.now) {
		return errFailedOperationInstanceNotReady.New()
	}
	if _, dup := n.Groups.get(ng.name); dup {
		return errResourceInUse.New().WithDetail(" (group " + ng.name + " exists)")
	}
	if _, _, max := c.quotas(l); c.groupCount() >= max {
		return errLimitExceeded.New().WithDetail(" (at most " + itoa(max) + " groups per cluster)")
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	c.putGroup(n, &group{
		Name: ng.name, Remark: ng.remark, GroupType: typ, ReadEnable: ng.read, Broadcast: ng.broadcast,
		RetryMaxTimes: retry, Tags: ng.tags, Created: o.now, Updated: o.now, Seq: s.next(),
	})
	return nil
}

// groupQuery is DescribeRocketMQGroups' selection, order and page.
type groupQuery struct {
	cluster, namespace                                            string
	offset, limit                                                 uint64
	filterTopic, filterGroup, filterOneGroup, sortedBy, sortOrder *string
	types                                                         []string
	tagFilters                                                    []*tagFilter
}

// describeGroups lists a page of a namespace's groups in creation order
// and how many match in all. FilterTopic selects the groups subscribed to a
// topic: none, as no consumer ever subscribes. SortedBy names a statistic
// (subscribeNum in the current SDK; tps and accumulative in older ones)
// that is zero for every group: sorting equal keys keeps creation order in
// either SortOrder.
func (s *store) describeGroups(o op, q groupQuery) (uint64, []rocketMQGroup, error) {
	if q.sortedBy != nil && *q.sortedBy != "" && !inList(*q.sortedBy, []string{"subscribeNum", "tps", "accumulative"}) {
		return 0, nil, errInvalidParameter.New().WithDetail(" (SortedBy must be subscribeNum, tps or accumulative)")
	}
	if q.sortOrder != nil && *q.sortOrder != "" && !inList(strings.ToLower(*q.sortOrder), []string{"asc", "desc"}) {
		return 0, nil, errInvalidParameter.New().WithDetail(" (SortOrder must be asc or desc)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, err := s.namespaceOf(o, q.cluster, q.namespace, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound})
	if err != nil {
		return 0, nil, err
	}
	var keep func(*group) bool
	if q.filterOneGroup != nil || q.filterGroup != nil || len(q.tagFilters) > 0 || len(q.types) > 0 || q.filterTopic != nil {
		keep = func(gr *group) bool {
			if q.filterOneGroup != nil && *q.filterOneGroup != "" && gr.Name != *q.filterOneGroup {
				return false
			}
			if !contains(gr.Name, q.filterGroup) || !tcdata.TagsMatch(gr.Tags, q.tagFilters) {
				return false
			}
			if len(q.types) > 0 && !inList(gr.GroupType, q.types) {
				return false
			}
			return q.filterTopic == nil || *q.filterTopic == ""
		}
	}
	total, pg := filterPage(n.Groups.all(), q.offset, s.pageSize(q.limit), keep)
	out := []rocketMQGroup{}
	for _, gr := range pg {
		out = append(out, groupOut(c, n, gr))
	}
	return total, out, nil
}

// groupOut renders RocketMQGroup; the caller holds mu.
func groupOut(c *cluster, n *namespace, gr *group) rocketMQGroup {
	var mode int64
	if gr.Broadcast {
		mode = 1
	}
	return rocketMQGroup{
		Name: gr.Name, ConsumptionMode: mode, ReadEnabled: gr.ReadEnable, RetryPartitionNum: 1,
		CreateTime: ms(gr.Created), UpdateTime: ms(gr.Updated), ClientProtocol: gr.GroupType, Remark: gr.Remark,
		ConsumerType: "", BroadcastEnabled: gr.Broadcast, GroupType: gr.GroupType, RetryMaxTimes: gr.RetryMaxTimes,
		InstanceId: c.ID, Namespace: n.ID, TagList: append([]tag{}, gr.Tags...),
	}
}

// groupChange is what ModifyRocketMQGroup changes; nil keeps a value.
type groupChange struct {
	remark          *string
	read, broadcast *bool
	retry           *uint64
}

// modifyGroup checks the remark and changes a group.
func (s *store) modifyGroup(o op, cluster, namespace, name string, a groupChange) error {
	if err := checkRemark(errInvalidParameter, a.remark, s.limits.RemarkMax); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _, gr, err := s.groupOf(o, cluster, namespace, name, miss{cluster: errResourceNotFound, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return err
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	if a.remark != nil {
		gr.Remark = *a.remark
	}
	if a.read != nil {
		gr.ReadEnable = *a.read
	}
	if a.broadcast != nil {
		gr.Broadcast = *a.broadcast
	}
	if a.retry != nil {
		gr.RetryMaxTimes = *a.retry
	}
	gr.Updated = o.now
	return nil
}

// deleteGroup deletes a group.
func (s *store) deleteGroup(o op, cluster, namespace, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, gr, err := s.groupOf(o, cluster, namespace, name, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return err
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	c.dropGroup(n, gr)
	return nil
}

// describeConsumeStats reports a group's consumption per queue: none, as
// nothing is consumed.
func (s *store) describeConsumeStats(o op, cluster, namespace, name string) ([]consumerStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := miss{cluster: errResourceNotFound, namespace: errResourceNotFound, group: errResourceNotFound}
	if _, _, _, err := s.groupOf(o, cluster, namespace, name, all); err != nil {
		return nil, err
	}
	return []consumerStats{}, nil
}

// connectionQuery is DescribeRocketMQConsumerConnections' group, order and
// page.
type connectionQuery struct {
	cluster, namespace, group string
	offset, limit             uint64
	sortedBy, sortOrder       *string
}

// describeConsumerConnections lists a page of a group's online consumers
// (in the order they came online), how many there are and the group.
func (s *store) describeConsumerConnections(o op, q connectionQuery) (uint64, []rocketMQConsumerConnection, rocketMQGroup, error) {
	if q.sortedBy != nil && *q.sortedBy != "" && *q.sortedBy != "Accumulative" {
		return 0, nil, rocketMQGroup{}, errInvalidParameter.New().WithDetail(" (SortedBy must be Accumulative)")
	}
	if q.sortOrder != nil && *q.sortOrder != "" && !inList(strings.ToUpper(*q.sortOrder), []string{"ASC", "DESC"}) {
		return 0, nil, rocketMQGroup{}, errInvalidParameter.New().WithDetail(" (SortOrder must be ASC or DESC)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, gr, err := s.groupOf(o, q.cluster, q.namespace, q.group, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return 0, nil, rocketMQGroup{}, err
	}
	conns := make([]rocketMQConsumerConnection, 0, len(gr.Clients))
	for _, cl := range gr.Clients {
		conns = append(conns, rocketMQConsumerConnection{ClientId: cl.ID, ClientAddr: cl.Addr, Language: cl.Language, Version: cl.Version})
	}
	total := uint64(len(conns))
	from, to := min(q.offset, total), min(q.offset+q.limit, total)
	if q.limit == 0 {
		to = min(q.offset+s.limits.ListDefault, total)
	}
	return total, conns[from:to], groupOut(c, n, gr), nil
}

// offsetResetSpec is what ResetRocketMQConsumerOffSet asks for; nil is a
// value not given.
type offsetResetSpec struct {
	typ       uint64 // 0 latest, 1 by timestamp
	topic     *string
	timestamp *uint64
	retry     *bool
}

// resetConsumerOffset validates and records the reset (visible in the
// state view); with no consumer there is no offset to move.
func (s *store) resetConsumerOffset(o op, cluster, namespace, name string, a offsetResetSpec) error {
	if a.typ > 1 {
		return errInvalidParameter.New().WithDetail(" (Type must be 0 or 1)")
	}
	if a.typ == 1 && a.timestamp == nil {
		return errMissingParameter.New().WithDetail(" (ResetTimestamp is required when Type is 1)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := miss{cluster: errResourceNotFound, namespace: errResourceNotFound, group: errResourceNotFound}
	_, n, gr, err := s.groupOf(o, cluster, namespace, name, all)
	if err != nil {
		return err
	}
	reset := &offsetReset{Type: a.typ, At: o.now, Retry: a.retry != nil && *a.retry}
	if a.topic != nil && *a.topic != "" {
		if _, ok := n.Topics.get(*a.topic); !ok {
			return errResourceNotFound.New().WithDetail(" (topic " + *a.topic + ")")
		}
		reset.Topic = *a.topic
	}
	if a.typ == 1 {
		reset.Timestamp = *a.timestamp
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	gr.LastReset = reset
	return nil
}

// describeSubscriptions lists a group's subscriptions: none, as no
// consumer ever subscribes. Offset and Limit must not be negative.
func (s *store) describeSubscriptions(o op, cluster, namespace, name string, offset, limit int64) ([]rocketMQSubscription, error) {
	if offset < 0 || limit < 0 {
		return nil, errInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, _, _, err := s.groupOf(o, cluster, namespace, name, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound}); err != nil {
		return nil, err
	}
	return []rocketMQSubscription{}, nil
}
