package tdmq

import (
	"sync"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// gen5 is RocketMQ 5.x (service trocket, 2023-03-08): instances, topics,
// consumer groups, roles.
type gen5 struct {
	s  *Server
	mu sync.Mutex
}

func newGen5(s *Server) *gen5 { g := &gen5{s: s}; g.reset(); return g }

// table is the 5.x action table: one row per action.
func (g *gen5) table() *pipeline.Table {
	return pipeline.NewTable(false,
		pipeline.Action{Name: "DescribeInstanceList", Handle: g.describeInstanceList},
	)
}

func (g *gen5) reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
}

func (g *gen5) state() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	return map[string]any{"instances": []any{}}
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

func (g *gen5) describeInstanceList(call *pipeline.Call) (any, error) {
	var req describeInstanceListRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	return describeInstanceListResponse{Data: []any{}}, nil
}
