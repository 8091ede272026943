package cmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

func (p *Product) createTopic(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	size, err := in.intOr("maxMsgSize", defaultTopicMsgSize, minMaxMsgSize, maxMaxMsgSize)
	if err != nil {
		return nil, err
	}
	ft, err := in.optIntType("filterType")
	if err != nil {
		return nil, err
	}
	filterType := filterTags
	if ft != nil {
		if *ft != filterTags && *ft != filterRouting {
			return nil, errRequestParametersError.New()
		}
		filterType = int(*ft)
	}
	if err := checkName(in.str("topicName"), errTopicNameFormatError); err != nil {
		return nil, err
	}
	id, err := p.store.createTopic(accountOf(call), topicSpec{name: in.str("topicName"), maxMsgSize: size, filterType: filterType, retention: topicRetention})
	if err != nil {
		return nil, err
	}
	return struct {
		TopicID string `json:"topicId"`
	}{id}, nil
}

func (p *Product) setTopicAttributes(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	size, err := in.optInt("maxMsgSize", minMaxMsgSize, maxMaxMsgSize)
	if err != nil {
		return nil, err
	}
	return ok{}, p.store.setTopicAttributes(accountOf(call), in.str("topicName"), topicPatch{maxMsgSize: size})
}

func (p *Product) getTopicAttributes(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	info, err := p.store.topicInfo(accountOf(call), in.str("topicName"))
	if err != nil {
		return nil, err
	}
	return info, nil
}

func (p *Product) listTopic(call *pipeline.Call) (any, error) {
	word, offset, limit, err := listPaging(paramsOf(call), maxListOffset, maxListLimit, defaultListLimit)
	if err != nil {
		return nil, err
	}
	total, list := p.store.listTopics(accountOf(call), word, offset, limit)
	return struct {
		TotalCount int        `json:"totalCount"`
		TopicList  []topicRef `json:"topicList"`
	}{total, list}, nil
}

func (p *Product) deleteTopic(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	return ok{}, p.store.deleteTopic(accountOf(call), in.str("topicName"))
}

// publicationOf reads what Publish and BatchPublish share: tags (≤ 5 →
// 10720, ≤ 16 chars → 10350) and the routing key (≤ 64 bytes, ≤ 15 dots).
func publicationOf(in params, bodies []string) (publication, error) {
	pub := publication{topic: in.str("topicName"), bodies: bodies}
	tags, err := in.list("msgTag")
	if err != nil {
		return pub, err
	}
	if len(tags) > maxTags {
		return pub, errTooManyMsgTag.New()
	}
	if err := checkTags("msgTag", tags); err != nil {
		return pub, err
	}
	pub.tags = tags
	if in.has("routingKey") {
		rk := in.str("routingKey")
		if err := checkKeys("routingKey", []string{rk}); err != nil {
			return pub, err
		}
		pub.routingKey = &rk
	}
	return pub, nil
}

func (p *Product) publish(call *pipeline.Call, pub publication) ([]string, error) {
	var owner uint64
	if call.Account != nil {
		owner = call.Account.Tencent.AppID
	}
	ids, jobs, err := p.store.publish(accountOf(call), owner, pub, call.RequestID)
	if err != nil {
		return nil, err
	}
	p.pusher.start(jobs)
	return ids, nil
}

func (p *Product) publishMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	if err := checkBodies([]string{in.str("msgBody")}); err != nil {
		return nil, err
	}
	pub, err := publicationOf(in, []string{in.str("msgBody")})
	if err != nil {
		return nil, err
	}
	ids, err := p.publish(call, pub)
	if err != nil {
		return nil, err
	}
	return msgIDResult{ids[0]}, nil
}

func (p *Product) batchPublishMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("topicName"); err != nil {
		return nil, err
	}
	bodies, err := in.batch("msgBody")
	if err != nil {
		return nil, err
	}
	if err := checkBodies(bodies); err != nil {
		return nil, err
	}
	if err := checkBatchSize(call, bodies); err != nil {
		return nil, err
	}
	pub, err := publicationOf(in, bodies)
	if err != nil {
		return nil, err
	}
	ids, err := p.publish(call, pub)
	if err != nil {
		return nil, err
	}
	return toMsgList(ids), nil
}
