package mqtt_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

func createGroup(c *onsmqtt.Client, instance, group string) error {
	req := onsmqtt.CreateCreateGroupIdRequest()
	req.InstanceId, req.GroupId = instance, group
	_, err := c.CreateGroupId(req)
	return err
}

func deleteGroup(c *onsmqtt.Client, instance, group string) error {
	req := onsmqtt.CreateDeleteGroupIdRequest()
	req.InstanceId, req.GroupId = instance, group
	_, err := c.DeleteGroupId(req)
	return err
}

func listGroups(t *testing.T, c *onsmqtt.Client, instance string) []onsmqtt.MqttGroupIdDo {
	t.Helper()
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = instance
	resp, err := c.ListGroupId(req)
	require.NoError(t, err)
	return resp.Data
}

func groupIDs(groups []onsmqtt.MqttGroupIdDo) []string {
	out := []string{}
	for _, g := range groups {
		out = append(out, g.GroupId)
	}
	return out
}

func TestGroupLifecycle(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	before := env.Clock().Now().UnixMilli()
	require.NoError(t, createGroup(c, defaultInstance, "GID_orders"))
	env.Advance(time.Minute)
	require.NoError(t, createGroup(c, defaultInstance, "GID-audit"))

	groups := listGroups(t, c, defaultInstance)
	require.Equal(t, []string{"GID_orders", "GID-audit"}, groupIDs(groups), "oldest first")
	g := groups[0]
	assert.Equal(t, defaultInstance, g.InstanceId)
	assert.False(t, g.IndependentNaming, "built-in instances share one name space")
	assert.GreaterOrEqual(t, g.CreateTime, before)
	assert.Equal(t, g.CreateTime, g.UpdateTime)
	// Times follow the virtual clock (plus the real milliseconds the calls took).
	gap := groups[1].CreateTime - g.CreateTime
	assert.GreaterOrEqual(t, gap, time.Minute.Milliseconds())
	assert.Less(t, gap, (time.Minute + 10*time.Second).Milliseconds())

	require.NoError(t, deleteGroup(c, defaultInstance, "GID_orders"))
	assert.Equal(t, []string{"GID-audit"}, groupIDs(listGroups(t, c, defaultInstance)))
	assert.NoError(t, deleteGroup(c, defaultInstance, "GID_orders"), "deleting a missing group succeeds")
	assert.NoError(t, createGroup(c, defaultInstance, "GID_orders"), "a deleted name is free again")
}

func TestGroupNamesSharedAcrossAccounts(t *testing.T) {
	env := emutest.Start(t)
	mine, theirs := client(t, env, env.Default), client(t, env, env.Other)
	require.NoError(t, createGroup(mine, defaultInstance, "GID_shared"))

	serverError(t, createGroup(mine, defaultInstance, "GID_shared"), "GroupIdAlreadyExsited", http.StatusBadRequest)
	serverError(t, createGroup(theirs, otherInstance, "GID_shared"), "GroupIdAlreadyUsedByOtherUsers", http.StatusBadRequest)
	// The other account cannot delete the name through its own instance...
	serverError(t, deleteGroup(theirs, otherInstance, "GID_shared"), "PermissionCheckFailed", http.StatusBadRequest)
	// ...nor reach our instance at all.
	serverError(t, deleteGroup(theirs, defaultInstance, "GID_shared"), "InstancePermissionCheckFailed", http.StatusBadRequest)
	assert.Equal(t, []string{"GID_shared"}, groupIDs(listGroups(t, mine, defaultInstance)))

	// A second shared-name instance of the same account sees the name as taken by us.
	addInstance(t, env, "default", "post-cn-mqmocksecond", false, "mqmock")
	serverError(t, createGroup(mine, "post-cn-mqmocksecond", "GID_shared"), "GroupIdAlreadyExsited", http.StatusBadRequest)

	// Once we delete it, the other account may take it.
	require.NoError(t, deleteGroup(mine, defaultInstance, "GID_shared"))
	assert.NoError(t, createGroup(theirs, otherInstance, "GID_shared"))
}

func TestGroupNamesPerInstanceWithIndependentNaming(t *testing.T) {
	env := emutest.Start(t)
	addInstance(t, env, "default", "post-cn-mqmockindep1", true, "mqmock")
	addInstance(t, env, "default", "post-cn-mqmockindep2", true, "mqmock")
	addInstance(t, env, "other", "post-cn-mqmockindep3", true, "mqmock")
	mine, theirs := client(t, env, env.Default), client(t, env, env.Other)
	require.NoError(t, createGroup(mine, defaultInstance, "GID_same"))
	// The same name in every namespaced instance, of either account.
	require.NoError(t, createGroup(mine, "post-cn-mqmockindep1", "GID_same"))
	require.NoError(t, createGroup(mine, "post-cn-mqmockindep2", "GID_same"))
	require.NoError(t, createGroup(theirs, "post-cn-mqmockindep3", "GID_same"))
	// Unique within one instance.
	serverError(t, createGroup(mine, "post-cn-mqmockindep1", "GID_same"), "GroupIdAlreadyExsited", http.StatusBadRequest)

	groups := listGroups(t, mine, "post-cn-mqmockindep1")
	require.Len(t, groups, 1)
	assert.True(t, groups[0].IndependentNaming)
	assert.Equal(t, "post-cn-mqmockindep1", groups[0].InstanceId)
	// Deleting in one instance leaves the others.
	require.NoError(t, deleteGroup(mine, "post-cn-mqmockindep1", "GID_same"))
	assert.Empty(t, listGroups(t, mine, "post-cn-mqmockindep1"))
	assert.Len(t, listGroups(t, mine, "post-cn-mqmockindep2"), 1)
	assert.Len(t, listGroups(t, mine, defaultInstance), 1)
}

