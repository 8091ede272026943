// Package tcapi is the TencentCloud API 3.0 protocol as the official SDKs
// speak it: action, version and region in X-TC-* headers, parameters as a
// JSON body (POST) or a flattened query (GET), TC3-HMAC-SHA256 signatures,
// and every answer as {"Response":{…,"RequestId":…}} with HTTP 200. Requests
// signed with signature v1 (SignatureMethod HmacSHA1 / HmacSHA256, every
// parameter in a GET query or a form POST body; v1.go) reach the same
// actions. A front door serves one or more services (an API name and
// version, each with its action table) through it; the package names no
// product.
package tcapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/requestid"
	"github.com/mqmock/mqmock/internal/sign/tc3"
	"github.com/mqmock/mqmock/internal/wire"
)

// Size limits of TencentCloud API 3.0 (doc 1130/46710): a TC3-signed POST up
// to 10 MB, a signature v1 (form) POST up to 1 MB, a GET query up to 32 KB.
const (
	maxPostBody   = 10 << 20
	maxV1PostBody = 1 << 20
	maxGetQuery   = 32 << 10
)

// SignatureWindow is the allowed distance between the signed time
// (X-TC-Timestamp, or the Timestamp parameter under signature v1) and real
// time.
const SignatureWindow = 300 * time.Second

// Service is one API served on the port: its name (the credential scope's
// service, a fault rule's `service:`), its version and its actions. One
// version may be served by several products' tables (tdmq 2020-02-17 is
// RocketMQ 4.x and CMQ); their action names must not overlap.
type Service struct {
	Name    string
	Version string
	Tables  []*pipeline.Table
}

// Config describes one front door.
type Config struct {
	// Door names the front door (a scenario's `vendor:`).
	Door string
	// Services are routed by X-TC-Version, never by host or credential
	// scope: action names alone are ambiguous between services.
	Services []Service
	// Catalogue is the door's: Common() plus the products' rows.
	Catalogue *apierr.Catalogue
	Accounts  *account.Registry
	Verify    bool
	// Regions, when set, are the only X-TC-Region values served; any other
	// answers UnsupportedRegion.
	Regions []string
	// HonorLanguage answers error messages in Chinese to requests with
	// X-TC-Language: zh-CN where a Chinese text is known (Chinese for the
	// common codes, plus the products' texts in Chinese).
	HonorLanguage bool
	Chinese       map[string]string
	// Now is the real-time source for signature freshness (time.Now when
	// nil): the SDKs sign with the machine's clock, never the virtual one.
	Now func() time.Time
}

// Frontend implements pipeline.Frontend for one front door.
type Frontend struct {
	cfg     Config
	chinese map[string]string
	// keys are the signing keys of verified calls (three HMACs saved per
	// call); one set per frontend, so two emulators share nothing.
	keys tc3.Keys
	ids  *requestid.Source
}

