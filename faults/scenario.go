// Package faults is mqmock's fault engine: scenario documents (YAML or JSON),
// their validation against each vendor's error catalogue, the rules that
// match calls and decide, with deterministic or seeded-random triggers,
// whether to answer with an error, a delay, a throttling error, a dropped or
// reset connection, a held request or a raw body; the watcher that reloads
// scenario files; and the coverage counter of the error codes a test suite
// has seen.
//
// The package names no vendor: what differs between vendors (catalogue,
// throttling code, services) is a Vendor value the emulator passes in.
package faults

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/spelling"

	"go.yaml.in/yaml/v3"
)

// Document is one scenario file as written (design.md "Fault scenarios").
// Its fields keep the user's spelling so that GET /_mqmock/scenario shows
// the document as loaded.
type Document struct {
	Name  string    `yaml:"name" json:"name,omitempty"`
	Seed  *int64    `yaml:"seed" json:"seed,omitempty"`
	Rules []RuleDoc `yaml:"rules" json:"rules"`
}

// RuleDoc is one rule as written.
type RuleDoc struct {
	Name    string            `yaml:"name" json:"name"`
	Vendor  string            `yaml:"vendor" json:"vendor"`
	Service string            `yaml:"service" json:"service,omitempty"`
	Action  string            `yaml:"action" json:"action"`
	Match   map[string]string `yaml:"match" json:"match,omitempty"`

	// Effects: exactly one of Error, Throttle, Drop, Reset, Timeout, Status
	// (with Body), or Latency alone. Latency may also precede any of them.
	Error       string        `yaml:"error" json:"error,omitempty"`
	Latency     string        `yaml:"latency" json:"latency,omitempty"`
	Jitter      string        `yaml:"jitter" json:"jitter,omitempty"`
	Throttle    *ThrottleDoc  `yaml:"throttle" json:"throttle,omitempty"`
	Drop        bool          `yaml:"drop" json:"drop,omitempty"`
	Reset       bool          `yaml:"reset" json:"reset,omitempty"`
	Timeout     *TimeoutValue `yaml:"timeout" json:"timeout,omitempty"`
	Status      int           `yaml:"status" json:"status,omitempty"`
	Body        *string       `yaml:"body" json:"body,omitempty"`
	ContentType string        `yaml:"contentType" json:"contentType,omitempty"`

	// Triggers.
	Probability *float64 `yaml:"probability" json:"probability,omitempty"`
	Seed        *int64   `yaml:"seed" json:"seed,omitempty"`
	After       int      `yaml:"after" json:"after,omitempty"`
	Times       int      `yaml:"times" json:"times,omitempty"`
	Every       int      `yaml:"every" json:"every,omitempty"`
}

// ThrottleDoc is a throttle effect: a token bucket of Burst tokens refilled
// at Rate ("5/s", "300/m", "1/2s") on the virtual clock, one per rule or, with
// Per, one per account or action. Error overrides the vendor's throttling
// code.
type ThrottleDoc struct {
	Rate  string `yaml:"rate" json:"rate"`
	Burst int    `yaml:"burst" json:"burst,omitempty"`
	// Per gives each account, or each action, a bucket of its own.
	Per   string `yaml:"per" json:"per,omitempty"`
	Error string `yaml:"error" json:"error,omitempty"`
}

// TimeoutValue is `timeout: true` (hold until the client gives up, bounded by
// the pipeline) or `timeout: 30s` (hold that long, then close).
type TimeoutValue struct {
	On  bool
	For time.Duration
	raw string
}

// UnmarshalYAML accepts a boolean or a duration.
func (t *TimeoutValue) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("timeout must be true or a duration like \"30s\"")
	}
	if b, err := strconv.ParseBool(n.Value); err == nil {
		*t = TimeoutValue{On: b, raw: n.Value}
		return nil
	}
	d, err := time.ParseDuration(n.Value)
	if err != nil || d <= 0 {
		return fmt.Errorf("timeout must be true or a positive duration like \"30s\", not %q", n.Value)
	}
	*t = TimeoutValue{On: true, For: d, raw: n.Value}
	return nil
}

