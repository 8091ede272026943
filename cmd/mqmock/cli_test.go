package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/internal/account"
)

// startServer runs the emulator in-process as main does and returns the
// first door's host:port once the banner is printed; it stops at cleanup.
func startServer(t *testing.T, args, env []string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, env, out, errOut) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("the server did not stop")
		}
	})
	re := regexp.MustCompile(`control API: https?://([^/\s]+)/_mqmock/health`)
	var addr string
	require.Eventually(t, func() bool {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
			return true
		}
		return false
	}, 10*time.Second, 5*time.Millisecond, "banner never printed; stderr: %s", errOut.String())
	return addr
}

// freePort is a port nothing listens on just now.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	require.NoError(t, ln.Close())
	return port
}

// configWithFirstDoorOn writes a config whose first door listens on port
// (the others on free ports) plus extra YAML.
func configWithFirstDoorOn(t *testing.T, port, extra string) string {
	t.Helper()
	var b strings.Builder
	for i, n := range emulator.Names() {
		p := "0"
		if i == 0 {
			p = port
		}
		fmt.Fprintf(&b, "%s: {listen: 127.0.0.1:%s}\n", n, p)
	}
	b.WriteString(extra)
	path := filepath.Join(t.TempDir(), "mqmock.yaml")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return path
}

type result struct {
	code           int
	stdout, stderr string
}

func cli(args, env []string) result {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, env, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func assertOneLineFailure(t *testing.T, r result, code int, want string) {
	t.Helper()
	assert.Equal(t, code, r.code, "stderr: %s", r.stderr)
	assert.Contains(t, r.stderr, want)
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
}

func TestSubcommandsFindTheServerAsTheServerDoes(t *testing.T) {
	port := freePort(t)
	cfg := configWithFirstDoorOn(t, port, "control: {token: s3cret}\n")
	addr := startServer(t, []string{"--config", cfg}, nil)
	require.Equal(t, "127.0.0.1:"+port, addr)

	cases := []struct {
		name string
		args []string
		env  []string
		code int
		want string // in stderr
	}{
		{"by --config", []string{"health", "--config", cfg}, nil, 0, ""},
		{"by MQMOCK_CONFIG", []string{"wait"}, []string{"MQMOCK_CONFIG=" + cfg}, 0, ""},
		{"by MQMOCK_*_LISTEN and the token's variable", []string{"reset"},
			[]string{"MQMOCK_" + strings.ToUpper(emulator.Names()[0]) + "_LISTEN=0.0.0.0:" + port, "MQMOCK_CONTROL_TOKEN=s3cret"}, 0, ""},
		{"by --addr with the token", []string{"health", "--addr", addr}, []string{"MQMOCK_CONTROL_TOKEN=s3cret"}, 0, ""},
		{"health needs no token", []string{"wait", "--addr", addr}, nil, 0, ""},
		{"no token", []string{"coverage", "--addr", addr}, nil, 1, "401"},
		{"no token for a scenario", []string{"scenario", "check", writeFile(t, "s.yaml", "rules: []\n"), "--addr", addr}, nil, 1, "needs its token"},
		{"wrong token", []string{"reset", "--addr", addr}, []string{"MQMOCK_CONTROL_TOKEN=nope"}, 1, "401"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := cli(tc.args, tc.env)
			if tc.code == 0 {
				assert.Equal(t, 0, r.code, "stderr: %s", r.stderr)
				return
			}
			assertOneLineFailure(t, r, tc.code, tc.want)
			assert.Less(t, time.Since(start), 10*time.Second)
		})
	}
}

