package wire

import (
	"net/url"
	"strings"
	"testing"
)

// Every request's parameters pass through these parsers before anything
// else looks at them: whatever bytes arrive, they must return a value or an
// error, never panic. The seed corpus runs with every `go test`;
// `go test -fuzz=Fuzz... ./internal/wire` explores further.

func FuzzParsePairs(f *testing.F) {
	for _, s := range []string{"a=1&b=x+y", "offset =0", "a=%zz", "=&&=", "k", "a=1&a=2", "%E4%BD%A0=%E5%A5%BD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		pairs, err := ParsePairs(raw)
		if err != nil {
			return
		}
		// What parses re-encodes to something that parses to the same pairs.
		var b strings.Builder
		for i, p := range pairs {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(p.Key) + "=" + url.QueryEscape(p.Value))
		}
		again, err := ParsePairs(b.String())
		if err != nil {
			t.Fatalf("re-encoded %q does not parse: %v", b.String(), err)
		}
		if len(again) != len(pairs) {
			t.Fatalf("round trip changed %d pairs into %d", len(pairs), len(again))
		}
		for i := range pairs {
			if again[i] != pairs[i] {
				t.Fatalf("round trip changed %+v into %+v", pairs[i], again[i])
			}
		}
		_ = DuplicateKey(pairs, true)
	})
}

type fuzzTarget struct {
	Offset  *uint64   `json:"Offset" mq:"required"`
	Limit   *int64    `json:"Limit"`
	Name    *string   `json:"Name"`
	Flag    *bool     `json:"Flag"`
	Ratio   *float64  `json:"Ratio"`
	Filters []*filter `json:"Filters"`
	Any     any       `json:"Any"`
	Tags    map[string]any
}

func FuzzDecodeAndBind(f *testing.F) {
	for _, s := range []string{`{"Offset":0}`, `{"Offset":"1","Filters":[{"Name":"x","Values":["a"]}]}`, `[]`, `{"Offset":-1}`, `{"Offset":1e400}`, `{"Filters":{"0":{}}}`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		tree, err := DecodeJSON(body)
		if err != nil {
			return
		}
		var dst fuzzTarget
		_ = Bind(tree, &dst, true)
		_ = Bind(tree, &dst, false)
		_ = Flatten(tree)
	})
}

func FuzzUnflattenAndIndexed(f *testing.F) {
	for _, s := range []string{"Filters.0.Name=a&Filters.0.Values.0=b", "a.1=x&a.2=y", "a=1&a.0=2", "a.b.c=1&a.b=2", "x.01=1&x.-1=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		pairs, err := ParsePairs(raw)
		if err != nil {
			return
		}
		params := map[string]string{}
		for _, p := range pairs {
			params[p.Key] = p.Value
		}
		var dst fuzzTarget
		_ = Bind(Unflatten(params), &dst, true)
		for k := range params {
			name, _, _ := strings.Cut(k, ".")
			_, _ = Indexed(params, name, 0, 1)
		}
	})
}

// FuzzParsePairsDecodesAsQueryUnescape: ParsePairs's own decoder agrees
// with url.QueryUnescape on every key and value, errors included.
func FuzzParsePairsDecodesAsQueryUnescape(f *testing.F) {
	for _, s := range []string{"a=1&b=x+y", "%E4%BD%A0=%E5%A5%BD", "a=%zz", "a=%4", "%=1", "a=%2B%3D%3a", "k+ey=v%20al&x", "Signature=abc%2F%2B%3D&Timestamp=2024-01-01T00%3A00%3A00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		pairs, err := ParsePairs(raw)
		var want []Pair
		var wantErr bool
		for _, part := range strings.Split(raw, "&") {
			if part == "" {
				continue
			}
			k, v, _ := strings.Cut(part, "=")
			dk, e1 := url.QueryUnescape(k)
			dv, e2 := url.QueryUnescape(v)
			if e1 != nil || e2 != nil {
				wantErr = true
				break
			}
			want = append(want, Pair{dk, dv})
		}
		if wantErr {
			if err == nil {
				t.Fatalf("%q: url.QueryUnescape refuses it, ParsePairs gave %+v", raw, pairs)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		if len(pairs) != len(want) {
			t.Fatalf("%q: %+v, want %+v", raw, pairs, want)
		}
		for i := range want {
			if pairs[i] != want[i] {
				t.Fatalf("%q: pair %d is %+v, want %+v", raw, i, pairs[i], want[i])
			}
		}
	})
}
