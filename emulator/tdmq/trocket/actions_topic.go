package trocket

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// 5.x topic actions (tdmq.md §5 "Topics").

type createTopicReq struct {
	InstanceId       *string  `json:"InstanceId" mq:"required"`
	Topic            *string  `json:"Topic" mq:"required"`
	TopicType        *string  `json:"TopicType" mq:"required"`
	QueueNum         *int64   `json:"QueueNum"`
	Remark           *string  `json:"Remark"`
	MsgTTL           *int64   `json:"MsgTTL"`
	TagList          []*tagIn `json:"TagList"`
	AutoExpireDelete *bool    `json:"AutoExpireDelete"`
	AutoExpireTime   *int64   `json:"AutoExpireTime"`
}

type createTopicResp struct {
	InstanceId string `json:"InstanceId"`
	Topic      string `json:"Topic"`
}

func (g *Product) createTopic(o op, call *pipeline.Call) (any, error) {
	var req createTopicReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.createTopic(o, topicSpec{
		instanceID: *req.InstanceId, name: *req.Topic, typ: *req.TopicType, queueNum: req.QueueNum, remark: req.Remark,
		msgTTL: req.MsgTTL, tags: tcdata.Tags(req.TagList), autoExpireDelete: req.AutoExpireDelete, autoExpireTime: req.AutoExpireTime,
	})
	if err != nil || o.dry {
		return nil, err
	}
	return createTopicResp{InstanceId: *req.InstanceId, Topic: *req.Topic}, nil
}

type describeTopicReq struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Topic      *string   `json:"Topic" mq:"required"`
	Filters    []*filter `json:"Filters"`
	Offset     *int64    `json:"Offset"`
	Limit      *int64    `json:"Limit"`
}

func (g *Product) describeTopic(o op, call *pipeline.Call) (any, error) {
	var req describeTopicReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	d, err := g.store.describeTopic(o, *req.InstanceId, *req.Topic, listQuery{filters: req.Filters, offset: req.Offset, limit: req.Limit})
	if err != nil {
		return nil, err
	}
	return d, nil
}

type describeTopicListReq struct {
	InstanceId *string      `json:"InstanceId" mq:"required"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Filters    []*filter    `json:"Filters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
	FromGroup  *string      `json:"FromGroup"`
}

type describeTopicListResp struct {
	TotalCount int64       `json:"TotalCount"`
	Data       []topicItem `json:"Data"`
}

func (g *Product) describeTopicList(o op, call *pipeline.Call) (any, error) {
	var req describeTopicListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, tagFilters: req.TagFilters, offset: req.Offset, limit: req.Limit}
	total, items, err := g.store.describeTopicList(o, *req.InstanceId, q, req.FromGroup)
	if err != nil {
		return nil, err
	}
	return describeTopicListResp{TotalCount: total, Data: items}, nil
}

type modifyTopicReq struct {
	InstanceId       *string `json:"InstanceId" mq:"required"`
	Topic            *string `json:"Topic" mq:"required"`
	QueueNum         *int64  `json:"QueueNum"`
	Remark           *string `json:"Remark"`
	MsgTTL           *int64  `json:"MsgTTL"`
	AutoExpireDelete *bool   `json:"AutoExpireDelete"`
	AutoExpireTime   *int64  `json:"AutoExpireTime"`
}

func (g *Product) modifyTopic(o op, call *pipeline.Call) (any, error) {
	var req modifyTopicReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.modifyTopic(o, *req.InstanceId, *req.Topic, topicChange{
		queueNum: req.QueueNum, remark: req.Remark, msgTTL: req.MsgTTL, autoExpireDelete: req.AutoExpireDelete, autoExpireTime: req.AutoExpireTime,
	}))
}

type topicRefReq struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
	Topic      *string `json:"Topic" mq:"required"`
}

func (g *Product) deleteTopic(o op, call *pipeline.Call) (any, error) {
	var req topicRefReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.deleteTopic(o, *req.InstanceId, *req.Topic))
}

type describeTopicListByGroupReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
	Filters       []*filter `json:"Filters"`
}

type subscriptionListResp struct {
	TotalCount int64              `json:"TotalCount"`
	Data       []subscriptionData `json:"Data"`
}

func (g *Product) describeTopicListByGroup(o op, call *pipeline.Call) (any, error) {
	var req describeTopicListByGroupReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, offset: req.Offset, limit: req.Limit}
	total, data, err := g.store.describeTopicListByGroup(o, *req.InstanceId, req.ConsumerGroup, q)
	if err != nil {
		return nil, err
	}
	return subscriptionListResp{TotalCount: total, Data: data}, nil
}

type describeTopicStatsReq struct {
	Topic      *string `json:"Topic" mq:"required"`
	InstanceId *string `json:"InstanceId" mq:"required"`
	GroupId    *string `json:"GroupId" mq:"required"`
	Offset     *int64  `json:"Offset"`
	Limit      *int64  `json:"Limit"`
}

type describeTopicStatsResp struct {
	TotalCount int64              `json:"TotalCount"`
	Data       []topicStatsDetail `json:"Data"`
}

func (g *Product) describeTopicStats(o op, call *pipeline.Call) (any, error) {
	var req describeTopicStatsReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{offset: req.Offset, limit: req.Limit}
	total, stats, err := g.store.describeTopicStats(o, *req.InstanceId, *req.Topic, *req.GroupId, q)
	if err != nil {
		return nil, err
	}
	return describeTopicStatsResp{TotalCount: total, Data: stats}, nil
}