// New makes the frontend. An action served by two tables of one service
// panics: which one answers would be an accident of order, a programming
// error every test run catches.
func New(cfg Config) *Frontend {
	for _, s := range cfg.Services {
		seen := map[string]bool{}
		for _, t := range s.Tables {
			for _, name := range t.Names() {
				if seen[strings.ToLower(name)] {
					panic("tcapi: action " + name + " is in two tables of " + s.Name + " " + s.Version)
				}
				seen[strings.ToLower(name)] = true
			}
		}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Catalogue == nil {
		cfg.Catalogue = common
	}
	zh := make(map[string]string, len(commonChinese)+len(cfg.Chinese))
	for k, v := range commonChinese {
		zh[k] = v
	}
	for k, v := range cfg.Chinese {
		zh[k] = v
	}
	return &Frontend{cfg: cfg, chinese: zh, ids: requestid.New()}
}

// Vendor implements pipeline.Frontend.
func (f *Frontend) Vendor() string { return f.cfg.Door }

// Catalogue implements pipeline.Frontend.
func (f *Frontend) Catalogue() *apierr.Catalogue { return f.cfg.Catalogue }

// Internal implements pipeline.Frontend.
func (f *Frontend) Internal() *apierr.Def { return errInternalError }

// NewRequestID makes a lower-case UUID like every Tencent example.
func (f *Frontend) NewRequestID() string { return f.ids.Lower() }

// Decode implements pipeline.Frontend: action, version and region from the
// X-TC-* headers; parameters from the JSON body (POST) or the flattened
// query (GET), into one tree. A flattened query is kept as a wire.Flat tree
// until Bind rebuilds it from the action's request struct. A signature v1
// request (no Authorization, no X-TC-Action, a form POST or a GET whose
// query names the Action or carries a Signature) is decoded by decodeV1.
func (f *Frontend) Decode(r *http.Request, call *pipeline.Call) error {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return errUnsupportedProtocol.New()
	}
	if v1, err := f.decodeV1(r, call); v1 || err != nil {
		return err
	}
	call.Action = r.Header.Get("X-TC-Action")
	call.Version = r.Header.Get("X-TC-Version")
	call.Region = r.Header.Get("X-TC-Region")
	if r.Method == http.MethodGet {
		if len(r.URL.RawQuery) > maxGetQuery {
			return errInvalidParameter.New().WithDetail(" (GET query larger than 32 KB)")
		}
		pairs, err := wire.ParsePairs(r.URL.RawQuery)
		if err != nil {
			return errInvalidParameter.New().WithDetail(" (malformed query string)")
		}
		flat := wire.Flat{}
		for _, p := range pairs {
			call.Params[p.Key] = p.Value
			flat[p.Key] = p.Value
		}
		call.Tree = flat
	} else {
		body, err := pipeline.ReadBody(r, maxPostBody)
		if errors.Is(err, pipeline.ErrBodyTooLarge) {
			return errInvalidParameter.New().WithDetail(" (request body larger than 10 MB)")
		} else if err != nil {
			return errInvalidParameter.New()
		}
		call.Body = body
		tree := any(map[string]any{})
		if len(strings.TrimSpace(string(body))) > 0 {
			tree, err = wire.DecodeJSON(body)
			if err != nil {
				return errInvalidParameter.New().WithDetail(" (request body is not valid JSON)")
			}
		}
		if _, ok := tree.(map[string]any); !ok {
			return errInvalidParameter.New().WithDetail(" (request body must be a JSON object)")
		}
		call.Tree = tree
		call.Params = wire.Flatten(tree)
	}
	return f.routed(call, "X-TC-Action", "X-TC-Version")
}

// routed sets the call's service from its version and refuses a call with
// no action or version, naming where they were expected.
func (f *Frontend) routed(call *pipeline.Call, actionName, versionName string) error {
	// The pipeline pre-sets Service to the door's name, so an unknown
	// version must clear it or a service of that name would serve it.
	call.Service = ""
	if s, ok := f.service(call.Version); ok {
		call.Service = s.Name
	}
	if call.Action == "" {
		return errMissingParameter.New().WithDetail(" (" + actionName + ")")
	}
	if call.Version == "" {
		return errMissingParameter.New().WithDetail(" (" + versionName + ")")
	}
	return nil
}

func (f *Frontend) service(version string) (Service, bool) {
	for _, s := range f.cfg.Services {
		if s.Version == version {
			return s, true
		}
	}
	return Service{}, false
}

// Verify implements pipeline.Frontend in the order of tencentcloud-api3.md
// §6: Authorization parsed → SecretId known → timestamp fresh → signature →
// token. Signature v1 calls are verifyV1's.
func (f *Frontend) Verify(r *http.Request, call *pipeline.Call) error {
	if signedV1(call) {
		return f.verifyV1(r, call)
	}
	auth, perr := tc3.ParseAuthorization(r.Header.Get("Authorization"))
	call.CredentialID = auth.SecretID
	if !f.cfg.Verify {
		f.unverified(call, auth.SecretID)
		return nil
	}
	if perr != nil {
		return errAuthFailureSignatureFailure.New()
	}
	if !strings.HasPrefix(auth.SecretID, "AKID") {
		return errAuthFailureInvalidSecretId.New()
	}
	acct, ok := f.accountBySecretID(auth.SecretID)
	if !ok || acct.Tencent.Disabled {
		return errAuthFailureSecretIdNotFound.New()
	}
	ts, err := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
	if err != nil {
		return errAuthFailureSignatureFailure.New()
	}
	if !f.fresh(ts) {
		call.Reason = "X-TC-Timestamp " + r.Header.Get("X-TC-Timestamp") + " is more than " + SignatureWindow.String() + " from the server's time"
		return errAuthFailureSignatureExpire.New()
	}
	ok = f.keys.Verify(acct.Tencent.SecretKey, auth, tc3.RequestView{
		Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Host: r.Host,
		Header: r.Header.Get, Body: call.Body, Timestamp: ts,
	})
	if !ok {
		call.Reason = "signature mismatch; the canonical request the Go SDK would sign: " + serverCanonical(r, auth, call.Body, ts)
		return errAuthFailureSignatureFailure.New()
	}
	return f.admit(call, acct, r.Header.Get("X-TC-Token"))
}

