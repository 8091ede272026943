package tcv1_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/sign/tcv1"
)

const (
	secretID  = "AKIDmqmock00000000000000000000000001"
	secretKey = "mqmock-secret-key"
	host      = "127.0.0.1:49101"

	// tencentcloud-api3.md v1.8: Go v1.3.214, POST, HmacSHA256, body as captured.
	goBody = "Action=DescribeTopicList&Filters.0.Name=TopicName&Filters.0.Values.0=a&InstanceId=rmq-xxx&Language=zh-CN&Limit=20&Nonce=1234567890&Offset=0&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.214&SecretId=AKIDmqmock00000000000000000000000001&Signature=4%2BA%2FERsQjR0am6KNZcUG4KfBfKvk4YgkqLthoj4o1Ho%3D&SignatureMethod=HmacSHA256&Timestamp=1700000000&Version=2023-03-08"
	goSTS  = "POST127.0.0.1:49101/?Action=DescribeTopicList&Filters.0.Name=TopicName&Filters.0.Values.0=a&InstanceId=rmq-xxx&Language=zh-CN&Limit=20&Nonce=1234567890&Offset=0&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.214&SecretId=AKIDmqmock00000000000000000000000001&SignatureMethod=HmacSHA256&Timestamp=1700000000&Version=2023-03-08"

	// v1.9: Node 4.1.313, POST, HmacSHA256, body in insertion order.
	nodeBody = "InstanceId=rmq-xxx&Offset=0&Limit=20&Filters.0.Name=TopicName&Filters.0.Values.0=a&Action=DescribeTopicList&RequestClient=SDK_NODEJS_4.1.313&Nonce=32768&Timestamp=1700000000&Version=2023-03-08&SecretId=AKIDmqmock00000000000000000000000001&Region=ap-guangzhou&SignatureMethod=HmacSHA256&Signature=b%2FVb1ONp5BkRSpg5Ks%2BWgPC1JN0fg4EvbPIP1pRpX5Q%3D"
	nodeSTS  = "POST127.0.0.1:49101/?Action=DescribeTopicList&Filters.0.Name=TopicName&Filters.0.Values.0=a&InstanceId=rmq-xxx&Limit=20&Nonce=32768&Offset=0&Region=ap-guangzhou&RequestClient=SDK_NODEJS_4.1.313&SecretId=AKIDmqmock00000000000000000000000001&SignatureMethod=HmacSHA256&Timestamp=1700000000&Version=2023-03-08"
)

func decode(t *testing.T, form string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(form)
	require.NoError(t, err)
	return v
}

// variant returns the decoded form with some parameters replaced (a value
// of "" deletes) and the Signature removed.
func variant(t *testing.T, form string, set map[string]string) url.Values {
	t.Helper()
	v := decode(t, form)
	v.Del("Signature")
	for k, val := range set {
		if val == "" {
			v.Del(k)
		} else {
			v.Set(k, val)
		}
	}
	return v
}

