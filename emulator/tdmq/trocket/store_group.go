package trocket

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Consumer groups (tdmq.md §5 "Consumer groups"): names, quotas, retry
// policies, subscriptions, lag, offsets and the clients the control API
// connects.

var retryPolicyTypes = []string{"EXPONENTIAL", "CUSTOMIZED"}

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

// groupSpec is what CreateConsumerGroup asks for; nil is a value not given.
type groupSpec struct {
	instanceID, name string
	maxRetry         int64
	enable, orderly  bool
	remark           *string
	tags             []tag
	retryPolicy      *retryPolicy
	liteTopic        *string
}

// createConsumerGroup checks the name and ranges, then, in a RUNNING
// instance with room under the SKU's group quota, inserts the group.
func (s *store) createConsumerGroup(o op, a groupSpec) error {
	name := a.name
	if !groupName().MatchString(name) {
		return invalid("ConsumerGroup", "3-64 characters of letters, digits, - and _")
	}
	if err := firstErr(checkRange("MaxRetryTimes", &a.maxRetry, 0, maxRetryMax), checkRemark("Remark", a.remark),
		checkRetryPolicy(a.retryPolicy)); err != nil {
		return err
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
	if _, dup := in.groups[name]; dup {
		return errUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (consumer group " + name + ")")
	}
	// No group-specific quota code is documented: the common LimitExceeded.
	if int64(len(in.groups)) >= in.sku.GroupNumLimit {
		return errLimitExceeded.New().WithDetail(" (consumer groups: " + strconv.FormatInt(in.sku.GroupNumLimit, 10) + ")")
	}
	if o.dry {
		return nil
	}
	gr := &group{
		seq: in.next(), name: name, enable: a.enable, orderly: a.orderly, maxRetry: a.maxRetry,
		remark: str(a.remark), tags: a.tags, retryPolicy: a.retryPolicy, liteTopic: str(a.liteTopic), created: o.now,
	}
	in.addGroup(gr)
	return nil
}

// groupDetail is DescribeConsumerGroup's answer.
type groupDetail struct {
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

// describeConsumerGroup reports a group, its clients and its lag.
func (s *store) describeConsumerGroup(o op, instanceID, name string) (groupDetail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return groupDetail{}, err
	}
	gr, err := in.group(name)
	if err != nil {
		return groupDetail{}, err
	}
	clients := in.clientsOf(gr.name)
	d := groupDetail{
		ConsumerNum: int64(len(clients)), ConsumerLag: in.groupLag(gr.name, ""), CreatedTime: ms(gr.created),
		ConsumeMessageOrderly: gr.orderly, ConsumeEnable: gr.enable, MaxRetryTimes: gr.maxRetry, Remark: gr.remark,
		MessageModel: "CLUSTERING", RetryPolicy: gr.retryPolicy, ConsumeModel: "CLUSTERING", LiteTopic: gr.liteTopic,
	}
	if gr.liteTopic != "" {
		d.ConsumeModel = "LITE"
	}
	if len(clients) > 0 {
		d.ConsumeType = clients[0].consumeType
	}
	return d, nil
}

// groupQuery is what DescribeConsumerGroupList asks for beyond a list
// query; nil is a value not given.
type groupQuery struct {
	fromTopic, sortedBy, sortOrder *string
}

// describeConsumerGroupList lists an instance's groups that match
// (Filters: ConsumerGroupName, ConsumeMessageOrderly, RetryPolicy; fromTopic:
// only the groups subscribing to it) in creation order, or by subscription
// count, and how many match in all.
func (s *store) describeConsumerGroupList(o op, instanceID string, q listQuery, g groupQuery) (int64, []consumeGroupItem, error) {
	fs, err := filters(q.filters, "ConsumerGroupName", "ConsumeMessageOrderly", "RetryPolicy")
	if err != nil {
		return 0, nil, err
	}
	if g.sortedBy != nil && *g.sortedBy != "subscribeNum" {
		return 0, nil, invalid("SortedBy", "only subscribeNum")
	}
	if g.sortOrder != nil && !oneOf(*g.sortOrder, "asc", "desc") {
		return 0, nil, invalid("SortOrder", "asc or desc")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	var keep func(*group) bool
	if !fs.empty(q.tagFilters) || g.fromTopic != nil {
		keep = func(gr *group) bool {
			policy := ""
			if gr.retryPolicy != nil {
				policy = gr.retryPolicy.PolicyType
			}
			if !fs.fuzzy("ConsumerGroupName", gr.name) || !fs.exact("ConsumeMessageOrderly", strconv.FormatBool(gr.orderly)) ||
				!fs.exact("RetryPolicy", policy) || !tcdata.TagsMatch(gr.tags, q.tagFilters) {
				return false
			}
			if g.fromTopic != nil {
				if _, ok := in.subs[subKey{group: gr.name, topic: *g.fromTopic}]; !ok {
					return false
				}
			}
			return true
		}
	}
	var total int
	var pg []*group
	if g.sortedBy == nil {
		// Creation order: only the page's subscriptions are counted.
		if total, pg, err = pageOf(in.groupList, q.offset, q.limit, keep); err != nil {
			return 0, nil, err
		}
	} else {
		// By subscription count (stable: creation order among equals), which
		// needs every match's count.
		all := in.groupList
		if keep != nil {
			all = nil
			for _, gr := range in.groupList {
				if keep(gr) {
					all = append(all, gr)
				}
			}
		}
		counts := in.subCounts()
		all = slices.Clone(all)
		desc := g.sortOrder != nil && *g.sortOrder == "desc"
		slices.SortStableFunc(all, func(a, b *group) int {
			if desc {
				return cmp.Compare(counts[b.name], counts[a.name])
			}
			return cmp.Compare(counts[a.name], counts[b.name])
		})
		from, to, err := page(q.offset, q.limit, len(all))
		if err != nil {
			return 0, nil, err
		}
		total, pg = len(all), all[from:to]
	}
	items := []consumeGroupItem{}
	for _, gr := range pg {
		items = append(items, consumeGroupItem{
			InstanceId: in.id, ConsumerGroup: gr.name, ConsumeEnable: gr.enable, ConsumeMessageOrderly: gr.orderly,
			MaxRetryTimes: gr.maxRetry, Remark: gr.remark, SubscribeTopicNum: int64(len(in.subsOfGroup(gr.name))), CreateTime: ms(gr.created),
			TagList: nonNil(gr.tags), RetryPolicy: gr.retryPolicy,
		})
	}
	return int64(total), items, nil
}

// groupChange is what ModifyConsumerGroup asks for; nil is a value not
// given.
type groupChange struct {
	enable, orderly bool
	maxRetry        *int64
	remark          *string
	retryPolicy     *retryPolicy
}

// modifyConsumerGroup: an unknown group is ResourceNotFound.Group (the SDK
// lists ResourceNotFound.Topic here, which looks like a copy; the group code
// is what DescribeConsumerGroup and DeleteConsumerGroup list).
func (s *store) modifyConsumerGroup(o op, instanceID, name string, a groupChange) error {
	if err := firstErr(checkRange("MaxRetryTimes", a.maxRetry, 0, maxRetryMax), checkRemark("Remark", a.remark),
		checkRetryPolicy(a.retryPolicy)); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	gr, err := in.group(name)
	if err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	gr.enable, gr.orderly = a.enable, a.orderly
	if a.maxRetry != nil {
		gr.maxRetry = *a.maxRetry
	}
	if a.remark != nil {
		gr.remark = *a.remark
	}
	if a.retryPolicy != nil {
		gr.retryPolicy = a.retryPolicy
	}
	return nil
}

// deleteConsumerGroup removes the group with its subscriptions and clients.
func (s *store) deleteConsumerGroup(o op, instanceID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	gr, err := in.group(name)
	if err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	delete(in.groups, gr.name)
	in.groupList = without(in.groupList, gr)
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
	return nil
}

// consumerLag is the group's lag over its subscriptions, or on topic when
// given.
func (s *store) consumerLag(o op, instanceID, name string, topic *string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, err
	}
	gr, err := in.group(name)
	if err != nil {
		return 0, err
	}
	return in.groupLag(gr.name, str(topic)), nil
}

// resetConsumerGroupOffset moves the group's offset on the topic to the first
// message produced at or after ts (ms), or to the end for -1. The group must
// subscribe to the topic (FailedOperation otherwise, emulator choice); a
// time in the future or before the retention window is
// InvalidParameterValue.
func (s *store) resetConsumerGroupOffset(o op, instanceID, topicName, groupName string, ts int64) error {
	if ts != -1 && (ts < 0 || ts > o.now.UnixMilli()) {
		return invalid("ResetTimestamp", "a past time in ms, or -1 for the latest offset")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	t, err := in.topic(topicName)
	if err != nil {
		return err
	}
	gr, err := in.group(groupName)
	if err != nil {
		return err
	}
	sb, ok := in.subs[subKey{group: gr.name, topic: t.name}]
	if !ok {
		return errFailedOperation.New().WithDetail(" (consumer group " + gr.name + " does not subscribe to " + t.name + ")")
	}
	if ts != -1 && ts < o.now.Add(-hours(t.msgTTL)).UnixMilli() {
		return invalid("ResetTimestamp", "before the topic's retention window")
	}
	if o.dry {
		return nil
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
	sb.offset, sb.lastUpdate = target, o.now
	return nil
}

func (in *instance) clientItem(c *client) consumerClient {
	var lag int64
	for _, t := range c.topics {
		lag += in.groupLag(c.group, t)
	}
	return consumerClient{ClientId: c.id, ClientAddr: c.addr, Language: c.language, Version: c.version,
		ConsumerLag: lag, ChannelProtocol: c.protocol}
}

// describeConsumerClientList lists a group's clients that match (Filters:
// ClientId, ClientIp) by id, and how many match in all.
func (s *store) describeConsumerClientList(o op, instanceID, group string, q listQuery) (int64, []consumerClient, error) {
	fs, err := filters(q.filters, "ClientId", "ClientIp")
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	if _, err := in.group(group); err != nil {
		return 0, nil, err
	}
	var all []*client
	for _, c := range in.clientsOf(group) {
		if fs.fuzzy("ClientId", c.id) && fs.fuzzy("ClientIp", c.addr) {
			all = append(all, c)
		}
	}
	from, to, err := page(q.offset, q.limit, len(all))
	if err != nil {
		return 0, nil, err
	}
	items := []consumerClient{}
	for _, c := range all[from:to] {
		items = append(items, in.clientItem(c))
	}
	return int64(len(all)), items, nil
}

// clientDetail is DescribeConsumerClient's answer.
type clientDetail struct {
	Client    *consumerClient     `json:"Client"`
	TopicList []topicConsumeStats `json:"TopicList"`
}

// describeConsumerClient: an unknown client (or one of another group than
// the one given) answers Client null and an empty TopicList (the SDK lists
// no not-found code for clients).
func (s *store) describeConsumerClient(o op, instanceID, clientID string, group *string, q listQuery) (clientDetail, error) {
	fs, err := filters(q.filters, "Topic")
	if err != nil {
		return clientDetail{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return clientDetail{}, err
	}
	d := clientDetail{TopicList: []topicConsumeStats{}}
	c, ok := in.clients[clientID]
	if !ok || (group != nil && c.group != *group) {
		return d, nil
	}
	item := in.clientItem(c)
	d.Client = &item
	var stats []topicConsumeStats
	for _, name := range c.topics {
		t, sb := in.topics[name], in.subs[subKey{group: c.group, topic: name}]
		if t == nil || sb == nil || !fs.fuzzy("Topic", name) {
			continue
		}
		stats = append(stats, topicConsumeStats{Topic: name, TopicType: t.typ, QueueNum: t.queueNum,
			ConsumerLag: in.lag(sb, t), SubString: sb.subString, LastUpdateTime: ms(sb.lastUpdate)})
	}
	from, to, err := page(q.offset, q.limit, len(stats))
	if err != nil {
		return clientDetail{}, err
	}
	d.TopicList = append(d.TopicList, stats[from:to]...)
	return d, nil
}
