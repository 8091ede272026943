package tc3_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/sign/tc3"
)

const (
	secretID  = "AKIDmqmock00000000000000000000000001"
	secretKey = "mqmock-secret-key"
	ts        = int64(1700000000) // 2023-11-14T22:13:20Z

	goBody   = `{"InstanceId":"rmq-example01","Limit":20,"Offset":0}`
	nodeBody = `{"InstanceId":"rmq-example01","Offset":0,"Limit":20}`

	// Authorization headers exactly as captured in tencentcloud-api3.md §2.2 / §5.3 / §5.4.
	goAuth   = "TC3-HMAC-SHA256 Credential=AKIDmqmock00000000000000000000000001/2023-11-14/trocket/tc3_request, SignedHeaders=content-type;host, Signature=dc1053e3465fb0fdc4107d11591d355c267e81f134ab0d0a805c0854a28efc94"
	nodeAuth = "TC3-HMAC-SHA256 Credential=AKIDmqmock00000000000000000000000001/2023-11-14/127/tc3_request, SignedHeaders=content-type;host, Signature=273b55d11d5a06cc816003a3e99bee0367c9c1b6acbaf73a7fd5aa5027e5ed7d"
)

// goInput is spec §5.3: Go SDK, host signed with its port, scope service trocket.
func goInput() tc3.Input {
	return tc3.Input{
		Method: "POST", URI: "/",
		Headers:       map[string]string{"content-type": "application/json", "host": "127.0.0.1:9102"},
		SignedHeaders: "content-type;host",
		Payload:       []byte(goBody),
		Timestamp:     ts,
		Service:       "trocket",
	}
}

// nodeInput is spec §5.4: Node SDK, bare hostname, scope service "127".
func nodeInput() tc3.Input {
	in := goInput()
	in.Headers = map[string]string{"content-type": "application/json", "host": "127.0.0.1"}
	in.Payload = []byte(nodeBody)
	in.Service = "127"
	return in
}

// getInput is the GET vector at the end of spec §5.4 (Go CommonClient, empty query).
func getInput() tc3.Input {
	in := goInput()
	in.Method = "GET"
	in.Headers = map[string]string{"content-type": "application/x-www-form-urlencoded", "host": "127.0.0.1:9102"}
	in.Payload = nil
	return in
}

