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

func (p *Product) regionList(call *pipeline.Call) (any, error) {
	type result struct {
		helpOnly
		Data struct {
			RegionDo []regionDo `json:"RegionDo"`
		} `json:"Data"`
	}
	var res result
	res.Data.RegionDo = make([]regionDo, 0, len(p.opts.Regions))
	for i, id := range p.opts.Regions {
		res.Data.RegionDo = append(res.Data.RegionDo, regionDo{ID: int64(i + 1), OnsRegionID: id, RegionName: regionName(id)})
	}
	return res, nil
}

func (p *Product) instanceCreate(call *pipeline.Call) (any, error) {
	name, err := required(call, "InstanceName")
	if err != nil {
		return nil, err
	}
	remark, _ := optional(call, "Remark")
	id, err := p.store.createInstance(call.Account, name, remark)
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

func (p *Product) instanceUpdate(call *pipeline.Call) (any, error) {
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
	if err := p.store.updateInstance(call.Account, id, name, remark); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) instanceDelete(call *pipeline.Call) (any, error) {
	id, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.deleteInstance(call.Account, id); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) instanceBaseInfo(call *pipeline.Call) (any, error) {
	id, err := instanceID(call)
	if err != nil {
		return nil, err
	}
	v, err := p.store.getInstance(call.Account, id)
	if err != nil {
		return nil, err
	}
	region := call.Region
	if region == "" {
		region = p.opts.Regions[0]
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
func (p *Product) instanceInServiceList(call *pipeline.Call) (any, error) {
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
	for _, v := range p.store.listInstances(call.Account, want) {
		res.Data.InstanceVO = append(res.Data.InstanceVO, instanceVO{
			InstanceID: v.ID, InstanceName: v.Name, InstanceStatus: instanceStatusRunning, InstanceType: instanceTypeStandard,
			IndependentNaming: v.IndependentNaming, CreateTime: v.CreateTime, Tags: tagsOfKV(v.Tags),
		})
	}
	return res, nil
}

// openOnsService: the service is always open here; the order id is synthetic.
func (p *Product) openOnsService(call *pipeline.Call) (any, error) {
	return struct {
		OrderID string `json:"OrderId"`
	}{OrderID: strconv.FormatInt(p.clock.Now().UnixMilli(), 10)}, nil
}

// instanceVO is InstanceVO (CreateTime an int64 here).
type instanceVO struct {
	InstanceID        string `json:"InstanceId"`
	InstanceName      string `json:"InstanceName"`
	InstanceStatus    int    `json:"InstanceStatus"`
	InstanceType      int    `json:"InstanceType"`
	IndependentNaming bool   `json:"IndependentNaming"`
	ReleaseTime       int64  `json:"ReleaseTime"`
	CreateTime        int64  `json:"CreateTime"`
	Tags              tags   `json:"Tags"`
}

type endpoints struct {
	TCPEndpoint                string `json:"TcpEndpoint"`
	TCPInternetEndpoint        string `json:"TcpInternetEndpoint"`
	HTTPInternetEndpoint       string `json:"HttpInternetEndpoint"`
	HTTPInternalEndpoint       string `json:"HttpInternalEndpoint"`
	HTTPInternetSecureEndpoint string `json:"HttpInternetSecureEndpoint"`
}

// instanceBaseInfo is InstanceBaseInfo (CreateTime a string here;
// spInstanceId/spInstanceType lower-case).
type instanceBaseInfo struct {
	InstanceID        string    `json:"InstanceId"`
	InstanceName      string    `json:"InstanceName"`
	InstanceStatus    int       `json:"InstanceStatus"`
	InstanceType      int       `json:"InstanceType"`
	IndependentNaming bool      `json:"IndependentNaming"`
	MaxTps            int64     `json:"MaxTps"`
	TopicCapacity     int       `json:"TopicCapacity"`
	ReleaseTime       int64     `json:"ReleaseTime"`
	CreateTime        string    `json:"CreateTime"`
	Remark            string    `json:"Remark"`
	SpInstanceID      string    `json:"spInstanceId"`
	SpInstanceType    int       `json:"spInstanceType"`
	Endpoints         endpoints `json:"Endpoints"`
}

type regionDo struct {
	ID          int64  `json:"Id"`
	OnsRegionID string `json:"OnsRegionId"`
	RegionName  string `json:"RegionName"`
	ChannelID   int    `json:"ChannelId"`
	ChannelName string `json:"ChannelName"`
	CreateTime  int64  `json:"CreateTime"`
	UpdateTime  int64  `json:"UpdateTime"`
}
