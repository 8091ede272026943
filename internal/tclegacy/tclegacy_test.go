package tclegacy_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/cmqsign"
	"github.com/mqmock/mqmock/internal/tclegacy"
)

// A tiny product: its own catalogue rows (so the tests never lean on a
// product's), the built-in accounts with credentials the test picks, and an
// action table of fakes.

func def(name, code, msg string) *apierr.Def {
	return &apierr.Def{Name: name, Code: code, Status: http.StatusOK, Message: msg}
}

var (
	errInternal   = def("Internal", "6000/1", "internal")
	errMethod     = def("Method", "4000/2", "method %s")
	errUnparsable = def("Unparsable", "4000/3", "cannot parse %s")
	errNoQuery    = def("NoQuery", "4000/4", "no %s in uri")
	errMalformed  = def("Malformed", "4000/5", "malformed")
	errRepeated   = def("Repeated", "4000/6", "%s repeated")
	errBadIndex   = def("BadIndex", "4000/7", "bad index %s")
	errNoAction   = def("NoAction", "4000/8", "no action")
	errUnknown    = def("Unknown", "4000/9", "unknown action %s")
	errNoSuch     = def("NoSuchParameter", "4000/10", "no parameter %s")
	errNoCred     = def("NoCredential", "4000/11", "no credential")
	errKeyFormat  = def("KeyFormat", "4000/12", "key format")
	errNoKey      = def("NoKey", "4100/13", "no key")
	errKeyOff     = def("KeyOff", "4100/14", "key off")
	errAuth       = def("Auth", "4100/15", "authentication failed")
	errHeld       = def("Held", "4300/16", "account held")
	errBusy       = def("Busy", "4420/17", "busy")
	errBiz        = def("Biz", "4000/18", "business error")
	errSized      = def("Sized", "4470/19", "messages too large")
)

var catalogue = apierr.NewCatalogue("fake", errInternal, errMethod, errUnparsable, errNoQuery, errMalformed,
	errRepeated, errBadIndex, errNoAction, errUnknown, errNoSuch, errNoCred, errKeyFormat, errNoKey, errKeyOff,
	errAuth, errHeld, errBusy, errBiz, errSized)

func rows() tclegacy.Errors {
	return tclegacy.Errors{
		Internal: errInternal, Method: errMethod, Unparsable: errUnparsable, NoQuery: errNoQuery,
		Malformed: errMalformed, Repeated: errRepeated, BadIndex: errBadIndex, MissingAction: errNoAction,
		UnknownAction: errUnknown, UnknownParameter: errNoSuch, MissingCredential: errNoCred,
		KeyFormat: errKeyFormat, UnknownKey: errNoKey, DisabledKey: errKeyOff, Unauthenticated: errAuth,
	}
}

// The built-in accounts' SecretIds (account.Defaults); their keys are the
// test's own, given through Config.Credential.
const (
	defaultID = "AKIDmqmock00000000000000000000000001"
	otherID   = "AKIDmqmock00000000000000000000000002"
	secret    = "test-secret"
	path      = "/v2/index.php"
)

// realNow is the fixed "real time" the frontend checks freshness against.
var realNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fixture serves a product through the pipeline. credentials are by account
// name; routed records the calls the Routed hook saw.
type fixture struct {
	t           *testing.T
	h           http.Handler
	credentials map[string]tclegacy.Credential
	routed      []string
}

