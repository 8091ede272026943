package cmq

import (
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// The topic actions of API 3.0 (tdmq-cmq.md §6).

type createCmqTopicRequest struct {
	TopicName           string    `json:"TopicName" mq:"required"`
	MaxMsgSize          *int64    `json:"MaxMsgSize"`
	FilterType          *int64    `json:"FilterType"`
	MsgRetentionSeconds *int64    `json:"MsgRetentionSeconds"`
	Trace               *bool     `json:"Trace"`
	Tags                []api3Tag `json:"Tags"`
}

// createCmqTopic: MaxMsgSize accepts 1024–1048576 and defaults to 1048576
// (the CmqTopic doc and every published example; the request doc says
// 65536, §14); retention is settable, 60–86400.
func (p *Product) createCmqTopic(call *pipeline.Call) (any, error) {
	var req createCmqTopicRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := createName("TopicName", req.TopicName); err != nil {
		return nil, err
	}
	if err := inRange("MaxMsgSize", req.MaxMsgSize, minMaxMsgSize, api3TopicMaxMsgSize); err != nil {
		return nil, err
	}
	if err := inRange("FilterType", req.FilterType, filterTags, filterRouting); err != nil {
		return nil, err
	}
	if err := inRange("MsgRetentionSeconds", req.MsgRetentionSeconds, api3MinTopicRetention, api3MaxTopicRetention); err != nil {
		return nil, err
	}
	spec := topicSpec{name: req.TopicName, maxMsgSize: api3TopicMaxMsgSize, filterType: filterTags, retention: topicRetention, tags: tagsIn(req.Tags)}
	set(&spec.maxMsgSize, req.MaxMsgSize)
	set(&spec.retention, req.MsgRetentionSeconds)
	set(&spec.trace, req.Trace)
	if req.FilterType != nil {
		spec.filterType = int(*req.FilterType)
	}
	id, err := p.store.createTopic(accountOf(call), spec)
	if err != nil {
		return nil, api3Err(err)
	}
	return struct {
		TopicID string `json:"TopicId"`
	}{id}, nil
}

// cmqTopic is API 3.0's CmqTopic (§9.2) with the Go SDK's types: uint64
// except Status, BrokerType and SubscriptionCount.
type cmqTopic struct {
	TopicID             string    `json:"TopicId"`
	TopicName           string    `json:"TopicName"`
	MsgRetentionSeconds uint64    `json:"MsgRetentionSeconds"`
	MaxMsgSize          uint64    `json:"MaxMsgSize"`
	Qps                 uint64    `json:"Qps"`
	FilterType          uint64    `json:"FilterType"`
	CreateTime          uint64    `json:"CreateTime"`
	LastModifyTime      uint64    `json:"LastModifyTime"`
	MsgCount            uint64    `json:"MsgCount"`
	CreateUin           uint64    `json:"CreateUin"`
	Tags                []api3Tag `json:"Tags"`
	Trace               bool      `json:"Trace"`
	TenantID            string    `json:"TenantId"`
	NamespaceName       string    `json:"NamespaceName"`
	Status              int64     `json:"Status"`
	BrokerType          int64     `json:"BrokerType"`
	SubscriptionCount   int64     `json:"SubscriptionCount"`
}

func (p *Product) cmqTopicOf(call *pipeline.Call, info topicInfo) cmqTopic {
	return cmqTopic{TopicID: info.id, TopicName: info.name, MsgRetentionSeconds: count(info.MsgRetentionSeconds), MaxMsgSize: count(info.MaxMsgSize),
		Qps: count(p.opts.QPSPerResource), FilterType: count(info.FilterType), CreateTime: millis(info.created), LastModifyTime: millis(info.modified),
		MsgCount: count(info.MsgCount), CreateUin: appID(call), Tags: tagsOut(info.tags), Trace: info.trace, TenantID: tenantID(call),
		NamespaceName: api3TopicNamespacePrefix + info.name, Status: api3StatusNormal, BrokerType: api3BrokerTypeRocketMQ,
		SubscriptionCount: int64(info.subscriptions)}
}

type describeCmqTopicsRequest struct {
	Offset        *int64       `json:"Offset"`
	Limit         *int64       `json:"Limit"`
	TopicName     string       `json:"TopicName"`
	TopicNameList []string     `json:"TopicNameList"`
	IsTagFilter   *bool        `json:"IsTagFilter"`
	Filters       []api3Filter `json:"Filters"`
}

func (p *Product) describeCmqTopics(call *pipeline.Call) (any, error) {
	var req describeCmqTopicsRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	offset, limit, err := paging(req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	total, infos := p.store.describeTopics(accountOf(call), listFilter(req.TopicName, req.TopicNameList, req.IsTagFilter, req.Filters), offset, limit)
	list := make([]cmqTopic, len(infos))
	for i, info := range infos {
		list[i] = p.cmqTopicOf(call, info)
	}
	return struct {
		TopicList  []cmqTopic `json:"TopicList"`
		TotalCount uint64     `json:"TotalCount"`
	}{list, count(total)}, nil
}

// topicNamed is the request of the actions that name one topic. The SDK
// types DescribeCmqTopicDetail's TopicName optional; mqmock requires it
// (what the service does without one is unconfirmed, §6.3).
type topicNamed struct {
	TopicName string `json:"TopicName" mq:"required"`
}

func boundTopic(call *pipeline.Call) (string, error) {
	var req topicNamed
	if err := bind(call, &req); err != nil {
		return "", err
	}
	return req.TopicName, named("TopicName", req.TopicName)
}

func (p *Product) describeCmqTopicDetail(call *pipeline.Call) (any, error) {
	name, err := boundTopic(call)
	if err != nil {
		return nil, err
	}
	info, err := p.store.topicInfo(accountOf(call), name)
	if err != nil {
		return nil, api3Err(err)
	}
	return struct {
		TopicDescribe cmqTopic `json:"TopicDescribe"`
	}{p.cmqTopicOf(call, info)}, nil
}

type modifyCmqTopicAttributeRequest struct {
	TopicName           string `json:"TopicName" mq:"required"`
	MaxMsgSize          *int64 `json:"MaxMsgSize"`
	MsgRetentionSeconds *int64 `json:"MsgRetentionSeconds"`
	Trace               *bool  `json:"Trace"`
}

func (p *Product) modifyCmqTopicAttribute(call *pipeline.Call) (any, error) {
	var req modifyCmqTopicAttributeRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("TopicName", req.TopicName); err != nil {
		return nil, err
	}
	if err := inRange("MaxMsgSize", req.MaxMsgSize, minMaxMsgSize, api3TopicMaxMsgSize); err != nil {
		return nil, err
	}
	if err := inRange("MsgRetentionSeconds", req.MsgRetentionSeconds, api3MinTopicRetention, api3MaxTopicRetention); err != nil {
		return nil, err
	}
	patch := topicPatch{maxMsgSize: req.MaxMsgSize, retention: req.MsgRetentionSeconds, trace: req.Trace}
	if err := p.store.setTopicAttributes(accountOf(call), req.TopicName, patch); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

func (p *Product) deleteCmqTopic(call *pipeline.Call) (any, error) {
	name, err := boundTopic(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.deleteTopic(accountOf(call), name); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

type publishCmqMsgRequest struct {
	TopicName  string   `json:"TopicName" mq:"required"`
	MsgContent string   `json:"MsgContent" mq:"required"`
	MsgTag     []string `json:"MsgTag"`
}

// publishCmqMsg is legacy PublishMessage on the same topic (§6.6): MsgTag
// is the tags of a tag topic or the one routing key of a routing topic,
// each at most 64 characters; matching and delivery are the legacy ones
// (queue subscriptions hold the message before the answer).
func (p *Product) publishCmqMsg(call *pipeline.Call) (any, error) {
	var req publishCmqMsgRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("TopicName", req.TopicName); err != nil {
		return nil, err
	}
	if req.MsgContent == "" {
		return nil, invalidValue("MsgContent", "must not be empty")
	}
	for _, tag := range req.MsgTag {
		if utf8.RuneCountInString(tag) > api3MaxMsgTagLen {
			return nil, invalidValue("MsgTag", "elements must be at most 64 characters")
		}
	}
	ids, err := p.publish(call, publication{topic: req.TopicName, bodies: []string{req.MsgContent}, tags: req.MsgTag, byFilterType: true})
	if err != nil {
		if e, ok := asDef(err, errTopicNotExisted); ok {
			// E2b: PublishCmqMsg lists ResourceNotFound, not .Topic.
			return nil, errAPI3ResourceNotFound.New().WithDetail(api3Detail(e))
		}
		return nil, api3Err(err)
	}
	return published{Result: true, MsgID: ids[0]}, nil
}
