package tdmq

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x consumer group actions (tdmq.md §5 "Consumer groups"). The SDK types
// ConsumerGroup optional on every group action although it names the group;
// the emulator treats it as required (tdmq.md §5 notes: unconfirmed).

var retryPolicyTypes5 = []string{"EXPONENTIAL", "CUSTOMIZED"}

type createConsumerGroup5Req struct {
	InstanceId            *string       `json:"InstanceId" mq:"required"`
	MaxRetryTimes         *int64        `json:"MaxRetryTimes" mq:"required"`
	ConsumeEnable         *bool         `json:"ConsumeEnable" mq:"required"`
	ConsumeMessageOrderly *bool         `json:"ConsumeMessageOrderly" mq:"required"`
	ConsumerGroup         *string       `json:"ConsumerGroup" mq:"required"`
	Remark                *string       `json:"Remark"`
	TagList               []*tag        `json:"TagList"`
	RetryPolicy           *retryPolicy5 `json:"RetryPolicy"`
	LiteTopic             *string       `json:"LiteTopic"`
}

type createConsumerGroup5Resp struct {
	InstanceId    string `json:"InstanceId"`
	ConsumerGroup string `json:"ConsumerGroup"`
}

func checkRetryPolicy5(p *retryPolicy5) error {
	if p == nil {
		return nil
	}
	if !oneOf5(p.PolicyType, retryPolicyTypes5...) {
		return invalid5("RetryPolicy.PolicyType", "one of "+strings.Join(retryPolicyTypes5, ", "))
	}
	if p.RetryInterval < 0 {
		return invalid5("RetryPolicy.RetryInterval", "must not be negative")
	}
	return nil
}

