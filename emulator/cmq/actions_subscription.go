package cmq

import (
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// filters reads filterTag.n and bindingKey.n and applies checkFilters.
func filters(in params, tooManyTags *apierr.Def) (tags, keys []string, err error) {
	if tags, err = in.list("filterTag"); err != nil {
		return nil, nil, err
	}
	if keys, err = in.list("bindingKey"); err != nil {
		return nil, nil, err
	}
	if err := checkFilters(tags, keys, tooManyTags); err != nil {
		return nil, nil, err
	}
	return tags, keys, nil
}

func (p *Product) subscribe(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName", "subscriptionName", "protocol", "endpoint"); err != nil {
		return nil, err
	}
	if err := p.store.topicExists(accountOf(call), in.str("topicName")); err != nil {
		return nil, err
	}
	if err := checkName(in.str("subscriptionName"), errSubscriptionNameFormatError); err != nil {
		return nil, err
	}
	protocol := strings.ToLower(in.str("protocol"))
	if protocol != "http" && protocol != "https" && protocol != "queue" {
		return nil, errUndefinedProtocol.New()
	}
	if err := checkEndpoint(protocol, in.str("endpoint")); err != nil {
		return nil, err
	}
	if protocol == "queue" && !p.store.queueExists(accountOf(call), in.str("endpoint")) {
		return nil, errIllegalEndpoint.New()
	}
	strategy, err := in.enumOr("notifyStrategy", exponentialDecayRetry, errUndefinedNotifyStrategy, exponentialDecayRetry, backoffRetry)
	if err != nil {
		return nil, err
	}
	defFormat := formatJSON
	if protocol == "queue" {
		defFormat = formatSimplified
	}
	format, err := in.enumOr("notifyContentFormat", defFormat, errUndefinedNotifyContentFormat, formatJSON, formatSimplified)
	if err != nil {
		return nil, err
	}
	if protocol == "queue" && format != formatSimplified {
		return nil, errNotifyContentFormatMustBeSimplified.New()
	}
	tags, keys, err := filters(in, errTooManyFilterTag)
	if err != nil {
		return nil, err
	}
	id, err := p.store.subscribe(accountOf(call), subscriptionSpec{topic: in.str("topicName"), name: in.str("subscriptionName"),
		protocol: protocol, endpoint: in.str("endpoint"), notifyStrategy: strategy, notifyContentFormat: format,
		filterTags: tags, bindingKeys: keys, hasBindingKeys: len(keys) > 0})
	if err != nil {
		return nil, err
	}
	return struct {
		SubscriptionID string `json:"subscriptionId"`
	}{id}, nil
}

func (p *Product) unsubscribe(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	return ok{}, p.store.unsubscribe(accountOf(call), in.str("topicName"), in.str("subscriptionName"))
}

func (p *Product) getSubscriptionAttributes(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	owner := ""
	if call.Account != nil {
		owner = strconv.FormatUint(call.Account.Tencent.AppID, 10)
	}
	info, err := p.store.subscriptionInfo(accountOf(call), in.str("topicName"), in.str("subscriptionName"), owner)
	if err != nil {
		return nil, err
	}
	return info, nil
}

func (p *Product) setSubscriptionAttributes(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	if err := p.store.subscriptionExists(accountOf(call), in.str("topicName"), in.str("subscriptionName")); err != nil {
		return nil, err
	}
	tags, keys, err := filters(in, errFilterTagNumberExceedLimit)
	if err != nil {
		return nil, err
	}
	var patch subscriptionPatch
	if in.str("notifyStrategy") != "" {
		v, err := in.enumOr("notifyStrategy", "", errUndefinedNotifyStrategy, exponentialDecayRetry, backoffRetry)
		if err != nil {
			return nil, err
		}
		patch.notifyStrategy = &v
	}
	if in.str("notifyContentFormat") != "" {
		v, err := in.enumOr("notifyContentFormat", "", errUndefinedNotifyContentFormat, formatJSON, formatSimplified)
		if err != nil {
			return nil, err
		}
		patch.notifyContentFormat = &v
	}
	patch.filterTags, patch.setFilterTags = tags, tags != nil
	patch.bindingKeys, patch.setBindingKeys = keys, keys != nil
	return ok{}, p.store.setSubscriptionAttributes(accountOf(call), in.str("topicName"), in.str("subscriptionName"), patch)
}

func (p *Product) clearSubscriptionFilterTags(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	return ok{}, p.store.clearFilterTags(accountOf(call), in.str("topicName"), in.str("subscriptionName"))
}

func (p *Product) listSubscriptionByTopic(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	word, offset, limit, err := listPaging(in, maxSubscriptionListOffset, maxSubscriptionListLimit, defaultListLimit)
	if err != nil {
		return nil, err
	}
	total, list, err := p.store.listSubscriptions(accountOf(call), in.str("topicName"), word, offset, limit)
	if err != nil {
		return nil, err
	}
	return struct {
		TotalCount       int               `json:"totalCount"`
		SubscriptionList []subscriptionRef `json:"subscriptionList"`
	}{total, list}, nil
}
