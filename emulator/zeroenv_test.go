package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// panicLog records the pipeline's "panic serving call" lines: the pipeline
// recovers a panicking action into the door's internal error, so a panic
// shows only there.
type panicLog struct {
	mu     sync.Mutex
	panics []string
}

func (l *panicLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *panicLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *panicLog) WithGroup(string) slog.Handler            { return l }
func (l *panicLog) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "panic") {
		var b strings.Builder
		b.WriteString(r.Message)
		r.Attrs(func(a slog.Attr) bool { b.WriteString(" " + a.String()); return true })
		l.mu.Lock()
		l.panics = append(l.panics, b.String())
		l.mu.Unlock()
	}
	return nil
}

// requestFor builds the smallest request of each protocol that names an
// action: every action of every door is called with no parameters.
func requestFor(door, action string) []*http.Request {
	form := func(q url.Values) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(q.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	switch door {
	case CMQ:
		r := form(url.Values{"Action": {action}})
		r.URL.Path = "/v2/index.php"
		return []*http.Request{r}
	case TDMQ:
		var out []*http.Request
		for _, version := range []string{"2020-02-17", "2023-03-08"} {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("X-TC-Action", action)
			r.Header.Set("X-TC-Version", version)
			out = append(out, r)
		}
		return out
	case ONS:
		return []*http.Request{form(url.Values{"Action": {action}, "Version": {"2019-02-14"}})}
	case MQTT:
		return []*http.Request{form(url.Values{"Action": {action}, "Version": {"2020-04-20"}})}
	}
	return nil
}

// TestTheZeroEnvWorks: a door built from the zero pipeline.Env (no clock, no
// accounts, no options) answers every one of its actions with an envelope,
// and none of them panics.
func TestTheZeroEnvWorks(t *testing.T) {
	for _, d := range doorList() {
		t.Run(d.Name, func(t *testing.T) {
			door, err := d.build(pipeline.Env{}, &products{})
			require.NoError(t, err)
			log := &panicLog{}
			h := pipeline.New(door.Frontend, pipeline.Hooks{Logger: slog.New(log)})
			actions := door.Actions()
			require.NotEmpty(t, actions)
			for _, action := range actions {
				for _, r := range requestFor(d.Name, action) {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, r)
					body := rec.Body.Bytes()
					assert.True(t, json.Valid(body), "%s %s: %q", d.Name, action, body)
					assert.False(t, bytes.Contains(body, []byte("<html")), action)
				}
			}
			assert.Empty(t, log.panics, "actions that panic with the zero Env")
			for _, p := range door.Products {
				assert.NotPanics(t, func() { _ = p.State(); p.Reset() }, p.Name)
			}
		})
	}
}
