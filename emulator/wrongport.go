package emulator

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// misdirected answers, for the door here, a call it refused before any
// action that speaks another door's protocol: an ONS client aimed at the
// TDMQ port gets an Alibaba error its SDK raises, whose message names the
// port that serves it, instead of a TencentCloud answer it cannot read (or,
// worse, an answer it takes for success).
func (e *Emulator) misdirected(here doorSpec) func(*http.Request, *pipeline.Call) (pipeline.Frontend, *apierr.Error) {
	return func(r *http.Request, call *pipeline.Call) (pipeline.Frontend, *apierr.Error) {
		if own := e.doors[here.Name]; own.Claims != nil && own.Claims(r, call.Body) {
			return nil, nil // this door's request, refused for its own reasons
		}
		for _, other := range e.specs {
			d := e.doors[other.Name]
			if other.Name == here.Name || d.Claims == nil || d.WrongPort == nil || !d.Claims(r, call.Body) {
				continue
			}
			return d.Frontend, d.WrongPort.New().WithDetail(": this is mqmock's " + here.Title + " port (" + here.Protocol + "); " +
				other.Title + " is served at " + e.address(other))
		}
		return nil, nil
	}
}
