package tdmq_test

// Every decode and verify path of frontend.go, with raw requests signed by
// internal/sign/tc3 (the Go SDK's signing, reproduced), over real HTTP.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/internal/sign/tc3"
)

// rawReq describes one hand-made request. Zero values mean "as the Go SDK
// would send it" for the default account.
type rawReq struct {
	method    string
	version   string // "-" drops the header
	action    string // "-" drops the header
	body      string
	query     string
	secretID  string
	secretKey string
	service   string        // credential-scope service; default trocket
	skew      time.Duration // added to real time for X-TC-Timestamp
	nodeHost  bool          // sign the host without its port, as Node does
	unsigned  bool          // send no Authorization
	authz     string        // replace Authorization
	header    map[string]string
}

type envelope struct {
	Response map[string]json.RawMessage
}

// send builds, signs and sends r; it returns the HTTP status, the raw body and
// the decoded envelope.
func send(t *testing.T, env *emutest.Env, r rawReq) (int, []byte, envelope) {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodPost
	}
	if r.version == "" {
		r.version = tdmq.VersionTRocket
	}
	if r.action == "" {
		r.action = "DescribeInstanceList"
	}
	if r.secretID == "" {
		r.secretID, r.secretKey = env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey
	}
	if r.service == "" {
		r.service = "trocket"
	}
	url := "http://" + env.TDMQ + "/"
	if r.query != "" {
		url += "?" + r.query
	}
	var body io.Reader
	if r.method != http.MethodGet {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, url, body)
	require.NoError(t, err)
	if r.version != "-" {
		req.Header.Set("X-TC-Version", r.version)
	}
	if r.action != "-" {
		req.Header.Set("X-TC-Action", r.action)
	}
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	if r.nodeHost {
		req.Host = "127.0.0.1"
	}
	// Rounded, not truncated: a truncated "299 s old" is up to 300 s old and
	// would flake past the window on a slow run; rounding keeps every skew
	// within half a second of what the row says.
	require.NoError(t, tc3.SignRequest(req, r.secretID, r.secretKey, r.service, time.Now().Add(r.skew).Round(time.Second).Unix()))
	req.Host = "" // always send the real host:port; only the signature differs
	switch {
	case r.unsigned:
		req.Header.Del("Authorization")
	case r.authz != "":
		req.Header.Set("Authorization", r.authz)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var e envelope
	require.NoError(t, json.Unmarshal(raw, &e), "body %q", raw)
	return resp.StatusCode, raw, e
}

// errorCode returns the envelope's error code, "" for a success.
func errorCode(t *testing.T, e envelope) string {
	t.Helper()
	var rid string
	require.NoError(t, json.Unmarshal(e.Response["RequestId"], &rid))
	assert.Regexp(t, tdmqtest.RequestID, rid)
	raw, ok := e.Response["Error"]
	if !ok {
		return ""
	}
	var er struct{ Code, Message string }
	require.NoError(t, json.Unmarshal(raw, &er))
	assert.NotEmpty(t, er.Message)
	return er.Code
}

func TestFrontendDecodeAndVerify(t *testing.T) {
	env := emutest.Start(t)
	for _, tc := range []struct {
		name string
		req  rawReq
		want string // "" = success
	}{
		{"POST signed like the Go SDK", rawReq{body: `{"Offset":0,"Limit":20}`}, ""},
		{"empty POST body is an empty object", rawReq{body: ``}, ""},
		{"PUT", rawReq{method: http.MethodPut, body: `{}`}, "UnsupportedProtocol"},
		{"DELETE", rawReq{method: http.MethodDelete}, "UnsupportedProtocol"},
		{"bad JSON", rawReq{body: `{"Offset":`}, "InvalidParameter"},
		{"trailing garbage", rawReq{body: `{} {}`}, "InvalidParameter"},
		{"array body", rawReq{body: `[1,2]`}, "InvalidParameter"},
		{"string body", rawReq{body: `"x"`}, "InvalidParameter"},
		{"no X-TC-Action", rawReq{action: "-", body: `{}`}, "MissingParameter"},
		{"no X-TC-Version", rawReq{version: "-", body: `{}`}, "MissingParameter"},
		{"missing required field", rawReq{version: tdmq.VersionTDMQ, action: "DescribeRocketMQClusters", service: "tdmq", body: `{"Limit":1}`}, "MissingParameter"},
		{"unknown version", rawReq{version: "2099-01-01", body: `{}`}, "NoSuchVersion"},
		{"4.x action on the 5.x version", rawReq{action: "DescribeRocketMQClusters", body: `{"Offset":0,"Limit":1}`}, "InvalidAction"},
		{"unknown action", rawReq{action: "DescribeNothing", body: `{}`}, "InvalidAction"},
		{"unknown parameter", rawReq{body: `{"Offset":0,"Colour":"red"}`}, "UnknownParameter"},
		{"unknown nested parameter", rawReq{body: `{"Filters":[{"Name":"InstanceId","Valuez":["x"]}]}`}, "UnknownParameter"},
		{"wrong type", rawReq{body: `{"Offset":"zero"}`}, "InvalidParameter"},
		{"no Authorization", rawReq{unsigned: true, body: `{}`}, "AuthFailure.SignatureFailure"},
		{"malformed Authorization", rawReq{authz: "TC3-HMAC-SHA256 garbage", body: `{}`}, "AuthFailure.SignatureFailure"},
		{"other algorithm", rawReq{authz: "HMAC-SHA1 Credential=AKIDx/2024-01-01/trocket/tc3_request, SignedHeaders=host, Signature=00", body: `{}`}, "AuthFailure.SignatureFailure"},
		{"wrong key", rawReq{secretID: "AKIDmqmock00000000000000000000000001", secretKey: "wrong", body: `{}`}, "AuthFailure.SignatureFailure"},
		{"non-AKID secret id", rawReq{secretID: "XYZmqmock00000000000000000000000001", secretKey: "k", body: `{}`}, "AuthFailure.InvalidSecretId"},
		{"unknown secret id", rawReq{secretID: "AKIDnobody0000000000000000000000000", secretKey: "k", body: `{}`}, "AuthFailure.SecretIdNotFound"},
		{"timestamp 301 s old", rawReq{skew: -301 * time.Second, body: `{}`}, "AuthFailure.SignatureExpire"},
		{"timestamp 301 s ahead", rawReq{skew: 301 * time.Second, body: `{}`}, "AuthFailure.SignatureExpire"},
		{"timestamp 299 s old", rawReq{skew: -299 * time.Second, body: `{}`}, ""},
		{"timestamp 299 s ahead", rawReq{skew: 299 * time.Second, body: `{}`}, ""},
		{"unexpected token", rawReq{header: map[string]string{"X-TC-Token": "forged"}, body: `{}`}, "AuthFailure.TokenFailure"},
		{"Node-style: host without port, scope service 127", rawReq{nodeHost: true, service: "127", body: `{"Offset":0,"Limit":20}`}, ""},
		{"unsigned payload", rawReq{header: map[string]string{"X-TC-Content-SHA256": "UNSIGNED-PAYLOAD"}, body: `{}`}, ""},
		{"GET with flattened query", rawReq{method: http.MethodGet, query: "Offset=0&Limit=5&Filters.0.Name=InstanceName&Filters.0.Values.0=a&Filters.0.Values.1=b"}, ""},
		{"GET with unknown flattened field", rawReq{method: http.MethodGet, query: "Filters.0.Nom=InstanceName"}, "UnknownParameter"},
		{"GET with wrong type", rawReq{method: http.MethodGet, query: "Limit=many"}, "InvalidParameter"},
		{"GET with query over 32 KB", rawReq{method: http.MethodGet, query: "Limit=1&x=" + strings.Repeat("a", 33<<10)}, "InvalidParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, e := send(t, env, tc.req)
			assert.Equal(t, http.StatusOK, status)
			assert.Equal(t, tc.want, errorCode(t, e))
		})
	}
}

