package cmqsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/url"
	"slices"
	"strings"
)

const (
	// MethodSHA256 is the only SignatureMethod value that selects SHA-256;
	// the docs say any other value, or none, means SHA-1.
	MethodSHA256 = "HmacSHA256"
	// MethodSHA1 is what the SDKs send when they mean SHA-1.
	MethodSHA1 = "HmacSHA1"

	signatureKey       = "Signature"
	signatureMethodKey = "SignatureMethod"
)

// Param is one decoded request parameter. A slice of them rather than a map
// keeps repeated keys and keys that differ only by trailing blanks (the Go
// SDK sends "offset ") distinct, exactly as they were signed.
type Param struct {
	Key, Value string
}

// StringToSign builds METHOD+host+path+"?"+k=v&… over params sorted by key
// bytes, with raw (unencoded) values. Signature is never part of it, so
// callers may pass the full parameter list. replaceUnderscore turns "_" into
// "." in names after sorting, which is what every SDK but the Go one does;
// sorting happens on the names as received because that is the order the
// SDKs' sorted maps iterate in.
func StringToSign(method, host, path string, params []Param, replaceUnderscore bool) string {
	ps := make([]Param, 0, len(params))
	for _, p := range params {
		if p.Key != signatureKey {
			ps = append(ps, p)
		}
	}
	sortParams(ps)
	b := make([]byte, 0, len(method)+len(host)+len(path)+256)
	b = append(b, method...)
	b = append(b, host...)
	b = append(b, path...)
	return string(appendQuery(b, ps, replaceUnderscore))
}

// sortParams orders parameters by name, keeping the received order of
// equal names (the SDKs' sort is stable).
func sortParams(ps []Param) {
	slices.SortStableFunc(ps, func(a, b Param) int { return strings.Compare(a.Key, b.Key) })
}

// appendQuery appends "?k=v&k=v" of ps, in their order, names with "_"
// written as "." when replaceUnderscore.
func appendQuery(b []byte, ps []Param, replaceUnderscore bool) []byte {
	b = append(b, '?')
	for i, p := range ps {
		if i > 0 {
			b = append(b, '&')
		}
		if replaceUnderscore && strings.Contains(p.Key, "_") {
			for j := 0; j < len(p.Key); j++ {
				c := p.Key[j]
				if c == '_' {
					c = '.'
				}
				b = append(b, c)
			}
		} else {
			b = append(b, p.Key...)
		}
		b = append(b, '=')
		b = append(b, p.Value...)
	}
	return b
}

// Sign returns base64(HMAC(secretKey, sts)). signatureMethod is the
// request's SignatureMethod value: "HmacSHA256" selects SHA-256, anything
// else (including "") SHA-1.
func Sign(secretKey, signatureMethod, sts string) string {
	h := sha1.New
	if signatureMethod == MethodSHA256 {
		h = sha256.New
	}
	return base64.StdEncoding.EncodeToString(hmacSum(h, secretKey, sts))
}

func hmacSum(h func() hash.Hash, key, msg string) []byte {
	m := hmac.New(h, []byte(key))
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// Params flattens url.Values into Params. Order does not matter to the
// signature; keys are kept byte for byte.
func Params(v url.Values) []Param {
	var ps []Param
	for k, vs := range v {
		for _, val := range vs {
			ps = append(ps, Param{Key: k, Value: val})
		}
	}
	return ps
}

// SignValues signs v the way the Python/Java SDKs do ("_"→"." in names, "@"
// values kept) and stores the result as v["Signature"], replacing any old
// one. The hash follows v's SignatureMethod. The caller fills in SecretId,
// Timestamp, Nonce and the rest first, which lets tests sign requests with a
// stale timestamp on purpose. host is host[:port] without scheme; path is
// the request path, usually "/v2/index.php".
func SignValues(secretKey, method, host, path string, v url.Values) string {
	v.Del(signatureKey)
	sig := Sign(secretKey, v.Get(signatureMethodKey), StringToSign(method, host, path, Params(v), true))
	v.Set(signatureKey, sig)
	return sig
}
