package tdmq

import "github.com/mqmock/mqmock/internal/pipeline"

// filter is the API's Filter data type.
type filter struct {
	Name   *string   `json:"Name"`
	Values []*string `json:"Values"`
}

// tagFilter is the API's TagFilter data type.
type tagFilter struct {
	TagKey    *string   `json:"TagKey"`
	TagValues []*string `json:"TagValues"`
}

type describeRocketMQClustersRequest struct {
	Offset        *uint64   `json:"Offset" mq:"required"`
	Limit         *uint64   `json:"Limit" mq:"required"`
	IDKeyword     *string   `json:"IdKeyword"`
	NameKeyword   *string   `json:"NameKeyword"`
	ClusterIDList []*string `json:"ClusterIdList"`
	IsTagFilter   *bool     `json:"IsTagFilter"`
	Filters       []*filter `json:"Filters"`
}

type describeRocketMQClustersResponse struct {
	ClusterList []any  `json:"ClusterList"`
	TotalCount  uint64 `json:"TotalCount"`
}

func (s *Server) describeRocketMQClusters(call *pipeline.Call) (any, error) {
	var req describeRocketMQClustersRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	return describeRocketMQClustersResponse{ClusterList: []any{}}, nil
}

type describeInstanceListRequest struct {
	Filters    []*filter    `json:"Filters"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
}

type describeInstanceListResponse struct {
	TotalCount int64 `json:"TotalCount"`
	Data       []any `json:"Data"`
}

func (s *Server) describeInstanceList(call *pipeline.Call) (any, error) {
	var req describeInstanceListRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	return describeInstanceListResponse{Data: []any{}}, nil
}