func newFixture(t *testing.T, edit func(*tclegacy.Config)) *fixture {
	t.Helper()
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	fx := &fixture{t: t, credentials: map[string]tclegacy.Credential{
		"default": {SecretKey: secret},
		"other":   {SecretKey: secret},
	}}
	table := pipeline.NewTable(pipeline.TableSpec{Fold: true},
		// Echo answers the parameters it was given and the caller's name.
		pipeline.Action{Name: "Echo", Handle: func(c *pipeline.Call) (any, error) {
			name := ""
			if c.Account != nil {
				name = c.Account.Name
			}
			return map[string]any{"params": c.Params, "account": name, "region": c.Region}, nil
		}},
		// Batch checks its messages first, then the raw size.
		pipeline.Action{Name: "Batch", Handle: func(c *pipeline.Call) (any, error) {
			if len(c.Params["msgBody.1"]) > tclegacy.MaxRequest/2 {
				return nil, errSized.New()
			}
			if tclegacy.Oversized(c) {
				return nil, errUnparsable.New("request")
			}
			return map[string]any{"ok": true}, nil
		}},
		pipeline.Action{Name: "Fail", Handle: func(*pipeline.Call) (any, error) {
			return nil, errBiz.New().WithFields(map[string]any{"errorList": []string{"a"}})
		}},
		pipeline.Action{Name: "List", Handle: func(*pipeline.Call) (any, error) { return []string{"not an object"}, nil }},
	)
	cfg := tclegacy.Config{
		Door: "fake", Catalogue: catalogue, Errors: rows(), Actions: table,
		Parameters: map[string][]string{"Echo": {"name", "item"}, "Batch": {"msgBody"}, "Fail": nil, "List": nil},
		Arrays:     []string{"item", "msgBody"},
		DeferSize:  []string{"Batch"},
		Accounts:   reg,
		Credential: func(a *account.Account) tclegacy.Credential { return fx.credentials[a.Name] },
		Verify:     true,
		Now:        func() time.Time { return realNow },
		Routed: func(c *pipeline.Call) error {
			fx.routed = append(fx.routed, c.Action)
			if c.Params["name"] == "busy" {
				return errBusy.New()
			}
			return nil
		},
	}
	if edit != nil {
		edit(&cfg)
	}
	fx.h = pipeline.New(tclegacy.New(cfg), pipeline.Hooks{})
	return fx
}

// signed is a correctly signed parameter set for action, with extra
// key/value pairs, as the Python SDK builds it.
func signed(method, id, action string, kv ...string) url.Values {
	v := url.Values{}
	v.Set("Action", action)
	v.Set("SecretId", id)
	v.Set("Timestamp", strconv.FormatInt(realNow.Unix(), 10))
	v.Set("Nonce", "12345")
	v.Set("Region", "gz")
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	cmqsign.SignValues(secret, method, "example.com", path, v)
	return v
}

type answer struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

func (a answer) code() int       { n, _ := a.body["code"].(float64); return int(n) }
func (a answer) message() string { s, _ := a.body["message"].(string); return s }

// do sends a request to example.com (httptest's host, which the signature
// covers).
func (fx *fixture) do(method, query, body string) answer {
	t := fx.t
	t.Helper()
	target := path
	if query != "" {
		target += "?" + query
	}
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	w := httptest.NewRecorder()
	fx.h.ServeHTTP(w, r)
	a := answer{status: w.Code, header: w.Header(), raw: w.Body.String()}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a.body), "body %q", a.raw)
	return a
}

func (fx *fixture) post(v url.Values) answer { return fx.do(http.MethodPost, "", v.Encode()) }

func TestEnvelope(t *testing.T) {
	fx := newFixture(t, nil)
	a := fx.post(signed("POST", defaultID, "Echo", "name", "a & <b>"))
	assert.Equal(t, http.StatusOK, a.status)
	assert.Equal(t, "application/json; charset=utf-8", a.header.Get("Content-Type"))
	assert.Regexp(t, `^\{"code":0,"message":"","requestId":"[0-9a-f-]{36}","account":"default","params":\{`, a.raw)
	assert.Equal(t, "gz", a.body["region"])

	// An error: still 200, the numeric code, "(module)text", then the
	// error's own fields.
	a = fx.post(signed("POST", defaultID, "Fail"))
	assert.Equal(t, http.StatusOK, a.status)
	assert.Regexp(t, `^\{"code":4000,"message":"\(18\)business error","requestId":"[0-9a-f-]{36}","errorList":\["a"\]\}$`, a.raw)

	// A result that is not an object is the internal error.
	a = fx.post(signed("POST", defaultID, "List"))
	assert.Equal(t, 6000, a.code())
	assert.Equal(t, "(1)internal", a.message())

	// What a client sent is echoed as valid JSON, invalid UTF-8 included.
	fx = newFixture(t, func(c *tclegacy.Config) { c.Verify = false })
	a = fx.do(http.MethodPost, "", "Action=%FFnope")
	assert.Equal(t, "(9)unknown action \ufffdnope", a.message(), a.raw)
}

