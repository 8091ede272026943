package tcapi_test

// Signature v1 through the frontend's own stages (Decode → Verify → Route →
// the action's Bind), with requests built by hand or taken verbatim from the
// spec's captures (tencentcloud-api3.md v1.8, v1.9).

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/tcv1"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/wire"
)

const (
	secretID  = "AKIDmqmock00000000000000000000000001"
	secretKey = "mqmock-secret-key"
	specHost  = "127.0.0.1:49101"
	specTime  = 1700000000

	versionA = "2023-03-08"
	versionB = "2020-02-17"

	// v1.8: Go v1.3.214, POST, HmacSHA256, the body as captured.
	goBody = "Action=DescribeTopicList&Filters.0.Name=TopicName&Filters.0.Values.0=a&InstanceId=rmq-xxx&Language=zh-CN&Limit=20&Nonce=1234567890&Offset=0&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.214&SecretId=AKIDmqmock00000000000000000000000001&Signature=4%2BA%2FERsQjR0am6KNZcUG4KfBfKvk4YgkqLthoj4o1Ho%3D&SignatureMethod=HmacSHA256&Timestamp=1700000000&Version=2023-03-08"
	// v1.9: Node 4.1.313, POST, HmacSHA256, the body as captured (insertion
	// order, Signature last).
	nodeBody = "InstanceId=rmq-xxx&Offset=0&Limit=20&Filters.0.Name=TopicName&Filters.0.Values.0=a&Action=DescribeTopicList&RequestClient=SDK_NODEJS_4.1.313&Nonce=32768&Timestamp=1700000000&Version=2023-03-08&SecretId=AKIDmqmock00000000000000000000000001&Region=ap-guangzhou&SignatureMethod=HmacSHA256&Signature=b%2FVb1ONp5BkRSpg5Ks%2BWgPC1JN0fg4EvbPIP1pRpX5Q%3D"
)

// Request structs of the test's actions.

type filter struct {
	Name   *string   `json:"Name"`
	Values []*string `json:"Values"`
}

type topicListReq struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Filters    []*filter `json:"Filters"`
	Offset     *int64    `json:"Offset"`
	Limit      *int64    `json:"Limit"`
}

type thingsReq struct {
	Offset  uint64    `json:"Offset" mq:"required"`
	Limit   *int64    `json:"Limit"`
	Ratio   *float64  `json:"Ratio"`
	Enabled *bool     `json:"Enabled"`
	Name    *string   `json:"Name"`
	Names   []*string `json:"Names"`
	Filters []*filter `json:"Filters"`
}

// echoed is what the test actions answer: the bound request, the tree it
// was bound from, and DryRun.
type echoed struct {
	req  any
	tree any
	dry  bool
}

func bindAction[T any](call *pipeline.Call) (any, error) {
	dry, err := tcapi.TakeDryRun(call)
	if err != nil {
		return nil, err
	}
	var req T
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return echoed{req: req, tree: call.Tree, dry: dry}, nil
}

func newFrontend(t *testing.T, edit ...func(*tcapi.Config)) *tcapi.Frontend {
	t.Helper()
	reg, err := account.NewRegistry([]account.Account{
		{Name: "default", Tencent: account.Tencent{SecretID: secretID, SecretKey: secretKey}},
		{Name: "sts", Tencent: account.Tencent{SecretID: "AKIDsts", SecretKey: "sts-key", Token: "sts-token"}},
		{Name: "cam", Tencent: account.Tencent{SecretID: "AKIDcam", SecretKey: "cam-key"}, Flags: account.Flags{NoCAMAuthorization: true}},
		{Name: "off", Tencent: account.Tencent{SecretID: "AKIDoff", SecretKey: "off-key", Disabled: true}},
	})
	require.NoError(t, err)
	cfg := tcapi.Config{
		Door: "door",
		Services: []tcapi.Service{
			{Name: "alpha", Version: versionA, Tables: []*pipeline.Table{pipeline.NewTable(pipeline.TableSpec{},
				pipeline.Action{Name: "DescribeTopicList", Handle: bindAction[topicListReq]},
				pipeline.Action{Name: "DescribeThings", Handle: bindAction[thingsReq]},
			)}},
			{Name: "beta", Version: versionB, Tables: []*pipeline.Table{pipeline.NewTable(pipeline.TableSpec{},
				pipeline.Action{Name: "DescribeThings", Handle: bindAction[topicListReq]},
			)}},
		},
		Accounts:      reg,
		Verify:        true,
		HonorLanguage: true,
		Now:           func() time.Time { return time.Unix(specTime, 0) },
	}
	for _, e := range edit {
		e(&cfg)
	}
	return tcapi.New(cfg)
}

