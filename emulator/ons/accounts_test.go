package ons_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

// Two accounts: instances without a namespace share one space of names
// across accounts; instances with one do not; nobody sees or touches another
// account's resources.
func TestTwoAccounts(t *testing.T) {
	f := newFx(t)
	mine := f.c
	theirs := client(t, f.env, f.env.Other)

	t.Run("shared space: a Group ID held by the other account", func(t *testing.T) {
		require.NoError(t, createGroup(theirs, otherInstance, "GID_taken"))
		require.NoError(t, createGroup(theirs, otherInstance, "PID_taken"))
		requireServerError(t, createGroup(mine, defaultInstance, "GID_taken"), "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", http.StatusBadRequest)
	})
	t.Run("shared space: the seed-era CID prefix counts as a consumer id", func(t *testing.T) {
		require.NoError(t, createGroup(theirs, otherInstance, "CID-legacy"))
		requireServerError(t, createGroup(mine, defaultInstance, "CID-legacy"), "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", http.StatusBadRequest)
	})
	t.Run("shared space: a producer id held by the other account", func(t *testing.T) {
		requireServerError(t, createGroup(mine, defaultInstance, "PID_taken"), "BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", http.StatusBadRequest)
	})
	t.Run("shared space: a topic name held by the other account", func(t *testing.T) {
		require.NoError(t, createTopic(theirs, otherInstance, "their-topic", 0))
		requireServerError(t, createTopic(mine, defaultInstance, "their-topic", 0), "BIZ_TOPIC_EXISTED", http.StatusBadRequest)
	})
	t.Run("freed names can be taken", func(t *testing.T) {
		r := ons.CreateOnsGroupDeleteRequest()
		r.InstanceId, r.GroupId = otherInstance, "GID_taken"
		_, err := theirs.OnsGroupDelete(r)
		require.NoError(t, err)
		require.NoError(t, createGroup(mine, defaultInstance, "GID_taken"))
	})
	t.Run("namespace instances do not collide", func(t *testing.T) {
		a := f.createInstance("ns-mine")
		req := ons.CreateOnsInstanceCreateRequest()
		req.InstanceName = "ns-theirs"
		created, err := theirs.OnsInstanceCreate(req)
		require.NoError(t, err)
		b := created.Data.InstanceId
		require.NoError(t, createTopic(mine, a, "their-topic", 0), "shared-space names are free in a namespace")
		require.NoError(t, createTopic(theirs, b, "their-topic", 0))
		require.NoError(t, createGroup(mine, a, "GID_taken"))
		require.NoError(t, createGroup(theirs, b, "GID_taken"))
		// Within one namespace instance a name is either a topic or a group.
		require.NoError(t, createGroup(mine, a, "PID_dual"))
		requireServerError(t, createTopic(mine, a, "PID_dual", 0), "BIZ_TOPIC_EXISTED", http.StatusBadRequest)
	})
	t.Run("lists show only the caller's instances", func(t *testing.T) {
		list, err := theirs.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
		require.NoError(t, err)
		for _, in := range list.Data.InstanceVO {
			assert.Contains(t, in.InstanceId, "MQ_INST_1000000000000002_")
		}
	})
	t.Run("another account's instance is off limits", func(t *testing.T) {
		tl := ons.CreateOnsTopicListRequest()
		tl.InstanceId = otherInstance
		_, err := mine.OnsTopicList(tl)
		requireServerError(t, err, "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
		td := ons.CreateOnsTopicDeleteRequest()
		td.InstanceId, td.Topic = otherInstance, "their-topic"
		_, err = mine.OnsTopicDelete(td)
		requireServerError(t, err, "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
		del := ons.CreateOnsInstanceDeleteRequest()
		del.InstanceId = otherInstance
		_, err = mine.OnsInstanceDelete(del)
		requireServerError(t, err, "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
		// Nothing was lost.
		st := ons.CreateOnsTopicStatusRequest()
		st.InstanceId, st.Topic = otherInstance, "their-topic"
		_, err = theirs.OnsTopicStatus(st)
		require.NoError(t, err)
	})
}

// Accounts from configuration: their own instances (here one with a
// namespace), STS credentials through the SDK's own STS client, a disabled
// key, and the state endpoint showing what exists.
func TestConfiguredAccounts(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{
			{Name: "team-a", Alibaba: config.Alibaba{AccessKeyID: "LTAIteama000000000000001", AccessKeySecret: "team-a-secret", SecurityToken: "sts-token-a", UID: "1234567890123456"},
				ONSInstances: []config.ONSInstance{{ID: "MQ_INST_1234567890123456_teamA001", Name: "team-a", IndependentNaming: true}}},
			{Name: "team-b", Alibaba: config.Alibaba{AccessKeyID: "LTAIteamb000000000000001", AccessKeySecret: "team-b-secret", Disabled: true}},
		}
	}))
	sts, err := ons.NewClientWithStsToken("cn-hangzhou", "LTAIteama000000000000001", "team-a-secret", "sts-token-a")
	require.NoError(t, err)
	sts.Domain = env.ONS
	list, err := sts.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	require.NoError(t, err)
	require.Len(t, list.Data.InstanceVO, 1)
	assert.Equal(t, "MQ_INST_1234567890123456_teamA001", list.Data.InstanceVO[0].InstanceId)
	assert.True(t, list.Data.InstanceVO[0].IndependentNaming)
	require.NoError(t, createTopic(sts, "MQ_INST_1234567890123456_teamA001", "team-a-orders", 0))

	noToken := clientWithSecret(t, env, "LTAIteama000000000000001", "team-a-secret")
	_, err = noToken.OnsRegionList(ons.CreateOnsRegionListRequest())
	requireServerError(t, err, "MissingSecurityToken", http.StatusBadRequest)
	wrongToken, err := ons.NewClientWithStsToken("cn-hangzhou", "LTAIteama000000000000001", "team-a-secret", "stale")
	require.NoError(t, err)
	wrongToken.Domain = env.ONS
	_, err = wrongToken.OnsRegionList(ons.CreateOnsRegionListRequest())
	requireServerError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest)

	disabled := clientWithSecret(t, env, "LTAIteamb000000000000001", "team-b-secret")
	_, err = disabled.OnsRegionList(ons.CreateOnsRegionListRequest())
	requireServerError(t, err, "InvalidAccessKeyId.Inactive", http.StatusBadRequest)

	resp, err := http.Get(env.URL("ons") + "/_mqmock/state?vendor=ons")
	require.NoError(t, err)
	defer resp.Body.Close()
	var state struct {
		ONS struct {
			Instances []struct {
				InstanceID string `json:"instanceId"`
				Account    string `json:"account"`
				Topics     []struct {
					Topic string `json:"topic"`
				} `json:"topics"`
			} `json:"instances"`
		} `json:"ons"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&state))
	require.Len(t, state.ONS.Instances, 1)
	assert.Equal(t, "team-a", state.ONS.Instances[0].Account)
	require.Len(t, state.ONS.Instances[0].Topics, 1)
	assert.Equal(t, "team-a-orders", state.ONS.Instances[0].Topics[0].Topic)
}

// A topic of the shared space granted to another account (legacy
// OnsEmpowerCreate) lists in the grantee's shared-space instance with the
// granted Relation; only its owner may change it.
func TestGrantedTopics(t *testing.T) {
	f := newFx(t)
	theirs := client(t, f.env, f.env.Other)
	f.mustTopic(defaultInstance, "shared-orders")
	_, err := common(t, f.env, f.c, "OnsEmpowerCreate", map[string]string{"Topic": "shared-orders", "EmpowerUser": "1000000000000002", "Relation": "4"})
	require.NoError(t, err)

	require.NoError(t, createTopic(theirs, otherInstance, "their-own", 0))
	tl := ons.CreateOnsTopicListRequest()
	tl.InstanceId = otherInstance
	list, err := theirs.OnsTopicList(tl)
	require.NoError(t, err)
	require.Len(t, list.Data.PublishInfoDo, 2)
	own, granted := list.Data.PublishInfoDo[0], list.Data.PublishInfoDo[1]
	assert.Equal(t, "their-own", own.Topic)
	assert.Equal(t, 1, own.Relation)
	assert.Equal(t, "持有者", own.RelationName)
	assert.Equal(t, "shared-orders", granted.Topic)
	assert.Equal(t, 4, granted.Relation)
	assert.Equal(t, "可订阅", granted.RelationName)
	assert.Equal(t, "1000000000000001", granted.Owner)
	assert.Equal(t, defaultInstance, granted.InstanceId)

	up := ons.CreateOnsTopicUpdateRequest()
	up.InstanceId, up.Topic, up.Perm = otherInstance, "shared-orders", requests.NewInteger(2)
	_, err = theirs.OnsTopicUpdate(up)
	requireServerError(t, err, "EMPOWER_OWNER_CHECK_ERROR", http.StatusBadRequest)
	del := ons.CreateOnsTopicDeleteRequest()
	del.InstanceId, del.Topic = otherInstance, "shared-orders"
	_, err = theirs.OnsTopicDelete(del)
	requireServerError(t, err, "EMPOWER_OWNER_CHECK_ERROR", http.StatusBadRequest)

	_, err = common(t, f.env, f.c, "OnsEmpowerDelete", map[string]string{"Topic": "shared-orders", "EmpowerUser": "1000000000000002"})
	require.NoError(t, err)
	list, err = theirs.OnsTopicList(tl)
	require.NoError(t, err)
	require.Len(t, list.Data.PublishInfoDo, 1)
	_, err = theirs.OnsTopicDelete(del)
	requireServerError(t, err, "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
}
