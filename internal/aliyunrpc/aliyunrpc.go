// Package aliyunrpc is the Alibaba Cloud RPC ("POP") protocol as the official
// SDKs speak it: GET or POST, parameters in the query string and/or a form
// body, answers as flat JSON with string-only error fields. Two signatures are
// accepted: v1 (HMAC-SHA1 over every parameter, empty ones included, in the
// parameters themselves), and V3 (ACS3-HMAC-SHA256 in the Authorization
// header, action and version in x-acs-* headers; v3.go), the default of
// today's SDK cores. Every front door speaking it supplies its names,
// catalogue rows and action table in a Config: the package itself names no
// product.
package aliyunrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/requestid"
	"github.com/mqmock/mqmock/internal/sign/acs3"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
	"github.com/mqmock/mqmock/internal/wire"
)

// Errors are the catalogue rows the protocol layer answers with; a row left
// nil is the gateway's own (gateway.go). Each product sets its own rows (one
// answers an unknown action with its seed's ApiNotSupport, another with the
// gateway's InvalidAction.NotFound).
type Errors struct {
	Internal             *apierr.Def // panics, non-catalogue errors
	UnknownAction        *apierr.Def
	BadVersion           *apierr.Def
	MissingParameter     *apierr.Def // family: Missing%s
	Malformed            *apierr.Def // undecodable form, body too large
	UnsupportedMethod    *apierr.Def
	SignatureMismatch    *apierr.Def
	IncompleteSignature  *apierr.Def
	TimestampMissing     *apierr.Def
	TimestampFormat      *apierr.Def
	TimestampExpired     *apierr.Def
	NonceUsed            *apierr.Def
	KeyNotFound          *apierr.Def
	KeyInactive          *apierr.Def
	BadSignatureMethod   *apierr.Def
	UnsupportedAlgorithm *apierr.Def // V3 other than ACS3-HMAC-SHA256; the argument names it
	MissingSecurityToken *apierr.Def
	BadSecurityToken     *apierr.Def
	// BadFormat answers a Format other than JSON or XML.
	BadFormat *apierr.Def
}

// withGateway fills every row a product left unset with the gateway's own.
func (e Errors) withGateway() Errors {
	or := func(d **apierr.Def, gw *apierr.Def) {
		if *d == nil {
			*d = gw
		}
	}
	or(&e.BadVersion, errInvalidVersion)
	or(&e.MissingParameter, errMissingParameterFamily)
	or(&e.UnsupportedMethod, errUnsupportedHTTPMethod)
	or(&e.SignatureMismatch, errSignatureDoesNotMatch)
	or(&e.IncompleteSignature, errIncompleteSignature)
	or(&e.TimestampMissing, errIllegalTimestamp)
	or(&e.TimestampFormat, errInvalidTimeStampFormat)
	or(&e.TimestampExpired, errInvalidTimeStampExpired)
	or(&e.NonceUsed, errSignatureNonceUsed)
	or(&e.KeyNotFound, errInvalidAccessKeyIdNotFound)
	or(&e.KeyInactive, errInvalidAccessKeyIdInactive)
	or(&e.BadSignatureMethod, errInvalidSignatureMethod)
	or(&e.UnsupportedAlgorithm, errUnsupportedSignatureAlgorithm)
	or(&e.MissingSecurityToken, errMissingSecurityToken)
	or(&e.BadSecurityToken, errInvalidSecurityTokenMismatchWithAccessKey)
	or(&e.BadFormat, errInvalidParameterFormat)
	return e
}

// Config describes one front door speaking the protocol. Every name in it
// comes from the door's package: the protocol knows none.
type Config struct {
	Vendor  string // the front door's name (journal, scenarios' vendor:)
	Product string // the product code the official SDKs send, for Recommend links
	Version string // the one API version served on this port
	HostID  string // echoed as HostId: the product's endpoint host
	// Troubleshoot is the page an error's Recommend link points at; the
	// code, Product and request id are appended as its query.
	Troubleshoot string
	Catalogue    *apierr.Catalogue
	Errors       Errors
	Actions      *pipeline.Table
	// Accounts finds the account of an AccessKeyId; nil means no accounts.
	Accounts *account.Registry
	// Credentials reads the access key an account signs with on this door;
	// nil reads the account's Alibaba keys (AlibabaKeys), which every door
	// of this protocol uses today.
	Credentials func(*account.Account) Credentials
	Verify      bool
	// Now is the real-time source for signature freshness (time.Now when nil):
	// the SDKs sign with the machine's clock, never the virtual one.
	Now func() time.Time
}

