package aliyunrpc_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

// A tiny product: its own catalogue rows (so the tests never lean on a
// vendor's), three accounts and an action table of three fakes.

const (
	version = "2019-02-14"
	keyID   = "LTAItest0000000000001"
	secret  = "test-secret"
	stsKey  = "LTAItest0000000000sts"
	stsTok  = "sts-token-1"
	offKey  = "LTAItest0000000000off"
)

func def(code string, status int, msg string) *apierr.Def {
	return &apierr.Def{Name: code, Code: code, Status: status, Message: msg}
}

var (
	errInternal   = def("Internal", 500, "internal")
	errUnknown    = def("InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method")
	errVersion    = def("InvalidVersion", 400, "bad version")
	errMissing    = def("Missing%s", 400, "%s is mandatory for this action.")
	errMalformed  = def("Malformed", 400, "malformed")
	errMethod     = def("UnsupportedHTTPMethod", 400, "This http method not supported.")
	errMismatch   = def("SignatureDoesNotMatch", 400, "Specified signature is not matched with our calculation. server string to sign is:")
	errIncomplete = def("IncompleteSignature", 400, "incomplete")
	errTsMissing  = def("IllegalTimestamp", 400, "ts missing")
	errTsFormat   = def("InvalidTimeStamp.Format", 400, "ts format")
	errTsExpired  = def("InvalidTimeStamp.Expired", 400, "ts expired")
	errNonce      = def("SignatureNonceUsed", 400, "nonce used")
	errKeyUnknown = def("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.")
	errKeyOff     = def("InvalidAccessKeyId.Inactive", 400, "disabled")
	errSigMethod  = def("InvalidSignatureMethod", 400, "bad method")
	errNoToken    = def("MissingSecurityToken", 400, "SecurityToken is mandatory for this action.")
	errBadToken   = def("InvalidSecurityToken.MismatchWithAccessKey", 400, "token mismatch")
	errFormat     = def("InvalidParameter.Format", 400, "bad format")
	errBiz        = def("BIZ_THING", 400, "a business error")
)

var catalogue = apierr.NewCatalogue("fake", errInternal, errUnknown, errVersion, errMissing, errMalformed, errMethod,
	errMismatch, errIncomplete, errTsMissing, errTsFormat, errTsExpired, errNonce, errKeyUnknown, errKeyOff,
	errSigMethod, errNoToken, errBadToken, errFormat, errBiz)

// credentials reads the accounts' keys, as the doors do.
func credentials(a *account.Account) aliyunrpc.Credentials {
	return aliyunrpc.Credentials{Secret: a.Alibaba.AccessKeySecret, SecurityToken: a.Alibaba.SecurityToken, Disabled: a.Alibaba.Disabled}
}

// realNow is the fixed "real time" the frontend checks freshness against.
var realNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type fixture struct {
	h     http.Handler
	accts *account.Registry
	f     *aliyunrpc.Frontend
}

func newFixture(t *testing.T, verify bool) *fixture {
	t.Helper()
	return newFixtureWith(t, verify, pipeline.Hooks{})
}

