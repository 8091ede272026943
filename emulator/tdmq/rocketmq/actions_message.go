package rocketmq

import (
	"encoding/json"
	"net"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Messages sent through SendRocketMQMessage and the actions that query them
// (store_message.go).

type sendRocketMQMessageRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	NamespaceId string  `json:"NamespaceId" mq:"required"`
	TopicName   string  `json:"TopicName" mq:"required"`
	MsgBody     string  `json:"MsgBody" mq:"required"`
	MsgKey      *string `json:"MsgKey"`
	MsgTag      *string `json:"MsgTag"`
}

type sendRocketMQMessageResponse struct {
	Result bool   `json:"Result"`
	MsgId  string `json:"MsgId"`
}

func (g *Product) sendRocketMQMessage(o op, call *pipeline.Call) (any, error) {
	var req sendRocketMQMessageRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	id, err := g.store.sendMessage(o, messageSpec{
		cluster: req.ClusterId, namespace: req.NamespaceId, topic: req.TopicName, body: req.MsgBody,
		key: req.MsgKey, tag: req.MsgTag, producerAddr: remoteHost(call.Remote),
	})
	if err != nil {
		return nil, err
	}
	return sendRocketMQMessageResponse{Result: true, MsgId: id}, nil
}

// remoteHost is the host of the caller's address, the message's producer.
func remoteHost(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// properties renders a message's Properties: its id, keys and tags as
// RocketMQ names them, as a JSON object.
func properties(m message) string {
	p := map[string]string{"UNIQ_KEY": m.ID}
	if m.Key != "" {
		p["KEYS"] = m.Key
	}
	if m.Tag != "" {
		p["TAGS"] = m.Tag
	}
	b, _ := json.Marshal(p)
	return string(b)
}

type describeRocketMQMsgRequest struct {
	ClusterId              string  `json:"ClusterId" mq:"required"`
	EnvironmentId          string  `json:"EnvironmentId" mq:"required"`
	TopicName              string  `json:"TopicName" mq:"required"`
	MsgId                  string  `json:"MsgId" mq:"required"`
	PulsarMsgId            string  `json:"PulsarMsgId" mq:"required"`
	QueryDlqMsg            *bool   `json:"QueryDlqMsg"`
	QueryDeadLetterMessage *bool   `json:"QueryDeadLetterMessage"`
	Offset                 *int64  `json:"Offset"`
	Limit                  *int64  `json:"Limit"`
	FilterTrackGroup       *string `json:"FilterTrackGroup"`
	QueryDelayMessage      *bool   `json:"QueryDelayMessage"`
}

type describeRocketMQMsgResponse struct {
	Body               string                 `json:"Body"`
	Properties         string                 `json:"Properties"`
	ProduceTime        string                 `json:"ProduceTime"`
	MsgId              string                 `json:"MsgId"`
	ProducerAddr       string                 `json:"ProducerAddr"`
	MessageTracks      []rocketMQMessageTrack `json:"MessageTracks"`
	ShowTopicName      string                 `json:"ShowTopicName"`
	MessageTracksCount int64                  `json:"MessageTracksCount"`
}

// dlq reports whether a message query targets a group's dead letters.
func dlq(flags ...*bool) bool {
	for _, f := range flags {
		if f != nil && *f {
			return true
		}
	}
	return false
}

func (g *Product) describeRocketMQMsg(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQMsgRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	m, err := g.store.describeMessage(o, req.ClusterId, req.EnvironmentId, req.TopicName, req.MsgId, dlq(req.QueryDlqMsg, req.QueryDeadLetterMessage))
	if err != nil {
		return nil, err
	}
	return describeRocketMQMsgResponse{
		Body: m.Body, Properties: properties(m), ProduceTime: stamp(m.Produced), MsgId: m.ID, ProducerAddr: m.ProducerAddr,
		MessageTracks: []rocketMQMessageTrack{}, ShowTopicName: req.TopicName,
	}, nil
}

type describeRocketMQTopicMsgsRequest struct {
	ClusterId              string  `json:"ClusterId" mq:"required"`
	EnvironmentId          string  `json:"EnvironmentId" mq:"required"`
	TopicName              string  `json:"TopicName" mq:"required"`
	StartTime              string  `json:"StartTime" mq:"required"`
	EndTime                string  `json:"EndTime" mq:"required"`
	MsgId                  *string `json:"MsgId"`
	MsgKey                 *string `json:"MsgKey"`
	Offset                 *uint64 `json:"Offset"`
	Limit                  *uint64 `json:"Limit"`
	TaskRequestId          *string `json:"TaskRequestId"`
	QueryDlqMsg            *bool   `json:"QueryDlqMsg"`
	NumOfLatestMsg         *int64  `json:"NumOfLatestMsg"`
	Tag                    *string `json:"Tag"`
	QueryDeadLetterMessage *bool   `json:"QueryDeadLetterMessage"`
}

type describeRocketMQTopicMsgsResponse struct {
	TotalCount      uint64           `json:"TotalCount"`
	TopicMsgLogSets []rocketMQMsgLog `json:"TopicMsgLogSets"`
	TaskRequestId   string           `json:"TaskRequestId"`
}

func (g *Product) describeRocketMQTopicMsgs(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicMsgsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, logs, task, err := g.store.describeTopicMessages(o, messageQuery{
		cluster: req.ClusterId, namespace: req.EnvironmentId, topic: req.TopicName, start: req.StartTime, end: req.EndTime,
		msgID: req.MsgId, msgKey: req.MsgKey, tag: req.Tag, offset: req.Offset, limit: req.Limit,
		taskRequestID: req.TaskRequestId, numOfLatest: req.NumOfLatestMsg, deadLetter: dlq(req.QueryDlqMsg, req.QueryDeadLetterMessage),
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQTopicMsgsResponse{TotalCount: total, TopicMsgLogSets: logs, TaskRequestId: task}, nil
}

type describeRocketMQMsgTraceRequest struct {
	ClusterId              string  `json:"ClusterId" mq:"required"`
	EnvironmentId          string  `json:"EnvironmentId" mq:"required"`
	TopicName              string  `json:"TopicName" mq:"required"`
	MsgId                  string  `json:"MsgId" mq:"required"`
	GroupName              *string `json:"GroupName"`
	QueryDLQMsg            *bool   `json:"QueryDLQMsg"`
	QueryDeadLetterMessage *string `json:"QueryDeadLetterMessage"`
}

type describeRocketMQMsgTraceResponse struct {
	Result        []traceResult `json:"Result"`
	ShowTopicName string        `json:"ShowTopicName"`
}

// describeRocketMQMsgTrace reports the produce and persist stages of a
// message and an empty consume stage. Data is a JSON document as a string.
func (g *Product) describeRocketMQMsgTrace(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQMsgTraceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	deadLetter := dlq(req.QueryDLQMsg) || req.QueryDeadLetterMessage != nil && *req.QueryDeadLetterMessage == "true"
	m, err := g.store.describeMessage(o, req.ClusterId, req.EnvironmentId, req.TopicName, req.MsgId, deadLetter)
	if err != nil {
		return nil, err
	}
	produce, _ := json.Marshal(map[string]any{
		"ProducerName": "mqmock-api", "ProduceTime": stamp(m.Produced), "ProducerAddr": m.ProducerAddr,
		"Duration": 1, "Status": "success", "MsgKey": m.Key, "MsgTag": m.Tag,
	})
	persist, _ := json.Marshal(map[string]any{"PersistTime": stamp(m.Produced), "Duration": 0, "Status": "success"})
	return describeRocketMQMsgTraceResponse{
		Result: []traceResult{
			{Stage: "produce", Data: string(produce)},
			{Stage: "persist", Data: string(persist)},
			{Stage: "consume", Data: "[]"},
		},
		ShowTopicName: req.TopicName,
	}, nil
}

type retryRocketMQDlqMessageRequest struct {
	ClusterId   string   `json:"ClusterId" mq:"required"`
	NamespaceId string   `json:"NamespaceId" mq:"required"`
	GroupName   string   `json:"GroupName" mq:"required"`
	MessageIds  []string `json:"MessageIds" mq:"required"`
}

func (g *Product) retryRocketMQDlqMessage(o op, call *pipeline.Call) (any, error) {
	var req retryRocketMQDlqMessageRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.retryDeadLetters(o, req.ClusterId, req.NamespaceId, req.GroupName, req.MessageIds); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type verifyRocketMQConsumeRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	NamespaceId string  `json:"NamespaceId" mq:"required"`
	GroupId     string  `json:"GroupId" mq:"required"`
	MsgId       string  `json:"MsgId" mq:"required"`
	TopicName   string  `json:"TopicName" mq:"required"`
	ClientId    *string `json:"ClientId"`
}

func (g *Product) verifyRocketMQConsume(o op, call *pipeline.Call) (any, error) {
	var req verifyRocketMQConsumeRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.verifyConsume(o, verifySpec{
		cluster: req.ClusterId, namespace: req.NamespaceId, group: req.GroupId, topic: req.TopicName, msgID: req.MsgId, clientID: req.ClientId,
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQProducersRequest struct {
	ClusterId   string    `json:"ClusterId" mq:"required"`
	NamespaceId string    `json:"NamespaceId" mq:"required"`
	Topic       string    `json:"Topic" mq:"required"`
	Offset      int64     `json:"Offset" mq:"required"`
	Limit       int64     `json:"Limit" mq:"required"`
	Filters     []*filter `json:"Filters"`
}

type describeRocketMQProducersResponse struct {
	Producers  []producerInfo `json:"Producers"`
	TotalCount int64          `json:"TotalCount"`
}

func (g *Product) describeRocketMQProducers(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQProducersRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	producers, err := g.store.describeProducers(o, req.ClusterId, req.NamespaceId, req.Topic, req.Offset, req.Limit, req.Filters)
	if err != nil {
		return nil, err
	}
	return describeRocketMQProducersResponse{Producers: producers, TotalCount: int64(len(producers))}, nil
}
