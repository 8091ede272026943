// Package emutest starts a complete mqmock inside a Go test, the way
// net/http/httptest starts a server: all four vendors on free loopback ports,
// a virtual clock the test controls, ready credentials, and everything
// stopped at test cleanup.
//
// Every option, field and function takes and gives public types only, so a
// test in any module can use it (TestPublicAPINamesNoInternalType keeps it
// so); the Emulator it embeds adds a few inspection methods for this
// repository's own tests, listed in that test.
//
// Start changes nothing process-wide. The Alibaba SDK honours HTTP_PROXY
// and HTTPS_PROXY even for loopback addresses: where those are set (a CI
// runner behind a proxy), set NO_PROXY=127.0.0.1,localhost for the test
// process, e.g. in the CI job's environment.
package emutest

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/internal/config"
)

// Env is a running emulator and what a test needs to reach it.
type Env struct {
	*emulator.Emulator
	// Host:port of each vendor, e.g. "127.0.0.1:41234".
	CMQ, TDMQ, ONS, MQTT string
	// Default and Other are the first two accounts: the built-in ones
	// unless WithAccounts, WithConfigFile or WithConfig gave others (nil
	// when there are fewer).
	Default, Other *Account
}

// Option adjusts the emulator before it starts.
type Option func(*settings)

type settings struct {
	cfg emulator.Config
	// timeSource is the virtual clock's real time (Frozen); nil is the
	// machine's.
	timeSource func() time.Time
	scenarios  []faults.Source
	// errs are option mistakes (an unknown door, a scenario file that is
	// not there), reported by Start.
	errs []error
}

// WithConfig lets a test edit the configuration (auth, journal, vendor
// options...) by field. Listen addresses are always replaced by free ports.
func WithConfig(f func(*emulator.Config)) Option { return func(s *settings) { f(&s.cfg) } }

// WithConfigFile reads a configuration file as mqmock --config does
// (MQMOCK_* variables aside: Start reads nothing from the process), in
// place of the configuration so far: its accounts, their resources, vendor
// options. Options after it change it further.
func WithConfigFile(path string) Option {
	return func(s *settings) {
		cfg, err := emulator.LoadConfig(path, nil)
		if err != nil {
			s.errs = append(s.errs, fmt.Errorf("WithConfigFile: %w", err))
			return
		}
		s.cfg = cfg
	}
}

// WithoutVerify turns signature checking off.
func WithoutVerify() Option { return func(s *settings) { s.cfg.Auth.Verify = false } }

// Frozen gives the emulator a virtual clock that stands still unless the
// test advances it. The default clock runs with real time, which is what a
// user sees; a frozen one makes rate limits and token buckets refill only
// when the test says so, however slowly a -race run makes its calls.
func Frozen() Option {
	return func(s *settings) {
		base := time.Now()
		s.timeSource = func() time.Time { return base }
	}
}

// FrozenAt is Frozen with the virtual clock standing at the given instant.
func FrozenAt(at time.Time) Option {
	return func(s *settings) {
		s.timeSource = func() time.Time { return at }
	}
}

// WithRateLimits turns the vendors' documented rate limits on (limits.rateLimits).
func WithRateLimits() Option { return func(s *settings) { s.cfg.Limits.RateLimits = true } }

// WithTLS serves every front door over HTTPS with a certificate made at
// start for 127.0.0.1, ::1 and localhost; Env.CertificatePEM is what a
// client trusts, and Env.URL says https.
func WithTLS() Option { return func(s *settings) { s.cfg.TLS.Enabled = true } }

// WithOptions sets options of one front door (door is one of
// emulator.Names(): emulator.CMQ, emulator.TDMQ, …), as the door's section of
// the configuration file would, e.g. WithOptions(emulator.CMQ,
// map[string]any{"maxQueues": 10}). Keys given again replace earlier ones;
// the door checks them at Start.
func WithOptions(door string, opts map[string]any) Option {
	return func(s *settings) {
		v := section(&s.cfg, door)
		if v == nil {
			s.errs = append(s.errs, fmt.Errorf("WithOptions: unknown door %q (one of %s)", door, strings.Join(emulator.Names(), ", ")))
			return
		}
		if v.Options == nil {
			v.Options = map[string]any{}
		}
		for k, val := range opts {
			v.Options[k] = val
		}
	}
}

