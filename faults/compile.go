package faults

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/ratelimit"
	"github.com/mqmock/mqmock/internal/spelling"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Source is one scenario document and where it came from (a file path, or
// "PUT /_mqmock/scenario").
type Source struct {
	Name string
	Data []byte
}

// set is an immutable, validated list of rules, indexed for the hot path.
type set struct {
	// sources are the documents as given, so Add can compile them again
	// with one more.
	sources  []Source
	docs     []sourceDoc
	rules    []*rule
	byVendor map[string]*vendorRules
}

type sourceDoc struct {
	Source string
	Doc    *Document
}

// vendorRules are one vendor's rules: for each action some rule names, the
// rules that apply to it (that action's and the wildcards, in file order);
// wild for every other action.
type vendorRules struct {
	byAction map[string][]*rule
	wild     []*rule
}

// compile parses and validates sources into a set. Nothing is returned
// unless every rule of every source is valid.
func compile(sources []Source, vendors map[string]Vendor) (*set, error) {
	s := &set{sources: sources, byVendor: map[string]*vendorRules{}}
	names := map[string]string{}
	for _, src := range sources {
		doc, err := Parse(src.Name, src.Data)
		if err != nil {
			return nil, err
		}
		s.docs = append(s.docs, sourceDoc{Source: src.Name, Doc: doc})
		for i := range doc.Rules {
			d := &doc.Rules[i]
			if d.Name == "" {
				d.Name = fmt.Sprintf("%s-rule-%d", nameOrFile(doc.Name, src.Name), i+1)
			}
			if prev, dup := names[d.Name]; dup {
				return nil, fmt.Errorf("scenario %s: %s: the name is already used by a rule in %s; rule names must be unique", src.Name, ruleLabel(i, d.Name), prev)
			}
			names[d.Name] = src.Name
			r, err := compileRule(*d, i, doc.Seed, vendors)
			if err != nil {
				return nil, fmt.Errorf("scenario %s: %s: %w", src.Name, ruleLabel(i, d.Name), err)
			}
			r.source = src.Name
			s.rules = append(s.rules, r)
		}
	}
	s.index()
	return s, nil
}

func nameOrFile(name, source string) string {
	if name != "" {
		return name
	}
	if i := strings.LastIndexAny(source, `/\`); i >= 0 {
		source = source[i+1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(source, ".yaml"), ".yml")
}

func (s *set) index() {
	for _, r := range s.rules {
		vr := s.byVendor[r.vendor]
		if vr == nil {
			vr = &vendorRules{byAction: map[string][]*rule{}}
			s.byVendor[r.vendor] = vr
		}
		if r.action != "" {
			vr.byAction[r.action] = nil
		}
	}
	for _, r := range s.rules {
		vr := s.byVendor[r.vendor]
		if r.action == "" {
			vr.wild = append(vr.wild, r)
			for a := range vr.byAction {
				vr.byAction[a] = append(vr.byAction[a], r)
			}
			continue
		}
		vr.byAction[r.action] = append(vr.byAction[r.action], r)
	}
}

// compileRule validates one rule against its vendor.
func compileRule(d RuleDoc, index int, docSeed *int64, vendors map[string]Vendor) (*rule, error) {
	if d.Vendor == "" {
		return nil, fmt.Errorf("vendor is required (one of %s)", strings.Join(vendorNames(vendors), ", "))
	}
	v, ok := vendors[d.Vendor]
	if !ok {
		return nil, fmt.Errorf("vendor %q is not one of %s", d.Vendor, strings.Join(vendorNames(vendors), ", "))
	}
	r := &rule{doc: d, vendor: d.Vendor}
	if err := checkAction(&d, v); err != nil {
		return nil, err
	}
	if d.Action != "*" {
		r.action = string(foldKey(nil, d.Action))
	}
	if d.Service != "" {
		if !contains(v.Services, d.Service) {
			if len(v.Services) == 0 {
				return nil, fmt.Errorf("service: %s has no services to choose from; remove the key", d.Vendor)
			}
			return nil, fmt.Errorf("service %q is not one of %s", d.Service, strings.Join(v.Services, ", "))
		}
		r.service = d.Service
	}
	var err error
	if r.match, err = compileMatchers(d.Match); err != nil {
		return nil, err
	}
	if err := compileEffect(r, &d, v); err != nil {
		return nil, err
	}
	if err := compileTriggers(r, &d); err != nil {
		return nil, err
	}
	r.st = r.newState(index, docSeed)
	fp, _ := json.Marshal(struct {
		D    RuleDoc
		Seed *int64
		I    int
	}{d, docSeed, index})
	r.fingerprint = string(fp)
	return r, nil
}

func checkAction(d *RuleDoc, v Vendor) error {
	if strings.TrimSpace(d.Action) == "" {
		return fmt.Errorf("action is required (an action name, or \"*\" for every action)")
	}
	if d.Action == "*" || v.Actions == nil {
		return nil
	}
	for _, a := range v.Actions {
		if strings.EqualFold(a, d.Action) {
			return nil
		}
	}
	return fmt.Errorf("%s serves no action %q; nearest: %s", d.Vendor, d.Action, spelling.Nearest(d.Action, v.Actions))
}

func vendorNames(vendors map[string]Vendor) []string {
	out := make([]string, 0, len(vendors))
	for n := range vendors {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func compileEffect(r *rule, d *RuleDoc, v Vendor) error {
	var effects []string
	if d.Error != "" {
		effects = append(effects, "error")
	}
	if d.Throttle != nil {
		effects = append(effects, "throttle")
	}
	if d.Drop {
		effects = append(effects, "drop")
	}
	if d.Reset {
		effects = append(effects, "reset")
	}
	if d.Timeout != nil && d.Timeout.On {
		effects = append(effects, "timeout")
	}
	if d.Status != 0 || d.Body != nil {
		effects = append(effects, "status")
	}
	if len(effects) > 1 {
		return fmt.Errorf("one effect per rule, got %s (latency may accompany any of them)", strings.Join(effects, " and "))
	}
	if len(effects) == 0 && d.Latency == "" {
		return errors.New("no effect: give one of error, latency, throttle, drop, reset, timeout, or status with body")
	}
	var err error
	if d.Latency != "" {
		if r.latency, err = parseDuration("latency", d.Latency); err != nil {
			return err
		}
	}
	if d.Jitter != "" {
		if d.Latency == "" {
			return errors.New("jitter needs a latency to vary")
		}
		if r.jitter, err = parseDuration("jitter", d.Jitter); err != nil {
			return err
		}
	}
	switch {
	case d.Error != "":
		r.errDef, r.errArgs, err = v.Catalogue.Resolve(d.Error)
		if err != nil {
			return fmt.Errorf("error: %w", err)
		}
	case d.Throttle != nil:
		return compileThrottle(r, d.Throttle, v)
	case d.Timeout != nil && d.Timeout.On:
		if d.Timeout.For > 0 {
			r.holdFor = d.Timeout.For
		} else {
			r.timeout = true
		}
	case d.Drop:
		r.drop = true
	case d.Reset:
		r.reset = true
	case d.Status != 0 || d.Body != nil:
		if d.Status < 100 || d.Status > 999 {
			return fmt.Errorf("status %d: want an HTTP status between 100 and 999 with body", d.Status)
		}
		body := ""
		if d.Body != nil {
			body = *d.Body
		}
		ct := d.ContentType
		if ct == "" {
			ct = sniffContentType(body)
		}
		r.raw = &pipeline.Raw{Status: d.Status, ContentType: ct, Body: []byte(body)}
	}
	if d.ContentType != "" && r.raw == nil {
		return errors.New("contentType only goes with status and body")
	}
	return nil
}

// Throttle scopes: what gets a token bucket of its own.
const (
	scopeAccount = "account"
	scopeAction  = "action"
)

// sniffContentType guesses what a gateway would label the body: JSON-looking
// text as JSON, markup as HTML, the rest as plain text.
func sniffContentType(body string) string {
	b := strings.TrimSpace(body)
	switch {
	case b == "":
		return ""
	case strings.HasPrefix(b, "{") || strings.HasPrefix(b, "["):
		return "application/json"
	case strings.HasPrefix(b, "<"):
		return "text/html; charset=utf-8"
	}
	return http.DetectContentType([]byte(body))
}

func compileThrottle(r *rule, t *ThrottleDoc, v Vendor) error {
	if t.Rate == "" {
		return errors.New("throttle: rate is required, like {rate: 5/s}")
	}
	count, per, err := parseRate(t.Rate)
	if err != nil {
		return fmt.Errorf("throttle: %w", err)
	}
	burst := t.Burst
	if burst < 0 {
		return fmt.Errorf("throttle: burst must be at least 1, not %d", burst)
	}
	if burst == 0 {
		burst = count // a rate of 5/s lets 5 calls through at once
	}
	switch t.Per {
	case "", scopeAccount, scopeAction:
	default:
		return fmt.Errorf("throttle: per %q: want account (a bucket per account) or action (a bucket per action), or leave it out (one bucket for the rule)", t.Per)
	}
	th := &throttle{rate: ratelimit.Rate{Every: per / time.Duration(count), Burst: burst}, scope: t.Per, defByAct: map[string]*apierr.Def{}}
	if t.Error == "" {
		// The door's own rows, as its rate limits answer: definitions, not
		// names resolved again.
		for act, def := range v.ThrottleByAction {
			if r.action != "" && !strings.EqualFold(act, r.doc.Action) {
				continue
			}
			th.defByAct[strings.ToLower(act)] = def
		}
		if v.Throttle == nil {
			return fmt.Errorf("throttle: %s has no default throttling code; add error: <code> to the throttle", v.Name)
		}
		th.def = v.Throttle
	} else if th.def, th.args, err = v.Catalogue.Resolve(t.Error); err != nil {
		return fmt.Errorf("throttle: error: %w", err)
	}
	r.throttle = th
	return nil
}

func compileTriggers(r *rule, d *RuleDoc) error {
	if d.After < 0 || d.Times < 0 || d.Every < 0 {
		return errors.New("after, times and every must not be negative")
	}
	r.certain = true
	if d.Probability != nil {
		p := *d.Probability
		if p < 0 || p > 1 {
			return fmt.Errorf("probability %v: want a number from 0 to 1", p)
		}
		r.prob, r.certain = p, p == 1
	}
	return nil
}

// newState gives a rule fresh counters and its random source: seeded by the
// rule's own seed, else by the document's seed and the rule's position (so
// every rule of a seeded file has its own repeatable sequence), else at
// random.
func (r *rule) newState(index int, docSeed *int64) *ruleState {
	var src *rand.PCG
	switch {
	case r.doc.Seed != nil:
		src = rand.NewPCG(uint64(*r.doc.Seed), 0)
	case docSeed != nil:
		src = rand.NewPCG(uint64(*docSeed), uint64(index)+1)
	default:
		src = rand.NewPCG(rand.Uint64(), rand.Uint64())
	}
	st := &ruleState{rng: rand.New(src)}
	if r.throttle != nil {
		st.buckets = map[string]*ratelimit.Bucket{}
	}
	return st
}

func parseDuration(key, s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s %q: want a duration like 1500ms or 2s", key, s)
	}
	return d, nil
}