func TestRender(t *testing.T) {
	code, msg := tclegacy.Render(errRepeated.New("k"))
	assert.Equal(t, 4000, code)
	assert.Equal(t, "(6)k repeated", msg)
	code, msg = tclegacy.Render(def("Odd", "odd", "odd row").New())
	assert.Equal(t, 6000, code, "a code that is no number is the server-error code")
	assert.Equal(t, "()odd row", msg)
}

// The decoder's checks, in their order (cmq.md §6).
func TestDecodeErrors(t *testing.T) {
	good := signed("POST", defaultID, "Echo").Encode()
	cases := []struct {
		name, method, query, body string
		code                      int
		message                   string
	}{
		{"PUT", http.MethodPut, "", good, 4000, "(2)method PUT"},
		{"body over the hard cap", http.MethodPost, "", "Action=Echo&pad=" + strings.Repeat("x", 4<<20), 4000, "(3)cannot parse request"},
		{"query over the hard cap", http.MethodGet, "Action=Echo&pad=" + strings.Repeat("x", 4<<20), "", 4000, "(3)cannot parse request"},
		{"GET with no query", http.MethodGet, "", "", 4000, "(4)no Action in uri"},
		{"bad escape in the query", http.MethodGet, "Action=Echo&x=%4", "", 4000, "(5)malformed"},
		{"bad escape in the body", http.MethodPost, "", "Action=Echo&x=%zz", 4000, "(5)malformed"},
		{"key repeated across query and body", http.MethodPost, "Action=Echo", good, 4000, "(6)Action repeated"},
		{"keys equal once trimmed", http.MethodPost, "", "Action=Echo&name=a&name%20=b", 4000, "(6)name repeated"},
		{"malformed array index", http.MethodPost, "", "Action=Echo&item.x=a", 4000, "(7)bad index item.x"},
		{"other keys may hold dots", http.MethodPost, "", "Action=Echo&other.x=a", 4000, "(11)no credential"},
		{"body over 1 MiB", http.MethodPost, "", "Action=Echo&pad=" + strings.Repeat("x", 1<<20), 4000, "(3)cannot parse request"},
		{"query over 1 MiB", http.MethodGet, "Action=Echo&pad=" + strings.Repeat("x", 1<<20), "", 4000, "(3)cannot parse request"},
	}
	fx := newFixture(t, nil)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fx.t = t
			a := fx.do(tc.method, tc.query, tc.body)
			assert.Equal(t, tc.code, a.code(), a.raw)
			assert.Equal(t, tc.message, a.message())
		})
	}
	assert.Empty(t, fx.routed, "no failed decode reaches routing")
}

// An action named in DeferSize gets an oversized request and applies the
// size rule itself, after its own checks.
func TestDeferredSize(t *testing.T) {
	fx := newFixture(t, func(c *tclegacy.Config) { c.Verify = false })
	big := strings.Repeat("x", tclegacy.MaxRequest/2+1)
	a := fx.post(url.Values{"Action": {"batch"}, "msgBody.1": {big}})
	assert.Equal(t, "(19)messages too large", a.message(), "the handler's own check first")
	half := strings.Repeat("x", tclegacy.MaxRequest/2)
	a = fx.post(url.Values{"Action": {"Batch"}, "msgBody.1": {half}, "msgBody.2": {half}})
	assert.Equal(t, "(3)cannot parse request", a.message(), "then the raw size")
	a = fx.post(url.Values{"Action": {"Batch"}, "msgBody.1": {"m"}})
	assert.Equal(t, 0, a.code(), a.raw)
}

