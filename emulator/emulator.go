// Package emulator owns one complete mqmock: the four vendor servers, the
// virtual clock, the journal, the accounts, the fault hook, and the control
// API mounted on every vendor port. Two Emulators in one process share
// nothing.
package emulator

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/journal"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is reported by the health endpoint.
const Version = "0.1.0"

// Emulator is one running mqmock.
type Emulator struct {
	cfg      config.Config
	version  string // health's version and commit (WithBuild)
	commit   string
	clock    *clock.Clock
	journal  *journal.Journal
	accounts *account.Registry
	logger   *slog.Logger
	specs    []doorSpec
	doors    map[string]*frontdoor.Door
	handlers map[string]http.Handler
	// faults is the fault engine, coverage counter and scenario watcher,
	// held as itself; override replaces it as the pipeline's fault hook
	// (SetFaultHook, for tests that need a hook of their own).
	faults   *faultState
	override atomic.Pointer[faultHook]
	tls      *serverTLS // nil: plain HTTP
	ready    atomic.Bool
	// streams counts the open journal streams; stopping is closed when a
	// shutdown begins, which ends them (they would hold it up otherwise).
	streams  atomic.Int64
	stopping chan struct{}
	stopOnce sync.Once
	// stateFile keeps the state across restarts; nil without state.file.
	stateFile *stateFile

	mu        sync.Mutex
	servers   map[string]*http.Server
	addrs     map[string]string
	listeners map[string]net.Listener
}

type faultHook struct{ hook pipeline.FaultHook }

// Option configures an Emulator.
type Option func(*options)

type options struct {
	timeSource func() time.Time // WithTimeSource; nil is the machine's
	logger     *slog.Logger
	version    string
	commit     string
}

// WithBuild names the build that health reports: the version and the
// commit it was built from (Version and "dev" when absent).
func WithBuild(version, commit string) Option {
	return func(o *options) { o.version, o.commit = version, commit }
}

// WithLogger supplies the logger (discarded when absent).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// Build is the version and commit health reports.
func (e *Emulator) Build() (version, commit string) { return e.version, e.commit }

