package cmq_test

import (
	"context"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the emulator's answers")

// requestIDField is the one part of an envelope that changes per call.
var requestIDField = regexp.MustCompile(`"requestId":"[^"]*"`)

// assertGolden pins a raw answer byte for byte (request id substituted),
// with its HTTP status and Content-Type.
func assertGolden(t *testing.T, name string, resp *http.Response, body []byte) {
	t.Helper()
	got := []byte("HTTP " + resp.Status + "\nContent-Type: " + resp.Header.Get("Content-Type") + "\n\n")
	got = append(got, requestIDField.ReplaceAll(body, []byte(`"requestId":"<request-id>"`))...)
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}

// goldenCall sends an action with fixed Timestamp/Nonce and returns the raw answer.
func goldenCall(t *testing.T, c *cmqclient.Client, action string, p *cmqclient.Params) (*http.Response, []byte) {
	t.Helper()
	base := 1
	pairs := c.Sign(http.MethodPost, c.Common(append([]cmqclient.Pair{{Key: "Action", Value: action}}, p.Pairs(base)...)))
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, c.Endpoint+cmqclient.DefaultPath, strings.NewReader(cmqclient.Encode(pairs)))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func TestGoldenEnvelopes(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	bad := cmqclient.New(env.URL("cmq"), env.Default.Tencent.SecretID, "wrong")
	// Virtual time fixed at a round second, so the times in the answers are.
	env.Clock().Set(time.Unix(1700000000, 0))
	for _, g := range goldenCases(t, c) {
		t.Run(g.file, func(t *testing.T) {
			cl := c
			if g.badKey {
				cl = bad
			}
			var p *cmqclient.Params
			if g.params != nil {
				p = g.params()
			}
			resp, body := goldenCall(t, cl, g.action, p)
			assertGolden(t, g.file, resp, body)
		})
	}
}

type goldenCase struct {
	file   string
	action string
	params func() *cmqclient.Params
	badKey bool
}