func TestVerifyErrors(t *testing.T) {
	without := func(v url.Values, k string) url.Values { v.Del(k); return v }
	resigned := func(v url.Values, k, val string) url.Values {
		v.Set(k, val)
		cmqsign.SignValues(secret, "POST", "example.com", path, v)
		return v
	}
	cases := []struct {
		name    string
		values  url.Values
		message string
	}{
		{"missing SecretId", without(signed("POST", defaultID, "Echo"), "SecretId"), "(11)no credential"},
		{"missing Signature", without(signed("POST", defaultID, "Echo"), "Signature"), "(11)no credential"},
		{"missing Timestamp", without(signed("POST", defaultID, "Echo"), "Timestamp"), "(11)no credential"},
		{"missing Nonce", without(signed("POST", defaultID, "Echo"), "Nonce"), "(11)no credential"},
		{"SecretId without AKID", signed("POST", "XKIDmqmock", "Echo"), "(12)key format"},
		{"unknown SecretId", signed("POST", "AKIDnobody", "Echo"), "(13)no key"},
		{"disabled key", signed("POST", otherID, "Echo"), "(14)key off"},
		{"Timestamp not a number", resigned(signed("POST", defaultID, "Echo"), "Timestamp", "soon"), "(15)authentication failed"},
		{"Timestamp 301 s old", resigned(signed("POST", defaultID, "Echo"), "Timestamp", strconv.FormatInt(realNow.Unix()-301, 10)), "(15)authentication failed"},
		{"Timestamp 301 s ahead", resigned(signed("POST", defaultID, "Echo"), "Timestamp", strconv.FormatInt(realNow.Unix()+301, 10)), "(15)authentication failed"},
		{"changed after signing", func() url.Values { v := signed("POST", defaultID, "Echo", "name", "a"); v.Set("name", "b"); return v }(), "(15)authentication failed"},
		{"temporary key without its token", signed("POST", otherID, "Echo"), "(15)authentication failed"},
		{"temporary key with another token", resigned(signed("POST", otherID, "Echo"), "Token", "stale"), "(15)authentication failed"},
		{"account Admit refuses", signed("POST", defaultID, "Echo"), "(16)account held"},
		{"verification before routing", signed("POST", "AKIDnobody", "NoSuchAction"), "(13)no key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t, func(c *tclegacy.Config) {
				c.Admit = func(*account.Account) error { return nil }
			})
			switch {
			case strings.HasPrefix(tc.name, "disabled"):
				fx.credentials["other"] = tclegacy.Credential{SecretKey: secret, Disabled: true}
			case strings.HasPrefix(tc.name, "temporary"):
				fx.credentials["other"] = tclegacy.Credential{SecretKey: secret, Token: "session"}
			case strings.HasPrefix(tc.name, "account"):
				fx = newFixture(t, func(c *tclegacy.Config) {
					c.Admit = func(a *account.Account) error {
						if a.Name == "default" {
							return errHeld.New()
						}
						return nil
					}
				})
			}
			a := fx.post(tc.values)
			assert.Equal(t, tc.message, a.message(), a.raw)
			assert.Empty(t, fx.routed)
		})
	}
}

func TestVerifyAccepts(t *testing.T) {
	fx := newFixture(t, nil)
	fx.credentials["other"] = tclegacy.Credential{SecretKey: secret, Token: "session"}
	stale := signed("POST", defaultID, "Echo")
	stale.Set("Timestamp", strconv.FormatInt(realNow.Unix()-299, 10))
	cmqsign.SignValues(secret, "POST", "example.com", path, stale)
	for name, v := range map[string]url.Values{
		"HmacSHA1":           signed("POST", defaultID, "Echo"),
		"HmacSHA256":         signed("POST", defaultID, "Echo", "SignatureMethod", "HmacSHA256"),
		"temporary key":      signed("POST", otherID, "Echo", "Token", "session"),
		"299 s old":          stale,
		"trailing-space key": signed("POST", defaultID, "Echo", "name ", "x"),
	} {
		t.Run(name, func(t *testing.T) {
			fx.t = t
			a := fx.post(v)
			assert.Equal(t, 0, a.code(), a.raw)
			assert.NotEmpty(t, a.body["account"])
		})
	}
	a := fx.do(http.MethodGet, signed("GET", defaultID, "Echo").Encode(), "")
	assert.Equal(t, 0, a.code(), a.raw)
	p, _ := a.body["params"].(map[string]any)
	assert.Equal(t, "x", fx.post(signed("POST", defaultID, "Echo", "name ", "x")).body["params"].(map[string]any)["name"], "lookups use trimmed keys")
	assert.Equal(t, "Echo", p["Action"])
}