func TestSpecVectors(t *testing.T) {
	tests := []struct {
		name         string
		method       string
		params       url.Values
		stringToSign string // "" where the spec gives only the signature
		signature    string
	}{
		{name: "v1.8 Go POST HmacSHA256", method: "POST", params: variant(t, goBody, nil),
			stringToSign: goSTS, signature: "4+A/ERsQjR0am6KNZcUG4KfBfKvk4YgkqLthoj4o1Ho="},
		{name: "v1.8 Go POST HmacSHA1", method: "POST",
			params:       variant(t, goBody, map[string]string{"SignatureMethod": "HmacSHA1"}),
			stringToSign: strings.Replace(goSTS, "HmacSHA256", "HmacSHA1", 1), signature: "d01bS8PBrReos5WbP3xlidowf4g="},
		{name: "v1.8 Go v1.3.210 POST HmacSHA1", method: "POST",
			params:    variant(t, goBody, map[string]string{"SignatureMethod": "HmacSHA1", "RequestClient": "SDK_GO_1.3.210"}),
			signature: "CR4qkEqY8Rxtx/5TdT6NhlSeNhw="},
		{name: "v1.8 Go GET HmacSHA1", method: "GET",
			params:       variant(t, goBody, map[string]string{"SignatureMethod": "HmacSHA1"}),
			stringToSign: "GET" + strings.TrimPrefix(strings.Replace(goSTS, "HmacSHA256", "HmacSHA1", 1), "POST"),
			signature:    "ZNaJhtxa3BmbCLDiPRLBtiwaPC8="},
		{name: "v1.9 Node POST HmacSHA256", method: "POST", params: variant(t, nodeBody, nil),
			stringToSign: nodeSTS, signature: "b/Vb1ONp5BkRSpg5Ks+WgPC1JN0fg4EvbPIP1pRpX5Q="},
		{name: "v1.9 Node GET HmacSHA1", method: "GET",
			params:    variant(t, nodeBody, map[string]string{"SignatureMethod": "HmacSHA1"}),
			signature: "KAh0irYnDqS7DBHxd3Qg8nNAy1k="},
		{name: "v1.9 Node POST HmacSHA1 with language en-US", method: "POST",
			params:    variant(t, nodeBody, map[string]string{"SignatureMethod": "HmacSHA1", "Language": "en-US"}),
			signature: "lPcRC2gFIfP8U+iWLkmxu1D/TZo="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := tcv1.StringToSign(tt.method, host, "/", tcv1.Params(tt.params))
			if tt.stringToSign != "" {
				assert.Equal(t, tt.stringToSign, sts)
			}
			assert.Equal(t, tt.signature, tcv1.Signature(secretKey, tt.params.Get("SignatureMethod"), sts))

			// The test client reproduces it, and the server verifies it.
			v := decode(t, tt.params.Encode())
			assert.Equal(t, tt.signature, tcv1.Sign(secretKey, tt.method, host, "/", v))
			r := tcv1.RequestView{Method: tt.method, Host: host, Path: "/", Params: tcv1.Params(decode(t, v.Encode()))}
			assert.True(t, tcv1.Verify(secretKey, r))
			assert.False(t, tcv1.Verify("other-secret", r))
		})
	}
}

func TestSpecBodiesVerifyAsReceived(t *testing.T) {
	// The captured bodies carry the signature URL-encoded (%2B, %2F, %3D);
	// decoding them gives verifiable requests.
	for _, body := range []string{goBody, nodeBody} {
		r := tcv1.RequestView{Method: "POST", Host: host, Path: "/", Params: tcv1.Params(decode(t, body))}
		assert.True(t, tcv1.Verify(secretKey, r))
	}
}

func TestSpec4CapturePrefix(t *testing.T) {
	// tencentcloud-api3.md §4 printed only "xL3T…" of this Go v1.3.210 capture.
	params := decode(t, "Action=DescribeInstanceList&Language=zh-CN&Nonce=8402956494236061055&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.210&SecretId="+secretID+"&SignatureMethod=HmacSHA256&Timestamp=1795402739&Version=2023-03-08")
	sig := tcv1.Sign(secretKey, "POST", "127.0.0.1:9102", "/", params)
	assert.True(t, strings.HasPrefix(sig, "xL3T"), sig)
}

