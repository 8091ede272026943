package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// syncBuffer lets the test read what run prints while it is still running.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func freeConfig(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "mqmock.yaml")
	require.NoError(t, os.WriteFile(p, []byte(`
cmq: {listen: 127.0.0.1:0}
tdmq: {listen: 127.0.0.1:0}
ons: {listen: 127.0.0.1:0}
mqtt: {listen: 127.0.0.1:0}
`), 0o600))
	return p
}

func TestStartsServesAndStopsOnSignal(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	errOut := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--config", freeConfig(t)}, nil, out, errOut) }()

	re := regexp.MustCompile(`control API: http://(127\.0\.0\.1:\d+)/_mqmock/health`)
	var addr string
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(out.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	}, 10*time.Second, 5*time.Millisecond, "banner never printed; stderr: %s", errOut.String())
	banner := out.String()
	for _, want := range []string{"AKIDmqmock00000000000000000000000001", "mqmock-secret-key", "LTAImqmock0000000000001", "post-cn-mqmock00001", "MQ_INST_1000000000000001_mqmock01", "account \"other\""} {
		assert.Contains(t, banner, want)
	}

	resp, err := http.Get("http://" + addr + "/_mqmock/health")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	// The banner says where the dashboard is, and it is there.
	ui := regexp.MustCompile(`dashboard: +(http://127\.0\.0\.1:\d+/_mqmock/ui/) \(on every port\)`).FindStringSubmatch(banner)
	require.NotNil(t, ui, banner)
	resp, err = http.Get(ui[1])
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/html")

	cancel() // what SIGINT/SIGTERM do through signal.NotifyContext
	select {
	case code := <-done:
		assert.Equal(t, 0, code)
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after the signal")
	}
	_, err = http.Get("http://" + addr + "/_mqmock/health")
	assert.Error(t, err, "nothing listens after shutdown")
}

func TestStartUpErrorsAreOneLineNamingTheKey(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("cmq: {listen: 127.0.0.1:99999}\n"), 0o600))
	typo := filepath.Join(dir, "typo.yaml")
	require.NoError(t, os.WriteFile(typo, []byte("cmq:\n  listen: 127.0.0.1:0\n  maxQueus: 3\n"), 0o600))
	malformed := filepath.Join(dir, "malformed.yaml")
	require.NoError(t, os.WriteFile(malformed, []byte("log:\n  level: info\n format: json\n"), 0o600))
	cases := []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"port out of range", []string{"--config", bad}, nil, "cmq.listen"},
		{"unreadable file", []string{"--config", filepath.Join(dir, "nope.yaml")}, nil, "nope.yaml"},
		{"bad env", nil, []string{"MQMOCK_AUTH_VERIFY=perhaps"}, "verify"},
		{"missing scenario", []string{"--scenario", filepath.Join(dir, "gone.yaml")}, nil, "gone.yaml"},
		{"a product option misspelt", []string{"--config", typo}, nil, `unknown key "cmq.maxQueus" (did you mean cmq.maxQueues?)`},
		{"a product option by its variable", nil, []string{"MQMOCK_CMQ_MAXQUEUES=0"}, "config key cmq.maxQueues: 0 must be at least 1"},
		{"a nested product option by its variable", nil, []string{"MQMOCK_TDMQ_ROCKETMQ4_VIRTUALTOPICS=x"}, "virtualTopics"},
		{"a product option's variable misspelt", nil, []string{"MQMOCK_CMQ_MAXQUEUS=2"}, "environment variable MQMOCK_CMQ_MAXQUEUS: unknown setting (did you mean MQMOCK_CMQ_MAXQUEUES?)"},
		{"malformed YAML", []string{"--config", malformed}, nil, `malformed.yaml line 3: did not find expected key ("format: json")`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, tc.env, &out, &errOut)
			assert.NotEqual(t, 0, code)
			msg := errOut.String()
			assert.Contains(t, msg, tc.want)
			assert.Equal(t, 1, strings.Count(msg, "\n"), "exactly one line: %q", msg)
			assert.NotContains(t, msg, "goroutine", "never a stack trace")
		})
	}
}

// The unknown-key case in a vendor section is the vendor's to report; until
// a vendor takes options every key there is unknown.
func TestUnknownVendorOptionIsRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	require.NoError(t, os.WriteFile(p, []byte("cmq: {listen: 127.0.0.1:0, colour: blue}\n"), 0o600))
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--config", p}, nil, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "cmq.colour")
}

