package aliyunrpc_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/acs3"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

// Signature V3 through the protocol layer: requests built and signed as the
// Go core (darabonba-openapi v2.1.13) builds them (acs3.Sign reproduces it
// byte for byte against the captures of aliyun-v3.md §7).

// v3req describes one V3 request; zero fields take the defaults of v3Request.
type v3req struct {
	method  string
	query   string // raw query as sent
	body    string // a form body, sent with its content type
	action  string
	version string
	date    time.Time
	nonce   string
	key     string
	secret  string
	// before edits the headers before signing (an STS token, a header
	// removed); after tampers with the signed request.
	before func(h http.Header)
	after  func(r *http.Request)
}

var nonceSeq atomic.Int64

// v3Request builds and signs the request. The host is the one a client
// aimed at 127.0.0.1:9103 signs.
func v3Request(t *testing.T, q v3req) *http.Request {
	t.Helper()
	if q.method == "" {
		q.method = http.MethodPost
	}
	if q.action == "" {
		q.action = "Echo"
	}
	if q.version == "" {
		q.version = version
	}
	if q.date.IsZero() {
		q.date = realNow
	}
	if q.nonce == "" {
		q.nonce = "v3-nonce-" + strconv.FormatInt(nonceSeq.Add(1), 10)
	}
	if q.key == "" {
		q.key = keyID
	}
	if q.secret == "" {
		q.secret = secret
	}
	target := "http://127.0.0.1:9103/"
	if q.query != "" {
		target += "?" + q.query
	}
	var body io.Reader
	if q.body != "" {
		body = strings.NewReader(q.body)
	}
	r := httptest.NewRequest(q.method, target, body)
	acs3.SetCommonHeaders(r.Header, q.action, q.version, q.date, q.nonce)
	r.Header.Set("x-acs-credentials-provider", "static_ak")
	r.Header.Set("Accept", "application/json")
	if q.body != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if q.before != nil {
		q.before(r.Header)
	}
	require.NoError(t, acs3.Sign(r, q.key, q.secret))
	if q.after != nil {
		q.after(r)
	}
	return r
}

func (fx *fixture) serve(t *testing.T, r *http.Request) answer {
	t.Helper()
	w := httptest.NewRecorder()
	fx.h.ServeHTTP(w, r)
	a := answer{status: w.Code, header: w.Header(), raw: w.Body.String()}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a.body), "body %q", a.raw)
	return a
}

func (fx *fixture) v3(t *testing.T, q v3req) answer {
	t.Helper()
	return fx.serve(t, v3Request(t, q))
}

func params(a answer) map[string]any {
	p, _ := a.body["Params"].(map[string]any)
	return p
}

func TestV3ParametersInTheQuery(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			fx := newFixture(t, true)
			a := fx.v3(t, v3req{method: method, query: "InstanceId=i-1&RegionId=cn-hangzhou&Tag.1.Key=a+b%2Ac"})
			require.Equal(t, http.StatusOK, a.status, a.raw)
			assert.Equal(t, "alice", a.body["Account"])
			assert.Equal(t, "cn-hangzhou", a.body["Region"])
			// Exactly the business parameters: no Action, Version or
			// signing parameters exist in a V3 request.
			assert.Equal(t, map[string]any{"InstanceId": "i-1", "RegionId": "cn-hangzhou", "Tag.1.Key": "a b*c"}, params(a))
		})
	}
}

func TestV3ActionAndVersionComeFromTheHeaders(t *testing.T) {
	fx := newFixture(t, true)
	// An Action parameter is just a parameter: the signed header decides.
	a := fx.v3(t, v3req{query: "Action=Fail&Version=2000-01-01"})
	require.Equal(t, http.StatusOK, a.status, a.raw)
	assert.Equal(t, "Fail", params(a)["Action"])
}

