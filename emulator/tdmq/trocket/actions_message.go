package trocket

import (
	"encoding/json"
	"net"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x message and producer actions (tdmq.md §5 "Messages and producers").
// Messages sent through SendMessage are kept per topic (up to
// messagesPerTopic, for the topic's MsgTTL hours of virtual time) so the
// query, trace, lag and offset actions have something real to report.

func hours(h int64) time.Duration { return time.Duration(h) * time.Hour }

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

func (g *Product) sendMessage(o op, call *pipeline.Call) (any, error) {
	var req sendMessageReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if len(*req.MsgBody) > messageBodyMax {
		return nil, invalid("MsgBody", "at most 4 MB")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	if o.dry {
		return nil, nil
	}
	in.expire(t, o.now)
	if len(t.messages) >= messagesPerTopic {
		old := t.messages[0]
		delete(in.messages, old.id)
		t.messages = t.messages[1:]
		t.dropped++
	}
	off := t.endOffset()
	host, _, _ := net.SplitHostPort(call.Remote)
	m := &message{
		id: newMsgID(), topic: t.name, body: *req.MsgBody, tag: str(req.MsgTag), key: str(req.MsgKey),
		producerAddr: host, queue: off % max(t.queueNum, 1), offset: off, produced: o.now,
	}
	m.properties = map[string]string{"UNIQ_KEY": m.id, "TAGS": m.tag, "KEYS": m.key}
	if lt := str(req.LiteTopic); lt != "" {
		m.properties["LITE_TOPIC"] = lt
	}
	t.messages = append(t.messages, m)
	t.lastWrite = o.now
	in.messages[m.id] = m
	return sendMessageResp{MsgId: m.id}, nil
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

// describeMessageList lists the topic's messages newest first, within
// [StartTime, EndTime] unless RecentMessageNum asks for the last N; with
// QueryDeadLetterMessage it lists ConsumerGroup's dead letters instead.
func (g *Product) describeMessageList(o op, call *pipeline.Call) (any, error) {
	var req describeMessageListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	start, end := *req.StartTime, *req.EndTime
	if start < 0 || end < start {
		return nil, invalid("StartTime", "must not be after EndTime")
	}
	recent := derefInt(req.RecentMessageNum, -1)
	if recent != -1 && (recent < 1 || recent > recentMsgMax) {
		return nil, invalid("RecentMessageNum", "1-1024, or -1")
	}
	dlq := deref(req.QueryDeadLetterMessage)
	if dlq && str(req.ConsumerGroup) == "" {
		return nil, errMissingParameter.New().WithDetail(" (ConsumerGroup is required for dead-letter queries)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	var source []*message
	if dlq {
		if _, err := in.group(*req.ConsumerGroup); err != nil {
			return nil, err
		}
		for _, t := range in.topics {
			in.expire(t, o.now)
		}
		for _, m := range in.messages {
			if m.deadLetterGroup == *req.ConsumerGroup {
				source = append(source, m)
			}
		}
		sort.Slice(source, func(i, j int) bool {
			a, b := source[i], source[j]
			if !a.produced.Equal(b.produced) {
				return a.produced.Before(b.produced)
			}
			if a.topic != b.topic {
				return a.topic < b.topic
			}
			return a.offset < b.offset
		})
	} else {
		t, err := in.topic(*req.Topic)
		if err != nil {
			return nil, err
		}
		in.expire(t, o.now)
		source = t.messages
	}
	var hits []*message
	for i := len(source) - 1; i >= 0; i-- { // newest first
		m := source[i]
		if recent == -1 {
			at := m.produced.UnixMilli()
			if at < start || at > end {
				continue
			}
		}
		if (req.MsgId != nil && m.id != *req.MsgId) || (req.MsgKey != nil && m.key != *req.MsgKey) ||
			(req.Tag != nil && m.tag != *req.Tag) || (req.LiteTopic != nil && m.properties["LITE_TOPIC"] != *req.LiteTopic) {
			continue
		}
		hits = append(hits, m)
		if recent != -1 && int64(len(hits)) == recent {
			break
		}
	}
	from, to, err := page(req.Offset, req.Limit, len(hits))
	if err != nil {
		return nil, err
	}
	task := *req.TaskRequestId
	if task == "" {
		task = uuid.NewString()
	}
	resp := describeMessageListResp{TotalCount: int64(len(hits)), Data: []messageItem{}, TaskRequestId: task}
	for _, m := range hits[from:to] {
		resp.Data = append(resp.Data, messageItem{MsgId: m.id, Tags: m.tag, Keys: m.key, ProducerAddr: m.producerAddr,
			ProduceTime: produceTime(m.produced), DeadLetterResendTimes: m.resendTimes, DeadLetterResendSuccessTimes: m.resendOKTimes})
	}
	return resp, nil
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

type describeMessageResp struct {
	Body               string             `json:"Body"`
	Properties         string             `json:"Properties"`
	ProduceTime        string             `json:"ProduceTime"`
	MessageId          string             `json:"MessageId"`
	ProducerAddr       string             `json:"ProducerAddr"`
	MessageTracks      []messageTrackItem `json:"MessageTracks"`
	ShowTopicName      string             `json:"ShowTopicName"`
	LiteTopic          string             `json:"LiteTopic"`
	MessageTracksCount int64              `json:"MessageTracksCount"`
}

// findMessage finds a message of the topic (or any dead letter with that id).
func (in *instance) findMessage(topic, id string, deadLetter bool, now time.Time) (*message, error) {
	if t, ok := in.topics[topic]; ok {
		in.expire(t, now)
	}
	m, ok := in.messages[id]
	if !ok || (m.topic != topic && !(deadLetter && m.deadLetterGroup != "")) {
		return nil, errResourceNotFoundMessage.New().WithDetail(" (" + id + ")")
	}
	return m, nil
}

// tracks is the message's consumption status per subscribed group.
func (in *instance) tracks(m *message) []messageTrackItem {
	out := []messageTrackItem{}
	for _, k := range in.subsOfTopic(m.topic) {
		status := "NOT_CONSUME"
		switch {
		case m.deadLetterGroup == k.group:
			status = "ENTER_DLQ"
		case in.subs[k].offset > m.offset:
			status = "CONSUMED"
		}
		out = append(out, messageTrackItem{ConsumerGroup: k.group, ConsumeStatus: status, TrackType: "CONSUME",
			ConsumeStatusSource: "DIFF_OFFSET"})
	}
	return out
}

func (g *Product) describeMessage(o op, call *pipeline.Call) (any, error) {
	var req describeMessageReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	m, err := in.findMessage(*req.Topic, *req.MsgId, deref(req.QueryDeadLetterMessage), o.now)
	if err != nil {
		return nil, err
	}
	props, _ := json.Marshal(m.properties)
	tracks := in.tracks(m)
	from, to, err := page(req.Offset, req.Limit, len(tracks))
	if err != nil {
		return nil, err
	}
	return describeMessageResp{
		Body: m.body, Properties: string(props), ProduceTime: produceTime(m.produced), MessageId: m.id,
		ProducerAddr: m.producerAddr, MessageTracks: tracks[from:to], ShowTopicName: m.topic,
		LiteTopic: m.properties["LITE_TOPIC"], MessageTracksCount: int64(len(tracks)),
	}, nil
}

type describeMessageTraceReq struct {
	InstanceId             *string `json:"InstanceId" mq:"required"`
	Topic                  *string `json:"Topic" mq:"required"`
	MsgId                  *string `json:"MsgId" mq:"required"`
	QueryDeadLetterMessage *bool   `json:"QueryDeadLetterMessage"`
	QueryDelayMessage      *bool   `json:"QueryDelayMessage"`
}

type describeMessageTraceResp struct {
	ShowTopicName string             `json:"ShowTopicName"`
	LiteTopic     string             `json:"LiteTopic"`
	Data          []messageTraceItem `json:"Data"`
}

// describeMessageTrace reports the produce, persist and consume stages; each
// stage's Data is a JSON document in a string, as the API types it.
func (g *Product) describeMessageTrace(o op, call *pipeline.Call) (any, error) {
	var req describeMessageTraceReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	m, err := in.findMessage(*req.Topic, *req.MsgId, deref(req.QueryDeadLetterMessage), o.now)
	if err != nil {
		return nil, err
	}
	stage := func(name string, data any) messageTraceItem {
		b, _ := json.Marshal(data)
		return messageTraceItem{Stage: name, Data: string(b)}
	}
	return describeMessageTraceResp{ShowTopicName: m.topic, LiteTopic: m.properties["LITE_TOPIC"], Data: []messageTraceItem{
		stage("produce", map[string]any{"ProducerAddr": m.producerAddr, "ProduceTime": produceTime(m.produced), "Status": "SEND_OK"}),
		stage("persist", map[string]any{"PersistTime": produceTime(m.produced), "QueueId": m.queue, "Offset": m.offset, "Status": "PERSISTED"}),
		stage("consume", map[string]any{"Tracks": in.tracks(m), "VerifiedBy": nonNil(m.verifiedByClients)}),
	}}, nil
}

type resendDeadLetterMessageReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	MessageIds    []*string `json:"MessageIds" mq:"required"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
}

type resendDeadLetterMessageResp struct {
	ResendResult bool `json:"ResendResult"`
}

// resendDeadLetterMessage counts a resend on each dead letter; an id that is
// not a dead letter (of ConsumerGroup, when given) is FailedOperation and
// nothing is resent.
func (g *Product) resendDeadLetterMessage(o op, call *pipeline.Call) (any, error) {
	var req resendDeadLetterMessageReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	ids := strs(req.MessageIds)
	if len(ids) == 0 {
		return nil, invalid("MessageIds", "at least one message id")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	var ms []*message
	for _, id := range ids {
		m, ok := in.messages[id]
		if !ok || m.deadLetterGroup == "" || (req.ConsumerGroup != nil && m.deadLetterGroup != *req.ConsumerGroup) {
			return nil, errFailedOperation.New().WithDetail(" (" + id + " is not a dead-letter message)")
		}
		ms = append(ms, m)
	}
	if o.dry {
		return nil, nil
	}
	for _, m := range ms {
		m.resendTimes++
		m.resendOKTimes++
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

// verifyMessageConsumption pushes a message to an online consumer: the
// group's client (ClientId, or any) that subscribes to the topic. No such
// client is FailedOperation; a client that does not consume by PUSH is
// UnsupportedOperation.UnsupportedConsumerType.
func (g *Product) verifyMessageConsumption(o op, call *pipeline.Call) (any, error) {
	var req verifyMessageConsumptionReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if _, err := in.topic(*req.Topic); err != nil {
		return nil, err
	}
	m, err := in.findMessage(*req.Topic, *req.MsgId, false, o.now)
	if err != nil {
		return nil, err
	}
	if req.ConsumerGroup != nil {
		if _, err := in.group(*req.ConsumerGroup); err != nil {
			return nil, err
		}
	}
	var chosen *client
	for _, id := range sortedKeys(in.clients) {
		c := in.clients[id]
		if (req.ConsumerGroup == nil || c.group == *req.ConsumerGroup) && (req.ClientId == nil || c.id == *req.ClientId) &&
			oneOf(m.topic, c.topics...) {
			chosen = c
			break
		}
	}
	if chosen == nil {
		return nil, errFailedOperation.New().WithDetail(" (no online consumer of " + m.topic + " matches)")
	}
	if chosen.consumeType != "PUSH" {
		return nil, errUnsupportedOperationUnsupportedConsumerType.New().WithDetail(" (" + chosen.consumeType + ")")
	}
	if o.dry {
		return nil, nil
	}
	m.verifiedByClients = append(m.verifiedByClients, chosen.id)
	return struct{}{}, nil
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
	fs, err := filters(req.Filters, "ClientIp", "ClientId")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	var all []*producer
	for _, id := range sortedKeys(in.producers[t.name]) {
		p := in.producers[t.name][id]
		if fs.fuzzy("ClientIp", p.ip) && fs.fuzzy("ClientId", p.id) {
			all = append(all, p)
		}
	}
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeProducerListResp{TotalCount: int64(len(all)), ProducerList: []producerInfo{}}
	for _, p := range all[from:to] {
		resp.ProducerList = append(resp.ProducerList, producerInfo{ClientId: p.id, ClientIp: p.ip, Language: p.language,
			Version: p.version, LastUpdateTimestamp: unixSeconds(p.lastUpdate), ChannelProtocol: p.protocol})
	}
	return resp, nil
}

// unixSeconds is a uint64 Unix time that is never negative.
func unixSeconds(t time.Time) uint64 {
	if s := t.Unix(); s > 0 {
		return uint64(s)
	}
	return 0
}
