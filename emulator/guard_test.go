package emulator_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// send makes one control request with the given headers over real HTTP and
// returns the status, the Allow header and the body.
func send(t *testing.T, method, url, body string, header map[string]string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Allow"), string(b)
}

func TestTheControlAPIRefusesWebPages(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Control.AllowedHosts = []string{"mqmock"} }))
	reset := env.URL("cmq") + "/_mqmock/reset"
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"curl from a shell", nil, 200},
		{"the emulator's own page", map[string]string{"Origin": env.URL("cmq")}, 200},
		{"a cross-site form POST", map[string]string{"Origin": "https://evil.example"}, 403},
		{"another port's origin is another site", map[string]string{"Origin": env.URL("ons")}, 403},
		{"a sandboxed page", map[string]string{"Origin": "null"}, 403},
		{"the browser says cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"DNS rebinding: a foreign Host", map[string]string{"Host": "evil.example:9101"}, 403},
		{"localhost", map[string]string{"Host": "localhost:9101"}, 200},
		{"a configured host", map[string]string{"Host": "mqmock:9101"}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env.Advance(time.Hour)
			status, _, body := send(t, "POST", reset, "", tt.header)
			assert.Equal(t, tt.want, status, body)
			if tt.want == 403 {
				assert.Equal(t, time.Hour, env.Clock().Offset().Round(time.Hour), "a refused reset changes nothing")
			} else {
				assert.Zero(t, env.Clock().Offset(), "the reset happened")
			}
			env.Clock().Reset()
		})
	}
}

func TestTheControlTokenAndSwitch(t *testing.T) {
	locked := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Control.Token = "s3cret" }))
	status, _, _ := send(t, "GET", locked.URL("tdmq")+"/_mqmock/state", "", nil)
	assert.Equal(t, 401, status, "no token")
	status, _, _ = send(t, "GET", locked.URL("tdmq")+"/_mqmock/state", "", map[string]string{"Authorization": "Bearer wrong"})
	assert.Equal(t, 401, status, "a wrong token")
	status, _, _ = send(t, "GET", locked.URL("tdmq")+"/_mqmock/state", "", map[string]string{"Authorization": "Bearer s3cret"})
	assert.Equal(t, 200, status)
	status, _, _ = send(t, "GET", locked.URL("tdmq")+"/_mqmock/cmq/pushes", "", map[string]string{"X-Mqmock-Token": "s3cret"})
	assert.NotEqual(t, 401, status, "door routes take the token too")
	status, _, _ = send(t, "GET", locked.URL("tdmq")+"/_mqmock/health", "", nil)
	assert.Equal(t, 200, status, "health needs no token")

	off := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Control.Enabled = false }))
	status, _, body := send(t, "POST", off.URL("mqtt")+"/_mqmock/reset", "", nil)
	assert.Equal(t, 404, status)
	assert.Contains(t, body, "control.enabled")
	status, _, _ = send(t, "GET", off.URL("mqtt")+"/_mqmock/mqtt/instances", "", nil)
	assert.Equal(t, 404, status, "door routes are off too")
	status, _, _ = send(t, "GET", off.URL("mqtt")+"/_mqmock/health", "", nil)
	assert.Equal(t, 200, status, "health stays: container checks need it")
}

func TestControlBodiesAreCappedAndMethodsNamed(t *testing.T) {
	env := emutest.Start(t)
	big := `{"advance":"` + strings.Repeat("1", 2<<20) + `s"}`
	status, _, _ := send(t, "POST", env.URL("cmq")+"/_mqmock/clock", big, nil)
	assert.Equal(t, 413, status, "a 2 MB control body")
	status, _, _ = send(t, "PUT", env.URL("cmq")+"/_mqmock/scenario", big, map[string]string{"Content-Type": "application/yaml"})
	assert.Equal(t, 413, status)

	status, allow, body := send(t, "GET", env.URL("cmq")+"/_mqmock/reset", "", nil)
	assert.Equal(t, 405, status, body)
	assert.Equal(t, "POST", allow)
}

func TestClockMovesOutOfRangeAreRefused(t *testing.T) {
	env := emutest.Start(t)
	for _, body := range []string{`{"advance":"2562047h"}`, `{"set":"0001-01-01T00:00:00Z"}`, `{"set":"9999-01-01T00:00:00Z"}`} {
		status, _, msg := send(t, "POST", env.URL("cmq")+"/_mqmock/clock", body, nil)
		assert.Equal(t, 400, status, body)
		assert.Contains(t, msg, "did not move")
	}
	assert.Zero(t, env.Clock().Offset())
	status, _, _ := send(t, "POST", env.URL("cmq")+"/_mqmock/clock", `{"advance":"8760h"}`, nil)
	assert.Equal(t, 200, status, "a year is fine")
}

// An error that echoes what a client sent (CMQ's unknown action name) cuts
// it: the answer does not grow with the request.
func TestErrorMessagesCutEchoedNames(t *testing.T) {
	env := emutest.Start(t, emutest.WithoutVerify())
	name := strings.Repeat("A", 512<<10)
	status, _, body := send(t, "POST", env.URL("cmq")+"/v2/index.php", "Action="+name, map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	assert.Equal(t, 200, status)
	assert.Less(t, len(body), 2048, "the answer stays small")
	assert.Contains(t, body, "truncated")
}
