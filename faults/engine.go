package faults

import (
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
	return nil
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
		if !r.matches(call) {
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
