package emulator

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// This file is the emulator's seam for the fault engine (faults/): the
// scenario and coverage endpoints, start-up scenario loading with reload on
// change, and what a reset clears. Neither the engine nor this file names a
// vendor: each vendor says what it throttles with.

// faultVendor says what the fault engine needs to know about a vendor
// beyond its catalogue, asking the vendor itself: the rows a `throttle:`
// effect answers with and the values a rule's `service:` may take.
func faultVendor(name string, v pipeline.Vendor) faults.Vendor {
	fv := faults.Vendor{Name: name, Catalogue: v.Catalogue()}
	if t, ok := v.(Throttler); ok {
		def, byAction := t.Throttling()
		fv.Throttle = def.Name
		fv.ThrottleByAction = map[string]string{}
		for action, d := range byAction {
			fv.ThrottleByAction[action] = d.Name
		}
	}
	if s, ok := v.(ServiceLister); ok {
		fv.Services = s.Services()
	}
	if l, ok := v.(ActionLister); ok {
		fv.Actions = l.ActionNames()
	}
	return fv
}

// Throttler is implemented by vendors with a documented flow-control error:
// the row a rate limit answers with, and the actions with a row of their own
// (MQTT's ApplyToken). The vendor's own rate limits use the same rows.
type Throttler interface {
	Throttling() (*apierr.Def, map[string]*apierr.Def)
}

// ServiceLister is implemented by vendors serving several APIs on one port
// (TDMQ: tdmq and trocket); a rule's `service:` must name one of them.
type ServiceLister interface {
	Services() []string
}

// ActionLister is implemented by vendors that can list the actions they
// serve; scenarios naming another action of such a vendor fail to load.
type ActionLister interface {
	ActionNames() []string
}

// putSource names documents loaded through the control API in messages and
// in GET /_mqmock/scenario.
const putSource = "PUT /_mqmock/scenario"

// maxScenarioBody bounds a PUT body.
const maxScenarioBody = 1 << 20

// faultState is the emulator's fault engine, coverage counter and scenario
// file watcher. It is installed as the pipeline's fault hook, which is also
// where the emulator keeps it.
type faultState struct {
	engine   *faults.Engine
	coverage *faults.Coverage

	mu      sync.Mutex
	watcher *faults.Watcher
	// reloaded is told the outcome of every reload of a changed file
	// (tests wait on it instead of sleeping).
	reloaded func(error)
}

// Apply implements pipeline.FaultHook.
func (s *faultState) Apply(call *pipeline.Call) *pipeline.Effect { return s.engine.Apply(call) }

// initFaults builds the fault engine and the coverage counter once the
// vendors (and so their catalogues) exist, before any route is mounted.
func (e *Emulator) initFaults() error {
	var vs []faults.Vendor
	cats := map[string]*apierr.Catalogue{}
	for _, name := range Vendors() {
		v := e.vendors[name]
		cats[name] = v.Catalogue()
		vs = append(vs, faultVendor(name, v))
	}
	st := &faultState{engine: faults.NewEngine(e.clock, vs...), coverage: faults.NewCoverage(Vendors(), cats)}
	e.SetFaultHook(st)
	e.SetObserver(st.coverage.Observe)
	return nil
}

// faultState returns the state initFaults installed.
func (e *Emulator) faultState() *faultState {
	if h := e.faults.Load(); h != nil {
		if st, ok := h.hook.(*faultState); ok {
			return st
		}
	}
	return nil
}

// mountFaults registers /_mqmock/scenario and /_mqmock/coverage.
func (e *Emulator) mountFaults(g *gin.RouterGroup) {
	st := e.faultState()
	g.GET("/scenario", func(c *gin.Context) { c.JSON(http.StatusOK, st.engine.Snapshot()) })
	g.PUT("/scenario", func(c *gin.Context) { e.putScenario(c, st) })
	g.DELETE("/scenario", func(c *gin.Context) {
		st.engine.Clear()
		e.logger.Info("fault scenario cleared through the control API")
		c.JSON(http.StatusOK, st.engine.Snapshot())
	})
	g.GET("/coverage", func(c *gin.Context) { e.coverage(c, st) })
}

