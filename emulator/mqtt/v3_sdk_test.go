package mqtt_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// Signature V3 (ACS3-HMAC-SHA256) as today's Go core sends it: the Tea core
// darabonba-openapi/v2 with its defaults (CallApi → DoRequest), which is what
// every generated V2.0 product SDK (alibabacloud-go/onsmqtt-20200420) calls.
// The action and version travel in x-acs-* headers, not as parameters.

// coreClient is the core for an AccessKey pair, aimed at the MQTT port.
func coreClient(t *testing.T, env *emutest.Env, secret string, edit ...func(*openapi.Config)) *openapi.Client {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(env.Default.Alibaba.AccessKeyID),
		AccessKeySecret: dara.String(secret),
		Endpoint:        dara.String(env.MQTT),
		Protocol:        dara.String("http"),
	}
	for _, e := range edit {
		e(cfg)
	}
	c, err := openapi.NewClient(cfg)
	require.NoError(t, err)
	return c
}

// v3call is one CallApi: parameters in the query (most generated OnsMqtt
// actions) or in a form body (the ten that use one, e.g.
// AddCustomAuthIdentity); headers pin x-acs-* values.
type v3call struct {
	method, action string
	query, body    map[string]string
	headers        map[string]string
}

func (v v3call) do(c *openapi.Client) (map[string]any, error) {
	params := &openapi.Params{
		Action: dara.String(v.action), Version: dara.String("2020-04-20"),
		Protocol: dara.String("HTTP"), Pathname: dara.String("/"), Method: dara.String(v.method),
		AuthType: dara.String("AK"), Style: dara.String("RPC"),
		BodyType: dara.String("json"), ReqBodyType: dara.String("formData"),
	}
	req := &openapi.OpenApiRequest{Query: stringPtrs(v.query), Headers: stringPtrs(v.headers)}
	if v.body != nil {
		body := map[string]any{}
		for k, val := range v.body {
			body[k] = val
		}
		req.Body = body
	}
	res, err := c.CallApi(params, req, &dara.RuntimeOptions{})
	if err != nil {
		return nil, err
	}
	out, _ := res["body"].(map[string]any)
	return out, nil
}

func stringPtrs(m map[string]string) map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = dara.String(v)
	}
	return out
}

// sdkError asserts err is the core's SDK error with code and status.
func sdkError(t *testing.T, err error, code string, status int) *tea.SDKError {
	t.Helper()
	require.Error(t, err)
	var se *tea.SDKError
	require.True(t, errors.As(err, &se), "want *tea.SDKError, got %T: %v", err, err)
	assert.Equal(t, code, tea.StringValue(se.Code), tea.StringValue(se.Message))
	assert.Equal(t, status, tea.IntValue(se.StatusCode))
	return se
}

func v3GroupIDs(body map[string]any) []string {
	list, _ := body["Data"].([]any)
	var out []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		s, _ := m["GroupId"].(string)
		out = append(out, s)
	}
	return out
}

func inDefault(more ...string) map[string]string {
	m := map[string]string{"InstanceId": defaultInstance}
	for i := 0; i+1 < len(more); i += 2 {
		m[more[i]] = more[i+1]
	}
	return m
}

func TestV3GroupIDLifecycle(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeySecret)
	for _, tc := range []struct {
		name, method string
		inBody       bool
	}{
		{"POST query", http.MethodPost, false},
		{"GET query", http.MethodGet, false},
		{"POST form body", http.MethodPost, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			group := "GID_v3_" + strings.ReplaceAll(uuid.NewString()[:8], "-", "")
			call := func(action string, p map[string]string) (map[string]any, error) {
				v := v3call{method: tc.method, action: action, query: p}
				if tc.inBody {
					v.query, v.body = nil, p
				}
				return v.do(c)
			}
			created, err := call("CreateGroupId", inDefault("GroupId", group))
			require.NoError(t, err)
			assert.True(t, isRequestID(created["RequestId"].(string)), "%v", created)

			list, err := call("ListGroupId", inDefault())
			require.NoError(t, err)
			assert.Contains(t, v3GroupIDs(list), group)

			_, err = call("DeleteGroupId", inDefault("GroupId", group))
			require.NoError(t, err)
			list, err = call("ListGroupId", inDefault())
			require.NoError(t, err)
			assert.NotContains(t, v3GroupIDs(list), group)

			// Business errors arrive through the core's error like any other.
			_, err = call("ListGroupId", map[string]string{"InstanceId": "post-cn-nosuchinst1"})
			sdkError(t, err, "InstanceNotFound", http.StatusBadRequest)
		})
	}
}

func TestV3Tokens(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeySecret)
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			applied, err := v3call{method: method, action: "ApplyToken",
				query: inDefault("Resources", "mqmock/v3,mqmock/+", "Actions", "R,W", "ExpireTime", virtualMillis(env, 10*time.Minute))}.do(c)
			require.NoError(t, err)
			token, _ := applied["Token"].(string)
			require.GreaterOrEqual(t, len(token), 32, "%v", applied)

			status := func() bool {
				t.Helper()
				q, err := v3call{method: method, action: "QueryToken", query: inDefault("Token", token)}.do(c)
				require.NoError(t, err)
				ok, isBool := q["TokenStatus"].(bool)
				require.True(t, isBool, "%v", q)
				return ok
			}
			assert.True(t, status())
			env.Advance(11 * time.Minute)
			assert.False(t, status(), "expired on the virtual clock")
		})
	}
}

func TestV3WrongSecretIsSignatureDoesNotMatch(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, "not-the-secret")
	_, err := v3call{method: http.MethodGet, action: "ListGroupId", query: inDefault()}.do(c)
	se := sdkError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	msg := tea.StringValue(se.Message)
	assert.Contains(t, msg, "server string to sign is:ACS3-HMAC-SHA256\n")
	assert.Contains(t, msg, "server CanonicalRequest is [GET\n/\nInstanceId="+defaultInstance+"\nhost:"+env.MQTT+"\n")
}

func TestV3StaleDateIsExpired(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeySecret)
	for _, d := range []time.Duration{-20 * time.Minute, 20 * time.Minute} {
		date := time.Now().Add(d).UTC().Format("2006-01-02T15:04:05Z")
		_, err := v3call{method: http.MethodPost, action: "ListGroupId", query: inDefault(), headers: map[string]string{"x-acs-date": date}}.do(c)
		sdkError(t, err, "InvalidTimeStamp.Expired", http.StatusBadRequest)
	}
}

func TestV3ReplayedNonce(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeySecret)
	pinned := map[string]string{"x-acs-signature-nonce": "40b03aed2334007e5972d9d8982f355d"}
	_, err := v3call{method: http.MethodGet, action: "ListGroupId", query: inDefault(), headers: pinned}.do(c)
	require.NoError(t, err)
	_, err = v3call{method: http.MethodGet, action: "ListGroupId", query: inDefault(), headers: pinned}.do(c)
	sdkError(t, err, "SignatureNonceUsed", http.StatusBadRequest)
}

func TestV3SM3IsRefused(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeySecret, func(cfg *openapi.Config) { cfg.SignatureAlgorithm = dara.String("ACS3-HMAC-SM3") })
	_, err := v3call{method: http.MethodPost, action: "ListGroupId", query: inDefault()}.do(c)
	se := sdkError(t, err, "UnsupportedSignatureAlgorithm", http.StatusBadRequest)
	assert.Contains(t, tea.StringValue(se.Message), "mqmock verifies ACS3-HMAC-SHA256 only")
}
