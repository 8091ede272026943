package pipeline

import (
	"errors"
	"io"
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Frontend is everything a vendor contributes to the pipeline.
type Frontend interface {
	// Vendor names the vendor ("cmq", ...), as used in config, journal and scenarios.
	Vendor() string
	// Catalogue is the vendor's error catalogue.
	Catalogue() *apierr.Catalogue
	// NewRequestID makes a request id in the vendor's format.
	NewRequestID() string
	// Decode reads the request into call (action, version, parameters...).
	Decode(r *http.Request, call *Call) error
	// Verify authenticates the call and sets call.Account.
	Verify(r *http.Request, call *Call) error
	// Route finds the handler for the call's action (and version).
	Route(call *Call) (Handler, error)
	// Write renders a result or a catalogue error; it is the only writer of
	// vendor responses.
	Write(w http.ResponseWriter, call *Call, result any, err *apierr.Error)
	// Internal is the vendor's internal-error row, used for panics and for
	// handler errors that are not catalogue errors.
	Internal() *apierr.Def
}

// Abandoner is implemented by frontends that record something while
// verifying (a replay-protection nonce) and must forget it when a fault
// drops the call unanswered: the client never got a reply, and net/http
// replays an idempotent request on a new connection with the same signature,
// which must not look like a replay attack.
type Abandoner interface {
	Abandon(call *Call)
}

// ErrBodyTooLarge is returned by ReadBody when the body exceeds the limit.
var ErrBodyTooLarge = errors.New("request body too large")

// ReadBody reads at most max bytes of the request body; a longer body gives
// ErrBodyTooLarge (the decoder maps it to its vendor's size error).
func ReadBody(r *http.Request, max int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	if r.ContentLength > max {
		return nil, ErrBodyTooLarge
	}
	// Sized from Content-Length when the request gives one, so a body is
	// read into one buffer instead of growing one from 512 bytes; one byte
	// more than the length lets the final read see EOF without growing.
	size := int64(512)
	if r.ContentLength >= 0 {
		size = r.ContentLength + 1
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Body.Read(b[len(b):min(cap(b), int(max)+1)])
		b = b[:len(b)+n]
		if int64(len(b)) > max {
			return nil, ErrBodyTooLarge
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
