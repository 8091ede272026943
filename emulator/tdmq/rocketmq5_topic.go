package tdmq

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x topic actions (tdmq.md §5 "Topics").

var topicTypes5 = []string{"NORMAL", "FIFO", "DELAY", "TRANSACTION", "LITE"}

type createTopic5Req struct {
	InstanceId       *string `json:"InstanceId" mq:"required"`
	Topic            *string `json:"Topic" mq:"required"`
	TopicType        *string `json:"TopicType" mq:"required"`
	QueueNum         *int64  `json:"QueueNum"`
	Remark           *string `json:"Remark"`
	MsgTTL           *int64  `json:"MsgTTL"`
	TagList          []*tag  `json:"TagList"`
	AutoExpireDelete *bool   `json:"AutoExpireDelete"`
	AutoExpireTime   *int64  `json:"AutoExpireTime"`
}

type createTopic5Resp struct {
	InstanceId string `json:"InstanceId"`
	Topic      string `json:"Topic"`
}

func (g *gen5) createTopic(op *op5, call *pipeline.Call) (any, error) {
	var req createTopic5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	name, typ := *req.Topic, *req.TopicType
	if err := g.checkTopicName5(name); err != nil {
		return nil, err
	}
	if !oneOf5(typ, topicTypes5...) {
		return nil, invalid5("TopicType", "one of "+strings.Join(topicTypes5, ", "))
	}
	if err := firstErr5(checkRange5("QueueNum", req.QueueNum, queueNumMin5, queueNumMax5), checkRemark5("Remark", req.Remark),
		checkRange5("AutoExpireTime", req.AutoExpireTime, autoExpireMin5, autoExpireMax5)); err != nil {
		return nil, err
	}
	if typ != "LITE" && (req.AutoExpireDelete != nil || req.AutoExpireTime != nil) {
		return nil, invalid5("AutoExpireDelete", "only for LITE topics")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if err := in.ready(op.now); err != nil {
		return nil, err
	}
	if reservedTopic5(name) {
		return nil, ErrOperationDenied.New().WithDetail(" (" + name + " is a reserved retry/dead-letter topic name)")
	}
	if err := checkRange5("MsgTTL", req.MsgTTL, in.sku.RetentionLowerLimit, in.sku.RetentionUpperLimit); err != nil {
		return nil, err
	}
	if _, dup := in.topics[name]; dup {
		return nil, ErrUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (topic " + name + ")")
	}
	if int64(len(in.topics)) >= in.topicNumLimit {
		return nil, ErrLimitExceededTopicNum.New().WithDetail(" (" + strconv.FormatInt(in.topicNumLimit, 10) + ")")
	}
	if op.dry {
		return nil, nil
	}
	t := &topic5{
		seq: in.next(), name: name, typ: typ, remark: str5(req.Remark), queueNum: derefInt5(req.QueueNum, queueNumMin5),
		msgTTL: derefInt5(req.MsgTTL, in.retention), tags: tags5(req.TagList), autoExpireDelete: deref5(req.AutoExpireDelete),
		autoExpireTime: derefInt5(req.AutoExpireTime, 0), created: op.now,
	}
	in.topics[name] = t
	in.topicList = append(in.topicList, t)
	return createTopic5Resp{InstanceId: in.id, Topic: name}, nil
}

type describeTopic5Req struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Topic      *string   `json:"Topic" mq:"required"`
	Filters    []*filter `json:"Filters"`
	Offset     *int64    `json:"Offset"`
	Limit      *int64    `json:"Limit"`
}

type describeTopic5Resp struct {
	InstanceId        string              `json:"InstanceId"`
	Topic             string              `json:"Topic"`
	TopicType         string              `json:"TopicType"`
	Remark            string              `json:"Remark"`
	CreatedTime       int64               `json:"CreatedTime"`
	LastUpdateTime    int64               `json:"LastUpdateTime"`
	SubscriptionCount int64               `json:"SubscriptionCount"`
	SubscriptionData  []subscriptionData5 `json:"SubscriptionData"`
	MsgTTL            int64               `json:"MsgTTL"`
	AutoExpireDelete  bool                `json:"AutoExpireDelete"`
	AutoExpireTime    int64               `json:"AutoExpireTime"`
}

