package trocket

import (
	"encoding/json"
	"sort"
	"time"
)

// Messages and producers (tdmq.md §5 "Messages and producers"). Messages
// sent through SendMessage are kept per topic (up to messagesPerTopic, for
// the topic's MsgTTL hours of virtual time) so the query, trace, lag and
// offset actions have something real to report.

func hours(h int64) time.Duration { return time.Duration(h) * time.Hour }

// messageSpec is what SendMessage asks for; nil is a value not given.
type messageSpec struct {
	instanceID, topic, body string
	key, tag, liteTopic     *string
	// producerAddr is the sender's host.
	producerAddr string
}

// sendMessage appends a message to its topic, the oldest aging out first,
// and returns its id.
func (s *store) sendMessage(o op, a messageSpec) (string, error) {
	if len(a.body) > messageBodyMax {
		return "", invalid("MsgBody", "at most 4 MB")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, a.instanceID)
	if err != nil {
		return "", err
	}
	t, err := in.topic(a.topic)
	if err != nil {
		return "", err
	}
	if o.dry {
		return "", nil
	}
	in.expire(t, o.now)
	if len(t.messages) >= messagesPerTopic {
		old := t.messages[0]
		delete(in.messages, old.id)
		t.messages = t.messages[1:]
		t.dropped++
	}
	off := t.endOffset()
	m := &message{
		id: newMsgID(), topic: t.name, body: a.body, tag: str(a.tag), key: str(a.key),
		producerAddr: a.producerAddr, queue: off % max(t.queueNum, 1), offset: off, produced: o.now,
	}
	m.properties = map[string]string{"UNIQ_KEY": m.id, "TAGS": m.tag, "KEYS": m.key}
	if lt := str(a.liteTopic); lt != "" {
		m.properties["LITE_TOPIC"] = lt
	}
	t.messages = append(t.messages, m)
	t.lastWrite = o.now
	in.messages[m.id] = m
	return m.id, nil
}

// messageQuery is what DescribeMessageList asks for; nil is a value not
// given.
type messageQuery struct {
	instanceID, topic  string
	start, end         int64 // ms
	offset, limit      *int64
	group              *string
	msgID, msgKey, tag *string
	recent             *int64
	deadLetter         *bool
	liteTopic          *string
}