// AlibabaKeys are an account's Alibaba Cloud access key, secret, STS token
// and state: what the RPC protocol's signatures are made with.
func AlibabaKeys(a *account.Account) Credentials {
	return Credentials{Secret: a.Alibaba.AccessKeySecret, SecurityToken: a.Alibaba.SecurityToken, Disabled: a.Alibaba.Disabled}
}

// Credentials are what the protocol checks of an account's access key.
type Credentials struct {
	Secret string
	// SecurityToken is the STS token every call with the key must carry;
	// empty for a long-term key.
	SecurityToken string
	Disabled      bool
}

// Window is the accepted distance between a request's Timestamp (v1) or
// x-acs-date (V3) and now.
const Window = 15 * time.Minute

// MaxBody bounds a form body.
const MaxBody = 1 << 20

// Frontend implements pipeline.Frontend for one product.
type Frontend struct {
	cfg    Config
	nonces *nonceCache
	ids    *requestid.Source
	v1     *aliyunsign.Verifier
	v3     *acs3.Verifier
}

// New makes the frontend.
func New(cfg Config) *Frontend {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Credentials == nil {
		cfg.Credentials = AlibabaKeys
	}
	cfg.Errors = cfg.Errors.withGateway()
	return &Frontend{cfg: cfg, nonces: newNonceCache(), ids: requestid.New(), v1: aliyunsign.NewVerifier(), v3: acs3.NewVerifier()}
}

// Vendor implements pipeline.Frontend.
func (f *Frontend) Vendor() string { return f.cfg.Vendor }

// Catalogue implements pipeline.Frontend.
func (f *Frontend) Catalogue() *apierr.Catalogue { return f.cfg.Catalogue }

// Internal implements pipeline.Frontend.
func (f *Frontend) Internal() *apierr.Def { return f.cfg.Errors.Internal }

// NewRequestID makes an upper-case UUID, as Alibaba's gateways do.
func (f *Frontend) NewRequestID() string { return f.ids.Upper() }

// Abandon implements pipeline.Abandoner: a call a fault dropped unanswered
// gives its nonce back, so net/http's transparent replay of a GET is served
// like the first attempt rather than refused as SignatureNonceUsed.
func (f *Frontend) Abandon(call *pipeline.Call) {
	nonce := call.Params["SignatureNonce"]
	if isV3(call.Header) {
		nonce = call.Header.Get(acs3.HeaderNonce)
	}
	if nonce != "" && call.Account != nil {
		f.nonces.forget(call.CredentialID, nonce)
	}
}

// ResetNonces forgets every nonce seen (control API reset).
func (f *Frontend) ResetNonces() { f.nonces.reset() }

// Decode implements pipeline.Frontend: query and form body merged (the body
// wins, as in the Go SDK's signer), every key and value kept, empty ones too.
// A V3 request takes its action and version from the x-acs-* headers; a v1
// request from its parameters.
func (f *Frontend) Decode(r *http.Request, call *pipeline.Call) error {
	e := f.cfg.Errors
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return e.UnsupportedMethod.New()
	}
	body, err := pipeline.ReadBody(r, MaxBody)
	if errors.Is(err, pipeline.ErrBodyTooLarge) {
		return e.Malformed.New("body").WithDetail(" (request body larger than 1 MB)")
	} else if err != nil {
		return e.Malformed.New("body")
	}
	call.Body = body
	pairs, err := wire.ParsePairs(r.URL.RawQuery)
	if err != nil {
		return e.Malformed.New("query")
	}
	if r.Method == http.MethodPost && len(body) > 0 && isForm(r.Header.Get("Content-Type")) {
		bp, err := wire.ParsePairs(string(body))
		if err != nil {
			return e.Malformed.New("body")
		}
		if pairs == nil {
			pairs = bp
		} else {
			pairs = append(pairs, bp...)
		}
	}
	call.Pairs = pairs
	if len(call.Params) == 0 {
		call.Params = make(map[string]string, len(pairs)) // one allocation, not a growing map
	}
	for _, p := range pairs {
		call.Params[p.Key] = p.Value // later (body) values win
	}
	call.Region = call.Params["RegionId"]
	if isV3(r.Header) {
		return f.decodeV3(r, call)
	}
	call.Action = call.Params["Action"]
	call.Version = call.Params["Version"]
	if call.Action == "" && f.cfg.Verify {
		if _, signed := call.Params["Signature"]; !signed {
			// Neither signature: an SDK speaking something else (a bearer
			// token, a future signature) learns that, not MissingAction.
			return e.IncompleteSignature.New().WithDetail(" " + unsigned)
		}
	}
	return f.checkCall(call)
}

