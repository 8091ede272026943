package tc3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mqmock/mqmock/internal/sign/hmacpool"
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
	return (*Keys)(nil).Verify(secretKey, auth, r)
}

// Keys keeps the signing keys of signatures that verified, by secret, date
// and service, as MACs already keyed with them (hmacpool): deriving a key
// costs three HMACs and keying a MAC with it two hash blocks and four
// allocations, and a client signs a day's calls with the same key. Only a verified signature adds a key, so a
// caller without the secret cannot grow it; it holds at most maxKeys. The
// zero value is ready; a nil *Keys derives every time.
type Keys struct {
	mu   sync.Mutex
	keys map[keyID]*hmacpool.Keyed
}

type keyID struct{ secret, date, service string }

// maxKeys bounds Keys: a day's keys of many accounts and services.
const maxKeys = 256

// signer is the MACs keyed with a signing key.
func signer(key []byte) *hmacpool.Keyed { return hmacpool.NewKeyed(sha256.New, key) }

func (k *Keys) signer(id keyID) (*hmacpool.Keyed, bool) {
	if k != nil {
		k.mu.Lock()
		s, ok := k.keys[id]
		k.mu.Unlock()
		if ok {
			return s, true
		}
	}
	return signer(signingKey(id.secret, id.date, id.service)), false
}

func (k *Keys) remember(id keyID, s *hmacpool.Keyed) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys == nil || len(k.keys) >= maxKeys {
		k.keys = make(map[keyID]*hmacpool.Keyed)
	}
	k.keys[id] = s
}

// Verify is the package's Verify with the signing key looked up in k first.
func (k *Keys) Verify(secretKey string, auth Authorization, r RequestView) bool {
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
	// values[i] is names[i]'s value, trimmed as the SDKs sign it; the
	// host's is filled in per candidate.
	values := make([]string, len(names))
	for i, name := range names {
		if name != "host" {
			values[i] = strings.TrimSpace(header(name))
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
	for _, v := range append(values, hosts...) {
		if strings.ToLower(v) != v {
			folds = append(folds, true)
			break
		}
	}

	// The header is compared exactly: the Go SDK sends it, and any other
	// value means the client hashed the body.
	unsigned := strings.TrimSpace(header(ContentSHA256Header)) == UnsignedPayload
	payloadHash := PayloadHash(r.Body, unsigned)
	id := keyID{secretKey, auth.Date, auth.Service}
	macs, cached := k.signer(id)

	// Every candidate reuses one buffer and one MAC: the canonical
	// request and the string to sign are written, never concatenated.
	sc := macs.Get()
	defer macs.Put(sc)
	mac, buf := sc.MAC, sc.Buf
	defer func() { sc.Buf = buf }() // keep what it grew to (Put drops a large one)
	var sum [sha256.Size]byte
	ok := false
candidates:
	for _, uri := range uris {
		for _, host := range hosts {
			for _, fold := range folds {
				buf = appendCanonical(buf[:0], r.Method, uri, r.RawQuery, names, func(i int) string {
					v := values[i]
					if names[i] == "host" {
						v = host
					}
					if fold {
						v = strings.ToLower(v)
					}
					return v
				}, auth.SignedHeaders, payloadHash)
				crSum := sha256.Sum256(buf)
				buf = append(buf[:0], Algorithm...)
				buf = append(buf, '\n')
				buf = strconv.AppendInt(buf, r.Timestamp, 10)
				buf = append(buf, '\n')
				buf = append(buf, auth.Date...)
				buf = append(buf, '/')
				buf = append(buf, auth.Service...)
				buf = append(buf, '/')
				buf = append(buf, scopeTerminator...)
				buf = append(buf, '\n')
				buf = hex.AppendEncode(buf, crSum[:])
				mac.Reset()
				_, _ = mac.Write(buf)
				// The first match ends the search: the comparison is
				// constant-time, and the candidates and their order are
				// public (the SDKs'), so stopping tells a caller only which
				// shape its own request had.
				if hmac.Equal(mac.Sum(sum[:0]), want) {
					ok = true
					break candidates
				}
			}
		}
	}
	if ok && !cached {
		k.remember(id, macs)
	}
	return ok
}

// appendCanonical appends the canonical request; value(i) is the value
// signed for names[i].
func appendCanonical(b []byte, method, uri, rawQuery string, names []string, value func(i int) string, signedHeaders, payloadHash string) []byte {
	b = append(b, method...)
	b = append(b, '\n')
	b = append(b, uri...)
	b = append(b, '\n')
	b = append(b, rawQuery...)
	b = append(b, '\n')
	for i, name := range names {
		b = append(b, name...)
		b = append(b, ':')
		b = append(b, strings.TrimSpace(value(i))...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, signedHeaders...)
	b = append(b, '\n')
	return append(b, payloadHash...)
}

// canonicalRequest is CanonicalRequest with the payload already hashed, so
// the body is hashed once however many candidates are tried.
func canonicalRequest(method, uri, rawQuery string, names []string, headers map[string]string, signedHeaders, payloadHash string) string {
	return string(appendCanonical(nil, method, uri, rawQuery, names, func(i int) string { return headers[names[i]] }, signedHeaders, payloadHash))
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
