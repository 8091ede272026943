package trocket

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x topic actions (tdmq.md §5 "Topics").

var topicTypes = []string{"NORMAL", "FIFO", "DELAY", "TRANSACTION", "LITE"}

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
	name, typ := *req.Topic, *req.TopicType
	if err := g.checkTopicName(name); err != nil {
		return nil, err
	}
	if !oneOf(typ, topicTypes...) {
		return nil, invalid("TopicType", "one of "+strings.Join(topicTypes, ", "))
	}
	if err := firstErr(checkRange("QueueNum", req.QueueNum, queueNumMin, queueNumMax), checkRemark("Remark", req.Remark),
		checkRange("AutoExpireTime", req.AutoExpireTime, autoExpireMin, autoExpireMax)); err != nil {
		return nil, err
	}
	if typ != "LITE" && (req.AutoExpireDelete != nil || req.AutoExpireTime != nil) {
		return nil, invalid("AutoExpireDelete", "only for LITE topics")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if err := in.ready(o.now); err != nil {
		return nil, err
	}
	if reservedTopic(name) {
		return nil, errOperationDenied.New().WithDetail(" (" + name + " is a reserved retry/dead-letter topic name)")
	}
	if err := checkRange("MsgTTL", req.MsgTTL, in.sku.RetentionLowerLimit, in.sku.RetentionUpperLimit); err != nil {
		return nil, err
	}
	if _, dup := in.topics[name]; dup {
		return nil, errUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (topic " + name + ")")
	}
	if int64(len(in.topics)) >= in.topicNumLimit {
		return nil, errLimitExceededTopicNum.New().WithDetail(" (" + strconv.FormatInt(in.topicNumLimit, 10) + ")")
	}
	if o.dry {
		return nil, nil
	}
	t := &topic{
		seq: in.next(), name: name, typ: typ, remark: str(req.Remark), queueNum: derefInt(req.QueueNum, queueNumMin),
		msgTTL: derefInt(req.MsgTTL, in.retention), tags: tags(req.TagList), autoExpireDelete: deref(req.AutoExpireDelete),
		autoExpireTime: derefInt(req.AutoExpireTime, 0), created: o.now,
	}
	in.topics[name] = t
	in.topicList = append(in.topicList, t)
	return createTopicResp{InstanceId: in.id, Topic: name}, nil
}

type describeTopicReq struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Topic      *string   `json:"Topic" mq:"required"`
	Filters    []*filter `json:"Filters"`
	Offset     *int64    `json:"Offset"`
	Limit      *int64    `json:"Limit"`
}

