package faults

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// matcher is one `match:` condition: a value read from the call, compared
// exactly or against a regular expression.
type matcher struct {
	key   string
	exact string
	re    *regexp.Regexp
	// prefix is the literal text an anchored regex (/^orders-/) must start
	// with: checked first, it spares running the regex on most misses.
	prefix string
	read   func(call *pipeline.Call) (string, bool)
}

// The match keys that are not request parameters.
const (
	matchAccount = "account"
	matchRegion  = "region"
)

func compileMatchers(m map[string]string) ([]matcher, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic order, deterministic messages
	out := make([]matcher, 0, len(keys))
	for _, k := range keys {
		v := m[k]
		if strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("match: empty key")
		}
		mt := matcher{key: k, exact: v}
		if len(v) >= 2 && strings.HasPrefix(v, "/") && strings.HasSuffix(v, "/") {
			re, err := regexp.Compile(v[1 : len(v)-1])
			if err != nil {
				return nil, fmt.Errorf("match: %s: bad regular expression %s: %v", k, v, err)
			}
			mt.re = re
			if strings.HasPrefix(v[1:], "^") {
				mt.prefix, _ = re.LiteralPrefix()
			}
		}
		switch k {
		case matchAccount:
			mt.read = nil // accounts match on two values, see matchAccountOf
		case matchRegion:
			mt.read = func(c *pipeline.Call) (string, bool) { return c.Region, c.Region != "" }
		default:
			key := k
			mt.read = func(c *pipeline.Call) (string, bool) { return param(c, key) }
		}
		out = append(out, mt)
	}
	return out, nil
}

// param reads a request parameter by the name the rule gives: exactly, or
// else ignoring case and surrounding blanks (some SDKs send names with a
// trailing space, and some APIs treat names case-insensitively).
func param(c *pipeline.Call, key string) (string, bool) {
	if v, ok := c.Params[key]; ok {
		return v, true
	}
	for k, v := range c.Params {
		if strings.EqualFold(strings.TrimSpace(k), key) {
			return v, true
		}
	}
	return "", false
}

func (m *matcher) test(s string) bool {
	if m.re != nil {
		return strings.HasPrefix(s, m.prefix) && m.re.MatchString(s)
	}
	return s == m.exact
}

// holds reports whether the call satisfies the condition. An absent
// parameter never matches.
func (m *matcher) holds(c *pipeline.Call) bool {
	if m.read == nil {
		// account: the key the call was signed with, or the account's name.
		if c.CredentialID != "" && m.test(c.CredentialID) {
			return true
		}
		return c.Account != nil && m.test(c.Account.Name)
	}
	v, ok := m.read(c)
	return ok && m.test(v)
}

// foldKey lower-cases an ASCII action name into buf without allocating when
// it fits, so the no-match path of the engine stays allocation-free.
func foldKey(buf []byte, s string) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		b := s[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf = append(buf, b)
	}
	return buf
}