// section is a door's configuration section, nil for an unknown name.
func section(c *emulator.Config, door string) *config.Vendor {
	switch door {
	case emulator.CMQ:
		return &c.CMQ
	case emulator.TDMQ:
		return &c.TDMQ
	case emulator.ONS:
		return &c.ONS
	case emulator.MQTT:
		return &c.MQTT
	}
	return nil
}

// WithScenario loads a fault scenario document at start (YAML, as a
// scenario file holds); name is how errors and the control API call it.
// Scenarios load in the order given and, like start-up files, are what a
// reset returns to.
func WithScenario(name string, data []byte) Option {
	return func(s *settings) {
		s.scenarios = append(s.scenarios, faults.Source{Name: name, Data: append([]byte(nil), data...)})
	}
}

// WithScenarioFS loads the scenario files of fsys that match the patterns
// (fs.Glob patterns, in order; each must match a file), e.g.
// WithScenarioFS(scenarios.FS, "cmq-flaky-receive.yaml").
func WithScenarioFS(fsys fs.FS, patterns ...string) Option {
	return func(s *settings) {
		for _, p := range patterns {
			names, err := fs.Glob(fsys, p)
			if err == nil && len(names) == 0 {
				err = fmt.Errorf("no file matches %q", p)
			}
			if err != nil {
				s.errs = append(s.errs, fmt.Errorf("WithScenarioFS: %w", err))
				return
			}
			for _, n := range names {
				data, err := fs.ReadFile(fsys, n)
				if err != nil {
					s.errs = append(s.errs, fmt.Errorf("WithScenarioFS: %w", err))
					return
				}
				s.scenarios = append(s.scenarios, faults.Source{Name: n, Data: data})
			}
		}
	}
}

// Start starts an emulator for the test and stops it at cleanup.
func Start(t testing.TB, opts ...Option) *Env {
	t.Helper()
	// The Alibaba SDK honours HTTP(S)_PROXY even for loopback.
	st := settings{cfg: emulator.DefaultConfig()}
	for _, o := range opts {
		o(&st)
	}
	if len(st.errs) > 0 {
		t.Fatalf("emutest: %v", st.errs[0])
	}
	var build []emulator.Option
	if st.timeSource != nil {
		build = append(build, emulator.WithTimeSource(st.timeSource))
	}
	e, err := emulator.New(emulator.OnFreePorts(st.cfg), build...)
	if err != nil {
		t.Fatalf("emutest: %v", err)
	}
	if err := e.LoadScenarioSources(st.scenarios...); err != nil {
		t.Fatalf("emutest: %v", err)
	}
	if err := e.Start(); err != nil {
		t.Fatalf("emutest: %v", err)
	}
	e.MarkReady()
	t.Cleanup(func() {
		// By cleanup the test's calls are done. net/http waits up to 5 s for a
		// connection a client dialled but never used (pooled by an SDK), so a
		// short bound, after which the rest is closed, keeps cleanup fast.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = e.Shutdown(ctx)
	})
	env := &Env{Emulator: e, CMQ: e.Addr(emulator.CMQ), TDMQ: e.Addr(emulator.TDMQ), ONS: e.Addr(emulator.ONS), MQTT: e.Addr(emulator.MQTT)}
	accts := e.Accounts().All()
	if len(accts) > 0 {
		env.Default = publicAccount(accts[0])
	}
	if len(accts) > 1 {
		env.Other = publicAccount(accts[1])
	}
	return env
}

// Advance moves the emulator's virtual clock forward.
func (e *Env) Advance(d time.Duration) { e.Clock().Advance(d) }

// URL is the http:// base URL of a front door (emulator.CMQ, …).
func (e *Env) URL(door string) string { return e.Scheme() + "://" + e.Addr(door) }
