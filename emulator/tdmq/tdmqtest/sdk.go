// Package tdmqtest drives an emulator's TDMQ front door the way users do,
// for the tests of the door and of the products behind it: the official Go
// SDK's CommonClient (tencentcloud-sdk-go/tencentcloud/common v1.3.210, as
// tencentcloud-api3.md §8.1 tells users to call it), and the reading of
// tdmq.md's error tables.
package tdmqtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/internal/apierr"
)

// RequestID is the pattern of a request id: a lower-case UUID.
const RequestID = `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`

// SDK is a CommonClient pointed at one emulator's TDMQ door with one key
// pair.
type SDK struct {
	t         testing.TB
	client    *common.Client
	catalogue *apierr.Catalogue
}

// NewSDK is a client of env's TDMQ door in ap-guangzhou signing with the
// key pair; edits change its profile (the SDK's default sends
// X-TC-Language zh-CN).
func NewSDK(t testing.TB, env *emutest.Env, secretID, secretKey string, edits ...func(*profile.ClientProfile)) *SDK {
	return NewSDKIn(t, env, "ap-guangzhou", secretID, secretKey, edits...)
}

// NewSDKIn is NewSDK in another region: the SDK sends it as X-TC-Region
// ("" sends no X-TC-Region at all).
func NewSDKIn(t testing.TB, env *emutest.Env, region, secretID, secretKey string, edits ...func(*profile.ClientProfile)) *SDK {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = env.TDMQ
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqTimeout = 10
	for _, edit := range edits {
		edit(cpf)
	}
	client := common.NewCommonClient(common.NewCredential(secretID, secretKey), region, cpf)
	// A transport of its own, closed before the emulator shuts down (cleanups
	// run last-in first-out): a connection dialled but never used would
	// otherwise hold http.Server.Shutdown for 5 s.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	client.WithHttpTransport(tr)
	t.Cleanup(tr.CloseIdleConnections)
	return &SDK{t: t, client: client, catalogue: env.Door("tdmq").Frontend.Catalogue()}
}

// DefaultSDK is the built-in "default" account's client.
func DefaultSDK(t testing.TB, env *emutest.Env) *SDK {
	return NewSDK(t, env, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
}

// Call sends one action of service "tdmq" (4.x) or "trocket" (5.x) and
// returns the raw "Response" object or the SDK error.
func (c *SDK) Call(service, action string, params map[string]any) (json.RawMessage, error) {
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

// OK sends a trocket action that must succeed and decodes the response into
// out (when non-nil) strictly: an unknown or mistyped field fails the test.
func (c *SDK) OK(action string, params map[string]any, out any) json.RawMessage {
	c.t.Helper()
	raw, err := c.Call("trocket", action, params)
	require.NoError(c.t, err, "%s(%v)", action, params)
	if out != nil {
		StrictDecode(c.t, raw, out)
	}
	return raw
}

// Fail sends a trocket action that must fail with code and returns the SDK
// error.
func (c *SDK) Fail(action string, params map[string]any, code string) *tcerr.TencentCloudSDKError {
	c.t.Helper()
	return c.FailIn("trocket", action, params, code)
}

// FailIn sends an action of a service that must fail with code; the message
// must hold the catalogue's and the request id must be a UUID.
func (c *SDK) FailIn(service, action string, params map[string]any, code string) *tcerr.TencentCloudSDKError {
	c.t.Helper()
	_, err := c.Call(service, action, params)
	var se *tcerr.TencentCloudSDKError
	require.True(c.t, errors.As(err, &se), "%s(%v): want %s, got %v", action, params, code, err)
	assert.Equal(c.t, code, se.Code, "%s(%v): %s", action, params, se.Message)
	assert.Regexp(c.t, RequestID, se.RequestId)
	if d, ok := c.catalogue.ByName(code); ok {
		assert.Contains(c.t, se.Message, d.Message)
	} else {
		c.t.Errorf("%s is not a catalogue code", code)
	}
	return se
}

// StrictDecode decodes a Response object into out, refusing unknown fields
// and type mismatches (the Go SDK fails a whole call on a mismatch).
func StrictDecode(t testing.TB, raw json.RawMessage, out any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(out), "decoding %s", raw)
}
