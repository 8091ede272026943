package tdmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Consumer groups of a namespace. Names are unique within their namespace;
// the quota counts every group of the cluster. Consumer clients never
// connect to the emulator, so connections, subscriptions and consumption
// statistics are empty, and every count of them is zero.

// groupTypes4 are the GroupType values (default TCP).
var groupTypes4 = []string{"TCP", "HTTP"}

type newGroup4 struct {
	cluster, namespace, name, remark string
	groupType                        *string
	read, broadcast                  bool
	retry                            *uint64
	tags                             []tag4
}

// createGroup checks and inserts a group in one critical section.
func (g *gen4) createGroup(call *pipeline.Call, ng newGroup4) error {
	l := g.limits
	if err := checkName4(ErrInvalidParameter, "GroupId", ng.name, l.GroupNameMin, l.GroupNameMax); err != nil {
		return err
	}
	if len([]rune(ng.remark)) > l.RemarkMax {
		return ErrInvalidParameter.New().WithDetail(" (Remark longer than " + itoa4(l.RemarkMax) + " characters)")
	}
	typ := "TCP"
	if ng.groupType != nil {
		if !inList4(*ng.groupType, groupTypes4) {
			return ErrInvalidParameter.New().WithDetail(" (GroupType must be TCP or HTTP)")
		}
		typ = *ng.groupType
	}
	retry := l.DefaultRetryMaxTimes
	if ng.retry != nil {
		retry = *ng.retry
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, n, err := g.namespaceOf(owner4(call), ng.cluster, ng.namespace, miss4{cluster: ErrResourceNotFoundCluster, namespace: ErrResourceNotFoundNamespace})
	if err != nil {
		return err
	}
	if !c.ready(g.now()) {
		return ErrFailedOperationInstanceNotReady.New()
	}
	if _, dup := n.Groups.get(ng.name); dup {
		return ErrResourceInUse.New().WithDetail(" (group " + ng.name + " exists)")
	}
	if _, _, max := c.quotas(l); c.groupCount() >= max {
		return ErrLimitExceeded.New().WithDetail(" (at most " + itoa4(max) + " groups per cluster)")
	}
	if dryRun4(call) {
		return ErrDryRunOperation.New()
	}
	now := g.now()
	n.Groups.put(ng.name, &group4{
		Name: ng.name, Remark: ng.remark, GroupType: typ, ReadEnable: ng.read, Broadcast: ng.broadcast,
		RetryMaxTimes: retry, Tags: ng.tags, Created: now, Updated: now, Seq: g.next(),
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

func (g *gen4) createRocketMQGroup(call *pipeline.Call) (any, error) {
	var req createRocketMQGroupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if len(req.Namespaces) != 1 {
		return nil, ErrInvalidParameter.New().WithDetail(" (Namespaces must name exactly one namespace)")
	}
	err := g.createGroup(call, newGroup4{
		cluster: req.ClusterId, namespace: req.Namespaces[0], name: req.GroupId, remark: str4(req.Remark),
		groupType: req.GroupType, read: req.ReadEnable, broadcast: req.BroadcastEnable, retry: req.RetryMaxTimes, tags: []tag4{},
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type createRocketMQGroupV2Request struct {
	GroupId         string    `json:"GroupId" mq:"required"`
	Namespace       string    `json:"Namespace" mq:"required"`
	ReadEnable      bool      `json:"ReadEnable" mq:"required"`
	BroadcastEnable bool      `json:"BroadcastEnable" mq:"required"`
	ClusterId       string    `json:"ClusterId" mq:"required"`
	Remark          *string   `json:"Remark"`
	GroupType       *string   `json:"GroupType"`
	RetryMaxTimes   *uint64   `json:"RetryMaxTimes"`
	TagList         []*tagIn4 `json:"TagList"`
}

func (g *gen4) createRocketMQGroupV2(call *pipeline.Call) (any, error) {
	var req createRocketMQGroupV2Request
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.createGroup(call, newGroup4{
		cluster: req.ClusterId, namespace: req.Namespace, name: req.GroupId, remark: str4(req.Remark),
		groupType: req.GroupType, read: req.ReadEnable, broadcast: req.BroadcastEnable, retry: req.RetryMaxTimes, tags: tagsIn4(req.TagList),
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
func (g *gen4) describeRocketMQGroups(call *pipeline.Call) (any, error) {
	var req describeRocketMQGroupsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.SortedBy != nil && *req.SortedBy != "" && !inList4(*req.SortedBy, []string{"subscribeNum", "tps", "accumulative"}) {
		return nil, ErrInvalidParameter.New().WithDetail(" (SortedBy must be subscribeNum, tps or accumulative)")
	}
	if req.SortOrder != nil && *req.SortOrder != "" && !inList4(strings.ToLower(*req.SortOrder), []string{"asc", "desc"}) {
		return nil, ErrInvalidParameter.New().WithDetail(" (SortOrder must be asc or desc)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, n, err := g.namespaceOf(owner4(call), req.ClusterId, req.NamespaceId, miss4{cluster: ErrResourceNotFoundCluster, namespace: ErrResourceNotFound})
	if err != nil {
		return nil, err
	}
	var match []*group4
	for _, gr := range n.Groups.all() {
		if req.FilterOneGroup != nil && *req.FilterOneGroup != "" && gr.Name != *req.FilterOneGroup {
			continue
		}
		if !contains4(gr.Name, req.FilterGroup) || !matchTags4(gr.Tags, req.TagFilters) {
			continue
		}
		if len(req.Types) > 0 && !inList4(gr.GroupType, req.Types) {
			continue
		}
		if req.FilterTopic != nil && *req.FilterTopic != "" {
			continue
		}
		match = append(match, gr)
	}
	out := describeRocketMQGroupsResponse{TotalCount: uint64(len(match)), Groups: []rocketMQGroup{}}
	for _, gr := range page4(match, req.Offset, g.pageSize(req.Limit)) {
		out.Groups = append(out.Groups, groupOut4(c, n, gr))
	}
	return out, nil
}

func groupOut4(c *cluster4, n *namespace4, gr *group4) rocketMQGroup {
	var mode int64
	if gr.Broadcast {
		mode = 1
	}
	return rocketMQGroup{
		Name: gr.Name, ConsumptionMode: mode, ReadEnabled: gr.ReadEnable, RetryPartitionNum: 1,
		CreateTime: ms4(gr.Created), UpdateTime: ms4(gr.Updated), ClientProtocol: gr.GroupType, Remark: gr.Remark,
		ConsumerType: "", BroadcastEnabled: gr.Broadcast, GroupType: gr.GroupType, RetryMaxTimes: gr.RetryMaxTimes,
		InstanceId: c.ID, Namespace: n.ID, TagList: append([]tag4{}, gr.Tags...),
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

func (g *gen4) modifyRocketMQGroup(call *pipeline.Call) (any, error) {
	var req modifyRocketMQGroupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := checkRemark4(ErrInvalidParameter, req.Remark, g.limits.RemarkMax); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	_, _, gr, err := g.groupOf(owner4(call), req.ClusterId, req.NamespaceId, req.GroupId, miss4{cluster: ErrResourceNotFound, namespace: ErrResourceNotFound, group: ErrResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
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

type groupRequest4 struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
	GroupId     string `json:"GroupId" mq:"required"`
}

func (g *gen4) deleteRocketMQGroup(call *pipeline.Call) (any, error) {
	var req groupRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	_, n, gr, err := g.groupOf(owner4(call), req.ClusterId, req.NamespaceId, req.GroupId, miss4{cluster: ErrResourceNotFoundCluster, namespace: ErrResourceNotFound, group: ErrResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
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
	ConsumerStatsList []consumerStats4 `json:"ConsumerStatsList"`
}

func (g *gen4) describeRocketMQConsumeStats(call *pipeline.Call) (any, error) {
	var req describeRocketMQConsumeStatsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	all := miss4{cluster: ErrResourceNotFound, namespace: ErrResourceNotFound, group: ErrResourceNotFound}
	if _, _, _, err := g.groupOf(owner4(call), req.ClusterId, req.NamespaceId, req.ConsumerGroup, all); err != nil {
		return nil, err
	}
	return describeRocketMQConsumeStatsResponse{ConsumerStatsList: []consumerStats4{}}, nil
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

func (g *gen4) describeRocketMQConsumerConnections(call *pipeline.Call) (any, error) {
	var req describeRocketMQConsumerConnectionsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.SortedBy != nil && *req.SortedBy != "" && *req.SortedBy != "Accumulative" {
		return nil, ErrInvalidParameter.New().WithDetail(" (SortedBy must be Accumulative)")
	}
	if req.SortOrder != nil && *req.SortOrder != "" && !inList4(strings.ToUpper(*req.SortOrder), []string{"ASC", "DESC"}) {
		return nil, ErrInvalidParameter.New().WithDetail(" (SortOrder must be ASC or DESC)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, n, gr, err := g.groupOf(owner4(call), req.ClusterId, req.NamespaceId, req.GroupId, miss4{cluster: ErrResourceNotFoundCluster, namespace: ErrResourceNotFound, group: ErrResourceNotFound})
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
		to = min(req.Offset+g.limits.ListDefault, total)
	}
	return describeRocketMQConsumerConnectionsResponse{TotalCount: total, Connections: conns[from:to], GroupDetail: groupOut4(c, n, gr)}, nil
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
func (g *gen4) resetRocketMQConsumerOffSet(call *pipeline.Call) (any, error) {
	var req resetRocketMQConsumerOffSetRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Type > 1 {
		return nil, ErrInvalidParameter.New().WithDetail(" (Type must be 0 or 1)")
	}
	if req.Type == 1 && req.ResetTimestamp == nil {
		return nil, ErrMissingParameter.New().WithDetail(" (ResetTimestamp is required when Type is 1)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	all := miss4{cluster: ErrResourceNotFound, namespace: ErrResourceNotFound, group: ErrResourceNotFound}
	_, n, gr, err := g.groupOf(owner4(call), req.ClusterId, req.NamespaceId, req.GroupId, all)
	if err != nil {
		return nil, err
	}
	reset := &offsetReset4{Type: req.Type, At: g.now(), Retry: req.RetryFlag != nil && *req.RetryFlag}
	if req.Topic != nil && *req.Topic != "" {
		if _, ok := n.Topics.get(*req.Topic); !ok {
			return nil, ErrResourceNotFound.New().WithDetail(" (topic " + *req.Topic + ")")
		}
		reset.Topic = *req.Topic
	}
	if req.Type == 1 {
		reset.Timestamp = *req.ResetTimestamp
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
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

func (g *gen4) describeRocketMQSubscriptions(call *pipeline.Call) (any, error) {
	var req describeRocketMQSubscriptionsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Offset < 0 || req.Limit < 0 {
		return nil, ErrInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, _, _, err := g.groupOf(owner4(call), req.ClusterId, req.Namespace, req.Group, miss4{cluster: ErrResourceNotFoundCluster, namespace: ErrResourceNotFound, group: ErrResourceNotFound}); err != nil {
		return nil, err
	}
	return describeRocketMQSubscriptionsResponse{Subscriptions: []rocketMQSubscription{}}, nil
}