func TestConfiguredInstancesPerAccount(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{
			{Name: "team-a", Alibaba: config.Alibaba{AccessKeyID: "LTAIteama000000000000001", AccessKeySecret: "team-a-secret"},
				MQTTInstances: []config.MQTTInstance{{ID: "post-cn-teama000001", IndependentNaming: true, ParentTopics: []string{"orders"}}}},
			{Name: "team-b", Alibaba: config.Alibaba{AccessKeyID: "LTAIteamb000000000000001", AccessKeySecret: "team-b-secret"},
				MQTTInstances: []config.MQTTInstance{{ID: "post-cn-teamb000001"}}},
		}
	}))
	a := client(t, env, env.Default)
	require.Equal(t, "team-a", env.Default.Name)
	require.NoError(t, createGroup(a, "post-cn-teama000001", "GID_orders"))
	groups := listGroups(t, a, "post-cn-teama000001")
	require.Len(t, groups, 1)
	assert.True(t, groups[0].IndependentNaming)
	serverError(t, createGroup(a, "post-cn-teamb000001", "GID_orders"), "InstancePermissionCheckFailed", http.StatusBadRequest)
	serverError(t, createGroup(a, defaultInstance, "GID_orders"), "InstanceNotFound", http.StatusBadRequest)
}

func TestCreateGroupIDValidation(t *testing.T) {
	env := emutest.Start(t)
	c := client(t, env, env.Default)
	for _, tc := range []struct {
		name, instance, group, code string
	}{
		{"no GID prefix", defaultInstance, "orders_group", "ParameterFieldCheckFailed"},
		{"CID prefix", defaultInstance, "CID_orders", "ParameterFieldCheckFailed"},
		{"too short", defaultInstance, "GID_ab", "ParameterFieldCheckFailed"},
		{"too long", defaultInstance, "GID_" + strings.Repeat("x", 61), "ParameterFieldCheckFailed"},
		{"illegal character", defaultInstance, "GID_a.b.c", "ParameterFieldCheckFailed"},
		{"missing group", defaultInstance, "", "ParameterFieldCheckFailed"},
		{"missing instance", "", "GID_orders", "ParameterFieldCheckFailed"},
		{"unknown instance", "post-cn-nosuchinst1", "GID_orders", "InstanceNotFound"},
		{"another account's instance", otherInstance, "GID_orders", "InstancePermissionCheckFailed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			serverError(t, createGroup(c, tc.instance, tc.group), tc.code, http.StatusBadRequest)
		})
	}
	assert.NoError(t, createGroup(c, defaultInstance, "GID_"+strings.Repeat("x", 60)), "64 characters is the maximum")
	assert.NoError(t, createGroup(c, defaultInstance, "GID_abc"), "7 characters is the minimum")
	assert.Len(t, listGroups(t, c, defaultInstance), 2, "failed creates changed nothing")
}

// TestConcurrentCreatesOneWinner: the name check and the insert are one
// critical section, so racing creates of one shared name from two accounts
// leave exactly one owner.
func TestConcurrentCreatesOneWinner(t *testing.T) {
	env := emutest.Start(t)
	accounts := []*emutest.Account{env.Default, env.Other}
	instances := []string{defaultInstance, otherInstance}
	const n = 16
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		// One client per goroutine: the SDK's Client is not safe for
		// concurrent use (its timeout fields race).
		c := client(t, env, accounts[i%2])
		go func() { errs <- createGroup(c, instances[i%2], "GID_race") }()
	}
	clients := []*onsmqtt.Client{client(t, env, env.Default), client(t, env, env.Other)}
	wins := 0
	for i := 0; i < n; i++ {
		if err := <-errs; err == nil {
			wins++
		} else {
			var se *sdkerrors.ServerError
			require.ErrorAs(t, err, &se)
			assert.Contains(t, []string{"GroupIdAlreadyExsited", "GroupIdAlreadyUsedByOtherUsers"}, se.ErrorCode())
		}
	}
	assert.Equal(t, 1, wins)
	total := len(listGroups(t, clients[0], defaultInstance)) + len(listGroups(t, clients[1], otherInstance))
	assert.Equal(t, 1, total)
}

func listRequest(instance string) *onsmqtt.ListGroupIdRequest {
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = instance
	return req
}
