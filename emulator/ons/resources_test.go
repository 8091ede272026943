package ons_test

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/config"
)

// accountsWith are the built-in accounts as configuration, the first with
// ONS resources declared.
func accountsWith(r config.ONSResources) []config.Account {
	var out []config.Account
	for _, a := range account.Defaults() {
		c := config.Account{Name: a.Name,
			Tencent: config.Tencent{SecretID: a.Tencent.SecretID, SecretKey: a.Tencent.SecretKey, AppID: a.Tencent.AppID},
			Alibaba: config.Alibaba{AccessKeyID: a.Alibaba.AccessKeyID, AccessKeySecret: a.Alibaba.AccessKeySecret, UID: a.Alibaba.UID}}
		for _, o := range a.ONSInstances {
			c.ONSInstances = append(c.ONSInstances, config.ONSInstance{ID: o.ID, Name: o.Name, IndependentNaming: o.IndependentNaming})
		}
		out = append(out, c)
	}
	out[0].Resources.ONS = r
	return out
}

func declaredONS() config.ONSResources {
	return config.ONSResources{
		Topics: []config.ONSTopic{{InstanceID: defaultInstance, Topic: "orders", MessageType: 0, Remark: "declared"}, {InstanceID: defaultInstance, Topic: "audit", MessageType: 1}},
		Groups: []config.ONSGroup{{InstanceID: defaultInstance, GroupID: "GID_billing"}, {InstanceID: defaultInstance, GroupID: "GID_http", GroupType: "http"}},
	}
}

func seen(t *testing.T, env *emutest.Env) (topics map[string]string, groups map[string]string) {
	t.Helper()
	c := client(t, env, env.Default)
	tl := ons.CreateOnsTopicListRequest()
	tl.InstanceId = defaultInstance
	list, err := c.OnsTopicList(tl)
	require.NoError(t, err)
	topics = map[string]string{}
	for _, p := range list.Data.PublishInfoDo {
		topics[p.Topic] = p.Remark
	}
	gl := ons.CreateOnsGroupListRequest()
	gl.InstanceId = defaultInstance
	gs, err := c.OnsGroupList(gl)
	require.NoError(t, err)
	groups = map[string]string{}
	for _, g := range gs.Data.SubscribeInfoDo {
		groups[g.GroupId] = g.GroupType
	}
	return topics, groups
}

// Declared topics and groups are listed by the API from the start and come
// back after a reset; those made by requests go.
func TestDeclaredTopicsAndGroupsExistFromTheStartAndAfterReset(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Accounts = accountsWith(declaredONS()) }))
	wantTopics := map[string]string{"orders": "declared", "audit": ""}
	wantGroups := map[string]string{"GID_billing": "tcp", "GID_http": "http"}
	topics, groups := seen(t, env)
	assert.Equal(t, wantTopics, topics)
	assert.Equal(t, wantGroups, groups)

	c := client(t, env, env.Default)
	td := ons.CreateOnsTopicDeleteRequest()
	td.InstanceId, td.Topic = defaultInstance, "orders"
	_, err := c.OnsTopicDelete(td)
	require.NoError(t, err)
	require.NoError(t, createTopic(c, defaultInstance, "scratch", 0))
	require.NoError(t, env.Reset("ons"))
	topics, groups = seen(t, env)
	assert.Equal(t, wantTopics, topics)
	assert.Equal(t, wantGroups, groups)
}

// An entry the API would refuse stops start-up with one line naming it.
func TestARefusedTopicOrGroupStopsStartUp(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*config.ONSResources)
		want string
	}{
		{"a topic twice", func(r *config.ONSResources) { r.Topics[1].Topic = "orders" }, "config: accounts[0].resources.ons.topics[1] (orders): BIZ_TOPIC_EXISTED: The specified Topic already exists"},
		{"a bad message type", func(r *config.ONSResources) { r.Topics[0].MessageType = 9 }, "config: accounts[0].resources.ons.topics[0] (orders): BIZ_FIELD_CHECK_INVALID: Parameter verification failed: MessageType must be 0, 1, 2, 4 or 5"},
		{"a group on another account's instance", func(r *config.ONSResources) { r.Groups[0].InstanceID = otherInstance }, "config: accounts[0].resources.ons.groups[0] (GID_billing): AUTH_RESOURCE_OWNER_ERROR: No permission to operate, or the resource does not exist."},
		{"a group without GID_", func(r *config.ONSResources) { r.Groups[1].GroupID = "billing" }, "config: accounts[0].resources.ons.groups[1] (billing): BIZ_FIELD_CHECK_INVALID: Parameter verification failed: GroupId must start with GID_ or GID- and be 7-64 letters, digits, - or _"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := declaredONS()
			tc.edit(&r)
			cfg := config.Default()
			cfg.Accounts = accountsWith(r)
			_, err := emulator.New(emulator.Config(cfg))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}
