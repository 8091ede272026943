package cmqsign_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/sign/cmqsign"
)

const (
	secretID  = "AKIDmqmock00000000000000000000000001"
	secretKey = "mqmock-secret-key"
	host      = "127.0.0.1:9101"
	path      = "/v2/index.php"
)

// specParams are the parameters of cmq.md §4.3.
func specParams(signatureMethod string) []cmqsign.Param {
	return []cmqsign.Param{
		{"Action", "SendMessage"},
		{"Nonce", "2889712707"},
		{"RequestClient", "SDK_Python_1.3"},
		{"SecretId", secretID},
		{"SignatureMethod", signatureMethod},
		{"Timestamp", "1700000000"},
		{"delaySeconds", "0"},
		{"msgBody", "hello world"},
		{"queueName", "test-queue"},
	}
}

// reversed proves the caller's order does not matter.
func reversed(ps []cmqsign.Param) []cmqsign.Param {
	out := make([]cmqsign.Param, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// fromBody decodes a captured form body into Params, keeping keys verbatim.
func fromBody(t *testing.T, body string) []cmqsign.Param {
	t.Helper()
	var ps []cmqsign.Param
	for _, kv := range strings.Split(body, "&") {
		k, v, _ := strings.Cut(kv, "=")
		dk, err := url.QueryUnescape(k)
		require.NoError(t, err)
		dv, err := url.QueryUnescape(v)
		require.NoError(t, err)
		ps = append(ps, cmqsign.Param{Key: dk, Value: dv})
	}
	return ps
}

func TestSpecVectors(t *testing.T) {
	tests := []struct {
		name         string
		method, host string
		path         string
		params       []cmqsign.Param
		sigMethod    string
		stringToSign string // "" when the spec does not give it
		signature    string // "" when only a prefix was captured
		sigPrefix    string
	}{
		{
			name: "§4.3 SHA-1 POST", method: "POST", host: host, path: path,
			params: specParams("HmacSHA1"), sigMethod: "HmacSHA1",
			stringToSign: "POST127.0.0.1:9101/v2/index.php?Action=SendMessage&Nonce=2889712707&RequestClient=SDK_Python_1.3&SecretId=AKIDmqmock00000000000000000000000001&SignatureMethod=HmacSHA1&Timestamp=1700000000&delaySeconds=0&msgBody=hello world&queueName=test-queue",
			signature:    "5f7521To8T+f1RIo8/xmIHtcIhQ=",
		},
		{
			name: "§4.3 SHA-256 POST", method: "POST", host: host, path: path,
			params: specParams("HmacSHA256"), sigMethod: "HmacSHA256",
			stringToSign: "POST127.0.0.1:9101/v2/index.php?Action=SendMessage&Nonce=2889712707&RequestClient=SDK_Python_1.3&SecretId=AKIDmqmock00000000000000000000000001&SignatureMethod=HmacSHA256&Timestamp=1700000000&delaySeconds=0&msgBody=hello world&queueName=test-queue",
			signature:    "PzJ1BQfdpLD7rmMVxgeIoKvklDU56d6qo6v9RgVtGFs=",
		},
		{
			name: "§4.3 SHA-1 GET", method: "GET", host: host, path: path,
			params: specParams("HmacSHA1"), sigMethod: "HmacSHA1",
			stringToSign: "GET127.0.0.1:9101/v2/index.php?Action=SendMessage&Nonce=2889712707&RequestClient=SDK_Python_1.3&SecretId=AKIDmqmock00000000000000000000000001&SignatureMethod=HmacSHA1&Timestamp=1700000000&delaySeconds=0&msgBody=hello world&queueName=test-queue",
			signature:    "8vupdTPPf0F3n1rUs9j2U2knwaY=",
		},
		// The captures of cmq.md §4.3 print only the first characters of
		// the signature (and "..." for SecretId, which is the design default).
		{
			name: "§4.3 [GO] BatchSendMessage capture", method: "POST", host: host, path: path,
			params:    fromBody(t, "msgBody.1=a&Nonce=488399304511941830&Timestamp=1795402675&queueName=test-queue&msgBody.2=b&delaySeconds=0&Action=BatchSendMessage&SecretId="+secretID+"&RequestClient=SDK_GO_1.3&SignatureMethod=HmacSHA1"),
			sigMethod: "HmacSHA1", sigPrefix: "GYfF",
		},
		{
			name: "§4.3 [TGO] BatchSendMessage capture, POST /, 0-based", method: "POST", host: host, path: "/",
			params:    fromBody(t, "msgBody.1=y&RequestClient=SDK_GO_1.2.0&Nonce=2889633574&Action=BatchSendMessage&queueName=test-queue&msgBody.0=x&clientRequestId=1327682955&SecretId="+secretID+"&SignatureMethod=HmacSHA256&Timestamp=1795402675&delaySeconds=0"),
			sigMethod: "HmacSHA256", sigPrefix: "Z8vi",
		},
		{
			name: "§4.3 [PY] PublishMessage capture, empty routingKey", method: "POST", host: host, path: path,
			params:    fromBody(t, "Nonce=9142003270462349297&msgTag.2=y&msgTag.1=x&routingKey=&Timestamp=1795402683&msgBody=m&SignatureMethod=HmacSHA256&RequestClient=SDK_Python_1.3&Action=PublishMessage&SecretId="+secretID+"&topicName=t1"),
			sigMethod: "HmacSHA256", sigPrefix: "9pmX",
		},
		{
			// tencentcloud-api3.md §4: API 3.0's optional v1 method is the
			// same algorithm; the capture prints "xL3T…".
			name: "tencentcloud-api3.md §4 v1 HmacSHA256 capture", method: "POST", host: "127.0.0.1:9102", path: "/",
			params:    fromBody(t, "Action=DescribeInstanceList&Language=zh-CN&Nonce=8402956494236061055&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.210&SecretId="+secretID+"&SignatureMethod=HmacSHA256&Timestamp=1795402739&Version=2023-03-08"),
			sigMethod: "HmacSHA256", sigPrefix: "xL3T",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := cmqsign.StringToSign(tt.method, tt.host, tt.path, reversed(tt.params), true)
			if tt.stringToSign != "" {
				assert.Equal(t, tt.stringToSign, sts)
			}
			sig := cmqsign.Sign(secretKey, tt.sigMethod, sts)
			if tt.signature != "" {
				assert.Equal(t, tt.signature, sig)
			}
			assert.True(t, strings.HasPrefix(sig, tt.sigPrefix), "signature %s, want prefix %s", sig, tt.sigPrefix)

			// Every vector must also pass the server-side verifier.
			params := append(append([]cmqsign.Param{}, tt.params...), cmqsign.Param{Key: "Signature", Value: sig})
			assert.True(t, cmqsign.Verify(secretKey, cmqsign.RequestView{Method: tt.method, Host: tt.host, Path: tt.path, Params: params}))
		})
	}
}

func TestSpecBodyDecodes(t *testing.T) {
	// The body of §4.3 carries the SHA-1 signature URL-encoded; decoding it
	// must give back a verifiable request.
	body := "Action=SendMessage&Nonce=2889712707&RequestClient=SDK_Python_1.3&SecretId=AKIDmqmock00000000000000000000000001&Signature=5f7521To8T%2Bf1RIo8%2FxmIHtcIhQ%3D&SignatureMethod=HmacSHA1&Timestamp=1700000000&delaySeconds=0&msgBody=hello+world&queueName=test-queue"
	v, err := url.ParseQuery(body)
	require.NoError(t, err)
	assert.Equal(t, "5f7521To8T+f1RIo8/xmIHtcIhQ=", v.Get("Signature"))
	assert.True(t, cmqsign.Verify(secretKey, cmqsign.RequestView{Method: "POST", Host: host, Path: path, Params: cmqsign.Params(v)}))
}

func TestElevenMessageOrdering(t *testing.T) {
	ps := []cmqsign.Param{{"Action", "BatchSendMessage"}, {"Nonce", "1"}, {"SecretId", secretID},
		{"Timestamp", "1700000000"}, {"queueName", "q"}}
	for i := 1; i <= 11; i++ {
		ps = append(ps, cmqsign.Param{Key: fmt.Sprintf("msgBody.%d", i), Value: fmt.Sprintf("m%d", i)})
	}
	sts := cmqsign.StringToSign("POST", host, path, ps, true)
	// Indices sort as strings, exactly as in cmq.md §4.3.
	assert.True(t, strings.HasSuffix(sts,
		"&Timestamp=1700000000&msgBody.1=m1&msgBody.10=m10&msgBody.11=m11&msgBody.2=m2&msgBody.3=m3&msgBody.4=m4"+
			"&msgBody.5=m5&msgBody.6=m6&msgBody.7=m7&msgBody.8=m8&msgBody.9=m9&queueName=q"), sts)
}

func TestStringToSign(t *testing.T) {
	tests := []struct {
		name              string
		params            []cmqsign.Param
		replaceUnderscore bool
		want              string
	}{
		{"upper case sorts before lower case",
			[]cmqsign.Param{{"queueName", "q"}, {"delaySeconds", "0"}, {"Timestamp", "1"}, {"Action", "A"}}, true,
			"POSThost/p?Action=A&Timestamp=1&delaySeconds=0&queueName=q"},
		{"Signature is never signed",
			[]cmqsign.Param{{"Signature", "x"}, {"Action", "A"}}, true,
			"POSThost/p?Action=A"},
		{"values stay raw", []cmqsign.Param{{"msgBody", "a b&c=d%20+"}}, true,
			"POSThost/p?msgBody=a b&c=d%20+"},
		{"underscore replaced after sorting", []cmqsign.Param{{"a_b", "1"}, {"a.c", "2"}, {"a-z", "3"}}, true,
			// '-' < '.' < '_' by byte: the order is that of the received names.
			"POSThost/p?a-z=3&a.c=2&a.b=1"},
		{"underscore kept (Go SDK)", []cmqsign.Param{{"a_b", "1"}}, false,
			"POSThost/p?a_b=1"},
		{"trailing-space key kept as received (Go SDK)", []cmqsign.Param{{"offset ", "0"}, {"offset", "1"}}, true,
			"POSThost/p?offset=1&offset =0"},
		{"repeated key keeps received order", []cmqsign.Param{{"k", "2"}, {"k", "1"}}, true,
			"POSThost/p?k=2&k=1"},
		{"empty value", []cmqsign.Param{{"routingKey", ""}}, true,
			"POSThost/p?routingKey="},
		{"no params", nil, true, "POSThost/p?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, cmqsign.StringToSign("POST", "host", "/p", tt.params, tt.replaceUnderscore))
		})
	}
}