func TestSubcommandFailures(t *testing.T) {
	dead := "127.0.0.1:" + freePort(t)
	port0 := configWithFirstDoorOn(t, "0", "")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"nothing listens", []string{"health", "--addr", dead}, 1, "mqmock health: GET http://" + dead},
		{"wait times out", []string{"wait", "--addr", dead, "--timeout", "300ms"}, 1, "not ready after 300ms"},
		{"reset, nothing listens", []string{"reset", "--addr", dead}, 1, "mqmock reset:"},
		{"coverage, nothing listens", []string{"coverage", "--addr", dead}, 1, "mqmock coverage:"},
		{"port 0 in the config", []string{"wait", "--config", port0}, 1, "give --addr"},
		{"bad config", []string{"wait", "--config", filepath.Join(t.TempDir(), "none.yaml")}, 1, "none.yaml"},
		{"scenario without a file", []string{"scenario", "apply", "--addr", dead}, 2, "want 2 argument(s)"},
		{"scenario bad verb", []string{"scenario", "run", "x.yaml", "--addr", dead}, 2, "neither apply nor check"},
		{"coverage bad format", []string{"coverage", "--format", "xml", "--addr", dead}, 2, "text, json or junit"},
		{"unknown flag", []string{"reset", "--hard"}, 2, "-hard"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := cli(tc.args, nil)
			assert.Equal(t, tc.code, r.code, "stderr: %s", r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			if tc.code == 1 {
				assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
			}
		})
	}
}

