package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
)

const resourcesFile = `accounts:
  - name: team-a
    tencent: {secretId: AKIDa, secretKey: k, appId: 1}
    alibaba: {accessKeyId: LTAIa, accessKeySecret: k, uid: "1"}
    resources:
      cmq:
        queues: [{name: orders, visibilityTimeout: 30}, {name: audit}]
        topics: [{name: events, filterType: 1}]
        subscriptions: [{topic: events, name: s, protocol: queue, endpoint: orders, filterTags: [a]}]
      mqtt:
        groupIds: [{instanceId: post-cn-x, groupId: GID_x}]
      ons:
        topics: [{instanceId: MQ_INST_1_x, topic: t, messageType: 0}]
        groups: [{instanceId: MQ_INST_1_x, groupId: GID_g}]
`

// The resources section decodes into the products' account view; an
// attribute left out stays unset.
func TestResourcesDecode(t *testing.T) {
	c, err := Load(writeFile(t, "c.yaml", resourcesFile), nil)
	require.NoError(t, err)
	r := c.AccountList()[0].Resources
	thirty := int64(30)
	assert.Equal(t, account.CMQResources{
		Queues:        []account.CMQQueue{{Name: "orders", VisibilityTimeout: &thirty}, {Name: "audit"}},
		Topics:        []account.CMQTopic{{Name: "events", FilterType: func() *int64 { v := int64(1); return &v }()}},
		Subscriptions: []account.CMQSubscription{{Topic: "events", Name: "s", Protocol: "queue", Endpoint: "orders", FilterTags: []string{"a"}}},
	}, r.CMQ)
	assert.Equal(t, []account.MQTTGroupID{{InstanceID: "post-cn-x", GroupID: "GID_x"}}, r.MQTT.GroupIDs)
	assert.Equal(t, []account.ONSTopic{{InstanceID: "MQ_INST_1_x", Topic: "t"}}, r.ONS.Topics)
	assert.Equal(t, []account.ONSGroup{{InstanceID: "MQ_INST_1_x", GroupID: "GID_g"}}, r.ONS.Groups)
	assert.Empty(t, Default().AccountList()[0].Resources, "the built-in accounts have none")
}

// A misspelt resource key is refused on its line with the nearest key.
func TestResourceKeysAreChecked(t *testing.T) {
	p := writeFile(t, "c.yaml", "accounts:\n  - name: a\n    resources:\n      cmq:\n        queues:\n          - name: q\n            visibilityTimout: 3\n")
	_, err := Load(p, nil)
	require.Error(t, err)
	assert.Equal(t, "config file "+p+` line 7: unknown key "accounts[0].resources.cmq.queues[0].visibilityTimout" (did you mean accounts[0].resources.cmq.queues[0].visibilityTimeout?)`, err.Error())
}