// checkCall checks the action, version and Format of a decoded call: in
// Decode for v1 (aliyun-rpc.md §6 order), after the signature for V3
// (aliyun-v3.md §6).
func (f *Frontend) checkCall(call *pipeline.Call) error {
	e := f.cfg.Errors
	if call.Action == "" {
		return e.MissingParameter.New("Action")
	}
	if call.Version == "" {
		return e.MissingParameter.New("Version")
	}
	if call.Version != f.cfg.Version {
		return e.BadVersion.New()
	}
	if format, sent := call.Params["Format"]; sent && !strings.EqualFold(format, "JSON") && !strings.EqualFold(format, "XML") {
		return e.BadFormat.New()
	}
	return nil
}

// isForm tells whether a POST body holds parameters: a form, or a body sent
// with no content type at all. A JSON or binary body is kept in call.Body
// but never read as parameters.
func isForm(contentType string) bool {
	ct := strings.ToLower(strings.TrimSpace(contentType))
	return ct == "" || strings.HasPrefix(ct, "application/x-www-form-urlencoded")
}

// stsMarker is the text after which the Go SDK reads the server's string to
// sign out of a SignatureDoesNotMatch message (sdk/errors
// signature_does_not_match_wrapper.go: strings.Split(message, marker)[1]).
const stsMarker = "server string to sign is:"

// Verify implements pipeline.Frontend in the order of aliyun-rpc.md §6 (v1)
// or aliyun-v3.md §6 (V3, verifyV3).
func (f *Frontend) Verify(r *http.Request, call *pipeline.Call) error {
	if isV3(r.Header) {
		return f.verifyV3(r, call)
	}
	e := f.cfg.Errors
	p := call.Params
	keyID, ok := p["AccessKeyId"]
	call.CredentialID = keyID
	if !f.cfg.Verify {
		call.Account = f.accountOrDefault(keyID)
		return nil
	}
	if !ok || keyID == "" {
		return e.MissingParameter.New("AccessKeyId")
	}
	acct, ok := f.account(keyID)
	if !ok {
		return e.KeyNotFound.New()
	}
	ts, ok := p["Timestamp"]
	if !ok || ts == "" {
		return e.TimestampMissing.New()
	}
	t, err := parseTimestamp(ts)
	if err != nil {
		return e.TimestampFormat.New()
	}
	if d := f.cfg.Now().Sub(t); d > Window || d < -Window {
		return e.TimestampExpired.New()
	}
	if m := p["SignatureMethod"]; m != "HMAC-SHA1" {
		if m == "" {
			return e.IncompleteSignature.New()
		}
		return e.BadSignatureMethod.New()
	}
	sig, ok := p["Signature"]
	if !ok || sig == "" || p["SignatureVersion"] != "1.0" {
		return e.IncompleteSignature.New()
	}
	key := f.cfg.Credentials(acct)
	// The string to sign leaves Signature out by itself.
	good, sts := f.v1.Verify(key.Secret, call.Method, p, sig)
	if !good {
		// The real gateway appends its string to sign; the Go SDK compares it
		// with its own to tell a wrong secret from a signing bug.
		// The marker must appear exactly once: the SDK takes the text after
		// its first occurrence and compares it whole.
		call.Reason = "signature mismatch; the server's string to sign: " + sts
		return f.mismatch(sts)
	}
	nonce := p["SignatureNonce"]
	if nonce == "" {
		return e.MissingParameter.New("SignatureNonce")
	}
	token, tokenSent := p["SecurityToken"]
	if err := f.checkKey(keyID, nonce, key, token, tokenSent); err != nil {
		return err
	}
	call.Account = acct
	return nil
}

// mismatch is the SignatureDoesNotMatch answer carrying the server's string
// to sign after the marker, which must appear exactly once: the Go SDK takes
// the text after its first occurrence and compares it whole.
func (f *Frontend) mismatch(stringToSign string) *apierr.Error {
	row := f.cfg.Errors.SignatureMismatch
	detail := stringToSign
	if !strings.HasSuffix(row.Message, stsMarker) {
		detail = " " + stsMarker + stringToSign
	}
	return row.New().WithDetail(detail)
}

