package acs3_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/sign/acs3"
)

const sig71 = "56f74124aa39baf20ac1b244310af094c8eed6d6c8d5b50e34418fadcb74774b"

func TestParseAuthorization(t *testing.T) {
	signed := []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-version"}
	const hs = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-version"
	tests := []struct {
		name    string
		h       string
		want    acs3.Authorization
		wantErr string
	}{
		{name: "core form",
			h:    "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=" + hs + ",Signature=" + sig71,
			want: acs3.Authorization{Algorithm: acs3.HMACSHA256, AccessKeyID: "AK1", SignedHeaders: signed, Signature: sig71}},
		{name: "blanks after commas tolerated",
			h:    "ACS3-HMAC-SHA256 Credential=AK1, SignedHeaders=" + hs + ",\tSignature=" + sig71,
			want: acs3.Authorization{Algorithm: acs3.HMACSHA256, AccessKeyID: "AK1", SignedHeaders: signed, Signature: sig71}},
		{name: "parts in another order",
			h:    "ACS3-HMAC-SHA256 Signature=" + sig71 + ",Credential=AK1,SignedHeaders=" + hs,
			want: acs3.Authorization{Algorithm: acs3.HMACSHA256, AccessKeyID: "AK1", SignedHeaders: signed, Signature: sig71}},
		{name: "SM3 parses (refused later by Verify)",
			h:    "ACS3-HMAC-SM3 Credential=AK1,SignedHeaders=" + hs + ",Signature=" + sig71,
			want: acs3.Authorization{Algorithm: acs3.HMACSM3, AccessKeyID: "AK1", SignedHeaders: signed, Signature: sig71}},
		{name: "RSA signature longer than 64 digits",
			h:    "ACS3-RSA-SHA256 Credential=AK1,SignedHeaders=host,Signature=" + strings.Repeat("ab", 256),
			want: acs3.Authorization{Algorithm: acs3.RSASHA256, AccessKeyID: "AK1", SignedHeaders: []string{"host"}, Signature: strings.Repeat("ab", 256)}},

		{name: "empty", h: "", wantErr: "does not start"},
		{name: "v1-style or TC3 header", h: "TC3-HMAC-SHA256 Credential=AK1/2023-11-14/tdmq/tc3_request, SignedHeaders=host, Signature=" + sig71, wantErr: "does not start"},
		{name: "bare prefix", h: "ACS3- Credential=AK1,SignedHeaders=host,Signature=" + sig71, wantErr: "does not start"},
		{name: "algorithm only", h: "ACS3-HMAC-SHA256", wantErr: "does not start"},
		{name: "lower-case algorithm", h: "acs3-hmac-sha256 Credential=AK1,SignedHeaders=host,Signature=" + sig71, wantErr: "does not start"},
		{name: "Credential missing", h: "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=" + sig71, wantErr: "Credential missing"},
		{name: "SignedHeaders missing", h: "ACS3-HMAC-SHA256 Credential=AK1,Signature=" + sig71, wantErr: "SignedHeaders missing"},
		{name: "Signature missing", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host", wantErr: "Signature missing"},
		{name: "empty Credential", h: "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=" + sig71, wantErr: "Credential is empty"},
		{name: "part without =", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders,Signature=" + sig71, wantErr: "not name=value"},
		{name: "part twice", h: "ACS3-HMAC-SHA256 Credential=AK1,Credential=AK2,SignedHeaders=host,Signature=" + sig71, wantErr: "twice"},
		{name: "unknown part", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=" + sig71 + ",Region=cn-hangzhou", wantErr: "unknown part"},
		{name: "upper-case signed header", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=Host,Signature=" + sig71, wantErr: "lower-case"},
		{name: "empty signed header name", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;;x-acs-date,Signature=" + sig71, wantErr: "empty name"},
		{name: "signed header twice", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;host,Signature=" + sig71, wantErr: "twice"},
		{name: "upper-case hex", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=" + strings.ToUpper(sig71), wantErr: "hex"},
		{name: "odd number of digits", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=abc", wantErr: "hex"},
		{name: "empty Signature", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=", wantErr: "hex"},
		{name: "base64 Signature", h: "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=Vvdx+qo5uvIKwbJEMQrwlMju1tbI1bUOND+P3LdHdHs=", wantErr: "hex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := acs3.ParseAuthorization(tt.h)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, acs3.MalformedAuthorization, acs3.ReasonOf(err))
				assert.Equal(t, "IncompleteSignature", acs3.ReasonOf(err).Code())
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Equal(t, acs3.Authorization{}, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestIsV3(t *testing.T) {
	assert.True(t, acs3.IsV3("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=00"))
	assert.True(t, acs3.IsV3(" ACS3-RSA-SHA256 x"))
	assert.False(t, acs3.IsV3(""))
	assert.False(t, acs3.IsV3("TC3-HMAC-SHA256 Credential=x"))
	assert.False(t, acs3.IsV3("acs3-hmac-sha256 Credential=x"))
}

// request71 is §7.1 as the server sees it, for mutation.
func request71(t *testing.T) (acs3.Authorization, acs3.RequestView) {
	t.Helper()
	req, body := parseRaw(t, go71)
	auth, err := acs3.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(t, err)
	return auth, viewOf(req, body)
}

func request73(t *testing.T) (acs3.Authorization, acs3.RequestView) {
	t.Helper()
	req, body := parseRaw(t, go73)
	auth, err := acs3.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(t, err)
	return auth, viewOf(req, body)
}

func withoutName(names []string, drop string) []string {
	var out []string
	for _, n := range names {
		if n != drop {
			out = append(out, n)
		}
	}
	return out
}

func TestVerifyFailures(t *testing.T) {
	type mutate func(a *acs3.Authorization, v *acs3.RequestView)
	tests := []struct {
		name   string
		base   func(*testing.T) (acs3.Authorization, acs3.RequestView)
		secret string
		mutate mutate
		reason acs3.Reason
		header string
	}{
		{name: "untouched", base: request71},
		{name: "untouched form body", base: request73},

		{name: "ACS3-RSA-SHA256", base: request71, reason: acs3.UnsupportedAlgorithm,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { a.Algorithm = acs3.RSASHA256 }},
		{name: "unknown ACS3 algorithm", base: request71, reason: acs3.UnsupportedAlgorithm,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { a.Algorithm = "ACS3-HMAC-SHA1" }},

		{name: "x-acs-date not sent", base: request71, reason: acs3.MissingHeader, header: "x-acs-date",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Del("x-acs-date") }},
		{name: "x-acs-action neither sent nor signed", base: request71, reason: acs3.MissingHeader, header: "x-acs-action",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				v.Header.Del("x-acs-action")
				a.SignedHeaders = withoutName(a.SignedHeaders, "x-acs-action")
			}},
		{name: "x-acs-version not sent", base: request71, reason: acs3.MissingHeader, header: "x-acs-version",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Del("x-acs-version") }},
		{name: "x-acs-content-sha256 not sent", base: request71, reason: acs3.MissingHeader, header: "x-acs-content-sha256",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Del("x-acs-content-sha256") }},
		{name: "no Host", base: request71, reason: acs3.MissingHeader, header: "host",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Host = "" }},
		{name: "signed optional header not sent", base: request71, reason: acs3.MissingHeader, header: "x-acs-credentials-provider",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Del("x-acs-credentials-provider") }},
		{name: "signed non-acs header not sent", base: request71, reason: acs3.MissingHeader, header: "accept-language",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				a.SignedHeaders = append([]string{"accept-language"}, a.SignedHeaders...)
			}},

		{name: "host not signed", base: request71, reason: acs3.UnsignedHeader, header: "host",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				a.SignedHeaders = withoutName(a.SignedHeaders, "host")
			}},
		{name: "x-acs-date not signed", base: request71, reason: acs3.UnsignedHeader, header: "x-acs-date",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				a.SignedHeaders = withoutName(a.SignedHeaders, "x-acs-date")
			}},
		{name: "nonce sent but not signed", base: request71, reason: acs3.UnsignedHeader, header: "x-acs-signature-nonce",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				a.SignedHeaders = withoutName(a.SignedHeaders, "x-acs-signature-nonce")
			}},
		{name: "STS token added after signing", base: request71, reason: acs3.UnsignedHeader, header: "x-acs-security-token",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Set("x-acs-security-token", "t") }},
		{name: "content-type sent but not signed", base: request73, reason: acs3.UnsignedHeader, header: "content-type",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				a.SignedHeaders = withoutName(a.SignedHeaders, "content-type")
			}},

		{name: "form body changed", base: request73, reason: acs3.ContentHashMismatch, header: "x-acs-content-sha256",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				v.Body = []byte(strings.Replace(string(v.Body), "k+1", "k+2", 1))
			}},
		{name: "body added to an empty POST", base: request71, reason: acs3.ContentHashMismatch, header: "x-acs-content-sha256",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Body = []byte("InstanceId=other") }},
		{name: "body re-encoded by a proxy (Go form sent as Node's)", base: request73, reason: acs3.ContentHashMismatch, header: "x-acs-content-sha256",
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				v.Body = []byte("InstanceId=MQ_INST_1000000000000001_mqmock01&Tag.1.Key=k%201&Tag.1.Value=v*~")
			}},

		{name: "wrong secret", base: request71, secret: "other-secret", reason: acs3.SignatureMismatch},
		{name: "empty secret", base: request71, secret: "-", reason: acs3.SignatureMismatch},
		{name: "query value changed", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.RawQuery = "InstanceId=MQ_INST_other" }},
		{name: "query parameter added", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.RawQuery += "&Topic=t" }},
		{name: "form parameter moved to the query", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.RawQuery = "" }},
		{name: "other port in Host", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Host = "127.0.0.1:9103" }},
		{name: "Host without the port the cores sign", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Host = "127.0.0.1" }},
		{name: "method changed", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Method = "GET" }},
		{name: "path changed", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Path = "/x" }},
		{name: "action header changed", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Set("x-acs-action", "OnsTopicDelete") }},
		{name: "date header changed", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Set("x-acs-date", "2024-01-01T12:00:01Z") }},
		{name: "header value lower-cased (values are not case-folded)", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { v.Header.Set("x-acs-action", "onstopiclist") }},
		{name: "signed header order changed", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) {
				a.SignedHeaders[1], a.SignedHeaders[2] = a.SignedHeaders[2], a.SignedHeaders[1]
			}},
		{name: "signature tampered", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { a.Signature = "00" + a.Signature[2:] }},
		{name: "signature truncated", base: request71, reason: acs3.SignatureMismatch,
			mutate: func(a *acs3.Authorization, v *acs3.RequestView) { a.Signature = a.Signature[:62] }},
	}
	// One Verifier serves every case, twice over, beside the package's
	// Verify: its kept MACs carry nothing from one call (or secret) to the next.
	v := acs3.NewVerifier()
	for round := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprint(tt.name, " ", round), func(t *testing.T) {
				auth, view := tt.base(t)
				if tt.mutate != nil {
					tt.mutate(&auth, &view)
				}
				key := secret
				if tt.secret == "-" {
					key = ""
				} else if tt.secret != "" {
					key = tt.secret
				}
				err := acs3.Verify(key, auth, view)
				assert.Equal(t, acs3.ReasonOf(err), acs3.ReasonOf(v.Verify(key, auth, view)), "kept MACs")
				if tt.reason == 0 {
					assert.NoError(t, err)
					return
				}
				require.Error(t, err)
				assert.Equal(t, tt.reason, acs3.ReasonOf(err), err.Error())
				var e *acs3.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.header, e.Header)
				if tt.reason == acs3.SignatureMismatch {
					// What the answer shows is what the server signed.
					cr := acs3.CanonicalRequest(view, auth.SignedHeaders)
					assert.Equal(t, cr, e.ServerCanonicalRequest)
					assert.Equal(t, acs3.StringToSign(cr), e.ServerStringToSign)
				}
			})
		}
	}
}

