package cmq_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// Many producers and consumers on one queue: every message is delivered and
// deleted exactly once (no loss, no double delete).
func TestConcurrentSendReceiveDelete(t *testing.T) {
	const producers, consumers, perProducer = 6, 6, 30
	const total = producers * perProducer
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "busy")

	var mu sync.Mutex
	sent := map[string]bool{}
	deleted := map[string]int{}
	var wg sync.WaitGroup
	for p := range producers {
		wg.Go(func() {
			for i := range perProducer {
				r, err := c.Call(t.Context(), "SendMessage", cmqclient.P("queueName", "busy", "msgBody", n(p)+"-"+n(i)))
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				sent[field[string](t, r, "msgId")] = true
				mu.Unlock()
			}
		})
	}
	// Consumers long-poll; once every message is deleted, one "stop" message
	// per consumer wakes and ends them.
	allDeleted := make(chan struct{})
	var cwg sync.WaitGroup
	for range consumers {
		cwg.Go(func() {
			for {
				r, err := c.Call(t.Context(), "ReceiveMessage", cmqclient.P("queueName", "busy", "pollingWaitSeconds", "5"))
				var e *cmqclient.Error
				if errors.As(err, &e) && e.Code == 7000 {
					continue
				}
				if !assert.NoError(t, err) {
					return
				}
				id, h := field[string](t, r, "msgId"), field[string](t, r, "receiptHandle")
				_, err = c.Call(t.Context(), "DeleteMessage", cmqclient.P("queueName", "busy", "receiptHandle", h))
				if !assert.NoError(t, err) {
					return
				}
				if field[string](t, r, "msgBody") == "stop" {
					return
				}
				mu.Lock()
				deleted[id]++
				if len(deleted) == total && deleted[id] == 1 {
					close(allDeleted)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	select {
	case <-allDeleted:
	case <-time.After(30 * time.Second):
		t.Fatal("not every message was deleted")
	}
	for range consumers {
		call(t, c, "SendMessage", cmqclient.P("queueName", "busy", "msgBody", "stop"))
	}
	cwg.Wait()
	require.Len(t, sent, total)
	assert.Len(t, deleted, total)
	for id, k := range deleted {
		assert.True(t, sent[id], "deleted %s was never sent", id)
		assert.Equal(t, 1, k, "message %s deleted %d times", id, k)
	}
	assert.Equal(t, attributes{}, queueAttrs(t, c, "busy"))
}
