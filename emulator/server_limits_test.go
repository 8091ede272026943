package emulator_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// closedWithin reports whether the server answers or closes conn within d.
func closedWithin(t *testing.T, conn net.Conn, d time.Duration) bool {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.ReadAll(conn)
	var ne net.Error
	if err != nil && assert.ErrorAs(t, err, &ne) && ne.Timeout() {
		return false
	}
	return true
}

// A client that sends its body a byte at a time is cut off at
// server.bodyTimeout, with an answer, not held for as long as it likes.
func TestASlowUploadIsCutAtTheBodyTimeout(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Server.BodyTimeout = 200 * time.Millisecond }))
	conn, err := net.Dial("tcp", env.ONS)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: "+env.ONS+"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nA")
	require.NoError(t, err)
	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err, "an answer, not a hang")
	_ = resp.Body.Close()
	assert.GreaterOrEqual(t, resp.StatusCode, 400)
	assert.Less(t, time.Since(start), 3*time.Second)
}

// One port holds at most server.maxConnections; one more is closed at once
// (never a hang), and a freed slot serves again.
func TestConnectionsPerPortAreCapped(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Server.MaxConnections = 3 }))
	var held []net.Conn
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", env.TDMQ)
		require.NoError(t, err)
		held = append(held, c)
	}
	over, err := net.Dial("tcp", env.TDMQ)
	require.NoError(t, err)
	defer over.Close()
	assert.True(t, closedWithin(t, over, 2*time.Second), "the fourth connection is closed, not held")

	resp, err := http.Get(env.URL("cmq") + "/_mqmock/health")
	require.NoError(t, err, "other ports keep accepting")
	_ = resp.Body.Close()

	_ = held[0].Close()
	require.Eventually(t, func() bool {
		resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get(env.URL("tdmq") + "/_mqmock/health")
		if err != nil {
			return false
		}
		_ = resp.Body.Close()
		return resp.StatusCode == 200
	}, 2*time.Second, 10*time.Millisecond, "a freed slot serves again")
	for _, c := range held[1:] {
		_ = c.Close()
	}
}

// An idle keep-alive connection is closed at server.idleTimeout.
func TestIdleConnectionsAreClosed(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Server.IdleTimeout = time.Second }))
	conn, err := net.Dial("tcp", env.MQTT)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET /_mqmock/health HTTP/1.1\r\nHost: "+env.MQTT+"\r\n\r\n")
	require.NoError(t, err)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	_ = conn.SetReadDeadline(time.Now().Add(4 * time.Second))
	_, err = br.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "closed by the server once idle, before our own deadline")
}
