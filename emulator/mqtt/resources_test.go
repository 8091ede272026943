package mqtt_test

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/config"
)

// accountsWith are the built-in accounts as configuration, the first with
// group ids declared.
func accountsWith(groups ...config.MQTTGroupID) []config.Account {
	var out []config.Account
	for _, a := range account.Defaults() {
		c := config.Account{Name: a.Name,
			Tencent: config.Tencent{SecretID: a.Tencent.SecretID, SecretKey: a.Tencent.SecretKey, AppID: a.Tencent.AppID},
			Alibaba: config.Alibaba{AccessKeyID: a.Alibaba.AccessKeyID, AccessKeySecret: a.Alibaba.AccessKeySecret, UID: a.Alibaba.UID}}
		for _, m := range a.MQTTInstances {
			c.MQTTInstances = append(c.MQTTInstances, config.MQTTInstance{ID: m.ID, IndependentNaming: m.IndependentNaming, ParentTopics: m.ParentTopics})
		}
		out = append(out, c)
	}
	out[0].Resources.MQTT.GroupIDs = groups
	return out
}

func declaredGroupIDs(t *testing.T, env *emutest.Env) []string {
	t.Helper()
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = defaultInstance
	resp, err := client(t, env, env.Default).ListGroupId(req)
	require.NoError(t, err)
	var out []string
	for _, g := range resp.Data {
		out = append(out, g.GroupId)
	}
	return out
}

// Declared group ids are listed by the API from the start and come back
// after a reset; one made by a request goes.
func TestDeclaredGroupIDsExistFromTheStartAndAfterReset(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = accountsWith(config.MQTTGroupID{InstanceID: defaultInstance, GroupID: "GID_orders"}, config.MQTTGroupID{InstanceID: defaultInstance, GroupID: "GID_audit"})
	}))
	assert.ElementsMatch(t, []string{"GID_orders", "GID_audit"}, declaredGroupIDs(t, env))

	del := onsmqtt.CreateDeleteGroupIdRequest()
	del.InstanceId, del.GroupId = defaultInstance, "GID_orders"
	_, err := client(t, env, env.Default).DeleteGroupId(del)
	require.NoError(t, err)
	add := onsmqtt.CreateCreateGroupIdRequest()
	add.InstanceId, add.GroupId = defaultInstance, "GID_scratch"
	_, err = client(t, env, env.Default).CreateGroupId(add)
	require.NoError(t, err)
	require.NoError(t, env.Reset("mqtt"))
	assert.ElementsMatch(t, []string{"GID_orders", "GID_audit"}, declaredGroupIDs(t, env))
}

// A group id the API would refuse stops start-up with one line naming it.
func TestARefusedGroupIDStopsStartUp(t *testing.T) {
	for _, tc := range []struct {
		name  string
		group config.MQTTGroupID
		want  string
	}{
		{"a malformed id", config.MQTTGroupID{InstanceID: defaultInstance, GroupID: "orders"}, "config: accounts[0].resources.mqtt.groupIds[1] (orders): ParameterFieldCheckFailed: Failed to validate the parameters. The parameters may be missing or invalid."},
		{"another account's instance", config.MQTTGroupID{InstanceID: otherInstance, GroupID: "GID_other"}, "config: accounts[0].resources.mqtt.groupIds[1] (GID_other): InstancePermissionCheckFailed: An error occurred while validating the permissions of the instance. Please verify the account that created the instance and its permissions settings."},
		{"twice", config.MQTTGroupID{InstanceID: defaultInstance, GroupID: "GID_okay"}, "config: accounts[0].resources.mqtt.groupIds[1] (GID_okay): GroupIdAlreadyExsited: The specified GroupId already exists."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.Accounts = accountsWith(config.MQTTGroupID{InstanceID: defaultInstance, GroupID: "GID_okay"}, tc.group)
			_, err := emulator.New(emulator.Config(cfg))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}
