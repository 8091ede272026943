package trocket

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// 5.x instance actions (tdmq.md §5 "Instances").

type createInstanceReq struct {
	InstanceType     *string  `json:"InstanceType" mq:"required"`
	Name             *string  `json:"Name" mq:"required"`
	SkuCode          *string  `json:"SkuCode" mq:"required"`
	VpcList          []vpc    `json:"VpcList" mq:"required"`
	Remark           *string  `json:"Remark"`
	TagList          []*tagIn `json:"TagList"`
	EnablePublic     *bool    `json:"EnablePublic"`
	BillingFlow      *bool    `json:"BillingFlow"`
	Bandwidth        *int64   `json:"Bandwidth"`
	IpRules          []ipRule `json:"IpRules"`
	MessageRetention *int64   `json:"MessageRetention"`
	PayMode          *int64   `json:"PayMode"`
	RenewFlag        *int64   `json:"RenewFlag"`
	TimeSpan         *int64   `json:"TimeSpan"`
	MaxTopicNum      *int64   `json:"MaxTopicNum"`
	ZoneIds          []int64  `json:"ZoneIds"`
}

type createInstanceResp struct {
	InstanceId string `json:"InstanceId"`
}

func (g *Product) createInstance(o op, call *pipeline.Call) (any, error) {
	var req createInstanceReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	id, err := g.store.createInstance(o, instanceSpec{
		typ: *req.InstanceType, name: *req.Name, skuCode: *req.SkuCode, vpcs: req.VpcList, remark: req.Remark,
		tags: tcdata.Tags(req.TagList), enablePublic: req.EnablePublic, billingFlow: req.BillingFlow, bandwidth: req.Bandwidth,
		ipRules: req.IpRules, retention: req.MessageRetention, payMode: req.PayMode, renewFlag: req.RenewFlag,
		timeSpan: req.TimeSpan, maxTopicNum: req.MaxTopicNum, zoneIDs: req.ZoneIds,
	})
	if err != nil || o.dry {
		return nil, err
	}
	return createInstanceResp{InstanceId: id}, nil
}

type instanceIDReq struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
}

func (g *Product) describeInstance(o op, call *pipeline.Call) (any, error) {
	var req instanceIDReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	d, err := g.store.describeInstance(o, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	return d, nil
}

type describeInstanceListReq struct {
	Filters    []*filter    `json:"Filters"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
}

func (r describeInstanceListReq) query() listQuery {
	return listQuery{filters: r.Filters, tagFilters: r.TagFilters, offset: r.Offset, limit: r.Limit}
}

type describeInstanceListResp struct {
	TotalCount int64          `json:"TotalCount"`
	Data       []instanceItem `json:"Data"`
}

func (g *Product) describeInstanceList(o op, call *pipeline.Call) (any, error) {
	var req describeInstanceListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, items, err := g.store.describeInstanceList(o, req.query())
	if err != nil {
		return nil, err
	}
	return describeInstanceListResp{TotalCount: total, Data: items}, nil
}

type describeFusionInstanceListResp struct {
	TotalCount int64                `json:"TotalCount"`
	Data       []fusionInstanceItem `json:"Data"`
}

// describeFusionInstanceList lists the account's clusters of both
// generations (tdmq.md §5): the 4.x ones come from the OtherInstances the
// product was built with.
func (g *Product) describeFusionInstanceList(o op, call *pipeline.Call) (any, error) {
	var req describeInstanceListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, items, err := g.store.describeFusionInstanceList(o, req.query(), g.others)
	if err != nil {
		return nil, err
	}
	return describeFusionInstanceListResp{TotalCount: total, Data: items}, nil
}

type modifyInstanceReq struct {
	InstanceId               *string   `json:"InstanceId" mq:"required"`
	Name                     *string   `json:"Name"`
	Remark                   *string   `json:"Remark"`
	SendReceiveRatio         *float64  `json:"SendReceiveRatio"`
	SkuCode                  *string   `json:"SkuCode"`
	MessageRetention         *int64    `json:"MessageRetention"`
	ScaledTpsEnabled         *bool     `json:"ScaledTpsEnabled"`
	AclEnabled               *bool     `json:"AclEnabled"`
	MaxTopicNum              *int64    `json:"MaxTopicNum"`
	ExtraTopicNum            *string   `json:"ExtraTopicNum"`
	EnableDeletionProtection *bool     `json:"EnableDeletionProtection"`
	ZoneIds                  []*string `json:"ZoneIds"`
}

func (g *Product) modifyInstance(o op, call *pipeline.Call) (any, error) {
	var req modifyInstanceReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.modifyInstance(o, *req.InstanceId, instanceChange{
		name: req.Name, remark: req.Remark, sendReceiveRatio: req.SendReceiveRatio, skuCode: req.SkuCode,
		retention: req.MessageRetention, scaledTps: req.ScaledTpsEnabled, acl: req.AclEnabled, maxTopicNum: req.MaxTopicNum,
		extraTopicNum: req.ExtraTopicNum, deletionProtection: req.EnableDeletionProtection, zoneIDs: req.ZoneIds,
	})
	return done(o, err)
}

func (g *Product) deleteInstance(o op, call *pipeline.Call) (any, error) {
	var req instanceIDReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.deleteInstance(o, *req.InstanceId))
}

type describeProductSKUsResp struct {
	Data []productSKU `json:"Data"`
}

func (g *Product) describeProductSKUs(o op, call *pipeline.Call) (any, error) {
	var req struct{}
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return describeProductSKUsResp{Data: productSKUs()}, nil
}

// done is the answer of an action that changes something and returns no
// data: an empty Response, nothing at all for a dry run (which the wrapper
// turns into DryRunOperation), or the store's error.
func done(o op, err error) (any, error) {
	if err != nil || o.dry {
		return nil, err
	}
	return struct{}{}, nil
}
