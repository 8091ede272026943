package cmq

import (
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
)

func (s *Server) createTopic(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	size, err := p.intOr("maxMsgSize", 65536, 1024, 1048576)
	if err != nil {
		return nil, err
	}
	ft, err := p.optIntType("filterType")
	if err != nil {
		return nil, err
	}
	filterType := filterTags
	if ft != nil {
		if *ft != filterTags && *ft != filterRouting {
			return nil, ErrRequestParametersError.New()
		}
		filterType = int(*ft)
	}
	if err := checkName(p.str("topicName"), ErrTopicNameFormatError); err != nil {
		return nil, err
	}
	id, err := s.store.createTopic(accountOf(call), p.str("topicName"), size, filterType)
	if err != nil {
		return nil, err
	}
	return struct {
		TopicID string `json:"topicId"`
	}{id}, nil
}

func (s *Server) setTopicAttributes(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	size, err := p.optInt("maxMsgSize", 1024, 1048576)
	if err != nil {
		return nil, err
	}
	return ok{}, s.store.setTopicAttributes(accountOf(call), p.str("topicName"), size)
}

func (s *Server) getTopicAttributes(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	info, err := s.store.topicInfo(accountOf(call), p.str("topicName"))
	if err != nil {
		return nil, err
	}
	return info, nil
}

func (s *Server) listTopic(call *pipeline.Call) (any, error) {
	word, offset, limit, err := listPaging(paramsOf(call), 1<<31-1, 50, 20)
	if err != nil {
		return nil, err
	}
	total, list := s.store.listTopics(accountOf(call), word, offset, limit)
	return struct {
		TotalCount int        `json:"totalCount"`
		TopicList  []topicRef `json:"topicList"`
	}{total, list}, nil
}

func (s *Server) deleteTopic(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	return ok{}, s.store.deleteTopic(accountOf(call), p.str("topicName"))
}

// publicationOf reads what Publish and BatchPublish share: tags (≤ 5 →
// 10720, ≤ 16 chars → 10350) and the routing key (≤ 64 bytes, ≤ 15 dots).
func publicationOf(p params, bodies []string) (publication, error) {
	pub := publication{topic: p.str("topicName"), bodies: bodies}
	tags, err := p.list("msgTag")
	if err != nil {
		return pub, err
	}
	if len(tags) > maxTags {
		return pub, ErrTooManyMsgTag.New()
	}
	if err := checkTags("msgTag", tags); err != nil {
		return pub, err
	}
	pub.tags = tags
	if p.has("routingKey") {
		rk := p.str("routingKey")
		if err := checkKeys("routingKey", []string{rk}); err != nil {
			return pub, err
		}
		pub.routingKey = &rk
	}
	return pub, nil
}

func (s *Server) publish(call *pipeline.Call, pub publication) ([]string, error) {
	var owner uint64
	if call.Account != nil {
		owner = call.Account.Tencent.AppID
	}
	ids, jobs, err := s.store.publish(accountOf(call), owner, pub, call.RequestID)
	if err != nil {
		return nil, err
	}
	s.pusher.start(jobs)
	return ids, nil
}

func (s *Server) publishMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	if err := checkBodies([]string{p.str("msgBody")}); err != nil {
		return nil, err
	}
	pub, err := publicationOf(p, []string{p.str("msgBody")})
	if err != nil {
		return nil, err
	}
	ids, err := s.publish(call, pub)
	if err != nil {
		return nil, err
	}
	return msgIDResult{ids[0]}, nil
}

func (s *Server) batchPublishMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	bodies, err := p.batch("msgBody")
	if err != nil {
		return nil, err
	}
	if err := checkBodies(bodies); err != nil {
		return nil, err
	}
	if err := checkBatchSize(call, bodies); err != nil {
		return nil, err
	}
	pub, err := publicationOf(p, bodies)
	if err != nil {
		return nil, err
	}
	ids, err := s.publish(call, pub)
	if err != nil {
		return nil, err
	}
	return toMsgList(ids), nil
}

// filters reads filterTag.n and bindingKey.n with the count rules: too
// many filterTag is tooMany (10670 on Subscribe, 10490 on
// SetSubscriptionAttributes), too many bindingKey 10680, each ≤ 5 but
// together > 5 6050/10740; then lengths (10350) and dots (10691).
func filters(p params, tooManyTags func() error) (tags, keys []string, err error) {
	if tags, err = p.list("filterTag"); err != nil {
		return nil, nil, err
	}
	if keys, err = p.list("bindingKey"); err != nil {
		return nil, nil, err
	}
	if len(tags) > maxTags {
		return nil, nil, tooManyTags()
	}
	if len(keys) > maxTags {
		return nil, nil, ErrTooManyBindingKey.New()
	}
	if len(tags)+len(keys) > maxTags {
		return nil, nil, ErrTooManyFilterTagOrBindingKey.New()
	}
	if err := checkTags("filterTag", tags); err != nil {
		return nil, nil, err
	}
	if err := checkKeys("bindingKey", keys); err != nil {
		return nil, nil, err
	}
	return tags, keys, nil
}

