package cmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// The subscription actions of API 3.0 (tdmq-cmq.md §7). Their checks are
// the legacy Subscribe's and SetSubscriptionAttributes', in the same order,
// answered with the API 3.0 codes of §4; names may hold "_".

type createCmqSubscribeRequest struct {
	TopicName           string   `json:"TopicName" mq:"required"`
	SubscriptionName    string   `json:"SubscriptionName" mq:"required"`
	Protocol            string   `json:"Protocol" mq:"required"`
	Endpoint            string   `json:"Endpoint" mq:"required"`
	NotifyStrategy      string   `json:"NotifyStrategy"`
	FilterTag           []string `json:"FilterTag"`
	BindingKey          []string `json:"BindingKey"`
	NotifyContentFormat string   `json:"NotifyContentFormat"`
}

func (p *Product) createCmqSubscribe(call *pipeline.Call) (any, error) {
	var req createCmqSubscribeRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("TopicName", req.TopicName); err != nil {
		return nil, err
	}
	acct := accountOf(call)
	if err := p.store.topicExists(acct, req.TopicName); err != nil {
		return nil, api3Err(err)
	}
	if err := createName("SubscriptionName", req.SubscriptionName); err != nil {
		return nil, err
	}
	spec, err := p.api3SubscriptionSpec(acct, req)
	if err != nil {
		return nil, api3Err(err)
	}
	id, err := p.store.subscribe(acct, spec)
	if err != nil {
		return nil, api3Err(err)
	}
	return struct {
		SubscriptionID string `json:"SubscriptionId"`
	}{id}, nil
}

// api3SubscriptionSpec applies Subscribe's parameter rules (cmq.md §10.1):
// protocol http, https or queue in any case, the endpoint's shape, a queue
// endpoint of the account, the enums with their defaults (SIMPLIFIED for a
// queue, JSON for http), the filter counts and lengths. Its errors are the
// legacy rows, which the caller maps.
func (p *Product) api3SubscriptionSpec(acct string, req createCmqSubscribeRequest) (subscriptionSpec, error) {
	protocol := strings.ToLower(req.Protocol)
	if protocol != "http" && protocol != "https" && protocol != "queue" {
		return subscriptionSpec{}, errUndefinedProtocol.New()
	}
	if err := checkEndpoint(protocol, req.Endpoint); err != nil {
		return subscriptionSpec{}, err
	}
	if protocol == "queue" && !p.store.queueExists(acct, req.Endpoint) {
		return subscriptionSpec{}, errIllegalEndpoint.New()
	}
	strategy, err := enumOr(req.NotifyStrategy, exponentialDecayRetry, errUndefinedNotifyStrategy, exponentialDecayRetry, backoffRetry)
	if err != nil {
		return subscriptionSpec{}, err
	}
	defFormat := formatJSON
	if protocol == "queue" {
		defFormat = formatSimplified
	}
	format, err := enumOr(req.NotifyContentFormat, defFormat, errUndefinedNotifyContentFormat, formatJSON, formatSimplified)
	if err != nil {
		return subscriptionSpec{}, err
	}
	if protocol == "queue" && format != formatSimplified {
		return subscriptionSpec{}, errNotifyContentFormatMustBeSimplified.New()
	}
	if err := checkFilters(req.FilterTag, req.BindingKey, errTooManyFilterTag); err != nil {
		return subscriptionSpec{}, err
	}
	return subscriptionSpec{topic: req.TopicName, name: req.SubscriptionName, protocol: protocol, endpoint: req.Endpoint,
		notifyStrategy: strategy, notifyContentFormat: format, filterTags: req.FilterTag, bindingKeys: req.BindingKey,
		hasBindingKeys: len(req.BindingKey) > 0}, nil
}

// cmqSubscription is API 3.0's CmqSubscription (§9.3): every attribute of
// legacy GetSubscriptionAttributes plus the topic; lists are [] when empty.
type cmqSubscription struct {
	SubscriptionName    string   `json:"SubscriptionName"`
	SubscriptionID      string   `json:"SubscriptionId"`
	TopicOwner          uint64   `json:"TopicOwner"`
	MsgCount            uint64   `json:"MsgCount"`
	LastModifyTime      uint64   `json:"LastModifyTime"`
	CreateTime          uint64   `json:"CreateTime"`
	BindingKey          []string `json:"BindingKey"`
	Endpoint            string   `json:"Endpoint"`
	FilterTags          []string `json:"FilterTags"`
	Protocol            string   `json:"Protocol"`
	NotifyStrategy      string   `json:"NotifyStrategy"`
	NotifyContentFormat string   `json:"NotifyContentFormat"`
	TopicName           string   `json:"TopicName"`
}

type describeCmqSubscriptionDetailRequest struct {
	TopicName        *string `json:"TopicName"`
	Offset           *int64  `json:"Offset"`
	Limit            *int64  `json:"Limit"`
	SubscriptionName string  `json:"SubscriptionName"`
	QueueName        *string `json:"QueueName"`
	QueryType        string  `json:"QueryType"`
}