func TestReasonCodes(t *testing.T) {
	tests := []struct {
		reason acs3.Reason
		code   string
		text   string
	}{
		{acs3.MalformedAuthorization, "IncompleteSignature", "malformed Authorization"},
		{acs3.UnsupportedAlgorithm, "SignatureDoesNotMatch", "unsupported algorithm"},
		{acs3.MissingHeader, "IncompleteSignature", "missing header"},
		{acs3.UnsignedHeader, "IncompleteSignature", "unsigned header"},
		{acs3.ContentHashMismatch, "SignatureDoesNotMatch", "content hash mismatch"},
		{acs3.SignatureMismatch, "SignatureDoesNotMatch", "signature mismatch"},
		{0, "", "no reason"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.code, tt.reason.Code())
			assert.Equal(t, tt.text, tt.reason.String())
		})
	}
	assert.Equal(t, acs3.Reason(0), acs3.ReasonOf(nil))
	assert.Equal(t, acs3.Reason(0), acs3.ReasonOf(assert.AnError))
}

func TestCanonicalQuery(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"empty", "", ""},
		{"sorted by name", "b=2&a=1&C=3", "C=3&a=1&b=2"},
		{"duplicate names sorted by value", "k=2&k=1", "k=1&k=2"},
		{"empty value keeps =", "a=&b", "a=&b="},
		{"empty segments skipped", "a=1&&b=2&", "a=1&b=2"},
		{"RFC 3986 values", "v=%21%27%28%29%2A+~", "v=%21%27%28%29%2A%20~"},
		{"UTF-8 upper-case hex", "v=%c3%a9", "v=%C3%A9"},
		{"reserved characters encoded", "v=a/b:c%3Dd%26e", "v=a%2Fb%3Ac%3Dd%26e"},
		{"undecodable escape kept raw and encoded", "v=%zz", "v=%25zz"},
		{"Go core rewrites + and * in names", "a%2Bb%2A=1", "a%20b%2A=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, acs3.CanonicalQuery(tt.raw))
		})
	}
}

