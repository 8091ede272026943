package faults

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Engine holds the active rule set and implements pipeline.FaultHook. The
// set is swapped atomically: a call sees either the old rules or the new
// ones, never half of a reload.
type Engine struct {
	clock   *clock.Clock
	vendors map[string]Vendor
	active  atomic.Pointer[set]
	mu      sync.Mutex // serialises replacements
}

// NewEngine builds an engine for these vendors, reading time from clk.
func NewEngine(clk *clock.Clock, vendors ...Vendor) *Engine {
	if clk == nil {
		clk = clock.New()
	}
	e := &Engine{clock: clk, vendors: map[string]Vendor{}}
	for _, v := range vendors {
		e.vendors[v.Name] = v
	}
	return e
}

// Validate parses and checks sources without changing the active set.
func (e *Engine) Validate(sources ...Source) error {
	_, err := compile(sources, e.vendors)
	return err
}

// Replace validates sources and, only if all are valid, makes them the
// active set with fresh counters. On error the active set is untouched.
func (e *Engine) Replace(sources ...Source) error { return e.replace(sources, false) }

// Reload is Replace for a changed file: rules whose definition did not
// change keep their counters (a `times: 2` rule that already fired twice
// stays spent when a neighbouring rule is edited).
func (e *Engine) Reload(sources ...Source) error { return e.replace(sources, true) }

func (e *Engine) replace(sources []Source, keep bool) error {
	s, err := compile(sources, e.vendors)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.swap(s, keep)
	return nil
}

// Add appends sources to the active set, as if they were the last of the
// files loaded: the rules in force keep their counters and switches, the
// new ones start afresh. Nothing changes unless the whole set, old and new,
// is valid (a new rule's name must not be taken).
func (e *Engine) Add(sources ...Source) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var all []Source
	if old := e.active.Load(); old != nil {
		all = append(all, old.sources...)
	}
	s, err := compile(append(all, sources...), e.vendors)
	if err != nil {
		return err
	}
	e.swap(s, true)
	return nil
}

// ValidateAdd checks what Add would check, changing nothing.
func (e *Engine) ValidateAdd(sources ...Source) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var all []Source
	if old := e.active.Load(); old != nil {
		all = append(all, old.sources...)
	}
	_, err := compile(append(all, sources...), e.vendors)
	return err
}

// ErrNoRule is SetEnabled's answer for a name no active rule has.
var ErrNoRule = errors.New("no rule of that name is in force")

// SetEnabled switches the named rule off (on=false) or back on. A rule
// that is off is passed by as if it were not there: it neither fires nor
// counts matching calls. Its counters and its place in the order stay; a
// change of its file (Reload) keeps the switch if the rule did not change,
// and Replace and Add's new rules start on.
func (e *Engine) SetEnabled(name string, on bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if s := e.active.Load(); s != nil {
		for _, r := range s.rules {
			if r.doc.Name == name {
				r.st.off.Store(!on)
				return nil
			}
		}
	}
	return fmt.Errorf("%w: %q", ErrNoRule, name)
}

// swap makes s the active set; with keep, the rules whose definition did
// not change keep their state. The caller holds e.mu.
func (e *Engine) swap(s *set, keep bool) {
	if old := e.active.Load(); keep && old != nil {
		prev := map[string]*rule{}
		for _, r := range old.rules {
			prev[r.doc.Name] = r
		}
		for _, r := range s.rules {
			if o, ok := prev[r.doc.Name]; ok && o.fingerprint == r.fingerprint && o.source == r.source {
				r.st = o.st
			}
		}
	}
	e.active.Store(s)
}

// Clear removes every rule (and so every counter).
func (e *Engine) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.active.Store(nil)
}

// Apply implements pipeline.FaultHook: the first rule that matches the call
// and whose triggers fire decides the effect. A rule that matches but does
// not fire (not yet `after`, not the `every`th, a probability miss, spent,
// or a throttle with tokens left) lets the call go on to the next rule.
func (e *Engine) Apply(call *pipeline.Call) *pipeline.Effect {
	s := e.active.Load()
	if s == nil {
		return nil
	}
	vr := s.byVendor[call.Vendor]
	if vr == nil {
		return nil
	}
	rules := vr.wild
	if len(vr.byAction) > 0 {
		var buf [64]byte
		if l, ok := vr.byAction[string(foldKey(buf[:0], call.Action))]; ok {
			rules = l
		}
	}
	for _, r := range rules {
		if r.st.off.Load() || !r.matches(call) {
			continue
		}
		if eff := r.fire(call, e.clock); eff != nil {
			return eff
		}
	}
	return nil
}

// Active reports whether any rule is loaded.
func (e *Engine) Active() bool { s := e.active.Load(); return s != nil && len(s.rules) > 0 }
