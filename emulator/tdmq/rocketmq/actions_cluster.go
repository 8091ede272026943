package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// Virtual (shared) 4.x clusters: CreateRocketMQCluster and the actions that
// read, change and delete any 4.x cluster (store_cluster.go).

type createRocketMQClusterRequest struct {
	Name    string   `json:"Name" mq:"required"`
	Remark  *string  `json:"Remark"`
	TagList []*tagIn `json:"TagList"`
}

type clusterIDResponse struct {
	ClusterId string `json:"ClusterId"`
}

func (g *Product) createRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQClusterRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	id, err := g.store.createCluster(o, clusterSpec{name: req.Name, remark: req.Remark, tags: tcdata.Tags(req.TagList)})
	if err != nil {
		return nil, err
	}
	return clusterIDResponse{ClusterId: id}, nil
}

type clusterIDRequest struct {
	ClusterId string `json:"ClusterId" mq:"required"`
}

type describeRocketMQClusterResponse struct {
	ClusterInfo   rocketMQClusterInfo        `json:"ClusterInfo"`
	ClusterConfig rocketMQClusterConfig      `json:"ClusterConfig"`
	ClusterStats  rocketMQClusterRecentStats `json:"ClusterStats"`
}

func (g *Product) describeRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	info, config, stats, err := g.store.describeCluster(o, req.ClusterId)
	if err != nil {
		return nil, err
	}
	return describeRocketMQClusterResponse{ClusterInfo: info, ClusterConfig: config, ClusterStats: stats}, nil
}

type describeRocketMQClustersRequest struct {
	Offset        uint64    `json:"Offset" mq:"required"`
	Limit         uint64    `json:"Limit" mq:"required"`
	IdKeyword     *string   `json:"IdKeyword"`
	NameKeyword   *string   `json:"NameKeyword"`
	ClusterIdList []*string `json:"ClusterIdList"`
	IsTagFilter   *bool     `json:"IsTagFilter"`
	Filters       []*filter `json:"Filters"`
}

type describeRocketMQClustersResponse struct {
	ClusterList []rocketMQClusterDetail `json:"ClusterList"`
	TotalCount  uint64                  `json:"TotalCount"`
}

func (g *Product) describeRocketMQClusters(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQClustersRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, list, err := g.store.describeClusters(o, clusterQuery{
		offset: req.Offset, limit: req.Limit, idKeyword: req.IdKeyword, nameKeyword: req.NameKeyword,
		ids: req.ClusterIdList, isTagFilter: req.IsTagFilter, filters: req.Filters,
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQClustersResponse{ClusterList: list, TotalCount: total}, nil
}

type modifyRocketMQClusterRequest struct {
	ClusterId           string  `json:"ClusterId" mq:"required"`
	ClusterName         *string `json:"ClusterName"`
	Remark              *string `json:"Remark"`
	PublicAccessEnabled *bool   `json:"PublicAccessEnabled"`
}

func (g *Product) modifyRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQClusterRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.modifyCluster(o, req.ClusterId, clusterChange{name: req.ClusterName, remark: req.Remark, publicAccessEnabled: req.PublicAccessEnabled})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (g *Product) deleteRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.deleteCluster(o, req.ClusterId); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
