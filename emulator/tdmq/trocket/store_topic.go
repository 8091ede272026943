package trocket

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Topics (tdmq.md §5 "Topics"): names, types, quotas, retention, and what a
// topic's subscriptions and queues report.

var topicTypes = []string{"NORMAL", "FIFO", "DELAY", "TRANSACTION", "LITE"}

// topicSpec is what CreateTopic asks for; nil is a value not given.
type topicSpec struct {
	instanceID, name, typ string
	queueNum              *int64
	remark                *string
	msgTTL                *int64
	tags                  []tag
	autoExpireDelete      *bool
	autoExpireTime        *int64
}

// createTopic checks the name, type and ranges, then, in a RUNNING instance
// with room under its topic quota, inserts the topic.
func (s *store) createTopic(o op, a topicSpec) error {
	name, typ := a.name, a.typ
	if err := s.checkTopicName(name); err != nil {
		return err
	}
	if !oneOf(typ, topicTypes...) {
		return invalid("TopicType", "one of "+strings.Join(topicTypes, ", "))
	}
	if err := firstErr(checkRange("QueueNum", a.queueNum, queueNumMin, queueNumMax), checkRemark("Remark", a.remark),
		checkRange("AutoExpireTime", a.autoExpireTime, autoExpireMin, autoExpireMax)); err != nil {
		return err
	}
	if typ != "LITE" && (a.autoExpireDelete != nil || a.autoExpireTime != nil) {
		return invalid("AutoExpireDelete", "only for LITE topics")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, a.instanceID)
	if err != nil {
		return err
	}
	if err := in.ready(o.now); err != nil {
		return err
	}
	if reservedTopic(name) {
		return errOperationDenied.New().WithDetail(" (" + name + " is a reserved retry/dead-letter topic name)")
	}
	if err := checkRange("MsgTTL", a.msgTTL, in.sku.RetentionLowerLimit, in.sku.RetentionUpperLimit); err != nil {
		return err
	}
	if _, dup := in.topics[name]; dup {
		return errUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (topic " + name + ")")
	}
	if int64(len(in.topics)) >= in.topicNumLimit {
		return errLimitExceededTopicNum.New().WithDetail(" (" + strconv.FormatInt(in.topicNumLimit, 10) + ")")
	}
	if o.dry {
		return nil
	}
	t := &topic{
		seq: in.next(), name: name, typ: typ, remark: str(a.remark), queueNum: derefInt(a.queueNum, queueNumMin),
		msgTTL: derefInt(a.msgTTL, in.retention), tags: a.tags, autoExpireDelete: deref(a.autoExpireDelete),
		autoExpireTime: derefInt(a.autoExpireTime, 0), created: o.now,
	}
	in.addTopic(t)
	return nil
}

// topicDetail is DescribeTopic's answer.
type topicDetail struct {
	InstanceId        string             `json:"InstanceId"`
	Topic             string             `json:"Topic"`
	TopicType         string             `json:"TopicType"`
	Remark            string             `json:"Remark"`
	CreatedTime       int64              `json:"CreatedTime"`
	LastUpdateTime    int64              `json:"LastUpdateTime"`
	SubscriptionCount int64              `json:"SubscriptionCount"`
	SubscriptionData  []subscriptionData `json:"SubscriptionData"`
	MsgTTL            int64              `json:"MsgTTL"`
	AutoExpireDelete  bool               `json:"AutoExpireDelete"`
	AutoExpireTime    int64              `json:"AutoExpireTime"`
}

