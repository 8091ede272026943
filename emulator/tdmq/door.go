package tdmq

import (
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// NewDoor assembles the TDMQ front door (TencentCloud API 3.0) around the
// RocketMQ 4.x and 5.x products.
func NewDoor(env pipeline.Env) (*frontdoor.Door, error) {
	s, err := New(env)
	if err != nil {
		return nil, err
	}
	return &frontdoor.Door{
		Frontend: s,
		Services: []string{"tdmq", "trocket"},
		Tables:   []*pipeline.Table{s.tdmqActions, s.trocketActions},
		Products: []*frontdoor.Product{
			{Name: "rocketmq4", State: s.v4.state, Reset: s.v4.reset},
			{Name: "rocketmq5", State: s.v5.state, Reset: s.v5.reset},
		},
		Control: s.Control,
	}, nil
}
