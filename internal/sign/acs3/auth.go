package acs3

import (
	"fmt"
	"strings"
)

// Authorization is a parsed V3 Authorization header.
type Authorization struct {
	// Algorithm is the first token, e.g. "ACS3-HMAC-SHA256". Parsing accepts
	// any "ACS3-" algorithm so that Verify can name the one it refuses.
	Algorithm   string
	AccessKeyID string
	// SignedHeaders are the lower-case names in the order sent.
	SignedHeaders []string
	// Signature is lower-case hex.
	Signature string
}

// String renders the header exactly as both cores do: no blanks after the
// commas (unlike TC3).
func (a Authorization) String() string {
	return a.Algorithm + " Credential=" + a.AccessKeyID + ",SignedHeaders=" + strings.Join(a.SignedHeaders, ";") +
		",Signature=" + a.Signature
}

// IsV3 reports whether an Authorization header value asks for signature V3.
// A request without one is a v1 request (or unsigned), which the front door
// judges with the v1 rules.
func IsV3(authorization string) bool {
	return strings.HasPrefix(strings.TrimSpace(authorization), Prefix)
}

// ParseAuthorization parses
//
//	ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2;…>,Signature=<hex>
//
// The cores write no blanks around the commas; blanks are tolerated because
// hand-written clients add them without meaning anything different. Every
// part must be present exactly once. Any failure is an *Error with reason
// MalformedAuthorization (answered IncompleteSignature).
func ParseAuthorization(h string) (Authorization, error) {
	alg, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.HasPrefix(alg, Prefix) || len(alg) == len(Prefix) {
		return Authorization{}, malformed("does not start with an %s<algorithm> token", Prefix)
	}
	a := Authorization{Algorithm: alg}
	seen := map[string]bool{}
	for _, part := range strings.Split(rest, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return Authorization{}, malformed("part %q is not name=value", strings.TrimSpace(part))
		}
		if seen[name] {
			return Authorization{}, malformed("%s given twice", name)
		}
		seen[name] = true
		var err error
		switch name {
		case "Credential":
			if value == "" {
				err = malformed("Credential is empty")
			}
			a.AccessKeyID = value
		case "SignedHeaders":
			a.SignedHeaders, err = parseSignedHeaders(value)
		case "Signature":
			err = checkSignature(value)
			a.Signature = value
		default:
			err = malformed("unknown part %q", name)
		}
		if err != nil {
			return Authorization{}, err
		}
	}
	for _, name := range []string{"Credential", "SignedHeaders", "Signature"} {
		if !seen[name] {
			return Authorization{}, malformed("%s missing", name)
		}
	}
	return a, nil
}

// parseSignedHeaders requires lower-case [a-z0-9-] names, as the document
// and both cores write them; a name given twice would make the server sign a
// header twice, which no client does.
func parseSignedHeaders(v string) ([]string, error) {
	names := strings.Split(v, ";")
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		if name == "" {
			return nil, malformed("SignedHeaders %q has an empty name", v)
		}
		for i := 0; i < len(name); i++ {
			c := name[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return nil, malformed("SignedHeaders %q: names must be lower-case [a-z0-9-]", v)
			}
		}
		if seen[name] {
			return nil, malformed("SignedHeaders %q lists %s twice", v, name)
		}
		seen[name] = true
	}
	return names, nil
}

// checkSignature requires non-empty lower-case hex. The length is not fixed
// here because an RSA signature is longer than an HMAC one; a wrong length
// simply does not match.
func checkSignature(v string) error {
	if v == "" || len(v)%2 != 0 {
		return malformed("Signature must be lower-case hex digits")
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return malformed("Signature must be lower-case hex digits")
		}
	}
	return nil
}

func malformed(format string, args ...any) error {
	return &Error{Reason: MalformedAuthorization, Detail: fmt.Sprintf(format, args...)}
}
