package mqtt_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

// The built-in MQTT instances of design.md.
const (
	defaultInstance = "post-cn-mqmock00001"
	otherInstance   = "post-cn-mqmock00002"
)

// client is the official onsmqtt client of an account, pointed at the emulator.
func client(t *testing.T, env *emutest.Env, a *emutest.Account) *onsmqtt.Client {
	t.Helper()
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.Alibaba.AccessKeyID, a.Alibaba.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.MQTT
	return c
}

// serverError asserts err is the SDK's ServerError with the code and status,
// and a request id in Alibaba's upper-case UUID shape.
func serverError(t *testing.T, err error, code string, status int) *sdkerrors.ServerError {
	t.Helper()
	require.Error(t, err)
	var se *sdkerrors.ServerError
	require.True(t, errors.As(err, &se), "want *errors.ServerError, got %T: %v", err, err)
	assert.Equal(t, code, se.ErrorCode())
	assert.Equal(t, status, se.HttpStatus())
	assert.True(t, isRequestID(se.RequestId()), "request id %q", se.RequestId())
	return se
}

func isRequestID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && s == strings.ToUpper(s)
}

// commonRequest builds a CommonRequest for OnsMqtt 2020-04-20 aimed at the emulator.
func commonRequest(env *emutest.Env, action string, params map[string]string) *requests.CommonRequest {
	cr := requests.NewCommonRequest()
	cr.Product, cr.Version, cr.ApiName = "OnsMqtt", "2020-04-20", action
	cr.Domain, cr.Scheme = env.MQTT, "http"
	for k, v := range params {
		cr.QueryParams[k] = v
	}
	return cr
}

// raw sends a request signed by hand (as Node pop-core would, POST form) and
// returns the status and body.
func raw(t *testing.T, env *emutest.Env, a *emutest.Account, action string, params map[string]string) (int, string) {
	t.Helper()
	p := aliyunsign.CommonParams(a.Alibaba.AccessKeyID, action, "2020-04-20", time.Now(), uuid.NewString())
	for k, v := range params {
		p[k] = v
	}
	aliyunsign.SignParams(a.Alibaba.AccessKeySecret, http.MethodPost, p)
	resp, err := http.Post(env.URL("mqtt")+"/", "application/x-www-form-urlencoded", strings.NewReader(aliyunsign.EncodeParams(p)))
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// controlJSON calls a control endpoint with a JSON body (nil for GET) and
// decodes the JSON answer.
func controlJSON(t *testing.T, env *emutest.Env, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, env.URL("mqtt")+path, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// setOnline marks a client online or offline through the control API.
func setOnline(t *testing.T, env *emutest.Env, instanceID, clientID string, online bool) {
	t.Helper()
	status, out := controlJSON(t, env, http.MethodPost, "/_mqmock/mqtt/sessions", map[string]any{"instanceId": instanceID, "clientId": clientID, "online": online})
	require.Equal(t, http.StatusOK, status, "%v", out)
}

// addInstance adds an instance to an account through the control API.
func addInstance(t *testing.T, env *emutest.Env, accountName, id string, independent bool, parents ...string) {
	t.Helper()
	status, out := controlJSON(t, env, http.MethodPost, "/_mqmock/mqtt/instances", map[string]any{"account": accountName, "id": id, "independentNaming": independent, "parentTopics": parents})
	require.Equal(t, http.StatusCreated, status, "%v", out)
}

// errorOn is a fault hook standing in for the fault engine: calls of one
// action answer a catalogue error.
type errorOn struct {
	action string
	def    *apierr.Def
}

func (h errorOn) Apply(call *pipeline.Call) *pipeline.Effect {
	if call.Action != h.action {
		return nil
	}
	return &pipeline.Effect{Rule: "test-" + h.def.Name, Err: h.def.New()}
}

// rateLimited starts an emulator with MQTT rate limits on and the given
// per-action QPS overrides.
func rateLimited(t *testing.T, qps map[string]any) *emutest.Env {
	return emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.MQTT.Options = map[string]any{"rateLimits": true, "qps": qps}
	}))
}

// virtualMillis is an ExpireTime d after the emulator's virtual now.
func virtualMillis(env *emutest.Env, d time.Duration) string {
	return strconv.FormatInt(env.Clock().Now().Add(d).UnixMilli(), 10)
}
