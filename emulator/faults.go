package emulator

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// This file is the emulator's seam for the fault engine (faults/): the
// scenario and coverage endpoints, start-up scenario loading with reload on
// change, and what a reset clears. Neither the engine nor this file names a
// front door: each door says what it throttles with, from its action rows.

// faultDoor says what the fault engine needs to know about a front door
// beyond its catalogue: the rows a `throttle:` effect answers with (the
// definitions the products' own rate limits answer with), the values a
// rule's `service:` may take, and the actions served.
func faultDoor(name string, d *frontdoor.Door) faults.Vendor {
	fv := faults.Vendor{Name: name, Catalogue: d.Frontend.Catalogue(), Services: d.Services, Actions: d.Actions()}
	def, byAction := d.Throttling()
	fv.Throttle = def
	fv.ThrottleByAction = byAction
	return fv
}

// refusedReload says when and why a changed scenario file was refused.
type refusedReload struct {
	At    time.Time `json:"at"`
	Error string    `json:"error"`
}

// scenarioView is GET /_mqmock/scenario: the rules in force, and the last
// refused reload, which otherwise only the log would tell.
type scenarioView struct {
	faults.Snapshot
	LastRefusedReload *refusedReload `json:"lastRefusedReload,omitempty"`
}

func (s *faultState) view() scenarioView {
	s.mu.Lock()
	defer s.mu.Unlock()
	return scenarioView{Snapshot: s.engine.Snapshot(), LastRefusedReload: s.refused}
}

// putSource names documents loaded through the control API in messages and
// in GET /_mqmock/scenario.
const putSource = "PUT /_mqmock/scenario"

// postSource names documents added through the control API.
const postSource = "POST /_mqmock/scenario"

// maxScenarioBody bounds a PUT body.
const maxScenarioBody = 1 << 20

// faultState is the emulator's fault engine, coverage counter and scenario
// file watcher; it is the pipeline's fault hook.
type faultState struct {
	engine   *faults.Engine
	coverage *faults.Coverage

	mu      sync.Mutex
	watcher *faults.Watcher
	// startup are the start-up documents in force: the files' as last
	// loaded, then given (LoadScenarioSources); what a reset restores.
	startup []faults.Source
	// given are the documents LoadScenarioSources was handed, kept after
	// the files' whenever those are loaded or reloaded.
	given []faults.Source
	// refused is the last reload of a changed file that was refused (nil
	// when the latest one was accepted).
	refused *refusedReload
	// reloaded is told the outcome of every reload of a changed file
	// (tests wait on it instead of sleeping).
	reloaded func(error)
}

// Apply implements pipeline.FaultHook.
func (s *faultState) Apply(call *pipeline.Call) *pipeline.Effect { return s.engine.Apply(call) }

// newFaultState builds the fault engine and the coverage counter once the
// doors (and so their catalogues) exist, before any route is mounted.
func newFaultState(c *clock.Clock, specs []doorSpec, doors map[string]*frontdoor.Door) *faultState {
	var vs []faults.Vendor
	names := make([]string, 0, len(specs))
	cats := map[string]*apierr.Catalogue{}
	for _, d := range specs {
		door := doors[d.Name]
		names = append(names, d.Name)
		cats[d.Name] = door.Frontend.Catalogue()
		vs = append(vs, faultDoor(d.Name, door))
	}
	return &faultState{engine: faults.NewEngine(c, vs...), coverage: faults.NewCoverage(names, cats)}
}

// mountFaults registers /_mqmock/scenario (and its switch) and
// /_mqmock/coverage.
func (e *Emulator) mountFaults(g *gin.RouterGroup) {
	st := e.faults
	g.GET("/scenario", func(c *gin.Context) { c.JSON(http.StatusOK, st.view()) })
	g.PUT("/scenario", func(c *gin.Context) { e.putScenario(c, st, false) })
	g.POST("/scenario", func(c *gin.Context) { e.putScenario(c, st, true) })
	g.POST("/scenario/switch", func(c *gin.Context) { e.switchRule(c, st) })
	g.DELETE("/scenario", func(c *gin.Context) {
		st.engine.Clear()
		e.logger.Info("fault scenario cleared through the control API")
		c.JSON(http.StatusOK, st.engine.Snapshot())
	})
	g.GET("/coverage", func(c *gin.Context) { e.coverage(c, st) })
}

// putScenario is PUT /_mqmock/scenario, which replaces the rules in force,
// and with add POST /_mqmock/scenario, which appends the document's rules
// to them (counters and switches kept); ?dryRun=true checks either without
// changing anything.
func (e *Emulator) putScenario(c *gin.Context, st *faultState, add bool) {
	if ct := c.GetHeader("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !scenarioMediaType(mt) {
			controlapi.Fail(c, http.StatusUnsupportedMediaType, "the scenario must be YAML (application/yaml, application/x-yaml, text/yaml) or JSON (application/json), not "+ct)
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxScenarioBody+1))
	if err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "could not read the scenario body: "+err.Error())
		return
	}
	if len(body) > maxScenarioBody {
		controlapi.Fail(c, http.StatusRequestEntityTooLarge, "the scenario is larger than 1 MB")
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		controlapi.Fail(c, http.StatusBadRequest, "the scenario body is empty; use DELETE /_mqmock/scenario to clear the active scenario")
		return
	}
	src := faults.Source{Name: putSource, Data: body}
	validate, apply, did := st.engine.Validate, st.engine.Replace, "replaced"
	if add {
		src.Name = postSource
		validate, apply, did = st.engine.ValidateAdd, st.engine.Add, "added to"
	}
	if dry, _ := strconv.ParseBool(c.Query("dryRun")); dry {
		// Check only (a CI step can vet a scenario file before a run; the
		// dashboard checks a rule before it adds it).
		if err := validate(src); err != nil {
			controlapi.Fail(c, http.StatusBadRequest, err.Error())
			return
		}
		c.JSON(http.StatusOK, gin.H{"valid": true})
		return
	}
	if err := apply(src); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, err.Error()+"; the active scenario is unchanged")
		return
	}
	e.logger.Info("fault scenario " + did + " through the control API")
	c.JSON(http.StatusOK, st.engine.Snapshot())
}

