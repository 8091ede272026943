package aliyunsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/sign/hmacpool"
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
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return string(appendPercent(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}

// unreserved is RFC 3986's unreserved set, the bytes PercentEncode keeps.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// appendPercent appends PercentEncode(s) to b.
func appendPercent(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&0x0f])
	}
	return b
}

// CanonicalizedQuery is pct(k)=pct(v) joined by "&" over keys sorted by
// byte order. Signature is left out; empty values are kept.
func CanonicalizedQuery(params map[string]string) string {
	return string(appendQuery(nil, params))
}

// appendQuery appends CanonicalizedQuery(params) to b.
func appendQuery(b []byte, params map[string]string) []byte {
	return appendQueryWith(b, params, appendPercent, "&", "=")
}

// appendQueryWith appends params sorted by name, each name and value
// written by enc and joined by amp and eq: the canonicalized query, or the
// same already percent-encoded a second time for the string to sign.
func appendQueryWith(b []byte, params map[string]string, enc func([]byte, string) []byte, amp, eq string) []byte {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != signatureKey {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, amp...)
		}
		b = enc(b, k)
		b = append(b, eq...)
		b = enc(b, params[k])
	}
	return b
}

// appendTwicePercent appends PercentEncode(PercentEncode(s)) in one pass:
// an unreserved byte stays, any other becomes "%25" and its hex digits
// (the "%" of its first encoding, encoded again).
func appendTwicePercent(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', '2', '5', upperHex[c>>4], upperHex[c&0x0f])
	}
	return b
}

// StringToSign is METHOD&%2F&pct(canonicalized query). params are decoded
// values; a "Signature" entry is ignored so the full request map can be
// passed as is.
func StringToSign(method string, params map[string]string) string {
	return string(appendStringToSign(nil, method, params))
}

// appendStringToSign appends StringToSign(method, params) to b.
func appendStringToSign(b []byte, method string, params map[string]string) []byte {
	b = append(b, method...)
	b = append(b, "&%2F&"...) // "&" + PercentEncode("/") + "&"
	// The query percent-encoded again, written in one pass: "&" and "="
	// encode to "%26" and "%3D", every name and value twice.
	return appendQueryWith(b, params, appendTwicePercent, "%26", "%3D")
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
	return NewVerifier().Verify(secret, method, params, signature)
}

// Verifier is Verify keeping, for each secret it verifies with, HMACs
// already keyed for the next call (hmacpool). Its secrets are the caller's
// configured ones, looked up by the request's AccessKeyId. Make one with
// NewVerifier.
type Verifier struct{ macs *hmacpool.Cache }

// NewVerifier makes a Verifier.
func NewVerifier() *Verifier { return &Verifier{macs: hmacpool.NewCache(keyed)} }

// keyed is v1's MAC: HMAC-SHA1 keyed with the secret and "&".
func keyed(secret string) *hmacpool.Keyed { return hmacpool.NewKeyed(sha1.New, []byte(secret+"&")) }

// Verify is the package's Verify.
func (v *Verifier) Verify(secret, method string, params map[string]string, signature string) (ok bool, serverStringToSign string) {
	k := v.macs.For(secret)
	s := k.Get()
	defer k.Put(s)
	s.Buf = appendStringToSign(s.Buf, method, params)
	_, _ = s.MAC.Write(s.Buf)
	var sum [sha1.Size]byte
	var text [28]byte // base64 of a SHA-1 sum
	base64.StdEncoding.Encode(text[:], s.MAC.Sum(sum[:0]))
	got := []string{signature}
	if strings.Contains(signature, " ") {
		got = append(got, strings.ReplaceAll(signature, " ", "+"))
	}
	for _, g := range got {
		if hmac.Equal(text[:], []byte(g)) {
			ok = true
		}
	}
	return ok, string(s.Buf)
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
