package mqtt_test

import (
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/mqtt"
	"github.com/mqmock/mqmock/internal/apierr"
)

// TestEverySeedRow reproduces each of the 17 rows of seeds 001/002 by the
// spec's condition, through the official SDK, asserting code, HTTP status and
// request id. Rows the service raises only on its own failures
// (InternalError, CreateGroupIdError) come from a fault hook, as the fault
// engine would inject them. The row list is checked against
// testdata/errors.tsv so a seed row cannot go untested.
func TestEverySeedRow(t *testing.T) {
	type seedCase struct {
		section, code string
		status        int
		env           func(t *testing.T) *emutest.Env
		call          func(t *testing.T, env *emutest.Env) error
	}
	plain := func(t *testing.T) *emutest.Env { return emutest.Start(t) }
	hour := func(env *emutest.Env) string { return virtualMillis(env, time.Hour) }
	queryToken := func(env *emutest.Env, c *onsmqtt.Client, token string) error {
		req := onsmqtt.CreateQueryTokenRequest()
		req.InstanceId, req.Token = defaultInstance, token
		_, err := c.QueryToken(req)
		return err
	}
	cases := []seedCase{
		{"Token", "ApiNotSupport", 404, plain, func(t *testing.T, env *emutest.Env) error {
			_, err := client(t, env, env.Default).ProcessCommonRequest(commonRequest(env, "QueryMqttTraceMessagePublish", map[string]string{"InstanceId": defaultInstance}))
			return err
		}},
		{"Token", "ApplyTokenOverFlow", 400, func(t *testing.T) *emutest.Env { return rateLimited(t, map[string]any{"ApplyToken": 1}) }, func(t *testing.T, env *emutest.Env) error {
			c := client(t, env, env.Default)
			_, err := applyToken(c, defaultInstance, "mqmock/x", "R", hour(env))
			require.NoError(t, err)
			_, err = applyToken(c, defaultInstance, "mqmock/x", "R", hour(env))
			return err
		}},
		{"Token", "CheckAccountInfoFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			c, err := onsmqtt.NewClientWithStsToken("cn-hangzhou", env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret, "not-an-sts-token-of-this-key")
			require.NoError(t, err)
			c.Domain = env.MQTT
			return queryToken(env, c, "t")
		}},
		{"Token", "InstancePermissionCheckFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			_, err := applyToken(client(t, env, env.Default), otherInstance, "mqmock/x", "R", hour(env))
			return err
		}},
		{"Token", "InternalError", 500, plain, func(t *testing.T, env *emutest.Env) error {
			env.SetFaultHook(errorOn{"QueryToken", catalogueRow(t, "InternalError")})
			return queryToken(env, client(t, env, env.Default), "t")
		}},
		{"Token", "ParameterCheckFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			return queryToken(env, client(t, env, env.Default), "")
		}},
		{"Token", "PermissionCheckFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			_, err := sendMessage(client(t, env, env.Default), defaultInstance, "not-our-parent/x", "x")
			return err
		}},
		{"Token", "SystemOverFlow", 500, func(t *testing.T) *emutest.Env { return rateLimited(t, map[string]any{"QueryToken": 1}) }, func(t *testing.T, env *emutest.Env) error {
			c := client(t, env, env.Default)
			require.NoError(t, queryToken(env, c, "t"))
			return queryToken(env, c, "t")
		}},
		{"Token", "InvalidParameter.%s", 400, plain, func(t *testing.T, env *emutest.Env) error {
			_, err := applyToken(client(t, env, env.Default), defaultInstance, "mqmock/x", "R", virtualMillis(env, 59*time.Second))
			serverError(t, err, "InvalidParameter.ExpireTime", http.StatusBadRequest)
			return err
		}},
		{"Group ID", "CreateGroupIdError", 500, plain, func(t *testing.T, env *emutest.Env) error {
			env.SetFaultHook(errorOn{"CreateGroupId", catalogueRow(t, "CreateGroupIdError")})
			return createGroup(client(t, env, env.Default), defaultInstance, "GID_orders")
		}},
		{"Group ID", "GroupIdAlreadyExsited", 400, plain, func(t *testing.T, env *emutest.Env) error {
			c := client(t, env, env.Default)
			require.NoError(t, createGroup(c, defaultInstance, "GID_orders"))
			return createGroup(c, defaultInstance, "GID_orders")
		}},
		{"Group ID", "GroupIdAlreadyUsedByOtherUsers", 400, plain, func(t *testing.T, env *emutest.Env) error {
			require.NoError(t, createGroup(client(t, env, env.Default), defaultInstance, "GID_orders"))
			return createGroup(client(t, env, env.Other), otherInstance, "GID_orders")
		}},
		{"Group ID", "InternalError", 500, plain, func(t *testing.T, env *emutest.Env) error {
			env.SetFaultHook(errorOn{"ListGroupId", catalogueRow(t, "InternalError")})
			req := onsmqtt.CreateListGroupIdRequest()
			req.InstanceId = defaultInstance
			_, err := client(t, env, env.Default).ListGroupId(req)
			return err
		}},
		{"Group ID", "ParameterFieldCheckFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			return createGroup(client(t, env, env.Default), defaultInstance, "orders")
		}},
		{"Group ID", "InstancePermissionCheckFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			return createGroup(client(t, env, env.Default), otherInstance, "GID_orders")
		}},
		{"Group ID", "InstanceNotFound", 400, plain, func(t *testing.T, env *emutest.Env) error {
			return createGroup(client(t, env, env.Default), "post-cn-nosuchinst1", "GID_orders")
		}},
		{"Group ID", "PermissionCheckFailed", 400, plain, func(t *testing.T, env *emutest.Env) error {
			require.NoError(t, createGroup(client(t, env, env.Default), defaultInstance, "GID_orders"))
			return deleteGroup(client(t, env, env.Other), otherInstance, "GID_orders")
		}},
	}

	// Every row of the seed table, and nothing else, has a case.
	tsv, err := os.ReadFile("testdata/errors.tsv")
	require.NoError(t, err)
	var want, have []string
	for _, line := range strings.Split(strings.TrimSpace(string(tsv)), "\n")[1:] {
		f := strings.Split(line, "\t")
		want = append(want, f[0]+" "+f[1]+" "+f[2])
	}
	for _, c := range cases {
		have = append(have, c.section+" "+strconv.Itoa(c.status)+" "+c.code)
	}
	require.ElementsMatch(t, want, have)

	for _, c := range cases {
		t.Run(c.section+"/"+c.code, func(t *testing.T) {
			env := c.env(t)
			code := strings.Replace(c.code, "%s", "ExpireTime", 1)
			se := serverError(t, c.call(t, env), code, c.status)
			def, ok := mqtt.Catalogue().ByName(c.code)
			require.True(t, ok)
			assert.Equal(t, def.Message, se.Message())
		})
	}
}

// catalogueRow is a row of the MQTT catalogue by name, as the fault engine
// resolves a scenario's error.
func catalogueRow(t *testing.T, name string) *apierr.Def {
	t.Helper()
	d, ok := mqtt.Catalogue().ByName(name)
	require.True(t, ok, "no row %s", name)
	return d
}
