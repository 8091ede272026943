package ons

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// groupParams reads the InstanceId and GroupId every group action requires.
func groupParams(call *pipeline.Call) (inst, id string, err error) {
	if inst, err = instanceID(call); err != nil {
		return "", "", err
	}
	id, err = required(call, "GroupId")
	return inst, id, err
}

func (p *Product) groupCreate(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	groupType, ok := optional(call, "GroupType")
	if !ok || groupType == "" {
		groupType = "tcp"
	}
	remark, _ := optional(call, "Remark")
	if err := p.store.createGroup(call.Account, inst, id, groupType, remark); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) groupDelete(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.deleteGroup(call.Account, inst, id); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) groupList(call *pipeline.Call) (any, error) {
	inst, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	want, err := tagFilter(call)
	if err != nil {
		return nil, err
	}
	filter, _ := optional(call, "GroupId")
	groupType, _ := optional(call, "GroupType")
	views, err := p.store.listGroups(call.Account, inst, filter, groupType, want)
	if err != nil {
		return nil, err
	}
	type result struct {
		helpOnly
		Data struct {
			SubscribeInfoDo []subscribeInfoDo `json:"SubscribeInfoDo"`
		} `json:"Data"`
	}
	var res result
	res.Data.SubscribeInfoDo = make([]subscribeInfoDo, len(views))
	for i, v := range views {
		res.Data.SubscribeInfoDo[i] = subscribeInfoDo{
			GroupID: v.ID, InstanceID: v.InstanceID, GroupType: v.GroupType, Owner: v.Owner,
			IndependentNaming: v.IndependentNaming, Remark: v.Remark, CreateTime: v.CreateTime, UpdateTime: v.UpdateTime,
			Tags: tagsOfKV(v.Tags),
		}
	}
	return res, nil
}

// groupSubDetail: the subscriptions (set through the control API) and
// whether consumers are online. No HelpUrl in this response.
func (p *Product) groupSubDetail(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	st, err := p.store.consumers(call.Account, inst, id, false)
	if err != nil {
		return nil, err
	}
	type data struct {
		GroupID              string               `json:"GroupId"`
		MessageModel         string               `json:"MessageModel"`
		Online               bool                 `json:"Online"`
		SubscriptionDataList subscriptionDataList `json:"SubscriptionDataList"`
	}
	d := data{GroupID: st.GroupID, MessageModel: st.MessageModel, Online: st.Online,
		SubscriptionDataList: subscriptionDataList{SubscriptionDataList: []subscriptionDataListItem{}}}
	for _, t := range st.Topics {
		d.SubscriptionDataList.SubscriptionDataList = append(d.SubscriptionDataList.SubscriptionDataList,
			subscriptionDataListItem{Topic: t.Topic, SubString: t.Expr})
	}
	return struct {
		Data data `json:"Data"`
	}{Data: d}, nil
}

func (p *Product) groupConsumerUpdate(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	if _, err := required(call, "ReadEnable"); err != nil {
		return nil, err
	}
	enable, err := boolean(call, "ReadEnable", true)
	if err != nil {
		return nil, err
	}
	if err := p.store.setReadEnable(call.Account, inst, id, enable); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

type subscribeInfoDo struct {
	GroupID           string `json:"GroupId"`
	InstanceID        string `json:"InstanceId"`
	GroupType         string `json:"GroupType"`
	Owner             string `json:"Owner"`
	IndependentNaming bool   `json:"IndependentNaming"`
	Remark            string `json:"Remark"`
	CreateTime        int64  `json:"CreateTime"`
	UpdateTime        int64  `json:"UpdateTime"`
	Tags              tags   `json:"Tags"`
}

type subscriptionDataListItem struct {
	GroupID      string `json:"GroupId,omitempty"`
	Topic        string `json:"Topic,omitempty"`
	SubString    string `json:"SubString"`
	MessageModel string `json:"MessageModel,omitempty"`
}

// subscriptionDataList is the doubly nested wrapper of OnsGroupSubDetail and
// OnsTopicSubDetail (json tag SubscriptionDataList on the slice too).
type subscriptionDataList struct {
	SubscriptionDataList []subscriptionDataListItem `json:"SubscriptionDataList"`
}
