package cmq_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// pushed is one request an endpoint received.
type pushed struct {
	header http.Header
	body   string
}

// endpoint is an httptest server answering status; it reports each request.
func endpoint(t *testing.T, status *atomic.Int32) (*httptest.Server, <-chan pushed) {
	got := make(chan pushed, 64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- pushed{r.Header.Clone(), string(b)}
		w.WriteHeader(int(status.Load()))
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

// attempts reports the emulator's push attempts.
func attempts(t *testing.T, env *emutest.Env) <-chan cmq.PushAttempt {
	ch := make(chan cmq.PushAttempt, 64)
	cmq.SetOnPushAttempt(cmqProduct(env), func(a cmq.PushAttempt) { ch <- a })
	t.Cleanup(func() { cmq.SetOnPushAttempt(cmqProduct(env), nil) })
	return ch
}

func next[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("nothing arrived")
		var zero T
		return zero
	}
}

func TestHTTPPushJSON(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	var status atomic.Int32
	status.Store(200)
	srv, got := endpoint(t, &status)
	seen := attempts(t, env)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "hooks"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "hooks", "subscriptionName", "web", "protocol", "http", "endpoint", srv.URL+"/notify"))

	env.Clock().Set(time.Unix(1700000000, 0)) // a round second, so publishTime is known
	pub := call(t, c, "PublishMessage", cmqclient.P("topicName", "hooks", "msgBody", "hello").List("msgTag", "a", "b"))
	p := next(t, got)
	assert.Equal(t, "text/plain", p.header.Get("Content-Type"))
	assert.Equal(t, "Qcloud Notification Service Agent", p.header.Get("User-Agent"))
	assert.Equal(t, pub.RequestID, p.header.Get("x-cmq-request-id"))
	assert.Equal(t, field[string](t, pub, "msgId"), p.header.Get("x-cmq-message-id"))
	assert.Equal(t, "a, b", p.header.Get("x-cmq-message-tag"))
	var body map[string]any
	require.NoError(t, json.Unmarshal([]byte(p.body), &body))
	assert.Equal(t, map[string]any{"TopicOwner": float64(1250000001), "topicName": "hooks", "subscriptionName": "web",
		"msgId": field[string](t, pub, "msgId"), "msgBody": "hello", "publishTime": float64(1700000000)}, body)

	a := next(t, seen)
	assert.Equal(t, "delivered", a.Outcome)
	assert.Equal(t, 200, a.Status)
	assert.Equal(t, 1, a.Attempt)
}

func TestHTTPPushSimplified(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	var status atomic.Int32
	status.Store(204)
	srv, got := endpoint(t, &status)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "plain", "filterType", "2"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "plain", "subscriptionName", "web", "protocol", "http", "endpoint", srv.URL,
		"notifyContentFormat", "SIMPLIFIED").List("bindingKey", "order.#"))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "plain", "msgBody", "raw body", "routingKey", "order.created"))
	assert.Equal(t, "raw body", next(t, got).body)
}

func TestHTTPPushBackoffRetries(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	var status atomic.Int32
	status.Store(500)
	srv, got := endpoint(t, &status)
	seen := attempts(t, env)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "flaky"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "flaky", "subscriptionName", "web", "protocol", "http", "endpoint", srv.URL,
		"notifyStrategy", "BACKOFF_RETRY"))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "flaky", "msgBody", "m"))

	// The first attempt and 3 retries 10–20 s apart, then the message is dropped.
	for i := 1; i <= 4; i++ {
		next(t, got)
		a := next(t, seen)
		assert.Equal(t, i, a.Attempt)
		assert.Equal(t, 500, a.Status)
		sub := call(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "flaky", "subscriptionName", "web"))
		if i < 4 {
			assert.Equal(t, "retrying", a.Outcome)
			require.NotNil(t, a.NextAttempt)
			wait := a.NextAttempt.Sub(a.Time)
			assert.True(t, wait >= 10*time.Second && wait <= 20*time.Second, "retry after %v", wait)
			assert.Equal(t, 1, field[int](t, sub, "msgCount"), "still pending")
			env.Advance(wait)
			continue
		}
		assert.Equal(t, "dropped", a.Outcome)
		assert.Nil(t, a.NextAttempt)
		assert.Equal(t, 0, field[int](t, sub, "msgCount"), "given up")
	}

	// The control API lists every attempt.
	resp, err := http.Get(env.URL("cmq") + "/_mqmock/cmq/pushes?subscription=web")
	require.NoError(t, err)
	defer resp.Body.Close()
	var out struct {
		Pushes []cmq.PushAttempt `json:"pushes"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.Len(t, out.Pushes, 4)
	assert.Equal(t, []string{"retrying", "retrying", "retrying", "dropped"},
		[]string{out.Pushes[0].Outcome, out.Pushes[1].Outcome, out.Pushes[2].Outcome, out.Pushes[3].Outcome})
}

func TestHTTPPushExponentialRetriesUntilDelivered(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	var status atomic.Int32
	status.Store(503)
	srv, got := endpoint(t, &status)
	seen := attempts(t, env)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "decay"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "decay", "subscriptionName", "web", "protocol", "http", "endpoint", srv.URL))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "decay", "msgBody", "m"))

	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		next(t, got)
		a := next(t, seen)
		require.Equal(t, "retrying", a.Outcome, "attempt %d", i+1)
		assert.Equal(t, want, a.NextAttempt.Sub(a.Time), "EXPONENTIAL_DECAY_RETRY interval before attempt %d", i+2)
		if i == 3 {
			status.Store(200)
		}
		env.Advance(want)
	}
	next(t, got)
	a := next(t, seen)
	assert.Equal(t, "delivered", a.Outcome)
	assert.Equal(t, 5, a.Attempt)
}

func TestHTTPPushUnreachableEndpoint(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	seen := attempts(t, env)
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	call(t, c, "CreateTopic", cmqclient.P("topicName", "gone"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "gone", "subscriptionName", "web", "protocol", "http", "endpoint", url))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "gone", "msgBody", "m"))
	a := next(t, seen)
	assert.Equal(t, 0, a.Status)
	assert.NotEmpty(t, a.Error)
	assert.Equal(t, "retrying", a.Outcome)
}

func TestHTTPSPushToSelfSignedEndpoint(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"pushInsecureTLS": true}
	}))
	c := clientFor(env, env.Default)
	got := make(chan string, 1)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- string(b)
	}))
	t.Cleanup(srv.Close)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "secure"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "secure", "subscriptionName", "web", "protocol", "https", "endpoint", srv.URL,
		"notifyContentFormat", "SIMPLIFIED"))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "secure", "msgBody", "over tls"))
	assert.Equal(t, "over tls", next(t, got))
}
