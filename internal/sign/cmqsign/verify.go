package cmqsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"strings"

	"github.com/mqmock/mqmock/internal/sign/hmacpool"
)

// RequestView is what the signature covers, as the server received it.
type RequestView struct {
	Method string
	// Host is the Host header verbatim: every SDK signs the host:port it
	// connects to, which is also what it sends there.
	Host string
	// Path is the escaped path without the query. It is signed as received
	// so that endpoints configured with a trailing "/" (signing
	// "//v2/index.php") still verify.
	Path string
	// Params are all decoded parameters, Signature and SignatureMethod
	// included, keys as received.
	Params []Param
}

// Verify reports whether the request's Signature matches one of the shapes
// the SDKs produce (cmq.md §4.2):
//
//  1. all parameters, "_"→"." in names;
//  2. names unchanged (Go SDK) — only tried if some name has a "_";
//  3. POST only, if some value starts with "@": without those parameters
//     (Python, PHP, DivXPro Node — a leftover of curl's file-upload syntax);
//  4. each of the above with the host prefixed by "http://" (DivXPro Node
//     strips only "https://" from the endpoint).
//
// A received Signature containing spaces is also tried with "+" in their
// place: a client that forgot to encode "+" has it decoded to a space.
func Verify(secretKey string, r RequestView) bool {
	return NewVerifier().Verify(secretKey, r)
}

// Verifier is Verify keeping, for each secret it verifies with, HMACs
// already keyed for the next call (hmacpool). Its secrets are the caller's
// configured ones, looked up by the request's SecretId. Make one with
// NewVerifier.
type Verifier struct{ sha1, sha256 *hmacpool.Cache }

// NewVerifier makes a Verifier.
func NewVerifier() *Verifier {
	return &Verifier{
		sha1:   hmacpool.NewCache(func(secret string) *hmacpool.Keyed { return hmacpool.NewKeyed(sha1.New, []byte(secret)) }),
		sha256: hmacpool.NewCache(func(secret string) *hmacpool.Keyed { return hmacpool.NewKeyed(sha256.New, []byte(secret)) }),
	}
}

// Verify is the package's Verify.
func (v *Verifier) Verify(secretKey string, r RequestView) bool {
	var received []string
	var signatureMethod string
	var haveMethod, haveUnderscore, haveAt bool
	rest := make([]Param, 0, len(r.Params))
	for _, p := range r.Params {
		switch {
		case p.Key == signatureKey:
			received = append(received, p.Value)
			continue
		case p.Key == signatureMethodKey && !haveMethod:
			signatureMethod, haveMethod = p.Value, true
		}
		haveUnderscore = haveUnderscore || strings.Contains(p.Key, "_")
		haveAt = haveAt || strings.HasPrefix(p.Value, "@")
		rest = append(rest, p)
	}
	// Two Signature parameters are a malformed request; refusing here keeps
	// the verifier from accepting whichever one happens to match.
	if len(received) != 1 || received[0] == "" {
		return false
	}
	var wants [][]byte
	for _, w := range candidatesReceived(received[0]) {
		wants = append(wants, []byte(w))
	}

	// One sort and one HMAC serve every shape: the shapes differ only in
	// which parameters (a filter keeps the sorted order) and how names are
	// written, the host variants only in the prefix, so each query is
	// built once and the prefix is fed to the MAC, not concatenated.
	sortParams(rest)
	macs := v.sha1
	if signatureMethod == MethodSHA256 {
		macs = v.sha256
	}
	keyed := macs.For(secretKey)
	sc := keyed.Get()
	defer keyed.Put(sc)
	mac := sc.MAC
	var sum [sha256.Size]byte
	var text [44]byte // base64 of a SHA-256 sum
	ok := false
	// The search stops at the first shape that matches. Each comparison is
	// constant-time, which is what keeps the key's signature from being
	// guessed byte by byte; the shapes and their order are public (they are
	// the SDKs'), so the time taken tells a caller only which shape its own
	// request had, and a second HMAC per call bought nothing.
	check := func(query []byte) {
		for _, scheme := range [...]string{"", "http://"} {
			if ok {
				return
			}
			mac.Reset()
			_, _ = io.WriteString(mac, r.Method)
			_, _ = io.WriteString(mac, scheme)
			_, _ = io.WriteString(mac, r.Host)
			_, _ = io.WriteString(mac, r.Path)
			_, _ = mac.Write(query)
			got := text[:base64.StdEncoding.EncodedLen(mac.Size())]
			base64.StdEncoding.Encode(got, mac.Sum(sum[:0]))
			// Compared as base64 text, not decoded bytes: Go's decoder
			// ignores CR/LF and non-zero padding bits, so a mangled
			// Signature could otherwise pass.
			for _, want := range wants {
				if hmac.Equal(got, want) {
					ok = true
				}
			}
		}
	}
	buf := appendQuery(sc.Buf, rest, true)
	defer func() { sc.Buf = buf }() // keep what it grew to (Put drops a large one)
	check(buf)
	if haveUnderscore && !ok {
		buf = appendQuery(buf[:0], rest, false)
		check(buf)
	}
	if haveAt && !ok && strings.EqualFold(r.Method, "POST") {
		withoutAt := make([]Param, 0, len(rest))
		for _, p := range rest {
			if !strings.HasPrefix(p.Value, "@") {
				withoutAt = append(withoutAt, p)
			}
		}
		buf = appendQuery(buf[:0], withoutAt, true)
		check(buf)
	}
	return ok
}

func candidatesReceived(sig string) []string {
	if strings.Contains(sig, " ") {
		return []string{sig, strings.ReplaceAll(sig, " ", "+")}
	}
	return []string{sig}
}
