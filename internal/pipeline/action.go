package pipeline

import (
	"sort"
	"strings"
)

// Handler serves one action. It returns the action's result (rendered by the
// vendor's envelope writer) or an error; an error that is not a catalogue
// *apierr.Error becomes the vendor's internal error.
type Handler func(call *Call) (any, error)

// Action is one row of a vendor's action table.
type Action struct {
	Name   string
	Handle Handler
}

// Table is an immutable action table. Adding an action is one Action row.
type Table struct {
	byName map[string]Handler
	names  []string
	fold   bool
}

// NewTable builds a table; fold makes lookups case-insensitive (CMQ matches
// action names case-insensitively because its Java SDK sends
// "ClearSUbscriptionFIlterTags"). A duplicate name panics: it is a
// programming error every test run would catch.
func NewTable(fold bool, actions ...Action) *Table {
	t := &Table{byName: map[string]Handler{}, fold: fold}
	for _, a := range actions {
		k := t.key(a.Name)
		if _, dup := t.byName[k]; dup {
			panic("pipeline: duplicate action " + a.Name)
		}
		t.byName[k] = a.Handle
		t.names = append(t.names, a.Name)
	}
	sort.Strings(t.names)
	return t
}

func (t *Table) key(name string) string {
	if t.fold {
		return strings.ToLower(name)
	}
	return name
}

// Lookup finds an action's handler.
func (t *Table) Lookup(name string) (Handler, bool) {
	h, ok := t.byName[t.key(name)]
	return h, ok
}

// Names lists the actions served, sorted.
func (t *Table) Names() []string { return append([]string(nil), t.names...) }