// newFixtureWith is newFixture with the pipeline's hooks (a fault hook).
func newFixtureWith(t *testing.T, verify bool, hooks pipeline.Hooks) *fixture {
	t.Helper()
	reg, err := account.NewRegistry([]account.Account{
		{Name: "alice", Alibaba: account.Alibaba{AccessKeyID: keyID, AccessKeySecret: secret}},
		{Name: "sts", Alibaba: account.Alibaba{AccessKeyID: stsKey, AccessKeySecret: secret, SecurityToken: stsTok}},
		{Name: "off", Alibaba: account.Alibaba{AccessKeyID: offKey, AccessKeySecret: secret, Disabled: true}},
	})
	require.NoError(t, err)
	table := pipeline.NewTable(pipeline.TableSpec{},
		// Echo answers the parameters it was given and the caller's name.
		pipeline.Action{Name: "Echo", Handle: func(c *pipeline.Call) (any, error) {
			name := ""
			if c.Account != nil {
				name = c.Account.Name
			}
			return map[string]any{"Params": c.Params, "Account": name, "Region": c.Region}, nil
		}},
		pipeline.Action{Name: "List", Handle: func(*pipeline.Call) (any, error) { return []string{"not", "an", "object"}, nil }},
		pipeline.Action{Name: "Fail", Handle: func(*pipeline.Call) (any, error) { return nil, errBiz.New() }},
		pipeline.Action{Name: "Panic", Handle: func(*pipeline.Call) (any, error) { panic("boom") }},
		pipeline.Action{Name: "Plain", Handle: func(*pipeline.Call) (any, error) { return nil, errors.New("not a catalogue error") }},
	)
	f := aliyunrpc.New(aliyunrpc.Config{
		Vendor: "fake", Product: "Fake", Version: version, HostID: "fake.cn-hangzhou.aliyuncs.com",
		Troubleshoot: "https://api.aliyun.com/troubleshoot",
		Catalogue:    catalogue,
		Errors: aliyunrpc.Errors{
			Internal: errInternal, UnknownAction: errUnknown, BadVersion: errVersion, MissingParameter: errMissing,
			Malformed: errMalformed, UnsupportedMethod: errMethod, SignatureMismatch: errMismatch,
			IncompleteSignature: errIncomplete, TimestampMissing: errTsMissing, TimestampFormat: errTsFormat,
			TimestampExpired: errTsExpired, NonceUsed: errNonce, KeyNotFound: errKeyUnknown, KeyInactive: errKeyOff,
			BadSignatureMethod: errSigMethod, MissingSecurityToken: errNoToken, BadSecurityToken: errBadToken,
			BadFormat: errFormat,
		},
		Actions: table, Accounts: reg, Credentials: credentials, Verify: verify,
		Now: func() time.Time { return realNow },
	})
	return &fixture{h: pipeline.New(f, hooks), accts: reg, f: f}
}

// TestNoRegistryMeansNoAccounts: a frontend built without an account
// registry (a zero environment) knows no key and lends no default account;
// it answers instead of panicking.
func TestNoRegistryMeansNoAccounts(t *testing.T) {
	for _, verify := range []bool{true, false} {
		table := pipeline.NewTable(pipeline.TableSpec{}, pipeline.Action{Name: "Echo", Handle: func(c *pipeline.Call) (any, error) {
			return map[string]any{"HasAccount": c.Account != nil}, nil
		}})
		f := aliyunrpc.New(aliyunrpc.Config{
			Vendor: "fake", Product: "Fake", Version: version, Catalogue: catalogue,
			Errors:  aliyunrpc.Errors{Internal: errInternal, UnknownAction: errUnknown, Malformed: errMalformed},
			Actions: table, Credentials: credentials, Verify: verify, Now: func() time.Time { return realNow },
		})
		fx := &fixture{h: pipeline.New(f, pipeline.Hooks{})}
		a := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "no-registry"))
		if verify {
			assert.Equal(t, http.StatusNotFound, a.status, a.raw)
			assert.Equal(t, "InvalidAccessKeyId.NotFound", a.code())
		} else {
			assert.Equal(t, http.StatusOK, a.status, a.raw)
			assert.Equal(t, false, a.body["HasAccount"])
		}
	}
}

// goParams are the parameters the Go SDK sends for action: the common set
// plus the empty SignatureType and a RegionId.
func goParams(key, action, nonce string) map[string]string {
	p := aliyunsign.CommonParams(key, action, version, realNow, nonce)
	p["SignatureType"] = ""
	p["RegionId"] = "cn-hangzhou"
	return p
}

type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func (a answer) code() string { s, _ := a.body["Code"].(string); return s }

func (fx *fixture) do(t *testing.T, method, query, contentType, body string) answer {
	t.Helper()
	target := "/"
	if query != "" {
		target += "?" + query
	}
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	fx.h.ServeHTTP(w, r)
	a := answer{status: w.Code, header: w.Header(), raw: w.Body.String()}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a.body), "body %q", a.raw)
	return a
}

// signed signs p with secret for method and sends everything in the query.
func (fx *fixture) signed(t *testing.T, method string, p map[string]string) answer {
	t.Helper()
	aliyunsign.SignParams(secret, method, p)
	return fx.do(t, method, aliyunsign.EncodeParams(p), "application/x-www-form-urlencoded", "")
}