func TestVerify(t *testing.T) {
	signed := func(method, signHost, signPath string, v url.Values) []tcv1.Param {
		v = decode(t, v.Encode())
		tcv1.Sign(secretKey, method, signHost, signPath, v)
		return tcv1.Params(v)
	}
	base := func() url.Values {
		v := tcv1.CommonParams(secretID, "DescribeTopicList", "2023-03-08", "ap-guangzhou", "HmacSHA256", 1700000000, 1234567890)
		v.Set("InstanceId", "rmq-xxx")
		v.Set("Filters.0.Values.0", "a b&c=d")
		return v
	}
	with := func(ps []tcv1.Param, key, value string) []tcv1.Param {
		var out []tcv1.Param
		for _, p := range ps {
			if p.Key != key {
				out = append(out, p)
			}
		}
		return append(out, tcv1.Param{Key: key, Value: value})
	}
	sigOf := func(ps []tcv1.Param) string {
		for _, p := range ps {
			if p.Key == "Signature" {
				return p.Value
			}
		}
		return ""
	}
	good := signed("POST", host, "/", base())
	underscore := base()
	underscore.Set("Client_Token", "x")
	// Python: "_"→"." in names before sorting ("Client.Token" sorts before
	// "ClientX", "Client_Token" after).
	underscore.Set("ClientX", "y")
	pythonShape := func() []tcv1.Param {
		dotted := url.Values{}
		for k, vs := range underscore {
			dotted[strings.ReplaceAll(k, "_", ".")] = vs
		}
		sig := tcv1.Sign(secretKey, "POST", host, "/", dotted)
		return with(tcv1.Params(underscore), "Signature", sig)
	}

	tests := []struct {
		name   string
		method string
		host   string
		path   string
		params []tcv1.Param
		want   bool
	}{
		{"as signed", "POST", host, "/", good, true},
		{"GET", "GET", host, "/", signed("GET", host, "/", base()), true},
		{"signed without the port", "POST", host, "/", signed("POST", "127.0.0.1", "/", base()), true},
		{"IPv6 host signed without the port", "POST", "[::1]:9102", "/", signed("POST", "[::1]", "/", base()), true},
		{"endpoint with a path, Go (path split off and signed)", "POST", host, "/tdmq", signed("POST", host, "/tdmq", base()), true},
		{"endpoint with a path, Node (endpoint + \"/\")", "POST", host, "/tdmq/", signed("POST", host+"/tdmq", "/", base()), true},
		{"path received but / signed", "POST", host, "/tdmq", signed("POST", host, "/", base()), true},
		{"empty path counts as /", "POST", host, "", good, true},
		{"Python: _ → . before sorting", "POST", host, "/", pythonShape(), true},
		{"names as received with an underscore (Go/Node)", "POST", host, "/", signed("POST", host, "/", underscore), true},
		{"SignatureMethod missing → SHA-1", "POST", host, "/", signed("POST", host, "/", func() url.Values {
			v := base()
			v.Del("SignatureMethod")
			return v
		}()), true},
		{"unknown SignatureMethod → SHA-1", "POST", host, "/", signed("POST", host, "/", func() url.Values {
			v := base()
			v.Set("SignatureMethod", "HmacSHA512")
			return v
		}()), true},
		{"empty Region is signed", "POST", host, "/", signed("POST", host, "/", func() url.Values {
			v := base()
			v.Set("Region", "")
			return v
		}()), true},
		{"v1.8 POST signature received on a GET", "GET", host, "/",
			func() []tcv1.Param {
				ps := tcv1.Params(decode(t, goBody))
				return with(ps, "Signature", strings.ReplaceAll(sigOf(ps), "+", " "))
			}(), false},
		{"space for + in the received Signature, POST", "POST", host, "/",
			func() []tcv1.Param {
				ps := tcv1.Params(decode(t, goBody))
				return with(ps, "Signature", strings.ReplaceAll(sigOf(ps), "+", " "))
			}(), true},

		{"other method", "GET", host, "/", good, false},
		{"other host", "POST", "127.0.0.1:9102", "/", good, false},
		{"other path than the one signed", "POST", host, "/x", signed("POST", host, "/tdmq", base()), false},
		{"signed with a bare host, received on another host", "POST", "localhost:49101", "/", signed("POST", "127.0.0.1", "/", base()), false},
		{"value tampered", "POST", host, "/", with(good, "InstanceId", "rmq-yyy"), false},
		{"parameter added", "POST", host, "/", append(append([]tcv1.Param{}, good...), tcv1.Param{Key: "Limit", Value: "1"}), false},
		{"SignatureMethod switched", "POST", host, "/", with(good, "SignatureMethod", "HmacSHA1"), false},
		{"Signature missing", "POST", host, "/", with(good, "Signature", "")[:len(good)-1], false},
		{"Signature empty", "POST", host, "/", with(good, "Signature", ""), false},
		{"two Signatures", "POST", host, "/", append(append([]tcv1.Param{}, good...), tcv1.Param{Key: "Signature", Value: sigOf(good)}), false},
		{"Signature without padding", "POST", host, "/", with(good, "Signature", strings.TrimRight(sigOf(good), "=")), false},
		{"Signature with CR/LF inserted", "POST", host, "/", with(good, "Signature", sigOf(good)[:10]+"\r\n"+sigOf(good)[10:]), false},
		{"Python shape only tried for names with _", "POST", host, "/", with(good, "Signature", sigOf(pythonShape())), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tcv1.RequestView{Method: tt.method, Host: tt.host, Path: tt.path, Params: tt.params}
			assert.Equal(t, tt.want, tcv1.Verify(secretKey, r))
			if tt.want {
				assert.False(t, tcv1.Verify("other-secret", r), "wrong secret")
				assert.False(t, tcv1.Verify("", r), "empty secret")
			}
		})
	}
}

func TestCommonParams(t *testing.T) {
	v := tcv1.CommonParams(secretID, "DescribeClusters", "2020-02-17", "", tcv1.MethodSHA1, 1700000000, 42)
	assert.Equal(t, "Action=DescribeClusters&Nonce=42&Region=&SecretId="+secretID+"&SignatureMethod=HmacSHA1&Timestamp=1700000000&Version=2020-02-17", v.Encode())
}
