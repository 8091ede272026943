// Package emutest starts a complete mqmock inside a Go test, the way
// net/http/httptest starts a server: all four vendors on free loopback ports,
// a virtual clock the test controls, ready credentials, and everything
// stopped at test cleanup.
package emutest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
)

// Env is a running emulator and what a test needs to reach it.
type Env struct {
	*emulator.Emulator
	// Host:port of each vendor, e.g. "127.0.0.1:41234".
	CMQ, TDMQ, ONS, MQTT string
	// Default and Other are the two built-in accounts (unless accounts were
	// configured with WithConfig).
	Default, Other *account.Account
}

// Option adjusts the emulator before it starts.
type Option func(*settings)

type settings struct {
	cfg   config.Config
	clock *clock.Clock
}

// WithConfig lets a test edit the configuration (accounts, auth, vendor
// options...). Listen addresses are always replaced by free ports.
func WithConfig(f func(*config.Config)) Option { return func(s *settings) { f(&s.cfg) } }

// WithoutVerify turns signature checking off.
func WithoutVerify() Option { return func(s *settings) { s.cfg.Auth.Verify = false } }

// WithClock supplies the emulator's virtual clock.
func WithClock(c *clock.Clock) Option { return func(s *settings) { s.clock = c } }

// Frozen gives the emulator a virtual clock that stands still unless the
// test advances it. The default clock runs with real time, which is what a
// user sees; a frozen one makes rate limits and token buckets refill only
// when the test says so, however slowly a -race run makes its calls.
func Frozen() Option {
	return func(s *settings) {
		base := time.Now()
		s.clock = clock.New(clock.WithRealTime(func() time.Time { return base }))
	}
}

// Start starts an emulator for the test and stops it at cleanup.
func Start(t testing.TB, opts ...Option) *Env {
	t.Helper()
	// The Alibaba SDK honours HTTP(S)_PROXY even for loopback.
	_ = os.Setenv("NO_PROXY", "127.0.0.1,localhost")
	st := settings{cfg: config.Default()}
	for _, o := range opts {
		o(&st)
	}
	if st.clock == nil {
		st.clock = clock.New()
	}
	e, err := emulator.New(emulator.OnFreePorts(st.cfg), emulator.WithClock(st.clock))
	if err != nil {
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
		env.Default = accts[0]
	}
	if len(accts) > 1 {
		env.Other = accts[1]
	}
	return env
}

// Advance moves the emulator's virtual clock forward.
func (e *Env) Advance(d time.Duration) { e.Clock().Advance(d) }

// URL is the http:// base URL of a front door (emulator.CMQ, …).
func (e *Env) URL(door string) string { return e.Scheme() + "://" + e.Addr(door) }