func (g *gen5) createConsumerGroup(op *op5, call *pipeline.Call) (any, error) {
	var req createConsumerGroup5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	name := *req.ConsumerGroup
	if !groupName5.MatchString(name) {
		return nil, invalid5("ConsumerGroup", "3-64 characters of letters, digits, - and _")
	}
	if err := firstErr5(checkRange5("MaxRetryTimes", req.MaxRetryTimes, 0, maxRetryMax5), checkRemark5("Remark", req.Remark),
		checkRetryPolicy5(req.RetryPolicy)); err != nil {
		return nil, err
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
	if _, dup := in.groups[name]; dup {
		return nil, ErrUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (consumer group " + name + ")")
	}
	// No group-specific quota code is documented: the common LimitExceeded.
	if int64(len(in.groups)) >= in.sku.GroupNumLimit {
		return nil, ErrLimitExceeded.New().WithDetail(" (consumer groups: " + strconv.FormatInt(in.sku.GroupNumLimit, 10) + ")")
	}
	if op.dry {
		return nil, nil
	}
	in.groups[name] = &group5{
		seq: in.next(), name: name, enable: *req.ConsumeEnable, orderly: *req.ConsumeMessageOrderly, maxRetry: *req.MaxRetryTimes,
		remark: str5(req.Remark), tags: tags5(req.TagList), retryPolicy: req.RetryPolicy, liteTopic: str5(req.LiteTopic), created: op.now,
	}
	return createConsumerGroup5Resp{InstanceId: in.id, ConsumerGroup: name}, nil
}

type groupRef5Req struct {
	InstanceId    *string `json:"InstanceId" mq:"required"`
	ConsumerGroup *string `json:"ConsumerGroup" mq:"required"`
}

type describeConsumerGroup5Resp struct {
	ConsumerNum           int64         `json:"ConsumerNum"`
	Tps                   int64         `json:"Tps"`
	ConsumerLag           int64         `json:"ConsumerLag"`
	ConsumeType           string        `json:"ConsumeType"`
	CreatedTime           int64         `json:"CreatedTime"`
	ConsumeMessageOrderly bool          `json:"ConsumeMessageOrderly"`
	ConsumeEnable         bool          `json:"ConsumeEnable"`
	MaxRetryTimes         int64         `json:"MaxRetryTimes"`
	Remark                string        `json:"Remark"`
	MessageModel          string        `json:"MessageModel"`
	RetryPolicy           *retryPolicy5 `json:"RetryPolicy"`
	ConsumeModel          string        `json:"ConsumeModel"`
	LiteTopic             string        `json:"LiteTopic"`
}

// groupLag sums the group's lag over its subscriptions (or one topic).
func (in *instance5) groupLag(group, onlyTopic string) int64 {
	var lag int64
	for _, k := range in.subsOfGroup(group) {
		if onlyTopic != "" && k.topic != onlyTopic {
			continue
		}
		if t := in.topics[k.topic]; t != nil {
			lag += in.lag(in.subs[k], t)
		}
	}
	return lag
}

func (g *gen5) describeConsumerGroup(op *op5, call *pipeline.Call) (any, error) {
	var req groupRef5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	clients := in.clientsOf(gr.name)
	resp := describeConsumerGroup5Resp{
		ConsumerNum: int64(len(clients)), ConsumerLag: in.groupLag(gr.name, ""), CreatedTime: ms5(gr.created),
		ConsumeMessageOrderly: gr.orderly, ConsumeEnable: gr.enable, MaxRetryTimes: gr.maxRetry, Remark: gr.remark,
		MessageModel: "CLUSTERING", RetryPolicy: gr.retryPolicy, ConsumeModel: "CLUSTERING", LiteTopic: gr.liteTopic,
	}
	if gr.liteTopic != "" {
		resp.ConsumeModel = "LITE"
	}
	if len(clients) > 0 {
		resp.ConsumeType = clients[0].consumeType
	}
	return resp, nil
}

type describeConsumerGroupList5Req struct {
	InstanceId *string      `json:"InstanceId" mq:"required"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Filters    []*filter    `json:"Filters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
	FromTopic  *string      `json:"FromTopic"`
	SortedBy   *string      `json:"SortedBy"`
	SortOrder  *string      `json:"SortOrder"`
}

type describeConsumerGroupList5Resp struct {
	TotalCount int64               `json:"TotalCount"`
	Data       []consumeGroupItem5 `json:"Data"`
}

func (g *gen5) describeConsumerGroupList(op *op5, call *pipeline.Call) (any, error) {
	var req describeConsumerGroupList5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "ConsumerGroupName", "ConsumeMessageOrderly", "RetryPolicy")
	if err != nil {
		return nil, err
	}
	if req.SortedBy != nil && *req.SortedBy != "subscribeNum" {
		return nil, invalid5("SortedBy", "only subscribeNum")
	}
	if req.SortOrder != nil && !oneOf5(*req.SortOrder, "asc", "desc") {
		return nil, invalid5("SortOrder", "asc or desc")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	type row struct {
		gr   *group5
		subs int64
	}
	var all []row
	for _, gr := range in.groups {
		policy := ""
		if gr.retryPolicy != nil {
			policy = gr.retryPolicy.PolicyType
		}
		if !fs.fuzzy("ConsumerGroupName", gr.name) || !fs.exact("ConsumeMessageOrderly", strconv.FormatBool(gr.orderly)) ||
			!fs.exact("RetryPolicy", policy) || !tagsMatch5(req.TagFilters, gr.tags) {
			continue
		}
		if req.FromTopic != nil {
			if _, ok := in.subs[subKey5{group: gr.name, topic: *req.FromTopic}]; !ok {
				continue
			}
		}
		all = append(all, row{gr, int64(len(in.subsOfGroup(gr.name)))})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].gr.seq < all[j].gr.seq })
	if req.SortedBy != nil {
		desc := req.SortOrder != nil && *req.SortOrder == "desc"
		sort.SliceStable(all, func(i, j int) bool {
			if desc {
				return all[i].subs > all[j].subs
			}
			return all[i].subs < all[j].subs
		})
	}
	from, to, err := page5(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeConsumerGroupList5Resp{TotalCount: int64(len(all)), Data: []consumeGroupItem5{}}
	for _, r := range all[from:to] {
		resp.Data = append(resp.Data, consumeGroupItem5{
			InstanceId: in.id, ConsumerGroup: r.gr.name, ConsumeEnable: r.gr.enable, ConsumeMessageOrderly: r.gr.orderly,
			MaxRetryTimes: r.gr.maxRetry, Remark: r.gr.remark, SubscribeTopicNum: r.subs, CreateTime: ms5(r.gr.created),
			TagList: nonNil5(r.gr.tags), RetryPolicy: r.gr.retryPolicy,
		})
	}
	return resp, nil
}