// checkKey checks what v1 and V3 check alike once the signature is good:
// the nonce is fresh (one cache for both), the key enabled, and the STS
// token the key's. An empty nonce is not recorded (V3 makes it optional;
// v1 refused it earlier).
func (f *Frontend) checkKey(keyID, nonce string, key Credentials, token string, tokenSent bool) error {
	e := f.cfg.Errors
	if nonce != "" && !f.nonces.add(keyID, nonce, f.cfg.Now()) {
		return e.NonceUsed.New()
	}
	if key.Disabled {
		return e.KeyInactive.New()
	}
	if want := key.SecurityToken; want != "" {
		if !tokenSent {
			return e.MissingSecurityToken.New()
		}
		if token != want {
			return e.BadSecurityToken.New()
		}
	} else if tokenSent && token != "" {
		// A token for a key that has none configured cannot be checked.
		return e.BadSecurityToken.New()
	}
	return nil
}

// account finds the account of an AccessKeyId; with no registry there is
// none (a zero environment has no accounts).
func (f *Frontend) account(keyID string) (*account.Account, bool) {
	if f.cfg.Accounts == nil {
		return nil, false
	}
	return f.cfg.Accounts.ByAccessKeyID(keyID)
}

func (f *Frontend) accountOrDefault(keyID string) *account.Account {
	if a, ok := f.account(keyID); ok {
		return a
	}
	if f.cfg.Accounts == nil {
		return nil
	}
	if all := f.cfg.Accounts.All(); len(all) > 0 {
		return all[0]
	}
	return nil
}

func parseTimestamp(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05Z", time.RFC3339, "2006-01-02T15:04:05.000Z"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad timestamp")
}

// Route implements pipeline.Frontend.
func (f *Frontend) Route(call *pipeline.Call) (pipeline.Handler, error) {
	h, ok := f.cfg.Actions.Lookup(call.Action)
	if !ok {
		return nil, f.cfg.Errors.UnknownAction.New()
	}
	return h, nil
}

// Write implements pipeline.Frontend: 200 with the action's fields and
// RequestId, or the documented status with string-only error fields (a
// number in any of them makes the Go SDK panic).
func (f *Frontend) Write(w http.ResponseWriter, call *pipeline.Call, result any, aerr *apierr.Error) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	if aerr == nil {
		fields, err := objectBody(result)
		if err != nil {
			aerr = f.cfg.Errors.Internal.New()
		} else {
			w.WriteHeader(http.StatusOK)
			out := make([]byte, 0, len(fields)+64)
			out = append(out, `{"RequestId":`...)
			out = appendJSONString(out, call.RequestID)
			if len(fields) > 0 {
				out = append(out, ',')
				out = append(out, fields...)
			}
			out = append(out, '}')
			_, _ = w.Write(out)
			return
		}
	}
	env := errorEnvelope{
		RequestID: call.RequestID,
		HostID:    f.cfg.HostID,
		Code:      aerr.Code(),
		Message:   aerr.Message(),
		Recommend: f.cfg.Troubleshoot + "?q=" + aerr.Code() + "&product=" + f.cfg.Product + "&requestId=" + call.RequestID,
	}
	// No HTML escaping: the gateway writes the Recommend link's "&" as is.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(env)
	w.WriteHeader(aerr.Def.Status)
	_, _ = w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// objectBody is pipeline.ObjectBody without HTML escaping: a message body
// "a & b" comes back as sent, as the gateway writes it.
func objectBody(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimSpace(buf.Bytes())
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return nil, errors.New("a result must encode as a JSON object")
	}
	return bytes.TrimSpace(b[1 : len(b)-1]), nil
}

type errorEnvelope struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}

// nonceCache remembers nonces per AccessKeyId for the freshness window: a
// nonce older than the window can no longer pass the timestamp check anyway.
type nonceCache struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	prune time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{seen: map[string]time.Time{}} }

func (c *nonceCache) add(keyID, nonce string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.Sub(c.prune) > time.Minute {
		for k, t := range c.seen {
			if now.Sub(t) > 2*Window {
				delete(c.seen, k)
			}
		}
		c.prune = now
	}
	k := keyID + "\x00" + nonce
	if _, dup := c.seen[k]; dup {
		return false
	}
	c.seen[k] = now
	return true
}

func (c *nonceCache) forget(keyID, nonce string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.seen, keyID+"\x00"+nonce)
}

func (c *nonceCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.seen)
}
