package pipeline_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/journal"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// The fake vendor's catalogue and envelope: "CODE|message|requestId|result".
var (
	errInternal = &apierr.Def{Name: "Internal", Code: "Internal", Status: 500, Message: "internal"}
	errUnknown  = &apierr.Def{Name: "Unknown", Code: "UnknownAction", Status: 404, Message: "no action %s"}
	errAuth     = &apierr.Def{Name: "Auth", Code: "Auth", Status: 401, Message: "bad key"}
	errBusy     = &apierr.Def{Name: "Busy", Code: "Busy", Status: 503, Message: "busy"}
	catalogue   = apierr.NewCatalogue("fake", errInternal, errUnknown, errAuth, errBusy)
)

type fake struct {
	table *pipeline.Table
}

func (f *fake) Vendor() string               { return "fake" }
func (f *fake) Catalogue() *apierr.Catalogue { return catalogue }
func (f *fake) NewRequestID() string         { return "req-1" }
func (f *fake) Internal() *apierr.Def        { return errInternal }
func (f *fake) Decode(r *http.Request, c *pipeline.Call) error {
	c.Action = r.URL.Query().Get("Action")
	c.Params["Action"] = c.Action
	c.Params["Signature"] = "secret-signature"
	return nil
}
func (f *fake) Verify(r *http.Request, c *pipeline.Call) error {
	if r.URL.Query().Get("key") == "bad" {
		return errAuth.New()
	}
	return nil
}
func (f *fake) Route(c *pipeline.Call) (pipeline.Handler, error) {
	h, ok := f.table.Lookup(c.Action)
	if !ok {
		return nil, errUnknown.New(c.Action)
	}
	return h, nil
}
func (f *fake) Write(w http.ResponseWriter, c *pipeline.Call, result any, err *apierr.Error) {
	if err != nil {
		w.WriteHeader(err.Def.Status)
		_, _ = io.WriteString(w, err.Code()+"|"+err.Message()+"|"+c.RequestID+"|")
		return
	}
	w.WriteHeader(200)
	_, _ = io.WriteString(w, "OK||"+c.RequestID+"|"+result.(string))
}

// abandoning is the fake frontend that also records abandoned calls.
type abandoning struct {
	*fake
	mu        sync.Mutex
	abandoned []string
}

func (a *abandoning) Abandon(c *pipeline.Call) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.abandoned = append(a.abandoned, c.Action)
}

type hookFunc func(*pipeline.Call) *pipeline.Effect

func (h hookFunc) Apply(c *pipeline.Call) *pipeline.Effect { return h(c) }

type observed struct {
	mu    sync.Mutex
	codes []string
}

func start(t *testing.T, hook pipeline.FaultHook) (*httptest.Server, *journal.Journal, *observed) {
	t.Helper()
	f := &fake{table: pipeline.NewTable(pipeline.TableSpec{Fold: true},
		pipeline.Action{Name: "Echo", Handle: func(c *pipeline.Call) (any, error) { return "echo:" + c.Action, nil }},
		pipeline.Action{Name: "Panic", Handle: func(c *pipeline.Call) (any, error) { panic("boom") }},
		pipeline.Action{Name: "Plain", Handle: func(c *pipeline.Call) (any, error) { return nil, errors.New("not a catalogue error") }},
		pipeline.Action{Name: "Big", Handle: func(c *pipeline.Call) (any, error) { return strings.Repeat("x", journal.DefaultAnswerBytes+100), nil }},
	)}
	j := journal.New(10)
	obs := &observed{}
	h := pipeline.New(f, pipeline.Hooks{
		Journal: j,
		Faults:  func() pipeline.FaultHook { return hook },
		Observe: func(c *pipeline.Call, err *apierr.Error) {
			obs.mu.Lock()
			defer obs.mu.Unlock()
			code := ""
			if err != nil {
				code = err.Code()
			}
			obs.codes = append(obs.codes, code)
		},
		Hold: 200 * time.Millisecond,
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, j, obs
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestStagesAndEnvelopes(t *testing.T) {
	srv, j, obs := start(t, nil)
	cases := []struct {
		name, query string
		status      int
		body        string
	}{
		{"success through the table", "?Action=Echo", 200, "OK||req-1|echo:Echo"},
		{"case-insensitive table", "?Action=eCHO", 200, "OK||req-1|echo:eCHO"},
		{"verify failure stops the call", "?Action=Echo&key=bad", 401, "Auth|bad key|req-1|"},
		{"unknown action", "?Action=Nope", 404, "UnknownAction|no action Nope|req-1|"},
		{"a panic becomes the internal error", "?Action=Panic", 500, "Internal|internal|req-1|"},
		{"a non-catalogue error becomes the internal error", "?Action=Plain", 500, "Internal|internal|req-1|"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, srv.URL+"/"+tc.query)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.body, body)
		})
	}
	entries := j.List(journal.Filter{})
	require.Len(t, entries, len(cases))
	assert.Equal(t, "Plain", entries[0].Action)
	assert.Equal(t, "Internal", entries[0].Code)
	assert.Equal(t, 500, entries[0].Status)
	assert.Equal(t, "***", entries[0].Params["Signature"], "the journal never keeps a signature")
	assert.Equal(t, "", entries[len(entries)-1].Code, "success has no code")
	obs.mu.Lock()
	defer obs.mu.Unlock()
	assert.Equal(t, []string{"", "", "Auth", "UnknownAction", "Internal", "Internal"}, obs.codes)
}