// outcome is how far a request got.
type outcome struct {
	call   *pipeline.Call
	result echoed
	err    *apierr.Error
}

func (o outcome) code() string {
	if o.err == nil {
		return ""
	}
	return o.err.Code()
}

func serve(t *testing.T, f *tcapi.Frontend, r *http.Request) outcome {
	t.Helper()
	call := &pipeline.Call{Params: map[string]string{}, Header: r.Header, Method: r.Method, Host: r.Host, Service: "door"}
	o := outcome{call: call}
	err := f.Decode(r, call)
	if err == nil {
		err = f.Verify(r, call)
	}
	var h pipeline.Handler
	if err == nil {
		h, err = f.Route(call)
	}
	var res any
	if err == nil {
		res, err = h(call)
	}
	if err != nil {
		ae, ok := apierr.As(err)
		require.True(t, ok, "not a catalogue error: %v", err)
		o.err = ae
		return o
	}
	o.result = res.(echoed)
	return o
}

// v1 is one hand-made signature v1 request.
type v1 struct {
	method      string     // POST by default
	action      string     // DescribeTopicList by default
	version     string     // versionA by default
	params      url.Values // the action's parameters
	set         url.Values // common parameters replaced after CommonParams
	drop        []string   // parameters removed before signing
	key         string     // signing key; secretKey by default
	sign        string     // SignatureMethod; HmacSHA256 by default
	skew        int64      // added to the Timestamp
	signHost    string     // host signed; the request's by default
	after       func(url.Values)
	contentType string // for POST; the form type by default
	query       string // extra query of a POST
	header      map[string]string
}

func (q v1) request(t *testing.T) *http.Request {
	t.Helper()
	method := q.method
	if method == "" {
		method = http.MethodPost
	}
	action, version, key, sig := q.action, q.version, q.key, q.sign
	if action == "" {
		action = "DescribeTopicList"
	}
	if version == "" {
		version = versionA
	}
	if key == "" {
		key = secretKey
	}
	if sig == "" {
		sig = tcv1.MethodSHA256
	}
	v := tcv1.CommonParams(secretID, action, version, "ap-guangzhou", sig, specTime+q.skew, 1234567890)
	for k, vs := range q.params {
		v[k] = vs
	}
	for k, vs := range q.set {
		v[k] = vs
	}
	for _, k := range q.drop {
		v.Del(k)
	}
	host := q.signHost
	if host == "" {
		host = specHost
	}
	tcv1.Sign(key, method, host, "/", v)
	if q.after != nil {
		q.after(v)
	}
	return rawRequest(t, method, v.Encode(), q)
}

// rawRequest sends form as the query (GET) or the form body (POST).
func rawRequest(t *testing.T, method, form string, q v1) *http.Request {
	t.Helper()
	var r *http.Request
	if method == http.MethodGet {
		r = httptest.NewRequest(method, "http://"+specHost+"/?"+form, nil)
	} else {
		target := "http://" + specHost + "/"
		if q.query != "" {
			target += "?" + q.query
		}
		r = httptest.NewRequest(method, target, strings.NewReader(form))
		ct := q.contentType
		if ct == "" {
			ct = "application/x-www-form-urlencoded"
		}
		r.Header.Set("Content-Type", ct)
	}
	r.Host = specHost
	for k, val := range q.header {
		r.Header.Set(k, val)
	}
	return r
}

