// Package pipeline is the one request sequence every vendor shares:
//
//	recovery → request id → decode → verify → faults → dispatch → envelope,
//
// with every call journalled and observed. What differs per vendor (how a
// request is decoded and authenticated, where actions are looked up, how an
// answer is rendered) is a Frontend; the package itself names no vendor.
package pipeline

import (
	"context"
	"net/http"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/wire"
)

// Call is one decoded request as every stage after decoding sees it.
type Call struct {
	// Ctx ends when the client goes away (or the server shuts down): an
	// action that waits (a long poll) must give up with it.
	Ctx context.Context

	Vendor    string // "cmq", "tdmq", "ons", "mqtt"
	Service   string // the API within the vendor ("tdmq" or "trocket"; else = Vendor)
	Action    string // as the client sent it
	Version   string
	Region    string
	Method    string
	Host      string
	Path      string
	RequestID string
	Remote    string

	// Params are the request parameters flattened to strings, keys as the
	// client sent them (arrays as Name.N, structs as Name.N.Field). Fault
	// matching and the journal read them.
	Params map[string]string
	// Tree is the structured form of the parameters for APIs with JSON bodies
	// (TencentCloud API 3.0): decoded with json.Number, or, for parameters
	// that arrived flattened, a wire.Flat that the action's binding rebuilds
	// from its request struct. Nil for form-only APIs.
	Tree any
	// Pairs are the form parameters exactly as sent, in order, keys untrimmed
	// (signatures are computed over them). Nil for JSON APIs, except where a
	// form-signed request reaches them (API 3.0 signature v1).
	Pairs []wire.Pair
	// Body is the raw request body.
	Body []byte
	// Header is the request header.
	Header http.Header

	// Account is the authenticated account; CredentialID the key it used.
	Account      *account.Account
	CredentialID string

	// Received is the virtual time the call arrived.
	Received time.Time

	// Reason says why a verifier refused the call (the string to sign or
	// canonical request the server computed), for the debug log; it is
	// never sent to the client.
	Reason string

	// verified is set once the frontend's Verify accepted the call, routed
	// once its Route found the action.
	verified, routed bool
}

// Param returns a parameter, or "" when absent.
func (c *Call) Param(name string) string { return c.Params[name] }

// Has reports whether a parameter was sent (even empty).
func (c *Call) Has(name string) bool { _, ok := c.Params[name]; return ok }