func TestSpecVectors(t *testing.T) {
	tests := []struct {
		name             string
		in               tc3.Input
		payloadHash      string
		canonicalRequest string
		crHash           string // "" when the spec does not give it
		stringToSign     string // "" when the spec does not give it
		signature        string // full signature; "" when only a prefix is known
		sigPrefix        string
		authorization    string
	}{
		{
			name:             "§5.3 Go SDK POST, host with port, service trocket",
			in:               goInput(),
			payloadHash:      "3e2589c904f2f9053075b09810b009e285bd163bb54a90311dfe86a8f502e7c0",
			canonicalRequest: "POST\n/\n\ncontent-type:application/json\nhost:127.0.0.1:9102\n\ncontent-type;host\n3e2589c904f2f9053075b09810b009e285bd163bb54a90311dfe86a8f502e7c0",
			crHash:           "87e5fe9738a2ece3551c7448432e9a315f8d745e98894a6f10bfbcd0ac089608",
			stringToSign:     "TC3-HMAC-SHA256\n1700000000\n2023-11-14/trocket/tc3_request\n87e5fe9738a2ece3551c7448432e9a315f8d745e98894a6f10bfbcd0ac089608",
			signature:        "dc1053e3465fb0fdc4107d11591d355c267e81f134ab0d0a805c0854a28efc94",
			authorization:    goAuth,
		},
		{
			name:             "§5.4 Node POST, host without port, service 127",
			in:               nodeInput(),
			payloadHash:      "6bcc152584f8505b1c829a26792a759d3dcd8f6f25332d49472052820e68e4a8",
			canonicalRequest: "POST\n/\n\ncontent-type:application/json\nhost:127.0.0.1\n\ncontent-type;host\n6bcc152584f8505b1c829a26792a759d3dcd8f6f25332d49472052820e68e4a8",
			crHash:           "d4ae4a314ef1db86714abeb2118158d0e58d2b14582aec8b1ca2ed8de93305a4",
			stringToSign:     "TC3-HMAC-SHA256\n1700000000\n2023-11-14/127/tc3_request\nd4ae4a314ef1db86714abeb2118158d0e58d2b14582aec8b1ca2ed8de93305a4",
			signature:        "273b55d11d5a06cc816003a3e99bee0367c9c1b6acbaf73a7fd5aa5027e5ed7d",
			authorization:    nodeAuth,
		},
		{
			// The spec gives only the payload hash and canonical request; the
			// signature was computed by an independent Python implementation
			// of §5.2 with the timestamp and service of §5.3.
			name:             "§5.4 GET vector, empty payload",
			in:               getInput(),
			payloadHash:      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			canonicalRequest: "GET\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:127.0.0.1:9102\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			signature:        "f01dc7847d27c78533c439a7b307fce8bdba484abbc063326ce7bcd9c00ddaa2",
		},
		{
			// §2.2 captured only the first 8 hex digits of this signature.
			name: "§2.2 Go v1.0.162 typed tdmq DescribeClusters (prefix only)",
			in: tc3.Input{
				Method: "POST", URI: "/",
				Headers:       map[string]string{"content-type": "application/json", "host": "127.0.0.1:9102"},
				SignedHeaders: "content-type;host",
				Payload:       []byte(`{"Offset":0,"Limit":20}`),
				Timestamp:     1795402493,
				Service:       "tdmq",
			},
			sigPrefix: "daba3377",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.payloadHash != "" {
				assert.Equal(t, tt.payloadHash, tc3.PayloadHash(tt.in.Payload, false))
			}
			if tt.canonicalRequest != "" {
				assert.Equal(t, tt.canonicalRequest, tc3.CanonicalRequest(tt.in))
			}
			sts := tc3.StringToSign(tt.in)
			if tt.crHash != "" {
				assert.Equal(t, tt.crHash, sts[strings.LastIndexByte(sts, '\n')+1:])
			}
			if tt.stringToSign != "" {
				assert.Equal(t, tt.stringToSign, sts)
			}
			sig := tc3.Sign(secretKey, tt.in)
			if tt.signature != "" {
				assert.Equal(t, tt.signature, sig)
			}
			assert.True(t, strings.HasPrefix(sig, tt.sigPrefix), "signature %s, want prefix %s", sig, tt.sigPrefix)
			if tt.authorization != "" {
				assert.Equal(t, tt.authorization, tc3.AuthorizationHeader(secretID, secretKey, tt.in))
			}
		})
	}
}

func TestUnsignedPayloadHash(t *testing.T) {
	// The literal is hashed, whatever the body.
	assert.Equal(t, tc3.PayloadHash([]byte("UNSIGNED-PAYLOAD"), false), tc3.PayloadHash([]byte(goBody), true))
	assert.NotEqual(t, tc3.PayloadHash([]byte(goBody), false), tc3.PayloadHash([]byte(goBody), true))
}

func TestDate(t *testing.T) {
	assert.Equal(t, "2023-11-14", tc3.Date(1700000000))
	assert.Equal(t, "2026-11-23", tc3.Date(1795402493))
	// Day boundaries are UTC, not local time.
	assert.Equal(t, "2023-11-14", tc3.Date(1700006399))
	assert.Equal(t, "2023-11-15", tc3.Date(1700006400))
}

