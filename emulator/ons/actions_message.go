package ons

import (
	"strconv"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// messageSend (CommonRequest only; not in the Go SDK): Data is the MsgId.
func (p *Product) messageSend(call *pipeline.Call) (any, error) {
	inst, topic, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	body, err := required(call, "Message")
	if err != nil {
		return nil, err
	}
	tag, _ := optional(call, "Tag")
	key, _ := optional(call, "Key")
	id, err := p.store.sendMessage(call.Account, inst, topic, body, tag, key)
	if err != nil {
		return nil, err
	}
	return struct {
		helpOnly
		Data string `json:"Data"`
	}{Data: id}, nil
}

func messageParams(call *pipeline.Call) (inst, topic, id string, err error) {
	if inst, topic, err = topicParams(call); err != nil {
		return "", "", "", err
	}
	id, err = required(call, "MsgId")
	return inst, topic, id, err
}

// messageGetByMsgID: the message in the shared Data struct, properties in
// PropertyList.MessageProperty.
func (p *Product) messageGetByMsgID(call *pipeline.Call) (any, error) {
	inst, topic, id, err := messageParams(call)
	if err != nil {
		return nil, err
	}
	m, err := p.store.findMessage(call.Account, inst, topic, id)
	if err != nil {
		return nil, err
	}
	return struct {
		helpOnly
		Data onsRestMessageDo `json:"Data"`
	}{Data: restMessage(m)}, nil
}

// messageDetail (the SDK's one GET action): the same message, but
// PropertyList is a bare array here.
func (p *Product) messageDetail(call *pipeline.Call) (any, error) {
	inst, topic, id, err := messageParams(call)
	if err != nil {
		return nil, err
	}
	m, err := p.store.findMessage(call.Account, inst, topic, id)
	if err != nil {
		return nil, err
	}
	type data struct {
		onsRestMessageDo
		PropertyList []messageProperty `json:"PropertyList"`
	}
	d := data{onsRestMessageDo: restMessage(m), PropertyList: properties(m)}
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: d}, nil
}

func (p *Product) messageGetByKey(call *pipeline.Call) (any, error) {
	inst, topic, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	key, err := required(call, "Key")
	if err != nil {
		return nil, err
	}
	ms, err := p.store.messagesByKey(call.Account, inst, topic, key)
	if err != nil {
		return nil, err
	}
	type data struct {
		OnsRestMessageDo []onsRestMessageDo `json:"OnsRestMessageDo"`
	}
	d := data{OnsRestMessageDo: make([]onsRestMessageDo, len(ms))}
	for i, m := range ms {
		d.OnsRestMessageDo[i] = restMessage(m)
	}
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: d}, nil
}

func (p *Product) messagePageQueryByTopic(call *pipeline.Call) (any, error) {
	inst, topic, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	begin, err := requiredInteger(call, "BeginTime")
	if err != nil {
		return nil, err
	}
	end, err := requiredInteger(call, "EndTime")
	if err != nil {
		return nil, err
	}
	page, err := integer(call, "CurrentPage", 1)
	if err != nil {
		return nil, err
	}
	size, err := integer(call, "PageSize", defaultPageSize)
	if err != nil {
		return nil, err
	}
	ms, pages, err := p.store.messagePage(call.Account, inst, topic, begin, end, page, size)
	if err != nil {
		return nil, err
	}
	taskID, _ := optional(call, "TaskId")
	if taskID == "" {
		taskID = inst + "|" + topic + "|" + strconv.FormatInt(begin, 10) + "|" + strconv.FormatInt(end, 10)
	}
	type msgFoundDo struct {
		TaskID       string `json:"TaskId"`
		MaxPageCount int64  `json:"MaxPageCount"`
		CurrentPage  int64  `json:"CurrentPage"`
		MsgFoundList struct {
			OnsRestMessageDo []onsRestMessageDo `json:"OnsRestMessageDo"`
		} `json:"MsgFoundList"`
	}
	found := msgFoundDo{TaskID: taskID, MaxPageCount: pages, CurrentPage: page}
	found.MsgFoundList.OnsRestMessageDo = make([]onsRestMessageDo, len(ms))
	for i, m := range ms {
		found.MsgFoundList.OnsRestMessageDo[i] = restMessage(m)
	}
	return struct {
		helpOnly
		MsgFoundDo msgFoundDo `json:"MsgFoundDo"`
	}{MsgFoundDo: found}, nil
}

// messagePush re-delivers a message to an online client of the group.
func (p *Product) messagePush(call *pipeline.Call) (any, error) {
	inst, topic, id, err := messageParams(call)
	if err != nil {
		return nil, err
	}
	group, err := required(call, "GroupId")
	if err != nil {
		return nil, err
	}
	if _, err := required(call, "ClientId"); err != nil {
		return nil, err
	}
	if err := p.store.pushMessage(call.Account, inst, group, topic, id); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

type messageProperty struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

type propertyList struct {
	MessageProperty []messageProperty `json:"MessageProperty"`
}

// onsRestMessageDo is OnsRestMessageDo (GetByKey, page queries) and the
// message part of the shared Data (GetByMsgId).
type onsRestMessageDo struct {
	MsgID          string       `json:"MsgId"`
	Topic          string       `json:"Topic"`
	InstanceID     string       `json:"InstanceId"`
	Body           string       `json:"Body"`
	BodyCRC        int          `json:"BodyCRC"`
	StoreSize      int          `json:"StoreSize"`
	BornTimestamp  int64        `json:"BornTimestamp"`
	StoreTimestamp int64        `json:"StoreTimestamp"`
	BornHost       string       `json:"BornHost"`
	StoreHost      string       `json:"StoreHost"`
	ReconsumeTimes int          `json:"ReconsumeTimes"`
	Flag           int          `json:"Flag"`
	OffsetID       string       `json:"OffsetId"`
	PropertyList   propertyList `json:"PropertyList"`
}

func properties(m messageView) []messageProperty {
	out := []messageProperty{}
	if m.Tag != "" {
		out = append(out, messageProperty{"TAGS", m.Tag})
	}
	if m.Key != "" {
		out = append(out, messageProperty{"KEYS", m.Key})
	}
	return append(out, messageProperty{"UNIQ_KEY", m.ID})
}

// Hosts reported for every message: there is one "broker", the emulator.
const (
	bornHost  = "127.0.0.1:10911"
	storeHost = "127.0.0.1:10911"
)

func restMessage(m messageView) onsRestMessageDo {
	return onsRestMessageDo{
		MsgID: m.ID, Topic: m.Topic, InstanceID: m.InstanceID, Body: m.Body, BodyCRC: m.BodyCRC, StoreSize: m.StoreSize,
		BornTimestamp: m.Born, StoreTimestamp: m.Stored, BornHost: bornHost, StoreHost: storeHost, OffsetID: m.OffsetID,
		PropertyList: propertyList{MessageProperty: properties(m)},
	}
}