// TestFrontendBodyOver10MB sends the oversized bodies to the port's handler
// in-process: pushing 10 MB through loopback under -race would dominate the
// package's test time, and the size is refused before anything else. Both
// ways a body can be too large are covered: a declared Content-Length, and a
// chunked body that only turns out too large while being read.
func TestFrontendBodyOver10MB(t *testing.T) {
	env := emutest.Start(t)
	h := env.Handler("tdmq")
	for name, mk := range map[string]func() *http.Request{
		"declared length": func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
			r.ContentLength = 10<<20 + 1
			return r
		},
		"chunked": func() *http.Request {
			body := io.MultiReader(strings.NewReader(`{"InstanceId":"`), strings.NewReader(strings.Repeat("0", 10<<20)), strings.NewReader(`"}`))
			r := httptest.NewRequest(http.MethodPost, "/", body)
			r.ContentLength = -1
			return r
		},
	} {
		t.Run(name, func(t *testing.T) {
			r := mk()
			r.Header.Set("X-TC-Action", "DescribeInstanceList")
			r.Header.Set("X-TC-Version", tdmq.VersionTRocket)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, http.StatusOK, w.Code)
			var e envelope
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &e))
			assert.Equal(t, "InvalidParameter", errorCode(t, e))
			assert.Contains(t, w.Body.String(), "10 MB")
		})
	}
}

// TestFrontendAlwaysJSON200 checks that even the earliest failures answer the
// API 3.0 envelope with status 200 and a JSON content type.
func TestFrontendAlwaysJSON200(t *testing.T) {
	env := emutest.Start(t)
	req, err := http.NewRequest(http.MethodPatch, "http://"+env.TDMQ+"/", bytes.NewReader(nil))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var e envelope
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
	assert.Equal(t, "UnsupportedProtocol", errorCode(t, e))
}

// A GET with a flattened zero-based query binds to the same request as the
// equivalent JSON POST: both reach the same handler with the same tree.
func TestFrontendGETDecodesLikePOST(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	for _, name := range []string{"alpha-one", "beta-two", "alpha-three"} {
		c.OK("CreateInstance", map[string]any{"InstanceType": "BASIC", "Name": name, "SkuCode": "basic_2k", "VpcList": []map[string]any{{"VpcId": "vpc-1", "SubnetId": "subnet-1"}}}, nil)
	}
	_, postRaw, post := send(t, env, rawReq{body: `{"Offset":0,"Limit":1,"Filters":[{"Name":"InstanceName","Values":["alpha"]}]}`})
	_, getRaw, get := send(t, env, rawReq{method: http.MethodGet, query: "Offset=0&Limit=1&Filters.0.Name=InstanceName&Filters.0.Values.0=alpha"})
	require.Equal(t, "", errorCode(t, post), "%s", postRaw)
	require.Equal(t, "", errorCode(t, get), "%s", getRaw)
	assert.JSONEq(t, string(post.Response["TotalCount"]), "2")
	assert.JSONEq(t, string(post.Response["TotalCount"]), string(get.Response["TotalCount"]))
	assert.JSONEq(t, string(post.Response["Data"]), string(get.Response["Data"]))
}
