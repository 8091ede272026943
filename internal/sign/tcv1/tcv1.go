package tcv1

import (
	"crypto/hmac"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/sign/cmqsign"
)

const (
	// MethodSHA256 is the only SignatureMethod value that selects SHA-256.
	MethodSHA256 = cmqsign.MethodSHA256
	// MethodSHA1 is what the SDKs send for SHA-1; a missing or other value
	// means SHA-1 too.
	MethodSHA1 = cmqsign.MethodSHA1

	signatureKey = "Signature"
)

// Param is one decoded parameter, keys kept byte for byte.
type Param = cmqsign.Param

// Params flattens decoded form or query values into Params.
func Params(v url.Values) []Param { return cmqsign.Params(v) }

// StringToSign is METHOD + host + path + "?" + the sorted k=v pairs of
// params, Signature left out, names as given (the Go and Node SDKs).
func StringToSign(method, host, path string, params []Param) string {
	return cmqsign.StringToSign(method, host, path, params, false)
}

// Signature is base64(HMAC(secretKey, stringToSign)), SHA-256 when
// signatureMethod is "HmacSHA256", SHA-1 otherwise.
func Signature(secretKey, signatureMethod, stringToSign string) string {
	return cmqsign.Sign(secretKey, signatureMethod, stringToSign)
}

// RequestView is what the signature covers, as the server received it.
type RequestView struct {
	// Method is "GET" or "POST" as received.
	Method string
	// Host is the Host header verbatim.
	Host string
	// Path is the escaped path without the query, "/" for the SDKs'
	// default endpoint.
	Path string
	// Params are all decoded parameters — the query for GET, the form body
	// for POST — Signature, SignatureMethod and empty values included.
	Params []Param
}

// Verify reports whether the request's Signature is one an SDK would have
// produced with secretKey. It tries the host as received (Go, Node: endpoint
// with its port) and without its port, the path as received (Go splits an
// endpoint's path off and signs it; Node and Python sign endpoint+"/", which
// concatenates to the same text) and "/", and, when a name contains "_",
// the Python SDK's names with "_" turned into "." before sorting.
//
// Exactly one non-empty Signature must be present. A received Signature with
// spaces is also tried with "+" in their place: a client that did not encode
// "+" in a query has it decoded to a space.
func Verify(secretKey string, r RequestView) bool {
	var received []string
	var signatureMethod string
	haveMethod, haveUnderscore := false, false
	rest := make([]Param, 0, len(r.Params))
	for _, p := range r.Params {
		if p.Key == signatureKey {
			received = append(received, p.Value)
			continue
		}
		if p.Key == "SignatureMethod" && !haveMethod {
			signatureMethod, haveMethod = p.Value, true
		}
		haveUnderscore = haveUnderscore || strings.Contains(p.Key, "_")
		rest = append(rest, p)
	}
	// Two Signatures would let whichever matches win; refuse instead.
	if len(received) != 1 || received[0] == "" {
		return false
	}
	wants := []string{received[0]}
	if strings.Contains(received[0], " ") {
		wants = append(wants, strings.ReplaceAll(received[0], " ", "+"))
	}

	paramSets := [][]Param{rest}
	if haveUnderscore {
		dotted := make([]Param, len(rest))
		for i, p := range rest {
			dotted[i] = Param{Key: strings.ReplaceAll(p.Key, "_", "."), Value: p.Value}
		}
		paramSets = append(paramSets, dotted)
	}
	hosts := distinct(r.Host, stripPort(r.Host))
	path := r.Path
	if path == "" {
		path = "/"
	}
	paths := distinct(path, "/")

	// The first match ends the search: each comparison is constant-time,
	// and the shapes and their order are public (the SDKs'), so stopping
	// tells a caller only which shape its own request had.
	ok := false
shapes:
	for _, host := range hosts {
		for _, p := range paths {
			for _, params := range paramSets {
				// Compared as base64 text: Go's decoder ignores CR/LF and
				// padding bits, so a mangled Signature could otherwise pass.
				got := []byte(Signature(secretKey, signatureMethod, StringToSign(r.Method, host, p, params)))
				for _, want := range wants {
					if hmac.Equal(got, []byte(want)) {
						ok = true
					}
				}
				if ok {
					break shapes
				}
			}
		}
	}
	return ok
}

// Sign computes the signature of v the way the Go and Node SDKs do, stores
// it as v["Signature"] (replacing any old one) and returns it. The hash
// follows v's SignatureMethod. The caller fills in the common parameters
// first (CommonParams), which lets tests sign stale or odd requests on
// purpose. host is host[:port] as the client will send it; path is "/" for
// the SDKs' default.
func Sign(secretKey, method, host, path string, v url.Values) string {
	v.Del(signatureKey)
	sig := Signature(secretKey, v.Get("SignatureMethod"), StringToSign(method, host, path, Params(v)))
	v.Set(signatureKey, sig)
	return sig
}

// CommonParams returns the common parameters the Go SDK sends with every v1
// request (Region even when empty), without Language and RequestClient,
// which are signed like any other parameter when a test adds them.
func CommonParams(secretID, action, version, region, signatureMethod string, timestamp, nonce int64) url.Values {
	return url.Values{
		"Action":          {action},
		"Version":         {version},
		"Region":          {region},
		"Timestamp":       {strconv.FormatInt(timestamp, 10)},
		"Nonce":           {strconv.FormatInt(nonce, 10)},
		"SecretId":        {secretID},
		"SignatureMethod": {signatureMethod},
	}
}

// stripPort removes a numeric ":port", keeping an IPv6 literal's brackets
// ("[::1]:9102" → "[::1]"), as tc3 does for Node's URL.hostname.
func stripPort(host string) string {
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		return host
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return host
		}
	}
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	return h
}

func distinct(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}