func specRequest(t *testing.T, method, form string) *http.Request {
	return rawRequest(t, method, form, v1{})
}

// specTopicList is the typed request every spec capture rebuilds to.
func specTopicList() topicListReq {
	name, value, id := "TopicName", "a", "rmq-xxx"
	offset, limit := int64(0), int64(20)
	return topicListReq{InstanceId: &id, Filters: []*filter{{Name: &name, Values: []*string{&value}}}, Offset: &offset, Limit: &limit}
}

// replace swaps the one occurrence of from in an encoded form for to.
func replace(t *testing.T, form, from, to string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(form, from), from)
	return strings.Replace(form, from, to, 1)
}

// TestV1SpecCaptures: the eight captures of the real SDKs (v1.8, v1.9)
// verify at their own time and rebuild to the typed request of the JSON
// form {"InstanceId":"rmq-xxx","Offset":0,"Limit":20,"Filters":[…]}.
func TestV1SpecCaptures(t *testing.T) {
	goForm := func(set map[string]string) string {
		v, err := url.ParseQuery(goBody)
		require.NoError(t, err)
		for k, val := range set {
			v.Set(k, val)
		}
		return v.Encode()
	}
	nodeSHA1 := replace(t, replace(t, nodeBody, "SignatureMethod=HmacSHA256", "SignatureMethod=HmacSHA1"), "&Signature=b%2FVb1ONp5BkRSpg5Ks%2BWgPC1JN0fg4EvbPIP1pRpX5Q%3D", "&Signature=")
	cases := []struct {
		name, method, form string
	}{
		{"Go POST HmacSHA256 (v1.8, verbatim)", http.MethodPost, goBody},
		{"Go POST HmacSHA1", http.MethodPost, goForm(map[string]string{"SignatureMethod": "HmacSHA1", "Signature": "d01bS8PBrReos5WbP3xlidowf4g="})},
		{"Go v1.3.210 POST HmacSHA1", http.MethodPost, goForm(map[string]string{"SignatureMethod": "HmacSHA1", "RequestClient": "SDK_GO_1.3.210", "Signature": "CR4qkEqY8Rxtx/5TdT6NhlSeNhw="})},
		{"Go GET HmacSHA1", http.MethodGet, goForm(map[string]string{"SignatureMethod": "HmacSHA1", "Signature": "ZNaJhtxa3BmbCLDiPRLBtiwaPC8="})},
		{"Node POST HmacSHA256 (v1.9, verbatim)", http.MethodPost, nodeBody},
		{"Node GET HmacSHA1", http.MethodGet, nodeSHA1 + url.QueryEscape("KAh0irYnDqS7DBHxd3Qg8nNAy1k=")},
		{"Node POST HmacSHA1 with Language en-US", http.MethodPost, replace(t, nodeSHA1, "&Signature=", "&Language=en-US&Signature=") + url.QueryEscape("lPcRC2gFIfP8U+iWLkmxu1D/TZo=")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := serve(t, newFrontend(t), specRequest(t, tc.method, tc.form))
			require.Nil(t, o.err, "%v", o.err)
			assert.Equal(t, "alpha", o.call.Service)
			assert.Equal(t, "DescribeTopicList", o.call.Action)
			assert.Equal(t, versionA, o.call.Version)
			assert.Equal(t, "ap-guangzhou", o.call.Region)
			assert.Equal(t, "default", o.call.Account.Name)
			assert.Equal(t, secretID, o.call.CredentialID)
			assert.Equal(t, specTopicList(), o.result.req)
			want, err := wire.DecodeJSON([]byte(`{"InstanceId":"rmq-xxx","Offset":0,"Limit":20,"Filters":[{"Name":"TopicName","Values":["a"]}]}`))
			require.NoError(t, err)
			assert.Equal(t, want, o.result.tree, "the tree the JSON body decodes to")
			// Params keep everything as sent, common parameters included.
			sent, err := url.ParseQuery(tc.form)
			require.NoError(t, err)
			assert.Len(t, o.call.Params, len(sent))
			for k := range sent {
				assert.Equal(t, sent.Get(k), o.call.Params[k], k)
			}
		})
	}

	// The same captures, one second past the window, or one byte changed.
	late := newFrontend(t, func(c *tcapi.Config) { c.Now = func() time.Time { return time.Unix(specTime+301, 0) } })
	assert.Equal(t, "AuthFailure.SignatureExpire", serve(t, late, specRequest(t, http.MethodPost, goBody)).code())
	onTime := newFrontend(t, func(c *tcapi.Config) { c.Now = func() time.Time { return time.Unix(specTime-300, 0) } })
	assert.Equal(t, "", serve(t, onTime, specRequest(t, http.MethodPost, nodeBody)).code())
	assert.Equal(t, "AuthFailure.SignatureFailure", serve(t, newFrontend(t), specRequest(t, http.MethodPost, replace(t, goBody, "Limit=20", "Limit=21"))).code())
	assert.Equal(t, "AuthFailure.SignatureFailure", serve(t, newFrontend(t), specRequest(t, http.MethodGet, goBody)).code(), "a POST signature does not verify a GET")
}

