package mqtt_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

// The built-in MQTT instances of design.md.
const (
	defaultInstance = "post-cn-mqmock00001"
	otherInstance   = "post-cn-mqmock00002"
)

// client is the official onsmqtt client of an account, pointed at the emulator.
func client(t *testing.T, env *emutest.Env, a *account.Account) *onsmqtt.Client {
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
func raw(t *testing.T, env *emutest.Env, a *account.Account, action string, params map[string]string) (int, string) {
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
