package rocketmq

import (
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Messages sent through SendRocketMQMessage, kept per topic for the
// retention window (virtual time) and queried by the message actions.
// Consumer clients never connect to the emulator: nothing is consumed, and
// dead letters and online consumers come only from the control API
// (store_consumer.go); there are no producers other than the API itself.

// brokerAddr is the fixed address part of 4.x message ids: 127.0.0.1:10911
// as RocketMQ encodes it (8 hex digits of IP, 8 of port), followed by a
// 16-hex-digit commit-log offset.
const brokerAddr = "7F00000100002A9F"

// messageSpec is what SendRocketMQMessage asks for; nil is a value not
// given.
type messageSpec struct {
	cluster, namespace, topic, body string
	key, tag                        *string
	producerAddr                    string // the sender's host
}

// sendMessage checks the body, then appends the message to the topic's
// next queue (round robin), dropping what retention has expired, and
// returns its id.
func (s *store) sendMessage(o op, a messageSpec) (string, error) {
	if a.body == "" {
		return "", errInvalidParameter.New().WithDetail(" (MsgBody is empty)")
	}
	if len(a.body) > s.limits.MaxMessageBytes {
		return "", errInvalidParameter.New().WithDetail(" (MsgBody larger than 4 MB)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _, t, err := s.topicOf(o, a.cluster, a.namespace, a.topic, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFoundTopic, topic: errResourceNotFoundTopic})
	if err != nil {
		return "", err
	}
	if o.dry {
		return "", errDryRunOperation.New()
	}
	s.msgSeq++
	m := &message{
		ID: brokerAddr + fmt.Sprintf("%016X", s.msgSeq), Body: a.body, Key: str(a.key), Tag: str(a.tag),
		ProducerAddr: a.producerAddr, Queue: t.NextQueue % t.Partitions, Produced: o.now,
	}
	t.NextQueue++
	// Keep the list ordered by time even if the virtual clock was set back.
	if k := len(t.Messages); k > 0 && m.Produced.Before(t.Messages[k-1].Produced) {
		m.Produced = t.Messages[k-1].Produced
	}
	t.expire(m.Produced, s.limits.Retention)
	t.Messages = append(t.Messages, m)
	if t.LastWrite == nil {
		t.LastWrite = map[uint64]time.Time{}
	}
	t.LastWrite[m.Queue] = m.Produced
	return m.ID, nil
}

// findMessage finds a retained message of a topic; the caller holds mu.
func (s *store) findMessage(t *topic, id string, now time.Time) *message {
	for _, m := range t.live(now, s.limits.Retention) {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// messageOf resolves a message query's topic (or, for dead letters, its
// group) and message; the caller holds mu.
func (s *store) messageOf(o op, cluster, namespace, topic, id string, deadLetter bool) (*message, error) {
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound, group: errResourceNotFound}
	if deadLetter {
		// A dead-letter query names the group where the topic goes.
		_, _, gr, err := s.groupOf(o, cluster, namespace, topic, m)
		if err != nil {
			return nil, err
		}
		if _, d := gr.deadLetter(id); d != nil {
			return d.Msg, nil
		}
		return nil, errResourceNotFound.New().WithDetail(" (no dead-letter message " + id + ")")
	}
	_, _, t, err := s.topicOf(o, cluster, namespace, topic, m)
	if err != nil {
		return nil, err
	}
	msg := s.findMessage(t, id, o.now)
	if msg == nil {
		return nil, errResourceNotFound.New().WithDetail(" (message " + id + ")")
	}
	return msg, nil
}

// describeMessage returns a copy of a retained message of a topic, or of a
// dead letter of a group (deadLetter: topic names the group).
func (s *store) describeMessage(o op, cluster, namespace, topic, id string, deadLetter bool) (message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.messageOf(o, cluster, namespace, topic, id, deadLetter)
	if err != nil {
		return message{}, err
	}
	return *m, nil
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

// messageQuery is DescribeRocketMQTopicMsgs' selection and page; nil is a
// value not given.
type messageQuery struct {
	cluster, namespace, topic string
	start, end                string
	msgID, msgKey, tag        *string
	offset, limit             *uint64
	taskRequestID             *string
	numOfLatest               *int64
	deadLetter                bool // topic names a group
}

// describeTopicMessages lists retained messages newest first, how many
// match in all and the query's TaskRequestId. NumOfLatestMsg N > 0 takes
// the newest N regardless of the time range (the other conditions still
// apply); TaskRequestId is echoed, or made on the first page. A
// dead-letter query lists nothing.
func (s *store) describeTopicMessages(o op, q messageQuery) (uint64, []rocketMQMsgLog, string, error) {
	start, ok1 := parseTime(q.start)
	end, ok2 := parseTime(q.end)
	if !ok1 || !ok2 {
		return 0, nil, "", errInvalidParameter.New().WithDetail(" (StartTime and EndTime are \"YYYY-MM-DD HH:mm:ss\" or Unix milliseconds)")
	}
	latest := int64(-1)
	if q.numOfLatest != nil {
		latest = *q.numOfLatest
		if latest == 0 || latest < -1 || latest > s.limits.MaxLatestMessages {
			return 0, nil, "", errInvalidParameter.New().WithDetail(" (NumOfLatestMsg must be -1 or 1-1024)")
		}
	}
	if latest < 0 && end.Before(start) {
		return 0, nil, "", errInvalidParameter.New().WithDetail(" (EndTime before StartTime)")
	}
	task := str(q.taskRequestID)
	if task == "" {
		task = uuid.NewString()
	}
	var offset, limit uint64
	if q.offset != nil {
		offset = *q.offset
	}
	if q.limit != nil {
		limit = *q.limit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound, group: errResourceNotFound}
	out := []rocketMQMsgLog{}
	if q.deadLetter {
		if _, _, _, err := s.groupOf(o, q.cluster, q.namespace, q.topic, m); err != nil {
			return 0, nil, "", err
		}
		return 0, out, task, nil
	}
	_, _, t, err := s.topicOf(o, q.cluster, q.namespace, q.topic, m)
	if err != nil {
		return 0, nil, "", err
	}
	live := t.live(o.now, s.limits.Retention)
	var match []*message
	for i := len(live) - 1; i >= 0; i-- {
		msg := live[i]
		if latest < 0 && (msg.Produced.Before(start) || msg.Produced.After(end)) {
			continue
		}
		if q.msgID != nil && *q.msgID != "" && msg.ID != *q.msgID || q.msgKey != nil && *q.msgKey != "" && msg.Key != *q.msgKey {
			continue
		}
		if q.tag != nil && *q.tag != "" && *q.tag != "*" && msg.Tag != *q.tag {
			continue
		}
		match = append(match, msg)
		if latest > 0 && int64(len(match)) == latest {
			break
		}
	}
	for _, msg := range page(match, offset, s.pageSize(limit)) {
		out = append(out, rocketMQMsgLog{
			MsgId: msg.ID, MsgTag: msg.Tag, MsgKey: msg.Key, ProducerAddr: msg.ProducerAddr, ProduceTime: stamp(msg.Produced),
		})
	}
	return uint64(len(match)), out, task, nil
}

// retryDeadLetters resends dead-lettered messages to their group, all or
// nothing: every id must be one of the group's dead letters before any
// leaves the dead-letter queue.
func (s *store) retryDeadLetters(o op, cluster, namespace, group string, ids []string) error {
	if len(ids) == 0 {
		return errMissingParameter.New().WithDetail(" (MessageIds is empty)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound}
	_, _, gr, err := s.groupOf(o, cluster, namespace, group, m)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, d := gr.deadLetter(id); d == nil {
			return errResourceNotFound.New().WithDetail(" (no dead-letter message " + id + ")")
		}
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	for _, id := range ids {
		if i, _ := gr.deadLetter(id); i >= 0 {
			gr.DeadLetters = append(gr.DeadLetters[:i], gr.DeadLetters[i+1:]...)
		}
	}
	return nil
}

// verifySpec is what VerifyRocketMQConsume asks for; nil is a value not
// given.
type verifySpec struct {
	cluster, namespace, group, topic, msgID string
	clientID                                *string
}

// verifyConsume pushes a retained message to an online consumer of the
// group (clientID's, or any); with none online it fails with
// FailedOperation, as the real service answers a group without clients.
func (s *store) verifyConsume(o op, a verifySpec) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound, group: errResourceNotFound}
	_, _, gr, err := s.groupOf(o, a.cluster, a.namespace, a.group, m)
	if err != nil {
		return err
	}
	if _, err := s.messageOf(o, a.cluster, a.namespace, a.topic, a.msgID, false); err != nil {
		return err
	}
	if len(gr.Clients) == 0 {
		return errFailedOperation.New().WithDetail(" (no online consumer client in group " + a.group + ")")
	}
	if a.clientID != nil && *a.clientID != "" && gr.client(*a.clientID) == nil {
		return errFailedOperation.New().WithDetail(" (client " + *a.clientID + " is not online in group " + a.group + ")")
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	gr.Verified++
	return nil
}

// describeProducers lists a topic's producer clients: none, as producers
// never connect. Offset and Limit must not be negative, Filters name
// ClientId or ClientIp. The action lists ResourceNotFound.Instance and the
// SDK's misspelt ResourceNotFound.Namspace, and answers with them.
func (s *store) describeProducers(o op, cluster, namespace, topic string, offset, limit int64, filters []*filter) ([]producerInfo, error) {
	if offset < 0 || limit < 0 {
		return nil, errInvalidParameter.New().WithDetail(" (Offset and Limit must not be negative)")
	}
	for _, f := range filters {
		if f == nil || f.Name == nil || !inList(*f.Name, []string{"ClientId", "ClientIp"}) {
			return nil, errInvalidParameter.New().WithDetail(" (Filters accept ClientId and ClientIp)")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := miss{cluster: errResourceNotFoundInstance, namespace: errResourceNotFoundNamspace, topic: errResourceNotFoundTopic}
	if _, _, _, err := s.topicOf(o, cluster, namespace, topic, m); err != nil {
		return nil, err
	}
	return []producerInfo{}, nil
}