// TestVerifyNameForms signs a query with names outside [A-Za-z0-9.] the way
// each known client writes them into its canonical query.
func TestVerifyNameForms(t *testing.T) {
	base := func() *http.Request {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:9104/?Odd%20Name%2A=x&a%2Bb=y&Plain=z", nil)
		acs3.SetCommonHeaders(req.Header, "ListGroupId", "2020-04-20", time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC), nonce)
		req.Header.Set("x-acs-content-sha256", acs3.EmptyPayloadHash)
		return req
	}
	names := []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
	tests := []struct {
		name  string
		query string
		want  bool
	}{
		{"Go core: raw names, + and * rewritten", "Odd Name%2A=x&Plain=z&a%20b=y", true},
		{"Node core: raw names", "Odd Name*=x&Plain=z&a+b=y", true},
		{"document: names RFC 3986-encoded", "Odd%20Name%2A=x&Plain=z&a%2Bb=y", true},
		{"a mixture is no client's form", "Odd Name*=x&Plain=z&a%2Bb=y", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := base()
			view := acs3.RequestView{Method: req.Method, Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery, Host: req.Host, Header: req.Header}
			full := acs3.CanonicalRequest(view, names)
			// Swap the query line for the client's form.
			lines := strings.SplitN(full, "\n", 4)
			lines[2] = tt.query
			sig := acs3.Signature(secret, acs3.StringToSign(strings.Join(lines, "\n")))
			auth := acs3.Authorization{Algorithm: acs3.HMACSHA256, AccessKeyID: accessKeyID, SignedHeaders: names, Signature: sig}
			err := acs3.Verify(secret, auth, view)
			if tt.want {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, acs3.SignatureMismatch, acs3.ReasonOf(err))
			}
		})
	}
}