func (g *gen5) describeTopic(op *op5, call *pipeline.Call) (any, error) {
	var req describeTopic5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "ConsumerGroup")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	var subs []subKey5
	for _, k := range in.subsOfTopic(t.name) {
		if fs.exact("ConsumerGroup", k.group) {
			subs = append(subs, k)
		}
	}
	from, to, err := page5(req.Offset, req.Limit, len(subs))
	if err != nil {
		return nil, err
	}
	resp := describeTopic5Resp{
		InstanceId: in.id, Topic: t.name, TopicType: t.typ, Remark: t.remark, CreatedTime: ms5(t.created),
		LastUpdateTime: ms5(t.lastWrite), SubscriptionCount: int64(len(subs)), SubscriptionData: []subscriptionData5{},
		MsgTTL: t.msgTTL, AutoExpireDelete: t.autoExpireDelete, AutoExpireTime: t.autoExpireTime,
	}
	for _, k := range subs[from:to] {
		resp.SubscriptionData = append(resp.SubscriptionData, in.subData(k))
	}
	return resp, nil
}

// subData renders one subscription; a group is online when one of its
// clients (registered through the control API) consumes the topic.
func (in *instance5) subData(k subKey5) subscriptionData5 {
	s, t, gr := in.subs[k], in.topics[k.topic], in.groups[k.group]
	d := subscriptionData5{
		InstanceId: in.id, Topic: k.topic, ConsumerGroup: k.group, SubString: s.subString, ExpressionType: s.expressionType,
		LastUpdateTime: ms5(s.lastUpdate), MessageModel: "CLUSTERING", ClientSubscriptionInfos: []clientSubscriptionInfo5{},
	}
	if t != nil {
		d.TopicType, d.TopicQueueNum, d.ConsumerLag = t.typ, t.queueNum, in.lag(s, t)
	}
	if gr != nil {
		d.MaxRetryTimes, d.ConsumeMessageOrderly = gr.maxRetry, gr.orderly
	}
	for _, c := range in.clientsOf(k.group) {
		if oneOf5(k.topic, c.topics...) {
			d.IsOnline, d.ConsumeType = true, c.consumeType
		}
	}
	return d
}

