// Package wire decodes request parameters the way the vendors' SDKs encode
// them: URL-encoded forms with keys kept exactly as sent, indexed arrays
// (Name.0/Name.1...), and JSON or flattened-query trees bound to typed structs.
package wire

import (
	"errors"
	"fmt"
	"net/url"
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
	out := make([]Pair, 0, strings.Count(raw, "&")+1)
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, fmt.Errorf("%w: key %q", ErrMalformed, k)
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, fmt.Errorf("%w: value of %q", ErrMalformed, key)
		}
		out = append(out, Pair{key, val})
	}
	return out, nil
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
