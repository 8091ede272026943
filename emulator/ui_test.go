package emulator_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

func get(t *testing.T, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func TestTheDashboardIsServedOnEveryPort(t *testing.T) {
	env := emutest.Start(t)
	for _, d := range emulator.Names() {
		resp, body := get(t, env.URL(d)+"/_mqmock/ui/", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, d)
		assert.Contains(t, resp.Header.Get("Content-Type"), "text/html")
		assert.Contains(t, body, "mqmock")
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
		assert.Equal(t, "DENY", resp.Header.Get("X-Frame-Options"))
	}
	resp, _ := get(t, env.URL("cmq")+"/_mqmock/ui", nil)
	assert.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	assert.Equal(t, "/_mqmock/ui/", resp.Header.Get("Location"))
	resp, _ = get(t, env.URL("cmq")+"/_mqmock/ui/app.js", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "javascript")
	resp, _ = get(t, env.URL("cmq")+"/_mqmock/ui/nothing.js", nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	// The control guard holds: another site's page cannot load it in a
	// frame or fetch it, nor can a rebinding host name.
	resp, _ = get(t, env.URL("cmq")+"/_mqmock/ui/", http.Header{"Sec-Fetch-Site": {"cross-site"}})
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	req, err := http.NewRequest(http.MethodGet, env.URL("cmq")+"/_mqmock/ui/", nil)
	require.NoError(t, err)
	req.Host = "evil.example:9101"
	r, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = r.Body.Close()
	assert.Equal(t, http.StatusForbidden, r.StatusCode)
}

func TestTheDashboardWithATokenAndSwitchedOff(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Control.Token = "s3cret" }))
	resp, body := get(t, env.URL("ons")+"/_mqmock/ui/", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the page loads (a browser cannot send a header with a navigation)")
	assert.True(t, strings.Contains(body, "<html"))
	resp, _ = get(t, env.URL("ons")+"/_mqmock/doors", nil)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "what it reads needs the token")
	resp, _ = get(t, env.URL("ons")+"/_mqmock/journal/stream?backlog=1", http.Header{"X-Mqmock-Token": {"wrong"}})
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	s := openStream(t, env.URL("ons")+"/_mqmock/journal/stream", http.Header{"X-Mqmock-Token": {"s3cret"}})
	assert.Equal(t, http.StatusOK, s.resp.StatusCode)

	off := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Control.Enabled = false }))
	resp, _ = get(t, off.URL("ons")+"/_mqmock/ui/", nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "off with the control API")
}

func TestTheDashboardURL(t *testing.T) {
	env := emutest.Start(t)
	assert.Equal(t, env.URL(emulator.Names()[0])+"/_mqmock/ui/", env.DashboardURL())

	cfg := config.Default()
	cfg.Control.Enabled = false
	off, err := emulator.New(emulator.Config(cfg))
	require.NoError(t, err)
	assert.Empty(t, off.DashboardURL(), "no dashboard without the control API")
}

func TestTheDashboardURLOnEveryInterfaceIsLoopback(t *testing.T) {
	cfg := emulator.OnFreePorts(emulator.DefaultConfig())
	cfg.CMQ.Listen = "0.0.0.0:0"
	e, err := emulator.New(cfg)
	require.NoError(t, err)
	require.NoError(t, e.Start())
	t.Cleanup(func() { _ = e.Shutdown(context.Background()) })
	u := e.DashboardURL()
	assert.True(t, strings.HasPrefix(u, "http://127.0.0.1:"), u)
	resp, _ := get(t, u, nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}