func (e *Emulator) putScenario(c *gin.Context, st *faultState) {
	if ct := c.GetHeader("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !scenarioMediaType(mt) {
			controlError(c, http.StatusUnsupportedMediaType, "the scenario must be YAML (application/yaml, application/x-yaml, text/yaml) or JSON (application/json), not "+ct)
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxScenarioBody+1))
	if err != nil {
		controlError(c, http.StatusBadRequest, "could not read the scenario body: "+err.Error())
		return
	}
	if len(body) > maxScenarioBody {
		controlError(c, http.StatusRequestEntityTooLarge, "the scenario is larger than 1 MB")
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		controlError(c, http.StatusBadRequest, "the scenario body is empty; use DELETE /_mqmock/scenario to clear the active scenario")
		return
	}
	src := faults.Source{Name: putSource, Data: body}
	if dry, _ := strconv.ParseBool(c.Query("dryRun")); dry {
		// Check only (a CI step can vet a scenario file before a run).
		if err := st.engine.Validate(src); err != nil {
			controlError(c, http.StatusBadRequest, err.Error())
			return
		}
		c.JSON(http.StatusOK, gin.H{"valid": true})
		return
	}
	if err := st.engine.Replace(src); err != nil {
		controlError(c, http.StatusBadRequest, err.Error()+"; the active scenario is unchanged")
		return
	}
	e.logger.Info("fault scenario replaced through the control API")
	c.JSON(http.StatusOK, st.engine.Snapshot())
}

func scenarioMediaType(mt string) bool {
	switch mt {
	case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain":
		return true
	}
	return false
}

func (e *Emulator) coverage(c *gin.Context, st *faultState) {
	vendor := c.Query("vendor")
	rep, ok := st.coverage.Report(vendor)
	if !ok {
		controlError(c, http.StatusBadRequest, "unknown vendor \""+vendor+"\" (one of cmq, tdmq, ons, mqtt)")
		return
	}
	switch f := c.DefaultQuery("format", "json"); f {
	case "json":
		c.JSON(http.StatusOK, rep)
	case "text":
		var b strings.Builder
		_ = rep.WriteText(&b, Vendors())
		c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
	default:
		controlError(c, http.StatusBadRequest, "format must be json or text, not \""+f+"\"")
	}
}

// LoadScenarios loads the start-up scenario files, before the emulator
// reports ready, and reloads them whenever one changes on disk. Files are
// concatenated in order: the first matching rule of the first file wins.
// A bad file fails the start; a bad edit later is refused and logged, and
// the rules in force stay.
func (e *Emulator) LoadScenarios(paths []string) error {
	st := e.faultState()
	if st == nil {
		return errors.New("the fault engine is not installed")
	}
	if len(paths) == 0 {
		return nil
	}
	sources, err := faults.ReadFiles(paths)
	if err != nil {
		return err
	}
	if err := st.engine.Replace(sources...); err != nil {
		return err
	}
	e.logger.Info("fault scenarios loaded", "files", paths)
	w, err := faults.Watch(paths, faults.DefaultDebounce, func() { e.reloadScenarios(st, paths) })
	if err != nil {
		// The rules are in force; only the reload on change is lost.
		e.logger.Warn("scenario files will not be reloaded on change", "err", err)
		return nil
	}
	st.mu.Lock()
	old := st.watcher
	st.watcher = w
	st.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	return nil
}

// reloadScenarios re-reads every start-up file after one changed. It is all
// or nothing: one bad file keeps every rule as it was.
func (e *Emulator) reloadScenarios(st *faultState, paths []string) {
	sources, err := faults.ReadFiles(paths)
	if err == nil {
		err = st.engine.Reload(sources...)
	}
	if err != nil {
		e.logger.Error("scenario change refused; the rules in force stay", "err", err)
	} else {
		e.logger.Info("fault scenarios reloaded", "files", paths)
	}
	st.mu.Lock()
	notify := st.reloaded
	st.mu.Unlock()
	if notify != nil {
		notify(err)
	}
}

// resetFaults clears the active scenario, its counters and coverage. The
// start-up files stay watched: editing one loads it again.
func (e *Emulator) resetFaults() {
	if st := e.faultState(); st != nil {
		st.engine.Clear()
		st.coverage.Reset()
	}
}

// closeFaults stops watching scenario files (Shutdown).
func (e *Emulator) closeFaults() {
	st := e.faultState()
	if st == nil {
		return
	}
	st.mu.Lock()
	w := st.watcher
	st.watcher = nil
	st.mu.Unlock()
	if w != nil {
		_ = w.Close()
	}
}
