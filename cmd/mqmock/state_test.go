package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
)

// process is the built binary, running.
type process struct {
	cmd    *exec.Cmd
	addrs  map[string]string // door title → host:port, from the banner
	stderr *syncBuffer
}

var bannerLine = regexp.MustCompile(`^  (CMQ|TDMQ|ONS|MQTT) .* https?://([^/\s]+)`)

// startBinary runs the binary and waits for its banner.
func startBinary(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NO_PROXY=127.0.0.1,localhost")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &process{cmd: cmd, addrs: map[string]string{}, stderr: &syncBuffer{}}
	cmd.Stderr = p.stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := bannerLine.FindStringSubmatch(sc.Text()); m != nil {
				p.addrs[m[1]] = m[2]
			}
			if strings.Contains(sc.Text(), "control API:") {
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		t.Fatalf("no banner; stderr: %s", p.stderr.String())
	}
	return p
}

// stop sends SIGTERM, as a container runtime does, and returns the exit code.
func (p *process) stop(t *testing.T) int {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	return p.cmd.ProcessState.ExitCode()
}

func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mqmock")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// Queues, messages (one in flight, with its receipt handle), MQTT tokens
// and the clock's offset survive kill -TERM and a restart with the same
// --state-file.
func TestStateFileSurvivesARestartOfTheBinary(t *testing.T) {
	bin := buildBinary(t)
	state := filepath.Join(t.TempDir(), "state.json")
	args := []string{"--config", freeConfig(t), "--state-file", state}

	first := startBinary(t, bin, args...)
	ctx := context.Background()
	resp, err := http.Post("http://"+first.addrs["CMQ"]+"/_mqmock/clock", "application/json", strings.NewReader(`{"advance":"1h"}`))
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	c := cmqclient.New("http://"+first.addrs["CMQ"], "AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	_, err = c.Call(ctx, "CreateQueue", cmqclient.P("queueName", "orders", "visibilityTimeout", "3600"))
	require.NoError(t, err)
	for _, body := range []string{"first", "second"} {
		_, err = c.Call(ctx, "SendMessage", cmqclient.P("queueName", "orders", "msgBody", body))
		require.NoError(t, err)
	}
	got, err := c.Call(ctx, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
	require.NoError(t, err)
	var inFlight struct{ MsgBody, ReceiptHandle string }
	require.NoError(t, got.Into(&inFlight))
	require.Equal(t, "first", inFlight.MsgBody)

	token := applyToken(t, first.addrs["MQTT"], time.Now().Add(25*time.Hour))
	require.Equal(t, 0, first.stop(t), "stderr: %s", first.stderr.String())
	data, err := os.ReadFile(state)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"format": "mqmock-state"`)

	second := startBinary(t, bin, args...)
	c.Endpoint = "http://" + second.addrs["CMQ"]
	var clock struct{ Offset string }
	getJSON(t, "http://"+second.addrs["CMQ"]+"/_mqmock/clock", &clock)
	offset, err := time.ParseDuration(clock.Offset)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, offset, time.Hour, "the clock's offset is back")

	got, err = c.Call(ctx, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
	require.NoError(t, err, "the visible message is there")
	var visible struct{ MsgBody string }
	require.NoError(t, got.Into(&visible))
	assert.Equal(t, "second", visible.MsgBody)
	_, err = c.Call(ctx, "DeleteMessage", cmqclient.P("queueName", "orders", "receiptHandle", inFlight.ReceiptHandle))
	assert.NoError(t, err, "the receipt handle of the message in flight still deletes it")
	assert.True(t, queryToken(t, second.addrs["MQTT"], token), "the MQTT token is valid again")
	assert.Equal(t, 0, second.stop(t), "stderr: %s", second.stderr.String())
}

func applyToken(t *testing.T, addr string, expires time.Time) string {
	t.Helper()
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	require.NoError(t, err)
	c.Domain = addr
	req := onsmqtt.CreateApplyTokenRequest()
	req.Scheme, req.InstanceId, req.Resources, req.Actions = "http", "post-cn-mqmock00001", "mqmock/a", "R"
	req.ExpireTime = requests.NewInteger64(expires.UnixMilli())
	resp, err := c.ApplyToken(req)
	require.NoError(t, err)
	return resp.Token
}

func queryToken(t *testing.T, addr, token string) bool {
	t.Helper()
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	require.NoError(t, err)
	c.Domain = addr
	req := onsmqtt.CreateQueryTokenRequest()
	req.Scheme, req.InstanceId, req.Token = "http", "post-cn-mqmock00001", token
	resp, err := c.QueryToken(req)
	require.NoError(t, err)
	return resp.TokenStatus
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
}

// A state file this build cannot read stops start-up with one line that
// names the file and what to do, exits non-zero, and leaves the file as it
// was: its data is never dropped by the first save.
func TestAStateFileThatCannotBeReadStopsStartUp(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	older := write("older.json", `{"format":"mqmock-state","version":0,"products":{}}`)
	newer := write("newer.json", `{"format":"mqmock-state","version":2,"products":{}}`)
	garbage := write("garbage.json", "\x00\x01 not json")
	badPart := write("bad-part.json", `{"format":"mqmock-state","version":1,"mqmockVersion":"0.0.9","commit":"x","savedAt":"2026-01-01T00:00:00Z","clock":{"offset":"0s"},"products":{"mqtt":{"mqtt":{"version":3}}}}`)
	cfg := freeConfig(t)
	cases := []struct {
		name string
		args []string
		env  []string
		file string
		want string
	}{
		{"an older build's version", []string{"--config", cfg, "--state-file", older}, nil, older, "state version 0 is not one this build reads"},
		{"a newer build's version", []string{"--config", cfg, "--state-file", newer}, nil, newer, "written by a newer mqmock"},
		{"not a state file", []string{"--config", cfg, "--state-file", garbage}, nil, garbage, "not a state document"},
		{"a product part from a newer build", []string{"--config", cfg}, []string{"MQMOCK_STATE_FILE=" + badPart}, badPart, "products.mqtt.mqtt: version 3 was written by a newer mqmock"},
		{"a directory", []string{"--config", cfg, "--state-file", dir}, nil, dir, "is a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.file)
			r := cli(tc.args, tc.env)
			assertOneLineFailure(t, r, 1, "state file "+tc.file+": "+tc.want)
			assert.NotContains(t, r.stdout, "is ready")
			after, _ := os.ReadFile(tc.file)
			assert.Equal(t, before, after, "the file is left as it was")
		})
	}
}