// switchRule is POST /_mqmock/scenario/switch {"rule":"name","enabled":false}:
// a rule switched off is passed by until it is switched on again; it
// answers the rule as GET /_mqmock/scenario shows it.
func (e *Emulator) switchRule(c *gin.Context, st *faultState) {
	var req struct {
		Rule    string `json:"rule"`
		Enabled *bool  `json:"enabled"`
	}
	if err := controlapi.DecodeJSON(c, &req); err != nil || req.Rule == "" || req.Enabled == nil {
		controlapi.Fail(c, http.StatusBadRequest, "body must be JSON like {\"rule\":\"receive-fails-twice\",\"enabled\":false}")
		return
	}
	if err := st.engine.SetEnabled(req.Rule, *req.Enabled); err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	e.logger.Info("fault rule switched through the control API", "rule", req.Rule, "enabled", *req.Enabled)
	for _, r := range st.engine.Snapshot().Rules {
		if r.Name == req.Rule {
			c.JSON(http.StatusOK, r)
			return
		}
	}
	// Replaced between the two steps: say what is true now.
	controlapi.Fail(c, http.StatusConflict, "the rule was replaced while it was switched; read GET /_mqmock/scenario")
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
		controlapi.Fail(c, http.StatusBadRequest, "unknown vendor \""+vendor+"\" (one of "+strings.Join(Names(), ", ")+")")
		return
	}
	switch f := c.DefaultQuery("format", "json"); f {
	case "json":
		c.JSON(http.StatusOK, rep)
	case "text":
		var b strings.Builder
		_ = rep.WriteText(&b, Names())
		c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
	default:
		controlapi.Fail(c, http.StatusBadRequest, "format must be json or text, not \""+f+"\"")
	}
}

// LoadScenarios loads the start-up scenario files, before the emulator
// reports ready, and reloads them whenever one changes on disk. Files are
// concatenated in order: the first matching rule of the first file wins.
// A bad file fails the start; a bad edit later is refused and logged, and
// the rules in force stay.
func (e *Emulator) LoadScenarios(paths []string) error {
	st := e.faults
	if len(paths) == 0 {
		return nil
	}
	files, err := faults.ReadFiles(paths)
	if err != nil {
		return err
	}
	st.mu.Lock()
	sources := append(files, st.given...)
	st.mu.Unlock()
	if err := st.engine.Replace(sources...); err != nil {
		return err
	}
	st.mu.Lock()
	st.startup = sources
	st.mu.Unlock()
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

// LoadScenarioSources loads start-up scenarios given as documents rather
// than files (bytes a test holds, or files of an fs.FS such as
// scenarios.FS): they come after the start-up files and any given before,
// in order, stay when a changed file is reloaded, and, like start-up files,
// are what a reset returns to. Nothing is watched. A bad document loads nothing and names the source at fault.
func (e *Emulator) LoadScenarioSources(sources ...faults.Source) error {
	st := e.faults
	if len(sources) == 0 {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	all := append(append([]faults.Source(nil), st.startup...), sources...)
	if err := st.engine.Replace(all...); err != nil {
		return err
	}
	st.startup = all
	st.given = append(st.given, sources...)
	names := make([]string, len(sources))
	for i, s := range sources {
		names[i] = s.Name
	}
	e.logger.Info("fault scenarios loaded", "sources", names)
	return nil
}

// reloadScenarios re-reads every start-up file after one changed. It is all
// or nothing: one bad file keeps every rule as it was.
func (e *Emulator) reloadScenarios(st *faultState, paths []string) {
	sources, err := faults.ReadFiles(paths)
	if err == nil {
		st.mu.Lock()
		sources = append(sources, st.given...)
		st.mu.Unlock()
		err = st.engine.Reload(sources...)
	}
	st.mu.Lock()
	if err != nil {
		st.refused = &refusedReload{At: time.Now().UTC(), Error: err.Error()}
	} else {
		st.refused, st.startup = nil, sources
	}
	notify := st.reloaded
	st.mu.Unlock()
	if err != nil {
		e.logger.Error("scenario change refused; the rules in force stay", "err", err)
	} else {
		e.logger.Info("fault scenarios reloaded", "files", paths)
	}
	if notify != nil {
		notify(err)
	}
}

// resetFaults puts the start-up scenarios back in force with fresh
// counters (rules added through the control API go), or with clear none at
// all; coverage starts again. The start-up files stay watched.
func (e *Emulator) resetFaults(clear bool) {
	st := e.faults
	st.mu.Lock()
	startup := st.startup
	st.mu.Unlock()
	if clear || len(startup) == 0 {
		st.engine.Clear()
	} else if err := st.engine.Replace(startup...); err != nil {
		// They loaded before; only a bug makes them fail now.
		e.logger.Error("start-up scenarios could not be restored", "err", err)
		st.engine.Clear()
	}
	st.coverage.Reset()
}

// closeFaults stops watching scenario files (Shutdown).
func (e *Emulator) closeFaults() {
	st := e.faults
	st.mu.Lock()
	w := st.watcher
	st.watcher = nil
	st.mu.Unlock()
	if w != nil {
		_ = w.Close()
	}
}
