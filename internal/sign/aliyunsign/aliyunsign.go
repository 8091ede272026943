package aliyunsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
	"time"
)

const (
	// SignatureMethod and SignatureVersion are the only values v1 knows.
	SignatureMethod  = "HMAC-SHA1"
	SignatureVersion = "1.0"
	// TimeFormat is the Timestamp layout both SDKs send (UTC, no fraction).
	TimeFormat = "2006-01-02T15:04:05Z"

	signatureKey = "Signature"
)

const upperHex = "0123456789ABCDEF"

// PercentEncode is RFC 3986 encoding of the UTF-8 bytes: only A–Z a–z 0–9
// - _ . ~ stay literal, hex is upper case. It is neither url.QueryEscape
// (space → "+", which the Go SDK patches afterwards) nor url.PathEscape.
func PercentEncode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0x0f])
	}
	return b.String()
}

// CanonicalizedQuery is pct(k)=pct(v) joined by "&" over keys sorted by
// byte order. Signature is left out; empty values are kept.
func CanonicalizedQuery(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != signatureKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(PercentEncode(k))
		b.WriteByte('=')
		b.WriteString(PercentEncode(params[k]))
	}
	return b.String()
}

// StringToSign is METHOD&%2F&pct(canonicalized query). params are decoded
// values; a "Signature" entry is ignored so the full request map can be
// passed as is.
func StringToSign(method string, params map[string]string) string {
	return method + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalizedQuery(params))
}

// Sign returns base64(HMAC-SHA1(secret+"&", sts)); the trailing "&" is the
// empty token secret of v1, never omitted.
func Sign(secret, sts string) string {
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Verify recomputes the signature of params and compares it with signature
// (the decoded Signature parameter) in constant time. It returns the string
// to sign it used because the gateway's SignatureDoesNotMatch message ends
// with "server string to sign is:<sts>", which is how users debug clients.
func Verify(secret, method string, params map[string]string, signature string) (ok bool, serverStringToSign string) {
	sts := StringToSign(method, params)
	want := []byte(Sign(secret, sts))
	// A client that put the signature in a query string without encoding
	// its "+" has it decoded to a space; trying the repaired form costs one
	// comparison and no security (same MAC either way).
	for _, got := range []string{signature, strings.ReplaceAll(signature, " ", "+")} {
		if hmac.Equal(want, []byte(got)) {
			ok = true
		}
	}
	return ok, sts
}

// CommonParams returns the parameters every v1 request carries, as the
// Node SDK sends them (no SignatureType, no RegionId — add them if the test
// mimics the Go SDK). Taking the time and nonce as arguments lets tests
// produce stale timestamps and reused nonces on purpose.
func CommonParams(accessKeyID, action, version string, t time.Time, nonce string) map[string]string {
	return map[string]string{
		"AccessKeyId":      accessKeyID,
		"Action":           action,
		"Version":          version,
		"Format":           "JSON",
		"SignatureMethod":  SignatureMethod,
		"SignatureVersion": SignatureVersion,
		"SignatureNonce":   nonce,
		"Timestamp":        t.UTC().Format(TimeFormat),
	}
}

// SignParams computes the signature of params for method, stores it as
// params["Signature"] (replacing any old one) and returns it.
func SignParams(secret, method string, params map[string]string) string {
	sig := Sign(secret, StringToSign(method, params))
	params[signatureKey] = sig
	return sig
}

// EncodeParams renders params as a query string or form body in canonical
// order with RFC 3986 escaping and Signature last, which is what Node
// pop-core sends. Either SDK's encoding decodes to the same values, so this
// is all a test client needs.
func EncodeParams(params map[string]string) string {
	q := CanonicalizedQuery(params)
	sig, ok := params[signatureKey]
	if !ok {
		return q
	}
	if q != "" {
		q += "&"
	}
	return q + signatureKey + "=" + PercentEncode(sig)
}

// Params takes the first value of each key, which is what the Go signer
// did when it built the request from a map.
func Params(v url.Values) map[string]string {
	m := make(map[string]string, len(v))
	for k, vs := range v {
		if len(vs) > 0 {
			m[k] = vs[0]
		}
	}
	return m
}
