package cmq

import (
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// NewDoor assembles the CMQ front door (the legacy CMQ HTTP API) around the
// CMQ product.
func NewDoor(s *Server) *frontdoor.Door {
	return &frontdoor.Door{
		Frontend: s,
		Tables:   []*pipeline.Table{s.actions},
		Products: []*frontdoor.Product{{Name: "cmq", State: s.State, Reset: s.Reset, Close: s.Close, Value: s}},
		Control:  s.Control,
	}
}
