package aliyunsign_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

const (
	accessKeyID = "LTAImqmock0000000000001"
	secret      = "mqmock-secret-key"

	// The Go SDK's typed OnsTopicCreate request of aliyun-rpc.md §1.1, as sent.
	goCapturedQuery = "AccessKeyId=LTAImqmock0000000000001&Action=OnsTopicCreate&Format=JSON&InstanceId=MQ_INST_1234567890123456_BXyzAbCd&MessageType=0&RegionId=cn-hangzhou&Remark=demo+topic+%2A+~+%2B&Signature=FNSCT%2FWHl6PJBI9J8m6UTL4EHTo%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureType=&SignatureVersion=1.0&Timestamp=2024-01-01T12%3A00%3A00Z&Topic=orders-topic&Version=2019-02-14"
)

// nodeParams is what pop-core 1.8.0 sends for the §3.3 call: its own
// defaults (Format, SignatureMethod, SignatureNonce, SignatureVersion,
// Timestamp, AccessKeyId, Version) plus Action and the caller's params —
// no SignatureType, and RegionId only because the caller passed it.
func nodeParams() map[string]string {
	return map[string]string{
		"AccessKeyId":      accessKeyID,
		"Action":           "OnsTopicCreate",
		"Format":           "JSON",
		"InstanceId":       "MQ_INST_1234567890123456_BXyzAbCd",
		"MessageType":      "0",
		"RegionId":         "cn-hangzhou",
		"Remark":           "demo topic * ~ +",
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureNonce":   "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
		"SignatureVersion": "1.0",
		"Timestamp":        "2024-01-01T12:00:00Z",
		"Topic":            "orders-topic",
		"Version":          "2019-02-14",
	}
}

// goParams is §3.2: the Node set plus the Go SDK's empty SignatureType.
func goParams() map[string]string {
	p := nodeParams()
	p["SignatureType"] = ""
	return p
}

// unitTestParams is the Go SDK's TestRpcSignatureComposer request: a bare
// CommonRequest, so Action and Version are present but empty.
func unitTestParams() map[string]string {
	return map[string]string{
		"AccessKeyId":      "accessKeyId",
		"Action":           "",
		"Version":          "",
		"Format":           "JSON",
		"RegionId":         "regionId",
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureNonce":   "MOCK_UUID",
		"SignatureType":    "",
		"SignatureVersion": "1.0",
		"Timestamp":        "mock date",
	}
}

func drop(p map[string]string, key string) map[string]string {
	delete(p, key)
	return p
}

func set(p map[string]string, key, value string) map[string]string {
	p[key] = value
	return p
}

func TestPercentEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"AZaz09-_.~", "AZaz09-_.~"},
		{" ", "%20"},
		{"*", "%2A"},
		{"+", "%2B"},
		{"/", "%2F"},
		{":", "%3A"},
		{"=&", "%3D%26"},
		{"%", "%25"},
		{"!'()", "%21%27%28%29"},
		{"demo topic * ~ +", "demo%20topic%20%2A%20~%20%2B"},
		{"2024-01-01T12:00:00Z", "2024-01-01T12%3A00%3A00Z"},
		{"中", "%E4%B8%AD"},
		{"\x00\xff", "%00%FF"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, aliyunsign.PercentEncode(tt.in))
		})
	}
}

