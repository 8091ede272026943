package cmq_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

type stateDoc struct {
	Queues []struct {
		Account  string         `json:"account"`
		Name     string         `json:"name"`
		Messages map[string]int `json:"messages"`
	} `json:"queues"`
	Topics []struct {
		Account       string `json:"account"`
		Name          string `json:"name"`
		Subscriptions []struct {
			Name     string `json:"name"`
			Protocol string `json:"protocol"`
		} `json:"subscriptions"`
	} `json:"topics"`
}

func getState(t *testing.T, env *emutest.Env) stateDoc {
	t.Helper()
	resp, err := http.Get(env.URL("cmq") + "/_mqmock/state?vendor=cmq")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var raw json.RawMessage
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&raw))
	var doc stateDoc
	// The control API may wrap the vendor's state; accept both shapes.
	var wrapped map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &wrapped))
	if inner, ok := wrapped["cmq"]; ok {
		raw = inner
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	return doc
}

func TestControlStateAndReset(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "seen")
	call(t, c, "BatchSendMessage", cmqclient.P("queueName", "seen").List("msgBody", "a", "b", "c"))
	call(t, c, "SendMessage", cmqclient.P("queueName", "seen", "msgBody", "later", "delaySeconds", "60"))
	receive(t, c, "seen")
	call(t, c, "CreateTopic", cmqclient.P("topicName", "news"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "news", "subscriptionName", "to-seen", "protocol", "queue", "endpoint", "seen"))

	doc := getState(t, env)
	require.Len(t, doc.Queues, 1)
	assert.Equal(t, "default", doc.Queues[0].Account)
	assert.Equal(t, "seen", doc.Queues[0].Name)
	assert.Equal(t, map[string]int{"active": 2, "inactive": 1, "delayed": 1, "rewindable": 0}, doc.Queues[0].Messages)
	require.Len(t, doc.Topics, 1)
	assert.Equal(t, "news", doc.Topics[0].Name)
	require.Len(t, doc.Topics[0].Subscriptions, 1)
	assert.Equal(t, "queue", doc.Topics[0].Subscriptions[0].Protocol)

	call(t, c, "DeleteQueue", cmqclient.P("queueName", "seen"))
	resp, err := http.Post(env.URL("cmq")+"/_mqmock/reset?vendor=cmq", "application/json", nil)
	require.NoError(t, err)
	resp.Body.Close()
	require.Less(t, resp.StatusCode, 300)
	doc = getState(t, env)
	assert.Empty(t, doc.Queues)
	assert.Empty(t, doc.Topics)
	// The recreate lockout went with the reset.
	createQueue(t, c, "seen")
}

func TestOptionsFromConfig(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"maxQueues": 1, "recreateLockout": "5s", "maxDelaySeconds": 10}
	}))
	c := clientFor(env, env.Default)
	createQueue(t, c, "only")
	assert.Equal(t, "4450/10220", callErr(t, c, "CreateQueue", cmqclient.P("queueName", "second")).CodeModule())
	assert.Equal(t, "4000/10692", callErr(t, c, "SendMessage", cmqclient.P("queueName", "only", "msgBody", "m", "delaySeconds", "11")).CodeModule())
	call(t, c, "DeleteQueue", cmqclient.P("queueName", "only"))
	env.Advance(5e9)
	createQueue(t, c, "only")
}

func TestOptionsRefused(t *testing.T) {
	for name, opts := range map[string]map[string]any{
		"unknown key":   {"maxQueus": 1},
		"zero quota":    {"maxTopics": 0},
		"backoff order": {"backoffRetryMin": "20s", "backoffRetryMax": "10s"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := config.Default()
			cfg.CMQ.Options = opts
			_, err := newProductFromConfig(cfg)
			assert.Error(t, err)
		})
	}
}

func TestOptionsFromYAMLFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mqmock.yaml")
	require.NoError(t, os.WriteFile(path, []byte("cmq:\n  listen: 127.0.0.1:0\n  maxSubscriptionsPerTopic: 1000\n  recreateLockout: 10s\n"), 0o600))
	cfg, err := config.Load(path, nil)
	require.NoError(t, err)
	_, err = newProductFromConfig(cfg)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte("cmq:\n  maxSubscriptionPerTopic: 1000\n"), 0o600))
	cfg, err = config.Load(path, nil)
	if err == nil {
		_, err = newProductFromConfig(cfg)
	}
	assert.Error(t, err, "a misspelt key is refused")
}

func TestRateLimits(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"rateLimits": true, "qpsPerResource": 3, "qpsPerAccountAction": 5}
	}))
	c := clientFor(env, env.Default)
	send := func(q string) *cmqclient.Params { return cmqclient.P("queueName", q, "msgBody", "m") }
	createQueue(t, c, "q1")
	createQueue(t, c, "q2")
	// A round virtual second leaves the whole window to the calls below.
	env.Clock().Set(time.Unix(1800000000, 0))
	for range 3 {
		call(t, c, "SendMessage", send("q1"))
	}
	assertCMQError(t, callErr(t, c, "SendMessage", send("q1")), 4420, "10250", "qps throttling")
	// Another queue has its own budget; two more sends use up the account's
	// five SendMessage calls per second.
	call(t, c, "SendMessage", send("q2"))
	call(t, c, "SendMessage", send("q2"))
	assertCMQError(t, callErr(t, c, "SendMessage", send("q2")), 4480, "10460", "exceed interface frequency limit, please slow down")
	call(t, clientFor(env, env.Other), "ListQueue", nil) // other accounts are unaffected
	env.Advance(time.Second)
	call(t, c, "SendMessage", send("q1"))
}

// The product mounts its own control endpoints under /_mqmock/cmq/.
var _ func(*gin.RouterGroup) = (*cmq.Product)(nil).Control

// A reset empties the rate-limit buckets with the rest of the state: both
// the queue's (4420; CreateQueue counts against the queue too) and the
// account's per action (4480).
func TestResetEmptiesRateLimits(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"rateLimits": true, "qpsPerResource": 2, "qpsPerAccountAction": 2}
	}))
	c := clientFor(env, env.Default)
	send := cmqclient.P("queueName", "q", "msgBody", "m")
	createQueue(t, c, "q")
	call(t, c, "SendMessage", send)
	assertCMQError(t, callErr(t, c, "SendMessage", send), 4420, "10250", "qps throttling")
	call(t, c, "ListQueue", nil)
	call(t, c, "ListQueue", nil)
	assertCMQError(t, callErr(t, c, "ListQueue", nil), 4480, "10460", "exceed interface frequency limit, please slow down")

	require.NoError(t, env.Reset("cmq"))
	createQueue(t, c, "q")
	call(t, c, "SendMessage", send)
	call(t, c, "ListQueue", nil)
}
