package tc3

import (
	"crypto/hmac"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
)

// RequestView is the part of a received request that the signature covers.
type RequestView struct {
	Method   string
	Path     string
	RawQuery string
	// Host is the Host header as received (net/http moves it to r.Host).
	Host string
	// Header looks a header up case-insensitively; nil means no headers.
	Header func(name string) string
	Body   []byte
	// Timestamp is X-TC-Timestamp, already parsed.
	Timestamp int64
}

// Verify reports whether auth.Signature is what some official SDK would have
// produced for r with secretKey. It tries the candidate set of spec §6 rule 4:
// canonical URI "/" (Go SDK) and the received path (Node SDK, endpoints with a
// path), and the host as received (Go) and without its port (Node). The
// signing key is derived from the scope's own service string, so a Node
// client's "127" verifies as well as "trocket".
//
// SignedHeaders must include host and content-type, as Tencent's document
// requires and every SDK (Go, Node, Python, Java) does for GET and POST
// alike; a signature over fewer headers would leave the request's
// destination or body type open to change. Canonical header values are tried
// as sent (trimmed: what the SDKs sign) and lower-cased, as the document's
// worked example writes them ("content-type:application/json;
// charset=utf-8"), so a client written from the document verifies too.
func Verify(secretKey string, auth Authorization, r RequestView) bool {
	// The SDKs derive the scope date from the same timestamp they put in the
	// string to sign; a mismatch means a forged or replayed header.
	if auth.Date != Date(r.Timestamp) {
		return false
	}
	want, err := hex.DecodeString(auth.Signature)
	if err != nil || len(want) == 0 {
		return false
	}
	header := r.Header
	if header == nil {
		header = func(string) string { return "" }
	}

	names := strings.Split(auth.SignedHeaders, ";")
	if !slices.Contains(names, "host") || !slices.Contains(names, "content-type") {
		return false
	}
	headers := make(map[string]string, len(names))
	for _, name := range names {
		if name != "host" {
			headers[name] = strings.TrimSpace(header(name))
		}
	}

	uris := []string{"/"}
	if r.Path != "" && r.Path != "/" {
		uris = append(uris, r.Path)
	}
	hosts := []string{r.Host}
	if h := stripPort(r.Host); h != r.Host {
		hosts = append(hosts, h)
	}
	// The lower-cased candidate is only worth computing when it differs.
	folds := []bool{false}
	for _, v := range append(slices.Collect(maps.Values(headers)), hosts...) {
		if strings.ToLower(v) != v {
			folds = append(folds, true)
			break
		}
	}

	// The header is compared exactly: the Go SDK sends it, and any other
	// value means the client hashed the body.
	unsigned := strings.TrimSpace(header(ContentSHA256Header)) == UnsignedPayload
	payloadHash := PayloadHash(r.Body, unsigned)
	scope := CredentialScope(auth.Date, auth.Service)
	key := signingKey(secretKey, auth.Date, auth.Service)

	ok := false
	for _, uri := range uris {
		for _, host := range hosts {
			for _, fold := range folds {
				values := maps.Clone(headers)
				values["host"] = host
				if fold {
					for name, v := range values {
						values[name] = strings.ToLower(v)
					}
				}
				cr := canonicalRequest(r.Method, uri, r.RawQuery, names, values, auth.SignedHeaders, payloadHash)
				got := hmacSHA256(key, []byte(stringToSign(r.Timestamp, scope, cr)))
				// No early exit: the time taken should not tell a prober
				// which candidate shape the server tried first.
				if hmac.Equal(got, want) {
					ok = true
				}
			}
		}
	}
	return ok
}

// canonicalRequest is CanonicalRequest with the payload already hashed, so
// the body is hashed once however many candidates are tried.
func canonicalRequest(method, uri, rawQuery string, names []string, headers map[string]string, signedHeaders, payloadHash string) string {
	var b strings.Builder
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(uri)
	b.WriteByte('\n')
	b.WriteString(rawQuery)
	b.WriteByte('\n')
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strings.TrimSpace(headers[name]))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(signedHeaders)
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}

// stripPort removes a trailing ":port" the way Node's URL.hostname does,
// keeping the brackets of an IPv6 literal ("[::1]:9102" → "[::1]").
func stripPort(host string) string {
	i := strings.LastIndexByte(host, ':')
	if i < 0 {
		return host
	}
	if strings.IndexByte(host, '[') == 0 {
		if !strings.HasSuffix(host[:i], "]") {
			return host
		}
	} else if strings.Contains(host[:i], ":") {
		// A bare IPv6 address has no port to strip.
		return host
	}
	for _, c := range host[i+1:] {
		if c < '0' || c > '9' {
			return host
		}
	}
	return host[:i]
}
