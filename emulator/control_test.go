package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

func do(t *testing.T, method, url, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out), "control API answers JSON: %s", b)
	return resp.StatusCode, out
}

func TestHealthOnEveryPort(t *testing.T) {
	env := emutest.Start(t)
	for _, v := range emulator.Names() {
		status, body := do(t, "GET", env.URL(v)+"/_mqmock/health", "")
		assert.Equal(t, 200, status, v)
		assert.Equal(t, "ok", body["status"])
		assert.Equal(t, true, body["ready"])
		vendors := body["vendors"].(map[string]any)
		assert.Equal(t, env.Addr("mqtt"), vendors["mqtt"].(map[string]any)["listen"])
	}
}

func TestHealthNotReadyUntilMarked(t *testing.T) {
	e, err := emulator.New(emulator.DefaultConfig())
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	e.Handler("ons").ServeHTTP(rec, httptest.NewRequest("GET", "/_mqmock/health", nil))
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Contains(t, rec.Body.String(), `"ready":false`)
	e.MarkReady()
	rec = httptest.NewRecorder()
	e.Handler("ons").ServeHTTP(rec, httptest.NewRequest("GET", "/_mqmock/health", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
}

func TestClock(t *testing.T) {
	env := emutest.Start(t)
	base := env.URL("tdmq") + "/_mqmock/clock"
	status, body := do(t, "POST", base, `{"advance":"31s"}`)
	require.Equal(t, 200, status)
	assert.Equal(t, "31s", body["offset"])
	now, err := time.Parse(time.RFC3339Nano, body["now"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(31*time.Second), now, 5*time.Second)

	status, body = do(t, "POST", base, `{"set":"2030-01-01T00:00:00Z"}`)
	require.Equal(t, 200, status)
	assert.True(t, strings.HasPrefix(body["now"].(string), "2030-01-01T00:00:0"), body["now"])

	status, body = do(t, "POST", base, `{"reset":true}`)
	require.Equal(t, 200, status)
	assert.Equal(t, "0s", body["offset"])

	status, body = do(t, "GET", base, "")
	assert.Equal(t, 200, status)
	assert.Equal(t, "0s", body["offset"])

	for _, bad := range []string{`{"advance":"soon"}`, `{"advance":"-1s"}`, `{"set":"yesterday"}`, `{}`, `{"advance":"1s","reset":true}`, `{"jump":"1s"}`, `not json`} {
		status, body = do(t, "POST", base, bad)
		assert.Equal(t, 400, status, bad)
		assert.NotEmpty(t, body["error"], bad)
	}
}

func TestResetStateAndJournal(t *testing.T) {
	env := emutest.Start(t)
	// An unsigned vendor call still reaches the journal, with its auth error.
	resp, err := http.Get(env.URL("cmq") + "/v2/index.php?Action=ListQueue")
	require.NoError(t, err)
	_ = resp.Body.Close()

	status, body := do(t, "GET", env.URL("ons")+"/_mqmock/journal?vendor=cmq&limit=5", "")
	require.Equal(t, 200, status)
	entries := body["entries"].([]any)
	require.Len(t, entries, 1, "the journal is one per emulator, visible on every port")
	e := entries[0].(map[string]any)
	assert.Equal(t, "cmq", e["vendor"])
	assert.Equal(t, "ListQueue", e["action"])
	assert.Equal(t, "4000/10010", e["code"])

	status, body = do(t, "GET", env.URL("cmq")+"/_mqmock/state", "")
	require.Equal(t, 200, status)
	for _, v := range emulator.Names() {
		assert.Contains(t, body, v)
	}
	status, body = do(t, "GET", env.URL("cmq")+"/_mqmock/state?vendor=mqtt", "")
	require.Equal(t, 200, status)
	assert.Len(t, body, 1)
	status, _ = do(t, "GET", env.URL("cmq")+"/_mqmock/state?vendor=sqs", "")
	assert.Equal(t, 400, status)

	env.Advance(time.Hour)
	status, _ = do(t, "POST", env.URL("mqtt")+"/_mqmock/reset", "")
	require.Equal(t, 200, status)
	status, body = do(t, "GET", env.URL("ons")+"/_mqmock/journal", "")
	require.Equal(t, 200, status)
	assert.Empty(t, body["entries"])
	assert.Zero(t, env.Clock().Offset(), "reset returns the clock offset to zero")

	status, body = do(t, "POST", env.URL("mqtt")+"/_mqmock/reset?vendor=nope", "")
	assert.Equal(t, 400, status)
	assert.Contains(t, body["error"], "nope")

	status, _ = do(t, "GET", env.URL("mqtt")+"/_mqmock/journal?limit=zero", "")
	assert.Equal(t, 400, status)
}

func TestUnknownControlPathIsJSON(t *testing.T) {
	env := emutest.Start(t)
	status, body := do(t, "GET", env.URL("tdmq")+"/_mqmock/nothing-here", "")
	assert.Equal(t, 404, status)
	assert.Contains(t, body["error"], "/_mqmock/nothing-here")
}

func TestTwoEmulatorsShareNothing(t *testing.T) {
	a := emutest.Start(t)
	b := emutest.Start(t)
	a.Advance(10 * time.Minute)
	assert.Equal(t, 10*time.Minute, a.Clock().Offset())
	assert.Zero(t, b.Clock().Offset())

	resp, err := http.Get(a.URL("cmq") + "/v2/index.php?Action=ListQueue")
	require.NoError(t, err)
	_ = resp.Body.Close()
	_, body := do(t, "GET", a.URL("cmq")+"/_mqmock/journal", "")
	assert.Len(t, body["entries"], 1)
	_, body = do(t, "GET", b.URL("cmq")+"/_mqmock/journal", "")
	assert.Empty(t, body["entries"])
}

func TestVendorAPIIsNeverHTML(t *testing.T) {
	env := emutest.Start(t)
	// Paths and methods no SDK uses still get a vendor envelope.
	for _, v := range emulator.Names() {
		for _, method := range []string{"GET", "POST", "PUT", "DELETE"} {
			req, err := http.NewRequest(method, env.URL(v)+"/some/odd/path", nil)
			require.NoError(t, err)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			b, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			assert.True(t, json.Valid(b), "%s %s answered %q", v, method, b)
			assert.NotContains(t, resp.Header.Get("Content-Type"), "html")
		}
	}
}

func TestJournalPages(t *testing.T) {
	env := emutest.Start(t)
	for i := 0; i < 5; i++ {
		resp, err := http.Get(env.URL("cmq") + "/v2/index.php?Action=ListQueue")
		require.NoError(t, err)
		_ = resp.Body.Close()
	}
	var seqs []float64
	next := "limit=2"
	for page := 0; page < 5 && next != ""; page++ {
		status, body := do(t, "GET", env.URL("ons")+"/_mqmock/journal?"+next, "")
		require.Equal(t, 200, status)
		for _, e := range body["entries"].([]any) {
			seqs = append(seqs, e.(map[string]any)["seq"].(float64))
		}
		next, _ = body["next"].(string)
		if next != "" {
			next = "limit=2&" + next
		}
	}
	assert.Equal(t, []float64{5, 4, 3, 2, 1}, seqs, "every entry once, newest first")
	status, _ := do(t, "GET", env.URL("ons")+"/_mqmock/journal?limit=100000", "")
	assert.Equal(t, 400, status, "one page is at most 1000 entries")
	status, _ = do(t, "GET", env.URL("ons")+"/_mqmock/journal?before=x", "")
	assert.Equal(t, 400, status)
}
