package rocketmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Consumer groups of a namespace. Names are unique within their namespace;
// the quota counts every group of the cluster. Consumer clients never
// connect to the emulator, so connections, subscriptions and consumption
// statistics are empty, and every count of them is zero.

// groupTypes are the GroupType values (default TCP).
var groupTypes = []string{"TCP", "HTTP"}

type newGroup struct {
	cluster, namespace, name, remark string
	groupType                        *string
	read, broadcast                  bool
	retry                            *uint64
	tags                             []tag
}

// createGroup checks and inserts a group in one critical section.
func (g *Product) createGroup(call *pipeline.Call, ng newGroup) error {
	l := g.store.limits
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
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, err := g.store.namespaceOf(accountOf(call), ng.cluster, ng.namespace, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundNamespace})
	if err != nil {
		return err
	}
	if !c.ready(g.now()) {
		return errFailedOperationInstanceNotReady.New()
	}
	if _, dup := n.Groups.get(ng.name); dup {
		return errResourceInUse.New().WithDetail(" (group " + ng.name + " exists)")
	}
	if _, _, max := c.quotas(l); c.groupCount() >= max {
		return errLimitExceeded.New().WithDetail(" (at most " + itoa(max) + " groups per cluster)")
	}
	if dryRun(call) {
		return errDryRunOperation.New()
	}
	now := g.now()
	n.Groups.put(ng.name, &group{
		Name: ng.name, Remark: ng.remark, GroupType: typ, ReadEnable: ng.read, Broadcast: ng.broadcast,
		RetryMaxTimes: retry, Tags: ng.tags, Created: now, Updated: now, Seq: g.store.next(),
	})
	return nil
}

type createRocketMQGroupRequest struct {
	GroupId         string   `json:"GroupId" mq:"required"`
	Namespaces      []string `json:"Namespaces" mq:"required"`
	ReadEnable      bool     `json:"ReadEnable" mq:"required"`
	BroadcastEnable bool     `json:"BroadcastEnable" mq:"required"`
	ClusterId       string   `json:"ClusterId" mq:"required"`
	Remark          *string  `json:"Remark"`
	GroupType       *string  `json:"GroupType"`
	RetryMaxTimes   *uint64  `json:"RetryMaxTimes"`
}