// clientsOf lists a group's clients by id.
func (in *instance5) clientsOf(group string) []*client5 {
	var out []*client5
	for _, c := range in.clients {
		if c.group == group {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

type describeTopicList5Req struct {
	InstanceId *string      `json:"InstanceId" mq:"required"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Filters    []*filter    `json:"Filters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
	FromGroup  *string      `json:"FromGroup"`
}

type describeTopicList5Resp struct {
	TotalCount int64        `json:"TotalCount"`
	Data       []topicItem5 `json:"Data"`
}

func (g *gen5) describeTopicList(op *op5, call *pipeline.Call) (any, error) {
	var req describeTopicList5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "TopicName", "TopicType")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	all := make([]*topic5, 0, len(in.topicList))
	for _, t := range in.topicList {
		if fs.fuzzy("TopicName", t.name) && fs.exact("TopicType", t.typ) && tagsMatch5(req.TagFilters, t.tags) {
			if req.FromGroup != nil {
				if _, ok := in.subs[subKey5{group: *req.FromGroup, topic: t.name}]; !ok {
					continue
				}
			}
			all = append(all, t)
		}
	}
	from, to, err := page5(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeTopicList5Resp{TotalCount: int64(len(all)), Data: make([]topicItem5, 0, to-from)}
	for _, t := range all[from:to] {
		resp.Data = append(resp.Data, topicItem5{InstanceId: in.id, Topic: t.name, TopicType: t.typ, QueueNum: t.queueNum,
			Remark: t.remark, MsgTTL: t.msgTTL, TagList: nonNil5(t.tags)})
	}
	return resp, nil
}

type modifyTopic5Req struct {
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
func (g *gen5) modifyTopic(op *op5, call *pipeline.Call) (any, error) {
	var req modifyTopic5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := firstErr5(checkRange5("QueueNum", req.QueueNum, queueNumMin5, queueNumMax5), checkRemark5("Remark", req.Remark),
		checkRange5("AutoExpireTime", req.AutoExpireTime, autoExpireMin5, autoExpireMax5)); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	if err := checkRange5("MsgTTL", req.MsgTTL, in.sku.RetentionLowerLimit, in.sku.RetentionUpperLimit); err != nil {
		return nil, err
	}
	if t.typ != "LITE" && (req.AutoExpireDelete != nil || req.AutoExpireTime != nil) {
		return nil, invalid5("AutoExpireDelete", "only for LITE topics")
	}
	if op.dry {
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

type topicRef5Req struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
	Topic      *string `json:"Topic" mq:"required"`
}

// deleteTopic removes the topic with its messages, subscriptions and
// producers. Subscribed groups do not block it: nothing documents such a rule
// for RocketMQ (tdmq.md §4).
func (g *gen5) deleteTopic(op *op5, call *pipeline.Call) (any, error) {
	var req topicRef5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	if op.dry {
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

type describeTopicListByGroup5Req struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
	Filters       []*filter `json:"Filters"`
}

type subscriptionList5Resp struct {
	TotalCount int64               `json:"TotalCount"`
	Data       []subscriptionData5 `json:"Data"`
}

func (g *gen5) describeTopicListByGroup(op *op5, call *pipeline.Call) (any, error) {
	var req describeTopicListByGroup5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "TopicName")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	var keys []subKey5
	for k := range in.subs {
		if (req.ConsumerGroup == nil || k.group == *req.ConsumerGroup) && fs.fuzzy("TopicName", k.topic) {
			keys = append(keys, k)
		}
	}
	sortSubs5(in, keys)
	from, to, err := page5(req.Offset, req.Limit, len(keys))
	if err != nil {
		return nil, err
	}
	resp := subscriptionList5Resp{TotalCount: int64(len(keys)), Data: []subscriptionData5{}}
	for _, k := range keys[from:to] {
		resp.Data = append(resp.Data, in.subData(k))
	}
	return resp, nil
}

type describeTopicStats5Req struct {
	Topic      *string `json:"Topic" mq:"required"`
	InstanceId *string `json:"InstanceId" mq:"required"`
	GroupId    *string `json:"GroupId" mq:"required"`
	Offset     *int64  `json:"Offset"`
	Limit      *int64  `json:"Limit"`
}

type describeTopicStats5Resp struct {
	TotalCount int64               `json:"TotalCount"`
	Data       []topicStatsDetail5 `json:"Data"`
}

// describeTopicStats reports per-queue offsets of a topic for a group. The
// API applies to PLATINUM instances only; others get UnsupportedOperation.
func (g *gen5) describeTopicStats(op *op5, call *pipeline.Call) (any, error) {
	var req describeTopicStats5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if in.typ != "PLATINUM" {
		return nil, ErrUnsupportedOperation.New().WithDetail(" (topic stats are for PLATINUM instances)")
	}
	t, err := in.topic(*req.Topic)
	if err != nil {
		return nil, err
	}
	if _, err := in.group(*req.GroupId); err != nil {
		return nil, err
	}
	in.expire(t, op.now)
	stats := make([]topicStatsDetail5, t.queueNum)
	s := in.subs[subKey5{group: *req.GroupId, topic: t.name}]
	var last time.Time
	if s != nil {
		last = s.lastUpdate
	}
	for q := range stats {
		stats[q] = topicStatsDetail5{BrokerName: "broker-" + in.id + "-0", QueueId: int64(q), LastUpdateTimestamp: ms5(last)}
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
	from, to, err := page5(req.Offset, req.Limit, len(stats))
	if err != nil {
		return nil, err
	}
	return describeTopicStats5Resp{TotalCount: int64(len(stats)), Data: stats[from:to]}, nil
}

// removeFromList drops t from the creation-ordered topic list.
func (in *instance5) removeFromList(t *topic5) {
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