func TestSpecVectors(t *testing.T) {
	tests := []struct {
		name         string
		method       string
		secret       string
		params       map[string]string
		canonical    string // "" when not given
		stringToSign string // "" when not given
		signature    string // "" when only a prefix is known
		sigPrefix    string
	}{
		{
			name: "§3.2 Go SDK OnsTopicCreate POST", method: "POST", secret: secret, params: goParams(),
			canonical:    "AccessKeyId=LTAImqmock0000000000001&Action=OnsTopicCreate&Format=JSON&InstanceId=MQ_INST_1234567890123456_BXyzAbCd&MessageType=0&RegionId=cn-hangzhou&Remark=demo%20topic%20%2A%20~%20%2B&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureType=&SignatureVersion=1.0&Timestamp=2024-01-01T12%3A00%3A00Z&Topic=orders-topic&Version=2019-02-14",
			stringToSign: "POST&%2F&AccessKeyId%3DLTAImqmock0000000000001%26Action%3DOnsTopicCreate%26Format%3DJSON%26InstanceId%3DMQ_INST_1234567890123456_BXyzAbCd%26MessageType%3D0%26RegionId%3Dcn-hangzhou%26Remark%3Ddemo%2520topic%2520%252A%2520~%2520%252B%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T12%253A00%253A00Z%26Topic%3Dorders-topic%26Version%3D2019-02-14",
			signature:    "FNSCT/WHl6PJBI9J8m6UTL4EHTo=",
		},
		{name: "§3.3 pop-core POST (params in body)", method: "POST", secret: secret, params: nodeParams(),
			signature: "c5HkqKlW1K4FdMyaoUZAMgZ9i/w="},
		{name: "§3.3 pop-core default GET", method: "GET", secret: secret, params: nodeParams(),
			signature: "V5jhHtJFIG35QKV3+eBggS9y6Bs="},
		{name: "§3.3 Go SDK unit-test vector", method: "GET", secret: "accessKeySecret", params: unitTestParams(),
			signature: "7loPmFjvDnzOVnQeQNj85S6nFGY="},
		{name: "§3.3 Go SDK unit-test vector without the empty SignatureType", method: "GET", secret: "accessKeySecret",
			params: drop(unitTestParams(), "SignatureType"), sigPrefix: "IXBrtEmG"},
		// Not in the spec: the second half of the same SDK test, an STS
		// credential adding SecurityToken to the same request.
		{name: "Go SDK unit-test vector with SecurityToken", method: "GET", secret: "accessKeySecret",
			params: set(unitTestParams(), "SecurityToken", "accessKeyStsToken"), signature: "5Nxdcler+ihqWqv0Hr2On4PsBf4="},
		// Not in the spec: TestRpcSignatureComposer_buildRpcStringToSign.
		{name: "Go SDK buildRpcStringToSign, empty", method: "GET", params: map[string]string{},
			stringToSign: "GET&%2F&"},
		{name: "Go SDK buildRpcStringToSign, URL value", method: "GET",
			params:       map[string]string{"key": "value", "q": "http://domain/?q=value&q2=value2"},
			stringToSign: "GET&%2F&key%3Dvalue%26q%3Dhttp%253A%252F%252Fdomain%252F%253Fq%253Dvalue%2526q2%253Dvalue2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.canonical != "" {
				assert.Equal(t, tt.canonical, aliyunsign.CanonicalizedQuery(tt.params))
			}
			sts := aliyunsign.StringToSign(tt.method, tt.params)
			if tt.stringToSign != "" {
				assert.Equal(t, tt.stringToSign, sts)
			}
			if tt.secret == "" {
				return
			}
			sig := aliyunsign.Sign(tt.secret, sts)
			if tt.signature != "" {
				assert.Equal(t, tt.signature, sig)
			}
			assert.True(t, strings.HasPrefix(sig, tt.sigPrefix), "signature %s, want prefix %s", sig, tt.sigPrefix)

			ok, serverSTS := aliyunsign.Verify(tt.secret, tt.method, tt.params, sig)
			assert.True(t, ok)
			assert.Equal(t, sts, serverSTS)
		})
	}
}

func TestEmptySignatureTypeMatters(t *testing.T) {
	with := aliyunsign.Sign("accessKeySecret", aliyunsign.StringToSign("GET", unitTestParams()))
	without := aliyunsign.Sign("accessKeySecret", aliyunsign.StringToSign("GET", drop(unitTestParams(), "SignatureType")))
	assert.Equal(t, "7loPmFjvDnzOVnQeQNj85S6nFGY=", with)
	assert.NotEqual(t, with, without)

	// The same on the Go capture: a server that dropped empty values would
	// reject every Go SDK request.
	ok, _ := aliyunsign.Verify(secret, "POST", nodeParams(), "FNSCT/WHl6PJBI9J8m6UTL4EHTo=")
	assert.False(t, ok)
}

func TestCapturedGoRequestDecodes(t *testing.T) {
	// §1.1: the wire uses "+" for spaces and %2A for "*"; after decoding,
	// the server's re-encoding must reproduce the signed string exactly.
	v, err := url.ParseQuery(goCapturedQuery)
	require.NoError(t, err)
	p := aliyunsign.Params(v)
	assert.Equal(t, "", p["SignatureType"])
	ok, sts := aliyunsign.Verify(secret, "POST", p, p["Signature"])
	assert.True(t, ok)
	assert.Equal(t, aliyunsign.StringToSign("POST", goParams()), sts)
}

