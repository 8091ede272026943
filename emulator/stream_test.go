package emulator_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/journal"
)

// sseEvent is one server-sent event as a client parses it.
type sseEvent struct {
	ID, Event string
	Data      string
}

// stream opens GET url and delivers its events until the test ends or the
// server closes it (then events is closed).
type stream struct {
	resp   *http.Response
	events chan sseEvent
	cancel context.CancelFunc
}

func openStream(t *testing.T, url string, header http.Header) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	s := &stream{resp: resp, events: make(chan sseEvent, 1024), cancel: cancel}
	t.Cleanup(func() { cancel(); _ = resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		close(s.events)
		return s
	}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Event != "" || ev.Data != "" {
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.ID = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.Event = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.Data = line[6:]
			}
		}
	}()
	return s
}

// next is the stream's next event, failing the test after a second (the
// dashboard's promise: a call shows within a second).
func (s *stream) next(t *testing.T) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		require.True(t, ok, "the stream ended")
		return ev
	case <-time.After(time.Second):
		t.Fatal("no event within a second")
	}
	return sseEvent{}
}

func (s *stream) nextEntry(t *testing.T) journal.Entry {
	t.Helper()
	ev := s.next(t)
	require.Equal(t, "entry", ev.Event, ev.Data)
	var e journal.Entry
	require.NoError(t, json.Unmarshal([]byte(ev.Data), &e))
	assert.Equal(t, ev.ID, jsonNumber(e.Seq), "the event id is the seq")
	return e
}

func jsonNumber(n uint64) string { b, _ := json.Marshal(n); return string(b) }

func TestTheJournalStreamSendsEveryCallAsItHappens(t *testing.T) {
	env := emutest.Start(t)
	all := openStream(t, env.URL(emulator.Names()[0])+"/_mqmock/journal/stream", nil)
	require.Equal(t, http.StatusOK, all.resp.StatusCode)
	assert.Equal(t, "text/event-stream; charset=utf-8", all.resp.Header.Get("Content-Type"))
	onlyMQTT := openStream(t, env.URL("cmq")+"/_mqmock/journal/stream?vendor=mqtt&errors=true", nil)
	require.Equal(t, http.StatusOK, onlyMQTT.resp.StatusCode)

	r := cmqCall(t, env, "ListQueue", nil)
	require.Zero(t, r.Code)
	e := all.nextEntry(t)
	assert.Equal(t, "cmq", e.Vendor)
	assert.Equal(t, "ListQueue", e.Action)
	assert.Equal(t, "default", e.Account)
	assert.Equal(t, "***", e.Params["Signature"], "secrets redacted as in the journal")
	assert.Contains(t, e.Answer, r.RequestID, "the answer the client got")

	require.NoError(t, listGroupID(mqttClient(t, env)))
	assert.Equal(t, "ListGroupId", all.nextEntry(t).Action)
	req := commonMQTT(env, "QueryToken", map[string]string{"InstanceId": mqttInstance, "Token": "nope"})
	_, err := mqttClient(t, env).ProcessCommonRequest(req)
	require.NoError(t, err)
	scenario(t, env, "rules: [{name: boom, vendor: mqtt, action: ListGroupId, error: Throttling.User}]")
	require.Error(t, listGroupID(mqttClient(t, env)))
	assert.Equal(t, "QueryToken", all.nextEntry(t).Action)
	faulted := all.nextEntry(t)
	assert.Equal(t, "boom", faulted.Fault)

	got := onlyMQTT.nextEntry(t)
	assert.Equal(t, faulted.Seq, got.Seq, "vendor and errors filters: the cmq call and the mqtt successes are not sent")
	assert.Equal(t, "Throttling.User", got.Code)
}

func TestTheJournalStreamBacklogAndResume(t *testing.T) {
	env := emutest.Start(t)
	for i := 0; i < 3; i++ {
		cmqCall(t, env, "ListQueue", nil)
	}
	s := openStream(t, env.URL("ons")+"/_mqmock/journal/stream?backlog=2", nil)
	assert.Equal(t, uint64(2), s.nextEntry(t).Seq, "the last two, oldest first")
	assert.Equal(t, uint64(3), s.nextEntry(t).Seq)
	cmqCall(t, env, "ListQueue", nil)
	assert.Equal(t, uint64(4), s.nextEntry(t).Seq, "then live")

	// A browser reconnecting sends the last id it saw: it gets what it missed.
	resumed := openStream(t, env.URL("ons")+"/_mqmock/journal/stream", http.Header{"Last-Event-Id": {"1"}})
	for _, want := range []uint64{2, 3, 4} {
		assert.Equal(t, want, resumed.nextEntry(t).Seq)
	}

	for _, bad := range []string{"backlog=-1", "backlog=5000", "after=x", "errors=maybe", "vendor=sqs"} {
		status, body := do(t, "GET", env.URL("ons")+"/_mqmock/journal/stream?"+bad, "")
		assert.Equal(t, http.StatusBadRequest, status, bad)
		assert.NotEmpty(t, body["error"], bad)
	}
}

func TestTheJournalStreamEndsWithItsClient(t *testing.T) {
	env := emutest.Start(t)
	s := openStream(t, env.URL("tdmq")+"/_mqmock/journal/stream", nil)
	require.Equal(t, http.StatusOK, s.resp.StatusCode)
	cmqCall(t, env, "ListQueue", nil)
	s.nextEntry(t)
	require.Equal(t, 1, env.Journal().Subscribers())
	s.cancel()
	require.Eventually(t, func() bool { return env.Journal().Subscribers() == 0 }, 5*time.Second, 5*time.Millisecond,
		"the server notices the client went and unsubscribes")
}

func TestTheJournalStreamsAreBounded(t *testing.T) {
	env := emutest.Start(t)
	for i := 0; i < 32; i++ {
		s := openStream(t, env.URL("cmq")+"/_mqmock/journal/stream", nil)
		require.Equal(t, http.StatusOK, s.resp.StatusCode)
	}
	status, body := do(t, "GET", env.URL("cmq")+"/_mqmock/journal/stream", "")
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.Contains(t, body["error"], "too many journal streams")
}

func TestShutdownDoesNotWaitForStreams(t *testing.T) {
	e, err := emulator.New(emulator.OnFreePorts(emulator.DefaultConfig()))
	require.NoError(t, err)
	require.NoError(t, e.Start())
	e.MarkReady()
	s := openStream(t, "http://"+e.Addr(emulator.Names()[0])+"/_mqmock/journal/stream", nil)
	require.Equal(t, http.StatusOK, s.resp.StatusCode)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	begin := time.Now()
	require.NoError(t, e.Shutdown(ctx), "the stream ended: nothing was cut short")
	assert.Less(t, time.Since(begin), 5*time.Second)
	select {
	case _, open := <-s.events:
		assert.False(t, open, "the client sees the stream end")
	case <-time.After(5 * time.Second):
		t.Fatal("the stream is still open after the shutdown")
	}
}

func TestTheJournalListFiltersErrors(t *testing.T) {
	env := emutest.Start(t)
	cmqCall(t, env, "ListQueue", nil)
	resp, err := http.Get(env.URL("cmq") + "/v2/index.php?Action=ListQueue") // unsigned: an error
	require.NoError(t, err)
	_ = resp.Body.Close()
	status, body := do(t, "GET", env.URL("cmq")+"/_mqmock/journal?errors=true", "")
	require.Equal(t, http.StatusOK, status)
	entries := body["entries"].([]any)
	require.Len(t, entries, 1)
	assert.Equal(t, "4000/10010", entries[0].(map[string]any)["code"])
}