func TestParseAuthorization(t *testing.T) {
	sig := "dc1053e3465fb0fdc4107d11591d355c267e81f134ab0d0a805c0854a28efc94"
	tests := []struct {
		name    string
		h       string
		want    tc3.Authorization
		wantErr string
	}{
		{name: "Go SDK capture", h: goAuth,
			want: tc3.Authorization{SecretID: secretID, Date: "2023-11-14", Service: "trocket", SignedHeaders: "content-type;host", Signature: sig}},
		{name: "Node SDK capture, service 127", h: nodeAuth,
			want: tc3.Authorization{SecretID: secretID, Date: "2023-11-14", Service: "127", SignedHeaders: "content-type;host",
				Signature: "273b55d11d5a06cc816003a3e99bee0367c9c1b6acbaf73a7fd5aa5027e5ed7d"}},
		{name: "service with a port (Node, endpoint localhost:9102)",
			h:    "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/localhost:9102/tc3_request, SignedHeaders=content-type;host, Signature=" + sig,
			want: tc3.Authorization{SecretID: "AKID1", Date: "2023-11-14", Service: "localhost:9102", SignedHeaders: "content-type;host", Signature: sig}},
		{name: "extra spaces after commas",
			h:    "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request,   SignedHeaders=content-type;host,\tSignature=" + sig,
			want: tc3.Authorization{SecretID: "AKID1", Date: "2023-11-14", Service: "tdmq", SignedHeaders: "content-type;host", Signature: sig}},
		{name: "no space after commas",
			h:    "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request,SignedHeaders=content-type;host,Signature=" + sig,
			want: tc3.Authorization{SecretID: "AKID1", Date: "2023-11-14", Service: "tdmq", SignedHeaders: "content-type;host", Signature: sig}},
		{name: "more signed headers",
			h:    "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=" + sig,
			want: tc3.Authorization{SecretID: "AKID1", Date: "2023-11-14", Service: "tdmq", SignedHeaders: "content-type;host;x-tc-action", Signature: sig}},

		{name: "empty", h: "", wantErr: "does not start"},
		{name: "other algorithm", h: strings.Replace(goAuth, "TC3-HMAC-SHA256", "TC3-HMAC-SHA1", 1), wantErr: "does not start"},
		{name: "lower-case algorithm", h: strings.Replace(goAuth, "TC3-HMAC-SHA256", "tc3-hmac-sha256", 1), wantErr: "does not start"},
		{name: "missing Signature", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=content-type;host", wantErr: "Signature missing"},
		{name: "missing SignedHeaders", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, Signature=" + sig, wantErr: "SignedHeaders missing"},
		{name: "missing Credential", h: "TC3-HMAC-SHA256 SignedHeaders=content-type;host, Signature=" + sig, wantErr: "Credential missing"},
		{name: "part without =", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders, Signature=" + sig, wantErr: "not name=value"},
		{name: "part twice", h: goAuth + ", Signature=" + sig, wantErr: "twice"},
		{name: "unknown part", h: goAuth + ", Region=ap-guangzhou", wantErr: "unknown part"},
		{name: "scope without tc3_request", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/aws4_request, SignedHeaders=content-type;host, Signature=" + sig, wantErr: "tc3_request"},
		{name: "scope too short", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tc3_request, SignedHeaders=content-type;host, Signature=" + sig, wantErr: "Credential"},
		{name: "empty SecretId", h: "TC3-HMAC-SHA256 Credential=/2023-11-14/tdmq/tc3_request, SignedHeaders=content-type;host, Signature=" + sig, wantErr: "empty"},
		{name: "empty service", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14//tc3_request, SignedHeaders=content-type;host, Signature=" + sig, wantErr: "empty"},
		{name: "date not YYYY-MM-DD", h: "TC3-HMAC-SHA256 Credential=AKID1/20231114/tdmq/tc3_request, SignedHeaders=content-type;host, Signature=" + sig, wantErr: "date"},
		{name: "impossible date", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-02-30/tdmq/tc3_request, SignedHeaders=content-type;host, Signature=" + sig, wantErr: "date"},
		{name: "upper-case signed header", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=Content-Type;host, Signature=" + sig, wantErr: "lower-case"},
		{name: "empty signed header name", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=content-type;;host, Signature=" + sig, wantErr: "empty name"},
		{name: "empty SignedHeaders", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=, Signature=" + sig, wantErr: "empty name"},
		{name: "short signature", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=content-type;host, Signature=dc1053e3", wantErr: "64"},
		{name: "upper-case hex signature", h: "TC3-HMAC-SHA256 Credential=AKID1/2023-11-14/tdmq/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.ToUpper(sig), wantErr: "hex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tc3.ParseAuthorization(tt.h)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc3.ErrMalformedAuthorization)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Equal(t, tc3.Authorization{}, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAuthorizationStringRoundTrip(t *testing.T) {
	for _, h := range []string{goAuth, nodeAuth} {
		a, err := tc3.ParseAuthorization(h)
		require.NoError(t, err)
		assert.Equal(t, h, a.String())
	}
}

// headerFunc mimics net/http's case-insensitive lookup.
func headerFunc(kv ...string) func(string) string {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h.Get
}

func TestVerify(t *testing.T) {
	jsonHeaders := headerFunc("Content-Type", "application/json")
	goView := tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102", Header: jsonHeaders, Body: []byte(goBody), Timestamp: ts}
	nodeView := goView
	nodeView.Body = []byte(nodeBody)
	getView := tc3.RequestView{Method: "GET", Path: "/", Host: "127.0.0.1:9102",
		Header: headerFunc("Content-Type", "application/x-www-form-urlencoded"), Timestamp: ts}

	getAuth := "TC3-HMAC-SHA256 Credential=" + secretID + "/2023-11-14/trocket/tc3_request, SignedHeaders=content-type;host, Signature=f01dc7847d27c78533c439a7b307fce8bdba484abbc063326ce7bcd9c00ddaa2"

	with := func(v tc3.RequestView, f func(*tc3.RequestView)) tc3.RequestView { f(&v); return v }

	tests := []struct {
		name   string
		secret string
		auth   string
		view   tc3.RequestView
		want   bool
	}{
		{"§5.3 Go vector, Host as received", secretKey, goAuth, goView, true},
		{"§5.4 Node vector, same Host with port", secretKey, nodeAuth, nodeView, true},
		{"GET vector", secretKey, getAuth, getView, true},
		{"Go vector, endpoint with a path: Go still signs URI /", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Path = "/trocket" }), true},
		{"Go vector, header name case does not matter", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Header = headerFunc("CONTENT-TYPE", "application/json") }), true},
		{"Go vector, header value is trimmed", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Header = headerFunc("Content-Type", "  application/json ") }), true},

		{"wrong secret", "mqmock-secret-key2", goAuth, goView, false},
		{"empty secret", "", goAuth, goView, false},
		{"Node vector, wrong secret", "wrong", nodeAuth, nodeView, false},
		{"body tampered", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Body = []byte(strings.Replace(goBody, "20", "21", 1)) }), false},
		{"body re-serialised in another key order", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Body = []byte(nodeBody) }), false},
		{"body with trailing newline", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Body = []byte(goBody + "\n") }), false},
		{"content-type tampered", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Header = headerFunc("Content-Type", "application/json; charset=utf-8") }), false},
		{"content-type missing", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Header = nil }), false},
		{"other host", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Host = "127.0.0.1:9103" }), false},
		{"Go vector, Host without the port it signed", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Host = "127.0.0.1" }), false},
		{"method tampered", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Method = "PUT" }), false},
		{"query added", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.RawQuery = "Limit=1" }), false},
		{"timestamp changed within the same day", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Timestamp = ts + 1 }), false},
		{"timestamp on another day than the scope", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) { v.Timestamp = ts + 86400 }), false},
		{"scope service swapped", secretKey, strings.Replace(goAuth, "/trocket/", "/tdmq/", 1), goView, false},
		{"scope date swapped", secretKey, strings.Replace(goAuth, "2023-11-14", "2023-11-15", 1), goView, false},
		{"signature tampered", secretKey, strings.Replace(goAuth, "Signature=dc10", "Signature=dc11", 1), goView, false},
		{"signed headers narrowed", secretKey, strings.Replace(goAuth, "content-type;host", "host", 1), goView, false},
		{"unsigned-payload header on a hashed signature", secretKey, goAuth,
			with(goView, func(v *tc3.RequestView) {
				v.Header = headerFunc("Content-Type", "application/json", "X-TC-Content-SHA256", "UNSIGNED-PAYLOAD")
			}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tc3.ParseAuthorization(tt.auth)
			require.NoError(t, err)
			assert.Equal(t, tt.want, tc3.Verify(tt.secret, a, tt.view))
		})
	}
}