// unverified finds the account of a call when signatures are not checked:
// the key's, else the first configured.
func (f *Frontend) unverified(call *pipeline.Call, secretID string) {
	if a, ok := f.accountBySecretID(secretID); ok {
		call.Account = a
	} else if f.cfg.Accounts != nil {
		if all := f.cfg.Accounts.All(); len(all) > 0 {
			call.Account = all[0]
		}
	}
}

// fresh reports whether a signed Unix time is within SignatureWindow of real
// time, in either direction.
func (f *Frontend) fresh(ts int64) bool {
	d := f.cfg.Now().Sub(time.Unix(ts, 0))
	return d <= SignatureWindow && d >= -SignatureWindow
}

// admit runs the checks that follow a good signature, the same for TC3 and
// v1: the STS token (required when the account has one, refused when it has
// none and one was sent), then the account's flags.
func (f *Frontend) admit(call *pipeline.Call, acct *account.Account, token string) error {
	if want := acct.Tencent.Token; want != "" || token != "" {
		if token != want {
			return errAuthFailureTokenFailure.New()
		}
	}
	if acct.Flags.NoCAMAuthorization {
		return errAuthFailureUnauthorizedOperation.New()
	}
	call.Account = acct
	return nil
}

// accountBySecretID tolerates a door with no account registry.
func (f *Frontend) accountBySecretID(id string) (*account.Account, bool) {
	if f.cfg.Accounts == nil {
		return nil, false
	}
	return f.cfg.Accounts.BySecretID(id)
}

// Route implements pipeline.Frontend: the version picks the service, the
// one of its tables that has the action answers it; then the region must be
// one served.
func (f *Frontend) Route(call *pipeline.Call) (pipeline.Handler, error) {
	s, ok := f.service(call.Version)
	if !ok {
		return nil, errNoSuchVersion.New()
	}
	h, ok := lookup(s.Tables, call.Action)
	if !ok {
		return nil, errInvalidAction.New()
	}
	if rs := f.cfg.Regions; len(rs) > 0 && !slices.Contains(rs, call.Region) {
		return nil, errUnsupportedRegion.New().WithDetail(" (" + call.Region + ")")
	}
	return h, nil
}

// lookup finds an action in the first table that has it (New made sure no
// two have it).
func lookup(tables []*pipeline.Table, action string) (pipeline.Handler, bool) {
	for _, t := range tables {
		if h, ok := t.Lookup(action); ok {
			return h, true
		}
	}
	return nil, false
}