func (s *Server) subscribe(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName", "subscriptionName", "protocol", "endpoint"); err != nil {
		return nil, err
	}
	if err := s.store.topicExists(accountOf(call), p.str("topicName")); err != nil {
		return nil, err
	}
	if err := checkName(p.str("subscriptionName"), ErrSubscriptionNameFormatError); err != nil {
		return nil, err
	}
	protocol := strings.ToLower(p.str("protocol"))
	if protocol != "http" && protocol != "https" && protocol != "queue" {
		return nil, ErrUndefinedProtocol.New()
	}
	if err := checkEndpoint(protocol, p.str("endpoint")); err != nil {
		return nil, err
	}
	if protocol == "queue" && !s.store.queueExists(accountOf(call), p.str("endpoint")) {
		return nil, ErrIllegalEndpoint.New()
	}
	strategy, err := p.enumOr("notifyStrategy", exponentialDecayRetry, ErrUndefinedNotifyStrategy, exponentialDecayRetry, backoffRetry)
	if err != nil {
		return nil, err
	}
	defFormat := formatJSON
	if protocol == "queue" {
		defFormat = formatSimplified
	}
	format, err := p.enumOr("notifyContentFormat", defFormat, ErrUndefinedNotifyContentFormat, formatJSON, formatSimplified)
	if err != nil {
		return nil, err
	}
	if protocol == "queue" && format != formatSimplified {
		return nil, ErrNotifyContentFormatMustBeSimplified.New()
	}
	tags, keys, err := filters(p, func() error { return ErrTooManyFilterTag.New() })
	if err != nil {
		return nil, err
	}
	id, err := s.store.subscribe(accountOf(call), subscriptionSpec{topic: p.str("topicName"), name: p.str("subscriptionName"),
		protocol: protocol, endpoint: p.str("endpoint"), notifyStrategy: strategy, notifyContentFormat: format,
		filterTags: tags, bindingKeys: keys, hasBindingKeys: len(keys) > 0})
	if err != nil {
		return nil, err
	}
	return struct {
		SubscriptionID string `json:"subscriptionId"`
	}{id}, nil
}

func (s *Server) unsubscribe(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	return ok{}, s.store.unsubscribe(accountOf(call), p.str("topicName"), p.str("subscriptionName"))
}

func (s *Server) getSubscriptionAttributes(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	owner := ""
	if call.Account != nil {
		owner = strconv.FormatUint(call.Account.Tencent.AppID, 10)
	}
	info, err := s.store.subscriptionInfo(accountOf(call), p.str("topicName"), p.str("subscriptionName"), owner)
	if err != nil {
		return nil, err
	}
	return info, nil
}

func (s *Server) setSubscriptionAttributes(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	if err := s.store.subscriptionExists(accountOf(call), p.str("topicName"), p.str("subscriptionName")); err != nil {
		return nil, err
	}
	tags, keys, err := filters(p, func() error { return ErrFilterTagNumberExceedLimit.New() })
	if err != nil {
		return nil, err
	}
	var patch subscriptionPatch
	if p.str("notifyStrategy") != "" {
		v, err := p.enumOr("notifyStrategy", "", ErrUndefinedNotifyStrategy, exponentialDecayRetry, backoffRetry)
		if err != nil {
			return nil, err
		}
		patch.notifyStrategy = &v
	}
	if p.str("notifyContentFormat") != "" {
		v, err := p.enumOr("notifyContentFormat", "", ErrUndefinedNotifyContentFormat, formatJSON, formatSimplified)
		if err != nil {
			return nil, err
		}
		patch.notifyContentFormat = &v
	}
	patch.filterTags, patch.setFilterTags = tags, tags != nil
	patch.bindingKeys, patch.setBindingKeys = keys, keys != nil
	return ok{}, s.store.setSubscriptionAttributes(accountOf(call), p.str("topicName"), p.str("subscriptionName"), patch)
}

func (s *Server) clearSubscriptionFilterTags(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName", "subscriptionName"); err != nil {
		return nil, err
	}
	return ok{}, s.store.clearFilterTags(accountOf(call), p.str("topicName"), p.str("subscriptionName"))
}

func (s *Server) listSubscriptionByTopic(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("topicName"); err != nil {
		return nil, err
	}
	word, offset, limit, err := listPaging(p, 1000, 100, 20)
	if err != nil {
		return nil, err
	}
	total, list, err := s.store.listSubscriptions(accountOf(call), p.str("topicName"), word, offset, limit)
	if err != nil {
		return nil, err
	}
	return struct {
		TotalCount       int               `json:"totalCount"`
		SubscriptionList []subscriptionRef `json:"subscriptionList"`
	}{total, list}, nil
}
