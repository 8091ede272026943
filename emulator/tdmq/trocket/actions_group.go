package trocket

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

var retryPolicyTypes = []string{"EXPONENTIAL", "CUSTOMIZED"}

type createConsumerGroupReq struct {
	InstanceId            *string      `json:"InstanceId" mq:"required"`
	MaxRetryTimes         *int64       `json:"MaxRetryTimes" mq:"required"`
	ConsumeEnable         *bool        `json:"ConsumeEnable" mq:"required"`
	ConsumeMessageOrderly *bool        `json:"ConsumeMessageOrderly" mq:"required"`
	ConsumerGroup         *string      `json:"ConsumerGroup" mq:"required"`
	Remark                *string      `json:"Remark"`
	TagList               []*tagIn     `json:"TagList"`
	RetryPolicy           *retryPolicy `json:"RetryPolicy"`
	LiteTopic             *string      `json:"LiteTopic"`
}

type createConsumerGroupResp struct {
	InstanceId    string `json:"InstanceId"`
	ConsumerGroup string `json:"ConsumerGroup"`
}

func checkRetryPolicy(p *retryPolicy) error {
	if p == nil {
		return nil
	}
	if !oneOf(p.PolicyType, retryPolicyTypes...) {
		return invalid("RetryPolicy.PolicyType", "one of "+strings.Join(retryPolicyTypes, ", "))
	}
	if p.RetryInterval < 0 {
		return invalid("RetryPolicy.RetryInterval", "must not be negative")
	}
	return nil
}

func (g *Product) createConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req createConsumerGroupReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	name := *req.ConsumerGroup
	if !groupName.MatchString(name) {
		return nil, invalid("ConsumerGroup", "3-64 characters of letters, digits, - and _")
	}
	if err := firstErr(checkRange("MaxRetryTimes", req.MaxRetryTimes, 0, maxRetryMax), checkRemark("Remark", req.Remark),
		checkRetryPolicy(req.RetryPolicy)); err != nil {
		return nil, err
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
	if _, dup := in.groups[name]; dup {
		return nil, errUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (consumer group " + name + ")")
	}
	// No group-specific quota code is documented: the common LimitExceeded.
	if int64(len(in.groups)) >= in.sku.GroupNumLimit {
		return nil, errLimitExceeded.New().WithDetail(" (consumer groups: " + strconv.FormatInt(in.sku.GroupNumLimit, 10) + ")")
	}
	if o.dry {
		return nil, nil
	}
	in.groups[name] = &group{
		seq: in.next(), name: name, enable: *req.ConsumeEnable, orderly: *req.ConsumeMessageOrderly, maxRetry: *req.MaxRetryTimes,
		remark: str(req.Remark), tags: tags(req.TagList), retryPolicy: req.RetryPolicy, liteTopic: str(req.LiteTopic), created: o.now,
	}
	return createConsumerGroupResp{InstanceId: in.id, ConsumerGroup: name}, nil
}

type groupRefReq struct {
	InstanceId    *string `json:"InstanceId" mq:"required"`
	ConsumerGroup *string `json:"ConsumerGroup" mq:"required"`
}

type describeConsumerGroupResp struct {
	ConsumerNum           int64        `json:"ConsumerNum"`
	Tps                   int64        `json:"Tps"`
	ConsumerLag           int64        `json:"ConsumerLag"`
	ConsumeType           string       `json:"ConsumeType"`
	CreatedTime           int64        `json:"CreatedTime"`
	ConsumeMessageOrderly bool         `json:"ConsumeMessageOrderly"`
	ConsumeEnable         bool         `json:"ConsumeEnable"`
	MaxRetryTimes         int64        `json:"MaxRetryTimes"`
	Remark                string       `json:"Remark"`
	MessageModel          string       `json:"MessageModel"`
	RetryPolicy           *retryPolicy `json:"RetryPolicy"`
	ConsumeModel          string       `json:"ConsumeModel"`
	LiteTopic             string       `json:"LiteTopic"`
}