type modifyConsumerGroup5Req struct {
	InstanceId            *string       `json:"InstanceId" mq:"required"`
	ConsumeEnable         *bool         `json:"ConsumeEnable" mq:"required"`
	ConsumeMessageOrderly *bool         `json:"ConsumeMessageOrderly" mq:"required"`
	ConsumerGroup         *string       `json:"ConsumerGroup" mq:"required"`
	MaxRetryTimes         *int64        `json:"MaxRetryTimes"`
	Remark                *string       `json:"Remark"`
	RetryPolicy           *retryPolicy5 `json:"RetryPolicy"`
}

// modifyConsumerGroup: an unknown group is ResourceNotFound.Group (the SDK
// lists ResourceNotFound.Topic here, which looks like a copy; the group code
// is what DescribeConsumerGroup and DeleteConsumerGroup list).
func (g *gen5) modifyConsumerGroup(op *op5, call *pipeline.Call) (any, error) {
	var req modifyConsumerGroup5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := firstErr5(checkRange5("MaxRetryTimes", req.MaxRetryTimes, 0, maxRetryMax5), checkRemark5("Remark", req.Remark),
		checkRetryPolicy5(req.RetryPolicy)); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	if op.dry {
		return nil, nil
	}
	gr.enable, gr.orderly = *req.ConsumeEnable, *req.ConsumeMessageOrderly
	if req.MaxRetryTimes != nil {
		gr.maxRetry = *req.MaxRetryTimes
	}
	if req.Remark != nil {
		gr.remark = *req.Remark
	}
	if req.RetryPolicy != nil {
		gr.retryPolicy = req.RetryPolicy
	}
	return struct{}{}, nil
}

// deleteConsumerGroup removes the group with its subscriptions and clients.
func (g *gen5) deleteConsumerGroup(op *op5, call *pipeline.Call) (any, error) {
	var req groupRef5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	if op.dry {
		return nil, nil
	}
	delete(in.groups, gr.name)
	for k := range in.subs {
		if k.group == gr.name {
			delete(in.subs, k)
		}
	}
	for id, c := range in.clients {
		if c.group == gr.name {
			delete(in.clients, id)
		}
	}
	return struct{}{}, nil
}

type describeConsumerLag5Req struct {
	InstanceId     *string `json:"InstanceId" mq:"required"`
	ConsumerGroup  *string `json:"ConsumerGroup" mq:"required"`
	Namespace      *string `json:"Namespace"`
	SubscribeTopic *string `json:"SubscribeTopic"`
}

type describeConsumerLag5Resp struct {
	ConsumerLag int64 `json:"ConsumerLag"`
}

func (g *gen5) describeConsumerLag(op *op5, call *pipeline.Call) (any, error) {
	var req describeConsumerLag5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	return describeConsumerLag5Resp{ConsumerLag: in.groupLag(gr.name, str5(req.SubscribeTopic))}, nil
}

type resetConsumerGroupOffset5Req struct {
	InstanceId     *string `json:"InstanceId" mq:"required"`
	Topic          *string `json:"Topic" mq:"required"`
	ResetTimestamp *int64  `json:"ResetTimestamp" mq:"required"`
	ConsumerGroup  *string `json:"ConsumerGroup" mq:"required"`
}

