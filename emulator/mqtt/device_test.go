package mqtt_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

var deviceKey = regexp.MustCompile(`^DC\.[A-Za-z0-9]{22}$`)

func TestDeviceCredentialLifecycle(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	const clientID = "GID_test@@@device-1"

	reg := onsmqtt.CreateRegisterDeviceCredentialRequest()
	reg.InstanceId, reg.ClientId = defaultInstance, clientID
	r, err := c.RegisterDeviceCredential(reg)
	require.NoError(t, err)
	cred := r.DeviceCredential
	assert.Equal(t, clientID, cred.ClientId)
	assert.Equal(t, defaultInstance, cred.InstanceId)
	assert.Regexp(t, deviceKey, cred.DeviceAccessKeyId)
	assert.Regexp(t, deviceKey, cred.DeviceAccessKeySecret)
	assert.NotEqual(t, cred.DeviceAccessKeyId, cred.DeviceAccessKeySecret)
	assert.Equal(t, cred.CreateTime, cred.UpdateTime)

	get := onsmqtt.CreateGetDeviceCredentialRequest()
	get.InstanceId, get.ClientId = defaultInstance, clientID
	g, err := c.GetDeviceCredential(get)
	require.NoError(t, err)
	assert.Equal(t, cred, g.DeviceCredential)

	env.Advance(time.Hour)
	ref := onsmqtt.CreateRefreshDeviceCredentialRequest()
	ref.InstanceId, ref.ClientId = defaultInstance, clientID
	f, err := c.RefreshDeviceCredential(ref)
	require.NoError(t, err)
	refreshed := f.DeviceCredential
	assert.Equal(t, cred.DeviceAccessKeyId, refreshed.DeviceAccessKeyId, "the key id is stable")
	assert.NotEqual(t, cred.DeviceAccessKeySecret, refreshed.DeviceAccessKeySecret, "a new secret")
	assert.Regexp(t, deviceKey, refreshed.DeviceAccessKeySecret)
	assert.Equal(t, cred.CreateTime, refreshed.CreateTime)
	assert.GreaterOrEqual(t, refreshed.UpdateTime-cred.UpdateTime, time.Hour.Milliseconds())

	g, err = c.GetDeviceCredential(get)
	require.NoError(t, err)
	assert.Equal(t, refreshed, g.DeviceCredential, "Get returns the refreshed credential")

	unreg := onsmqtt.CreateUnRegisterDeviceCredentialRequest()
	unreg.InstanceId, unreg.ClientId = defaultInstance, clientID
	u, err := c.UnRegisterDeviceCredential(unreg)
	require.NoError(t, err)
	assert.True(t, isRequestID(u.RequestId))
	_, err = c.GetDeviceCredential(get)
	serverError(t, err, "InvalidParameter.ClientId", http.StatusBadRequest)
	_, err = c.RefreshDeviceCredential(ref)
	serverError(t, err, "InvalidParameter.ClientId", http.StatusBadRequest)
	_, err = c.UnRegisterDeviceCredential(unreg)
	assert.NoError(t, err, "unregistering twice succeeds")

	// Registering again issues a new credential; the latest replaces any earlier one.
	r2, err := c.RegisterDeviceCredential(reg)
	require.NoError(t, err)
	assert.NotEqual(t, cred.DeviceAccessKeyId, r2.DeviceCredential.DeviceAccessKeyId)
	r3, err := c.RegisterDeviceCredential(reg)
	require.NoError(t, err)
	g, err = c.GetDeviceCredential(get)
	require.NoError(t, err)
	assert.Equal(t, r3.DeviceCredential, g.DeviceCredential)
}

func TestDeviceCredentialValidation(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	for _, tc := range []struct {
		name, instance, clientID, code string
	}{
		{"no @@@", defaultInstance, "GID_test-device", "InvalidParameter.ClientId"},
		{"no GID prefix", defaultInstance, "test@@@device", "InvalidParameter.ClientId"},
		{"longer than 64", defaultInstance, "GID_test@@@" + strings.Repeat("d", 54), "InvalidParameter.ClientId"},
		{"illegal character", defaultInstance, "GID_test@@@dev/1", "InvalidParameter.ClientId"},
		{"missing client id", defaultInstance, "", "ParameterCheckFailed"},
		{"missing instance", "", "GID_test@@@d", "ParameterCheckFailed"},
		{"unknown instance", "post-cn-nosuchinst1", "GID_test@@@d", "InstanceNotFound"},
		{"another account's instance", otherInstance, "GID_test@@@d", "InstancePermissionCheckFailed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := onsmqtt.CreateRegisterDeviceCredentialRequest()
			req.InstanceId, req.ClientId = tc.instance, tc.clientID
			_, err := c.RegisterDeviceCredential(req)
			serverError(t, err, tc.code, http.StatusBadRequest)
		})
	}
}

