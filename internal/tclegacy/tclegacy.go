// Package tclegacy is Tencent Cloud's legacy HTTP API protocol, the one
// served at /v2/index.php (CMQ's queues, messages, topics and
// subscriptions): GET or POST, parameters as a form in the query and/or the
// body, HmacSHA1 or HmacSHA256 over every parameter (cmqsign), and an
// answer that is always HTTP 200 with {"code":…,"message":"(module)text",
// "requestId":…} followed by the action's own fields.
//
// The package is table-driven like aliyunrpc: a product supplies its
// catalogue rows for each protocol failure, its action table, the
// parameters of each action, and hooks for the rules it applies to every
// call. The package names no product.
package tclegacy

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/requestid"
	"github.com/mqmock/mqmock/internal/sign/cmqsign"
	"github.com/mqmock/mqmock/internal/wire"
)

// MaxRequest is the documented request size limit (CMQ 4000/10420). Bodies
// up to hardCap are still read so that an action that checks its decoded
// messages first (Config.DeferSize) can answer its more specific error.
const (
	MaxRequest = 1 << 20
	hardCap    = 4 << 20
)

// Window bounds the distance between a request's Timestamp and real time
// (unconfirmed for CMQ v2; the same ±300 s as API 3.0, cmq.md §4.2).
const Window = 300 * time.Second

// commonParams are the protocol's own parameters, accepted by every action
// in strict mode (cmq.md §3).
func commonParams() []string {
	return []string{"Action", "SecretId", "Signature", "Timestamp", "Nonce", "SignatureMethod", "Region", "Token", "RequestClient"}
}

// Errors are the product's catalogue rows for each failure the protocol
// detects. Every row is required.
type Errors struct {
	// Internal answers panics and errors that are not catalogue errors.
	Internal *apierr.Def
	// Method answers a method other than GET or POST (%s: the method).
	Method *apierr.Def
	// Unparsable answers an unreadable or oversized request (%s: "request").
	Unparsable *apierr.Def
	// NoQuery answers a GET without a query (%s: "Action").
	NoQuery *apierr.Def
	// Malformed answers a query or form body that does not decode.
	Malformed *apierr.Def
	// Repeated answers a key sent twice, in the query, the body or across
	// both (%s: the key).
	Repeated *apierr.Def
	// BadIndex answers an array key with a malformed index (%s: the key).
	BadIndex *apierr.Def
	// MissingAction answers a call with no or an empty Action.
	MissingAction *apierr.Def
	// UnknownAction answers an action the table does not hold (%s: it).
	UnknownAction *apierr.Def
	// UnknownParameter answers, in strict mode, a parameter the action does
	// not take (%s: the parameter).
	UnknownParameter *apierr.Def
	// MissingCredential answers a verified call without SecretId,
	// Signature, Timestamp or Nonce.
	MissingCredential *apierr.Def
	// KeyFormat answers a SecretId that does not begin with "AKID".
	KeyFormat *apierr.Def
	// UnknownKey answers a SecretId no account holds.
	UnknownKey *apierr.Def
	// DisabledKey answers a disabled SecretId.
	DisabledKey *apierr.Def
	// Unauthenticated answers a bad or stale Timestamp, a signature that
	// does not match, and a temporary key without its session token.
	Unauthenticated *apierr.Def
}

// Credential is what the protocol needs of an account's key: the account
// registry holds credentials for several clouds, the product says which
// ones this door checks.
type Credential struct {
	SecretKey string
	// Token, when set, is the session token a temporary key must send.
	Token    string
	Disabled bool
}