type describeTopicResp struct {
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

func (g *Product) describeTopic(o op, call *pipeline.Call) (any, error) {
	var req describeTopicReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters(req.Filters, "ConsumerGroup")
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
	var subs []subKey
	for _, k := range in.subsOfTopic(t.name) {
		if fs.exact("ConsumerGroup", k.group) {
			subs = append(subs, k)
		}
	}
	from, to, err := page(req.Offset, req.Limit, len(subs))
	if err != nil {
		return nil, err
	}
	resp := describeTopicResp{
		InstanceId: in.id, Topic: t.name, TopicType: t.typ, Remark: t.remark, CreatedTime: ms(t.created),
		LastUpdateTime: ms(t.lastWrite), SubscriptionCount: int64(len(subs)), SubscriptionData: []subscriptionData{},
		MsgTTL: t.msgTTL, AutoExpireDelete: t.autoExpireDelete, AutoExpireTime: t.autoExpireTime,
	}
	for _, k := range subs[from:to] {
		resp.SubscriptionData = append(resp.SubscriptionData, in.subData(k))
	}
	return resp, nil
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
	fs, err := filters(req.Filters, "TopicName", "TopicType")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	all := make([]*topic, 0, len(in.topicList))
	for _, t := range in.topicList {
		if fs.fuzzy("TopicName", t.name) && fs.exact("TopicType", t.typ) && tagsMatch(req.TagFilters, t.tags) {
			if req.FromGroup != nil {
				if _, ok := in.subs[subKey{group: *req.FromGroup, topic: t.name}]; !ok {
					continue
				}
			}
			all = append(all, t)
		}
	}
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeTopicListResp{TotalCount: int64(len(all)), Data: make([]topicItem, 0, to-from)}
	for _, t := range all[from:to] {
		resp.Data = append(resp.Data, topicItem{InstanceId: in.id, Topic: t.name, TopicType: t.typ, QueueNum: t.queueNum,
			Remark: t.remark, MsgTTL: t.msgTTL, TagList: nonNil(t.tags)})
	}
	return resp, nil
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

// modifyTopic: an unknown topic is ResourceNotFound.Topic (the SDK lists only
// FailedOperation here; the not-found code is the one its siblings use).
func (g *Product) modifyTopic(o op, call *pipeline.Call) (any, error) {
	var req modifyTopicReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := firstErr(checkRange("QueueNum", req.QueueNum, queueNumMin, queueNumMax), checkRemark("Remark", req.Remark),
		checkRange("AutoExpireTime", req.AutoExpireTime, autoExpireMin, autoExpireMax)); err != nil {
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
	if err := checkRange("MsgTTL", req.MsgTTL, in.sku.RetentionLowerLimit, in.sku.RetentionUpperLimit); err != nil {
		return nil, err
	}
	if t.typ != "LITE" && (req.AutoExpireDelete != nil || req.AutoExpireTime != nil) {
		return nil, invalid("AutoExpireDelete", "only for LITE topics")
	}
	if o.dry {
		return nil, nil
	}
	if req.QueueNum != nil {
		t.queueNum = *req.QueueNum
	}
	if req.Remark != nil {
		t.remark = *req.Remark
	}
	if req.MsgTTL != nil {
		t.msgTTL = *req.MsgTTL
	}
	if req.AutoExpireDelete != nil {
		t.autoExpireDelete = *req.AutoExpireDelete
	}
	if req.AutoExpireTime != nil {
		t.autoExpireTime = *req.AutoExpireTime
	}
	return struct{}{}, nil
}

type topicRefReq struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
	Topic      *string `json:"Topic" mq:"required"`
}

// deleteTopic removes the topic with its messages, subscriptions and
// producers. Subscribed groups do not block it: nothing documents such a rule
// for RocketMQ (tdmq.md §4).
func (g *Product) deleteTopic(o op, call *pipeline.Call) (any, error) {
	var req topicRefReq
	if err := tcapi.Bind(call, &req); err != nil {
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
	if o.dry {
		return nil, nil
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
	return struct{}{}, nil
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
	fs, err := filters(req.Filters, "TopicName")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	var keys []subKey
	for k := range in.subs {
		if (req.ConsumerGroup == nil || k.group == *req.ConsumerGroup) && fs.fuzzy("TopicName", k.topic) {
			keys = append(keys, k)
		}
	}
	sortSubs(in, keys)
	from, to, err := page(req.Offset, req.Limit, len(keys))
	if err != nil {
		return nil, err
	}
	resp := subscriptionListResp{TotalCount: int64(len(keys)), Data: []subscriptionData{}}
	for _, k := range keys[from:to] {
		resp.Data = append(resp.Data, in.subData(k))
	}
	return resp, nil
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

// describeTopicStats reports per-queue offsets of a topic for a group. The
// API applies to PLATINUM instances only; others get UnsupportedOperation.
func (g *Product) describeTopicStats(o op, call *pipeline.Call) (any, error) {
	var req describeTopicStatsReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if in.typ != "PLATINUM" {
		return nil, errUnsupportedOperation.New().WithDetail(" (topic stats are for PLATINUM instances)")
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	if _, err := in.group(*req.GroupId); err != nil {
		return nil, err
	}
	in.expire(t, o.now)
	stats := make([]topicStatsDetail, t.queueNum)
	s := in.subs[subKey{group: *req.GroupId, topic: t.name}]
	var last time.Time
	if s != nil {
		last = s.lastUpdate
	}
	for q := range stats {
		stats[q] = topicStatsDetail{BrokerName: "broker-" + in.id + "-0", QueueId: int64(q), LastUpdateTimestamp: ms(last)}
	}
	for _, m := range t.messages {
		if m.queue >= int64(len(stats)) {
			continue
		}
		st := &stats[m.queue]
		st.BrokerOffset++
		if s != nil && m.offset < s.offset {
			st.CommitOffset++
		}
	}
	for q := range stats {
		stats[q].MessageCount = stats[q].BrokerOffset - stats[q].CommitOffset
	}
	from, to, err := page(req.Offset, req.Limit, len(stats))
	if err != nil {
		return nil, err
	}
	return describeTopicStatsResp{TotalCount: int64(len(stats)), Data: stats[from:to]}, nil
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