// New builds an emulator from a validated configuration; nothing listens yet.
func New(conf Config, opts ...Option) (*Emulator, error) {
	cfg := config.Config(conf)
	o := options{}
	for _, opt := range opts {
		opt(&o)
	}
	if o.logger == nil {
		o.logger = slog.New(slog.DiscardHandler)
	}
	if o.version == "" {
		o.version = Version
	}
	if o.commit == "" {
		o.commit = "dev"
	}
	logger := o.logger
	virtual := o.clockOf(func(p any) {
		logger.Error("a scheduled task panicked; the emulator goes on", "panic", fmt.Sprint(p))
	})
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	reg, err := account.NewRegistry(cfg.AccountList())
	if err != nil {
		return nil, err
	}
	e := &Emulator{
		cfg: cfg, clock: virtual, journal: journal.NewBounded(journal.Limits{Entries: cfg.Journal.Size, Bytes: cfg.Journal.MaxBytes}), accounts: reg, logger: o.logger,
		specs: doorList(), doors: map[string]*frontdoor.Door{}, handlers: map[string]http.Handler{},
		servers: map[string]*http.Server{}, addrs: map[string]string{}, listeners: map[string]net.Listener{},
		stopping: make(chan struct{}), version: o.version, commit: o.commit,
	}
	envOf := func(name string) pipeline.Env {
		env := pipeline.Env{Clock: e.clock, Accounts: reg, Verify: cfg.Auth.Verify, RateLimits: cfg.Limits.RateLimits,
			Logger: o.logger.With("vendor", name)}
		for _, d := range e.specs {
			if d.Name == name {
				env.Options = d.section(&cfg).Options
			}
		}
		return env
	}
	shared := &products{envOf: envOf}
	for _, d := range e.specs {
		door, err := d.build(envOf(d.Name), shared)
		if err != nil {
			return nil, err
		}
		e.doors[d.Name] = door
	}
	e.faults = newFaultState(e.clock, e.specs, e.doors)
	if err := e.setUpTLS(); err != nil {
		return nil, err
	}
	for _, d := range e.specs {
		e.handlers[d.Name] = e.router(d, e.doors[d.Name])
	}
	if cfg.State.File != "" {
		if err := e.openStateFile(cfg.State.File, cfg.State.Interval); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// router mounts the control API and, for every other path, the door's
// pipeline.
func (e *Emulator) router(spec doorSpec, door *frontdoor.Door) http.Handler {
	name := spec.Name
	r := gin.New()
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	// The vendor API recovers in the pipeline (into the door's internal
	// error); a control endpoint that panics answers JSON like every other.
	r.Use(controlRecovery(e.logger))
	// A known control path with another method answers 405 with Allow.
	r.HandleMethodNotAllowed = true
	r.NoMethod(func(c *gin.Context) {
		controlapi.Fail(c, http.StatusMethodNotAllowed, c.Request.Method+" is not served at "+c.Request.URL.Path+" (Allow: "+c.Writer.Header().Get("Allow")+")")
	})
	// Health answers everyone, always: it is read-only, tells nothing
	// secret, and container health checks know no token.
	r.GET("/_mqmock/health", e.health)
	r.GET("/_mqmock/ca.pem", e.caPEM)
	control := r.Group("/_mqmock", e.guardControl())
	e.mountControl(control)
	e.mountUI(r)
	if door.Control != nil {
		door.Control(control.Group("/" + name))
	}
	api := pipeline.New(door.Frontend, pipeline.Hooks{
		Clock: e.clock, Journal: e.journal, Logger: e.logger.With("vendor", name), BodyTimeout: e.cfg.Server.BodyTimeout,
		Faults: func() pipeline.FaultHook {
			if o := e.override.Load(); o != nil {
				return o.hook
			}
			return e.faults
		},
		Observe:     e.faults.coverage.Observe,
		Misdirected: e.misdirected(spec),
	})
	r.NoRoute(func(c *gin.Context) {
		controlapi.Fail(c, http.StatusNotFound, "no control endpoint "+c.Request.Method+" "+c.Request.URL.Path)
	})
	return splitControl{control: r, api: api}
}

// splitControl sends the control API and the dashboard to gin and every
// other path straight to the door's pipeline: a vendor call then pays for
// no route lookup, no method-not-allowed scan of gin's trees and no second
// response writer (it was served as gin's 404 fallback before).
type splitControl struct {
	control, api http.Handler
}

func (s splitControl) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p := r.URL.Path; strings.HasPrefix(p, "/_mqmock/") || p == uiPath {
		s.control.ServeHTTP(w, r)
		return
	}
	s.api.ServeHTTP(w, r)
}

// Handler is the HTTP handler of one front door's port (API and control
// API).
func (e *Emulator) Handler(door string) http.Handler { return e.handlers[door] }

// Door returns a front door as assembled (for tests and the control API).
func (e *Emulator) Door(name string) *frontdoor.Door { return e.doors[name] }

// Clock is the emulator's virtual clock.
func (e *Emulator) Clock() *clock.Clock { return e.clock }

// Journal is the emulator's call journal.
func (e *Emulator) Journal() *journal.Journal { return e.journal }

// Accounts is the emulator's account registry.
func (e *Emulator) Accounts() *account.Registry { return e.accounts }

// Catalogues returns every front door's error catalogue.
func (e *Emulator) Catalogues() map[string]*apierr.Catalogue {
	out := map[string]*apierr.Catalogue{}
	for n, d := range e.doors {
		out[n] = d.Frontend.Catalogue()
	}
	return out
}

// SetFaultHook puts a hook of the caller's in the fault engine's place (a
// test that needs an effect no scenario can express); nil puts the engine
// back.
func (e *Emulator) SetFaultHook(h pipeline.FaultHook) {
	if h == nil {
		e.override.Store(nil)
		return
	}
	e.override.Store(&faultHook{hook: h})
}

// MarkReady makes the health endpoint report ready.
func (e *Emulator) MarkReady() { e.ready.Store(true) }

// address is where a door listens once started, else where it is
// configured to.
func (e *Emulator) address(d doorSpec) string {
	if a := e.Addr(d.Name); a != "" {
		return a
	}
	return e.listen(d)
}

// listen is the address a front door is configured to listen on.
func (e *Emulator) listen(d doorSpec) string { return d.section(&e.cfg).Listen }

// Start listens on every front door's address and serves in the
// background. Addresses with port 0 get a free port; Addr tells which.
func (e *Emulator) Start() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	// Plain TCP: Go's listeners default to MPTCP, which probes the kernel
	// and opens MPTCP sockets at every start (about 0.5 ms here) for
	// clients that connect over plain TCP anyway.
	var lc net.ListenConfig
	lc.SetMultipathTCP(false)
	for _, d := range e.specs {
		ln, err := lc.Listen(context.Background(), "tcp", e.listen(d))
		if err != nil {
			for _, l := range e.listeners {
				_ = l.Close()
			}
			return fmt.Errorf("%s: listen on %s: %w", d.Name, e.listen(d), err)
		}
		e.listeners[d.Name] = ln
		e.addrs[d.Name] = ln.Addr().String()
	}
	for _, d := range e.specs {
		name := d.Name
		// MaxHeaderBytes above the vendors' 1 MB request limit, so an oversized
		// GET query gets the vendor's own size error, not net/http's 431.
		srv := &http.Server{
			Handler: e.handlers[name], MaxHeaderBytes: 4 << 20,
			ReadHeaderTimeout: e.cfg.Server.BodyTimeout, IdleTimeout: e.cfg.Server.IdleTimeout,
			// net/http's own complaints (a TLS handshake a client gave up,
			// plain HTTP to a TLS port) are the client's doing: debug.
			ErrorLog: slog.NewLogLogger(e.logger.With("vendor", name).Handler(), slog.LevelDebug),
		}
		e.servers[name] = srv
		var ln net.Listener = newCapListener(e.listeners[name], maxConnections(e.cfg.Server.MaxConnections, len(e.specs)), func() {
			e.logger.Warn("connection refused: the port holds server.maxConnections already", "vendor", name)
		})
		if e.tls != nil {
			ln = tls.NewListener(ln, e.tls.config)
		}
		e.logger.Info("listening", "vendor", name, "addr", e.addrs[name], "protocol", d.Protocol)
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				e.logger.Error("server stopped", "vendor", name, "err", err)
			}
		}()
	}
	e.startStateLoop()
	return nil
}

