package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/sign/cmqsign"
)

// The built-in instances of design.md.
const (
	mqttInstance = "post-cn-mqmock00001"
	trocketVer   = "2023-03-08"
)

// startFrozen starts an emulator whose virtual clock stands still unless the
// test advances it, so token buckets refill only when a test says so.
func startFrozen(t *testing.T) *emutest.Env { return emutest.Start(t, emutest.Frozen()) }

// tdmqClient is the official TencentCloud CommonClient of the default
// account, pointed at the emulator.
func tdmqClient(env *emutest.Env, timeoutSeconds int) *common.Client {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = env.TDMQ
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqTimeout = timeoutSeconds
	a := env.Default.Tencent
	return common.NewCommonClient(common.NewCredential(a.SecretID, a.SecretKey), "ap-guangzhou", cpf)
}

// describeInstanceList calls trocket DescribeInstanceList through the SDK.
func describeInstanceList(c *common.Client) error {
	req := tchttp.NewCommonRequest("trocket", trocketVer, "DescribeInstanceList")
	if err := req.SetActionParameters(map[string]any{}); err != nil {
		return err
	}
	return c.Send(req, tchttp.NewCommonResponse())
}

// mqttClient is the official onsmqtt client of the default account.
func mqttClient(t *testing.T, env *emutest.Env) *onsmqtt.Client {
	t.Helper()
	a := env.Default.Alibaba
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.MQTT
	return c
}

func listGroupID(c *onsmqtt.Client) error {
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = mqttInstance
	req.Scheme = "http"
	_, err := c.ListGroupId(req)
	return err
}

// commonMQTT is a CommonRequest for an OnsMqtt action (for actions whose
// typed request a test does not need).
func commonMQTT(env *emutest.Env, action string, params map[string]string) *requests.CommonRequest {
	cr := requests.NewCommonRequest()
	cr.Product, cr.Version, cr.ApiName = "OnsMqtt", "2020-04-20", action
	cr.Domain, cr.Scheme = env.MQTT, "http"
	for k, v := range params {
		cr.QueryParams[k] = v
	}
	return cr
}

// onsClient is the official ONS client of the default account.
func onsClient(t *testing.T, env *emutest.Env) *ons.Client {
	t.Helper()
	a := env.Default.Alibaba
	c, err := ons.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.ONS
	return c
}

func instanceInServiceList(c *ons.Client) error {
	req := ons.CreateOnsInstanceInServiceListRequest()
	req.Scheme = "http"
	_, err := c.OnsInstanceInServiceList(req)
	return err
}

// cmqReply is the legacy CMQ envelope.
type cmqReply struct {
	Code      int    `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId"`
}

// cmqCall sends one signed CMQ action (no official Go SDK can be installed:
// a request built from specs/cmq.md, signed like the Python and Java SDKs).
func cmqCall(t *testing.T, env *emutest.Env, action string, params map[string]string) cmqReply {
	t.Helper()
	v := url.Values{}
	v.Set("Action", action)
	v.Set("Region", "gz")
	v.Set("Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	v.Set("Nonce", strconv.Itoa(int(uuid.New().ID()>>1)))
	v.Set("SecretId", env.Default.Tencent.SecretID)
	v.Set("SignatureMethod", "HmacSHA256")
	for k, val := range params {
		v.Set(k, val)
	}
	cmqsign.SignValues(env.Default.Tencent.SecretKey, "POST", env.CMQ, "/v2/index.php", v)
	resp, err := http.Post("http://"+env.CMQ+"/v2/index.php", "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var r cmqReply
	require.NoError(t, json.Unmarshal(body, &r), string(body))
	return r
}

// control calls the control API and decodes its JSON answer into out.
func control(t *testing.T, env *emutest.Env, method, path, contentType, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, env.URL("cmq")+path, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if out != nil {
		if s, ok := out.(*string); ok {
			*s = string(b)
		} else {
			require.NoError(t, json.Unmarshal(b, out), string(b))
		}
	}
	return resp.StatusCode
}

// scenario replaces the active scenario through the control API.
func scenario(t *testing.T, env *emutest.Env, yaml string) {
	t.Helper()
	var msg string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", yaml, &msg), msg)
}

// snapshot is GET /_mqmock/scenario.
type snapshot struct {
	Name  string `json:"name"`
	Rules []struct {
		Name    string `json:"name"`
		Hits    int64  `json:"hits"`
		Matched int64  `json:"matched"`
		Source  string `json:"source"`
	} `json:"rules"`
}

func getScenario(t *testing.T, env *emutest.Env) snapshot {
	t.Helper()
	var s snapshot
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/scenario", "", "", &s))
	return s
}

func hitsOf(t *testing.T, env *emutest.Env, rule string) int64 {
	t.Helper()
	for _, r := range getScenario(t, env).Rules {
		if r.Name == rule {
			return r.Hits
		}
	}
	t.Fatalf("no rule %q in the active scenario", rule)
	return 0
}