// MarshalJSON shows the value as written.
func (t TimeoutValue) MarshalJSON() ([]byte, error) {
	if t.For > 0 {
		return []byte(strconv.Quote(t.raw)), nil
	}
	return []byte(strconv.FormatBool(t.On)), nil
}

// topKeys and ruleKeys are the keys a document may use; anything else is a
// typo the loader names, with the nearest valid key.
var (
	topKeys      = []string{"name", "seed", "rules"}
	ruleKeys     = []string{"name", "vendor", "service", "action", "match", "error", "latency", "jitter", "throttle", "drop", "reset", "timeout", "status", "body", "contentType", "probability", "seed", "after", "times", "every"}
	throttleKeys = []string{"rate", "burst", "per", "error"}
)

// Parse reads a scenario document (YAML, or JSON which is YAML too). source
// names where it came from in every error message.
func Parse(source string, data []byte) (*Document, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("scenario %s: not valid YAML or JSON: %s", source, trimYAMLErr(err))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, fmt.Errorf("scenario %s: empty document (want name, seed and rules)", source)
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("scenario %s: the document must be a mapping with name, seed and rules", source)
	}
	if err := checkKeys(top, topKeys, true); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", source, err)
	}
	doc := &Document{}
	var rules []yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		var err error
		switch k {
		case "name":
			err = v.Decode(&doc.Name)
		case "seed":
			var s int64
			err = v.Decode(&s)
			doc.Seed = &s
		case "rules":
			if v.Kind != yaml.SequenceNode && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
				err = fmt.Errorf("must be a list of rules")
			}
			for _, c := range v.Content {
				rules = append(rules, *c)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %s: %s", source, k, trimYAMLErr(err))
		}
	}
	doc.Rules = make([]RuleDoc, 0, len(rules))
	for i := range rules {
		r, err := parseRule(&rules[i])
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %s: %w", source, ruleLabel(i, ruleNameOf(&rules[i])), err)
		}
		doc.Rules = append(doc.Rules, r)
	}
	return doc, nil
}

func parseRule(n *yaml.Node) (RuleDoc, error) {
	var r RuleDoc
	if n.Kind != yaml.MappingNode {
		return r, fmt.Errorf("a rule must be a mapping (vendor, action, an effect...)")
	}
	if err := checkKeys(n, ruleKeys, false); err != nil {
		return r, err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "throttle" && n.Content[i+1].Kind == yaml.MappingNode {
			if err := checkKeys(n.Content[i+1], throttleKeys, false); err != nil {
				return r, fmt.Errorf("throttle: %w", err)
			}
		}
	}
	if err := n.Decode(&r); err != nil {
		return r, fmt.Errorf("%s", trimYAMLErr(err))
	}
	return r, nil
}

// checkKeys refuses unknown or repeated keys of a mapping, naming the
// nearest valid key. With extensions, keys starting with "x-" are free (a
// place for YAML anchors that rules share, as in docker-compose files).
func checkKeys(n *yaml.Node, valid []string, extensions bool) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if seen[k] {
			return fmt.Errorf("key %q appears twice (line %d)", k, n.Content[i].Line)
		}
		seen[k] = true
		if k == "<<" || extensions && strings.HasPrefix(k, "x-") {
			continue // a merge key (<<: *shared) or an extension: decoded by yaml, or ignored
		}
		if !contains(valid, k) {
			return fmt.Errorf("unknown key %q (line %d); did you mean %q? valid keys: %s", k, n.Content[i].Line, spelling.Nearest(k, valid), strings.Join(valid, ", "))
		}
	}
	return nil
}

func ruleNameOf(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// ruleLabel names a rule in messages: by its name when it has one, always
// with its position.
func ruleLabel(i int, name string) string {
	if name == "" {
		return fmt.Sprintf("rules[%d]", i)
	}
	return fmt.Sprintf("rule %q (rules[%d])", name, i)
}

func trimYAMLErr(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: ")
	s = strings.ReplaceAll(s, "unmarshal errors:\n  ", "")
	s = strings.ReplaceAll(s, "\n  ", "; ")
	s = strings.ReplaceAll(s, " into faults.", " into ")
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
