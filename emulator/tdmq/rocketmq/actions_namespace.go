package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Namespaces of 4.x clusters (store_namespace.go).

type createRocketMQNamespaceRequest struct {
	ClusterId     string  `json:"ClusterId" mq:"required"`
	NamespaceId   string  `json:"NamespaceId" mq:"required"`
	Ttl           *uint64 `json:"Ttl"`
	RetentionTime *uint64 `json:"RetentionTime"`
	Remark        *string `json:"Remark"`
}

func (g *Product) createRocketMQNamespace(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQNamespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.createNamespace(o, namespaceSpec{
		clusterID: req.ClusterId, id: req.NamespaceId, ttl: req.Ttl, retentionTime: req.RetentionTime, remark: req.Remark,
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQNamespacesRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	Offset      uint64  `json:"Offset" mq:"required"`
	Limit       uint64  `json:"Limit" mq:"required"`
	NameKeyword *string `json:"NameKeyword"`
}

type describeRocketMQNamespacesResponse struct {
	Namespaces []rocketMQNamespace `json:"Namespaces"`
	TotalCount uint64              `json:"TotalCount"`
}

func (g *Product) describeRocketMQNamespaces(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQNamespacesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, namespaces, err := g.store.describeNamespaces(o, req.ClusterId, req.Offset, req.Limit, req.NameKeyword)
	if err != nil {
		return nil, err
	}
	return describeRocketMQNamespacesResponse{Namespaces: namespaces, TotalCount: total}, nil
}

type modifyRocketMQNamespaceRequest struct {
	ClusterId           string  `json:"ClusterId" mq:"required"`
	NamespaceId         string  `json:"NamespaceId" mq:"required"`
	Ttl                 *uint64 `json:"Ttl"`
	RetentionTime       *uint64 `json:"RetentionTime"`
	Remark              *string `json:"Remark"`
	PublicAccessEnabled *bool   `json:"PublicAccessEnabled"`
}

func (g *Product) modifyRocketMQNamespace(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQNamespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.modifyNamespace(o, req.ClusterId, req.NamespaceId, namespaceChange{
		ttl: req.Ttl, retentionTime: req.RetentionTime, remark: req.Remark, publicAccessEnabled: req.PublicAccessEnabled,
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type namespaceRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
}

func (g *Product) deleteRocketMQNamespace(o op, call *pipeline.Call) (any, error) {
	var req namespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.deleteNamespace(o, req.ClusterId, req.NamespaceId); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