func TestVerify(t *testing.T) {
	const goSig = "FNSCT/WHl6PJBI9J8m6UTL4EHTo="
	tests := []struct {
		name      string
		secret    string
		method    string
		params    map[string]string
		signature string
		want      bool
	}{
		{"Go vector", secret, "POST", goParams(), goSig, true},
		{"Go vector, Signature left in the map", secret, "POST", set(goParams(), "Signature", "ignored"), goSig, true},
		{"Node GET vector, + decoded to space", secret, "GET", nodeParams(), "V5jhHtJFIG35QKV3 eBggS9y6Bs=", true},

		{"wrong secret", "mqmock-secret-key2", "POST", goParams(), goSig, false},
		{"secret with the & already appended", secret + "&", "POST", goParams(), goSig, false},
		{"tampered value", secret, "POST", set(goParams(), "Topic", "orders-topid"), goSig, false},
		{"tampered empty value", secret, "POST", set(goParams(), "SignatureType", "BEARERTOKEN"), goSig, false},
		{"added param", secret, "POST", set(goParams(), "Tag", "x"), goSig, false},
		{"added empty param", secret, "POST", set(goParams(), "Tag", ""), goSig, false},
		{"removed param", secret, "POST", drop(goParams(), "Remark"), goSig, false},
		{"empty SignatureType dropped", secret, "POST", drop(goParams(), "SignatureType"), goSig, false},
		{"key case changed", secret, "POST", set(drop(goParams(), "Topic"), "topic", "orders-topic"), goSig, false},
		{"method swapped", secret, "GET", goParams(), goSig, false},
		{"lower-case method", secret, "post", goParams(), goSig, false},
		{"Node POST signature sent as GET", secret, "GET", nodeParams(), "c5HkqKlW1K4FdMyaoUZAMgZ9i/w=", false},
		{"tampered signature", secret, "POST", goParams(), "FNSCT/WHl6PJBI9J8m6UTL4EHTp=", false},
		{"signature still URL-encoded", secret, "POST", goParams(), "FNSCT%2FWHl6PJBI9J8m6UTL4EHTo%3D", false},
		{"empty signature", secret, "POST", goParams(), "", false},
	}
	// One Verifier serves every case, twice over: its kept MACs and buffers
	// carry nothing from one call (or secret) to the next.
	v := aliyunsign.NewVerifier()
	for round := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprint(tt.name, " ", round), func(t *testing.T) {
				ok, sts := aliyunsign.Verify(tt.secret, tt.method, tt.params, tt.signature)
				assert.Equal(t, tt.want, ok)
				// The server string to sign is returned either way, for the
				// SignatureDoesNotMatch message.
				assert.Equal(t, aliyunsign.StringToSign(tt.method, tt.params), sts)
				kept, keptSTS := v.Verify(tt.secret, tt.method, tt.params, tt.signature)
				assert.Equal(t, tt.want, kept)
				assert.Equal(t, sts, keptSTS)
			})
		}
	}
}

func TestClientHelpers(t *testing.T) {
	at := time.Date(2024, 1, 1, 20, 0, 0, 0, time.FixedZone("CST", 8*3600))
	p := aliyunsign.CommonParams(accessKeyID, "OnsTopicCreate", "2019-02-14", at, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")
	assert.Equal(t, "2024-01-01T12:00:00Z", p["Timestamp"], "always UTC")
	p["InstanceId"] = "MQ_INST_1234567890123456_BXyzAbCd"
	p["Topic"] = "orders-topic"
	p["MessageType"] = "0"
	p["Remark"] = "demo topic * ~ +"
	p["RegionId"] = "cn-hangzhou"
	// CommonParams is pop-core's set, so the §3.3 vectors come out.
	assert.Equal(t, nodeParams(), p)
	assert.Equal(t, "V5jhHtJFIG35QKV3+eBggS9y6Bs=", aliyunsign.SignParams(secret, "GET", p))
	assert.Equal(t, "V5jhHtJFIG35QKV3+eBggS9y6Bs=", p["Signature"])
	// Re-signing replaces the old Signature instead of signing it.
	assert.Equal(t, "c5HkqKlW1K4FdMyaoUZAMgZ9i/w=", aliyunsign.SignParams(secret, "POST", p))

	q := aliyunsign.EncodeParams(p)
	assert.True(t, strings.HasSuffix(q, "&Signature=c5HkqKlW1K4FdMyaoUZAMgZ9i%2Fw%3D"), q)
	assert.Contains(t, q, "Remark=demo%20topic%20%2A%20~%20%2B")

	v, err := url.ParseQuery(q)
	require.NoError(t, err)
	decoded := aliyunsign.Params(v)
	ok, _ := aliyunsign.Verify(secret, "POST", decoded, decoded["Signature"])
	assert.True(t, ok)

	// A request an hour old still carries a valid signature: expiry is the
	// server's decision, and tests need exactly such requests.
	old := aliyunsign.CommonParams(accessKeyID, "OnsInstanceInServiceList", "2019-02-14", time.Now().Add(-time.Hour), "n1")
	sig := aliyunsign.SignParams(secret, "POST", old)
	ok, _ = aliyunsign.Verify(secret, "POST", old, sig)
	assert.True(t, ok)

	assert.Equal(t, "", aliyunsign.EncodeParams(map[string]string{}))
	assert.Equal(t, "Signature=a%2Bb", aliyunsign.EncodeParams(map[string]string{"Signature": "a+b"}))
}

// The string to sign is written in one pass; it must equal its definition:
// method, "&", PercentEncode("/"), "&", PercentEncode(CanonicalizedQuery).
func TestStringToSignIsItsDefinition(t *testing.T) {
	values := []string{"", "a b", "*", "~-._", "%41", "你好", "a+b=c&d", "/", "\x00\xff", "Timestamp=2024-01-01T00:00:00Z"}
	for i, v := range values {
		p := map[string]string{"Action": "OnsTopicList", "K" + v: v, "Signature": "ignored", "n" + strconv.Itoa(i): values[len(values)-1-i]}
		want := "POST&" + aliyunsign.PercentEncode("/") + "&" + aliyunsign.PercentEncode(aliyunsign.CanonicalizedQuery(p))
		assert.Equal(t, want, aliyunsign.StringToSign("POST", p), "%q", v)
	}
}