func TestSignReproducesGoCore(t *testing.T) {
	at := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		method  string
		url     string
		action  string
		version string
		body    string
		headers map[string]string
		capture string
	}{
		{"§7.1", http.MethodPost, "http://127.0.0.1:49105/?InstanceId=MQ_INST_1000000000000001_mqmock01", "OnsTopicList", "2019-02-14", "",
			map[string]string{"x-acs-credentials-provider": "static_ak"}, go71},
		{"§7.2", http.MethodGet, "http://127.0.0.1:49109/?InstanceId=post-cn-mqmock00001", "ListGroupId", "2020-04-20", "",
			map[string]string{"x-acs-credentials-provider": "static_ak"}, go72},
		{"§7.3", http.MethodPost, "http://127.0.0.1:49105/", "OnsTopicList", "2019-02-14",
			"InstanceId=MQ_INST_1000000000000001_mqmock01&Tag.1.Key=k+1&Tag.1.Value=v%2A~",
			map[string]string{"x-acs-credentials-provider": "static_ak", "content-type": "application/x-www-form-urlencoded"}, go73},
		{"§7.4", http.MethodGet, "http://127.0.0.1:49109/?InstanceId=post-cn-mqmock00001&Tags.1.Key=a+b%2Ac~d%2Be%2Ff&Tags.1.Value=%C3%A9", "ListGroupId", "2020-04-20", "",
			map[string]string{"x-acs-credentials-provider": "static_ak"}, go74},
		{"§7.5", http.MethodPost, "http://127.0.0.1:49105/?InstanceId=MQ_INST_1000000000000001_mqmock01", "OnsTopicList", "2019-02-14", "",
			map[string]string{"x-acs-credentials-provider": "static_sts", "x-acs-security-token": "mqmock-sts-token-0001",
				"x-acs-accesskey-id": accessKeyID}, go75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			if tt.body != "" {
				req = httptest.NewRequest(tt.method, tt.url, strings.NewReader(tt.body))
			} else {
				req = httptest.NewRequest(tt.method, tt.url, nil)
			}
			acs3.SetCommonHeaders(req.Header, tt.action, tt.version, at, nonce)
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			require.NoError(t, acs3.Sign(req, accessKeyID, secret))

			captured, _ := parseRaw(t, tt.capture)
			assert.Equal(t, captured.Header.Get("Authorization"), req.Header.Get("Authorization"))
			assert.Equal(t, captured.Header.Get("x-acs-content-sha256"), req.Header.Get("x-acs-content-sha256"))
			assert.Equal(t, date, req.Header.Get("x-acs-date"))

			// And it verifies, with the body still readable.
			auth, err := acs3.ParseAuthorization(req.Header.Get("Authorization"))
			require.NoError(t, err)
			body := make([]byte, len(tt.body)+1)
			n, _ := req.Body.Read(body)
			assert.Equal(t, tt.body, string(body[:n]))
			view := acs3.RequestView{Method: req.Method, Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery,
				Host: req.Host, Header: req.Header, Body: body[:n]}
			assert.NoError(t, acs3.Verify(secret, auth, view))
		})
	}
}

