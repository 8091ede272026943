package pipeline

import (
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
)

// FaultHook decides, for a decoded and authenticated call, whether a fault
// applies. It returns nil when none does. The fault engine implements it; the
// pipeline only carries the effect out.
type FaultHook interface {
	Apply(call *Call) *Effect
}

// Effect is what a fault rule does to one call. At most one of Err, Raw,
// Drop, Reset and Timeout is set; Delay may accompany any of them (or none,
// for a pure latency fault, after which the call is served normally).
type Effect struct {
	Rule  string        // the rule's name, for the journal
	Delay time.Duration // real time to wait before going on
	Err   *apierr.Error // answer this catalogue error in the vendor's envelope
	Raw   *Raw          // answer these raw bytes instead of an envelope
	// Drop closes the connection without a response.
	Drop bool
	// Reset closes the connection with a TCP reset.
	Reset bool
	// Timeout holds the request until the client gives up (or MaxHold).
	Timeout bool
}

// Raw is a hand-made answer (malformed JSON, an HTML gateway page...).
type Raw struct {
	Status      int
	ContentType string
	Body        []byte
}

// MaxHold bounds a timeout fault so a client without a timeout cannot pin a
// goroutine forever.
const MaxHold = 2 * time.Minute
