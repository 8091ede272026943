// Package emulator owns one complete mqmock: the four vendor servers, the
// virtual clock, the journal, the accounts, the fault hook, and the control
// API mounted on every vendor port. Two Emulators in one process share
// nothing.
package emulator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/mqtt"
	"github.com/mqmock/mqmock/emulator/ons"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/journal"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is reported by the health endpoint.
const Version = "0.1.0"

// Vendors lists the vendors in a fixed order (ports 9101..9104). It returns
// a fresh slice: no caller can change another's view.
func Vendors() []string { return []string{"cmq", "tdmq", "ons", "mqtt"} }

func init() {
	// gin's debug mode prints every route at start; the emulator logs through
	// slog instead. Set once, before any emulator exists.
	gin.SetMode(gin.ReleaseMode)
}

// Emulator is one running mqmock.
type Emulator struct {
	cfg      config.Config
	clock    *clock.Clock
	journal  *journal.Journal
	accounts *account.Registry
	logger   *slog.Logger
	vendors  map[string]pipeline.Vendor
	handlers map[string]http.Handler
	faults   atomic.Pointer[faultHolder]
	observe  atomic.Pointer[pipeline.Observer]
	ready    atomic.Bool

	mu        sync.Mutex
	servers   map[string]*http.Server
	addrs     map[string]string
	listeners map[string]net.Listener
}

type faultHolder struct{ hook pipeline.FaultHook }

// Option configures an Emulator.
type Option func(*options)

type options struct {
	clock  *clock.Clock
	logger *slog.Logger
}

// WithClock supplies the virtual clock (emutest shares it with the test).
func WithClock(c *clock.Clock) Option { return func(o *options) { o.clock = c } }

