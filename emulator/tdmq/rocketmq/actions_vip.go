package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// Dedicated (VIP) 4.x clusters (store_vip.go).

type createRocketMQVipInstanceRequest struct {
	Name                   string              `json:"Name" mq:"required"`
	Spec                   string              `json:"Spec" mq:"required"`
	StorageSize            int64               `json:"StorageSize" mq:"required"`
	ZoneIds                []string            `json:"ZoneIds" mq:"required"`
	VpcInfo                vpcIn               `json:"VpcInfo" mq:"required"`
	TimeSpan               int64               `json:"TimeSpan" mq:"required"`
	NodeCount              *int64              `json:"NodeCount"`
	GeneralSkuCode         *string             `json:"GeneralSkuCode"`
	SupportsMigrateToCloud *bool               `json:"SupportsMigrateToCloud"`
	EnablePublic           *bool               `json:"EnablePublic"`
	Bandwidth              *int64              `json:"Bandwidth"`
	IpRules                []*publicAccessRule `json:"IpRules"`
	Tags                   []*tagIn            `json:"Tags"`
}

func (g *Product) createRocketMQVipInstance(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQVipInstanceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	id, err := g.store.createVipInstance(o, vipInstanceSpec{
		name: req.Name, spec: req.Spec, storageSize: req.StorageSize, zoneIDs: req.ZoneIds,
		vpc: vpc{VpcId: req.VpcInfo.VpcId, SubnetId: req.VpcInfo.SubnetId}, timeSpan: req.TimeSpan, nodeCount: req.NodeCount,
		generalSkuCode: req.GeneralSkuCode, enablePublic: req.EnablePublic, bandwidth: req.Bandwidth, tags: tcdata.Tags(req.Tags),
	})
	if err != nil {
		return nil, err
	}
	return clusterIDResponse{ClusterId: id}, nil
}

type describeRocketMQVipInstancesRequest struct {
	Filters []*filter `json:"Filters"`
	Limit   *uint64   `json:"Limit"`
	Offset  *uint64   `json:"Offset"`
}

type describeRocketMQVipInstancesResponse struct {
	TotalCount uint64                `json:"TotalCount"`
	Instances  []rocketMQVipInstance `json:"Instances"`
}

func (g *Product) describeRocketMQVipInstances(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQVipInstancesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, instances, err := g.store.describeVipInstances(o, req.Filters, req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	return describeRocketMQVipInstancesResponse{TotalCount: total, Instances: instances}, nil
}

type describeRocketMQVipInstanceDetailResponse struct {
	ClusterInfo    rocketMQClusterInfo    `json:"ClusterInfo"`
	InstanceConfig rocketMQInstanceConfig `json:"InstanceConfig"`
}

func (g *Product) describeRocketMQVipInstanceDetail(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	info, config, err := g.store.describeVipInstanceDetail(o, req.ClusterId)
	if err != nil {
		return nil, err
	}
	return describeRocketMQVipInstanceDetailResponse{ClusterInfo: info, InstanceConfig: config}, nil
}

type modifyRocketMQInstanceRequest struct {
	InstanceId               string   `json:"InstanceId" mq:"required"`
	Name                     *string  `json:"Name"`
	Remark                   *string  `json:"Remark"`
	MessageRetention         *int64   `json:"MessageRetention"`
	EnableDeletionProtection *bool    `json:"EnableDeletionProtection"`
	SendReceiveRatio         *float64 `json:"SendReceiveRatio"`
	AclEnabled               *bool    `json:"AclEnabled"`
}

func (g *Product) modifyRocketMQInstance(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQInstanceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.modifyVipInstance(o, req.InstanceId, vipInstanceChange{
		name: req.Name, remark: req.Remark, messageRetention: req.MessageRetention,
		enableDeletionProtection: req.EnableDeletionProtection, sendReceiveRatio: req.SendReceiveRatio, aclEnabled: req.AclEnabled,
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (g *Product) deleteRocketMQVipInstance(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.deleteVipInstance(o, req.ClusterId); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