func TestV3FormBody(t *testing.T) {
	fx := newFixture(t, true)
	// The Go core's encoding of aliyun-v3.md §7.3 (space "+", "*" "%2A").
	a := fx.v3(t, v3req{body: "InstanceId=i-1&Tag.1.Key=k+1&Tag.1.Value=v%2A~"})
	require.Equal(t, http.StatusOK, a.status, a.raw)
	assert.Equal(t, map[string]any{"InstanceId": "i-1", "Tag.1.Key": "k 1", "Tag.1.Value": "v*~"}, params(a))

	// Query and body merged; the body wins on a duplicate, as for v1.
	b := fx.v3(t, v3req{query: "Topic=from-query&OnlyInQuery=q", body: "Topic=from-body"})
	require.Equal(t, http.StatusOK, b.status, b.raw)
	assert.Equal(t, "from-body", params(b)["Topic"])
	assert.Equal(t, "q", params(b)["OnlyInQuery"])
}

// TestV3ChunkedFormBody: the Node core sends its form chunked, with no
// Content-Length, and encodes space as %20 and "*" literally; the hash is of
// the bytes as sent.
func TestV3ChunkedFormBody(t *testing.T) {
	fx := newFixture(t, true)
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = r.TransferEncoding
		mu.Unlock()
		fx.h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	const form = "InstanceId=i-1&Tag.1.Key=k%201&Tag.1.Value=v*~"
	r, err := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form))
	require.NoError(t, err)
	acs3.SetCommonHeaders(r.Header, "Echo", version, realNow, "chunked-nonce")
	r.Header.Set("content-type", "application/x-www-form-urlencoded")
	require.NoError(t, acs3.Sign(r, keyID, secret))
	// Sign set a length; send it chunked instead.
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(form)))
	r.ContentLength = -1
	r.GetBody = nil

	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	assert.Contains(t, string(b), `"Tag.1.Key":"k 1"`)
	assert.Contains(t, string(b), `"Tag.1.Value":"v*~"`)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"chunked"}, seen)
}

func TestV3Errors(t *testing.T) {
	replaceAlg := func(alg string) func(r *http.Request) {
		return func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), acs3.HMACSHA256, alg, 1))
		}
	}
	cases := []struct {
		name   string
		req    v3req
		code   string
		status int
	}{
		{"Authorization without SignedHeaders or Signature", v3req{after: func(r *http.Request) {
			r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+keyID)
		}}, "IncompleteSignature", 400},
		{"unknown AccessKeyId", v3req{key: "LTAInobody"}, "InvalidAccessKeyId.NotFound", 404},
		{"x-acs-date 16 min old", v3req{date: realNow.Add(-16 * time.Minute)}, "InvalidTimeStamp.Expired", 400},
		{"x-acs-date 16 min ahead", v3req{date: realNow.Add(16 * time.Minute)}, "InvalidTimeStamp.Expired", 400},
		{"x-acs-date missing", v3req{before: func(h http.Header) { h.Del(acs3.HeaderDate) }}, "InvalidTimeStamp.Format", 400},
		{"x-acs-date not ISO 8601", v3req{before: func(h http.Header) { h.Set(acs3.HeaderDate, "Fri, 02 Jan 2026 03:04:05 GMT") }}, "InvalidTimeStamp.Format", 400},
		{"ACS3-HMAC-SM3", v3req{after: replaceAlg(acs3.HMACSM3)}, "UnsupportedSignatureAlgorithm", 400},
		{"ACS3-RSA-SHA256", v3req{after: replaceAlg(acs3.RSASHA256)}, "UnsupportedSignatureAlgorithm", 400},
		{"wrong secret", v3req{secret: "wrong-secret"}, "SignatureDoesNotMatch", 400},
		{"query changed after signing", v3req{query: "InstanceId=a", after: func(r *http.Request) { r.URL.RawQuery = "InstanceId=b" }},
			"SignatureDoesNotMatch", 400},
		{"form body changed after signing", v3req{body: "InstanceId=a", after: func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader("InstanceId=b"))
		}}, "SignatureDoesNotMatch", 400},
		{"x-acs-* header added after signing", v3req{after: func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }},
			"IncompleteSignature", 400},
		{"x-acs-action missing", v3req{before: func(h http.Header) { h.Del(acs3.HeaderAction) }}, "IncompleteSignature", 400},
		{"x-acs-version for another port", v3req{version: "2020-04-20"}, "InvalidVersion", 400},
		{"x-acs-action empty", v3req{before: func(h http.Header) { h.Set(acs3.HeaderAction, "") }}, "MissingAction", 400},
		{"unknown action", v3req{action: "NoSuchThing"}, "InvalidAction.NotFound", 404},
		{"Format neither JSON nor XML", v3req{query: "Format=YAML"}, "InvalidParameter.Format", 400},
		{"disabled key", v3req{key: offKey}, "InvalidAccessKeyId.Inactive", 400},
		{"STS key without x-acs-security-token", v3req{key: stsKey}, "MissingSecurityToken", 400},
		{"STS key with another token", v3req{key: stsKey, before: func(h http.Header) {
			h.Set(acs3.HeaderSecurityToken, "other")
			h.Set(acs3.HeaderAccessKeyID, stsKey)
		}}, "InvalidSecurityToken.MismatchWithAccessKey", 400},
		{"token for a key that has none", v3req{before: func(h http.Header) { h.Set(acs3.HeaderSecurityToken, stsTok) }},
			"InvalidSecurityToken.MismatchWithAccessKey", 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t, true)
			a := fx.v3(t, tc.req)
			assert.Equal(t, tc.status, a.status, a.raw)
			assert.Equal(t, tc.code, a.code(), a.raw)
			assert.Len(t, a.body, 5, "the Alibaba error envelope: %s", a.raw)
		})
	}
}