// Addr is the address a front door listens on once started.
func (e *Emulator) Addr(door string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.addrs[door]
}

// Shutdown stops accepting, waits for in-flight calls until ctx ends, then
// closes what is left, writes the state file (a *StateSaveError when it
// cannot) and stops the clock's timers.
func (e *Emulator) Shutdown(ctx context.Context) error {
	e.stopOnce.Do(func() { close(e.stopping) })
	e.mu.Lock()
	servers := make([]*http.Server, 0, len(e.servers))
	for _, s := range e.servers {
		servers = append(servers, s)
	}
	e.servers = map[string]*http.Server{}
	e.mu.Unlock()
	var wg sync.WaitGroup
	errs := make([]error, len(servers))
	for i, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Shutdown(ctx); err != nil {
				errs[i] = err
				_ = s.Close()
			}
		}()
	}
	// Listeners are closed by now or about to be; end what vendors hold open
	// so the in-flight calls Shutdown waits for can answer.
	for _, d := range e.doors {
		d.Close()
	}
	wg.Wait()
	// Every call has answered: the state written now is the last one.
	errs = append(errs, e.closeStateFile())
	e.closeFaults()
	e.removeCAFile()
	e.clock.Close()
	return errors.Join(errs...)
}

// Reset empties the state of the products behind one front door ("" =
// all) and, for all, the emulator-wide state: journal, clock offset, and
// fault rules back to the start-up scenarios. The start-up configuration
// (accounts, instances, scenario files) is what a reset returns to.
func (e *Emulator) Reset(door string) error { return e.reset(door, false) }

// ResetAll is Reset("") that also clears the start-up scenarios: no fault
// rule is left in force.
func (e *Emulator) ResetAll() { _ = e.reset("", true) }

func (e *Emulator) reset(door string, clearScenarios bool) error {
	if door != "" {
		d, err := e.door(door)
		if err != nil {
			return err
		}
		d.Reset()
		return nil
	}
	for _, d := range e.doors {
		d.Reset()
	}
	e.journal.Reset()
	e.clock.Reset()
	e.resetFaults(clearScenarios)
	return nil
}

// door finds a front door by name, or says which names there are.
func (e *Emulator) door(name string) (*frontdoor.Door, error) {
	d, ok := e.doors[name]
	if !ok {
		return nil, fmt.Errorf("unknown vendor %q (one of %s)", name, strings.Join(Names(), ", "))
	}
	return d, nil
}