// Config describes one product behind the protocol.
type Config struct {
	// Door names the front door (a scenario's `vendor:`, the journal's).
	Door      string
	Catalogue *apierr.Catalogue
	Errors    Errors
	// Actions is the product's action table (looked up as the table folds).
	Actions *pipeline.Table
	// Parameters lists, for strict mode, the parameters each action of the
	// table takes, arrays by their base name ("msgBody" for msgBody.1).
	Parameters map[string][]string
	// Strict refuses a parameter the action does not take
	// (Errors.UnknownParameter). Off, unknown parameters are ignored.
	Strict bool
	// Arrays are the parameters sent as name.n: a malformed index on one of
	// them is refused while decoding (Errors.BadIndex).
	Arrays []string
	// DeferSize names the actions whose handler applies the size rule
	// itself, after its own checks of the decoded request (a batch whose
	// messages alone exceed 1 MiB has a more specific error); Oversized
	// tells the handler.
	DeferSize []string

	Accounts *account.Registry
	// Credential picks the key this door checks out of an account.
	Credential func(a *account.Account) Credential
	// Verify turns signature checking on; off, the SecretId picks the
	// account if it names one, else the first account.
	Verify bool
	// Now is the real-time source for signature freshness (time.Now when
	// nil): SDKs sign with the machine's clock, never the virtual one.
	Now func() time.Time

	// Admit, when set, judges the account of a verified call (states no
	// request can produce, like an overdue bill); its error is the answer.
	Admit func(a *account.Account) error
	// Routed, when set, runs once the action is known and strict mode has
	// passed, before the handler: the product's rules for every call (a
	// per-resource rate limit). Its error is the answer.
	Routed func(call *pipeline.Call) error
}

// Frontend implements pipeline.Frontend for one product.
type Frontend struct {
	cfg    Config
	known  map[string]map[string]bool // lower-case action → parameters taken
	ids    *requestid.Source
	verify *cmqsign.Verifier
}

// New makes the frontend. A missing row or credential picker panics: it is
// a programming error every test run catches.
func New(cfg Config) *Frontend {
	rows := reflect.ValueOf(cfg.Errors)
	for i := range rows.NumField() {
		if rows.Field(i).IsNil() {
			panic("tclegacy: Errors." + rows.Type().Field(i).Name + " is not set")
		}
	}
	if cfg.Credential == nil {
		panic("tclegacy: Config.Credential is not set")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	f := &Frontend{cfg: cfg, known: make(map[string]map[string]bool, len(cfg.Parameters)), ids: requestid.New(), verify: cmqsign.NewVerifier()}
	common := commonParams()
	for action, params := range cfg.Parameters {
		known := make(map[string]bool, len(common)+len(params)) // sized: built for every action at start
		for _, p := range common {
			known[p] = true
		}
		for _, p := range params {
			known[p] = true
		}
		f.known[strings.ToLower(action)] = known
	}
	return f
}

// Vendor implements pipeline.Frontend: the door's name.
func (f *Frontend) Vendor() string { return f.cfg.Door }

// Catalogue implements pipeline.Frontend.
func (f *Frontend) Catalogue() *apierr.Catalogue { return f.cfg.Catalogue }

// Internal implements pipeline.Frontend.
func (f *Frontend) Internal() *apierr.Def { return f.cfg.Errors.Internal }

// NewRequestID makes a request id; the legacy API's are opaque strings.
func (f *Frontend) NewRequestID() string { return f.ids.Lower() }

// Decode implements pipeline.Frontend in the order of cmq.md §6: method,
// size, form encoding, duplicate keys, array indexes, size again. The body
// is parsed as a form whatever its Content-Type says (the Python and Go SDKs
// send none, Java "*/*").
func (f *Frontend) Decode(r *http.Request, call *pipeline.Call) error {
	e := f.cfg.Errors
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return e.Method.New(r.Method)
	}
	body, err := pipeline.ReadBody(r, hardCap)
	if err != nil || len(r.URL.RawQuery) > hardCap {
		return e.Unparsable.New("request")
	}
	call.Body = body
	if r.Method == http.MethodGet && r.URL.RawQuery == "" {
		return e.NoQuery.New("Action")
	}
	pairs, err := wire.ParsePairs(r.URL.RawQuery)
	if err != nil {
		return e.Malformed.New()
	}
	if r.Method == http.MethodPost {
		bp, err := wire.ParsePairs(string(body))
		if err != nil {
			return e.Malformed.New()
		}
		if pairs == nil {
			pairs = bp
		} else {
			pairs = append(pairs, bp...)
		}
	}
	call.Pairs = pairs
	if dup := wire.DuplicateKey(pairs, true); dup != "" {
		return e.Repeated.New(dup)
	}
	// Lookups use trimmed keys: the Go SDK sends "offset " and signs it so.
	if len(call.Params) == 0 {
		call.Params = make(map[string]string, len(pairs))
	}
	indexed := false
	for _, p := range pairs {
		call.Params[strings.TrimSpace(p.Key)] = p.Value
		indexed = indexed || strings.Contains(p.Key, ".")
	}
	// Only a name with a "." can be an array's element.
	for _, name := range f.cfg.Arrays {
		if !indexed {
			break
		}
		var ie *wire.IndexError
		if _, err := wire.Indexed(call.Params, name, 0, 1); errors.As(err, &ie) && ie.Kind == wire.BadIndex {
			return e.BadIndex.New(ie.Key)
		}
	}
	if Oversized(call) && !f.defersSize(call.Params["Action"]) {
		return e.Unparsable.New("request")
	}
	call.Action = call.Params["Action"]
	call.Region = call.Params["Region"]
	return nil
}

