package tdmq

import (
	"sync"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// gen4 is RocketMQ 4.x (service tdmq, 2020-02-17): clusters, namespaces,
// topics, groups, roles.
type gen4 struct {
	s  *Server
	mu sync.Mutex
}

func newGen4(s *Server) *gen4 { g := &gen4{s: s}; g.reset(); return g }

// table is the 4.x action table: one row per action.
func (g *gen4) table() *pipeline.Table {
	return pipeline.NewTable(false,
		pipeline.Action{Name: "DescribeRocketMQClusters", Handle: g.describeRocketMQClusters},
	)
}

func (g *gen4) reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
}

func (g *gen4) state() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	return map[string]any{"clusters": []any{}}
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

func (g *gen4) describeRocketMQClusters(call *pipeline.Call) (any, error) {
	var req describeRocketMQClustersRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	return describeRocketMQClustersResponse{ClusterList: []any{}}, nil
}