func TestSignHashSelection(t *testing.T) {
	sts := "POST127.0.0.1:9101/v2/index.php?Action=SendMessage"
	sha1 := cmqsign.Sign(secretKey, "", sts)
	assert.Len(t, sha1, 28)
	assert.Equal(t, sha1, cmqsign.Sign(secretKey, "HmacSHA1", sts))
	assert.Equal(t, sha1, cmqsign.Sign(secretKey, "hmacsha256", sts), "only the exact value selects SHA-256")
	assert.Equal(t, sha1, cmqsign.Sign(secretKey, "HmacSHA512", sts))
	assert.Len(t, cmqsign.Sign(secretKey, "HmacSHA256", sts), 44)
}

// signed returns params plus the Signature computed over the given shape.
func signed(method, host, path string, params []cmqsign.Param, replaceUnderscore bool) []cmqsign.Param {
	sm := ""
	for _, p := range params {
		if p.Key == "SignatureMethod" {
			sm = p.Value
		}
	}
	sig := cmqsign.Sign(secretKey, sm, cmqsign.StringToSign(method, host, path, params, replaceUnderscore))
	return append(append([]cmqsign.Param{}, params...), cmqsign.Param{Key: "Signature", Value: sig})
}

func signatureOf(params []cmqsign.Param) string {
	for _, p := range params {
		if p.Key == "Signature" {
			return p.Value
		}
	}
	return ""
}

