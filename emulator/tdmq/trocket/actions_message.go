package trocket

import (
	"net"

	"github.com/google/uuid"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// 5.x message and producer actions (tdmq.md §5 "Messages and producers").

type sendMessageReq struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
	Topic      *string `json:"Topic" mq:"required"`
	MsgBody    *string `json:"MsgBody" mq:"required"`
	MsgKey     *string `json:"MsgKey"`
	MsgTag     *string `json:"MsgTag"`
	LiteTopic  *string `json:"LiteTopic"`
}

type sendMessageResp struct {
	MsgId string `json:"MsgId"`
}

// sendMessage records the caller's host as the producer's address.
func (g *Product) sendMessage(o op, call *pipeline.Call) (any, error) {
	var req sendMessageReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(call.Remote)
	id, err := g.store.sendMessage(o, messageSpec{
		instanceID: *req.InstanceId, topic: *req.Topic, body: *req.MsgBody, key: req.MsgKey, tag: req.MsgTag,
		liteTopic: req.LiteTopic, producerAddr: host,
	})
	if err != nil || o.dry {
		return nil, err
	}
	return sendMessageResp{MsgId: id}, nil
}

type describeMessageListReq struct {
	InstanceId             *string `json:"InstanceId" mq:"required"`
	Topic                  *string `json:"Topic" mq:"required"`
	StartTime              *int64  `json:"StartTime" mq:"required"`
	EndTime                *int64  `json:"EndTime" mq:"required"`
	TaskRequestId          *string `json:"TaskRequestId" mq:"required"`
	Offset                 *int64  `json:"Offset"`
	Limit                  *int64  `json:"Limit"`
	ConsumerGroup          *string `json:"ConsumerGroup"`
	MsgId                  *string `json:"MsgId"`
	MsgKey                 *string `json:"MsgKey"`
	RecentMessageNum       *int64  `json:"RecentMessageNum"`
	QueryDeadLetterMessage *bool   `json:"QueryDeadLetterMessage"`
	Tag                    *string `json:"Tag"`
	LiteTopic              *string `json:"LiteTopic"`
}

type describeMessageListResp struct {
	TotalCount    int64         `json:"TotalCount"`
	Data          []messageItem `json:"Data"`
	TaskRequestId string        `json:"TaskRequestId"`
}

// describeMessageList answers the query's TaskRequestId, or a new one when
// it is empty (the first page of a query).
func (g *Product) describeMessageList(o op, call *pipeline.Call) (any, error) {
	var req describeMessageListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, items, err := g.store.describeMessageList(o, messageQuery{
		instanceID: *req.InstanceId, topic: *req.Topic, start: *req.StartTime, end: *req.EndTime, offset: req.Offset,
		limit: req.Limit, group: req.ConsumerGroup, msgID: req.MsgId, msgKey: req.MsgKey, tag: req.Tag,
		recent: req.RecentMessageNum, deadLetter: req.QueryDeadLetterMessage, liteTopic: req.LiteTopic,
	})
	if err != nil {
		return nil, err
	}
	task := *req.TaskRequestId
	if task == "" {
		task = uuid.NewString()
	}
	return describeMessageListResp{TotalCount: total, Data: items, TaskRequestId: task}, nil
}

type describeMessageReq struct {
	InstanceId             *string `json:"InstanceId" mq:"required"`
	Topic                  *string `json:"Topic" mq:"required"`
	MsgId                  *string `json:"MsgId" mq:"required"`
	Offset                 *int64  `json:"Offset"`
	Limit                  *int64  `json:"Limit"`
	QueryDeadLetterMessage *bool   `json:"QueryDeadLetterMessage"`
	QueryDelayMessage      *bool   `json:"QueryDelayMessage"`
}

func (g *Product) describeMessage(o op, call *pipeline.Call) (any, error) {
	var req describeMessageReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{offset: req.Offset, limit: req.Limit}
	d, err := g.store.describeMessage(o, *req.InstanceId, *req.Topic, *req.MsgId, req.QueryDeadLetterMessage, q)
	if err != nil {
		return nil, err
	}
	return d, nil
}

type describeMessageTraceReq struct {
	InstanceId             *string `json:"InstanceId" mq:"required"`
	Topic                  *string `json:"Topic" mq:"required"`
	MsgId                  *string `json:"MsgId" mq:"required"`
	QueryDeadLetterMessage *bool   `json:"QueryDeadLetterMessage"`
	QueryDelayMessage      *bool   `json:"QueryDelayMessage"`
}

func (g *Product) describeMessageTrace(o op, call *pipeline.Call) (any, error) {
	var req describeMessageTraceReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	tr, err := g.store.describeMessageTrace(o, *req.InstanceId, *req.Topic, *req.MsgId, req.QueryDeadLetterMessage)
	if err != nil {
		return nil, err
	}
	return tr, nil
}

type resendDeadLetterMessageReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	MessageIds    []*string `json:"MessageIds" mq:"required"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
}

type resendDeadLetterMessageResp struct {
	ResendResult bool `json:"ResendResult"`
}

func (g *Product) resendDeadLetterMessage(o op, call *pipeline.Call) (any, error) {
	var req resendDeadLetterMessageReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.resendDeadLetterMessage(o, *req.InstanceId, tcdata.Strings(req.MessageIds), req.ConsumerGroup)
	if err != nil || o.dry {
		return nil, err
	}
	return resendDeadLetterMessageResp{ResendResult: true}, nil
}

type verifyMessageConsumptionReq struct {
	InstanceId    *string `json:"InstanceId" mq:"required"`
	Topic         *string `json:"Topic" mq:"required"`
	MsgId         *string `json:"MsgId" mq:"required"`
	ClientId      *string `json:"ClientId"`
	ConsumerGroup *string `json:"ConsumerGroup"`
}

func (g *Product) verifyMessageConsumption(o op, call *pipeline.Call) (any, error) {
	var req verifyMessageConsumptionReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.verifyMessageConsumption(o, *req.InstanceId, *req.Topic, *req.MsgId, req.ClientId, req.ConsumerGroup))
}

type describeProducerListReq struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Topic      *string   `json:"Topic" mq:"required"`
	Filters    []*filter `json:"Filters"`
	Limit      *int64    `json:"Limit"`
	Offset     *int64    `json:"Offset"`
}

type describeProducerListResp struct {
	TotalCount   int64          `json:"TotalCount"`
	ProducerList []producerInfo `json:"ProducerList"`
}

func (g *Product) describeProducerList(o op, call *pipeline.Call) (any, error) {
	var req describeProducerListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, offset: req.Offset, limit: req.Limit}
	total, items, err := g.store.describeProducerList(o, *req.InstanceId, *req.Topic, q)
	if err != nil {
		return nil, err
	}
	return describeProducerListResp{TotalCount: total, ProducerList: items}, nil
}