func TestDecodeAndVerifyErrors(t *testing.T) {
	with := func(mut func(p map[string]string)) map[string]string {
		p := goParams(keyID, "Echo", "n-"+strings.ReplaceAll(t.Name(), "/", "-"))
		mut(p)
		return p
	}
	cases := []struct {
		name     string
		params   map[string]string
		wantCode string
		status   int
	}{
		{"missing Action", with(func(p map[string]string) { delete(p, "Action") }), "MissingAction", 400},
		{"missing Version", with(func(p map[string]string) { delete(p, "Version") }), "MissingVersion", 400},
		{"wrong Version", with(func(p map[string]string) { p["Version"] = "2020-04-20" }), "InvalidVersion", 400},
		{"Format neither JSON nor XML", with(func(p map[string]string) { p["Format"] = "YAML" }), "InvalidParameter.Format", 400},
		{"missing AccessKeyId", with(func(p map[string]string) { delete(p, "AccessKeyId") }), "MissingAccessKeyId", 400},
		{"unknown AccessKeyId", with(func(p map[string]string) { p["AccessKeyId"] = "LTAInobody" }), "InvalidAccessKeyId.NotFound", 404},
		{"disabled key", with(func(p map[string]string) { p["AccessKeyId"] = offKey }), "InvalidAccessKeyId.Inactive", 400},
		{"missing Timestamp", with(func(p map[string]string) { delete(p, "Timestamp") }), "IllegalTimestamp", 400},
		{"Timestamp not ISO 8601", with(func(p map[string]string) { p["Timestamp"] = "02/01/2026 03:04:05" }), "InvalidTimeStamp.Format", 400},
		{"Timestamp 16 min old", with(func(p map[string]string) {
			p["Timestamp"] = realNow.Add(-16 * time.Minute).Format(aliyunsign.TimeFormat)
		}), "InvalidTimeStamp.Expired", 400},
		{"Timestamp 16 min ahead", with(func(p map[string]string) {
			p["Timestamp"] = realNow.Add(16 * time.Minute).Format(aliyunsign.TimeFormat)
		}), "InvalidTimeStamp.Expired", 400},
		{"SignatureMethod absent", with(func(p map[string]string) { delete(p, "SignatureMethod") }), "IncompleteSignature", 400},
		{"SignatureMethod other", with(func(p map[string]string) { p["SignatureMethod"] = "HMAC-SHA256" }), "InvalidSignatureMethod", 400},
		{"SignatureVersion other", with(func(p map[string]string) { p["SignatureVersion"] = "2.0" }), "IncompleteSignature", 400},
		{"missing SignatureNonce", with(func(p map[string]string) { delete(p, "SignatureNonce") }), "MissingSignatureNonce", 400},
		{"STS key without SecurityToken", with(func(p map[string]string) { p["AccessKeyId"] = stsKey }), "MissingSecurityToken", 400},
		{"STS key with another token", with(func(p map[string]string) { p["AccessKeyId"], p["SecurityToken"] = stsKey, "other" }), "InvalidSecurityToken.MismatchWithAccessKey", 400},
		{"token for a key that has none", with(func(p map[string]string) { p["SecurityToken"] = stsTok }), "InvalidSecurityToken.MismatchWithAccessKey", 400},
		{"unknown action", with(func(p map[string]string) { p["Action"] = "NoSuchThing" }), "InvalidAction.NotFound", 404},
		{"action name is case-sensitive", with(func(p map[string]string) { p["Action"] = "echo" }), "InvalidAction.NotFound", 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t, true)
			a := fx.signed(t, http.MethodPost, tc.params)
			assert.Equal(t, tc.status, a.status, a.raw)
			assert.Equal(t, tc.wantCode, a.code(), a.raw)
		})
	}
}

func TestSTSKeyWithItsTokenPasses(t *testing.T) {
	fx := newFixture(t, true)
	p := goParams(stsKey, "Echo", "sts-ok")
	p["SecurityToken"] = stsTok
	a := fx.signed(t, http.MethodPost, p)
	require.Equal(t, 200, a.status, a.raw)
	assert.Equal(t, "sts", a.body["Account"])
}

func TestTimestampWithinWindowPasses(t *testing.T) {
	for _, d := range []time.Duration{-14 * time.Minute, 14 * time.Minute} {
		fx := newFixture(t, true)
		p := goParams(keyID, "Echo", "win-"+d.String())
		p["Timestamp"] = realNow.Add(d).Format(aliyunsign.TimeFormat)
		a := fx.signed(t, http.MethodPost, p)
		assert.Equal(t, 200, a.status, "skew %s: %s", d, a.raw)
	}
}