func TestFaultEffects(t *testing.T) {
	var mu sync.Mutex
	var effect *pipeline.Effect
	hook := hookFunc(func(c *pipeline.Call) *pipeline.Effect {
		mu.Lock()
		defer mu.Unlock()
		if effect == nil {
			return nil
		}
		e := *effect
		return &e
	})
	srv, j, _ := start(t, hook)
	set := func(e *pipeline.Effect) { mu.Lock(); effect = e; mu.Unlock() }

	t.Run("error in the vendor envelope, journalled with the rule", func(t *testing.T) {
		set(&pipeline.Effect{Rule: "busy-rule", Err: errBusy.New()})
		status, body := get(t, srv.URL+"/?Action=Echo")
		assert.Equal(t, 503, status)
		assert.Equal(t, "Busy|busy|req-1|", body)
		e := j.List(journal.Filter{Limit: 1})[0]
		assert.Equal(t, "busy-rule", e.Fault)
		assert.Equal(t, "Busy", e.Code)
	})
	t.Run("raw answer", func(t *testing.T) {
		set(&pipeline.Effect{Rule: "gw", Raw: &pipeline.Raw{Status: 502, ContentType: "text/html", Body: []byte("<html>Bad Gateway</html>")}})
		resp, err := http.Get(srv.URL + "/?Action=Echo")
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		assert.Equal(t, 502, resp.StatusCode)
		assert.Equal(t, "text/html", resp.Header.Get("Content-Type"))
		assert.Equal(t, "<html>Bad Gateway</html>", string(b))
	})
	t.Run("latency then the normal answer", func(t *testing.T) {
		set(&pipeline.Effect{Rule: "slow", Delay: 30 * time.Millisecond})
		begin := time.Now()
		status, body := get(t, srv.URL+"/?Action=Echo")
		assert.GreaterOrEqual(t, time.Since(begin), 30*time.Millisecond)
		assert.Equal(t, 200, status)
		assert.Equal(t, "OK||req-1|echo:Echo", body)
		assert.Equal(t, "slow", j.List(journal.Filter{Limit: 1})[0].Fault)
	})
	for _, tc := range []struct {
		name string
		e    pipeline.Effect
	}{
		{"drop", pipeline.Effect{Rule: "drop", Drop: true}},
		{"reset", pipeline.Effect{Rule: "reset", Reset: true}},
		{"timeout held until the bound", pipeline.Effect{Rule: "hold", Timeout: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set(&tc.e)
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			resp, err := client.Get(srv.URL + "/?Action=Echo")
			if err == nil {
				_ = resp.Body.Close()
			}
			require.Error(t, err, "the client sees a transport error, not an answer")
			assert.False(t, strings.Contains(err.Error(), "status"), err.Error())
		})
	}
	set(nil)
	status, _ := get(t, srv.URL+"/?Action=Echo")
	assert.Equal(t, 200, status, "with no effect the call is served")
}

func TestObjectBody(t *testing.T) {
	b, err := pipeline.ObjectBody(struct {
		A int    `json:"a"`
		B string `json:"b"`
	}{1, "x"})
	require.NoError(t, err)
	assert.Equal(t, `"a":1,"b":"x"`, string(b))
	b, err = pipeline.ObjectBody(struct{}{})
	require.NoError(t, err)
	assert.Empty(t, b)
	_, err = pipeline.ObjectBody([]int{1})
	assert.Error(t, err, "an action result must be an object")
}

