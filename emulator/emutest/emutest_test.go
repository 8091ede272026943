package emutest_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/scenarios"
)

// describeInstanceList calls trocket DescribeInstanceList through the
// official SDK with the given credentials.
func describeInstanceList(env *emutest.Env, id, key string) error {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = env.TDMQ
	cpf.HttpProfile.Scheme = "http"
	c := common.NewCommonClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("trocket", "2023-03-08", "DescribeInstanceList")
	if err := req.SetActionParameters(map[string]any{}); err != nil {
		return err
	}
	return c.Send(req, tchttp.NewCommonResponse())
}

func errCode(err error) string {
	if e, ok := err.(*tcerr.TencentCloudSDKError); ok {
		return e.Code
	}
	return fmt.Sprint(err)
}

func TestWithAccountsReplacesTheBuiltIns(t *testing.T) {
	builtin := emutest.Start(t)
	env := emutest.Start(t, emutest.WithAccounts(emutest.Account{
		Name:    "team",
		Tencent: emutest.Tencent{SecretID: "AKIDteam0000000000000000000000000001", SecretKey: "team-secret", AppID: 1300000999},
		Alibaba: emutest.Alibaba{AccessKeyID: "LTAIteam000000000001", AccessKeySecret: "team-secret", UID: "1999999999999999"},
	}))
	require.NotNil(t, env.Default)
	assert.Equal(t, "team", env.Default.Name)
	assert.Nil(t, env.Other)
	require.NoError(t, describeInstanceList(env, "AKIDteam0000000000000000000000000001", "team-secret"))
	b := builtin.Default.Tencent
	assert.Error(t, describeInstanceList(env, b.SecretID, b.SecretKey), "the built-in account is gone")
}

func TestWithScenarioFromBytesAndFS(t *testing.T) {
	doc := []byte("name: one-per-second\nrules:\n  - name: list-1qps\n    vendor: " + emulator.TDMQ +
		"\n    service: trocket\n    action: DescribeInstanceList\n    throttle: {rate: 1/s}\n")
	env := emutest.Start(t, emutest.Frozen(), emutest.WithScenario("one.yaml", doc))
	a := env.Default.Tencent
	require.NoError(t, describeInstanceList(env, a.SecretID, a.SecretKey))
	assert.Equal(t, "RequestLimitExceeded", errCode(describeInstanceList(env, a.SecretID, a.SecretKey)))
	require.NoError(t, env.Reset(""))
	require.NoError(t, describeInstanceList(env, a.SecretID, a.SecretKey))
	assert.Equal(t, "RequestLimitExceeded", errCode(describeInstanceList(env, a.SecretID, a.SecretKey)), "a reset keeps the start-up scenario")

	env = emutest.Start(t, emutest.Frozen(), emutest.WithScenarioFS(scenarios.FS, "tdmq-throttled.yaml"))
	a = env.Default.Tencent
	for i := range 20 {
		require.NoError(t, describeInstanceList(env, a.SecretID, a.SecretKey), "call %d", i+1)
	}
	assert.Equal(t, "RequestLimitExceeded", errCode(describeInstanceList(env, a.SecretID, a.SecretKey)))
}

func TestWithTLS(t *testing.T) {
	env := emutest.Start(t, emutest.WithTLS())
	require.True(t, strings.HasPrefix(env.URL(emulator.CMQ), "https://"))
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(env.CertificatePEM()))
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := c.Get(env.URL(emulator.TDMQ) + "/_mqmock/health")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