func TestUnsupportedMethod(t *testing.T) {
	fx := newFixture(t, true)
	p := goParams(keyID, "Echo", "put")
	aliyunsign.SignParams(secret, http.MethodPut, p)
	a := fx.do(t, http.MethodPut, aliyunsign.EncodeParams(p), "", "")
	assert.Equal(t, 400, a.status)
	assert.Equal(t, "UnsupportedHTTPMethod", a.code())
}

func TestBodyLargerThan1MB(t *testing.T) {
	fx := newFixture(t, true)
	p := goParams(keyID, "Echo", "big")
	aliyunsign.SignParams(secret, http.MethodPost, p)
	body := aliyunsign.EncodeParams(p) + "&Pad=" + strings.Repeat("x", aliyunrpc.MaxBody)
	a := fx.do(t, http.MethodPost, "", "application/x-www-form-urlencoded", body)
	assert.Equal(t, 400, a.status)
	assert.Equal(t, "Malformed", a.code())
	assert.Contains(t, a.body["Message"], "larger than 1 MB")
}

func TestMalformedForm(t *testing.T) {
	fx := newFixture(t, true)
	good := goParams(keyID, "Echo", "mal")
	aliyunsign.SignParams(secret, http.MethodPost, good)
	q := aliyunsign.EncodeParams(good)
	for name, req := range map[string][2]string{
		"bad escape in query": {q + "&Bad=%zz", ""},
		"bad escape in body":  {"", q + "&Bad=%G1"},
	} {
		a := fx.do(t, http.MethodPost, req[0], "application/x-www-form-urlencoded", req[1])
		assert.Equal(t, 400, a.status, name)
		assert.Equal(t, "Malformed", a.code(), name)
	}
}

func TestSignatureChecks(t *testing.T) {
	t.Run("missing Signature", func(t *testing.T) {
		fx := newFixture(t, true)
		p := goParams(keyID, "Echo", "nosig")
		a := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "", "")
		assert.Equal(t, 400, a.status)
		assert.Equal(t, "IncompleteSignature", a.code())
	})
	t.Run("mismatch carries the server string to sign once", func(t *testing.T) {
		fx := newFixture(t, true)
		p := goParams(keyID, "Echo", "mismatch")
		aliyunsign.SignParams("wrong-secret", http.MethodPost, p)
		a := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "", "")
		assert.Equal(t, 400, a.status)
		assert.Equal(t, "SignatureDoesNotMatch", a.code())
		delete(p, "Signature")
		want := aliyunsign.StringToSign(http.MethodPost, p)
		msg, _ := a.body["Message"].(string)
		parts := strings.Split(msg, "server string to sign is:")
		require.Len(t, parts, 2, "the SDK splits on the marker and takes part [1]: %q", msg)
		assert.Equal(t, want, parts[1])
	})
	t.Run("empty SignatureType is part of the signature", func(t *testing.T) {
		fx := newFixture(t, true)
		p := goParams(keyID, "Echo", "sigtype")
		delete(p, "SignatureType")
		aliyunsign.SignParams(secret, http.MethodPost, p) // signed without it...
		a := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p)+"&SignatureType=", "", "")
		assert.Equal(t, "SignatureDoesNotMatch", a.code(), "...sent with it: a server that drops it would accept")
		p2 := goParams(keyID, "Echo", "sigtype2") // signed and sent with it
		b := fx.signed(t, http.MethodPost, p2)
		require.Equal(t, 200, b.status, b.raw)
		params := b.body["Params"].(map[string]any)
		assert.Contains(t, params, "SignatureType")
	})
	t.Run("the method is part of the signature", func(t *testing.T) {
		fx := newFixture(t, true)
		p := goParams(keyID, "Echo", "method")
		aliyunsign.SignParams(secret, http.MethodGet, p)
		a := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "", "")
		assert.Equal(t, "SignatureDoesNotMatch", a.code())
		assert.True(t, strings.HasSuffix(a.body["Message"].(string), "is:POST&%2F&"+aliyunsign.PercentEncode(aliyunsign.CanonicalizedQuery(without(p, "Signature")))))
	})
}

