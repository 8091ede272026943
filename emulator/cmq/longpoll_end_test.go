package cmq_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
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

// A long poll, once its request is read, is not cut by the body timeout:
// it is still waiting after the deadline its request had would have fired,
// and gets the message sent then. That the deadline has passed is shown by
// the server itself: a slow upload started after the poll parked is cut by
// the same timeout, so by its answer the poll's deadline lies behind too.
// (net/http also clears a connection's read deadline once a body is read
// to its end, so this guards the behaviour, not the pipeline's own lift
// of the deadline alone.)
func TestALongPollOutlivesTheBodyTimeout(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Server.BodyTimeout = 100 * time.Millisecond }))
	c := clientFor(env, env.Default)
	call(t, c, "CreateQueue", cmqclient.P("queueName", "lp"))
	done := parkedReceive(t, env, c, "lp", "10")

	slow, err := net.Dial("tcp", env.CMQ)
	require.NoError(t, err)
	defer slow.Close()
	_, err = io.WriteString(slow, "POST /v2/index.php HTTP/1.1\r\nHost: "+env.CMQ+"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nA")
	require.NoError(t, err)
	_ = slow.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(slow), nil)
	require.NoError(t, err, "the slow upload is answered at the body timeout")
	_ = resp.Body.Close()
	require.Equal(t, 1, cmq.Waiters(cmqProduct(env), env.Default.Name, "lp"), "the poll is still parked")

	call(t, c, "SendMessage", cmqclient.P("queueName", "lp", "msgBody", "hello"))
	e := await(t, done)
	assert.Equal(t, 0, e.Code)
	assert.Contains(t, e.RawMessage, "hello")
}