func TestV1DecodeVerifyRoute(t *testing.T) {
	topic := url.Values{"InstanceId": {"rmq-1"}}
	cases := []struct {
		name string
		req  v1
		want string // "" = success
	}{
		// Shapes that are v1.
		{"POST HmacSHA256", v1{params: topic}, ""},
		{"POST HmacSHA1", v1{params: topic, sign: tcv1.MethodSHA1}, ""},
		{"GET HmacSHA256", v1{method: http.MethodGet, params: topic}, ""},
		{"GET HmacSHA1", v1{method: http.MethodGet, params: topic, sign: tcv1.MethodSHA1}, ""},
		{"form type with a charset", v1{params: topic, contentType: "application/x-www-form-urlencoded; charset=utf-8"}, ""},
		{"POST query string ignored", v1{params: topic, query: "Limit=oops&Signature=x"}, ""},
		{"SignatureMethod absent means HmacSHA1", v1{params: topic, drop: []string{"SignatureMethod"}}, ""},
		{"Region absent", v1{params: topic, drop: []string{"Region"}}, ""},
		{"host signed without its port", v1{params: topic, signHost: "127.0.0.1"}, ""},
		{"a value with spaces and symbols", v1{params: url.Values{"InstanceId": {"rmq 1&+=/*"}}}, ""},
		{"Nonce as Node sends it", v1{params: topic, set: url.Values{"Nonce": {"32768"}}}, ""},
		{"timestamp 300 s old", v1{params: topic, skew: -300}, ""},
		{"timestamp 300 s ahead", v1{params: topic, skew: 300}, ""},

		// Decode failures.
		{"form body over 1 MB", v1{params: url.Values{"InstanceId": {strings.Repeat("x", 1<<20)}}}, "InvalidParameter"},
		{"parameter sent twice", v1{params: url.Values{"InstanceId": {"a", "b"}}}, "InvalidParameter"},
		{"no Action", v1{params: topic, drop: []string{"Action"}}, "MissingParameter"},
		{"no Version", v1{params: topic, drop: []string{"Version"}}, "MissingParameter"},
		{"unknown Version", v1{params: topic, version: "2099-01-01"}, "NoSuchVersion"},
		{"unknown Action", v1{params: topic, action: "DescribeNothing"}, "InvalidAction"},

		// Verify failures.
		{"wrong key", v1{params: topic, key: "not-the-key"}, "AuthFailure.SignatureFailure"},
		{"parameter changed after signing", v1{params: topic, after: func(v url.Values) { v.Set("InstanceId", "rmq-2") }}, "AuthFailure.SignatureFailure"},
		{"parameter added after signing", v1{params: topic, after: func(v url.Values) { v.Set("Limit", "1") }}, "AuthFailure.SignatureFailure"},
		{"no Signature", v1{params: topic, after: func(v url.Values) { v.Del("Signature") }}, "AuthFailure.SignatureFailure"},
		{"empty Signature", v1{params: topic, after: func(v url.Values) { v.Set("Signature", "") }}, "AuthFailure.SignatureFailure"},
		{"signed SHA-1 but says SHA-256", v1{params: topic, sign: tcv1.MethodSHA1, after: func(v url.Values) { v.Set("SignatureMethod", tcv1.MethodSHA256) }}, "AuthFailure.SignatureFailure"},
		{"another SignatureMethod", v1{params: topic, sign: "HmacMD5"}, "AuthFailure.SignatureFailure"},
		{"TC3 as SignatureMethod", v1{params: topic, sign: "TC3-HMAC-SHA256"}, "AuthFailure.SignatureFailure"},
		{"no SecretId", v1{params: topic, drop: []string{"SecretId"}}, "MissingParameter"},
		{"SecretId not a key", v1{params: topic, set: url.Values{"SecretId": {"XYZmqmock"}}}, "AuthFailure.InvalidSecretId"},
		{"unknown SecretId", v1{params: topic, set: url.Values{"SecretId": {"AKIDnobody"}}}, "AuthFailure.SecretIdNotFound"},
		{"disabled SecretId", v1{params: topic, set: url.Values{"SecretId": {"AKIDoff"}}, key: "off-key"}, "AuthFailure.SecretIdNotFound"},
		{"no Timestamp", v1{params: topic, drop: []string{"Timestamp"}}, "MissingParameter"},
		{"Timestamp not a number", v1{params: topic, set: url.Values{"Timestamp": {"soon"}}}, "AuthFailure.SignatureFailure"},
		{"no Nonce", v1{params: topic, drop: []string{"Nonce"}}, "MissingParameter"},
		{"timestamp 301 s old", v1{params: topic, skew: -301}, "AuthFailure.SignatureExpire"},
		{"timestamp 301 s ahead", v1{params: topic, skew: 301}, "AuthFailure.SignatureExpire"},
		{"expired and wrongly signed: expiry first", v1{params: topic, skew: -301, key: "not-the-key"}, "AuthFailure.SignatureExpire"},
		{"STS account without Token", v1{params: topic, set: url.Values{"SecretId": {"AKIDsts"}}, key: "sts-key"}, "AuthFailure.TokenFailure"},
		{"STS account with a wrong Token", v1{params: topic, set: url.Values{"SecretId": {"AKIDsts"}, "Token": {"forged"}}, key: "sts-key"}, "AuthFailure.TokenFailure"},
		{"STS account with its Token", v1{params: topic, set: url.Values{"SecretId": {"AKIDsts"}, "Token": {"sts-token"}}, key: "sts-key"}, ""},
		{"Token where none is expected", v1{params: topic, set: url.Values{"Token": {"sts-token"}}}, "AuthFailure.TokenFailure"},
		{"Token unsigned", v1{params: topic, set: url.Values{"SecretId": {"AKIDsts"}}, key: "sts-key", after: func(v url.Values) { v.Set("Token", "sts-token") }}, "AuthFailure.SignatureFailure"},
		{"account without CAM authorisation", v1{params: topic, set: url.Values{"SecretId": {"AKIDcam"}}, key: "cam-key"}, "AuthFailure.UnauthorizedOperation"},
		{"X-TC-Token header is not v1's token", v1{params: topic, set: url.Values{"SecretId": {"AKIDsts"}}, key: "sts-key", header: map[string]string{"X-TC-Token": "sts-token"}}, "AuthFailure.TokenFailure"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := serve(t, newFrontend(t), tc.req.request(t))
			assert.Equal(t, tc.want, o.code(), "%v", o.err)
			if tc.want == "" {
				assert.NotNil(t, o.call.Account)
			}
		})
	}
}