// groupLag sums the group's lag over its subscriptions (or one topic).
func (in *instance) groupLag(group, onlyTopic string) int64 {
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

func (g *Product) describeConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req groupRefReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	clients := in.clientsOf(gr.name)
	resp := describeConsumerGroupResp{
		ConsumerNum: int64(len(clients)), ConsumerLag: in.groupLag(gr.name, ""), CreatedTime: ms(gr.created),
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

type describeConsumerGroupListReq struct {
	InstanceId *string      `json:"InstanceId" mq:"required"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Filters    []*filter    `json:"Filters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
	FromTopic  *string      `json:"FromTopic"`
	SortedBy   *string      `json:"SortedBy"`
	SortOrder  *string      `json:"SortOrder"`
}

type describeConsumerGroupListResp struct {
	TotalCount int64              `json:"TotalCount"`
	Data       []consumeGroupItem `json:"Data"`
}

func (g *Product) describeConsumerGroupList(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerGroupListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters(req.Filters, "ConsumerGroupName", "ConsumeMessageOrderly", "RetryPolicy")
	if err != nil {
		return nil, err
	}
	if req.SortedBy != nil && *req.SortedBy != "subscribeNum" {
		return nil, invalid("SortedBy", "only subscribeNum")
	}
	if req.SortOrder != nil && !oneOf(*req.SortOrder, "asc", "desc") {
		return nil, invalid("SortOrder", "asc or desc")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	type row struct {
		gr   *group
		subs int64
	}
	var all []row
	for _, gr := range in.groups {
		policy := ""
		if gr.retryPolicy != nil {
			policy = gr.retryPolicy.PolicyType
		}
		if !fs.fuzzy("ConsumerGroupName", gr.name) || !fs.exact("ConsumeMessageOrderly", strconv.FormatBool(gr.orderly)) ||
			!fs.exact("RetryPolicy", policy) || !tagsMatch(req.TagFilters, gr.tags) {
			continue
		}
		if req.FromTopic != nil {
			if _, ok := in.subs[subKey{group: gr.name, topic: *req.FromTopic}]; !ok {
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
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeConsumerGroupListResp{TotalCount: int64(len(all)), Data: []consumeGroupItem{}}
	for _, r := range all[from:to] {
		resp.Data = append(resp.Data, consumeGroupItem{
			InstanceId: in.id, ConsumerGroup: r.gr.name, ConsumeEnable: r.gr.enable, ConsumeMessageOrderly: r.gr.orderly,
			MaxRetryTimes: r.gr.maxRetry, Remark: r.gr.remark, SubscribeTopicNum: r.subs, CreateTime: ms(r.gr.created),
			TagList: nonNil(r.gr.tags), RetryPolicy: r.gr.retryPolicy,
		})
	}
	return resp, nil
}

type modifyConsumerGroupReq struct {
	InstanceId            *string      `json:"InstanceId" mq:"required"`
	ConsumeEnable         *bool        `json:"ConsumeEnable" mq:"required"`
	ConsumeMessageOrderly *bool        `json:"ConsumeMessageOrderly" mq:"required"`
	ConsumerGroup         *string      `json:"ConsumerGroup" mq:"required"`
	MaxRetryTimes         *int64       `json:"MaxRetryTimes"`
	Remark                *string      `json:"Remark"`
	RetryPolicy           *retryPolicy `json:"RetryPolicy"`
}

// modifyConsumerGroup: an unknown group is ResourceNotFound.Group (the SDK
// lists ResourceNotFound.Topic here, which looks like a copy; the group code
// is what DescribeConsumerGroup and DeleteConsumerGroup list).
func (g *Product) modifyConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req modifyConsumerGroupReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := firstErr(checkRange("MaxRetryTimes", req.MaxRetryTimes, 0, maxRetryMax), checkRemark("Remark", req.Remark),
		checkRetryPolicy(req.RetryPolicy)); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	if o.dry {
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
func (g *Product) deleteConsumerGroup(o op, call *pipeline.Call) (any, error) {
	var req groupRefReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	if o.dry {
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

type describeConsumerLagReq struct {
	InstanceId     *string `json:"InstanceId" mq:"required"`
	ConsumerGroup  *string `json:"ConsumerGroup" mq:"required"`
	Namespace      *string `json:"Namespace"`
	SubscribeTopic *string `json:"SubscribeTopic"`
}

type describeConsumerLagResp struct {
	ConsumerLag int64 `json:"ConsumerLag"`
}

func (g *Product) describeConsumerLag(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerLagReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	return describeConsumerLagResp{ConsumerLag: in.groupLag(gr.name, str(req.SubscribeTopic))}, nil
}

type resetConsumerGroupOffsetReq struct {
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
func (g *Product) resetConsumerGroupOffset(o op, call *pipeline.Call) (any, error) {
	var req resetConsumerGroupOffsetReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	ts := *req.ResetTimestamp
	if ts != -1 && (ts < 0 || ts > o.now.UnixMilli()) {
		return nil, invalid("ResetTimestamp", "a past time in ms, or -1 for the latest offset")
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
	gr, err := in.group(*req.ConsumerGroup)
	if err != nil {
		return nil, err
	}
	s, ok := in.subs[subKey{group: gr.name, topic: t.name}]
	if !ok {
		return nil, errFailedOperation.New().WithDetail(" (consumer group " + gr.name + " does not subscribe to " + t.name + ")")
	}
	if ts != -1 && ts < o.now.Add(-hours(t.msgTTL)).UnixMilli() {
		return nil, invalid("ResetTimestamp", "before the topic's retention window")
	}
	if o.dry {
		return nil, nil
	}
	in.expire(t, o.now)
	target := t.endOffset()
	if ts != -1 {
		for _, m := range t.messages {
			if m.produced.UnixMilli() >= ts {
				target = m.offset
				break
			}
		}
	}
	s.offset, s.lastUpdate = target, o.now
	return struct{}{}, nil
}

type describeConsumerClientListReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	ConsumerGroup *string   `json:"ConsumerGroup" mq:"required"`
	Filters       []*filter `json:"Filters"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
}

type describeConsumerClientListResp struct {
	TotalCount int64            `json:"TotalCount"`
	Data       []consumerClient `json:"Data"`
}

func (in *instance) clientItem(c *client) consumerClient {
	var lag int64
	for _, t := range c.topics {
		lag += in.groupLag(c.group, t)
	}
	return consumerClient{ClientId: c.id, ClientAddr: c.addr, Language: c.language, Version: c.version,
		ConsumerLag: lag, ChannelProtocol: c.protocol}
}

func (g *Product) describeConsumerClientList(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerClientListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters(req.Filters, "ClientId", "ClientIp")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if _, err := in.group(*req.ConsumerGroup); err != nil {
		return nil, err
	}
	var all []*client
	for _, c := range in.clientsOf(*req.ConsumerGroup) {
		if fs.fuzzy("ClientId", c.id) && fs.fuzzy("ClientIp", c.addr) {
			all = append(all, c)
		}
	}
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeConsumerClientListResp{TotalCount: int64(len(all)), Data: []consumerClient{}}
	for _, c := range all[from:to] {
		resp.Data = append(resp.Data, in.clientItem(c))
	}
	return resp, nil
}

type describeConsumerClientReq struct {
	InstanceId    *string   `json:"InstanceId" mq:"required"`
	ClientId      *string   `json:"ClientId" mq:"required"`
	Filters       []*filter `json:"Filters"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
	ConsumerGroup *string   `json:"ConsumerGroup"`
}

type describeConsumerClientResp struct {
	Client    *consumerClient     `json:"Client"`
	TopicList []topicConsumeStats `json:"TopicList"`
}

// describeConsumerClient: an unknown client answers Client null and an empty
// TopicList (the SDK lists no not-found code for clients).
func (g *Product) describeConsumerClient(o op, call *pipeline.Call) (any, error) {
	var req describeConsumerClientReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters(req.Filters, "Topic")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	resp := describeConsumerClientResp{TopicList: []topicConsumeStats{}}
	c, ok := in.clients[*req.ClientId]
	if !ok || (req.ConsumerGroup != nil && c.group != *req.ConsumerGroup) {
		return resp, nil
	}
	item := in.clientItem(c)
	resp.Client = &item
	var stats []topicConsumeStats
	for _, name := range c.topics {
		t, s := in.topics[name], in.subs[subKey{group: c.group, topic: name}]
		if t == nil || s == nil || !fs.fuzzy("Topic", name) {
			continue
		}
		stats = append(stats, topicConsumeStats{Topic: name, TopicType: t.typ, QueueNum: t.queueNum,
			ConsumerLag: in.lag(s, t), SubString: s.subString, LastUpdateTime: ms(s.lastUpdate)})
	}
	from, to, err := page(req.Offset, req.Limit, len(stats))
	if err != nil {
		return nil, err
	}
	resp.TopicList = append(resp.TopicList, stats[from:to]...)
	return resp, nil
}
