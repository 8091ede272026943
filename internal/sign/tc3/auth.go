package tc3

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrMalformedAuthorization is wrapped by every ParseAuthorization error so
// the server can map all of them to AuthFailure.SignatureFailure at once.
var ErrMalformedAuthorization = errors.New("tc3: malformed Authorization header")

// Authorization is a parsed TC3 Authorization header.
type Authorization struct {
	SecretID      string
	Date          string
	Service       string
	SignedHeaders string
	Signature     string
}

// String renders the header exactly as the SDKs do.
func (a Authorization) String() string {
	return Algorithm + " Credential=" + a.SecretID + "/" + CredentialScope(a.Date, a.Service) +
		", SignedHeaders=" + a.SignedHeaders + ", Signature=" + a.Signature
}

// ParseAuthorization parses
//
//	TC3-HMAC-SHA256 Credential=<id>/<YYYY-MM-DD>/<service>/tc3_request, SignedHeaders=<h1;h2>, Signature=<64 hex>
//
// The SDKs always write ", " between the parts; extra blanks around the
// commas are tolerated because hand-written clients (curl scripts, tests) get
// that wrong without meaning anything different. Every part must be present
// exactly once. The service is not restricted to known names: Node derives it
// from the endpoint, so "127" and "localhost:9102" are legitimate.
func ParseAuthorization(h string) (Authorization, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(h), Algorithm+" ")
	if !ok {
		return Authorization{}, malformed("does not start with %q", Algorithm+" ")
	}
	var a Authorization
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
			err = a.parseCredential(value)
		case "SignedHeaders":
			err = checkSignedHeaders(value)
			a.SignedHeaders = value
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

func (a *Authorization) parseCredential(v string) error {
	f := strings.Split(v, "/")
	if len(f) != 4 {
		return malformed("Credential %q is not <id>/<date>/<service>/%s", v, scopeTerminator)
	}
	if f[0] == "" || f[2] == "" {
		return malformed("Credential %q has an empty SecretId or service", v)
	}
	if f[3] != scopeTerminator {
		return malformed("Credential %q does not end with /%s", v, scopeTerminator)
	}
	// time.Parse rather than the spec's \d{4}-\d{2}-\d{2}: it also rejects
	// impossible dates such as 2023-02-30, which could never match a timestamp.
	if _, err := time.Parse(dateLayout, f[1]); err != nil {
		return malformed("Credential date %q is not YYYY-MM-DD", f[1])
	}
	a.SecretID, a.Date, a.Service = f[0], f[1], f[2]
	return nil
}

// checkSignedHeaders enforces the spec's [a-z0-9;-]+ and also rejects empty
// names, which would canonicalise to a bare ":" line no SDK produces.
func checkSignedHeaders(v string) error {
	for _, name := range strings.Split(v, ";") {
		if name == "" {
			return malformed("SignedHeaders %q has an empty name", v)
		}
		for i := 0; i < len(name); i++ {
			c := name[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return malformed("SignedHeaders %q: names must be lower-case [a-z0-9-]", v)
			}
		}
	}
	return nil
}

func checkSignature(v string) error {
	if len(v) != 64 {
		return malformed("Signature must be 64 lower-case hex digits, got %d characters", len(v))
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return malformed("Signature must be 64 lower-case hex digits")
		}
	}
	return nil
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformedAuthorization, fmt.Sprintf(format, args...))
}