func (g *Product) createRocketMQGroup(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQGroupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if len(req.Namespaces) != 1 {
		return nil, errInvalidParameter.New().WithDetail(" (Namespaces must name exactly one namespace)")
	}
	err := g.createGroup(call, newGroup{
		cluster: req.ClusterId, namespace: req.Namespaces[0], name: req.GroupId, remark: str(req.Remark),
		groupType: req.GroupType, read: req.ReadEnable, broadcast: req.BroadcastEnable, retry: req.RetryMaxTimes, tags: []tag{},
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type createRocketMQGroupV2Request struct {
	GroupId         string   `json:"GroupId" mq:"required"`
	Namespace       string   `json:"Namespace" mq:"required"`
	ReadEnable      bool     `json:"ReadEnable" mq:"required"`
	BroadcastEnable bool     `json:"BroadcastEnable" mq:"required"`
	ClusterId       string   `json:"ClusterId" mq:"required"`
	Remark          *string  `json:"Remark"`
	GroupType       *string  `json:"GroupType"`
	RetryMaxTimes   *uint64  `json:"RetryMaxTimes"`
	TagList         []*tagIn `json:"TagList"`
}

func (g *Product) createRocketMQGroupV2(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQGroupV2Request
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.createGroup(call, newGroup{
		cluster: req.ClusterId, namespace: req.Namespace, name: req.GroupId, remark: str(req.Remark),
		groupType: req.GroupType, read: req.ReadEnable, broadcast: req.BroadcastEnable, retry: req.RetryMaxTimes, tags: tagsIn(req.TagList),
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQGroupsRequest struct {
	ClusterId      string       `json:"ClusterId" mq:"required"`
	NamespaceId    string       `json:"NamespaceId" mq:"required"`
	Offset         uint64       `json:"Offset" mq:"required"`
	Limit          uint64       `json:"Limit" mq:"required"`
	FilterTopic    *string      `json:"FilterTopic"`
	FilterGroup    *string      `json:"FilterGroup"`
	SortedBy       *string      `json:"SortedBy"`
	SortOrder      *string      `json:"SortOrder"`
	FilterOneGroup *string      `json:"FilterOneGroup"`
	Types          []string     `json:"Types"`
	TagFilters     []*tagFilter `json:"TagFilters"`
}

type describeRocketMQGroupsResponse struct {
	TotalCount uint64          `json:"TotalCount"`
	Groups     []rocketMQGroup `json:"Groups"`
}

// describeRocketMQGroups lists a namespace's groups in creation order.
// FilterTopic selects the groups subscribed to a topic: none, as no
// consumer ever subscribes. SortedBy names a statistic (subscribeNum in the
// current SDK; tps and accumulative in older ones) that is zero for every
// group: sorting equal keys keeps creation order in either SortOrder.
func (g *Product) describeRocketMQGroups(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQGroupsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.SortedBy != nil && *req.SortedBy != "" && !inList(*req.SortedBy, []string{"subscribeNum", "tps", "accumulative"}) {
		return nil, errInvalidParameter.New().WithDetail(" (SortedBy must be subscribeNum, tps or accumulative)")
	}
	if req.SortOrder != nil && *req.SortOrder != "" && !inList(strings.ToLower(*req.SortOrder), []string{"asc", "desc"}) {
		return nil, errInvalidParameter.New().WithDetail(" (SortOrder must be asc or desc)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, err := g.store.namespaceOf(accountOf(call), req.ClusterId, req.NamespaceId, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	var match []*group
	for _, gr := range n.Groups.all() {
		if req.FilterOneGroup != nil && *req.FilterOneGroup != "" && gr.Name != *req.FilterOneGroup {
			continue
		}
		if !contains(gr.Name, req.FilterGroup) || !matchTags(gr.Tags, req.TagFilters) {
			continue
		}
		if len(req.Types) > 0 && !inList(gr.GroupType, req.Types) {
			continue
		}
		if req.FilterTopic != nil && *req.FilterTopic != "" {
			continue
		}
		match = append(match, gr)
	}
	out := describeRocketMQGroupsResponse{TotalCount: uint64(len(match)), Groups: []rocketMQGroup{}}
	for _, gr := range page(match, req.Offset, g.store.pageSize(req.Limit)) {
		out.Groups = append(out.Groups, groupOut(c, n, gr))
	}
	return out, nil
}

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

type modifyRocketMQGroupRequest struct {
	ClusterId       string  `json:"ClusterId" mq:"required"`
	NamespaceId     string  `json:"NamespaceId" mq:"required"`
	GroupId         string  `json:"GroupId" mq:"required"`
	Remark          *string `json:"Remark"`
	ReadEnable      *bool   `json:"ReadEnable"`
	BroadcastEnable *bool   `json:"BroadcastEnable"`
	RetryMaxTimes   *uint64 `json:"RetryMaxTimes"`
}

func (g *Product) modifyRocketMQGroup(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQGroupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := checkRemark(errInvalidParameter, req.Remark, g.store.limits.RemarkMax); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	_, _, gr, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupId, miss{cluster: errResourceNotFound, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	if req.Remark != nil {
		gr.Remark = *req.Remark
	}
	if req.ReadEnable != nil {
		gr.ReadEnable = *req.ReadEnable
	}
	if req.BroadcastEnable != nil {
		gr.Broadcast = *req.BroadcastEnable
	}
	if req.RetryMaxTimes != nil {
		gr.RetryMaxTimes = *req.RetryMaxTimes
	}
	gr.Updated = g.now()
	return struct{}{}, nil
}

type groupRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
	GroupId     string `json:"GroupId" mq:"required"`
}

func (g *Product) deleteRocketMQGroup(o op, call *pipeline.Call) (any, error) {
	var req groupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	_, n, gr, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupId, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	n.Groups.remove(gr.Name)
	return struct{}{}, nil
}

type describeRocketMQConsumeStatsRequest struct {
	ClusterId     string `json:"ClusterId" mq:"required"`
	NamespaceId   string `json:"NamespaceId" mq:"required"`
	ConsumerGroup string `json:"ConsumerGroup" mq:"required"`
}

type describeRocketMQConsumeStatsResponse struct {
	ConsumerStatsList []consumerStats `json:"ConsumerStatsList"`
}

func (g *Product) describeRocketMQConsumeStats(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQConsumeStatsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	all := miss{cluster: errResourceNotFound, namespace: errResourceNotFound, group: errResourceNotFound}
	if _, _, _, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.ConsumerGroup, all); err != nil {
		return nil, err
	}
	return describeRocketMQConsumeStatsResponse{ConsumerStatsList: []consumerStats{}}, nil
}

type describeRocketMQConsumerConnectionsRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	NamespaceId string  `json:"NamespaceId" mq:"required"`
	GroupId     string  `json:"GroupId" mq:"required"`
	Offset      uint64  `json:"Offset" mq:"required"`
	Limit       uint64  `json:"Limit" mq:"required"`
	SortedBy    *string `json:"SortedBy"`
	SortOrder   *string `json:"SortOrder"`
}

type describeRocketMQConsumerConnectionsResponse struct {
	TotalCount  uint64                       `json:"TotalCount"`
	Connections []rocketMQConsumerConnection `json:"Connections"`
	GroupDetail rocketMQGroup                `json:"GroupDetail"`
}

func (g *Product) describeRocketMQConsumerConnections(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQConsumerConnectionsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.SortedBy != nil && *req.SortedBy != "" && *req.SortedBy != "Accumulative" {
		return nil, errInvalidParameter.New().WithDetail(" (SortedBy must be Accumulative)")
	}
	if req.SortOrder != nil && *req.SortOrder != "" && !inList(strings.ToUpper(*req.SortOrder), []string{"ASC", "DESC"}) {
		return nil, errInvalidParameter.New().WithDetail(" (SortOrder must be ASC or DESC)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, gr, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupId, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	conns := make([]rocketMQConsumerConnection, 0, len(gr.Clients))
	for _, cl := range gr.Clients {
		conns = append(conns, rocketMQConsumerConnection{ClientId: cl.ID, ClientAddr: cl.Addr, Language: cl.Language, Version: cl.Version})
	}
	total := uint64(len(conns))
	from, to := min(req.Offset, total), min(req.Offset+req.Limit, total)
	if req.Limit == 0 {
		to = min(req.Offset+g.store.limits.ListDefault, total)
	}
	return describeRocketMQConsumerConnectionsResponse{TotalCount: total, Connections: conns[from:to], GroupDetail: groupOut(c, n, gr)}, nil
}

type resetRocketMQConsumerOffSetRequest struct {
	ClusterId      string  `json:"ClusterId" mq:"required"`
	NamespaceId    string  `json:"NamespaceId" mq:"required"`
	GroupId        string  `json:"GroupId" mq:"required"`
	Type           uint64  `json:"Type" mq:"required"`
	Topic          *string `json:"Topic"`
	ResetTimestamp *uint64 `json:"ResetTimestamp"`
	RetryFlag      *bool   `json:"RetryFlag"`
}

// resetRocketMQConsumerOffSet validates and records the reset (visible in
// the state view); with no consumer there is no offset to move.
func (g *Product) resetRocketMQConsumerOffSet(o op, call *pipeline.Call) (any, error) {
	var req resetRocketMQConsumerOffSetRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Type > 1 {
		return nil, errInvalidParameter.New().WithDetail(" (Type must be 0 or 1)")
	}
	if req.Type == 1 && req.ResetTimestamp == nil {
		return nil, errMissingParameter.New().WithDetail(" (ResetTimestamp is required when Type is 1)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	all := miss{cluster: errResourceNotFound, namespace: errResourceNotFound, group: errResourceNotFound}
	_, n, gr, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupId, all)
	if err != nil {
		return nil, err
	}
	reset := &offsetReset{Type: req.Type, At: g.now(), Retry: req.RetryFlag != nil && *req.RetryFlag}
	if req.Topic != nil && *req.Topic != "" {
		if _, ok := n.Topics.get(*req.Topic); !ok {
			return nil, errResourceNotFound.New().WithDetail(" (topic " + *req.Topic + ")")
		}
		reset.Topic = *req.Topic
	}
	if req.Type == 1 {
		reset.Timestamp = *req.ResetTimestamp
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	gr.LastReset = reset
	return struct{}{}, nil
}

type describeRocketMQSubscriptionsRequest struct {
	ClusterId string `json:"ClusterId" mq:"required"`
	Namespace string `json:"Namespace" mq:"required"`
	Group     string `json:"Group" mq:"required"`
	Offset    int64  `json:"Offset" mq:"required"`
	Limit     int64  `json:"Limit" mq:"required"`
}

type describeRocketMQSubscriptionsResponse struct {
	TotalCount    int64                  `json:"TotalCount"`
	Subscriptions []rocketMQSubscription `json:"Subscriptions"`
}

func (g *Product) describeRocketMQSubscriptions(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQSubscriptionsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Offset < 0 || req.Limit < 0 {
		return nil, errInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	if _, _, _, err := g.store.groupOf(accountOf(call), req.ClusterId, req.Namespace, req.Group, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound}); err != nil {
		return nil, err
	}
	return describeRocketMQSubscriptionsResponse{Subscriptions: []rocketMQSubscription{}}, nil
}
