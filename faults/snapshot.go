package faults

import "strings"

// Snapshot is the active scenario as GET /_mqmock/scenario shows it: the
// documents as loaded, each rule with its counters.
type Snapshot struct {
	Name    string       `json:"name,omitempty"`
	Seed    *int64       `json:"seed,omitempty"`
	Sources []SourceView `json:"sources,omitempty"`
	Rules   []RuleView   `json:"rules"`
}

// SourceView names one loaded document.
type SourceView struct {
	Source string `json:"source"`
	Name   string `json:"name,omitempty"`
	Seed   *int64 `json:"seed,omitempty"`
	Rules  int    `json:"rules"`
}

// RuleView is a rule as written plus where it came from and its counters:
// Hits counts the times its effect was applied, Matched the matching calls
// that reached it.
type RuleView struct {
	RuleDoc
	Source  string `json:"source"`
	Hits    int64  `json:"hits"`
	Matched int64  `json:"matched"`
	// Disabled is a rule switched off (Engine.SetEnabled).
	Disabled bool `json:"disabled,omitempty"`
}

// Snapshot reads the active set and its counters.
func (e *Engine) Snapshot() Snapshot {
	out := Snapshot{Rules: []RuleView{}}
	s := e.active.Load()
	if s == nil {
		return out
	}
	var names []string
	for _, d := range s.docs {
		out.Sources = append(out.Sources, SourceView{Source: d.Source, Name: d.Doc.Name, Seed: d.Doc.Seed, Rules: len(d.Doc.Rules)})
		if d.Doc.Name != "" {
			names = append(names, d.Doc.Name)
		}
	}
	out.Name = strings.Join(names, ", ")
	if len(s.docs) == 1 {
		out.Seed = s.docs[0].Doc.Seed
	}
	for _, r := range s.rules {
		seen, hits := r.counts()
		out.Rules = append(out.Rules, RuleView{RuleDoc: r.doc, Source: r.source, Hits: hits, Matched: seen, Disabled: r.st.off.Load()})
	}
	return out
}

// Hits is a rule's hit count (0 for an unknown rule).
func (e *Engine) Hits(name string) int64 {
	s := e.active.Load()
	if s == nil {
		return 0
	}
	for _, r := range s.rules {
		if r.doc.Name == name {
			_, h := r.counts()
			return h
		}
	}
	return 0
}
