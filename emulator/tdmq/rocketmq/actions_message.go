package rocketmq

import (
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Messages sent through SendRocketMQMessage, kept per topic for the
// retention window (virtual time) and queried by the message actions.
// Consumer clients never connect to the emulator: nothing is consumed,
// there are no dead letters and no producers other than the API itself.

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

// brokerAddr is the fixed address part of 4.x message ids: 127.0.0.1:10911
// as RocketMQ encodes it (8 hex digits of IP, 8 of port), followed by a
// 16-hex-digit commit-log offset.
const brokerAddr = "7F00000100002A9F"

func (g *Product) sendRocketMQMessage(o op, call *pipeline.Call) (any, error) {
	var req sendRocketMQMessageRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.MsgBody == "" {
		return nil, errInvalidParameter.New().WithDetail(" (MsgBody is empty)")
	}
	if len(req.MsgBody) > g.store.limits.MaxMessageBytes {
		return nil, errInvalidParameter.New().WithDetail(" (MsgBody larger than 4 MB)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	_, _, t, err := g.store.topicOf(accountOf(call), req.ClusterId, req.NamespaceId, req.TopicName, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundTopic, topic: errResourceNotFoundTopic})
	if err != nil {
		return nil, err
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	g.store.msgSeq++
	m := &message{
		ID: brokerAddr + fmt.Sprintf("%016X", g.store.msgSeq), Body: req.MsgBody, Key: str(req.MsgKey), Tag: str(req.MsgTag),
		ProducerAddr: remoteHost(call.Remote), Queue: t.NextQueue % t.Partitions, Produced: g.now(),
	}
	t.NextQueue++
	// Keep the list ordered by time even if the virtual clock was set back.
	if k := len(t.Messages); k > 0 && m.Produced.Before(t.Messages[k-1].Produced) {
		m.Produced = t.Messages[k-1].Produced
	}
	t.expire(m.Produced, g.store.limits.Retention)
	t.Messages = append(t.Messages, m)
	if t.LastWrite == nil {
		t.LastWrite = map[uint64]time.Time{}
	}
	t.LastWrite[m.Queue] = m.Produced
	return sendRocketMQMessageResponse{Result: true, MsgId: m.ID}, nil
}

func remoteHost(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// findMessage finds a retained message of a topic.
func (g *Product) findMessage(t *topic, id string) *message {
	for _, m := range t.live(g.now(), g.store.limits.Retention) {
		if m.ID == id {
			return m
		}
	}
	return nil
}

func properties(m *message) string {
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

// messageOf resolves a message query's topic (or, for dead letters, its
// group) and message; the caller holds g.store.mu.
func (g *Product) messageOf(call *pipeline.Call, cluster, ns, topic, id string, deadLetter bool) (*message, error) {
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound, group: errResourceNotFound}
	if deadLetter {
		// A dead-letter query names the group where the topic goes.
		_, _, gr, err := g.store.groupOf(accountOf(call), cluster, ns, topic, m)
		if err != nil {
			return nil, err
		}
		if _, d := gr.deadLetter(id); d != nil {
			return d.Msg, nil
		}
		return nil, errResourceNotFound.New().WithDetail(" (no dead-letter message " + id + ")")
	}
	_, _, t, err := g.store.topicOf(accountOf(call), cluster, ns, topic, m)
	if err != nil {
		return nil, err
	}
	msg := g.findMessage(t, id)
	if msg == nil {
		return nil, errResourceNotFound.New().WithDetail(" (message " + id + ")")
	}
	return msg, nil
}

func (g *Product) describeRocketMQMsg(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQMsgRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	m, err := g.messageOf(call, req.ClusterId, req.EnvironmentId, req.TopicName, req.MsgId, dlq(req.QueryDlqMsg, req.QueryDeadLetterMessage))
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

// parseTime reads a 4.x query time: "YYYY-MM-DD HH:mm:ss" in Beijing time
// (the console's format; unconfirmed for the API) or Unix milliseconds.
func parseTime(s string) (time.Time, bool) {
	if t, err := time.ParseInLocation(timeLayout, s, beijing); err == nil {
		return t, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
		return time.UnixMilli(n), true
	}
	return time.Time{}, false
}

// describeRocketMQTopicMsgs lists retained messages newest first.
// NumOfLatestMsg N > 0 takes the newest N regardless of the time range
// (the other conditions still apply); TaskRequestId is echoed, or made on
// the first page.
func (g *Product) describeRocketMQTopicMsgs(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicMsgsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	start, ok1 := parseTime(req.StartTime)
	end, ok2 := parseTime(req.EndTime)
	if !ok1 || !ok2 {
		return nil, errInvalidParameter.New().WithDetail(" (StartTime and EndTime are \"YYYY-MM-DD HH:mm:ss\" or Unix milliseconds)")
	}
	latest := int64(-1)
	if req.NumOfLatestMsg != nil {
		latest = *req.NumOfLatestMsg
		if latest == 0 || latest < -1 || latest > g.store.limits.MaxLatestMessages {
			return nil, errInvalidParameter.New().WithDetail(" (NumOfLatestMsg must be -1 or 1-1024)")
		}
	}
	if latest < 0 && end.Before(start) {
		return nil, errInvalidParameter.New().WithDetail(" (EndTime before StartTime)")
	}
	task := str(req.TaskRequestId)
	if task == "" {
		task = uuid.NewString()
	}
	var offset, limit uint64
	if req.Offset != nil {
		offset = *req.Offset
	}
	if req.Limit != nil {
		limit = *req.Limit
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound, group: errResourceNotFound}
	out := describeRocketMQTopicMsgsResponse{TopicMsgLogSets: []rocketMQMsgLog{}, TaskRequestId: task}
	if dlq(req.QueryDlqMsg, req.QueryDeadLetterMessage) {
		if _, _, _, err := g.store.groupOf(accountOf(call), req.ClusterId, req.EnvironmentId, req.TopicName, m); err != nil {
			return nil, err
		}
		return out, nil
	}
	_, _, t, err := g.store.topicOf(accountOf(call), req.ClusterId, req.EnvironmentId, req.TopicName, m)
	if err != nil {
		return nil, err
	}
	live := t.live(g.now(), g.store.limits.Retention)
	var match []*message
	for i := len(live) - 1; i >= 0; i-- {
		msg := live[i]
		if latest < 0 && (msg.Produced.Before(start) || msg.Produced.After(end)) {
			continue
		}
		if req.MsgId != nil && *req.MsgId != "" && msg.ID != *req.MsgId || req.MsgKey != nil && *req.MsgKey != "" && msg.Key != *req.MsgKey {
			continue
		}
		if req.Tag != nil && *req.Tag != "" && *req.Tag != "*" && msg.Tag != *req.Tag {
			continue
		}
		match = append(match, msg)
		if latest > 0 && int64(len(match)) == latest {
			break
		}
	}
	out.TotalCount = uint64(len(match))
	for _, msg := range page(match, offset, g.store.pageSize(limit)) {
		out.TopicMsgLogSets = append(out.TopicMsgLogSets, rocketMQMsgLog{
			MsgId: msg.ID, MsgTag: msg.Tag, MsgKey: msg.Key, ProducerAddr: msg.ProducerAddr, ProduceTime: stamp(msg.Produced),
		})
	}
	return out, nil
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
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	m, err := g.messageOf(call, req.ClusterId, req.EnvironmentId, req.TopicName, req.MsgId, deadLetter)
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

// retryRocketMQDlqMessage: nothing is ever consumed, so a group has no dead
// letters and every id is unknown (ResourceNotFound).
func (g *Product) retryRocketMQDlqMessage(o op, call *pipeline.Call) (any, error) {
	var req retryRocketMQDlqMessageRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if len(req.MessageIds) == 0 {
		return nil, errMissingParameter.New().WithDetail(" (MessageIds is empty)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound}
	_, _, gr, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupName, m)
	if err != nil {
		return nil, err
	}
	// All or nothing: every id must be a dead letter before any is resent.
	for _, id := range req.MessageIds {
		if _, d := gr.deadLetter(id); d == nil {
			return nil, errResourceNotFound.New().WithDetail(" (no dead-letter message " + id + ")")
		}
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	// Resent to the group: the message leaves its dead-letter queue.
	for _, id := range req.MessageIds {
		if i, _ := gr.deadLetter(id); i >= 0 {
			gr.DeadLetters = append(gr.DeadLetters[:i], gr.DeadLetters[i+1:]...)
		}
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

// verifyRocketMQConsume pushes a message to an online consumer of the group
// (ClientId's, or any); with none online it fails with FailedOperation, as
// the real service answers a group without clients. Consumers come online
// through the control API.
func (g *Product) verifyRocketMQConsume(o op, call *pipeline.Call) (any, error) {
	var req verifyRocketMQConsumeRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound, group: errResourceNotFound}
	_, _, gr, err := g.store.groupOf(accountOf(call), req.ClusterId, req.NamespaceId, req.GroupId, m)
	if err != nil {
		return nil, err
	}
	if _, err := g.messageOf(call, req.ClusterId, req.NamespaceId, req.TopicName, req.MsgId, false); err != nil {
		return nil, err
	}
	if len(gr.Clients) == 0 {
		return nil, errFailedOperation.New().WithDetail(" (no online consumer client in group " + req.GroupId + ")")
	}
	if req.ClientId != nil && *req.ClientId != "" && gr.client(*req.ClientId) == nil {
		return nil, errFailedOperation.New().WithDetail(" (client " + *req.ClientId + " is not online in group " + req.GroupId + ")")
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	gr.Verified++
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

// describeRocketMQProducers: producer clients never connect, so the list is
// empty. The action lists ResourceNotFound.Instance and the SDK's misspelt
// ResourceNotFound.Namspace, and answers with them.
func (g *Product) describeRocketMQProducers(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQProducersRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Offset < 0 || req.Limit < 0 {
		return nil, errInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	for _, f := range req.Filters {
		if f == nil || f.Name == nil || !inList(*f.Name, []string{"ClientId", "ClientIp"}) {
			return nil, errInvalidParameter.New().WithDetail(" (Filters accept ClientId and ClientIp)")
		}
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	m := miss{cluster: errResourceNotFoundInstance, namespace: errResourceNotFoundNamspace, topic: errResourceNotFoundTopic}
	if _, _, _, err := g.store.topicOf(accountOf(call), req.ClusterId, req.NamespaceId, req.Topic, m); err != nil {
		return nil, err
	}
	return describeRocketMQProducersResponse{Producers: []producerInfo{}}, nil
}
