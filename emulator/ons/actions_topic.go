package ons

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// relationName labels OnsTopicList's Relation (ROS DATASOURCE::ROCKETMQ::Topics:
// 1 持有者 owner, 2 可发布 publish, 4 可订阅 subscribe, 6 可发布订阅 both).
func relationName(r int) string {
	switch r {
	case 2:
		return "可发布"
	case 4:
		return "可订阅"
	case 6:
		return "可发布订阅"
	}
	return "持有者"
}

// topicParams reads the InstanceId and Topic every topic action requires.
func topicParams(call *pipeline.Call) (inst, topic string, err error) {
	if inst, err = instanceID(call); err != nil {
		return "", "", err
	}
	topic, err = required(call, "Topic")
	return inst, topic, err
}

func (p *Product) topicCreate(call *pipeline.Call) (any, error) {
	inst, name, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	mt, err := requiredInteger(call, "MessageType")
	if err != nil {
		return nil, err
	}
	remark, _ := optional(call, "Remark")
	if err := p.store.createTopic(call.Account, inst, name, int(mt), remark); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) topicDelete(call *pipeline.Call) (any, error) {
	inst, name, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.deleteTopic(call.Account, inst, name); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) topicList(call *pipeline.Call) (any, error) {
	inst, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	want, err := tagFilter(call)
	if err != nil {
		return nil, err
	}
	filter, _ := optional(call, "Topic")
	views, err := p.store.listTopics(call.Account, inst, filter, want)
	if err != nil {
		return nil, err
	}
	type result struct {
		helpOnly
		Data struct {
			PublishInfoDo []publishInfoDo `json:"PublishInfoDo"`
		} `json:"Data"`
	}
	var res result
	res.Data.PublishInfoDo = make([]publishInfoDo, len(views))
	for i, v := range views {
		res.Data.PublishInfoDo[i] = publishInfoDo{
			Topic: v.Name, InstanceID: v.InstanceID, MessageType: v.MessageType, Relation: v.Relation,
			RelationName: relationName(v.Relation), Owner: v.Owner, IndependentNaming: v.IndependentNaming, Remark: v.Remark,
			CreateTime: v.CreateTime, Tags: tagsOfKV(v.Tags),
		}
	}
	return res, nil
}

func (p *Product) topicStatus(call *pipeline.Call) (any, error) {
	inst, name, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	st, err := p.store.topicStatus(call.Account, inst, name)
	if err != nil {
		return nil, err
	}
	// LastTimeStamp with a capital S here (LastTimestamp is another field).
	type data struct {
		Perm          int   `json:"Perm"`
		TotalCount    int64 `json:"TotalCount"`
		LastTimeStamp int64 `json:"LastTimeStamp"`
	}
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: data{Perm: st.Perm, TotalCount: st.TotalCount, LastTimeStamp: st.LastTime}}, nil
}

func (p *Product) topicUpdate(call *pipeline.Call) (any, error) {
	inst, name, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	perm, err := requiredInteger(call, "Perm")
	if err != nil {
		return nil, err
	}
	if err := p.store.updateTopic(call.Account, inst, name, int(perm)); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) topicSubDetail(call *pipeline.Call) (any, error) {
	inst, name, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	subs, err := p.store.topicSubscribers(call.Account, inst, name)
	if err != nil {
		return nil, err
	}
	type data struct {
		Topic                string               `json:"Topic"`
		SubscriptionDataList subscriptionDataList `json:"SubscriptionDataList"`
	}
	d := data{Topic: name, SubscriptionDataList: subscriptionDataList{SubscriptionDataList: []subscriptionDataListItem{}}}
	for _, sub := range subs {
		d.SubscriptionDataList.SubscriptionDataList = append(d.SubscriptionDataList.SubscriptionDataList,
			subscriptionDataListItem{GroupID: sub.GroupID, MessageModel: sub.MessageModel, SubString: sub.Expr})
	}
	return struct {
		Data data `json:"Data"`
	}{Data: d}, nil
}

// empowerCreate is the legacy cross-account topic authorization
// (aliyun-openapi-meta ons/OnsEmpowerCreate.json: EmpowerUser, Topic,
// Relation; no InstanceId — topics of the shared space).
func (p *Product) empowerCreate(call *pipeline.Call) (any, error) {
	topic, err := required(call, "Topic")
	if err != nil {
		return nil, err
	}
	user, err := required(call, "EmpowerUser")
	if err != nil {
		return nil, err
	}
	rel, err := requiredInteger(call, "Relation")
	if err != nil {
		return nil, err
	}
	if err := p.store.empower(call.Account, topic, user, int(rel)); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) empowerDelete(call *pipeline.Call) (any, error) {
	topic, err := required(call, "Topic")
	if err != nil {
		return nil, err
	}
	user, err := required(call, "EmpowerUser")
	if err != nil {
		return nil, err
	}
	if err := p.store.unempower(call.Account, topic, user); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

type publishInfoDo struct {
	Topic             string `json:"Topic"`
	InstanceID        string `json:"InstanceId"`
	MessageType       int    `json:"MessageType"`
	Relation          int    `json:"Relation"`
	RelationName      string `json:"RelationName"`
	Owner             string `json:"Owner"`
	IndependentNaming bool   `json:"IndependentNaming"`
	Remark            string `json:"Remark"`
	CreateTime        int64  `json:"CreateTime"`
	ServiceStatus     int    `json:"ServiceStatus"`
	Tags              tags   `json:"Tags"`
}
