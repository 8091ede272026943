package ons

import (
	"strconv"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// messageSend (CommonRequest only; not in the Go SDK): Data is the MsgId.
func (s *Server) messageSend(call *pipeline.Call) (any, error) {
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
	id, err := s.store.sendMessage(call.Account, inst, topic, body, tag, key)
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
func (s *Server) messageGetByMsgID(call *pipeline.Call) (any, error) {
	inst, topic, id, err := messageParams(call)
	if err != nil {
		return nil, err
	}
	m, err := s.store.findMessage(call.Account, inst, topic, id)
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
func (s *Server) messageDetail(call *pipeline.Call) (any, error) {
	inst, topic, id, err := messageParams(call)
	if err != nil {
		return nil, err
	}
	m, err := s.store.findMessage(call.Account, inst, topic, id)
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

func (s *Server) messageGetByKey(call *pipeline.Call) (any, error) {
	inst, topic, err := topicParams(call)
	if err != nil {
		return nil, err
	}
	key, err := required(call, "Key")
	if err != nil {
		return nil, err
	}
	ms, err := s.store.messagesByKey(call.Account, inst, topic, key)
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

// Page size bounds of OnsMessagePageQueryByTopic (doc: 5-50, default 20).
const (
	minPageSize     = 5
	maxPageSize     = 50
	defaultPageSize = 20
)

func (s *Server) messagePageQueryByTopic(call *pipeline.Call) (any, error) {
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
	if begin > end || page < 1 || size < minPageSize || size > maxPageSize {
		return nil, fieldInvalid("BeginTime must not be after EndTime, CurrentPage starts at 1, PageSize is 5-50")
	}
	ms, err := s.store.messagesBetween(call.Account, inst, topic, begin, end)
	if err != nil {
		return nil, err
	}
	taskID, _ := optional(call, "TaskId")
	if taskID == "" {
		taskID = inst + "|" + topic + "|" + strconv.FormatInt(begin, 10) + "|" + strconv.FormatInt(end, 10)
	}
	pages := (int64(len(ms)) + size - 1) / size
	type msgFoundDo struct {
		TaskID       string `json:"TaskId"`
		MaxPageCount int64  `json:"MaxPageCount"`
		CurrentPage  int64  `json:"CurrentPage"`
		MsgFoundList struct {
			OnsRestMessageDo []onsRestMessageDo `json:"OnsRestMessageDo"`
		} `json:"MsgFoundList"`
	}
	found := msgFoundDo{TaskID: taskID, MaxPageCount: pages, CurrentPage: page}
	found.MsgFoundList.OnsRestMessageDo = []onsRestMessageDo{}
	if page <= pages { // a later page is empty (and (page-1)*size could overflow)
		for i := (page - 1) * size; i < page*size && i < int64(len(ms)); i++ {
			found.MsgFoundList.OnsRestMessageDo = append(found.MsgFoundList.OnsRestMessageDo, restMessage(ms[i]))
		}
	}
	return struct {
		helpOnly
		MsgFoundDo msgFoundDo `json:"MsgFoundDo"`
	}{MsgFoundDo: found}, nil
}

// messagePush re-delivers a message to an online client of the group.
func (s *Server) messagePush(call *pipeline.Call) (any, error) {
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
	if err := s.store.pushMessage(call.Account, inst, group, topic, id); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}
