package trocket

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// 5.x consumer group actions (tdmq.md §5 "Consumer groups"). The SDK types
// ConsumerGroup optional on every group action although it names the group;
// the emulator treats it as required (tdmq.md §5 notes: unconfirmed).

type createConsumerGroupReq struct {
	InstanceId            *string      `json:"InstanceId" mq:"required"`
	MaxRetryTimes         *int64       `json:"MaxRetryTimes" mq:"required"`
	ConsumeEnable         *bool        `json:"ConsumeEnable" mq:"required"`
	ConsumeMessageOrderly *bool        `json:"ConsumeMessageOrderly" mq:"required"`
	ConsumerGroup         *string      `json:"ConsumerGroup" mq:"required"`
	Remark                *string      `json:"Remark"`
	TagList               []*tagIn     `json:"TagList"`
	RetryPolicy           *retryPolicy `json:"RetryPolicy"`
	LiteTopic             *string      `json:"LiteTopic"`
}

type createConsumerGroupResp struct {
	InstanceId    string `json:"InstanceId"`
	ConsumerGroup string `json:"ConsumerGroup"`
}

func (g *Product) createConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req createConsumerGroupReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.createConsumerGroup(o, groupSpec{
		instanceID: *req.InstanceId, name: *req.ConsumerGroup, maxRetry: *req.MaxRetryTimes, enable: *req.ConsumeEnable,
		orderly: *req.ConsumeMessageOrderly, remark: req.Remark, tags: tcdata.Tags(req.TagList), retryPolicy: req.RetryPolicy,
		liteTopic: req.LiteTopic,
	})
	if err != nil || o.dry {
		return nil, err
	}
	return createConsumerGroupResp{InstanceId: *req.InstanceId, ConsumerGroup: *req.ConsumerGroup}, nil
}

type groupRefReq struct {
	InstanceId    *string `json:"InstanceId" mq:"required"`
	ConsumerGroup *string `json:"ConsumerGroup" mq:"required"`
}

func (g *Product) describeConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req groupRefReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	d, err := g.store.describeConsumerGroup(o, *req.InstanceId, *req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	return d, nil
}

type describeConsumerGroupListReq struct {
	InstanceId *string      `json:"InstanceId" mq:"required"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Filters    []*filter    `json:"Filters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
	FromTopic  *string      `json:"FromTopic"`
	SortedBy   *string      `json:"SortedBy"`
	SortOrder  *string      `json:"SortOrder"`
}

type describeConsumerGroupListResp struct {
	TotalCount int64              `json:"TotalCount"`
	Data       []consumeGroupItem `json:"Data"`
}

func (g *Product) describeConsumerGroupList(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerGroupListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, tagFilters: req.TagFilters, offset: req.Offset, limit: req.Limit}
	total, items, err := g.store.describeConsumerGroupList(o, *req.InstanceId, q,
		groupQuery{fromTopic: req.FromTopic, sortedBy: req.SortedBy, sortOrder: req.SortOrder})
	if err != nil {
		return nil, err
	}
	return describeConsumerGroupListResp{TotalCount: total, Data: items}, nil
}

type modifyConsumerGroupReq struct {
	InstanceId            *string      `json:"InstanceId" mq:"required"`
	ConsumeEnable         *bool        `json:"ConsumeEnable" mq:"required"`
	ConsumeMessageOrderly *bool        `json:"ConsumeMessageOrderly" mq:"required"`
	ConsumerGroup         *string      `json:"ConsumerGroup" mq:"required"`
	MaxRetryTimes         *int64       `json:"MaxRetryTimes"`
	Remark                *string      `json:"Remark"`
	RetryPolicy           *retryPolicy `json:"RetryPolicy"`
}

func (g *Product) modifyConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req modifyConsumerGroupReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.modifyConsumerGroup(o, *req.InstanceId, *req.ConsumerGroup, groupChange{
		enable: *req.ConsumeEnable, orderly: *req.ConsumeMessageOrderly, maxRetry: req.MaxRetryTimes, remark: req.Remark,
		retryPolicy: req.RetryPolicy,
	}))
}

func (g *Product) deleteConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req groupRefReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.deleteConsumerGroup(o, *req.InstanceId, *req.ConsumerGroup))
}

type describeConsumerLagReq struct {
	InstanceId     *string `json:"InstanceId" mq:"required"`
	ConsumerGroup  *string `json:"ConsumerGroup" mq:"required"`
	Namespace      *string `json:"Namespace"`
	SubscribeTopic *string `json:"SubscribeTopic"`
}

type describeConsumerLagResp struct {
	ConsumerLag int64 `json:"ConsumerLag"`
}

func (g *Product) describeConsumerLag(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerLagReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	lag, err := g.store.consumerLag(o, *req.InstanceId, *req.ConsumerGroup, req.SubscribeTopic)
	if err != nil {
		return nil, err
	}
	return describeConsumerLagResp{ConsumerLag: lag}, nil
}

type resetConsumerGroupOffsetReq struct {
	InstanceId     *string `json:"InstanceId" mq:"required"`
	Topic          *string `json:"Topic" mq:"required"`
	ResetTimestamp *int64  `json:"ResetTimestamp" mq:"required"`
	ConsumerGroup  *string `json:"ConsumerGroup" mq:"required"`
}

func (g *Product) resetConsumerGroupOffset(o op, call *pipeline.Call) (any, error) {
	var req resetConsumerGroupOffsetReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.resetConsumerGroupOffset(o, *req.InstanceId, *req.Topic, *req.ConsumerGroup, *req.ResetTimestamp))
}

type describeConsumerClientListReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	ConsumerGroup *string   `json:"ConsumerGroup" mq:"required"`
	Filters       []*filter `json:"Filters"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
}

type describeConsumerClientListResp struct {
	TotalCount int64            `json:"TotalCount"`
	Data       []consumerClient `json:"Data"`
}

func (g *Product) describeConsumerClientList(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerClientListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, offset: req.Offset, limit: req.Limit}
	total, items, err := g.store.describeConsumerClientList(o, *req.InstanceId, *req.ConsumerGroup, q)
	if err != nil {
		return nil, err
	}
	return describeConsumerClientListResp{TotalCount: total, Data: items}, nil
}

type describeConsumerClientReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	ClientId      *string   `json:"ClientId" mq:"required"`
	Filters       []*filter `json:"Filters"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
}

func (g *Product) describeConsumerClient(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerClientReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, offset: req.Offset, limit: req.Limit}
	d, err := g.store.describeConsumerClient(o, *req.InstanceId, *req.ClientId, req.ConsumerGroup, q)
	if err != nil {
		return nil, err
	}
	return d, nil
}
