package emulator

import (
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/internal/jsonstream"
)

// mountControl registers the control API (design.md "Control API").
func (e *Emulator) mountControl(g *gin.RouterGroup) {
	g.POST("/reset", e.postReset)
	g.GET("/state", e.state)
	g.GET("/journal", e.listJournal)
	g.GET("/journal/stream", e.streamJournal)
	g.GET("/doors", e.listDoors)
	g.GET("/accounts", e.listAccounts)
	g.GET("/scenarios", e.listReadyScenarios)
	g.GET("/scenarios/:file", e.readyScenario)
	g.GET("/clock", e.getClock)
	g.POST("/clock", e.moveClock)
	g.GET("/snapshot", e.getSnapshot)
	g.PUT("/snapshot", e.putSnapshot)
	e.mountFaults(g)
}

// controlRecovery turns a panicking control endpoint into a JSON 500.
func controlRecovery(logger *slog.Logger) gin.HandlerFunc {
	return gin.CustomRecovery(func(c *gin.Context, p any) {
		logger.Error("control endpoint panicked", "path", c.Request.URL.Path, "panic", fmt.Sprint(p))
		controlapi.Fail(c, http.StatusInternalServerError, "internal error in the control API")
	})
}

func (e *Emulator) health(c *gin.Context) {
	vendors := gin.H{}
	for _, d := range e.specs {
		vendors[d.Name] = gin.H{"listen": e.address(d)}
	}
	ready := e.ready.Load()
	status := http.StatusOK
	if !ready {
		status = http.StatusServiceUnavailable
	}
	out := gin.H{"status": "ok", "ready": ready, "version": e.version, "commit": e.commit, "vendors": vendors}
	if r := e.faults.view().LastRefusedReload; r != nil {
		out["lastRefusedReload"] = r
	}
	c.JSON(status, out)
}

// postReset is POST /_mqmock/reset[?vendor=][&clearScenarios=true].
func (e *Emulator) postReset(c *gin.Context) {
	clear, err := strconv.ParseBool(c.DefaultQuery("clearScenarios", "false"))
	if err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "clearScenarios must be true or false")
		return
	}
	door := c.Query("vendor")
	if clear && door != "" {
		controlapi.Fail(c, http.StatusBadRequest, "clearScenarios goes with a reset of everything, not of one vendor")
		return
	}
	if err := e.reset(door, clear); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"reset": true})
}

// state is GET /_mqmock/state[?vendor=]: {"<door>": <its state>, …}, doors
// in name order. It is streamed: a state of thousands of queues and topics
// is written as it is encoded, never held whole.
func (e *Emulator) state(c *gin.Context) {
	names := slices.Sorted(maps.Keys(e.doors))
	if v := c.Query("vendor"); v != "" {
		if _, err := e.door(v); err != nil {
			controlapi.Fail(c, http.StatusBadRequest, err.Error())
			return
		}
		names = []string{v}
	}
	w := streamJSON(c)
	w.BeginObject()
	for _, n := range names {
		w.Key(n)
		e.doors[n].WriteState(w)
	}
	w.EndObject()
	e.endStream(c, w)
}

// streamJSON starts a 200 JSON answer written as it is made.
func streamJSON(c *gin.Context) *jsonstream.Writer {
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	return jsonstream.New(c.Writer)
}

// endStream flushes a streamed answer. Once bytes are out the status cannot
// change, so a failure (most often the client going away) is logged.
func (e *Emulator) endStream(c *gin.Context, w *jsonstream.Writer) {
	if err := w.Flush(); err != nil {
		e.logger.Debug("control answer cut short", "path", c.Request.URL.Path, "err", err)
	}
}

// maxJournalPage bounds one answer of GET /_mqmock/journal: the newest
// entries first, then ?before=<seq of the last one> for the next page.
const maxJournalPage = 1000

func (e *Emulator) listJournal(c *gin.Context) {
	limit := 100
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxJournalPage {
			controlapi.Fail(c, http.StatusBadRequest, "limit must be a whole number from 1 to "+strconv.Itoa(maxJournalPage))
			return
		}
		limit = n
	}
	var before uint64
	if s := c.Query("before"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || n == 0 {
			controlapi.Fail(c, http.StatusBadRequest, "before must be the seq of an entry, a positive whole number")
			return
		}
		before = n
	}
	f, ok := journalFilter(c)
	if !ok {
		return
	}
	f.Limit, f.Before = limit, before
	entries := e.journal.List(f)
	// {"entries":[…],"next":"before=<seq>"}, streamed entry by entry: a
	// page of entries with their answers is up to megabytes of JSON.
	w := streamJSON(c)
	w.BeginObject()
	w.Key("entries")
	w.BeginArray()
	for i := range entries {
		w.Value(&entries[i])
	}
	w.EndArray()
	if len(entries) == limit {
		w.Key("next")
		w.Value("before=" + strconv.FormatUint(entries[len(entries)-1].Seq, 10))
	}
	w.EndObject()
	e.endStream(c, w)
}

func (e *Emulator) clockJSON() gin.H {
	return gin.H{"now": e.clock.Now().UTC().Format(time.RFC3339Nano), "offset": e.clock.Offset().String()}
}

func (e *Emulator) getClock(c *gin.Context) { c.JSON(http.StatusOK, e.clockJSON()) }

// moveClock takes {"advance":"31s"}, {"set":"2026-01-01T00:00:00Z"} or
// {"reset":true}.
func (e *Emulator) moveClock(c *gin.Context) {
	var req struct {
		Advance string `json:"advance"`
		Set     string `json:"set"`
		Reset   bool   `json:"reset"`
	}
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "body must be JSON like {\"advance\":\"31s\"}, {\"set\":\"2026-01-01T00:00:00Z\"} or {\"reset\":true}")
		return
	}
	n := 0
	for _, b := range []bool{req.Advance != "", req.Set != "", req.Reset} {
		if b {
			n++
		}
	}
	if n != 1 {
		controlapi.Fail(c, http.StatusBadRequest, "give exactly one of advance, set, reset")
		return
	}
	switch {
	case req.Advance != "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil || d < 0 {
			controlapi.Fail(c, http.StatusBadRequest, "advance must be a non-negative duration like \"31s\"")
			return
		}
		if err := e.clock.TryAdvance(d); err != nil {
			controlapi.Fail(c, http.StatusBadRequest, "advance "+req.Advance+": "+err.Error()+"; the clock did not move")
			return
		}
	case req.Set != "":
		t, err := time.Parse(time.RFC3339Nano, req.Set)
		if err != nil {
			controlapi.Fail(c, http.StatusBadRequest, "set must be an RFC 3339 time like \"2026-01-01T00:00:00Z\"")
			return
		}
		if err := e.clock.TrySet(t); err != nil {
			controlapi.Fail(c, http.StatusBadRequest, "set "+req.Set+": "+err.Error()+"; the clock did not move")
			return
		}
	default:
		e.clock.Reset()
	}
	c.JSON(http.StatusOK, e.clockJSON())
}