// describeCmqSubscriptionDetail (§7.2): QueryType topic (the default) lists
// TopicName's subscriptions; queue lists the queue subscriptions whose
// endpoint is QueueName, across topics or within TopicName.
func (p *Product) describeCmqSubscriptionDetail(call *pipeline.Call) (any, error) {
	var req describeCmqSubscriptionDetailRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	q := subscriptionQuery{nameContains: req.SubscriptionName}
	switch req.QueryType {
	case "", api3QueryTypeTopic:
		if req.TopicName == nil {
			return nil, missing("TopicName")
		}
		if err := named("TopicName", *req.TopicName); err != nil {
			return nil, err
		}
		q.topic = *req.TopicName
	case api3QueryTypeQueue:
		if req.QueueName == nil {
			return nil, missing("QueueName")
		}
		if err := named("QueueName", *req.QueueName); err != nil {
			return nil, err
		}
		q.byQueue, q.queue = true, *req.QueueName
		if req.TopicName != nil {
			q.topic = *req.TopicName
		}
	default:
		return nil, invalidValue("QueryType", "must be topic or queue")
	}
	var err error
	if q.offset, q.limit, err = paging(req.Offset, req.Limit); err != nil {
		return nil, err
	}
	total, views, err := p.store.describeSubscriptions(accountOf(call), q)
	if err != nil {
		return nil, api3Err(err)
	}
	subs := make([]cmqSubscription, len(views))
	for i, v := range views {
		subs[i] = cmqSubscription{SubscriptionName: v.name, SubscriptionID: v.id, TopicOwner: appID(call), MsgCount: count(v.pending),
			LastModifyTime: millis(v.modified), CreateTime: millis(v.created), BindingKey: v.bindingKeys, Endpoint: v.endpoint,
			FilterTags: v.filterTags, Protocol: v.protocol, NotifyStrategy: v.notifyStrategy, NotifyContentFormat: v.notifyContentFormat,
			TopicName: v.topic}
	}
	return struct {
		TotalCount      uint64            `json:"TotalCount"`
		SubscriptionSet []cmqSubscription `json:"SubscriptionSet"`
	}{count(total), subs}, nil
}

type modifyCmqSubscriptionAttributeRequest struct {
	TopicName           string   `json:"TopicName" mq:"required"`
	SubscriptionName    string   `json:"SubscriptionName" mq:"required"`
	NotifyStrategy      string   `json:"NotifyStrategy"`
	NotifyContentFormat string   `json:"NotifyContentFormat"`
	FilterTags          []string `json:"FilterTags"`
	BindingKey          []string `json:"BindingKey"`
}

// modifyCmqSubscriptionAttribute (§7.3): an absent or empty list leaves the
// stored one (the Go SDK cannot tell [] from absent); clearing tags is
// ClearCmqSubscriptionFilterTags.
func (p *Product) modifyCmqSubscriptionAttribute(call *pipeline.Call) (any, error) {
	var req modifyCmqSubscriptionAttributeRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("TopicName", req.TopicName); err != nil {
		return nil, err
	}
	if err := named("SubscriptionName", req.SubscriptionName); err != nil {
		return nil, err
	}
	acct := accountOf(call)
	if err := p.store.subscriptionExists(acct, req.TopicName, req.SubscriptionName); err != nil {
		return nil, api3Err(err)
	}
	patch, err := api3SubscriptionPatch(req)
	if err != nil {
		return nil, api3Err(err)
	}
	if err := p.store.setSubscriptionAttributes(acct, req.TopicName, req.SubscriptionName, patch); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

// api3SubscriptionPatch applies SetSubscriptionAttributes' parameter rules
// (cmq.md §10.4) with legacy errors the caller maps.
func api3SubscriptionPatch(req modifyCmqSubscriptionAttributeRequest) (subscriptionPatch, error) {
	var patch subscriptionPatch
	if err := checkFilters(req.FilterTags, req.BindingKey, errFilterTagNumberExceedLimit); err != nil {
		return patch, err
	}
	if req.NotifyStrategy != "" {
		v, err := enumOr(req.NotifyStrategy, "", errUndefinedNotifyStrategy, exponentialDecayRetry, backoffRetry)
		if err != nil {
			return patch, err
		}
		patch.notifyStrategy = &v
	}
	if req.NotifyContentFormat != "" {
		v, err := enumOr(req.NotifyContentFormat, "", errUndefinedNotifyContentFormat, formatJSON, formatSimplified)
		if err != nil {
			return patch, err
		}
		patch.notifyContentFormat = &v
	}
	patch.filterTags, patch.setFilterTags = req.FilterTags, len(req.FilterTags) > 0
	patch.bindingKeys, patch.setBindingKeys = req.BindingKey, len(req.BindingKey) > 0
	return patch, nil
}

// subscriptionNamed is the request of the actions that name one
// subscription.
type subscriptionNamed struct {
	TopicName        string `json:"TopicName" mq:"required"`
	SubscriptionName string `json:"SubscriptionName" mq:"required"`
}

func boundSubscription(call *pipeline.Call) (subscriptionNamed, error) {
	var req subscriptionNamed
	if err := bind(call, &req); err != nil {
		return req, err
	}
	if err := named("TopicName", req.TopicName); err != nil {
		return req, err
	}
	return req, named("SubscriptionName", req.SubscriptionName)
}

func (p *Product) deleteCmqSubscribe(call *pipeline.Call) (any, error) {
	req, err := boundSubscription(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.unsubscribe(accountOf(call), req.TopicName, req.SubscriptionName); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

func (p *Product) clearCmqSubscriptionFilterTags(call *pipeline.Call) (any, error) {
	req, err := boundSubscription(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.clearFilterTags(accountOf(call), req.TopicName, req.SubscriptionName); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}