func querySession(t *testing.T, c *onsmqtt.Client, instance, clientID string) bool {
	t.Helper()
	req := onsmqtt.CreateQuerySessionByClientIdRequest()
	req.InstanceId, req.ClientId = instance, clientID
	resp, err := c.QuerySessionByClientId(req)
	require.NoError(t, err)
	return resp.OnlineStatus
}

func TestSessionsFollowTheControlAPI(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	const on, off = "GID_test@@@online", "GID_test@@@offline"
	assert.False(t, querySession(t, c, defaultInstance, on), "offline until marked")

	setOnline(t, env, defaultInstance, on, true)
	assert.True(t, querySession(t, c, defaultInstance, on))
	assert.False(t, querySession(t, c, defaultInstance, off))

	req := onsmqtt.CreateBatchQuerySessionByClientIdsRequest()
	req.InstanceId = defaultInstance
	req.ClientIdList = &[]string{off, on, "GID_test@@@never"}
	resp, err := c.BatchQuerySessionByClientIds(req)
	require.NoError(t, err)
	assert.Equal(t, []onsmqtt.OnlineStatusListItem{
		{ClientId: off, OnlineStatus: false},
		{ClientId: on, OnlineStatus: true},
		{ClientId: "GID_test@@@never", OnlineStatus: false},
	}, resp.OnlineStatusList, "one entry per client, in request order")

	setOnline(t, env, defaultInstance, on, false)
	assert.False(t, querySession(t, c, defaultInstance, on))

	// Another account's client of the same name on its own instance is separate.
	setOnline(t, env, otherInstance, on, true)
	assert.False(t, querySession(t, c, defaultInstance, on))
	assert.True(t, querySession(t, client(t, env, env.Other), otherInstance, on))
}

func TestBatchQuerySessionValidation(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = "GID_test@@@d" + string(rune('a'+i))
	}
	for _, tc := range []struct {
		name     string
		instance string
		ids      *[]string
		code     string
	}{
		{"more than 10", defaultInstance, &eleven, "InvalidParameter.ClientIdList"},
		{"a malformed client id", defaultInstance, &[]string{"GID_test@@@a", "bad"}, "InvalidParameter.ClientIdList"},
		{"no client ids", defaultInstance, nil, "ParameterCheckFailed"},
		{"unknown instance", "post-cn-nosuchinst1", &[]string{"GID_test@@@a"}, "InstanceNotFound"},
		{"another account's instance", otherInstance, &[]string{"GID_test@@@a"}, "InstancePermissionCheckFailed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := onsmqtt.CreateBatchQuerySessionByClientIdsRequest()
			req.InstanceId, req.ClientIdList = tc.instance, tc.ids
			_, err := c.BatchQuerySessionByClientIds(req)
			serverError(t, err, tc.code, http.StatusBadRequest)
		})
	}
	req := onsmqtt.CreateBatchQuerySessionByClientIdsRequest()
	req.InstanceId, req.ClientIdList = defaultInstance, &[]string{"GID_test@@@a"}
	_, err := c.BatchQuerySessionByClientIds(req)
	assert.NoError(t, err)

	q := onsmqtt.CreateQuerySessionByClientIdRequest()
	q.InstanceId, q.ClientId = defaultInstance, "not-a-client"
	_, err = c.QuerySessionByClientId(q)
	serverError(t, err, "InvalidParameter.ClientId", http.StatusBadRequest)
}

func TestSessionControlErrors(t *testing.T) {
	env := emutest.Start(t)
	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
	}{
		{"unknown instance", map[string]any{"instanceId": "post-cn-nosuchinst1", "clientId": "GID_a@@@b", "online": true}, http.StatusNotFound},
		{"malformed client id", map[string]any{"instanceId": defaultInstance, "clientId": "nope", "online": true}, http.StatusBadRequest},
		{"online missing", map[string]any{"instanceId": defaultInstance, "clientId": "GID_a@@@b"}, http.StatusBadRequest},
		{"online not a bool", map[string]any{"instanceId": defaultInstance, "clientId": "GID_a@@@b", "online": "yes"}, http.StatusBadRequest},
		{"misspelt key", map[string]any{"instanceId": defaultInstance, "client": "GID_a@@@b", "online": true}, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := controlJSON(t, env, http.MethodPost, "/_mqmock/mqtt/sessions", tc.body)
			assert.Equal(t, tc.status, status)
			assert.NotEmpty(t, out["error"])
		})
	}
}