func TestV3STSKeyWithItsTokenPasses(t *testing.T) {
	fx := newFixture(t, true)
	// As the Go core sends STS (aliyun-v3.md §7.5).
	a := fx.v3(t, v3req{key: stsKey, before: func(h http.Header) {
		h.Set(acs3.HeaderSecurityToken, stsTok)
		h.Set(acs3.HeaderAccessKeyID, stsKey)
		h.Set("x-acs-credentials-provider", "static_sts")
	}})
	require.Equal(t, http.StatusOK, a.status, a.raw)
	assert.Equal(t, "sts", a.body["Account"])
}

func TestV3DateWithinWindowPasses(t *testing.T) {
	for _, d := range []time.Duration{-14 * time.Minute, 14 * time.Minute} {
		fx := newFixture(t, true)
		a := fx.v3(t, v3req{date: realNow.Add(d)})
		assert.Equal(t, http.StatusOK, a.status, "skew %s: %s", d, a.raw)
	}
}

func TestV3UnsupportedAlgorithmSaysWhat(t *testing.T) {
	fx := newFixture(t, true)
	a := fx.v3(t, v3req{after: func(r *http.Request) {
		r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), acs3.HMACSHA256, acs3.HMACSM3, 1))
	}})
	msg, _ := a.body["Message"].(string)
	assert.Contains(t, msg, "ACS3-HMAC-SM3 is not supported")
	assert.Contains(t, msg, "mqmock verifies ACS3-HMAC-SHA256 only")
}

// TestV3MismatchShowsTheServerSide: the message carries the server's string
// to sign right after v1's marker (once), then its canonical request, in the
// form the real gateway writes for V3.
func TestV3MismatchShowsTheServerSide(t *testing.T) {
	fx := newFixture(t, true)
	r := v3Request(t, v3req{method: http.MethodGet, query: "InstanceId=i-1", secret: "wrong-secret"})
	auth, err := acs3.ParseAuthorization(r.Header.Get("Authorization"))
	require.NoError(t, err)
	cr := acs3.CanonicalRequest(acs3.RequestView{Method: r.Method, Path: "/", RawQuery: r.URL.RawQuery, Host: r.Host, Header: r.Header}, auth.SignedHeaders)
	a := fx.serve(t, r)
	require.Equal(t, "SignatureDoesNotMatch", a.code(), a.raw)
	msg, _ := a.body["Message"].(string)
	parts := strings.Split(msg, "server string to sign is:")
	require.Len(t, parts, 2, msg)
	assert.Equal(t, acs3.StringToSign(cr)+", server CanonicalRequest is ["+cr+"]", parts[1])
	assert.True(t, strings.HasPrefix(cr, "GET\n/\nInstanceId=i-1\nhost:127.0.0.1:9103\n"), cr)
}

