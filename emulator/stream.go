package emulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/internal/journal"
)

// The journal stream: GET /_mqmock/journal/stream sends every call as it is
// journalled, as server-sent events, to the dashboard and to scripts
// (curl -N). It never slows a call down: each stream reads from a
// subscription with a buffer of its own, which drops (and says so) when the
// reader lags.

const (
	// maxStreams bounds the open streams of one emulator; each holds a
	// buffer of entries, and anyone who passes the control guard can open
	// one.
	maxStreams = 32
	// streamBuffer is how many entries a stream may lag behind before it
	// drops: a burst of thousands of calls a second fits, a reader stalled
	// for longer loses the excess and is told how many.
	streamBuffer = 4096
	// streamBatch is the most entries written between two flushes, so a
	// burst goes out in few packets and a reader parses it in one go.
	streamBatch = 256
	// keepAlive is how often an idle stream sends a comment, so a proxy or
	// a client that times out idle connections keeps it open, and a stream
	// whose client has gone is noticed.
	keepAlive = 15 * time.Second
	// streamWriteTimeout bounds one write: a client that stopped reading
	// (its TCP window full) is cut off instead of holding the handler.
	streamWriteTimeout = 10 * time.Second
)

// streamJournal is GET /_mqmock/journal/stream?vendor=&action=&errors=true
// &backlog=N. Each entry is an event "entry" whose id is its seq and whose
// data is the entry as GET /_mqmock/journal shows it; "dropped" events carry
// {"dropped": n}, the entries this stream has missed so far. backlog sends
// up to N journalled entries first (oldest first); a reconnecting client's
// Last-Event-ID (or ?after=seq) resumes after that entry instead.
func (e *Emulator) streamJournal(c *gin.Context) {
	f, ok := journalFilter(c)
	if !ok {
		return
	}
	backlog := 0
	if s := c.Query("backlog"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxJournalPage {
			controlapi.Fail(c, http.StatusBadRequest, "backlog must be a whole number from 0 to "+strconv.Itoa(maxJournalPage))
			return
		}
		backlog = n
	}
	var after uint64
	if s := firstNonEmpty(c.GetHeader("Last-Event-ID"), c.Query("after")); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			controlapi.Fail(c, http.StatusBadRequest, "after (or Last-Event-ID) must be the seq of an entry")
			return
		}
		after, backlog = n, maxJournalPage
	}
	if e.streams.Add(1) > maxStreams {
		e.streams.Add(-1)
		controlapi.Fail(c, http.StatusServiceUnavailable, "too many journal streams are open (at most "+strconv.Itoa(maxStreams)+"); close one")
		return
	}
	defer e.streams.Add(-1)

	// Subscribe before reading the backlog: an entry added in between is
	// in both, and the seq says which to skip; none falls in the gap.
	sub := e.journal.Subscribe(streamBuffer)
	defer sub.Close()
	var sent uint64
	var pending []journal.Entry
	if backlog > 0 {
		bf := f
		bf.Limit, bf.After = backlog, after
		pending = e.journal.List(bf)
		for i, j := 0, len(pending)-1; i < j; i, j = i+1, j-1 {
			pending[i], pending[j] = pending[j], pending[i]
		}
	}

	w := c.Writer
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	var buf []byte
	// retry: how long a browser's EventSource waits before reconnecting.
	buf = append(buf, "retry: 2000\n: mqmock journal stream\n\n"...)
	add := func(en journal.Entry) {
		if en.Seq <= sent || en.Seq <= after || !f.Match(en) {
			return
		}
		sent = en.Seq
		data, _ := json.Marshal(en)
		buf = append(buf, "id: "...)
		buf = strconv.AppendUint(buf, en.Seq, 10)
		buf = append(buf, "\nevent: entry\ndata: "...)
		buf = append(buf, data...)
		buf = append(buf, "\n\n"...)
	}
	for _, en := range pending {
		add(en)
	}
	var reported uint64
	flush := func() bool {
		if d := sub.Dropped(); d != reported {
			reported = d
			buf = append(buf, "event: dropped\ndata: {\"dropped\":"...)
			buf = strconv.AppendUint(buf, d, 10)
			buf = append(buf, "}\n\n"...)
		}
		if len(buf) == 0 {
			return true
		}
		_ = rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		_, err := w.Write(buf)
		buf = buf[:0]
		return err == nil && rc.Flush() == nil
	}
	if !flush() {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case en, open := <-sub.C():
			if !open {
				return
			}
			add(en)
			// Take what else is already waiting, then write it at once.
		more:
			for n := 1; n < streamBatch; n++ {
				select {
				case en, open := <-sub.C():
					if !open {
						return
					}
					add(en)
				default:
					break more
				}
			}
			if !flush() {
				return
			}
		case <-tick.C:
			buf = append(buf, ": keep-alive\n\n"...)
			if !flush() {
				return
			}
		case <-c.Request.Context().Done():
			return
		case <-e.stopping:
			// A graceful shutdown waits for handlers to return: a stream
			// never would by itself.
			return
		}
	}
}

// journalFilter reads vendor, action and errors, or answers 400.
func journalFilter(c *gin.Context) (journal.Filter, bool) {
	f := journal.Filter{Vendor: c.Query("vendor"), Action: c.Query("action")}
	if f.Vendor != "" && !isDoor(f.Vendor) {
		controlapi.Fail(c, http.StatusBadRequest, "unknown vendor \""+f.Vendor+"\" (one of "+strings.Join(Names(), ", ")+")")
		return f, false
	}
	if s := c.Query("errors"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			controlapi.Fail(c, http.StatusBadRequest, "errors must be true or false")
			return f, false
		}
		f.Errors = b
	}
	return f, true
}

func isDoor(name string) bool {
	for _, n := range Names() {
		if n == name {
			return true
		}
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
