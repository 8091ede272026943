package cmqsign

import (
	"crypto/hmac"
	"strings"
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
	wants := candidatesReceived(received[0])

	type shape struct {
		params            []Param
		replaceUnderscore bool
	}
	shapes := []shape{{rest, true}}
	if haveUnderscore {
		shapes = append(shapes, shape{rest, false})
	}
	if haveAt && strings.EqualFold(r.Method, "POST") {
		withoutAt := make([]Param, 0, len(rest))
		for _, p := range rest {
			if !strings.HasPrefix(p.Value, "@") {
				withoutAt = append(withoutAt, p)
			}
		}
		shapes = append(shapes, shape{withoutAt, true})
	}

	ok := false
	for _, host := range []string{r.Host, "http://" + r.Host} {
		for _, s := range shapes {
			// Compared as base64 text, not decoded bytes: Go's decoder
			// ignores CR/LF and non-zero padding bits, so a mangled
			// Signature could otherwise pass.
			got := []byte(Sign(secretKey, signatureMethod, StringToSign(r.Method, host, r.Path, s.params, s.replaceUnderscore)))
			for _, want := range wants {
				// Keep going after a match so the time taken does not say
				// which shape matched.
				if hmac.Equal(got, []byte(want)) {
					ok = true
				}
			}
		}
	}
	return ok
}

func candidatesReceived(sig string) []string {
	if strings.Contains(sig, " ") {
		return []string{sig, strings.ReplaceAll(sig, " ", "+")}
	}
	return []string{sig}
}
