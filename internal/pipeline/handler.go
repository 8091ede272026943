package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/journal"
)

// Observer is told the outcome of every call (coverage counting).
type Observer func(call *Call, err *apierr.Error)

// Hooks are the emulator-wide services the pipeline reports to. Every field
// is optional.
type Hooks struct {
	Clock   *clock.Clock
	Journal *journal.Journal
	Logger  *slog.Logger
	// Faults returns the active fault hook (it may change at runtime).
	Faults  func() FaultHook
	Observe Observer
	// Hold bounds timeout faults (MaxHold when zero).
	Hold time.Duration
	// Misdirected, when set, is asked about every call refused before it
	// reached an action (undecodable, unauthenticated, unroutable): a request in another front door's protocol is
	// answered in that protocol (so its SDK raises it), by that door's
	// frontend, with the error it returns. A nil frontend means the call is
	// this door's after all.
	Misdirected func(r *http.Request, call *Call) (Frontend, *apierr.Error)
	// BodyTimeout bounds reading a request's body (none when zero); once
	// the request is decoded the deadline is lifted, so a long poll is not
	// cut by it.
	BodyTimeout time.Duration
}

// New returns the http.Handler that serves one vendor through the pipeline.
func New(f Frontend, h Hooks) http.Handler {
	if h.Clock == nil {
		h.Clock = clock.New()
	}
	if h.Logger == nil {
		h.Logger = slog.New(slog.DiscardHandler)
	}
	if h.Hold == 0 {
		h.Hold = MaxHold
	}
	return &handler{f: f, h: h}
}

type handler struct {
	f Frontend
	h Hooks
}

// statusWriter remembers whether anything was written, so recovery knows
// whether an envelope can still be sent, and keeps the start of the body
// for the journal.
type statusWriter struct {
	http.ResponseWriter
	status int
	// head is the first limit bytes written; total counts them all.
	head  []byte
	limit int
	total int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if room := w.limit - len(w.head); room > 0 {
		w.head = append(w.head, b[:min(room, len(b))]...)
	}
	w.total += len(b)
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection for drop faults.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (h *handler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	w := &statusWriter{ResponseWriter: rw}
	if h.h.Journal != nil {
		w.limit = h.h.Journal.AnswerLimit()
	}
	call := &Call{
		Ctx:       r.Context(),
		Vendor:    h.f.Vendor(),
		Service:   h.f.Vendor(),
		RequestID: h.f.NewRequestID(),
		Method:    r.Method,
		Host:      r.Host,
		Path:      r.URL.Path,
		Header:    r.Header,
		Remote:    r.RemoteAddr,
		Received:  h.h.Clock.Now(),
		Params:    map[string]string{},
	}
	var (
		outErr *apierr.Error
		fault  string
		// finished is set once the call is journalled and observed: a
		// connection closed unanswered is recorded before it closes, so a
		// client that sees the close finds the call in the journal.
		finished bool
	)
	finish := func() {
		if !finished {
			finished = true
			h.finish(call, w, outErr, fault, time.Since(start))
		}
	}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			h.h.Logger.Error("panic serving call", "action", call.Action, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			outErr = h.f.Internal().New()
			if w.status == 0 {
				h.f.Write(w, call, nil, outErr)
			}
		}
		finish()
	}()

	result, err, effect := h.serve(r, call, http.NewResponseController(w))
	if effect != nil {
		fault = effect.Rule
		if h.applyTransport(w, r, call, effect, finish) {
			return
		}
	}
	if err != nil && !call.routed && effect == nil && h.h.Misdirected != nil {
		if other, answer := h.h.Misdirected(r, call); other != nil {
			outErr = answer
			other.Write(w, call, nil, answer)
			return
		}
	}
	if err != nil {
		outErr = h.asCatalogue(call, err)
		if effect != nil && effect.Err != nil {
			outErr.Fault = effect.Rule
		}
		h.f.Write(w, call, nil, outErr)
		return
	}
	h.f.Write(w, call, result, nil)
}

// serve runs decode → verify → faults → dispatch. A fault effect that answers
// with something other than the action's result is returned for ServeHTTP.
func (h *handler) serve(r *http.Request, call *Call, rc *http.ResponseController) (any, error, *Effect) {
	if h.h.BodyTimeout > 0 {
		// Not every writer can (a recorder in tests): then no deadline.
		_ = rc.SetReadDeadline(time.Now().Add(h.h.BodyTimeout))
	}
	if err := h.f.Decode(r, call); err != nil {
		// The deadline stays: net/http reads what is left of an unread body
		// before it answers, and a client that stalled must not hold that.
		return nil, err, nil
	}
	if h.h.BodyTimeout > 0 {
		_ = rc.SetReadDeadline(time.Time{})
	}
	if err := h.f.Verify(r, call); err != nil {
		return nil, err, nil
	}
	call.verified = true
	var effect *Effect
	if h.h.Faults != nil {
		if hook := h.h.Faults(); hook != nil {
			effect = hook.Apply(call)
		}
	}
	if effect != nil {
		if effect.Delay > 0 && !sleep(r.Context(), effect.Delay) {
			// The client gave up while we waited: nothing left to answer.
			return nil, nil, &Effect{Rule: effect.Rule, Drop: true}
		}
		if effect.Err != nil {
			return nil, effect.Err, effect
		}
		if effect.Raw != nil || effect.Drop || effect.Reset || effect.Timeout {
			return nil, nil, effect
		}
	}
	handle, err := h.f.Route(call)
	if err != nil {
		return nil, err, effect
	}
	call.routed = true
	res, err := handle(call)
	return res, err, effect
}