// TestV1IsRecognised: what makes a request v1 and what leaves it to TC3.
func TestV1IsRecognised(t *testing.T) {
	f := newFrontend(t)
	signed := v1{params: url.Values{"InstanceId": {"rmq-1"}}}

	// A form POST carrying a TC3 Authorization or X-TC-Action is TC3's (its
	// body is not JSON).
	for _, h := range []string{"Authorization", "X-TC-Action"} {
		q := signed
		q.header = map[string]string{h: "x"}
		o := serve(t, f, q.request(t))
		assert.Equal(t, "InvalidParameter", o.code(), h)
		assert.Contains(t, o.err.Message(), "not valid JSON", h)
	}
	// A JSON POST is TC3's: with no Authorization it is refused as such.
	q := signed
	q.contentType = "application/json"
	assert.Equal(t, "InvalidParameter", serve(t, f, q.request(t)).code())
	r := httptest.NewRequest(http.MethodPost, "http://"+specHost+"/", strings.NewReader(`{}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-TC-Action", "DescribeThings")
	r.Header.Set("X-TC-Version", versionA)
	assert.Equal(t, "AuthFailure.SignatureFailure", serve(t, f, r).code())
	// A GET with neither Action nor Signature is an API 3.0 GET.
	r = httptest.NewRequest(http.MethodGet, "http://"+specHost+"/?Offset=0&SecretId="+secretID, nil)
	o := serve(t, f, r)
	assert.Equal(t, "MissingParameter", o.code())
	assert.Contains(t, o.err.Message(), "X-TC-Action")
	// A GET that names its Action is v1, and a missing Signature says so.
	r = httptest.NewRequest(http.MethodGet, "http://"+specHost+"/?Action=DescribeThings&Version="+versionA, nil)
	assert.Equal(t, "AuthFailure.SignatureFailure", serve(t, f, r).code())
	// A form POST without Signature is v1 too.
	r = httptest.NewRequest(http.MethodPost, "http://"+specHost+"/", strings.NewReader("Action=DescribeThings&Version="+versionA))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, "AuthFailure.SignatureFailure", serve(t, f, r).code())
	// Oversized and malformed bodies are refused before any signature check.
	r = httptest.NewRequest(http.MethodPost, "http://"+specHost+"/", strings.NewReader("Action=%zz"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	o = serve(t, f, r)
	assert.Equal(t, "InvalidParameter", o.code())
	assert.Contains(t, o.err.Message(), "malformed form body")
	r = httptest.NewRequest(http.MethodPost, "http://"+specHost+"/", strings.NewReader("x"))
	r.ContentLength = 1<<20 + 1
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	o = serve(t, f, r)
	assert.Equal(t, "InvalidParameter", o.code())
	assert.Contains(t, o.err.Message(), "1 MB")
	// A form just under 1 MB is within the limit.
	big := v1{params: url.Values{"InstanceId": {strings.Repeat("x", 1<<20-1024)}}}.request(t)
	require.Less(t, big.ContentLength, int64(1<<20))
	assert.Equal(t, "", serve(t, f, big).code())
	// A GET query over 32 KB answers as an API 3.0 GET does.
	r = httptest.NewRequest(http.MethodGet, "http://"+specHost+"/?Action=DescribeThings&x="+strings.Repeat("a", 33<<10), nil)
	o = serve(t, f, r)
	assert.Equal(t, "InvalidParameter", o.code())
	assert.Contains(t, o.err.Message(), "32 KB")
}

// TestV1RoutesByVersionParameter: the same action name in two services is
// told apart by the Version parameter, as by X-TC-Version.
func TestV1RoutesByVersionParameter(t *testing.T) {
	f := newFrontend(t)
	o := serve(t, f, v1{action: "DescribeThings", params: url.Values{"Offset": {"0"}}}.request(t))
	require.Nil(t, o.err, "%v", o.err)
	assert.Equal(t, "alpha", o.call.Service)
	assert.IsType(t, thingsReq{}, o.result.req)
	o = serve(t, f, v1{action: "DescribeThings", version: versionB, params: url.Values{"InstanceId": {"x"}}}.request(t))
	require.Nil(t, o.err, "%v", o.err)
	assert.Equal(t, "beta", o.call.Service)
	assert.IsType(t, topicListReq{}, o.result.req)

	// Regions listed: the Region parameter is checked like X-TC-Region.
	only := newFrontend(t, func(c *tcapi.Config) { c.Regions = []string{"ap-shanghai"} })
	assert.Equal(t, "UnsupportedRegion", serve(t, only, v1{params: url.Values{"InstanceId": {"x"}}}.request(t)).code())
	assert.Equal(t, "", serve(t, only, v1{params: url.Values{"InstanceId": {"x"}}, set: url.Values{"Region": {"ap-shanghai"}}}.request(t)).code())
}

// TestV1RebuildsTypedParameters: flattened text binds as the JSON body
// would, typed by the action's struct.
func TestV1RebuildsTypedParameters(t *testing.T) {
	s := func(v string) *string { return &v }
	cases := []struct {
		name   string
		params url.Values
		want   thingsReq // when code is ""
		dry    bool
		code   string
		detail string
	}{
		{"numbers, booleans and text",
			url.Values{"Offset": {"5"}, "Limit": {"20"}, "Ratio": {"0.25"}, "Enabled": {"true"}, "Name": {"007"}},
			thingsReq{Offset: 5, Limit: ptr(int64(20)), Ratio: ptr(0.25), Enabled: ptr(true), Name: s("007")}, false, "", ""},
		{"false and zero are sent, and kept",
			url.Values{"Offset": {"0"}, "Limit": {"0"}, "Enabled": {"false"}},
			thingsReq{Limit: ptr(int64(0)), Enabled: ptr(false)}, false, "", ""},
		{"digits in a list of text stay text",
			url.Values{"Offset": {"0"}, "Names.0": {"1"}, "Names.1": {"true"}},
			thingsReq{Names: []*string{s("1"), s("true")}}, false, "", ""},
		{"arrays of structs with arrays, ten and more elements",
			url.Values{"Offset": {"0"}, "Filters.0.Name": {"A"}, "Filters.0.Values.0": {"x"}, "Filters.0.Values.1": {"y"}, "Filters.10.Name": {"K"}},
			thingsReq{Filters: []*filter{{Name: s("A"), Values: []*string{s("x"), s("y")}}, {Name: s("K")}}}, false, "", ""},
		{"gaps left by the Go SDK's nil elements",
			url.Values{"Offset": {"0"}, "Names.1": {"b"}, "Names.3": {"d"}, "Filters.2.Values.1": {"v"}},
			thingsReq{Names: []*string{s("b"), s("d")}, Filters: []*filter{{Values: []*string{s("v")}}}}, false, "", ""},
		{"DryRun taken out", url.Values{"Offset": {"0"}, "DryRun": {"true"}}, thingsReq{}, true, "", ""},
		{"DryRun false", url.Values{"Offset": {"0"}, "DryRun": {"false"}}, thingsReq{}, false, "", ""},

		{"DryRun not a boolean", url.Values{"Offset": {"0"}, "DryRun": {"1"}}, thingsReq{}, false, "InvalidParameter", "DryRun"},
		{"text for a number", url.Values{"Offset": {"0"}, "Limit": {"many"}}, thingsReq{}, false, "InvalidParameter", "Limit"},
		{"negative unsigned", url.Values{"Offset": {"-1"}}, thingsReq{}, false, "InvalidParameter", "Offset"},
		{"1 for a boolean", url.Values{"Offset": {"0"}, "Enabled": {"1"}}, thingsReq{}, false, "InvalidParameter", "Enabled"},
		{"value for a list", url.Values{"Offset": {"0"}, "Names": {"a"}}, thingsReq{}, false, "InvalidParameter", "Names"},
		{"named segment in a list", url.Values{"Offset": {"0"}, "Filters.first.Name": {"a"}}, thingsReq{}, false, "InvalidParameter", "Filters.first"},
		{"index 1000", url.Values{"Offset": {"0"}, "Names.1000": {"a"}}, thingsReq{}, false, "InvalidParameter", "Names.1000"},
		{"unknown parameter", url.Values{"Offset": {"0"}, "Colour": {"red"}}, thingsReq{}, false, "UnknownParameter", "Colour"},
		{"unknown nested parameter", url.Values{"Offset": {"0"}, "Filters.0.Nom": {"a"}}, thingsReq{}, false, "UnknownParameter", "Filters.0.Nom"},
		{"missing required", url.Values{"Limit": {"1"}}, thingsReq{}, false, "MissingParameter", "Offset"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, method := range []string{http.MethodPost, http.MethodGet} {
				o := serve(t, newFrontend(t), v1{method: method, action: "DescribeThings", params: tc.params}.request(t))
				assert.Equal(t, tc.code, o.code(), "%s: %v", method, o.err)
				if tc.code != "" {
					assert.Contains(t, o.err.Message(), "("+tc.detail+")", method)
					continue
				}
				assert.Equal(t, tc.want, o.result.req, method)
				assert.Equal(t, tc.dry, o.result.dry, method)
				// Params keep what was sent, DryRun included.
				for k := range tc.params {
					assert.Equal(t, tc.params.Get(k), o.call.Params[k], "%s %s", method, k)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestV1LanguageParameter: under v1 the Language parameter asks for Chinese
// messages, as X-TC-Language does under TC3.
func TestV1LanguageParameter(t *testing.T) {
	f := newFrontend(t)
	for _, tc := range []struct {
		language string
		want     string
	}{
		{"zh-CN", "签名错误。"},
		{"en-US", "The provided credentials could not be validated."},
		{"", "The provided credentials could not be validated."},
	} {
		q := v1{params: url.Values{"InstanceId": {"x"}}, key: "not-the-key"}
		if tc.language != "" {
			q.set = url.Values{"Language": {tc.language}}
		}
		o := serve(t, f, q.request(t))
		require.NotNil(t, o.err)
		w := httptest.NewRecorder()
		f.Write(w, o.call, nil, o.err)
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Contains(t, w.Body.String(), `"Code":"AuthFailure.SignatureFailure"`)
		assert.Contains(t, w.Body.String(), tc.want, tc.language)
	}
}

// TestV1Unverified: with signature checking off, any v1 request reaches its
// action as the account its SecretId names (else the first account).
func TestV1Unverified(t *testing.T) {
	f := newFrontend(t, func(c *tcapi.Config) { c.Verify = false })
	o := serve(t, f, v1{params: url.Values{"InstanceId": {"x"}}, key: "whatever", set: url.Values{"SecretId": {"AKIDsts"}}}.request(t))
	require.Nil(t, o.err, "%v", o.err)
	assert.Equal(t, "sts", o.call.Account.Name)
	o = serve(t, f, v1{params: url.Values{"InstanceId": {"x"}}, drop: []string{"SecretId", "Timestamp"}, skew: -9999}.request(t))
	require.Nil(t, o.err, "%v", o.err)
	assert.Equal(t, "default", o.call.Account.Name)
}

// TestTC3GetRebuildsFromTheStruct: an API 3.0 GET (X-TC-* headers, a
// flattened query) is rebuilt the same way, gaps included.
func TestTC3GetRebuildsFromTheStruct(t *testing.T) {
	f := newFrontend(t, func(c *tcapi.Config) { c.Verify = false })
	r := httptest.NewRequest(http.MethodGet, "http://"+specHost+"/?Offset=3&Names.1=007&Enabled=false", nil)
	r.Header.Set("X-TC-Action", "DescribeThings")
	r.Header.Set("X-TC-Version", versionA)
	o := serve(t, f, r)
	require.Nil(t, o.err, "%v", o.err)
	seven := "007"
	assert.Equal(t, thingsReq{Offset: 3, Names: []*string{&seven}, Enabled: ptr(false)}, o.result.req)
	assert.Equal(t, map[string]string{"Offset": "3", "Names.1": "007", "Enabled": "false"}, o.call.Params)
}