func without(params []cmqsign.Param, drop func(cmqsign.Param) bool) []cmqsign.Param {
	var out []cmqsign.Param
	for _, p := range params {
		if !drop(p) {
			out = append(out, p)
		}
	}
	return out
}

func with(params []cmqsign.Param, key, value string) []cmqsign.Param {
	out := without(params, func(p cmqsign.Param) bool { return p.Key == key })
	return append(out, cmqsign.Param{Key: key, Value: value})
}

func TestVerify(t *testing.T) {
	base := specParams("HmacSHA1")
	good := with(base, "Signature", "5f7521To8T+f1RIo8/xmIHtcIhQ=")
	good256 := with(specParams("HmacSHA256"), "Signature", "PzJ1BQfdpLD7rmMVxgeIoKvklDU56d6qo6v9RgVtGFs=")

	atParams := with(base, "msgBody", "@hello world")
	isAt := func(p cmqsign.Param) bool { return strings.HasPrefix(p.Value, "@") }
	// Python/PHP drop "@" values on POST but still send them.
	pyAtSigned := func(method string) []cmqsign.Param {
		s := signed(method, host, path, without(atParams, isAt), true)
		return append(s, cmqsign.Param{Key: "msgBody", Value: "@hello world"})
	}

	goListSubs := []cmqsign.Param{{"Action", "ListSubscriptionByTopic"}, {"Nonce", "1"}, {"SecretId", secretID},
		{"SignatureMethod", "HmacSHA1"}, {"Timestamp", "1700000000"}, {"topicName", "t1"},
		{"searchWord ", ""}, {"offset ", "0"}, {"limit ", "20"}}
	trimmed := make([]cmqsign.Param, len(goListSubs))
	for i, p := range goListSubs {
		trimmed[i] = cmqsign.Param{Key: strings.TrimSpace(p.Key), Value: p.Value}
	}

	underscore := append(append([]cmqsign.Param{}, base...), cmqsign.Param{Key: "client_tag", Value: "x"})

	tests := []struct {
		name   string
		secret string
		method string
		host   string
		path   string
		params []cmqsign.Param
		want   bool
	}{
		{"spec SHA-1 POST", secretKey, "POST", host, path, good, true},
		{"spec SHA-256 POST", secretKey, "POST", host, path, good256, true},
		{"spec GET", secretKey, "GET", host, path, with(base, "Signature", "8vupdTPPf0F3n1rUs9j2U2knwaY="), true},
		{"space for + in the received Signature", secretKey, "POST", host, path,
			with(base, "Signature", "5f7521To8T f1RIo8/xmIHtcIhQ="), true},
		{"host signed with http:// (DivXPro Node)", secretKey, "POST", host, path,
			signed("POST", "http://"+host, path, base, true), true},
		{"trailing-slash endpoint signs //v2/index.php", secretKey, "POST", host, "//v2/index.php",
			signed("POST", host, "//v2/index.php", base, true), true},
		{"SignatureMethod absent → SHA-1", secretKey, "POST", host, path,
			signed("POST", host, path, without(base, func(p cmqsign.Param) bool { return p.Key == "SignatureMethod" }), true), true},
		{"unknown SignatureMethod → SHA-1", secretKey, "POST", host, path,
			signed("POST", host, path, with(base, "SignatureMethod", "HmacMD5"), true), true},

		{"@ value left out on POST (Python/PHP)", secretKey, "POST", host, path, pyAtSigned("POST"), true},
		{"@ value kept (Java/Go)", secretKey, "POST", host, path, signed("POST", host, path, atParams, true), true},
		{"@ value left out on GET is not a known shape", secretKey, "GET", host, path, pyAtSigned("GET"), false},
		{"@ value left out plus http:// host (DivXPro Node)", secretKey, "POST", host, path,
			append(signed("POST", "http://"+host, path, without(atParams, isAt), true),
				cmqsign.Param{Key: "msgBody", Value: "@hello world"}), true},

		{"trailing-space keys signed as received (Go SDK)", secretKey, "POST", host, path,
			signed("POST", host, path, goListSubs, false), true},
		{"trailing-space keys: a signature over trimmed names does not match", secretKey, "POST", host, path,
			with(goListSubs, "Signature", signatureOf(signed("POST", host, path, trimmed, true))), false},

		{"underscore name, _→. (Python/Java)", secretKey, "POST", host, path, signed("POST", host, path, underscore, true), true},
		{"underscore name unchanged (Go SDK)", secretKey, "POST", host, path, signed("POST", host, path, underscore, false), true},

		{"wrong secret", "other-secret", "POST", host, path, good, false},
		{"wrong secret SHA-256", "other-secret", "POST", host, path, good256, false},
		{"tampered value", secretKey, "POST", host, path, with(good, "msgBody", "hello worle"), false},
		{"tampered SignatureMethod", secretKey, "POST", host, path, with(good, "SignatureMethod", "HmacSHA256"), false},
		{"added param", secretKey, "POST", host, path, append(append([]cmqsign.Param{}, good...), cmqsign.Param{Key: "extra", Value: "1"}), false},
		{"removed param", secretKey, "POST", host, path, without(good, func(p cmqsign.Param) bool { return p.Key == "delaySeconds" }), false},
		{"key renamed with a trailing space", secretKey, "POST", host, path,
			with(without(good, func(p cmqsign.Param) bool { return p.Key == "queueName" }), "queueName ", "test-queue"), false},
		{"other method", secretKey, "GET", host, path, good, false},
		{"other path", secretKey, "POST", host, "/", good, false},
		{"other host", secretKey, "POST", "127.0.0.1:9102", path, good, false},
		{"host without port", secretKey, "POST", "127.0.0.1", path, good, false},
		{"https:// host is not a known shape", secretKey, "POST", host, path,
			signed("POST", "https://"+host, path, base, true), false},
		{"tampered signature", secretKey, "POST", host, path, with(base, "Signature", "5f7521To8T+f1RIo8/xmIHtcIhR="), false},
		{"signature with CR/LF inserted", secretKey, "POST", host, path, with(base, "Signature", "5f7521To8T+f1RIo\r\n8/xmIHtcIhQ="), false},
		{"signature without padding", secretKey, "POST", host, path, with(base, "Signature", "5f7521To8T+f1RIo8/xmIHtcIhQ"), false},
		{"missing Signature", secretKey, "POST", host, path, base, false},
		{"empty Signature", secretKey, "POST", host, path, with(base, "Signature", ""), false},
		{"two Signatures", secretKey, "POST", host, path,
			append(append([]cmqsign.Param{}, good...), cmqsign.Param{Key: "Signature", Value: "bogus"}), false},
		{"SHA-256 signature with SignatureMethod HmacSHA1", secretKey, "POST", host, path,
			with(base, "Signature", "PzJ1BQfdpLD7rmMVxgeIoKvklDU56d6qo6v9RgVtGFs="), false},
	}
	// One Verifier serves every case, twice over: its kept MACs and buffers
	// carry nothing from one call (secret or hash) to the next.
	v := cmqsign.NewVerifier()
	for round := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprint(tt.name, " ", round), func(t *testing.T) {
				r := cmqsign.RequestView{Method: tt.method, Host: tt.host, Path: tt.path, Params: tt.params}
				assert.Equal(t, tt.want, cmqsign.Verify(tt.secret, r))
				assert.Equal(t, tt.want, v.Verify(tt.secret, r), "kept MACs")
			})
		}
	}
}

func TestSignValues(t *testing.T) {
	v := url.Values{}
	for _, p := range specParams("HmacSHA1") {
		v.Set(p.Key, p.Value)
	}
	v.Set("Signature", "stale")
	assert.Equal(t, "5f7521To8T+f1RIo8/xmIHtcIhQ=", cmqsign.SignValues(secretKey, "POST", host, path, v))
	assert.Equal(t, []string{"5f7521To8T+f1RIo8/xmIHtcIhQ="}, v["Signature"])

	// Through the wire encoding and back, as a test client and the server would.
	decoded, err := url.ParseQuery(v.Encode())
	require.NoError(t, err)
	r := cmqsign.RequestView{Method: "POST", Host: host, Path: path, Params: cmqsign.Params(decoded)}
	assert.True(t, cmqsign.Verify(secretKey, r))
	assert.False(t, cmqsign.Verify("other", r))

	// A deliberately stale request still carries a valid signature; judging
	// freshness is the server's job, not the verifier's.
	v.Set("Timestamp", "1")
	cmqsign.SignValues(secretKey, "GET", host, path, v)
	assert.True(t, cmqsign.Verify(secretKey, cmqsign.RequestView{Method: "GET", Host: host, Path: path, Params: cmqsign.Params(v)}))
}
