package acs3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

const (
	// HMACSHA256 is the algorithm both cores use by default and the only one
	// Verify checks.
	HMACSHA256 = "ACS3-HMAC-SHA256"
	// HMACSM3 is chosen with Config.SignatureAlgorithm; same canonical
	// request, SM3 for every hash. Not verified (see the package doc).
	HMACSM3 = "ACS3-HMAC-SM3"
	// RSASHA256 signs with an RSA private key as the "secret". Not verified.
	RSASHA256 = "ACS3-RSA-SHA256"
	// Prefix marks a V3 Authorization header; anything else is left to v1.
	Prefix = "ACS3-"

	// TimeFormat is the x-acs-date layout both cores send (UTC, no fraction).
	TimeFormat = "2006-01-02T15:04:05Z"

	// EmptyPayloadHash is the x-acs-content-sha256 of a request without a body.
	EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

	// Header names, lower-case as the cores send and sign them.
	HeaderAction        = "x-acs-action"
	HeaderVersion       = "x-acs-version"
	HeaderDate          = "x-acs-date"
	HeaderNonce         = "x-acs-signature-nonce"
	HeaderContentSHA256 = "x-acs-content-sha256"
	HeaderSecurityToken = "x-acs-security-token"
	HeaderAccessKeyID   = "x-acs-accesskey-id"

	acsHeaderPrefix = "x-acs-"
)

// PayloadHash is the lower-case hex SHA-256 of the body bytes, the last line
// of the canonical request and the value of x-acs-content-sha256.
func PayloadHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// StringToSign is "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonical request)).
func StringToSign(canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return HMACSHA256 + "\n" + hex.EncodeToString(sum[:])
}

// Signature is the lower-case hex HMAC-SHA256 of the string to sign, keyed
// with the AccessKeySecret as is: unlike v1 there is no "&" suffix.
func Signature(accessKeySecret, stringToSign string) string {
	return hex.EncodeToString(mac(accessKeySecret, stringToSign))
}

func mac(accessKeySecret, stringToSign string) []byte {
	m := hmac.New(sha256.New, []byte(accessKeySecret))
	m.Write([]byte(stringToSign))
	return m.Sum(nil)
}

// CanonicalQuery is the canonical query string the Go core signs for a URL
// query as received on the wire (either core's encoding): pairs decoded,
// sorted by name then value, values RFC 3986-encoded, names as the Go core
// writes them. For names made of letters, digits and "-_.~" — every real
// RPC parameter — this is also what the Node core and Alibaba's document
// produce.
func CanonicalQuery(rawQuery string) string {
	return canonicalQuery(parseQuery(rawQuery), goName)
}

// CanonicalRequest builds the canonical request of spec §3 for r, with the
// canonical headers taken in the order of signedHeaders and the payload hash
// computed from r.Body. It is what Verify signs first and what the
// SignatureDoesNotMatch answer shows.
func CanonicalRequest(r RequestView, signedHeaders []string) string {
	return canonicalRequest(r.Method, canonicalURI(r.Path), CanonicalQuery(r.RawQuery),
		signedHeaders, canonicalHeaderValues(r, signedHeaders), PayloadHash(r.Body))
}

func canonicalRequest(method, uri, query string, names, values []string, payloadHash string) string {
	var b strings.Builder
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(uri)
	b.WriteByte('\n')
	b.WriteString(query)
	b.WriteByte('\n')
	for i, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(values[i])
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(names, ";"))
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}

// canonicalURI is the escaped path as received. RPC clients (both cores,
// every generated ONS/OnsMqtt SDK) send and sign "/"; for other paths the
// cores sign their Pathname with a few substitutions ("+"→"%20", "*"→"%2A"),
// which only a plain path's escaped form is guaranteed to equal.
func canonicalURI(path string) string {
	if path == "" {
		return "/"
	}
	return path
}

// canonicalHeaderValues returns, for each signed name, the trimmed values
// joined the way both cores join a header they hold several times (sorted,
// ","). host is the Host header verbatim, port included.
func canonicalHeaderValues(r RequestView, names []string) []string {
	values := make([]string, len(names))
	for i, name := range names {
		if name == "host" {
			values[i] = strings.TrimSpace(r.Host)
			continue
		}
		vs := headerValues(r.Header, name)
		trimmed := make([]string, len(vs))
		for j, v := range vs {
			trimmed[j] = strings.TrimSpace(v)
		}
		sort.Strings(trimmed)
		values[i] = strings.Join(trimmed, ",")
	}
	return values
}

type queryPair struct{ name, value string }

// parseQuery decodes a raw query the way url.ParseQuery does ("+" is a
// space, empty segments skipped, a segment without "=" has an empty value),
// but keeps every pair: a pair that does not decode is kept raw so that it
// still counts, and simply cannot match a client's canonical form.
func parseQuery(rawQuery string) []queryPair {
	var pairs []queryPair
	for _, seg := range strings.Split(rawQuery, "&") {
		if seg == "" {
			continue
		}
		name, value, _ := strings.Cut(seg, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if v, err := url.QueryUnescape(value); err == nil {
			value = v
		}
		pairs = append(pairs, queryPair{name, value})
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].name != pairs[j].name {
			return pairs[i].name < pairs[j].name
		}
		return pairs[i].value < pairs[j].value
	})
	return pairs
}

// nameEncoding is how a client writes a parameter name into its canonical
// query; values are RFC 3986-encoded by all of them.
type nameEncoding func(string) string

// goName is the Go core (utils.getCanonicalQueryString): the name is not
// encoded, but the whole query string then has "+"→"%20", "*"→"%2A" and
// "%7E"→"~" replaced, which only ever changes names.
func goName(name string) string {
	name = strings.ReplaceAll(name, "+", "%20")
	name = strings.ReplaceAll(name, "*", "%2A")
	return strings.ReplaceAll(name, "%7E", "~")
}

// nodeName is the Node core (openapi-util getAuthorizationQueryString):
// the name as is.
func nodeName(name string) string { return name }

// docName is Alibaba's document: names encoded like values.
func docName(name string) string { return aliyunsign.PercentEncode(name) }

func canonicalQuery(pairs []queryPair, encodeName nameEncoding) string {
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(encodeName(p.name))
		b.WriteByte('=')
		b.WriteString(aliyunsign.PercentEncode(p.value))
	}
	return b.String()
}

// canonicalQueries returns the distinct canonical queries the known clients
// produce for pairs, the Go core's first.
func canonicalQueries(pairs []queryPair) []string {
	out := []string{canonicalQuery(pairs, goName)}
	for _, enc := range []nameEncoding{nodeName, docName} {
		q := canonicalQuery(pairs, enc)
		if !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	return out
}
