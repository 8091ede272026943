package cmq_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// A long poll whose client goes away stops waiting: no goroutine is held for
// the rest of pollingWaitSeconds.
func TestLongPollEndsWithItsClient(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateQueue", cmqclient.P("queueName", "gone"))
	parked := make(chan struct{}, 1)
	cmq.SetOnWait(cmqProduct(env), func() {
		select {
		case parked <- struct{}{}:
		default:
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(ctx, "ReceiveMessage", cmqclient.P("queueName", "gone", "pollingWaitSeconds", "30"))
		done <- err
	}()
	select {
	case <-parked:
	case <-time.After(10 * time.Second):
		t.Fatal("receive never started waiting")
	}
	require.Equal(t, 1, cmq.Waiters(cmqProduct(env), env.Default.Name, "gone"))
	cancel()
	require.Error(t, <-done)
	assert.Eventually(t, func() bool { return cmq.Waiters(cmqProduct(env), env.Default.Name, "gone") == 0 },
		5*time.Second, 5*time.Millisecond, "the server stops waiting once the client has gone")
}

// Graceful shutdown does not wait out parked long polls: they answer
// "no message" at once and the in-flight call finishes.
func TestShutdownEndsParkedLongPolls(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateQueue", cmqclient.P("queueName", "parked"))
	done := parkedReceive(t, env, c, "parked", "30")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, env.Shutdown(ctx), "shutdown finished within its bound")
	e := await(t, done)
	assert.Equal(t, 7000, e.Code)
	assert.Equal(t, "10200", e.Module)
}