// resetConsumerGroupOffset moves the group's offset on the topic to the first
// message produced at or after ResetTimestamp (ms), or to the end for -1. The
// group must subscribe to the topic (FailedOperation otherwise, emulator
// choice); a time in the future or before the retention window is
// InvalidParameterValue.
func (g *gen5) resetConsumerGroupOffset(op *op5, call *pipeline.Call) (any, error) {
	var req resetConsumerGroupOffset5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	ts := *req.ResetTimestamp
	if ts != -1 && (ts < 0 || ts > op.now.UnixMilli()) {
		return nil, invalid5("ResetTimestamp", "a past time in ms, or -1 for the latest offset")
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
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	s, ok := in.subs[subKey5{group: gr.name, topic: t.name}]
	if !ok {
		return nil, ErrFailedOperation.New().WithDetail(" (consumer group " + gr.name + " does not subscribe to " + t.name + ")")
	}
	if ts != -1 && ts < op.now.Add(-hours5(t.msgTTL)).UnixMilli() {
		return nil, invalid5("ResetTimestamp", "before the topic's retention window")
	}
	if op.dry {
		return nil, nil
	}
	in.expire(t, op.now)
	target := t.endOffset()
	if ts != -1 {
		for _, m := range t.messages {
			if m.produced.UnixMilli() >= ts {
				target = m.offset
				break
			}
		}
	}
	s.offset, s.lastUpdate = target, op.now
	return struct{}{}, nil
}

type describeConsumerClientList5Req struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	ConsumerGroup *string   `json:"ConsumerGroup" mq:"required"`
	Filters       []*filter `json:"Filters"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
}

type describeConsumerClientList5Resp struct {
	TotalCount int64             `json:"TotalCount"`
	Data       []consumerClient5 `json:"Data"`
}

func (in *instance5) clientItem(c *client5) consumerClient5 {
	var lag int64
	for _, t := range c.topics {
		lag += in.groupLag(c.group, t)
	}
	return consumerClient5{ClientId: c.id, ClientAddr: c.addr, Language: c.language, Version: c.version,
		ConsumerLag: lag, ChannelProtocol: c.protocol}
}

func (g *gen5) describeConsumerClientList(op *op5, call *pipeline.Call) (any, error) {
	var req describeConsumerClientList5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "ClientId", "ClientIp")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if _, err := in.group(*req.ConsumerGroup); err != nil {
		return nil, err
	}
	var all []*client5
	for _, c := range in.clientsOf(*req.ConsumerGroup) {
		if fs.fuzzy("ClientId", c.id) && fs.fuzzy("ClientIp", c.addr) {
			all = append(all, c)
		}
	}
	from, to, err := page5(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeConsumerClientList5Resp{TotalCount: int64(len(all)), Data: []consumerClient5{}}
	for _, c := range all[from:to] {
		resp.Data = append(resp.Data, in.clientItem(c))
	}
	return resp, nil
}

type describeConsumerClient5Req struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	ClientId      *string   `json:"ClientId" mq:"required"`
	Filters       []*filter `json:"Filters"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
}

type describeConsumerClient5Resp struct {
	Client    *consumerClient5     `json:"Client"`
	TopicList []topicConsumeStats5 `json:"TopicList"`
}

// describeConsumerClient: an unknown client answers Client null and an empty
// TopicList (the SDK lists no not-found code for clients).
func (g *gen5) describeConsumerClient(op *op5, call *pipeline.Call) (any, error) {
	var req describeConsumerClient5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "Topic")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	resp := describeConsumerClient5Resp{TopicList: []topicConsumeStats5{}}
	c, ok := in.clients[*req.ClientId]
	if !ok || (req.ConsumerGroup != nil && c.group != *req.ConsumerGroup) {
		return resp, nil
	}
	item := in.clientItem(c)
	resp.Client = &item
	var stats []topicConsumeStats5
	for _, name := range c.topics {
		t, s := in.topics[name], in.subs[subKey5{group: c.group, topic: name}]
		if t == nil || s == nil || !fs.fuzzy("Topic", name) {
			continue
		}
		stats = append(stats, topicConsumeStats5{Topic: name, TopicType: t.typ, QueueNum: t.queueNum,
			ConsumerLag: in.lag(s, t), SubString: s.subString, LastUpdateTime: ms5(s.lastUpdate)})
	}
	from, to, err := page5(req.Offset, req.Limit, len(stats))
	if err != nil {
		return nil, err
	}
	resp.TopicList = append(resp.TopicList, stats[from:to]...)
	return resp, nil
}