func TestV3BodyChangedSaysWhy(t *testing.T) {
	fx := newFixture(t, true)
	a := fx.v3(t, v3req{body: "InstanceId=a", after: func(r *http.Request) {
		r.Body = io.NopCloser(strings.NewReader("InstanceId=b"))
	}})
	require.Equal(t, "SignatureDoesNotMatch", a.code(), a.raw)
	msg, _ := a.body["Message"].(string)
	assert.Contains(t, msg, "server string to sign is:ACS3-HMAC-SHA256\n")
	assert.Contains(t, msg, "\n"+acs3.PayloadHash([]byte("InstanceId=b"))+"]", "the server's payload hash ends its canonical request")
	assert.Contains(t, msg, "the body received hashes to")
}

func TestV3IncompleteSignatureSaysWhy(t *testing.T) {
	fx := newFixture(t, true)
	a := fx.v3(t, v3req{after: func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }})
	require.Equal(t, "IncompleteSignature", a.code(), a.raw)
	assert.Equal(t, "incomplete (mqmock: x-acs-extra was sent but is not in SignedHeaders; every host, content-type and x-acs-* header must be signed)", a.body["Message"])
}

func TestV3NonceReplay(t *testing.T) {
	fx := newFixture(t, true)
	first := fx.v3(t, v3req{nonce: "same"})
	require.Equal(t, http.StatusOK, first.status, first.raw)
	again := fx.v3(t, v3req{nonce: "same", method: http.MethodGet})
	assert.Equal(t, http.StatusBadRequest, again.status)
	assert.Equal(t, "SignatureNonceUsed", again.code())

	// Per AccessKeyId.
	other := fx.v3(t, v3req{nonce: "same", key: stsKey, before: func(h http.Header) { h.Set(acs3.HeaderSecurityToken, stsTok) }})
	assert.Equal(t, http.StatusOK, other.status, other.raw)

	// One cache for v1 and V3: a nonce a v1 call used is used.
	require.Equal(t, http.StatusOK, fx.signed(t, http.MethodPost, goParams(keyID, "Echo", "shared")).status)
	assert.Equal(t, "SignatureNonceUsed", fx.v3(t, v3req{nonce: "shared"}).code())

	// A request refused at the signature does not burn its nonce.
	require.Equal(t, "SignatureDoesNotMatch", fx.v3(t, v3req{nonce: "fresh", secret: "wrong"}).code())
	ok := fx.v3(t, v3req{nonce: "fresh"})
	assert.Equal(t, http.StatusOK, ok.status, ok.raw)

	// The document makes the nonce optional: without one nothing is recorded.
	for range 2 {
		a := fx.v3(t, v3req{before: func(h http.Header) { h.Del(acs3.HeaderNonce) }})
		assert.Equal(t, http.StatusOK, a.status, a.raw)
	}

	fx.f.ResetNonces()
	assert.Equal(t, http.StatusOK, fx.v3(t, v3req{nonce: "same"}).status)
}

