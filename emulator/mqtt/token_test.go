package mqtt_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

func applyToken(c *onsmqtt.Client, instance, resources, actions, expire string) (*onsmqtt.ApplyTokenResponse, error) {
	req := onsmqtt.CreateApplyTokenRequest()
	req.InstanceId, req.Resources, req.Actions, req.ExpireTime = instance, resources, actions, requests.Integer(expire)
	return c.ApplyToken(req)
}

func tokenStatus(t *testing.T, c *onsmqtt.Client, instance, token string) bool {
	t.Helper()
	req := onsmqtt.CreateQueryTokenRequest()
	req.InstanceId, req.Token = instance, token
	resp, err := c.QueryToken(req)
	require.NoError(t, err)
	return resp.TokenStatus
}

func TestTokenExpiresOnTheVirtualClock(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	resp, err := applyToken(c, defaultInstance, "mqmock/b,mqmock/+", "R,W", virtualMillis(env, 10*time.Minute))
	require.NoError(t, err)
	assert.True(t, isRequestID(resp.RequestId))
	assert.GreaterOrEqual(t, len(resp.Token), 32, "opaque token %q", resp.Token)

	assert.True(t, tokenStatus(t, c, defaultInstance, resp.Token))
	env.Advance(9 * time.Minute)
	assert.True(t, tokenStatus(t, c, defaultInstance, resp.Token), "valid until its ExpireTime")
	env.Advance(2 * time.Minute)
	assert.False(t, tokenStatus(t, c, defaultInstance, resp.Token), "expired after its ExpireTime")
}

func TestTokenRevoked(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	resp, err := applyToken(c, defaultInstance, "mqmock/x", "R", virtualMillis(env, time.Hour))
	require.NoError(t, err)
	kept, err := applyToken(c, defaultInstance, "mqmock/x", "R", virtualMillis(env, time.Hour))
	require.NoError(t, err)
	require.NotEqual(t, resp.Token, kept.Token)
	require.True(t, tokenStatus(t, c, defaultInstance, resp.Token))

	req := onsmqtt.CreateRevokeTokenRequest()
	req.InstanceId, req.Token = defaultInstance, resp.Token
	rev, err := c.RevokeToken(req)
	require.NoError(t, err)
	assert.True(t, isRequestID(rev.RequestId))
	assert.False(t, tokenStatus(t, c, defaultInstance, resp.Token), "revoked")
	assert.True(t, tokenStatus(t, c, defaultInstance, kept.Token), "another token is untouched")

	// Revoking again, or a token nobody issued, succeeds.
	_, err = c.RevokeToken(req)
	assert.NoError(t, err)
	req.Token = "no-such-token"
	_, err = c.RevokeToken(req)
	assert.NoError(t, err)
	assert.False(t, tokenStatus(t, c, defaultInstance, "no-such-token"), "unknown token is false, not an error")
}

func TestTokenLifetimeCappedAtThirtyDays(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	resp, err := applyToken(c, defaultInstance, "mqmock/x", "W", virtualMillis(env, 90*24*time.Hour))
	require.NoError(t, err, "a later ExpireTime is accepted")
	env.Advance(29 * 24 * time.Hour)
	assert.True(t, tokenStatus(t, c, defaultInstance, resp.Token))
	env.Advance(2 * 24 * time.Hour)
	assert.False(t, tokenStatus(t, c, defaultInstance, resp.Token), "lives 30 days at most")
}

func TestTokenOfAnotherInstanceIsFalse(t *testing.T) {
	env := emutest.Start(t)
	addInstance(t, env, "default", "post-cn-mqmocksecond", false, "mqmock")
	c := client(t, env, env.Default)
	resp, err := applyToken(c, defaultInstance, "mqmock/x", "R", virtualMillis(env, time.Hour))
	require.NoError(t, err)
	assert.False(t, tokenStatus(t, c, "post-cn-mqmocksecond", resp.Token))
}