func TestSignWithoutNonce(t *testing.T) {
	// The document makes the nonce optional; a request without one verifies
	// (replay protection is then the caller's business).
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:9103/?InstanceId=i", nil)
	acs3.SetCommonHeaders(req.Header, "OnsTopicList", "2019-02-14", time.Unix(1700000000, 0), "n")
	req.Header.Del("x-acs-signature-nonce")
	require.NoError(t, acs3.Sign(req, accessKeyID, secret))
	auth, err := acs3.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(t, err)
	assert.Equal(t, []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-version"}, auth.SignedHeaders)
	assert.Equal(t, "2023-11-14T22:13:20Z", req.Header.Get("x-acs-date"), "UTC whatever the zone of the time given")
	view := acs3.RequestView{Method: req.Method, Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery, Host: req.Host, Header: req.Header}
	assert.NoError(t, acs3.Verify(secret, auth, view))
}

func TestVerifyHeaderLookup(t *testing.T) {
	// A view built by hand with lower-case map keys, several values for one
	// header, and a nil Header for the required-header check.
	auth, view := request71(t)
	h := http.Header{}
	for k, vs := range view.Header {
		h[strings.ToLower(k)] = vs
	}
	view.Header = h
	assert.NoError(t, acs3.Verify(secret, auth, view))

	view.Header = nil
	assert.Equal(t, acs3.MissingHeader, acs3.ReasonOf(acs3.Verify(secret, auth, view)))

	// Repeated header: values trimmed, sorted, joined with "," as both cores do.
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:9103/", nil)
	acs3.SetCommonHeaders(req.Header, "OnsTopicList", "2019-02-14", time.Unix(1700000000, 0), nonce)
	req.Header["X-Acs-Multi"] = []string{" b ", "a"}
	require.NoError(t, acs3.Sign(req, accessKeyID, secret))
	v := acs3.RequestView{Method: req.Method, Path: "/", Host: req.Host, Header: req.Header}
	auth, err := acs3.ParseAuthorization(req.Header.Get("Authorization"))
	require.NoError(t, err)
	assert.Contains(t, acs3.CanonicalRequest(v, auth.SignedHeaders), "\nx-acs-multi:a,b\n")
	assert.NoError(t, acs3.Verify(secret, auth, v))
}
