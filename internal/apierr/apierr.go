// Package apierr holds the types every vendor catalogue is made of.
//
// A Def is one documented error row: a stable name, the vendor's own code, the
// HTTP status it is answered with and its English message template. Handlers
// return *Error values built from a Def; only a vendor's envelope writer turns
// them into bytes. The package names no vendor.
package apierr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/spelling"
)

// Def is one row of a vendor's error catalogue. Defs are immutable once a
// Catalogue holds them.
type Def struct {
	// Name is the stable, human name of the row (e.g. "QueueNameFormatError").
	// Scenario files and coverage reports use it; it never changes.
	Name string
	// Code is the vendor's code as a user would write it in a scenario:
	// CMQ "4000/10020", TencentCloud "ResourceNotFound.Topic", Alibaba
	// "BIZ_TOPIC_NOT_FOUND". A code may contain one %s (e.g.
	// "InvalidParameter.%s"): the row is then a family and the argument fills it.
	Code string
	// Status is the HTTP status the row is answered with.
	Status int
	// Message is the English message template; each %s takes one argument.
	Message string
	// Seed marks rows that come from the vendor's documented (seed) table;
	// false means an extra, API-specific or gateway code kept in the separate
	// labelled list.
	Seed bool
	// Section is the table of the seed the row comes from (documentation only).
	Section string
	// SeedCode is the literal code cell of the seed when it differs from the
	// rendered one (CMQ prints "4440(10100)" in its module column but renders
	// 10100). Empty when identical.
	SeedCode string
}

// Bounds on what an error echoes of a request: a name or value a client
// sent (an unknown action, a 1 MB parameter name) is cut, visibly, so an
// answer never grows with the request.
const (
	MaxArg    = 256
	MaxDetail = 8 << 10
)

// New makes an error of this row; args fill the %s placeholders of the
// message (and of the code, for a family, which takes the first argument).
// Each argument is cut at MaxArg bytes.
func (d *Def) New(args ...string) *Error {
	for i, a := range args {
		if len(a) > MaxArg {
			args[i] = cut(a, MaxArg)
		}
	}
	return &Error{Def: d, Args: args}
}

// cut shortens s to at most max bytes on a rune boundary and marks the cut.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…(truncated)"
}

// Error is a catalogue error raised by a handler or a pipeline stage.
type Error struct {
	Def  *Def
	Args []string
	// Detail is appended to the rendered message (Alibaba's SignatureDoesNotMatch
	// carries the server's string to sign this way).
	Detail string
	// Fields are extra envelope fields some rows carry (CMQ's errorList on a
	// partially failed batch delete).
	Fields map[string]any
	// Fault names the fault rule that produced the error, if any.
	Fault string
}

// Error implements error.
func (e *Error) Error() string { return e.Code() + ": " + e.Message() }

// Code is the rendered code: the family placeholder filled, if any.
func (e *Error) Code() string {
	if strings.Contains(e.Def.Code, "%s") {
		arg := ""
		if len(e.Args) > 0 {
			arg = e.Args[0]
		}
		return strings.Replace(e.Def.Code, "%s", arg, 1)
	}
	return e.Def.Code
}

// Message is the rendered English message.
func (e *Error) Message() string {
	msg := e.Def.Message
	args := e.Args
	if strings.Contains(e.Def.Code, "%s") && len(args) > 0 && !strings.Contains(msg, "%s") {
		args = nil
	}
	for _, a := range args {
		if !strings.Contains(msg, "%s") {
			break
		}
		msg = strings.Replace(msg, "%s", a, 1)
	}
	return msg + e.Detail
}

// WithDetail returns the error with extra text appended to its message,
// cut at MaxDetail bytes.
func (e *Error) WithDetail(s string) *Error { e.Detail = cut(s, MaxDetail); return e }

// WithFields returns the error carrying extra envelope fields.
func (e *Error) WithFields(f map[string]any) *Error { e.Fields = f; return e }

// As returns the catalogue error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// Catalogue is one vendor's immutable set of error rows.
type Catalogue struct {
	vendor string
	defs   []*Def
	byName map[string]*Def
	byCode map[string][]*Def
}