func TestApplyTokenValidation(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	hour := virtualMillis(env, time.Hour)
	many := make([]string, 101)
	for i := range many {
		many[i] = "mqmock/t" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	for _, tc := range []struct {
		name, instance, resources, actions, expire string
		code                                       string
		status                                     int
	}{
		{"actions other than R and W", defaultInstance, "mqmock/x", "RW", hour, "InvalidParameter.Actions", 400},
		{"expire time not a number", defaultInstance, "mqmock/x", "R", "soon", "InvalidParameter.ExpireTime", 400},
		{"expire time under 60 s", defaultInstance, "mqmock/x", "R", virtualMillis(env, 30*time.Second), "InvalidParameter.ExpireTime", 400},
		{"expire time in the past", defaultInstance, "mqmock/x", "R", virtualMillis(env, -time.Hour), "InvalidParameter.ExpireTime", 400},
		{"more than 100 resources", defaultInstance, strings.Join(many, ","), "R", hour, "InvalidParameter.Resources", 400},
		{"empty resource in the list", defaultInstance, "mqmock/x,,mqmock/y", "R", hour, "InvalidParameter.Resources", 400},
		{"# not last", defaultInstance, "mqmock/#/x", "R", hour, "InvalidParameter.Resources", 400},
		{"illegal character", defaultInstance, "mqmock/a:b", "R", hour, "InvalidParameter.Resources", 400},
		{"missing actions", defaultInstance, "mqmock/x", "", hour, "ParameterCheckFailed", 400},
		{"missing resources", defaultInstance, "", "R", hour, "ParameterCheckFailed", 400},
		{"missing expire time", defaultInstance, "mqmock/x", "R", "", "ParameterCheckFailed", 400},
		{"missing instance", "", "mqmock/x", "R", hour, "ParameterCheckFailed", 400},
		{"parent topic not on the instance", defaultInstance, "mqmock/x,orders/x", "R", hour, "PermissionCheckFailed", 400},
		{"unknown instance", "post-cn-nosuchinst1", "mqmock/x", "R", hour, "InstanceNotFound", 400},
		{"another account's instance", otherInstance, "mqmock/x", "R", hour, "InstancePermissionCheckFailed", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := applyToken(c, tc.instance, tc.resources, tc.actions, tc.expire)
			serverError(t, err, tc.code, tc.status)
		})
	}
	// Unsorted, duplicated and wildcard resources are accepted.
	_, err := applyToken(c, defaultInstance, "mqmock/z,mqmock/a/+,mqmock/#,mqmock/z", "W,R", hour)
	assert.NoError(t, err)
}

func TestApplyTokenOverFlowOnTheVirtualClock(t *testing.T) {
	env := rateLimited(t, map[string]any{"ApplyToken": 1})
	c := client(t, env, env.Default)
	hour := virtualMillis(env, time.Hour)
	_, err := applyToken(c, defaultInstance, "mqmock/x", "R", hour)
	require.NoError(t, err)
	_, err = applyToken(c, defaultInstance, "mqmock/x", "R", hour)
	serverError(t, err, "ApplyTokenOverFlow", http.StatusBadRequest)
	// The limit is per account.
	_, err = applyToken(client(t, env, env.Other), otherInstance, "mqmock/x", "R", hour)
	assert.NoError(t, err)
	// A second of virtual time refills the bucket.
	env.Advance(time.Second)
	_, err = applyToken(c, defaultInstance, "mqmock/x", "R", virtualMillis(env, time.Hour))
	assert.NoError(t, err)
}

// The global limits.rateLimits switch turns on MQTT's documented limits too
// (RevokeToken: 5 per second per account → SystemOverFlow).
func TestGlobalRateLimitsSwitch(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Limits.RateLimits = true }))
	c := client(t, env, env.Default)
	revoke := func() error {
		req := onsmqtt.CreateRevokeTokenRequest()
		req.InstanceId, req.Token = defaultInstance, "no-such-token"
		_, err := c.RevokeToken(req)
		return err
	}
	for i := 0; i < 5; i++ {
		require.NoError(t, revoke(), "call %d is within the documented rate", i+1)
	}
	serverError(t, revoke(), "SystemOverFlow", http.StatusInternalServerError)
	env.Advance(time.Second)
	assert.NoError(t, revoke(), "a second of virtual time refills the bucket")
}