// TestV3AbandonGivesTheNonceBack: a call a fault dropped unanswered may be
// sent again as it was (net/http replays an idempotent request).
func TestV3AbandonGivesTheNonceBack(t *testing.T) {
	var drops atomic.Int32
	hook := dropFirst{drops: &drops}
	fx := newFixtureWith(t, true, pipeline.Hooks{Faults: func() pipeline.FaultHook { return hook }})
	srv := httptest.NewServer(fx.h)
	defer srv.Close()

	r, err := http.NewRequest(http.MethodGet, srv.URL+"/?InstanceId=i-1", nil)
	require.NoError(t, err)
	acs3.SetCommonHeaders(r.Header, "Echo", version, realNow, "dropped-nonce")
	require.NoError(t, acs3.Sign(r, keyID, secret))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, err = client.Do(r)
	require.Error(t, err, "the first attempt is dropped")
	resp, err := client.Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	assert.Equal(t, int32(1), drops.Load())
}

type dropFirst struct{ drops *atomic.Int32 }

func (d dropFirst) Apply(*pipeline.Call) *pipeline.Effect {
	if d.drops.CompareAndSwap(0, 1) {
		return &pipeline.Effect{Rule: "drop", Drop: true}
	}
	return nil
}

func TestV3VerifyOff(t *testing.T) {
	fx := newFixture(t, false)
	a := fx.v3(t, v3req{key: offKey, secret: "garbage", date: realNow.Add(-time.Hour)})
	require.Equal(t, http.StatusOK, a.status, a.raw)
	assert.Equal(t, "off", a.body["Account"], "the Credential still names the account")

	b := fx.v3(t, v3req{key: "LTAIunknown"})
	require.Equal(t, http.StatusOK, b.status, b.raw)
	assert.Equal(t, "alice", b.body["Account"], "an unknown key acts as the first account")

	c := fx.v3(t, v3req{after: func(r *http.Request) { r.Header.Set("Authorization", "ACS3-HMAC-SHA256 nonsense") }})
	require.Equal(t, http.StatusOK, c.status, c.raw)
	assert.Equal(t, "alice", c.body["Account"])

	// Decoding still applies, at once.
	assert.Equal(t, "MissingAction", fx.v3(t, v3req{before: func(h http.Header) { h.Del(acs3.HeaderAction) }}).code())
	assert.Equal(t, "InvalidVersion", fx.v3(t, v3req{version: "2020-04-20"}).code())
}

// TestNeitherSignature: a request carrying no signature at all learns that,
// not MissingAction (what every V3 call got before V3 was served).
func TestNeitherSignature(t *testing.T) {
	send := func(fx *fixture, auth string) answer {
		r := httptest.NewRequest(http.MethodPost, "/?InstanceId=i-1", nil)
		r.Header.Set("x-acs-action", "Echo")
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		return fx.serve(t, r)
	}
	on := newFixture(t, true)
	for _, auth := range []string{"", "Bearer abc"} {
		a := send(on, auth)
		assert.Equal(t, http.StatusBadRequest, a.status, a.raw)
		assert.Equal(t, "IncompleteSignature", a.code(), a.raw)
		assert.Contains(t, a.body["Message"], "neither an ACS3-HMAC-SHA256 Authorization header nor a Signature parameter")
	}
	assert.Equal(t, "MissingAction", send(newFixture(t, false), "").code(), "without verification the action is what is missing")

	// A v1 request without Action but signed keeps its answer.
	p := goParams(keyID, "Echo", "v1-no-action")
	delete(p, "Action")
	assert.Equal(t, "MissingAction", on.signed(t, http.MethodPost, p).code())
}

// TestV1StillAnswersV1: a v1 request carrying a stray x-acs-action header is
// still v1 (only an ACS3- Authorization makes a request V3).
func TestV1StillAnswersV1(t *testing.T) {
	fx := newFixture(t, true)
	p := goParams(keyID, "Echo", "v1-stray")
	aliyunsign.SignParams(secret, http.MethodGet, p)
	r := httptest.NewRequest(http.MethodGet, "/?"+aliyunsign.EncodeParams(p), nil)
	r.Header.Set("x-acs-action", "Fail")
	a := fx.serve(t, r)
	require.Equal(t, http.StatusOK, a.status, a.raw)
	assert.Equal(t, "alice", a.body["Account"])
}