func without(p map[string]string, key string) map[string]string {
	out := map[string]string{}
	for k, v := range p {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func TestNonceReplay(t *testing.T) {
	fx := newFixture(t, true)
	first := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "same-nonce"))
	require.Equal(t, 200, first.status, first.raw)
	again := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "same-nonce"))
	assert.Equal(t, 400, again.status)
	assert.Equal(t, "SignatureNonceUsed", again.code())

	// Nonces are per AccessKeyId.
	p := goParams(stsKey, "Echo", "same-nonce")
	p["SecurityToken"] = stsTok
	other := fx.signed(t, http.MethodPost, p)
	assert.Equal(t, 200, other.status, other.raw)

	// A request refused before the signature check does not burn its nonce.
	bad := goParams(keyID, "Echo", "fresh-nonce")
	aliyunsign.SignParams("wrong", http.MethodPost, bad)
	require.Equal(t, "SignatureDoesNotMatch", fx.do(t, http.MethodPost, aliyunsign.EncodeParams(bad), "", "").code())
	ok := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "fresh-nonce"))
	assert.Equal(t, 200, ok.status, ok.raw)
}

func TestResetNoncesForgets(t *testing.T) {
	reg, err := account.NewRegistry([]account.Account{{Name: "alice", Alibaba: account.Alibaba{AccessKeyID: keyID, AccessKeySecret: secret}}})
	require.NoError(t, err)
	f := aliyunrpc.New(aliyunrpc.Config{
		Vendor: "fake", Product: "Fake", Version: version, Catalogue: catalogue,
		Errors:   aliyunrpc.Errors{Internal: errInternal, UnknownAction: errUnknown, BadVersion: errVersion, MissingParameter: errMissing, NonceUsed: errNonce, SignatureMismatch: errMismatch, IncompleteSignature: errIncomplete, TimestampMissing: errTsMissing, TimestampFormat: errTsFormat, TimestampExpired: errTsExpired, KeyNotFound: errKeyUnknown, BadSignatureMethod: errSigMethod},
		Actions:  pipeline.NewTable(pipeline.TableSpec{}, pipeline.Action{Name: "Echo", Handle: func(*pipeline.Call) (any, error) { return nil, nil }}),
		Accounts: reg, Credentials: credentials, Verify: true, Now: func() time.Time { return realNow },
	})
	fx := &fixture{h: pipeline.New(f, pipeline.Hooks{})}
	require.Equal(t, 200, fx.signed(t, http.MethodGet, goParams(keyID, "Echo", "n1")).status)
	require.Equal(t, "SignatureNonceUsed", fx.signed(t, http.MethodGet, goParams(keyID, "Echo", "n1")).code())
	f.ResetNonces()
	assert.Equal(t, 200, fx.signed(t, http.MethodGet, goParams(keyID, "Echo", "n1")).status)
}

func TestPostFormBodyMergedWithQueryBodyWins(t *testing.T) {
	fx := newFixture(t, true)
	p := goParams(keyID, "Echo", "merge")
	p["Topic"] = "from-body"
	p["OnlyInQuery"] = "q"
	aliyunsign.SignParams(secret, http.MethodPost, p)
	body := aliyunsign.EncodeParams(without(p, "OnlyInQuery"))
	a := fx.do(t, http.MethodPost, "Topic=from-query&OnlyInQuery=q", "application/x-www-form-urlencoded", body)
	require.Equal(t, 200, a.status, a.raw)
	params := a.body["Params"].(map[string]any)
	assert.Equal(t, "from-body", params["Topic"])
	assert.Equal(t, "q", params["OnlyInQuery"])
}

func TestPostJSONBodyIsNotParameters(t *testing.T) {
	fx := newFixture(t, true)
	p := goParams(keyID, "Echo", "json-body")
	aliyunsign.SignParams(secret, http.MethodPost, p)
	a := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "application/json", `{"Topic":"x"}`)
	require.Equal(t, 200, a.status, a.raw)
	assert.NotContains(t, a.body["Params"], "Topic")
}

func TestGETWithEverythingInTheQuery(t *testing.T) {
	fx := newFixture(t, true)
	a := fx.signed(t, http.MethodGet, goParams(keyID, "Echo", "get"))
	require.Equal(t, 200, a.status, a.raw)
	assert.Equal(t, "alice", a.body["Account"])
	assert.Equal(t, "cn-hangzhou", a.body["Region"])
}

func TestNodeStylePOSTBodyWithoutSignatureTypeOrRegion(t *testing.T) {
	fx := newFixture(t, true)
	p := aliyunsign.CommonParams(keyID, "Echo", version, realNow, "node")
	aliyunsign.SignParams(secret, http.MethodPost, p)
	a := fx.do(t, http.MethodPost, "", "application/x-www-form-urlencoded", aliyunsign.EncodeParams(p))
	require.Equal(t, 200, a.status, a.raw)
	assert.Equal(t, "", a.body["Region"])
}