// NewCatalogue builds a catalogue; it panics on a duplicate name because that
// is a programming error caught by every test run.
func NewCatalogue(vendor string, defs ...*Def) *Catalogue {
	// Sized up front: each front door builds its union at every start.
	c := &Catalogue{vendor: vendor, defs: make([]*Def, 0, len(defs)), byName: make(map[string]*Def, len(defs)), byCode: make(map[string][]*Def, len(defs))}
	for _, d := range defs {
		if d.Name == "" || d.Code == "" || d.Status == 0 {
			panic(fmt.Sprintf("apierr: incomplete row %+v in %s catalogue", *d, vendor))
		}
		if _, dup := c.byName[d.Name]; dup {
			panic(fmt.Sprintf("apierr: duplicate name %q in %s catalogue", d.Name, vendor))
		}
		c.defs = append(c.defs, d)
		c.byName[d.Name] = d
		c.byCode[d.Code] = append(c.byCode[d.Code], d)
	}
	return c
}

// Vendor names the catalogue's vendor.
func (c *Catalogue) Vendor() string { return c.vendor }

// Len is the number of rows.
func (c *Catalogue) Len() int { return len(c.defs) }

// All lists every row in catalogue order.
func (c *Catalogue) All() []*Def { return append([]*Def(nil), c.defs...) }

// Seed lists the documented rows.
func (c *Catalogue) Seed() []*Def { return c.filter(true) }

// Extra lists the undocumented, labelled rows.
func (c *Catalogue) Extra() []*Def { return c.filter(false) }

func (c *Catalogue) filter(seed bool) []*Def {
	var out []*Def
	for _, d := range c.defs {
		if d.Seed == seed {
			out = append(out, d)
		}
	}
	return out
}

// ByName finds a row by its stable name.
func (c *Catalogue) ByName(name string) (*Def, bool) { d, ok := c.byName[name]; return d, ok }

// Resolve finds the one row a user means by a name or a code (a family code
// like "InvalidParameter.Foo" resolves to "InvalidParameter.%s" with arg "Foo").
// Several rows that render identically (same code, status and message) count as
// one. When a code names rows that render differently, Resolve fails and lists
// the names to choose from; an unknown code fails with the nearest valid ones.
func (c *Catalogue) Resolve(ref string) (*Def, []string, error) {
	if d, ok := c.byName[ref]; ok {
		return d, nil, nil
	}
	if defs := distinct(c.byCode[ref]); len(defs) == 1 {
		return defs[0], nil, nil
	} else if len(defs) > 1 {
		names := make([]string, len(defs))
		for i, d := range defs {
			names[i] = d.Name
		}
		return nil, nil, fmt.Errorf("%s code %q names %d different rows; use one of the names %s", c.vendor, ref, len(defs), strings.Join(names, ", "))
	}
	for _, d := range c.defs {
		if prefix, ok := strings.CutSuffix(d.Code, "%s"); ok && strings.HasPrefix(ref, prefix) && len(ref) > len(prefix) {
			return d, []string{strings.TrimPrefix(ref, prefix)}, nil
		}
	}
	return nil, nil, fmt.Errorf("%s has no documented error %q; nearest: %s", c.vendor, ref, strings.Join(c.Nearest(ref, 3), ", "))
}

func distinct(defs []*Def) []*Def {
	var out []*Def
	for _, d := range defs {
		same := false
		for _, o := range out {
			if o.Status == d.Status && o.Message == d.Message {
				same = true
			}
		}
		if !same {
			out = append(out, d)
		}
	}
	return out
}

// Nearest lists up to n codes or names closest to ref by edit distance.
func (c *Catalogue) Nearest(ref string, n int) []string {
	type cand struct {
		s string
		d int
	}
	seen := map[string]bool{}
	var cs []cand
	for _, d := range c.defs {
		for _, s := range []string{d.Code, d.Name} {
			if !seen[s] {
				seen[s] = true
				cs = append(cs, cand{s, spelling.Distance(ref, s)})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d || cs[i].d == cs[j].d && cs[i].s < cs[j].s })
	out := []string{}
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].s)
	}
	return out
}

// Union is the catalogue of a front door serving several products: every
// row of every part, in order. A name that comes again with the same code,
// status and message is the same row (two products answering a shared
// protocol code); with anything else it panics, as NewCatalogue does.
func Union(vendor string, parts ...*Catalogue) *Catalogue {
	n := 0
	for _, p := range parts {
		n += len(p.defs)
	}
	defs := make([]*Def, 0, n)
	seen := make(map[string]*Def, n)
	for _, p := range parts {
		for _, d := range p.defs {
			if prev, ok := seen[d.Name]; ok {
				if prev.Code != d.Code || prev.Status != d.Status || prev.Message != d.Message {
					panic(fmt.Sprintf("apierr: %s catalogue: row %q differs between %s and %s", vendor, d.Name, prev.Code, d.Code))
				}
				continue
			}
			seen[d.Name] = d
			defs = append(defs, d)
		}
	}
	return NewCatalogue(vendor, defs...)
}
