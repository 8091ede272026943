package emulator_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/internal/sign/tc3"
)

func lines(l *lockedBuffer) []string { return strings.Split(strings.TrimSpace(l.String()), "\n") }

// uniqueKeys decodes one JSON object, failing on a key that comes twice
// (slog writes duplicates as they come; many log tools reject them).
func uniqueKeys(t *testing.T, line string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	tok, err := dec.Token()
	require.NoError(t, err, line)
	require.Equal(t, json.Delim('{'), tok, line)
	out := map[string]any{}
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err, line)
		key := k.(string)
		_, dup := out[key]
		require.False(t, dup, "key %q twice in %s", key, line)
		var v any
		require.NoError(t, dec.Decode(&v), line)
		out[key] = v
	}
	return out
}

// TestLogsOneValidLinePerCall: in JSON mode every line is one object with
// every key once; each call has one info line naming door, action,
// account, status and code; a refused signature logs why at debug; each
// door logs where it listens.
func TestLogsOneValidLinePerCall(t *testing.T) {
	buf := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e, err := emulator.New(emulator.OnFreePorts(emulator.DefaultConfig()), emulator.WithLogger(logger))
	require.NoError(t, err)
	require.NoError(t, e.Start())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = e.Shutdown(ctx)
	})
	acct := e.Accounts().All()[0]
	ok := cmqclient.New("http://"+e.Addr(emulator.CMQ), acct.Tencent.SecretID, acct.Tencent.SecretKey)
	_, err = ok.Call(context.Background(), "ListQueue", nil)
	require.NoError(t, err)
	bad := cmqclient.New("http://"+e.Addr(emulator.CMQ), acct.Tencent.SecretID, "wrong-key")
	_, err = bad.Call(context.Background(), "ListQueue", nil)
	require.Error(t, err)

	// A TC3 call signed with the wrong key, as the Go SDK signs.
	req, err := http.NewRequest(http.MethodPost, "http://"+e.Addr(emulator.TDMQ)+"/", strings.NewReader(`{}`))
	require.NoError(t, err)
	req.Header.Set("X-TC-Action", "DescribeInstanceList")
	req.Header.Set("X-TC-Version", "2023-03-08")
	require.NoError(t, tc3.SignRequest(req, acct.Tencent.SecretID, "wrong-key", "trocket", time.Now().Unix()))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()

	var calls, listening []map[string]any
	var refused, refusedTC3 map[string]any
	for _, line := range lines(buf) {
		m := uniqueKeys(t, line)
		switch m["msg"] {
		case "call":
			if m["vendor"] == emulator.TDMQ {
				continue
			}
			calls = append(calls, m)
		case "listening":
			listening = append(listening, m)
		case "call refused":
			if strings.Contains(m["reason"].(string), "canonical request") {
				refusedTC3 = m
			} else {
				refused = m
			}
		}
	}
	assert.Len(t, listening, len(emulator.Names()), "one listening event per door")
	require.Len(t, calls, 2, "one line per call")
	for _, c := range calls {
		assert.Equal(t, "INFO", c["level"])
		assert.Equal(t, emulator.CMQ, c["vendor"])
		assert.Equal(t, "ListQueue", c["action"])
		assert.NotEmpty(t, c["requestId"])
	}
	assert.Equal(t, acct.Name, calls[0]["account"])
	assert.Nil(t, calls[0]["code"], "a success has no code")
	assert.Equal(t, "4100/10030", calls[1]["code"], "CMQ's signature error")
	require.NotNil(t, refused, "a refused signature says why at debug")
	assert.Equal(t, "DEBUG", refused["level"])
	assert.Contains(t, refused["reason"], "string to sign")
	assert.Equal(t, calls[1]["requestId"], refused["requestId"])
	require.NotNil(t, refusedTC3, "so does a refused TC3 signature")
	assert.Contains(t, refusedTC3["reason"], "POST\n/\n")
}