// describeMessageList lists the topic's messages newest first, within
// [start, end] unless recent asks for the last N; with deadLetter it lists
// the group's dead letters instead. It returns how many match in all.
func (s *store) describeMessageList(o op, q messageQuery) (int64, []messageItem, error) {
	start, end := q.start, q.end
	if start < 0 || end < start {
		return 0, nil, invalid("StartTime", "must not be after EndTime")
	}
	recent := derefInt(q.recent, -1)
	if recent != -1 && (recent < 1 || recent > recentMsgMax) {
		return 0, nil, invalid("RecentMessageNum", "1-1024, or -1")
	}
	dlq := deref(q.deadLetter)
	if dlq && str(q.group) == "" {
		return 0, nil, errMissingParameter.New().WithDetail(" (ConsumerGroup is required for dead-letter queries)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, q.instanceID)
	if err != nil {
		return 0, nil, err
	}
	var source []*message
	if dlq {
		if _, err := in.group(*q.group); err != nil {
			return 0, nil, err
		}
		for _, t := range in.topics {
			in.expire(t, o.now)
		}
		for _, m := range in.messages {
			if m.deadLetterGroup == *q.group {
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
		t, err := in.topic(q.topic)
		if err != nil {
			return 0, nil, err
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
		if (q.msgID != nil && m.id != *q.msgID) || (q.msgKey != nil && m.key != *q.msgKey) ||
			(q.tag != nil && m.tag != *q.tag) || (q.liteTopic != nil && m.properties["LITE_TOPIC"] != *q.liteTopic) {
			continue
		}
		hits = append(hits, m)
		if recent != -1 && int64(len(hits)) == recent {
			break
		}
	}
	from, to, err := page(q.offset, q.limit, len(hits))
	if err != nil {
		return 0, nil, err
	}
	items := []messageItem{}
	for _, m := range hits[from:to] {
		items = append(items, messageItem{MsgId: m.id, Tags: m.tag, Keys: m.key, ProducerAddr: m.producerAddr,
			ProduceTime: produceTime(m.produced), DeadLetterResendTimes: m.resendTimes, DeadLetterResendSuccessTimes: m.resendOKTimes})
	}
	return int64(len(hits)), items, nil
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

// messageDetail is DescribeMessage's answer.
type messageDetail struct {
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

// describeMessage reports a message of the topic (or a dead letter) with a
// page of its consumption tracks.
func (s *store) describeMessage(o op, instanceID, topic, msgID string, deadLetter *bool, q listQuery) (messageDetail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return messageDetail{}, err
	}
	m, err := in.findMessage(topic, msgID, deref(deadLetter), o.now)
	if err != nil {
		return messageDetail{}, err
	}
	props, _ := json.Marshal(m.properties)
	tracks := in.tracks(m)
	from, to, err := page(q.offset, q.limit, len(tracks))
	if err != nil {
		return messageDetail{}, err
	}
	return messageDetail{
		Body: m.body, Properties: string(props), ProduceTime: produceTime(m.produced), MessageId: m.id,
		ProducerAddr: m.producerAddr, MessageTracks: tracks[from:to], ShowTopicName: m.topic,
		LiteTopic: m.properties["LITE_TOPIC"], MessageTracksCount: int64(len(tracks)),
	}, nil
}

// messageTrace is DescribeMessageTrace's answer.
type messageTrace struct {
	ShowTopicName string             `json:"ShowTopicName"`
	LiteTopic     string             `json:"LiteTopic"`
	Data          []messageTraceItem `json:"Data"`
}

// describeMessageTrace reports the produce, persist and consume stages; each
// stage's Data is a JSON document in a string, as the API types it.
func (s *store) describeMessageTrace(o op, instanceID, topic, msgID string, deadLetter *bool) (messageTrace, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return messageTrace{}, err
	}
	m, err := in.findMessage(topic, msgID, deref(deadLetter), o.now)
	if err != nil {
		return messageTrace{}, err
	}
	stage := func(name string, data any) messageTraceItem {
		b, _ := json.Marshal(data)
		return messageTraceItem{Stage: name, Data: string(b)}
	}
	return messageTrace{ShowTopicName: m.topic, LiteTopic: m.properties["LITE_TOPIC"], Data: []messageTraceItem{
		stage("produce", map[string]any{"ProducerAddr": m.producerAddr, "ProduceTime": produceTime(m.produced), "Status": "SEND_OK"}),
		stage("persist", map[string]any{"PersistTime": produceTime(m.produced), "QueueId": m.queue, "Offset": m.offset, "Status": "PERSISTED"}),
		stage("consume", map[string]any{"Tracks": in.tracks(m), "VerifiedBy": nonNil(m.verifiedByClients)}),
	}}, nil
}

// resendDeadLetterMessage counts a resend on each dead letter; an id that is
// not a dead letter (of group, when given) is FailedOperation and nothing is
// resent.
func (s *store) resendDeadLetterMessage(o op, instanceID string, msgIDs []string, group *string) error {
	if len(msgIDs) == 0 {
		return invalid("MessageIds", "at least one message id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	var ms []*message
	for _, id := range msgIDs {
		m, ok := in.messages[id]
		if !ok || m.deadLetterGroup == "" || (group != nil && m.deadLetterGroup != *group) {
			return errFailedOperation.New().WithDetail(" (" + id + " is not a dead-letter message)")
		}
		ms = append(ms, m)
	}
	if o.dry {
		return nil
	}
	for _, m := range ms {
		m.resendTimes++
		m.resendOKTimes++
	}
	return nil
}

// verifyMessageConsumption pushes a message to an online consumer: the
// group's client (clientID, or any) that subscribes to the topic. No such
// client is FailedOperation; a client that does not consume by PUSH is
// UnsupportedOperation.UnsupportedConsumerType.
func (s *store) verifyMessageConsumption(o op, instanceID, topic, msgID string, clientID, group *string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	if _, err := in.topic(topic); err != nil {
		return err
	}
	m, err := in.findMessage(topic, msgID, false, o.now)
	if err != nil {
		return err
	}
	if group != nil {
		if _, err := in.group(*group); err != nil {
			return err
		}
	}
	var chosen *client
	for _, id := range sortedKeys(in.clients) {
		c := in.clients[id]
		if (group == nil || c.group == *group) && (clientID == nil || c.id == *clientID) && oneOf(m.topic, c.topics...) {
			chosen = c
			break
		}
	}
	if chosen == nil {
		return errFailedOperation.New().WithDetail(" (no online consumer of " + m.topic + " matches)")
	}
	if chosen.consumeType != "PUSH" {
		return errUnsupportedOperationUnsupportedConsumerType.New().WithDetail(" (" + chosen.consumeType + ")")
	}
	if o.dry {
		return nil
	}
	m.verifiedByClients = append(m.verifiedByClients, chosen.id)
	return nil
}

// describeProducerList lists a topic's producers that match (Filters:
// ClientIp, ClientId) by id, and how many match in all.
func (s *store) describeProducerList(o op, instanceID, topic string, q listQuery) (int64, []producerInfo, error) {
	fs, err := filters(q.filters, "ClientIp", "ClientId")
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	t, err := in.topic(topic)
	if err != nil {
		return 0, nil, err
	}
	var all []*producer
	for _, id := range sortedKeys(in.producers[t.name]) {
		p := in.producers[t.name][id]
		if fs.fuzzy("ClientIp", p.ip) && fs.fuzzy("ClientId", p.id) {
			all = append(all, p)
		}
	}
	from, to, err := page(q.offset, q.limit, len(all))
	if err != nil {
		return 0, nil, err
	}
	items := []producerInfo{}
	for _, p := range all[from:to] {
		items = append(items, producerInfo{ClientId: p.id, ClientIp: p.ip, Language: p.language,
			Version: p.version, LastUpdateTimestamp: unixSeconds(p.lastUpdate), ChannelProtocol: p.protocol})
	}
	return int64(len(all)), items, nil
}

// unixSeconds is a uint64 Unix time that is never negative.
func unixSeconds(t time.Time) uint64 {
	if s := t.Unix(); s > 0 {
		return uint64(s)
	}
	return 0
}