// WithLogger supplies the logger (discarded when absent).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// New builds an emulator from a validated configuration; nothing listens yet.
func New(cfg config.Config, opts ...Option) (*Emulator, error) {
	o := options{}
	for _, opt := range opts {
		opt(&o)
	}
	if o.logger == nil {
		o.logger = slog.New(slog.DiscardHandler)
	}
	if o.clock == nil {
		logger := o.logger
		o.clock = clock.New(clock.WithPanicHandler(func(p any) {
			logger.Error("a scheduled task panicked; the emulator goes on", "panic", fmt.Sprint(p))
		}))
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	reg, err := account.NewRegistry(cfg.AccountList())
	if err != nil {
		return nil, err
	}
	e := &Emulator{
		cfg: cfg, clock: o.clock, journal: journal.New(cfg.Journal.Size), accounts: reg, logger: o.logger,
		vendors: map[string]pipeline.Vendor{}, handlers: map[string]http.Handler{},
		servers: map[string]*http.Server{}, addrs: map[string]string{}, listeners: map[string]net.Listener{},
	}
	builders := map[string]struct {
		section config.Vendor
		build   func(pipeline.Env) (pipeline.Vendor, error)
	}{
		"cmq":  {cfg.CMQ, func(env pipeline.Env) (pipeline.Vendor, error) { return cmq.New(env) }},
		"tdmq": {cfg.TDMQ, func(env pipeline.Env) (pipeline.Vendor, error) { return tdmq.New(env) }},
		"ons":  {cfg.ONS, func(env pipeline.Env) (pipeline.Vendor, error) { return ons.New(env) }},
		"mqtt": {cfg.MQTT, func(env pipeline.Env) (pipeline.Vendor, error) { return mqtt.New(env) }},
	}
	for _, name := range Vendors() {
		b := builders[name]
		v, err := b.build(pipeline.Env{
			Clock: e.clock, Accounts: reg, Verify: cfg.Auth.Verify, RateLimits: cfg.Limits.RateLimits,
			Logger: o.logger.With("vendor", name), Options: b.section.Options,
		})
		if err != nil {
			return nil, err
		}
		e.vendors[name] = v
	}
	if err := e.initFaults(); err != nil {
		return nil, err
	}
	for _, name := range Vendors() {
		e.handlers[name] = e.router(name, e.vendors[name])
	}
	return e, nil
}

// router mounts the control API and, for every other path, the vendor's
// pipeline.
func (e *Emulator) router(name string, v pipeline.Vendor) http.Handler {
	r := gin.New()
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	// The vendor API recovers in the pipeline (into the vendor's internal
	// error); a control endpoint that panics answers JSON like every other.
	r.Use(controlRecovery(e.logger))
	e.mountControl(r.Group("/_mqmock"))
	if c, ok := v.(Controller); ok {
		c.Control(r.Group("/_mqmock/" + name))
	}
	api := pipeline.New(v, pipeline.Hooks{
		Clock: e.clock, Journal: e.journal, Logger: e.logger.With("vendor", name),
		Faults: func() pipeline.FaultHook {
			if h := e.faults.Load(); h != nil {
				return h.hook
			}
			return nil
		},
		Observe: func(call *pipeline.Call, err *apierr.Error) {
			if o := e.observe.Load(); o != nil {
				(*o)(call, err)
			}
		},
	})
	r.NoRoute(func(c *gin.Context) {
		if len(c.Request.URL.Path) >= len("/_mqmock/") && c.Request.URL.Path[:len("/_mqmock/")] == "/_mqmock/" {
			controlError(c, http.StatusNotFound, "no control endpoint "+c.Request.Method+" "+c.Request.URL.Path)
			return
		}
		api.ServeHTTP(c.Writer, c.Request)
	})
	return r
}

// Closer is implemented by vendors holding calls open (CMQ's long polls):
// Shutdown closes them so in-flight calls can finish at once.
type Closer interface {
	Close()
}

// Controller is implemented by vendors with control endpoints of their own,
// mounted under /_mqmock/<vendor>/.
type Controller interface {
	Control(g *gin.RouterGroup)
}

// Handler is the HTTP handler of one vendor's port (API and control API).
func (e *Emulator) Handler(vendor string) http.Handler { return e.handlers[vendor] }

// Vendor returns a vendor server (for tests and the control API).
func (e *Emulator) Vendor(name string) pipeline.Vendor { return e.vendors[name] }

// Clock is the emulator's virtual clock.
func (e *Emulator) Clock() *clock.Clock { return e.clock }

// Journal is the emulator's call journal.
func (e *Emulator) Journal() *journal.Journal { return e.journal }

// Accounts is the emulator's account registry.
func (e *Emulator) Accounts() *account.Registry { return e.accounts }

// Catalogues returns every vendor's error catalogue.
func (e *Emulator) Catalogues() map[string]*apierr.Catalogue {
	out := map[string]*apierr.Catalogue{}
	for n, v := range e.vendors {
		out[n] = v.Catalogue()
	}
	return out
}

// SetFaultHook installs (or, with nil, removes) the fault hook.
func (e *Emulator) SetFaultHook(h pipeline.FaultHook) {
	if h == nil {
		e.faults.Store(nil)
		return
	}
	e.faults.Store(&faultHolder{hook: h})
}

// SetObserver installs a function told the outcome of every call.
func (e *Emulator) SetObserver(o pipeline.Observer) { e.observe.Store(&o) }

// MarkReady makes the health endpoint report ready.
func (e *Emulator) MarkReady() { e.ready.Store(true) }

// Start listens on every vendor's address and serves in the background.
// Addresses with port 0 get a free port; Addr tells which.
func (e *Emulator) Start() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	listen := map[string]string{"cmq": e.cfg.CMQ.Listen, "tdmq": e.cfg.TDMQ.Listen, "ons": e.cfg.ONS.Listen, "mqtt": e.cfg.MQTT.Listen}
	for _, name := range Vendors() {
		ln, err := net.Listen("tcp", listen[name])
		if err != nil {
			for _, l := range e.listeners {
				_ = l.Close()
			}
			return fmt.Errorf("%s: listen on %s: %w", name, listen[name], err)
		}
		e.listeners[name] = ln
		e.addrs[name] = ln.Addr().String()
	}
	for _, name := range Vendors() {
		// MaxHeaderBytes above the vendors' 1 MB request limit, so an oversized
		// GET query gets the vendor's own size error, not net/http's 431.
		srv := &http.Server{Handler: e.handlers[name], ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 4 << 20}
		e.servers[name] = srv
		go func(ln net.Listener) {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				e.logger.Error("server stopped", "vendor", name, "err", err)
			}
		}(e.listeners[name])
	}
	return nil
}

// Addr is the address a vendor listens on once started.
func (e *Emulator) Addr(vendor string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.addrs[vendor]
}

// Shutdown stops accepting, waits for in-flight calls until ctx ends, then
// closes what is left and stops the clock's timers.
func (e *Emulator) Shutdown(ctx context.Context) error {
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
	for _, v := range e.vendors {
		if c, ok := v.(Closer); ok {
			c.Close()
		}
	}
	wg.Wait()
	e.closeFaults()
	e.clock.Close()
	return errors.Join(errs...)
}

// Reset empties the state of one vendor ("" = all) and the emulator-wide
// state: journal and clock offset. Configured accounts and instances stay.
func (e *Emulator) Reset(vendor string) error {
	if vendor != "" {
		v, ok := e.vendors[vendor]
		if !ok {
			return fmt.Errorf("unknown vendor %q (one of cmq, tdmq, ons, mqtt)", vendor)
		}
		v.Reset()
		return nil
	}
	for _, v := range e.vendors {
		v.Reset()
	}
	e.journal.Reset()
	e.clock.Reset()
	e.resetFaults()
	return nil
}
