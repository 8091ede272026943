package pipeline

import (
	"cmp"
	"sort"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

// Handler serves one action. It returns the action's result (rendered by the
// front door's envelope writer) or an error; an error that is not a catalogue
// *apierr.Error becomes the front door's internal error.
type Handler func(call *Call) (any, error)

// Action is one row of a product's action table, the same shape for every
// product: adding an action is one function and one row.
type Action struct {
	Name   string
	Handle Handler
	// Rate is the action's documented per-account rate, enforced only when
	// the table's limits are on (TableSpec.Now).
	Rate ratelimit.Rate
	// Throttle answers a call over Rate; nil means the table's Throttle.
	Throttle *apierr.Def
	// Declined marks an action the emulator knowingly does not serve: it
	// answers the table's Decline, so "not emulated" never looks like a typo.
	// Handle is not called.
	Declined bool
}

// TableSpec is what a product says of its whole table.
type TableSpec struct {
	// Fold makes lookups case-insensitive (CMQ matches action names
	// case-insensitively because its Java SDK sends
	// "ClearSUbscriptionFIlterTags").
	Fold bool
	// Now turns the rows' rates on, read on this (virtual) clock; nil leaves
	// every action unlimited.
	Now func() time.Time
	// Throttle is the product's documented throttling row: what a call over
	// its action's rate is answered with, and what a fault scenario's
	// `throttle:` answers.
	Throttle *apierr.Def
	// RateThrottle, when set, answers a call over its action's rate instead
	// of Throttle, where the product documents a row of its own for that
	// (CMQ's per-account frequency limit, 4480, beside its qps throttling,
	// 4420); faults keep answering Throttle.
	RateThrottle *apierr.Def
	// Decline answers a declined action.
	Decline func(call *Call) error
}

// Table is an immutable action table. Rates are applied per account before
// the handler runs, on token buckets the table owns (ResetLimits empties
// them).
type Table struct {
	spec     TableSpec
	byName   map[string]Handler
	names    []string
	throttle map[string]*apierr.Def // actions whose throttle row is their own
	limiter  ratelimit.Limiter
}

// NewTable builds a table. A duplicate name, or a declined table with no
// Decline, panics: it is a programming error every test run would catch.
func NewTable(spec TableSpec, actions ...Action) *Table {
	t := &Table{spec: spec, byName: map[string]Handler{}, throttle: map[string]*apierr.Def{}}
	for _, a := range actions {
		k := t.key(a.Name)
		if _, dup := t.byName[k]; dup {
			panic("pipeline: duplicate action " + a.Name)
		}
		if a.Declined && spec.Decline == nil {
			panic("pipeline: action " + a.Name + " is declined but the table has no Decline")
		}
		if a.Throttle != nil {
			t.throttle[a.Name] = a.Throttle
		}
		t.byName[k] = t.wrap(a)
		t.names = append(t.names, a.Name)
	}
	sort.Strings(t.names)
	return t
}

// wrap applies what the row says around the handler: a declined row answers
// Decline; a rated row takes a token from the caller's bucket first.
func (t *Table) wrap(a Action) Handler {
	h := a.Handle
	if a.Declined {
		decline := t.spec.Decline
		h = func(call *Call) (any, error) { return nil, decline(call) }
	}
	if t.spec.Now == nil || !a.Rate.Limited() {
		return h
	}
	throttle := cmp.Or(a.Throttle, t.spec.RateThrottle, t.spec.Throttle)
	if throttle == nil {
		panic("pipeline: action " + a.Name + " has a rate but no throttle row")
	}
	now, rate, name := t.spec.Now, a.Rate, a.Name
	return func(call *Call) (any, error) {
		account := ""
		if call.Account != nil {
			account = call.Account.Name
		}
		if !t.limiter.Take(account+"\x00"+name, rate, now()) {
			return nil, throttle.New()
		}
		return h(call)
	}
}

func (t *Table) key(name string) string {
	if t.spec.Fold {
		return strings.ToLower(name)
	}
	return name
}

// Lookup finds an action's handler (rate limit and decline included).
func (t *Table) Lookup(name string) (Handler, bool) {
	h, ok := t.byName[t.key(name)]
	return h, ok
}

// Names lists the actions served, sorted.
func (t *Table) Names() []string { return append([]string(nil), t.names...) }

// Throttling is the row a rate limit answers with and the actions whose row
// is their own: what a fault scenario's `throttle:` effect answers too.
func (t *Table) Throttling() (*apierr.Def, map[string]*apierr.Def) {
	out := make(map[string]*apierr.Def, len(t.throttle))
	for k, v := range t.throttle {
		out[k] = v
	}
	return t.spec.Throttle, out
}

// ResetLimits empties every rate-limit bucket (a reset of the product).
func (t *Table) ResetLimits() { t.limiter.Reset() }
