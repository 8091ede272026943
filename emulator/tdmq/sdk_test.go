package tdmq_test

// Helpers that drive the emulator through the official Go SDK
// (tencentcloud-sdk-go/tencentcloud/common v1.3.210, CommonClient), the way
// tencentcloud-api3.md §8.1 tells users to, plus the SDK-level tests of the
// foundation: both services' happy path and a wrong secret.

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq"
)

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// sdk is a CommonClient pointed at one emulator with one key pair.
type sdk struct {
	t      testing.TB
	client *common.Client
}

func newSDK(t testing.TB, addr, secretID, secretKey string) *sdk {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = addr
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqTimeout = 10
	client := common.NewCommonClient(common.NewCredential(secretID, secretKey), "ap-guangzhou", cpf)
	// A transport of its own, closed before the emulator shuts down (cleanups
	// run last-in first-out): a connection dialled but never used would
	// otherwise hold http.Server.Shutdown for 5 s.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	client.WithHttpTransport(tr)
	t.Cleanup(tr.CloseIdleConnections)
	return &sdk{t: t, client: client}
}

// defaultSDK is the built-in "default" account's client.
func defaultSDK(t testing.TB, env *emutest.Env) *sdk {
	return newSDK(t, env.TDMQ, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
}

// call sends one action and returns the raw "Response" object or the SDK error.
func (c *sdk) call(service, action string, params map[string]any) (json.RawMessage, error) {
	version := tdmq.VersionTRocket
	if service == "tdmq" {
		version = tdmq.VersionTDMQ
	}
	req := tchttp.NewCommonRequest(service, version, action)
	if params == nil {
		params = map[string]any{}
	}
	if err := req.SetActionParameters(params); err != nil {
		return nil, err
	}
	resp := tchttp.NewCommonResponse()
	if err := c.client.Send(req, resp); err != nil {
		return nil, err
	}
	var env struct {
		Response json.RawMessage `json:"Response"`
	}
	if err := json.Unmarshal(resp.GetBody(), &env); err != nil {
		return nil, err
	}
	return env.Response, nil
}

// ok sends a trocket action that must succeed and decodes the response into
// out (when non-nil) strictly: an unknown or mistyped field fails the test.
func (c *sdk) ok(action string, params map[string]any, out any) json.RawMessage {
	c.t.Helper()
	raw, err := c.call("trocket", action, params)
	require.NoError(c.t, err, "%s(%v)", action, params)
	if out != nil {
		strictDecode(c.t, raw, out)
	}
	return raw
}

// fail sends a trocket action that must fail with code and returns the SDK error.
func (c *sdk) fail(action string, params map[string]any, code string) *tcerr.TencentCloudSDKError {
	c.t.Helper()
	return c.failIn("trocket", action, params, code)
}

func (c *sdk) failIn(service, action string, params map[string]any, code string) *tcerr.TencentCloudSDKError {
	c.t.Helper()
	_, err := c.call(service, action, params)
	var se *tcerr.TencentCloudSDKError
	require.True(c.t, errors.As(err, &se), "%s(%v): want %s, got %v", action, params, code, err)
	assert.Equal(c.t, code, se.Code, "%s(%v): %s", action, params, se.Message)
	assert.Regexp(c.t, uuidRE, se.RequestId)
	if d, ok := tdmq.Errors.ByName(code); ok {
		assert.Contains(c.t, se.Message, d.Message)
	} else {
		c.t.Errorf("%s is not a catalogue code", code)
	}
	return se
}

// strictDecode decodes a Response object into out, refusing unknown fields
// and type mismatches (the Go SDK fails a whole call on a mismatch).
func strictDecode(t testing.TB, raw json.RawMessage, out any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(out), "decoding %s", raw)
}

func TestSDKDescribeRocketMQClustersEmpty(t *testing.T) {
	env := emutest.Start(t)
	raw, err := defaultSDK(t, env).call("tdmq", "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 20})
	require.NoError(t, err)
	var got struct {
		ClusterList []json.RawMessage
		TotalCount  *uint64
		RequestId   string
	}
	require.NoError(t, json.Unmarshal(raw, &got))
	require.NotNil(t, got.TotalCount)
	assert.Equal(t, uint64(0), *got.TotalCount)
	assert.NotNil(t, got.ClusterList, "ClusterList must be [] not null")
	assert.Regexp(t, uuidRE, got.RequestId)
}

func TestSDKDescribeInstanceListEmpty(t *testing.T) {
	env := emutest.Start(t)
	var got struct {
		TotalCount int64
		Data       []json.RawMessage
		RequestId  string
	}
	defaultSDK(t, env).ok("DescribeInstanceList", map[string]any{"Offset": 0, "Limit": 20}, &got)
	assert.Equal(t, int64(0), got.TotalCount)
	assert.NotNil(t, got.Data, "Data must be [] not null")
	assert.Regexp(t, uuidRE, got.RequestId)
}

func TestSDKWrongSecretIsSignatureFailure(t *testing.T) {
	env := emutest.Start(t)
	c := newSDK(t, env.TDMQ, env.Default.Tencent.SecretID, "not-the-secret")
	for _, svc := range []string{"tdmq", "trocket"} {
		action, params := "DescribeInstanceList", map[string]any{}
		if svc == "tdmq" {
			action, params = "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 1}
		}
		se := c.failIn(svc, action, params, "AuthFailure.SignatureFailure")
		assert.Equal(t, "The provided credentials could not be validated. Please ensure your signature is correct.", se.Message)
	}
}