// TestWithRateLimitsAndOptions: limits on and a CMQ option that sets a
// per-action rate; the second ListQueue in the same (frozen) second is
// throttled, and not without WithRateLimits.
func TestWithRateLimitsAndOptions(t *testing.T) {
	listTwice := func(env *emutest.Env) int {
		a := env.Default.Tencent
		c := cmqclient.New(env.URL(emulator.CMQ), a.SecretID, a.SecretKey)
		_, err := c.Call(context.Background(), "ListQueue", cmqclient.P())
		require.NoError(t, err)
		r, _ := c.Call(context.Background(), "ListQueue", cmqclient.P())
		require.NotNil(t, r)
		return r.Code
	}
	opts := emutest.WithOptions(emulator.CMQ, map[string]any{"qpsPerAccountAction": 1})
	assert.Equal(t, 4480, listTwice(emutest.Start(t, emutest.Frozen(), emutest.WithRateLimits(), opts)))
	assert.Equal(t, 0, listTwice(emutest.Start(t, emutest.Frozen(), opts)))
}

// fatal records Start's failure instead of ending the test.
type fatal struct {
	testing.TB
	msg string
}

func (f *fatal) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(f)
}

func startFails(t *testing.T, opts ...emutest.Option) string {
	f := &fatal{TB: t}
	func() {
		defer func() {
			if r := recover(); r != nil && r != any(f) {
				panic(r)
			}
		}()
		emutest.Start(f, opts...)
	}()
	return f.msg
}

func TestOptionMistakesFailStart(t *testing.T) {
	assert.Contains(t, startFails(t, emutest.WithOptions("nosuchdoor", map[string]any{"x": 1})), `unknown door "nosuchdoor"`)
	assert.Contains(t, startFails(t, emutest.WithOptions(emulator.CMQ, map[string]any{"noSuchOption": 1})), "noSuchOption")
	assert.Contains(t, startFails(t, emutest.WithScenarioFS(scenarios.FS, "missing-*.yaml")), `no file matches "missing-*.yaml"`)
	assert.Contains(t, startFails(t, emutest.WithScenario("bad.yaml", []byte("rules:\n  - name: x\n    vendor: nosuch\n"))), "bad.yaml")
}

func TestStartLeavesTheEnvironmentAlone(t *testing.T) {
	t.Setenv("NO_PROXY", "example.invalid")
	emutest.Start(t)
	assert.Equal(t, "example.invalid", os.Getenv("NO_PROXY"))
}

// WithConfigFile starts the emulator a configuration file describes: its
// accounts (Env.Default is the first, in public types) and the resources
// they declare, seen through the official SDK. A file mistake fails Start
// with the loader's one line.
func TestWithConfigFile(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfigFile(filepath.Join("..", "..", "examples", "mqmock.yaml")))
	require.NotNil(t, env.Default)
	assert.Equal(t, "team-a", env.Default.Name)
	assert.Equal(t, []emutest.MQTTInstance{{ID: "post-cn-teama00001", ParentTopics: []string{"orders"}}}, env.Default.MQTTInstances)
	assert.Nil(t, env.Other)
	a := env.Default.Tencent
	raw := describe(t, env, a.SecretID, a.SecretKey, "DescribeTopicList", map[string]any{"InstanceId": "rmq-teama01"})
	assert.Contains(t, raw, `"order-paid"`)

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("auth:\n  verfy: false\n"), 0o600))
	assert.Equal(t, "emutest: WithConfigFile: config file "+bad+` line 2: unknown key "auth.verfy" (did you mean auth.verify?)`,
		startFails(t, emutest.WithConfigFile(bad)))
}

// WithConfig edits the public emulator.Config by field.
func TestWithConfigEditsByField(t *testing.T) {
	env := emutest.Start(t, emutest.WithoutVerify(), emutest.WithConfig(func(c *emulator.Config) { c.Journal.Size = 7 }))
	assert.NoError(t, describeInstanceList(env, env.Default.Tencent.SecretID, "any secret: not verified"))
}

// describe calls a trocket action through the official SDK and returns the
// answer's body.
func describe(t *testing.T, env *emutest.Env, id, key, action string, params map[string]any) string {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = env.TDMQ, "http"
	c := common.NewCommonClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("trocket", "2023-03-08", action)
	require.NoError(t, req.SetActionParameters(params))
	resp := tchttp.NewCommonResponse()
	require.NoError(t, c.Send(req, resp))
	return string(resp.GetBody())
}