func TestVerifyOff(t *testing.T) {
	fx := newFixture(t, false)
	p := goParams(offKey, "Echo", "off")
	p["Signature"] = "garbage"
	p["Timestamp"] = "long ago"
	a := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "", "")
	require.Equal(t, 200, a.status, a.raw)
	assert.Equal(t, "off", a.body["Account"], "the key still names the account")

	p["AccessKeyId"] = "LTAIunknown"
	b := fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "", "")
	require.Equal(t, 200, b.status, b.raw)
	assert.Equal(t, "alice", b.body["Account"], "an unknown key acts as the first account")

	// Decoding still applies.
	delete(p, "Version")
	assert.Equal(t, "MissingVersion", fx.do(t, http.MethodPost, aliyunsign.EncodeParams(p), "", "").code())
}

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

func TestEnvelopes(t *testing.T) {
	fx := newFixture(t, true)
	t.Run("success: 200, RequestId, no Code", func(t *testing.T) {
		a := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "env-ok"))
		assert.Equal(t, 200, a.status)
		assert.Equal(t, "application/json;charset=utf-8", a.header.Get("Content-Type"))
		assert.Regexp(t, requestIDPattern, a.body["RequestId"])
		assert.NotContains(t, a.body, "Code")
	})
	t.Run("success: values as sent, no HTML escaping", func(t *testing.T) {
		p := goParams(keyID, "Echo", "env-html")
		p["Body"] = "a & <b>"
		a := fx.signed(t, http.MethodPost, p)
		require.Equal(t, 200, a.status, a.raw)
		assert.Contains(t, a.raw, `"Body":"a & <b>"`)
	})
	t.Run("a result that is not an object: internal error", func(t *testing.T) {
		a := fx.signed(t, http.MethodPost, goParams(keyID, "List", "env-list"))
		assert.Equal(t, 500, a.status)
		assert.Equal(t, "Internal", a.code())
	})
	t.Run("business error: documented status, every field a string", func(t *testing.T) {
		a := fx.signed(t, http.MethodPost, goParams(keyID, "Fail", "env-fail"))
		assert.Equal(t, 400, a.status)
		assert.Len(t, a.body, 5)
		for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
			assert.IsType(t, "", a.body[k], k)
		}
		id := a.body["RequestId"].(string)
		assert.Regexp(t, requestIDPattern, id)
		assert.Equal(t, "fake.cn-hangzhou.aliyuncs.com", a.body["HostId"])
		assert.Equal(t, "BIZ_THING", a.body["Code"])
		assert.Equal(t, "a business error", a.body["Message"])
		assert.Equal(t, "https://api.aliyun.com/troubleshoot?q=BIZ_THING&product=Fake&requestId="+id, a.body["Recommend"])
		assert.Contains(t, a.raw, `?q=BIZ_THING&product=Fake&requestId=`, "no HTML escaping of &")
	})
	t.Run("panic: internal error envelope", func(t *testing.T) {
		a := fx.signed(t, http.MethodPost, goParams(keyID, "Panic", "env-panic"))
		assert.Equal(t, 500, a.status)
		assert.Equal(t, "Internal", a.code())
	})
	t.Run("non-catalogue error: internal error envelope", func(t *testing.T) {
		a := fx.signed(t, http.MethodPost, goParams(keyID, "Plain", "env-plain"))
		assert.Equal(t, 500, a.status)
		assert.Equal(t, "Internal", a.code())
	})
}

func TestRequestIDsAreFresh(t *testing.T) {
	fx := newFixture(t, true)
	a := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "id1"))
	b := fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "id2"))
	assert.NotEqual(t, a.body["RequestId"], b.body["RequestId"])
}

// Request ids are upper-case UUIDs, as Alibaba's gateway writes them (the
// SDKs show them to users; support asks for them in that form).
func TestRequestIDsAreUpperCaseUUIDs(t *testing.T) {
	f := aliyunrpc.New(aliyunrpc.Config{})
	shape := regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)
	a, b := f.NewRequestID(), f.NewRequestID()
	assert.Regexp(t, shape, a)
	assert.Regexp(t, shape, b)
	assert.NotEqual(t, a, b)
}