// Oversized reports whether the raw request exceeds MaxRequest: the body of
// a POST, the (re-encoded) query of a GET. Handlers of Config.DeferSize
// actions call it once their own checks have passed.
func Oversized(call *pipeline.Call) bool {
	if call.Method == http.MethodPost {
		return len(call.Body) > MaxRequest
	}
	n := 0
	for _, p := range call.Pairs {
		n += len(url.QueryEscape(p.Key)) + len(url.QueryEscape(p.Value)) + 2
	}
	return n > MaxRequest
}

func (f *Frontend) defersSize(action string) bool {
	for _, a := range f.cfg.DeferSize {
		if strings.EqualFold(a, action) {
			return true
		}
	}
	return false
}

// Verify implements pipeline.Frontend (cmq.md §4.2), then Config.Admit.
func (f *Frontend) Verify(r *http.Request, call *pipeline.Call) error {
	e := f.cfg.Errors
	p := call.Params
	call.CredentialID = p["SecretId"]
	if !f.cfg.Verify {
		call.Account = f.accountOrDefault(p["SecretId"])
		return nil
	}
	// Every one of them is signed; none may be missing.
	for _, k := range []string{"SecretId", "Signature", "Timestamp", "Nonce"} {
		if p[k] == "" {
			return e.MissingCredential.New()
		}
	}
	if !strings.HasPrefix(p["SecretId"], "AKID") {
		return e.KeyFormat.New()
	}
	acct, ok := f.bySecretID(p["SecretId"])
	if !ok {
		return e.UnknownKey.New()
	}
	cred := f.cfg.Credential(acct)
	if cred.Disabled {
		return e.DisabledKey.New()
	}
	ts, err := strconv.ParseInt(p["Timestamp"], 10, 64)
	if err != nil {
		return e.Unauthenticated.New()
	}
	if d := f.cfg.Now().Sub(time.Unix(ts, 0)); d > Window || d < -Window {
		call.Reason = "Timestamp " + p["Timestamp"] + " is more than " + Window.String() + " from the server's time"
		return e.Unauthenticated.New()
	}
	params := make([]cmqsign.Param, len(call.Pairs))
	for i, pr := range call.Pairs {
		params[i] = cmqsign.Param{Key: pr.Key, Value: pr.Value}
	}
	if !f.verify.Verify(cred.SecretKey, cmqsign.RequestView{Method: r.Method, Host: r.Host, Path: r.URL.EscapedPath(), Params: params}) {
		call.Reason = "signature mismatch; the server's string to sign (host as received): " +
			cmqsign.StringToSign(r.Method, r.Host, r.URL.EscapedPath(), params, false)
		return e.Unauthenticated.New()
	}
	// A temporary key is only good with its session token (the TDMQ-CMQ Go
	// SDK sends it as Token); no code of its own is documented.
	if tok := cred.Token; tok != "" && subtle.ConstantTimeCompare([]byte(p["Token"]), []byte(tok)) != 1 {
		return e.Unauthenticated.New()
	}
	if f.cfg.Admit != nil {
		if err := f.cfg.Admit(acct); err != nil {
			return err
		}
	}
	call.Account = acct
	return nil
}

