// Package wire decodes request parameters the way the vendors' SDKs encode
// them: URL-encoded forms with keys kept exactly as sent, indexed arrays
// (Name.0/Name.1...), and JSON or flattened-query trees bound to typed structs.
package wire

import (
	"errors"
	"fmt"
	"strings"
)

// Pair is one key/value as it appeared on the wire (decoded, key not trimmed).
type Pair struct{ Key, Value string }

// ErrMalformed reports a form that is not valid URL encoding.
var ErrMalformed = errors.New("malformed form encoding")

// ParsePairs decodes an application/x-www-form-urlencoded string strictly
// (a bad %-escape is an error, unlike url.ParseQuery which drops the pair),
// keeping order, duplicates and the keys' exact spelling (the CMQ Go SDK sends
// "offset " with a trailing space, and it signs it that way).
func ParsePairs(raw string) ([]Pair, error) {
	if raw == "" {
		return nil, nil
	}
	// Every escaped key and value is decoded into one buffer that becomes
	// one string, and the pairs are cut out of it: a signed call escapes
	// several parameters (timestamps, signatures, nonces), and a string
	// each cost an allocation each. An unescaped one is a substring of raw.
	type span struct{ k0, k1, v0, v1 int } // into buf; -1: not escaped
	out := make([]Pair, 0, strings.Count(raw, "&")+1)
	var spans []span
	// The decoded text is never longer than raw: one allocation, and the
	// builder's string is its bytes, not a copy.
	var buf strings.Builder
	for i := 0; i < len(raw); i++ {
		// One pass finds the pair's end, its "=" and whether either side
		// has anything to unescape.
		start, eq := i, -1
		escKey, escValue := false, false
		for ; i < len(raw) && raw[i] != '&'; i++ {
			switch raw[i] {
			case '=':
				if eq < 0 {
					eq = i
				}
			case '%', '+':
				if eq < 0 {
					escKey = true
				} else {
					escValue = true
				}
			}
		}
		if i == start {
			continue
		}
		k, v := raw[start:i], ""
		if eq >= 0 {
			k, v = raw[start:eq], raw[eq+1:i]
		}
		sp := span{-1, -1, -1, -1}
		if (escKey || escValue) && buf.Cap() == 0 {
			buf.Grow(len(raw))
		}
		if escKey {
			sp.k0 = buf.Len()
			if !writeUnescaped(&buf, k) {
				return nil, fmt.Errorf("%w: key %q", ErrMalformed, k)
			}
			sp.k1 = buf.Len()
		}
		if escValue {
			sp.v0 = buf.Len()
			if !writeUnescaped(&buf, v) {
				key := k
				if sp.k0 >= 0 {
					key = buf.String()[sp.k0:sp.k1]
				}
				return nil, fmt.Errorf("%w: value of %q", ErrMalformed, key)
			}
			sp.v1 = buf.Len()
		}
		out = append(out, Pair{k, v})
		if sp != (span{-1, -1, -1, -1}) {
			if spans == nil {
				spans = make([]span, cap(out))
				for i := range spans {
					spans[i] = span{-1, -1, -1, -1}
				}
			}
			spans[len(out)-1] = sp
		}
	}
	if spans != nil {
		text := buf.String()
		for i, sp := range spans[:len(out)] {
			if sp.k0 >= 0 {
				out[i].Key = text[sp.k0:sp.k1]
			}
			if sp.v0 >= 0 {
				out[i].Value = text[sp.v0:sp.v1]
			}
		}
	}
	return out, nil
}

// writeUnescaped writes s decoded as a query component ("+" is a space,
// "%XY" a byte), exactly as url.QueryUnescape decodes it; false for a '%'
// not followed by two hex digits.
func writeUnescaped(b *strings.Builder, s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case '+':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// smallSet is the most pairs DuplicateKey compares pairwise.
const smallSet = 32

// DuplicateKey returns the first key that appears twice (after trimming
// spaces when trim is set), or "".
func DuplicateKey(pairs []Pair, trim bool) string {
	key := func(i int) string {
		if trim {
			return strings.TrimSpace(pairs[i].Key)
		}
		return pairs[i].Key
	}
	// A signed call has a dozen or two parameters: comparing each with
	// those before it costs less than building a set.
	if len(pairs) <= smallSet {
		for i := range pairs {
			k := key(i)
			for j := range i {
				if key(j) == k {
					return k
				}
			}
		}
		return ""
	}
	seen := make(map[string]bool, len(pairs))
	for _, p := range pairs {
		k := p.Key
		if trim {
			k = strings.TrimSpace(k)
		}
		if seen[k] {
			return k
		}
		seen[k] = true
	}
	return ""
}
