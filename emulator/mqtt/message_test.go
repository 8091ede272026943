package mqtt_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

func sendMessage(c *onsmqtt.Client, instance, topic, payload string) (*onsmqtt.SendMessageResponse, error) {
	req := onsmqtt.CreateSendMessageRequest()
	req.InstanceId, req.MqttTopic, req.Payload = instance, topic, payload
	return c.SendMessage(req)
}

func TestSendMessageIsRecorded(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	resp, err := sendMessage(c, defaultInstance, "mqmock/devices/42", "hello device")
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9A-F]{32}$`, resp.MsgId)
	second, err := sendMessage(c, defaultInstance, "mqmock", "to the parent")
	require.NoError(t, err)
	assert.NotEqual(t, resp.MsgId, second.MsgId)

	// Visible in the state...
	status, state := controlJSON(t, env, http.MethodGet, "/_mqmock/state?vendor=mqtt", nil)
	require.Equal(t, http.StatusOK, status)
	inst := findInstance(t, state, defaultInstance)
	msgs := inst["messages"].([]any)
	require.Len(t, msgs, 2)
	first := msgs[0].(map[string]any)
	assert.Equal(t, resp.MsgId, first["msgId"])
	assert.Equal(t, "mqmock/devices/42", first["topic"])
	assert.Equal(t, "hello device", first["payload"])
	assert.Empty(t, findInstance(t, state, otherInstance)["messages"])

	// ...and in the journal.
	status, journal := controlJSON(t, env, http.MethodGet, "/_mqmock/journal?vendor=mqtt&action=SendMessage", nil)
	require.Equal(t, http.StatusOK, status)
	entries := journal["entries"].([]any)
	require.Len(t, entries, 2)
	payloads := []any{}
	for _, e := range entries {
		payloads = append(payloads, e.(map[string]any)["params"].(map[string]any)["Payload"])
	}
	assert.ElementsMatch(t, []any{"hello device", "to the parent"}, payloads)
}

func findInstance(t *testing.T, state map[string]any, id string) map[string]any {
	t.Helper()
	for _, in := range state["mqtt"].(map[string]any)["instances"].([]any) {
		m := in.(map[string]any)
		if m["instanceId"] == id {
			return m
		}
	}
	require.Failf(t, "instance not in state", "%s", id)
	return nil
}

func TestSendMessageValidation(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	for _, tc := range []struct {
		name, instance, topic, payload, code string
	}{
		{"wildcard topic", defaultInstance, "mqmock/+", "x", "InvalidParameter.MqttTopic"},
		{"empty level", defaultInstance, "mqmock//x", "x", "InvalidParameter.MqttTopic"},
		{"topic over 64 chars", defaultInstance, "mqmock/" + strings.Repeat("t", 58), "x", "InvalidParameter.MqttTopic"},
		{"payload over 64 KB", defaultInstance, "mqmock/x", strings.Repeat("p", 64*1024+1), "InvalidParameter.Payload"},
		{"parent topic not on the instance", defaultInstance, "orders/x", "x", "PermissionCheckFailed"},
		{"missing topic", defaultInstance, "", "x", "ParameterCheckFailed"},
		{"missing payload", defaultInstance, "mqmock/x", "", "ParameterCheckFailed"},
		{"unknown instance", "post-cn-nosuchinst1", "mqmock/x", "x", "InstanceNotFound"},
		{"another account's instance", otherInstance, "mqmock/x", "x", "InstancePermissionCheckFailed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sendMessage(c, tc.instance, tc.topic, tc.payload)
			serverError(t, err, tc.code, http.StatusBadRequest)
		})
	}
	_, err := sendMessage(c, defaultInstance, "mqmock/x", strings.Repeat("p", 64*1024))
	assert.NoError(t, err, "64 KB is the maximum")
}

func TestControlInstances(t *testing.T) {
	env := emutest.Start(t)
	status, out := controlJSON(t, env, http.MethodPost, "/_mqmock/mqtt/instances", map[string]any{"account": "other", "id": "mqtt-cn-mqmockadded", "independentNaming": true, "parentTopics": []string{"fleet"}})
	require.Equal(t, http.StatusCreated, status, "%v", out)
	assert.Equal(t, map[string]any{"instanceId": "mqtt-cn-mqmockadded", "account": "other", "independentNaming": true, "parentTopics": []any{"fleet"}, "configured": false}, out)

	theirs := client(t, env, env.Other)
	_, err := sendMessage(theirs, "mqtt-cn-mqmockadded", "fleet/truck-1", "x")
	assert.NoError(t, err, "the added instance serves its parent topic")
	_, err = sendMessage(client(t, env, env.Default), "mqtt-cn-mqmockadded", "fleet/truck-1", "x")
	serverError(t, err, "InstancePermissionCheckFailed", http.StatusBadRequest)

	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
	}{
		{"duplicate id", map[string]any{"account": "default", "id": "mqtt-cn-mqmockadded"}, http.StatusConflict},
		{"built-in id", map[string]any{"account": "default", "id": defaultInstance}, http.StatusConflict},
		{"unknown account", map[string]any{"account": "nobody", "id": "post-cn-x"}, http.StatusBadRequest},
		{"missing id", map[string]any{"account": "default"}, http.StatusBadRequest},
		{"bad parent topic", map[string]any{"account": "default", "id": "post-cn-y", "parentTopics": []string{"a/b"}}, http.StatusBadRequest},
		{"misspelt key", map[string]any{"account": "default", "id": "post-cn-z", "independentNameing": true}, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := controlJSON(t, env, http.MethodPost, "/_mqmock/mqtt/instances", tc.body)
			assert.Equal(t, tc.status, status)
			assert.NotEmpty(t, out["error"])
		})
	}

	status, list := controlJSON(t, env, http.MethodGet, "/_mqmock/mqtt/instances", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, list["instances"], 3)

	// Reset forgets added instances and everything created; configured ones stay, empty.
	require.NoError(t, createGroup(client(t, env, env.Default), defaultInstance, "GID_before"))
	status, _ = controlJSON(t, env, http.MethodPost, "/_mqmock/reset?vendor=mqtt", nil)
	require.Equal(t, http.StatusOK, status)
	_, list = controlJSON(t, env, http.MethodGet, "/_mqmock/mqtt/instances", nil)
	assert.Len(t, list["instances"], 2)
	assert.Empty(t, listGroups(t, client(t, env, env.Default), defaultInstance))
	_, err = sendMessage(theirs, "mqtt-cn-mqmockadded", "fleet/truck-1", "x")
	serverError(t, err, "InstanceNotFound", http.StatusBadRequest)
}

func TestParentTopicCheckCanBeTurnedOff(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.MQTT.Options = map[string]any{"checkParentTopics": false}
	}))
	c := client(t, env, env.Default)
	_, err := sendMessage(c, defaultInstance, "anything/x", "x")
	assert.NoError(t, err)
	_, err = applyToken(c, defaultInstance, "anything/+", "R", virtualMillis(env, time.Hour))
	assert.NoError(t, err)
}

func TestUnknownOptionFailsStart(t *testing.T) {
	cfg := config.Default()
	cfg.MQTT.Options = map[string]any{"rateLimit": true}
	_, err := emulator.New(emulator.Config(cfg))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rateLimit")
	cfg.MQTT.Options = map[string]any{"qps": map[string]any{"Publish": 3}}
	_, err = emulator.New(emulator.Config(cfg))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "mqtt.qps.Publish")
}
