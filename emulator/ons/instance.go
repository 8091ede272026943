package ons

import (
	"strconv"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// instanceStatusRunning is the documented "in service" status (doc example
// 5); instanceTypeStandard the only type the API creates.
const (
	instanceStatusRunning = 5
	instanceTypeStandard  = 1
)

func (s *Server) regionList(call *pipeline.Call) (any, error) {
	type result struct {
		helpOnly
		Data struct {
			RegionDo []regionDo `json:"RegionDo"`
		} `json:"Data"`
	}
	var res result
	res.Data.RegionDo = make([]regionDo, 0, len(s.opts.Regions))
	for i, id := range s.opts.Regions {
		name := regionNames[id]
		if name == "" {
			name = id
		}
		res.Data.RegionDo = append(res.Data.RegionDo, regionDo{ID: int64(i + 1), OnsRegionID: id, RegionName: name})
	}
	return res, nil
}

func (s *Server) instanceCreate(call *pipeline.Call) (any, error) {
	name, err := required(call, "InstanceName")
	if err != nil {
		return nil, err
	}
	remark, _ := optional(call, "Remark")
	id, err := s.store.createInstance(call.Account, name, remark)
	if err != nil {
		return nil, err
	}
	type data struct {
		InstanceID   string `json:"InstanceId"`
		InstanceType int    `json:"InstanceType"`
	}
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: data{InstanceID: id, InstanceType: instanceTypeStandard}}, nil
}

func (s *Server) instanceUpdate(call *pipeline.Call) (any, error) {
	id, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	var name, remark *string
	if v, ok := optional(call, "InstanceName"); ok {
		name = &v
	}
	if v, ok := optional(call, "Remark"); ok {
		remark = &v
	}
	if err := s.store.updateInstance(call.Account, id, name, remark); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (s *Server) instanceDelete(call *pipeline.Call) (any, error) {
	id, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	if err := s.store.deleteInstance(call.Account, id); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (s *Server) instanceBaseInfo(call *pipeline.Call) (any, error) {
	id, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	v, err := s.store.getInstance(call.Account, id)
	if err != nil {
		return nil, err
	}
	region := call.Region
	if region == "" {
		region = s.opts.Regions[0]
	}
	return struct {
		helpOnly
		InstanceBaseInfo instanceBaseInfo `json:"InstanceBaseInfo"`
	}{InstanceBaseInfo: instanceBaseInfo{
		InstanceID: v.ID, InstanceName: v.Name, InstanceStatus: instanceStatusRunning, InstanceType: instanceTypeStandard,
		IndependentNaming: v.IndependentNaming, MaxTps: v.MaxTps, TopicCapacity: v.TopicCapacity,
		CreateTime: strconv.FormatInt(v.CreateTime, 10), Remark: v.Remark,
		// The real endpoints' shapes; nothing listens there (no broker).
		Endpoints: endpoints{
			TCPEndpoint:                "http://" + v.ID + "." + region + ".mq-internal.aliyuncs.com:8080",
			HTTPInternetEndpoint:       "http://" + v.Owner + ".mqrest." + region + ".aliyuncs.com",
			HTTPInternalEndpoint:       "http://" + v.Owner + ".mqrest." + region + "-internal.aliyuncs.com",
			HTTPInternetSecureEndpoint: "https://" + v.Owner + ".mqrest." + region + ".aliyuncs.com",
		},
	}}, nil
}

// instanceInServiceList lists the caller's instances only.
func (s *Server) instanceInServiceList(call *pipeline.Call) (any, error) {
	want, err := tagFilter(call)
	if err != nil {
		return nil, err
	}
	type result struct {
		helpOnly
		Data struct {
			InstanceVO []instanceVO `json:"InstanceVO"`
		} `json:"Data"`
	}
	var res result
	res.Data.InstanceVO = []instanceVO{}
	for _, v := range s.store.listInstances(call.Account, want) {
		res.Data.InstanceVO = append(res.Data.InstanceVO, instanceVO{
			InstanceID: v.ID, InstanceName: v.Name, InstanceStatus: instanceStatusRunning, InstanceType: instanceTypeStandard,
			IndependentNaming: v.IndependentNaming, CreateTime: v.CreateTime, Tags: tagsOfKV(v.Tags),
		})
	}
	return res, nil
}

// openOnsService: the service is always open here; the order id is synthetic.
func (s *Server) openOnsService(call *pipeline.Call) (any, error) {
	return struct {
		OrderID string `json:"OrderId"`
	}{OrderID: strconv.FormatInt(s.env.Clock.Now().UnixMilli(), 10)}, nil
}