// A second signal during a graceful shutdown that waits for a call held by
// a timeout fault exits at once instead of waiting out the grace period.
func TestASecondSignalExitsAtOnce(t *testing.T) {
	scenario := filepath.Join(t.TempDir(), "hold.yaml")
	require.NoError(t, os.WriteFile(scenario, []byte("rules: [{name: hold, vendor: cmq, action: ListQueue, timeout: true}]\n"), 0o600))
	sigs := make(chan os.Signal, 2)
	exited := make(chan int, 1)
	out, errOut := &syncBuffer{}, &syncBuffer{}
	go func() {
		serveUntilSignalled(sigs, func(code int) { exited <- code }, []string{"--config", freeConfig(t), "--scenario", scenario}, nil, out, errOut)
	}()
	re := regexp.MustCompile(`CMQ +legacy CMQ HTTP API +http://(127\.0\.0\.1:\d+)/v2/index.php`)
	var addr string
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(out.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	}, 10*time.Second, 5*time.Millisecond, "banner never printed; stderr: %s", errOut.String())

	// A signed call that the fault holds.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := cmqclient.New("http://"+addr, "AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	held := make(chan struct{})
	go func() { _, _ = c.Call(ctx, "ListQueue", nil); close(held) }()
	// The call is held once the rule has fired on it (its hit counter).
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/_mqmock/scenario")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		var view struct{ Rules []struct{ Hits int64 } }
		return json.NewDecoder(resp.Body).Decode(&view) == nil && len(view.Rules) == 1 && view.Rules[0].Hits == 1
	}, 10*time.Second, 5*time.Millisecond, "the call never reached the fault")

	sigs <- os.Interrupt
	select {
	case <-exited:
		t.Fatal("the first signal must shut down gracefully, not exit")
	case <-time.After(200 * time.Millisecond):
	}
	sigs <- os.Interrupt
	select {
	case code := <-exited:
		assert.Equal(t, 1, code)
		assert.Contains(t, errOut.String(), "exiting without waiting")
	case <-time.After(2 * time.Second):
		t.Fatal("the second signal did not exit at once")
	}
	cancel() // the held call gives up, so the graceful shutdown ends too
	<-held
}

// exampleTDMQ calls a TDMQ action of the example's account through the
// official SDK and returns the answer's body.
func exampleTDMQ(t *testing.T, addr, service, version, action string, params map[string]any) string {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = addr, "http"
	client := common.NewCommonClient(common.NewCredential("AKIDteamA0000000000000000000000000001", "team-a-secret-key"), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest(service, version, action)
	require.NoError(t, req.SetActionParameters(params))
	resp := tchttp.NewCommonResponse()
	require.NoError(t, client.Send(req, resp), action)
	return string(resp.GetBody())
}

// examples/mqmock.yaml starts the binary with its resources, which the API
// lists, and a reset brings them back; an entry the API would refuse stops
// start-up with one line naming it.
func TestTheExampleConfigDeclaresResources(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "mqmock.yaml")
	free := []string{"MQMOCK_CMQ_LISTEN=127.0.0.1:0", "MQMOCK_TDMQ_LISTEN=127.0.0.1:0", "MQMOCK_ONS_LISTEN=127.0.0.1:0", "MQMOCK_MQTT_LISTEN=127.0.0.1:0"}
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--config", example}, free, out, errOut) }()
	re := regexp.MustCompile(`control API: http://(127\.0\.0\.1:\d+)/_mqmock/health`)
	var addr string
	require.Eventually(t, func() bool {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
		}
		return addr != ""
	}, 10*time.Second, 5*time.Millisecond, "banner never printed; stderr: %s", errOut.String())

	c := cmqclient.New("http://"+addr, "AKIDteamA0000000000000000000000000001", "team-a-secret-key")
	queues := func() string {
		r, err := c.Call(context.Background(), "ListQueue", cmqclient.P())
		require.NoError(t, err)
		return string(r.Fields["queueList"])
	}
	assert.Contains(t, queues(), `"orders-audit"`)
	_, err := c.Call(context.Background(), "DeleteQueue", cmqclient.P("queueName", "orders"))
	require.NoError(t, err)
	assert.NotContains(t, queues(), `"orders"`)
	resp, err := http.Post("http://"+addr+"/_mqmock/reset", "application/json", nil)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Contains(t, queues(), `"orders"`)
	r, err := c.Call(context.Background(), "GetQueueAttributes", cmqclient.P("queueName", "orders"))
	require.NoError(t, err)
	assert.Equal(t, "45", string(r.Fields["visibilityTimeout"]))
	assert.Contains(t, string(r.Fields["deadLetterPolicy"]), `orders-dead`)
	tdmqAddr := regexp.MustCompile(`TDMQ .*http://(127\.0\.0\.1:\d+)`).FindStringSubmatch(out.String())
	require.NotNil(t, tdmqAddr, out.String())
	assert.Contains(t, exampleTDMQ(t, tdmqAddr[1], "tdmq", "2020-02-17", "DescribeRocketMQTopics",
		map[string]any{"ClusterId": "rocketmq-teama01", "NamespaceId": "prod", "Offset": 0, "Limit": 20}), `"order-created"`)
	assert.Contains(t, exampleTDMQ(t, tdmqAddr[1], "trocket", "2023-03-08", "DescribeConsumerGroupList",
		map[string]any{"InstanceId": "rmq-teama01"}), `"shipping"`)
	cancel()
	assert.Equal(t, 0, <-done)

	data, err := os.ReadFile(example)
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	require.NoError(t, os.WriteFile(bad, bytes.Replace(data, []byte("- name: orders-audit"), []byte("- name: 1bad"), 1), 0o600))
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{"--config", bad}, free, &stdout, &stderr))
	assert.Equal(t, "mqmock: config: accounts[0].resources.cmq.queues[1] (1bad): 4000/10020: queue name format error\n", stderr.String())
}