// wait keeps polling while the emulator answers "not ready" (503, as it
// does until start-up scenarios are loaded) and returns 0 once it is ready.
// The health endpoint is a stand-in that says when it was polled, so the
// test knows wait is polling without sleeping.
func TestWaitSucceedsOnceTheServerIsReady(t *testing.T) {
	var ready atomic.Bool
	polled := make(chan struct{}, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/_mqmock/health" {
			http.NotFound(w, r)
			return
		}
		if !ready.Load() {
			polled <- struct{}{}
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"ready":false}`))
			return
		}
		_, _ = w.Write([]byte(`{"ready":true}`))
	}))
	defer srv.Close()
	waited := make(chan result, 1)
	go func() {
		waited <- cli([]string{"wait", "--addr", strings.TrimPrefix(srv.URL, "http://"), "--timeout", "20s"}, nil)
	}()
	for i := 0; i < 2; i++ {
		select {
		case <-polled:
		case <-time.After(10 * time.Second):
			t.Fatal("wait never polled")
		}
	}
	select {
	case r := <-waited:
		t.Fatalf("wait returned while not ready: %+v", r)
	default:
	}
	ready.Store(true)
	select {
	case r := <-waited:
		assert.Equal(t, 0, r.code, r.stderr)
	case <-time.After(15 * time.Second):
		t.Fatal("wait did not return once the server was ready")
	}
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

func TestScenarioApplyCheckAndReset(t *testing.T) {
	door := emulator.Names()[0]
	startup := writeFile(t, "startup.yaml", "rules: [{name: a, vendor: "+door+", action: SendMessage, error: ServerInternalError}, {name: b, vendor: "+door+", action: DeleteQueue, error: ServerInternalError}]\n")
	addr := startServer(t, []string{"--config", freeConfig(t), "--scenario", startup}, nil)
	good := writeFile(t, "good.yaml", "rules: [{name: boom, vendor: "+door+", action: ListQueue, error: ServerInternalError}]\n")
	goodJSON := writeFile(t, "good.json", `{"rules": [{"name": "boom", "vendor": "`+door+`", "action": "ListQueue", "error": "ServerInternalError"}]}`)
	bad := writeFile(t, "bad.yaml", "rules: [{name: boom, vendor: "+door+", action: ListQueue, error: NoSuchError}]\n")

	rules := func() int {
		data, err := (&clientFlags{addr: addr}).mustTarget(t).do(context.Background(), "GET", "/_mqmock/scenario", "", nil)
		require.NoError(t, err)
		var v struct {
			Rules []json.RawMessage `json:"rules"`
		}
		require.NoError(t, json.Unmarshal(data, &v))
		return len(v.Rules)
	}

	r := cli([]string{"scenario", "check", good, "--addr", addr}, nil)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "valid")
	assert.Equal(t, 2, rules(), "check changes nothing")

	r = cli([]string{"scenario", "check", "--addr", addr, goodJSON}, nil)
	assert.Equal(t, 0, r.code, r.stderr)

	r = cli([]string{"scenario", "check", bad, "--addr", addr}, nil)
	assertOneLineFailure(t, r, 1, "NoSuchError")
	assert.Contains(t, r.stderr, "bad.yaml")

	r = cli([]string{"scenario", "apply", bad, "--addr", addr}, nil)
	assertOneLineFailure(t, r, 1, "NoSuchError")
	assert.Equal(t, 2, rules())

	r = cli([]string{"scenario", "apply", filepath.Join(t.TempDir(), "gone.yaml"), "--addr", addr}, nil)
	assertOneLineFailure(t, r, 1, "gone.yaml")

	r = cli([]string{"scenario", "apply", good, "--addr", addr}, nil)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 1, rules())

	r = cli([]string{"reset", "--addr", addr}, nil)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 2, rules(), "a plain reset restores the start-up scenario")
	r = cli([]string{"reset", "--clear-scenarios", "--addr", addr}, nil)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 0, rules())
}

func (cf *clientFlags) mustTarget(t *testing.T) *target {
	tg, err := cf.target(nil)
	require.NoError(t, err)
	return tg
}

func TestCoverageFormatsAndThreshold(t *testing.T) {
	addr := startServer(t, []string{"--config", freeConfig(t)}, nil)
	door := emulator.Names()[0]

	r := cli([]string{"coverage", "--format", "json", "--addr", addr}, nil)
	require.Equal(t, 0, r.code, r.stderr)
	var rep faults.CoverageReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Contains(t, rep.Vendors, door)
	var code string
	for _, n := range rep.Vendors[door].Never {
		if n.Documented && n.Name == "ServerInternalError" {
			code = n.Name
		}
	}
	require.NotEmpty(t, code, "ServerInternalError is a documented code of %s", door)

	// Return it once through a rule and a signed call.
	rule := writeFile(t, "r.yaml", "rules: [{name: once, vendor: "+door+", action: ListQueue, error: "+code+"}]\n")
	require.Equal(t, 0, cli([]string{"scenario", "apply", rule, "--addr", addr}, nil).code)
	c := cmqclient.New("http://"+addr, "AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	_, _ = c.Call(context.Background(), "ListQueue", nil)

	r = cli([]string{"coverage", "--addr", addr}, nil)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "VENDOR")
	assert.Regexp(t, `(?m)^`+door+`\s+ServerInternalError\b`, r.stdout)

	r = cli([]string{"coverage", "--format", "junit", "--addr", addr}, nil)
	require.Equal(t, 0, r.code, r.stderr)
	var suites junitSuites
	require.NoError(t, xml.Unmarshal([]byte(r.stdout), &suites), r.stdout)
	pct, documented, returned := coveragePercent(rep)
	_ = pct
	assert.Equal(t, documented, suites.Tests, "one test case per documented code")
	assert.Equal(t, documented-returned-1, suites.Failures, "every documented code never returned fails, ServerInternalError of %s passes", door)
	var passed []string
	for _, s := range suites.Suites {
		for _, tc := range s.Cases {
			if tc.Failure == nil {
				passed = append(passed, s.Name+"/"+tc.Name)
			}
		}
	}
	assert.Len(t, passed, 1)
	assert.Contains(t, passed[0], door+"/ServerInternalError")

	thresholds := []struct {
		n    string
		code int
	}{{"0", 0}, {"0.01", 0}, {"50", 1}, {"100", 1}}
	for _, th := range thresholds {
		t.Run("fail-under "+th.n, func(t *testing.T) {
			r := cli([]string{"coverage", "--fail-under", th.n, "--addr", addr}, nil)
			assert.Equal(t, th.code, r.code, r.stderr)
			if th.code != 0 {
				assertOneLineFailure(t, r, 1, "under --fail-under "+th.n)
				assert.Contains(t, r.stdout, "VENDOR", "the report is printed all the same")
			}
		})
	}
	assertOneLineFailure(t, cli([]string{"coverage", "--fail-under", "101", "--addr", addr}, nil), 2, "percentage")
}

func TestHelpListsSubcommandsAndVariables(t *testing.T) {
	r := cli([]string{"--help"}, nil)
	assert.Equal(t, 0, r.code)
	assert.Empty(t, r.stderr)
	for _, want := range append(commandNames(), "--version", "MQMOCK_CONFIG", "MQMOCK_SCENARIOS", "MQMOCK_CONTROL_TOKEN", "MQMOCK_SERVER_MAXCONNECTIONS", "MQMOCK_TLS_CERTFILE", "MQMOCK_CMQ_MAXQUEUES", "MQMOCK_ONS_MAXGROUPS", "MQMOCK_MQTT_MESSAGEHISTORY", "MQMOCK_TDMQ_ROCKETMQ4_VIRTUALTOPICS", "the config key tdmq.rocketmq4.virtualTopics") {
		assert.Contains(t, r.stdout, strings.TrimPrefix(want, "-"))
	}
	for _, n := range emulator.Names() {
		assert.Contains(t, r.stdout, "MQMOCK_"+strings.ToUpper(n)+"_LISTEN")
	}
	// A mistake prints the usage on stderr, and exits 2.
	r = cli([]string{"--nope"}, nil)
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "MQMOCK_CONFIG")
}

// With tls.enabled the subcommands speak HTTPS to the loopback emulator,
// whose certificate was made at start.
func TestSubcommandsOverTLS(t *testing.T) {
	port := freePort(t)
	cfg := configWithFirstDoorOn(t, port, "tls: {enabled: true}\n")
	startServer(t, []string{"--config", cfg}, nil)
	for _, args := range [][]string{{"wait", "--timeout", "5s"}, {"reset"}, {"coverage", "--format", "json"}} {
		r := cli(append(args, "--config", cfg), nil)
		assert.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
	}
	// Plain HTTP to the TLS port fails, in one line.
	r := cli([]string{"reset", "--addr", "127.0.0.1:" + port}, nil)
	assertOneLineFailure(t, r, 1, "mqmock reset:")
}

// Every list and map setting has a variable, listed with its form in
// --help, and the one setting no variable can hold is listed with why.
// The server reads them: MQMOCK_TDMQ_REGIONS limits the regions served.
func TestHelpListsListSettingsAndTheConfigFileOnlyOnes(t *testing.T) {
	r := cli([]string{"--help"}, nil)
	require.Equal(t, 0, r.code)
	for _, want := range []string{
		"MQMOCK_CONTROL_ALLOWEDHOSTS                  the config key control.allowedHosts, as a comma-separated list\n",
		"MQMOCK_TDMQ_REGIONS                          the config key tdmq.regions, as a comma-separated list\n",
		"MQMOCK_ONS_UNSUPPORTEDACTIONS                the config key ons.unsupportedActions, as a comma-separated list\n",
		"MQMOCK_TDMQ_RATELIMITOVERRIDES               the config key tdmq.rateLimitOverrides, as a comma-separated list of name=value pairs\n",
		"MQMOCK_MQTT_QPS                              the config key mqtt.qps, as a comma-separated list of name=value pairs\n",
		"Config file only (no variable):\n  accounts ",
	} {
		assert.Contains(t, r.stdout, want)
	}

	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	env := []string{"MQMOCK_CMQ_LISTEN=127.0.0.1:0", "MQMOCK_TDMQ_LISTEN=127.0.0.1:0", "MQMOCK_ONS_LISTEN=127.0.0.1:0", "MQMOCK_MQTT_LISTEN=127.0.0.1:0",
		"MQMOCK_TDMQ_REGIONS=ap-shanghai, ap-beijing"}
	go func() { done <- run(ctx, nil, env, out, errOut) }()
	re := regexp.MustCompile(`TDMQ .*http://(127\.0\.0\.1:\d+)`)
	var addr string
	require.Eventually(t, func() bool {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
		}
		return addr != ""
	}, 10*time.Second, 5*time.Millisecond, "banner never printed; stderr: %s", errOut.String())
	defer func() { cancel(); <-done }()
	region := func(region string) error {
		cpf := profile.NewClientProfile()
		cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = addr, "http"
		d := account.Defaults()[0].Tencent
		c := common.NewCommonClient(common.NewCredential(d.SecretID, d.SecretKey), region, cpf)
		req := tchttp.NewCommonRequest("trocket", "2023-03-08", "DescribeInstanceList")
		require.NoError(t, req.SetActionParameters(map[string]any{}))
		return c.Send(req, tchttp.NewCommonResponse())
	}
	assert.NoError(t, region("ap-beijing"))
	err := region("ap-guangzhou")
	var se *tcerr.TencentCloudSDKError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "UnsupportedRegion", se.Code)
}