// With verification off, the SecretId picks its account if it names one,
// else the first; no registry means no account, and no panic.
func TestVerifyOff(t *testing.T) {
	fx := newFixture(t, func(c *tclegacy.Config) { c.Verify = false })
	assert.Equal(t, "other", fx.post(url.Values{"Action": {"Echo"}, "SecretId": {otherID}, "Signature": {"wrong"}}).body["account"])
	assert.Equal(t, "default", fx.post(url.Values{"Action": {"Echo"}, "SecretId": {"AKIDwhoever"}}).body["account"])
	fx = newFixture(t, func(c *tclegacy.Config) { c.Verify, c.Accounts = false, nil })
	a := fx.post(url.Values{"Action": {"Echo"}})
	assert.Equal(t, 0, a.code(), a.raw)
	assert.Equal(t, "", a.body["account"])
	fx = newFixture(t, func(c *tclegacy.Config) { c.Accounts = nil })
	assert.Equal(t, "(13)no key", fx.post(signed("POST", defaultID, "Echo")).message())
}

func TestRoute(t *testing.T) {
	fx := newFixture(t, nil)
	assert.Equal(t, "(8)no action", fx.post(signed("POST", defaultID, "")).message())
	assert.Equal(t, "(9)unknown action Purge", fx.post(signed("POST", defaultID, "Purge")).message())
	assert.Equal(t, 0, fx.post(signed("POST", defaultID, "eCHO")).code(), "names fold as the table does")
	assert.Equal(t, "(17)busy", fx.post(signed("POST", defaultID, "Echo", "name", "busy")).message(), "Routed's error is the answer")
	assert.Equal(t, []string{"eCHO", "Echo"}, fx.routed, "Routed runs for known actions only")
	// Unknown parameters are ignored unless strict.
	assert.Equal(t, 0, fx.post(signed("POST", defaultID, "Echo", "colour", "red")).code())
}

func TestStrictParameters(t *testing.T) {
	fx := newFixture(t, func(c *tclegacy.Config) { c.Strict = true })
	a := fx.post(signed("POST", defaultID, "echo", "name", "busy", "colour", "red"))
	assert.Equal(t, "(10)no parameter colour", a.message(), "strict mode before Routed")
	assert.Empty(t, fx.routed)
	ok := fx.post(signed("POST", defaultID, "Echo", "name ", "a", "item.1", "x", "item.2", "y", "SignatureMethod", "HmacSHA256", "Token", "", "RequestClient", "sdk"))
	assert.Equal(t, 0, ok.code(), "common parameters, arrays by base name, trimmed keys: %s", ok.raw)
	assert.Equal(t, "(10)no parameter name", fx.post(signed("POST", defaultID, "Fail", "name", "a")).message(), "each action its own parameters")
}

func TestNewRefusesAMissingRow(t *testing.T) {
	e := rows()
	e.UnknownParameter = nil
	assert.PanicsWithValue(t, "tclegacy: Errors.UnknownParameter is not set", func() {
		tclegacy.New(tclegacy.Config{Errors: e, Credential: func(*account.Account) tclegacy.Credential { return tclegacy.Credential{} }})
	})
	assert.Panics(t, func() { tclegacy.New(tclegacy.Config{Errors: rows()}) }, "no Credential")
}

func TestFrontendNamesItsDoor(t *testing.T) {
	f := tclegacy.New(tclegacy.Config{Door: "fake", Catalogue: catalogue, Errors: rows(),
		Credential: func(*account.Account) tclegacy.Credential { return tclegacy.Credential{} }})
	assert.Equal(t, "fake", f.Vendor())
	assert.Same(t, catalogue, f.Catalogue())
	assert.Same(t, errInternal, f.Internal())
	assert.NotEqual(t, f.NewRequestID(), f.NewRequestID())
}