// applyTransport carries out effects that bypass the envelope writer. It
// reports whether the response has been dealt with.
func (h *handler) applyTransport(w *statusWriter, r *http.Request, call *Call, e *Effect, finish func()) bool {
	switch {
	case e.Raw != nil:
		if e.Raw.ContentType != "" {
			w.Header().Set("Content-Type", e.Raw.ContentType)
		}
		w.WriteHeader(e.Raw.Status)
		_, _ = w.Write(e.Raw.Body)
		return true
	case e.Timeout:
		hold, cancel := context.WithTimeout(r.Context(), h.h.Hold)
		defer cancel()
		<-hold.Done()
		h.abandon(w, call, false, finish)
		return true
	case e.Drop:
		h.abandon(w, call, false, finish)
		return true
	case e.Reset:
		h.abandon(w, call, true, finish)
		return true
	}
	return false
}

// abandon closes the connection unanswered and lets the frontend forget
// what verification recorded for the call.
func (h *handler) abandon(w *statusWriter, call *Call, reset bool, finish func()) {
	if a, ok := h.f.(Abandoner); ok {
		a.Abandon(call)
	}
	w.status = -1 // no answer is sent
	finish()
	closeConn(w, reset)
}

// closeConn hijacks the connection and closes it without a response; with
// reset it sets SO_LINGER to 0 so the peer sees a TCP RST.
func closeConn(w *statusWriter, reset bool) {
	conn, _, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		// Not hijackable (HTTP/2, a recorder): abort the handler instead,
		// which net/http turns into a closed stream.
		panic(http.ErrAbortHandler)
	}
	if reset {
		if tcp, ok := tcpConn(conn); ok {
			_ = tcp.SetLinger(0)
		}
	}
	_ = conn.Close()
	w.status = -1
}

func (h *handler) asCatalogue(call *Call, err error) *apierr.Error {
	if e, ok := apierr.As(err); ok {
		return e
	}
	h.h.Logger.Error("handler returned a non-catalogue error", "action", call.Action, "err", err)
	return h.f.Internal().New()
}

func (h *handler) finish(call *Call, w *statusWriter, err *apierr.Error, fault string, d time.Duration) {
	status := w.status
	code := ""
	if err != nil {
		code = err.Code()
	}
	account := ""
	if call.Account != nil {
		account = call.Account.Name
	}
	if h.h.Journal != nil {
		e := journal.Entry{
			Time: call.Received, Vendor: call.Vendor, Service: call.Service, Account: account,
			Action: call.Action, Params: call.Params, RequestID: call.RequestID,
			Status: status, Code: code, Fault: fault, Duration: d,
			Answer: string(w.head), AnswerBytes: w.total,
		}
		if !call.verified {
			// Refused before authentication: anyone can send these, so
			// they keep what says who claimed to call, never what was sent.
			e.Params, e.Credential = nil, call.CredentialID
		}
		h.h.Journal.Add(e)
	}
	if h.h.Observe != nil {
		h.h.Observe(call, err)
	}
	if !h.h.Logger.Enabled(call.Ctx, slog.LevelInfo) {
		return // nothing to build (tests, benchmarks, log.level warn)
	}
	// One concise line per call at info. The logger already names the
	// door: every key appears once, so JSON mode stays one valid object.
	attrs := make([]slog.Attr, 0, 9)
	if call.Service != "" && call.Service != call.Vendor {
		attrs = append(attrs, slog.String("service", call.Service))
	}
	attrs = append(attrs, slog.String("action", journal.Truncate(call.Action, 100)), slog.String("account", account),
		slog.Int("status", status), slog.Duration("duration", d))
	if code != "" {
		attrs = append(attrs, slog.String("code", code))
	}
	if fault != "" {
		attrs = append(attrs, slog.String("fault", fault))
	}
	attrs = append(attrs, slog.String("requestId", call.RequestID))
	h.h.Logger.LogAttrs(call.Ctx, slog.LevelInfo, "call", attrs...)
	if call.Reason != "" {
		// Why the call was refused (the string the server signed): for
		// whoever debugs a client, never sent to it.
		h.h.Logger.LogAttrs(call.Ctx, slog.LevelDebug, "call refused", slog.String("requestId", call.RequestID), slog.String("reason", call.Reason))
	}
}

// sleep waits d of real time unless the client goes away first.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// tcpConn finds the TCP connection under wrappers that expose it the way
// crypto/tls does (NetConn): a listener's connection cap, TLS.
func tcpConn(c net.Conn) (*net.TCPConn, bool) {
	for range 8 {
		switch x := c.(type) {
		case *net.TCPConn:
			return x, true
		case interface{ NetConn() net.Conn }:
			c = x.NetConn()
		default:
			return nil, false
		}
	}
	return nil, false
}