func TestVerifyCandidates(t *testing.T) {
	jsonHeaders := headerFunc("Content-Type", "application/json")
	tests := []struct {
		name     string
		signHost string
		signURI  string
		view     tc3.RequestView
		unsigned bool
		signed   string
		headers  map[string]string
		want     bool
	}{
		{name: "Node with an endpoint path signs the path", signHost: "127.0.0.1", signURI: "/x/",
			view: tc3.RequestView{Method: "POST", Path: "/x/", Host: "127.0.0.1:9102", Header: jsonHeaders}, want: true},
		{name: "signed path differs from the received one", signHost: "127.0.0.1", signURI: "/x/",
			view: tc3.RequestView{Method: "POST", Path: "/y/", Host: "127.0.0.1:9102", Header: jsonHeaders}},
		{name: "Host without port verifies a portless signature", signHost: "localhost", signURI: "/",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "localhost", Header: jsonHeaders}, want: true},
		{name: "IPv6 host, port stripped keeping brackets", signHost: "[::1]", signURI: "/",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "[::1]:9102", Header: jsonHeaders}, want: true},
		{name: "IPv6 host signed with its port", signHost: "[::1]:9102", signURI: "/",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "[::1]:9102", Header: jsonHeaders}, want: true},
		{name: "hostname alone is not a suffix match", signHost: "0.0.1", signURI: "/",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102", Header: jsonHeaders}},
		{name: "unsigned payload honoured, body ignored", signHost: "127.0.0.1:9102", signURI: "/", unsigned: true,
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102", Body: []byte("anything"),
				Header: headerFunc("Content-Type", "application/json", "X-Tc-Content-Sha256", "UNSIGNED-PAYLOAD")}, want: true},
		{name: "unsigned signature but header missing", signHost: "127.0.0.1:9102", signURI: "/", unsigned: true,
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102", Body: []byte("anything"), Header: jsonHeaders}},
		{name: "extra signed header canonicalised", signHost: "127.0.0.1:9102", signURI: "/",
			signed:  "content-type;host;x-tc-action",
			headers: map[string]string{"x-tc-action": "DescribeTopicList"},
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102",
				Header: headerFunc("Content-Type", "application/json", "X-Tc-Action", " DescribeTopicList ")}, want: true},
		{name: "extra signed header tampered", signHost: "127.0.0.1:9102", signURI: "/",
			signed:  "content-type;host;x-tc-action",
			headers: map[string]string{"x-tc-action": "DescribeTopicList"},
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102",
				Header: headerFunc("Content-Type", "application/json", "X-Tc-Action", "DeleteTopic")}},
		// Issue 12: host and content-type must both be signed, as every SDK
		// does; this case verified before.
		{name: "host not signed at all", signURI: "/", signed: "content-type",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "anything:1", Header: jsonHeaders}},
		{name: "content-type not signed", signHost: "127.0.0.1:9102", signURI: "/", signed: "host",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102", Header: jsonHeaders}},
		{name: "content-type not signed, other headers are", signHost: "127.0.0.1:9102", signURI: "/", signed: "host;x-tc-action",
			headers: map[string]string{"x-tc-action": "DescribeTopicList"},
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102",
				Header: headerFunc("Content-Type", "application/json", "X-TC-Action", "DescribeTopicList")}},

		// Tencent's document writes canonical header values lower-cased
		// (its example: "content-type:application/json; charset=utf-8",
		// "x-tc-action:describeinstances"); a client written from it verifies.
		{name: "document: values lower-cased", signHost: "127.0.0.1:9102", signURI: "/",
			signed:  "content-type;host;x-tc-action",
			headers: map[string]string{"content-type": "application/json; charset=utf-8", "x-tc-action": "describetopiclist"},
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102",
				Header: headerFunc("Content-Type", " application/json; charset=UTF-8 ", "X-TC-Action", "DescribeTopicList")}, want: true},
		{name: "document: host lower-cased", signHost: "localhost:9102", signURI: "/",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "LocalHost:9102", Header: jsonHeaders}, want: true},
		{name: "document: host lower-cased and without port", signHost: "localhost", signURI: "/",
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "LocalHost:9102", Header: jsonHeaders}, want: true},
		{name: "as sent: mixed-case value signed verbatim (Go SDK with a custom Content-Type)", signHost: "127.0.0.1:9102", signURI: "/",
			headers: map[string]string{"content-type": "application/json; charset=UTF-8"},
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102",
				Header: headerFunc("Content-Type", "application/json; charset=UTF-8")}, want: true},
		{name: "half lower-cased is neither form", signHost: "127.0.0.1:9102", signURI: "/",
			signed:  "content-type;host;x-tc-action",
			headers: map[string]string{"content-type": "application/json; charset=utf-8", "x-tc-action": "DescribeTopicList"},
			view: tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102",
				Header: headerFunc("Content-Type", "application/json; charset=UTF-8", "X-TC-Action", "DescribeTopicList")}},
		{name: "upper-cased by the client is not a form", signHost: "127.0.0.1:9102", signURI: "/",
			headers: map[string]string{"content-type": "APPLICATION/JSON"},
			view:    tc3.RequestView{Method: "POST", Path: "/", Host: "127.0.0.1:9102", Header: jsonHeaders}},
		{name: "GET with a raw query signed verbatim", signHost: "127.0.0.1", signURI: "/",
			view: tc3.RequestView{Method: "GET", Path: "/", RawQuery: "Offset=0&Limit=10&ClusterIdList.0=rocketmq-1",
				Host: "127.0.0.1:9102", Header: jsonHeaders}, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.view
			v.Timestamp = ts
			signed := tt.signed
			if signed == "" {
				signed = "content-type;host"
			}
			headers := map[string]string{"content-type": "application/json", "host": tt.signHost}
			for k, val := range tt.headers {
				headers[k] = val
			}
			in := tc3.Input{Method: v.Method, URI: tt.signURI, RawQuery: v.RawQuery, Headers: headers,
				SignedHeaders: signed, Payload: v.Body, UnsignedPayload: tt.unsigned, Timestamp: ts, Service: "trocket"}
			a, err := tc3.ParseAuthorization(tc3.AuthorizationHeader(secretID, secretKey, in))
			require.NoError(t, err)
			assert.Equal(t, tt.want, tc3.Verify(secretKey, a, v))
		})
	}
}

