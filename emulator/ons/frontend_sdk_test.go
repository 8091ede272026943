package ons_test

import (
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// The protocol layer as users meet it: the official SDK over real HTTP.

func TestInstanceInServiceListSeesOnlyOwnInstance(t *testing.T) {
	env := emutest.Start(t)
	resp, err := client(t, env, env.Default).OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	require.NoError(t, err)
	assert.Regexp(t, requestIDPattern, resp.RequestId)
	require.Len(t, resp.Data.InstanceVO, 1)
	in := resp.Data.InstanceVO[0]
	assert.Equal(t, defaultInstance, in.InstanceId)
	assert.False(t, in.IndependentNaming)
	assert.Equal(t, 5, in.InstanceStatus)
	assert.Equal(t, 1, in.InstanceType)

	other, err := client(t, env, env.Other).OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	require.NoError(t, err)
	require.Len(t, other.Data.InstanceVO, 1)
	assert.Equal(t, otherInstance, other.Data.InstanceVO[0].InstanceId)
}

func TestWrongSecretIsSignatureDoesNotMatch(t *testing.T) {
	env := emutest.Start(t)
	c := clientWithSecret(t, env, env.Default.Alibaba.AccessKeyID, "not-the-secret")
	_, err := c.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	se := requireServerError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	// The SDK recognised its own string to sign in the message: a wrong secret,
	// not an SDK bug.
	assert.Equal(t, "InvalidAccessKeySecret: Please check you AccessKeySecret", se.Recommend())
	assert.Contains(t, se.Message(), "server string to sign is:POST&%2F&AccessKeyId%3D")
}

func TestUnknownAccessKey(t *testing.T) {
	env := emutest.Start(t)
	c := clientWithSecret(t, env, "LTAInobody00000000000", "x")
	_, err := c.OnsRegionList(ons.CreateOnsRegionListRequest())
	requireServerError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
}

func TestUnknownActionThroughCommonRequest(t *testing.T) {
	env := emutest.Start(t)
	_, err := common(t, env, client(t, env, env.Default), "OnsNoSuchAction", nil)
	se := requireServerError(t, err, "InvalidAction.NotFound", http.StatusNotFound)
	assert.Equal(t, "Specified api is not found, please check your url and method", se.Message())
}

func TestGoldenEnvelopes(t *testing.T) {
	env := emutest.Start(t)
	status, body := raw(t, env, http.MethodGet, env.Default, "OnsNoSuchAction", nil)
	assert.Equal(t, http.StatusNotFound, status)
	golden(t, "error-unknown-action.json", body)

	for _, g := range []struct {
		file, method, action string
		params               map[string]string
		status               int
	}{
		{"error-topic-not-found.json", http.MethodPost, "OnsTopicStatus", map[string]string{"InstanceId": defaultInstance, "Topic": "nope"}, http.StatusBadRequest},
		{"error-field-check-invalid.json", http.MethodPost, "OnsTopicCreate", map[string]string{"InstanceId": defaultInstance, "Topic": "GID_reserved", "MessageType": "0"}, http.StatusBadRequest},
		{"error-service-unsupported.json", http.MethodGet, "OnsTraceGetResult", map[string]string{"QueryId": "q"}, http.StatusBadRequest},
		{"error-missing-instance-id.json", http.MethodPost, "OnsTopicList", nil, http.StatusBadRequest},
	} {
		status, body := raw(t, env, g.method, env.Default, g.action, g.params)
		assert.Equal(t, g.status, status, g.file)
		golden(t, g.file, body)
	}

	status, body = raw(t, env, http.MethodPost, env.Default, "OnsInstanceInServiceList", nil)
	assert.Equal(t, http.StatusOK, status)
	// CreateTime is the emulator's clock at start: pin everything else.
	golden(t, "ok-instance-in-service-list.json", createTimes.ReplaceAll(body, []byte(`"CreateTime":0`)))

	// The nested wrappers the SDK insists on: SubscriptionDataList twice,
	// DetailInTopicList.DetailInTopicDo, LastTimestamp vs LastTimeStamp.
	f := &fx{t: t, env: env, c: client(t, env, env.Default)}
	f.mustTopic(defaultInstance, "orders")
	f.mustGroup(defaultInstance, "GID_orders")
	f.consumersOnline(defaultInstance, "GID_orders", "orders")
	for file, req := range map[string]struct {
		action string
		params map[string]string
	}{
		"ok-group-sub-detail.json":    {"OnsGroupSubDetail", map[string]string{"InstanceId": defaultInstance, "GroupId": "GID_orders"}},
		"ok-consumer-accumulate.json": {"OnsConsumerAccumulate", map[string]string{"InstanceId": defaultInstance, "GroupId": "GID_orders", "Detail": "true"}},
		"ok-topic-status-empty.json":  {"OnsTopicStatus", map[string]string{"InstanceId": defaultInstance, "Topic": "orders"}},
		"ok-topic-sub-detail.json":    {"OnsTopicSubDetail", map[string]string{"InstanceId": defaultInstance, "Topic": "orders"}},
	} {
		status, body := raw(t, env, http.MethodPost, env.Default, req.action, req.params)
		assert.Equal(t, http.StatusOK, status, file)
		golden(t, file, body)
	}
}