// bySecretID finds an account; no registry means no accounts.
func (f *Frontend) bySecretID(id string) (*account.Account, bool) {
	if f.cfg.Accounts == nil {
		return nil, false
	}
	return f.cfg.Accounts.BySecretID(id)
}

// accountOrDefault is the account a call acts for when signatures are not
// checked: the one its SecretId names, else the first configured.
func (f *Frontend) accountOrDefault(id string) *account.Account {
	if a, ok := f.bySecretID(id); ok {
		return a
	}
	if f.cfg.Accounts != nil {
		if all := f.cfg.Accounts.All(); len(all) > 0 {
			return all[0]
		}
	}
	return nil
}

// Route implements pipeline.Frontend: action names match as the table
// folds them, then strict mode, then Config.Routed.
func (f *Frontend) Route(call *pipeline.Call) (pipeline.Handler, error) {
	e := f.cfg.Errors
	if call.Action == "" {
		return nil, e.MissingAction.New()
	}
	h, ok := f.cfg.Actions.Lookup(call.Action)
	if !ok {
		return nil, e.UnknownAction.New(call.Action)
	}
	if f.cfg.Strict {
		if k := f.unknownParameter(call); k != "" {
			return nil, e.UnknownParameter.New(k)
		}
	}
	if f.cfg.Routed != nil {
		if err := f.cfg.Routed(call); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// unknownParameter is the first parameter the action does not take, ""
// when all are known; an array counts by its base name.
func (f *Frontend) unknownParameter(call *pipeline.Call) string {
	known := f.known[strings.ToLower(call.Action)]
	for _, p := range call.Pairs {
		k := strings.TrimSpace(p.Key)
		base, _, _ := strings.Cut(k, ".")
		if !known[k] && !known[base] {
			return k
		}
	}
	return ""
}

// Write implements pipeline.Frontend: HTTP 200 always; code a JSON number,
// message "(module)text" on errors, requestId a string, then the action's
// fields (or the error's extra fields, like a batch delete's errorList).
func (f *Frontend) Write(w http.ResponseWriter, call *pipeline.Call, result any, aerr *apierr.Error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	code, message := 0, ""
	var fields []byte
	var err error
	if aerr == nil {
		if fields, err = pipeline.ObjectBody(result); err != nil {
			aerr = f.cfg.Errors.Internal.New()
		}
	}
	if aerr != nil {
		code, message = Render(aerr)
		fields, _ = pipeline.ObjectBody(aerr.Fields)
	}
	out := make([]byte, 0, len(fields)+96)
	out = append(out, `{"code":`...)
	out = strconv.AppendInt(out, int64(code), 10)
	out = append(out, `,"message":`...)
	out = appendJSONString(out, message)
	out = append(out, `,"requestId":`...)
	out = appendJSONString(out, call.RequestID)
	if len(fields) > 0 {
		out = append(out, ',')
		out = append(out, fields...)
	}
	out = append(out, '}')
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// unrenderableCode is the code of an error whose row has no numeric code:
// the protocol's server-error code.
const unrenderableCode = 6000

// Render turns a catalogue error whose Code is "<code>/<module>"
// ("4000/10100") into the numeric code and the message as the wire carries
// them: "(10100)queue is not existed, or deleted". Answers that list
// several failures (a batch delete's errorList) render each the same way.
func Render(e *apierr.Error) (int, string) {
	c, module, _ := strings.Cut(e.Code(), "/")
	code, err := strconv.Atoi(c)
	if err != nil {
		code = unrenderableCode
	}
	return code, "(" + module + ")" + e.Message()
}

// appendJSONString appends s as a JSON string. Messages echo what clients
// sent (an unknown action's name), which may be any bytes: encoding/json
// escapes what JSON needs and turns invalid UTF-8 into U+FFFD, where Go's
// own quoting (\xff) would break every SDK's JSON parser.
func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}
