package mqtt

import (
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// NewDoor assembles the MQTT front door (Alibaba RPC) around the MQTT product.
func NewDoor(env pipeline.Env) (*frontdoor.Door, error) {
	s, err := New(env)
	if err != nil {
		return nil, err
	}
	return &frontdoor.Door{
		Frontend: s,
		Tables:   []*pipeline.Table{s.table},
		Products: []*frontdoor.Product{{Name: "mqtt", State: s.State, Reset: s.Reset, Value: s}},
		Control:  s.Control,
	}, nil
}