func TestSignRequestReproducesGoSDK(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:9102/", strings.NewReader(goBody))
	require.NoError(t, tc3.SignRequest(req, secretID, secretKey, "trocket", ts))
	assert.Equal(t, goAuth, req.Header.Get("Authorization"))
	assert.Equal(t, "1700000000", req.Header.Get("X-TC-Timestamp"))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))

	// The body is still there to be sent (or read by a handler).
	b := make([]byte, len(goBody)+1)
	n, _ := req.Body.Read(b)
	assert.Equal(t, goBody, string(b[:n]))
}

func TestSignRequestRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		url      string
		body     string
		unsigned bool
	}{
		{"POST json", http.MethodPost, "http://127.0.0.1:9102/", `{"Limit":5}`, false},
		{"POST empty body", http.MethodPost, "http://127.0.0.1:9102/", "", false},
		{"GET with query", http.MethodGet, "http://127.0.0.1:9102/?Limit=20&Offset=0", "", false},
		{"POST unsigned payload", http.MethodPost, "http://127.0.0.1:9102/", `{"Limit":5}`, true},
		{"old timestamp for expiry tests", http.MethodPost, "http://localhost:9102/", `{}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stamp := ts
			if strings.HasPrefix(tt.name, "old") {
				stamp = ts - 3600
			}
			var body *strings.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			var req *http.Request
			if body != nil {
				req = httptest.NewRequest(tt.method, tt.url, body)
			} else {
				req = httptest.NewRequest(tt.method, tt.url, nil)
			}
			if tt.unsigned {
				req.Header.Set(tc3.ContentSHA256Header, tc3.UnsignedPayload)
			}
			require.NoError(t, tc3.SignRequest(req, secretID, secretKey, "tdmq", stamp))

			a, err := tc3.ParseAuthorization(req.Header.Get("Authorization"))
			require.NoError(t, err)
			assert.Equal(t, secretID, a.SecretID)
			assert.Equal(t, "tdmq", a.Service)
			gotTS, err := strconv.ParseInt(req.Header.Get("X-TC-Timestamp"), 10, 64)
			require.NoError(t, err)

			view := tc3.RequestView{Method: req.Method, Path: req.URL.Path, RawQuery: req.URL.RawQuery,
				Host: req.Host, Header: req.Header.Get, Body: []byte(tt.body), Timestamp: gotTS}
			assert.True(t, tc3.Verify(secretKey, a, view))
			assert.False(t, tc3.Verify("other", a, view))
			if tt.unsigned {
				view.Body = []byte("changed")
				assert.True(t, tc3.Verify(secretKey, a, view), "the body is not covered")
			} else {
				view.Body = append([]byte(tt.body), ' ')
				assert.False(t, tc3.Verify(secretKey, a, view))
			}
		})
	}
}