func TestReadBody(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("12345"))
	b, err := pipeline.ReadBody(r, 5)
	require.NoError(t, err)
	assert.Equal(t, "12345", string(b))
	r = httptest.NewRequest("POST", "/", strings.NewReader("123456"))
	_, err = pipeline.ReadBody(r, 5)
	assert.ErrorIs(t, err, pipeline.ErrBodyTooLarge)
	r = httptest.NewRequest("POST", "/", io.NopCloser(strings.NewReader("123456")))
	r.ContentLength = -1
	_, err = pipeline.ReadBody(r, 5)
	assert.ErrorIs(t, err, pipeline.ErrBodyTooLarge, "chunked bodies are bounded too")
}

func TestTableRefusesDuplicates(t *testing.T) {
	h := func(*pipeline.Call) (any, error) { return nil, nil }
	assert.Panics(t, func() {
		pipeline.NewTable(pipeline.TableSpec{Fold: true}, pipeline.Action{Name: "A", Handle: h}, pipeline.Action{Name: "a", Handle: h})
	})
	tb := pipeline.NewTable(pipeline.TableSpec{}, pipeline.Action{Name: "B", Handle: h}, pipeline.Action{Name: "A", Handle: h})
	assert.Equal(t, []string{"A", "B"}, tb.Names())
	_, ok := tb.Lookup("a")
	assert.False(t, ok, "case-sensitive tables do not fold")
}

func TestDroppedCallsAreAbandoned(t *testing.T) {
	f := &abandoning{fake: &fake{table: pipeline.NewTable(pipeline.TableSpec{},
		pipeline.Action{Name: "Echo", Handle: func(c *pipeline.Call) (any, error) { return "echo", nil }},
		pipeline.Action{Name: "Fail", Handle: func(c *pipeline.Call) (any, error) { return "fail", nil }},
	)}}
	hook := hookFunc(func(c *pipeline.Call) *pipeline.Effect {
		if c.Action == "Echo" {
			return &pipeline.Effect{Rule: "drop", Drop: true}
		}
		return &pipeline.Effect{Rule: "err", Err: errBusy.New()}
	})
	srv := httptest.NewServer(pipeline.New(f, pipeline.Hooks{Faults: func() pipeline.FaultHook { return hook }}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, err := client.Get(srv.URL + "/?Action=Echo")
	require.Error(t, err)
	status, _ := get(t, srv.URL+"/?Action=Fail")
	assert.Equal(t, 503, status)
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Equal(t, []string{"Echo"}, f.abandoned, "only a call dropped unanswered is abandoned")
}

func TestTheJournalKeepsTheAnswer(t *testing.T) {
	srv, j, _ := start(t, nil)
	_, body := get(t, srv.URL+"/?Action=Echo")
	e := j.List(journal.Filter{Limit: 1})[0]
	assert.Equal(t, body, e.Answer, "what the client got")
	assert.Equal(t, len(body), e.AnswerBytes)
	_, body = get(t, srv.URL+"/?Action=Nope")
	assert.Equal(t, body, j.List(journal.Filter{Limit: 1})[0].Answer, "an error answer too")

	_, body = get(t, srv.URL+"/?Action=Big")
	e = j.List(journal.Filter{Limit: 1})[0]
	assert.Equal(t, len(body), e.AnswerBytes)
	assert.True(t, strings.HasSuffix(e.Answer, "…(truncated, "+strconv.Itoa(len(body))+" bytes)"), "only the start is kept, visibly")
	assert.Less(t, len(e.Answer), journal.DefaultAnswerBytes+50)
}

func TestReadBodySizes(t *testing.T) {
	const max = 1 << 20
	tests := []struct {
		name    string
		body    string
		claimed int64 // Content-Length; -1 unknown
		want    string
		tooBig  bool
		maxCap  int
	}{
		{name: "exact length", body: "Action=ListQueue", claimed: 16, want: "Action=ListQueue", maxCap: 17},
		{name: "unknown length", body: strings.Repeat("a", 5000), claimed: -1, want: strings.Repeat("a", 5000)},
		{name: "empty", body: "", claimed: 0, want: "", maxCap: 1},
		{name: "over the limit", body: strings.Repeat("a", max+1), claimed: -1, tooBig: true},
		{name: "claimed over the limit", body: "x", claimed: max + 1, tooBig: true},
		// A claimed length buys no more than 64 KiB up front.
		{name: "claims much, sends little", body: "x", claimed: max, want: "x", maxCap: 64 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			r.ContentLength = tt.claimed
			got, err := pipeline.ReadBody(r, max)
			if tt.tooBig {
				assert.ErrorIs(t, err, pipeline.ErrBodyTooLarge)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
			if tt.maxCap > 0 {
				assert.LessOrEqual(t, cap(got), tt.maxCap)
			}
		})
	}
}
