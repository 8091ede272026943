package scenarios_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/scenarios"
)

var ready = []string{
	"chaos-demo.yaml",
	"cmq-flaky-receive.yaml",
	"mqtt-token-overflow.yaml",
	"ons-system-errors.yaml",
	"slow-network.yaml",
	"tdmq-throttled.yaml",
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(scenarios.FS, name)
	require.NoError(t, err)
	return b
}

// TestEveryScenarioLoads loads each ready file into a real emulator, so each
// is validated against the vendors' actual catalogues and options.
func TestEveryScenarioLoads(t *testing.T) {
	files, err := fs.Glob(scenarios.FS, "*.yaml")
	require.NoError(t, err)
	assert.Equal(t, ready, files)
	e, err := emulator.New(emulator.DefaultConfig())
	require.NoError(t, err)
	t.Cleanup(func() { _ = e.Shutdown(t.Context()) })
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			body := read(t, f)
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPut, "/_mqmock/scenario", strings.NewReader(string(body)))
			req.Host = "127.0.0.1" // the control API answers loopback hosts only
			req.Header.Set("Content-Type", "application/yaml")
			e.Handler("cmq").ServeHTTP(rec, req)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			doc, err := faults.Parse(f, body)
			require.NoError(t, err)
			assert.Equal(t, strings.TrimSuffix(f, ".yaml"), doc.Name, "a file's name is its scenario's name")
			assert.NotEmpty(t, doc.Rules)
			for _, r := range doc.Rules {
				assert.NotEmpty(t, r.Name, "every ready rule is named, for the journal")
			}
		})
	}
}

// TestScenariosCombine: rule names are unique across the ready files, so
// any of them can be loaded together (--scenario a --scenario b).
func TestScenariosCombine(t *testing.T) {
	seen := map[string]string{}
	for _, f := range ready {
		doc, err := faults.Parse(f, read(t, f))
		require.NoError(t, err)
		for _, r := range doc.Rules {
			prev, dup := seen[r.Name]
			assert.False(t, dup, "%s: rule %q is also in %s", f, r.Name, prev)
			seen[r.Name] = f
		}
	}
}

func put(t *testing.T, env *emutest.Env, name string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, env.URL("cmq")+"/_mqmock/scenario", strings.NewReader(string(read(t, name))))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// startFrozen starts an emulator whose virtual clock stands still unless the
// test advances it: a 20/s bucket then refills only when the test says so,
// however slowly a -race run makes its calls.
func startFrozen(t *testing.T) *emutest.Env {
	t.Helper()
	// The SDKs honour HTTP(S)_PROXY even for loopback; for this test only.
	t.Setenv("NO_PROXY", "127.0.0.1,localhost")
	return emutest.Start(t, emutest.Frozen())
}

func TestTDMQThrottledScenario(t *testing.T) {
	env := startFrozen(t)
	put(t, env, "tdmq-throttled.yaml")
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = env.TDMQ, "http"
	c := common.NewCommonClient(common.NewCredential(env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey), "ap-guangzhou", cpf)
	call := func() error {
		req := tchttp.NewCommonRequest("trocket", "2023-03-08", "DescribeInstanceList")
		require.NoError(t, req.SetActionParameters(map[string]any{}))
		return c.Send(req, tchttp.NewCommonResponse())
	}
	for i := range 20 {
		require.NoError(t, call(), "call %d is within 20/s", i+1)
	}
	var se *tcerr.TencentCloudSDKError
	require.ErrorAs(t, call(), &se)
	assert.Equal(t, "RequestLimitExceeded", se.Code)
	env.Advance(time.Second)
	assert.NoError(t, call())
}

func TestMQTTTokenOverflowScenario(t *testing.T) {
	env := startFrozen(t)
	put(t, env, "mqtt-token-overflow.yaml")
	a := env.Default.Alibaba
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
	require.NoError(t, err)
	apply := func() string {
		cr := requests.NewCommonRequest()
		cr.Product, cr.Version, cr.ApiName = "OnsMqtt", "2020-04-20", "ApplyToken"
		cr.Domain, cr.Scheme = env.MQTT, "http"
		for k, v := range map[string]string{"InstanceId": "post-cn-mqmock00001", "Resources": "mqmock/a", "Actions": "R", "ExpireTime": "4102444800000"} {
			cr.QueryParams[k] = v
		}
		resp, err := c.ProcessCommonRequest(cr)
		if err == nil {
			return ""
		}
		require.NotNil(t, resp)
		return err.Error()
	}
	for range 5 {
		assert.NotContains(t, apply(), "ApplyTokenOverFlow")
	}
	assert.Contains(t, apply(), "ErrorCode: ApplyTokenOverFlow")
	env.Advance(time.Minute / 5) // one token back
	assert.NotContains(t, apply(), "ApplyTokenOverFlow")
}
