package tdmq

import (
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// NewDoor assembles the TDMQ front door (TencentCloud API 3.0) around the
// RocketMQ 4.x and 5.x products.
func NewDoor(env pipeline.Env) (*frontdoor.Door, error) {
	s, err := New(env)
	if err != nil {
		return nil, err
	}
	services := []tcapi.Service{
		{Name: "tdmq", Version: VersionTDMQ, Actions: s.tdmqActions},
		{Name: "trocket", Version: VersionTRocket, Actions: s.trocketActions},
	}
	fe := tcapi.New(tcapi.Config{
		Door:          "tdmq",
		Services:      services,
		Catalogue:     apierr.Union("tdmq", tcapi.Common(), Errors),
		Accounts:      env.Accounts,
		Verify:        env.Verify,
		Regions:       s.opts.Regions,
		HonorLanguage: s.opts.HonorLanguage,
		Chinese:       productChinese,
	})
	return &frontdoor.Door{
		Frontend: fe,
		Services: []string{"tdmq", "trocket"},
		Tables:   []*pipeline.Table{s.tdmqActions, s.trocketActions},
		Products: []*frontdoor.Product{
			{Name: "rocketmq4", State: s.v4.state, Reset: s.v4.reset, Value: s},
			{Name: "rocketmq5", State: s.v5.state, Reset: s.v5.reset, Value: s},
		},
		Control: s.Control,
	}, nil
}
