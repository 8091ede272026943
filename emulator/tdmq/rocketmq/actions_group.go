package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// Consumer groups of a namespace (store_group.go).

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
	err := g.store.createGroup(o, newGroup{
		cluster: req.ClusterId, namespaces: req.Namespaces, name: req.GroupId, remark: str(req.Remark),
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
	err := g.store.createGroup(o, newGroup{
		cluster: req.ClusterId, namespaces: []string{req.Namespace}, name: req.GroupId, remark: str(req.Remark),
		groupType: req.GroupType, read: req.ReadEnable, broadcast: req.BroadcastEnable, retry: req.RetryMaxTimes, tags: tcdata.Tags(req.TagList),
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

func (g *Product) describeRocketMQGroups(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQGroupsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, groups, err := g.store.describeGroups(o, groupQuery{
		cluster: req.ClusterId, namespace: req.NamespaceId, offset: req.Offset, limit: req.Limit,
		filterTopic: req.FilterTopic, filterGroup: req.FilterGroup, filterOneGroup: req.FilterOneGroup,
		sortedBy: req.SortedBy, sortOrder: req.SortOrder, types: req.Types, tagFilters: req.TagFilters,
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQGroupsResponse{TotalCount: total, Groups: groups}, nil
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
	err := g.store.modifyGroup(o, req.ClusterId, req.NamespaceId, req.GroupId, groupChange{
		remark: req.Remark, read: req.ReadEnable, broadcast: req.BroadcastEnable, retry: req.RetryMaxTimes,
	})
	if err != nil {
		return nil, err
	}
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
	if err := g.store.deleteGroup(o, req.ClusterId, req.NamespaceId, req.GroupId); err != nil {
		return nil, err
	}
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
	stats, err := g.store.describeConsumeStats(o, req.ClusterId, req.NamespaceId, req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	return describeRocketMQConsumeStatsResponse{ConsumerStatsList: stats}, nil
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
	total, conns, detail, err := g.store.describeConsumerConnections(o, connectionQuery{
		cluster: req.ClusterId, namespace: req.NamespaceId, group: req.GroupId, offset: req.Offset, limit: req.Limit,
		sortedBy: req.SortedBy, sortOrder: req.SortOrder,
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQConsumerConnectionsResponse{TotalCount: total, Connections: conns, GroupDetail: detail}, nil
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

func (g *Product) resetRocketMQConsumerOffSet(o op, call *pipeline.Call) (any, error) {
	var req resetRocketMQConsumerOffSetRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.resetConsumerOffset(o, req.ClusterId, req.NamespaceId, req.GroupId, offsetResetSpec{
		typ: req.Type, topic: req.Topic, timestamp: req.ResetTimestamp, retry: req.RetryFlag,
	})
	if err != nil {
		return nil, err
	}
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
	subs, err := g.store.describeSubscriptions(o, req.ClusterId, req.Namespace, req.Group, req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	return describeRocketMQSubscriptionsResponse{TotalCount: int64(len(subs)), Subscriptions: subs}, nil
}