// describeTopic reports a topic with a page of its subscriptions (Filters:
// ConsumerGroup).
func (s *store) describeTopic(o op, instanceID, name string, q listQuery) (topicDetail, error) {
	fs, err := filters(q.filters, "ConsumerGroup")
	if err != nil {
		return topicDetail{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return topicDetail{}, err
	}
	t, err := in.topic(name)
	if err != nil {
		return topicDetail{}, err
	}
	var subs []subKey
	for _, k := range in.subsOfTopic(t.name) {
		if fs.exact("ConsumerGroup", k.group) {
			subs = append(subs, k)
		}
	}
	from, to, err := page(q.offset, q.limit, len(subs))
	if err != nil {
		return topicDetail{}, err
	}
	d := topicDetail{
		InstanceId: in.id, Topic: t.name, TopicType: t.typ, Remark: t.remark, CreatedTime: ms(t.created),
		LastUpdateTime: ms(t.lastWrite), SubscriptionCount: int64(len(subs)), SubscriptionData: []subscriptionData{},
		MsgTTL: t.msgTTL, AutoExpireDelete: t.autoExpireDelete, AutoExpireTime: t.autoExpireTime,
	}
	for _, k := range subs[from:to] {
		d.SubscriptionData = append(d.SubscriptionData, in.subData(k))
	}
	return d, nil
}

// subData renders one subscription; a group is online when one of its
// clients (registered through the control API) consumes the topic.
func (in *instance) subData(k subKey) subscriptionData {
	s, t, gr := in.subs[k], in.topics[k.topic], in.groups[k.group]
	d := subscriptionData{
		InstanceId: in.id, Topic: k.topic, ConsumerGroup: k.group, SubString: s.subString, ExpressionType: s.expressionType,
		LastUpdateTime: ms(s.lastUpdate), MessageModel: "CLUSTERING", ClientSubscriptionInfos: []clientSubscriptionInfo{},
	}
	if t != nil {
		d.TopicType, d.TopicQueueNum, d.ConsumerLag = t.typ, t.queueNum, in.lag(s, t)
	}
	if gr != nil {
		d.MaxRetryTimes, d.ConsumeMessageOrderly = gr.maxRetry, gr.orderly
	}
	for _, c := range in.clientsOf(k.group) {
		if oneOf(k.topic, c.topics...) {
			d.IsOnline, d.ConsumeType = true, c.consumeType
		}
	}
	return d
}

// clientsOf lists a group's clients by id.
func (in *instance) clientsOf(group string) []*client {
	var out []*client
	for _, c := range in.clients {
		if c.group == group {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// describeTopicList lists an instance's topics that match (Filters:
// TopicName, TopicType; fromGroup: only the topics that group subscribes
// to), in creation order, and how many match in all.
func (s *store) describeTopicList(o op, instanceID string, q listQuery, fromGroup *string) (int64, []topicItem, error) {
	fs, err := filters(q.filters, "TopicName", "TopicType")
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	var keep func(*topic) bool
	if !fs.empty(q.tagFilters) || fromGroup != nil {
		keep = func(t *topic) bool {
			if !fs.fuzzy("TopicName", t.name) || !fs.exact("TopicType", t.typ) || !tcdata.TagsMatch(t.tags, q.tagFilters) {
				return false
			}
			if fromGroup != nil {
				if _, ok := in.subs[subKey{group: *fromGroup, topic: t.name}]; !ok {
					return false
				}
			}
			return true
		}
	}
	total, pg, err := pageOf(in.topicList, q.offset, q.limit, keep)
	if err != nil {
		return 0, nil, err
	}
	items := make([]topicItem, 0, len(pg))
	for _, t := range pg {
		items = append(items, topicItem{InstanceId: in.id, Topic: t.name, TopicType: t.typ, QueueNum: t.queueNum,
			Remark: t.remark, MsgTTL: t.msgTTL, TagList: nonNil(t.tags)})
	}
	return int64(total), items, nil
}

// topicChange is what ModifyTopic asks for; nil is a value not given.
type topicChange struct {
	queueNum         *int64
	remark           *string
	msgTTL           *int64
	autoExpireDelete *bool
	autoExpireTime   *int64
}

// modifyTopic: an unknown topic is ResourceNotFound.Topic (the SDK lists only
// FailedOperation here; the not-found code is the one its siblings use).
func (s *store) modifyTopic(o op, instanceID, name string, a topicChange) error {
	if err := firstErr(checkRange("QueueNum", a.queueNum, queueNumMin, queueNumMax), checkRemark("Remark", a.remark),
		checkRange("AutoExpireTime", a.autoExpireTime, autoExpireMin, autoExpireMax)); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	t, err := in.topic(name)
	if err != nil {
		return err
	}
	if err := checkRange("MsgTTL", a.msgTTL, in.sku.RetentionLowerLimit, in.sku.RetentionUpperLimit); err != nil {
		return err
	}
	if t.typ != "LITE" && (a.autoExpireDelete != nil || a.autoExpireTime != nil) {
		return invalid("AutoExpireDelete", "only for LITE topics")
	}
	if o.dry {
		return nil
	}
	if a.queueNum != nil {
		t.queueNum = *a.queueNum
	}
	if a.remark != nil {
		t.remark = *a.remark
	}
	if a.msgTTL != nil {
		t.msgTTL = *a.msgTTL
	}
	if a.autoExpireDelete != nil {
		t.autoExpireDelete = *a.autoExpireDelete
	}
	if a.autoExpireTime != nil {
		t.autoExpireTime = *a.autoExpireTime
	}
	return nil
}

// deleteTopic removes the topic with its messages, subscriptions and
// producers. Subscribed groups do not block it: nothing documents such a rule
// for RocketMQ (tdmq.md §4).
func (s *store) deleteTopic(o op, instanceID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	t, err := in.topic(name)
	if err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	delete(in.topics, t.name)
	in.removeFromList(t)
	for _, m := range t.messages {
		delete(in.messages, m.id)
	}
	for k := range in.subs {
		if k.topic == t.name {
			delete(in.subs, k)
		}
	}
	delete(in.producers, t.name)
	for _, cl := range in.clients {
		kept := cl.topics[:0]
		for _, name := range cl.topics {
			if name != t.name {
				kept = append(kept, name)
			}
		}
		cl.topics = kept
	}
	return nil
}

// describeTopicListByGroup lists an instance's subscriptions (of group, when
// given; Filters: TopicName), in topic order, and how many match in all.
func (s *store) describeTopicListByGroup(o op, instanceID string, group *string, q listQuery) (int64, []subscriptionData, error) {
	fs, err := filters(q.filters, "TopicName")
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	var keys []subKey
	for k := range in.subs {
		if (group == nil || k.group == *group) && fs.fuzzy("TopicName", k.topic) {
			keys = append(keys, k)
		}
	}
	sortSubs(in, keys)
	from, to, err := page(q.offset, q.limit, len(keys))
	if err != nil {
		return 0, nil, err
	}
	data := []subscriptionData{}
	for _, k := range keys[from:to] {
		data = append(data, in.subData(k))
	}
	return int64(len(keys)), data, nil
}

// describeTopicStats reports per-queue offsets of a topic for a group. The
// API applies to PLATINUM instances only; others get UnsupportedOperation.
func (s *store) describeTopicStats(o op, instanceID, name, group string, q listQuery) (int64, []topicStatsDetail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	if in.typ != "PLATINUM" {
		return 0, nil, errUnsupportedOperation.New().WithDetail(" (topic stats are for PLATINUM instances)")
	}
	t, err := in.topic(name)
	if err != nil {
		return 0, nil, err
	}
	if _, err := in.group(group); err != nil {
		return 0, nil, err
	}
	in.expire(t, o.now)
	stats := make([]topicStatsDetail, t.queueNum)
	sb := in.subs[subKey{group: group, topic: t.name}]
	var last time.Time
	if sb != nil {
		last = sb.lastUpdate
	}
	for i := range stats {
		stats[i] = topicStatsDetail{BrokerName: "broker-" + in.id + "-0", QueueId: int64(i), LastUpdateTimestamp: ms(last)}
	}
	for _, m := range t.messages {
		if m.queue >= int64(len(stats)) {
			continue
		}
		st := &stats[m.queue]
		st.BrokerOffset++
		if sb != nil && m.offset < sb.offset {
			st.CommitOffset++
		}
	}
	for i := range stats {
		stats[i].MessageCount = stats[i].BrokerOffset - stats[i].CommitOffset
	}
	from, to, err := page(q.offset, q.limit, len(stats))
	if err != nil {
		return 0, nil, err
	}
	return int64(len(stats)), stats[from:to], nil
}

// removeFromList drops t from the creation-ordered topic list.
func (in *instance) removeFromList(t *topic) {
	for i, x := range in.topicList {
		if x == t {
			n := len(in.topicList) - 1
			copy(in.topicList[i:], in.topicList[i+1:])
			in.topicList[n] = nil
			in.topicList = in.topicList[:n]
			return
		}
	}
}