// Write implements pipeline.Frontend: HTTP 200 always (older Go SDKs and the
// Node SDK lose the error code on any other status), RequestId last inside
// Response, never an empty error code.
func (f *Frontend) Write(w http.ResponseWriter, call *pipeline.Call, result any, aerr *apierr.Error) {
	w.Header().Set("Content-Type", "application/json")
	var fields []byte
	if aerr == nil {
		var err error
		if fields, err = pipeline.ObjectBody(result); err != nil {
			aerr = errInternalError.New()
		}
	}
	if aerr != nil {
		e, _ := json.Marshal(struct {
			Code    string `json:"Code"`
			Message string `json:"Message"`
		}{aerr.Code(), f.message(call, aerr)})
		fields = append([]byte(`"Error":`), e...)
	}
	out := make([]byte, 0, len(fields)+80)
	out = append(out, `{"Response":{`...)
	if len(fields) > 0 {
		out = append(out, fields...)
		out = append(out, ',')
	}
	rid, _ := json.Marshal(call.RequestID)
	out = append(out, `"RequestId":`...)
	out = append(out, rid...)
	out = append(out, `}}`...)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// message is the error's message in the language the request asks for:
// English (the catalogue's) unless HonorLanguage is on and the client sent
// X-TC-Language: zh-CN, as the Go SDK does by default, and a Chinese text is
// known for the code. The detail mqmock appends stays English.
func (f *Frontend) message(call *pipeline.Call, aerr *apierr.Error) string {
	if f.cfg.HonorLanguage && strings.EqualFold(language(call), "zh-CN") {
		if zh, ok := f.chinese[aerr.Code()]; ok {
			return zh + aerr.Detail
		}
	}
	return aerr.Message()
}

// language is the X-TC-Language header, or under signature v1 the Language
// parameter the Go SDK sends in its place.
func language(call *pipeline.Call) string {
	if signedV1(call) {
		return call.Params["Language"]
	}
	if call.Header == nil {
		return ""
	}
	return call.Header.Get("X-TC-Language")
}

// Chinese is the Chinese text of a code the door knows, if any.
func (f *Frontend) Chinese(code string) (string, bool) {
	zh, ok := f.chinese[code]
	return zh, ok
}

// Bind decodes the call's parameters into an action's request struct,
// answering the common codes for a missing, unknown or mistyped parameter
// (strict: a parameter the action does not define is UnknownParameter).
// Flattened parameters (a GET query, a signature v1 request) are first
// rebuilt into call.Tree from dst's type, so that "20" is a number only
// where the action declares one and binds exactly as the JSON body would.
func Bind(call *pipeline.Call, dst any) error {
	err := rebuild(call, dst)
	if err == nil {
		err = wire.Bind(call.Tree, dst, true)
	}
	var be *wire.BindError
	if errors.As(err, &be) {
		switch be.Kind {
		case wire.Missing:
			return errMissingParameter.New().WithDetail(" (" + be.Param + ")")
		case wire.Unknown:
			return errUnknownParameter.New().WithDetail(" (" + be.Param + ")")
		default:
			return errInvalidParameter.New().WithDetail(" (" + be.Param + ")")
		}
	}
	return err
}

// rebuild turns a flattened tree into the one its JSON form would decode to,
// typed by dst.
func rebuild(call *pipeline.Call, dst any) error {
	flat, ok := call.Tree.(wire.Flat)
	if !ok {
		return nil
	}
	tree, err := wire.UnflattenFor(flat, dst)
	if err != nil {
		return err
	}
	call.Tree = tree
	return nil
}

// TakeDryRun removes a DryRun parameter from the call's tree (so strict
// binding accepts it) and reports its value; a value that is not a boolean
// is InvalidParameter. Params keep it as sent.
func TakeDryRun(call *pipeline.Call) (bool, error) {
	if flat, ok := call.Tree.(wire.Flat); ok {
		v, ok := flat["DryRun"]
		if !ok {
			return false, nil
		}
		delete(flat, "DryRun")
		switch v {
		case "true":
			return true, nil
		case "false", "":
			return false, nil
		}
		return false, errInvalidParameter.New().WithDetail(" (DryRun)")
	}
	m, ok := call.Tree.(map[string]any)
	if !ok {
		return false, nil
	}
	v, ok := m["DryRun"]
	if !ok {
		return false, nil
	}
	delete(m, "DryRun")
	switch b := v.(type) {
	case bool:
		return b, nil
	case string:
		switch b {
		case "true":
			return true, nil
		case "false", "":
			return false, nil
		}
	case nil:
		return false, nil
	}
	return false, errInvalidParameter.New().WithDetail(" (DryRun)")
}

// serverCanonical is the canonical request of a refused TC3 call as the Go
// SDK builds it (URI "/", the headers as received), for the debug log.
func serverCanonical(r *http.Request, auth tc3.Authorization, body []byte, ts int64) string {
	headers := map[string]string{}
	for _, h := range strings.Split(auth.SignedHeaders, ";") {
		if h == "host" {
			headers[h] = r.Host
		} else {
			headers[h] = r.Header.Get(h)
		}
	}
	return tc3.CanonicalRequest(tc3.Input{
		Method: r.Method, URI: "/", RawQuery: r.URL.RawQuery, Headers: headers,
		SignedHeaders: auth.SignedHeaders, Payload: body, Timestamp: ts, Service: auth.Service,
	})
}
