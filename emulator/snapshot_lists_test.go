package emulator_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// The other account's built-in ONS instance (shared space, like the default
// account's onsInstance).
const otherONSInstance = "MQ_INST_1000000000000002_mqmock02"

// listed is what fillForLists made: the ids the list calls name.
type listed struct {
	onsInstance        string // an ONS instance with its own namespace
	clusterB, clusterA string // 4.x virtual clusters, B made first
	instanceB          string // a 5.x instance holding topics, groups and roles
}

// snapshotQuotas are small quotas, so a test can reach them: the stores
// count what they hold in indexes a restore must rebuild.
func snapshotQuotas() []emutest.Option {
	return []emutest.Option{
		emutest.WithConfig(func(c *emulator.Config) { c.ONS.Options = map[string]any{"maxInstances": 4} }),
		tdmqtest.WithOptions(map[string]any{"rocketmq4": map[string]any{"virtualClusters": 3, "virtualTopics": 3, "virtualGroups": 3}}),
	}
}

// fillForLists makes, through the SDKs, what every product's lists read from
// the stores' indexes: several resources of each kind created out of name
// order (the lists go by creation or by name), tags, an ONS subscription and
// a topic of the shared space granted to another account.
func fillForLists(t *testing.T, env *emutest.Env) listed {
	t.Helper()
	var l listed

	oc := onsClient(t, env)
	onsDo := func(action string, params map[string]string) json.RawMessage {
		t.Helper()
		raw, err := onsCommon(oc, env, action, params)
		require.NoError(t, err, "%s(%v)", action, params)
		return raw
	}
	var created struct{ Data struct{ InstanceId string } }
	require.NoError(t, json.Unmarshal(onsDo("OnsInstanceCreate", map[string]string{"InstanceName": "snap-inst-b"}), &created))
	onsDo("OnsInstanceCreate", map[string]string{"InstanceName": "snap-inst-a"})
	l.onsInstance = created.Data.InstanceId
	onsDo("TagResources", map[string]string{"ResourceType": "INSTANCE", "ResourceId.1": l.onsInstance, "Tag.1.Key": "env", "Tag.1.Value": "prod"})
	for _, name := range []string{"t-zeta", "t-alpha", "t-mid"} {
		onsDo("OnsTopicCreate", map[string]string{"InstanceId": l.onsInstance, "Topic": name, "MessageType": "0"})
	}
	for _, id := range []string{"GID_zeta", "GID_alpha"} {
		onsDo("OnsGroupCreate", map[string]string{"InstanceId": l.onsInstance, "GroupId": id, "GroupType": "tcp"})
	}
	onsDo("OnsGroupCreate", map[string]string{"InstanceId": l.onsInstance, "GroupId": "GID_http", "GroupType": "http"})
	onsDo("TagResources", map[string]string{"ResourceType": "TOPIC", "InstanceId": l.onsInstance, "ResourceId.1": "t-alpha", "Tag.1.Key": "team", "Tag.1.Value": "a"})
	onsDo("TagResources", map[string]string{"ResourceType": "GROUP", "InstanceId": l.onsInstance, "ResourceId.1": "GID_alpha", "Tag.1.Key": "team", "Tag.1.Value": "a"})
	// A reset subscribes the group to the topic (OnsTopicSubDetail's rows).
	onsDo("OnsConsumerResetOffset", map[string]string{"InstanceId": l.onsInstance, "GroupId": "GID_alpha", "Topic": "t-zeta", "Type": "0"})
	onsDo("OnsTopicCreate", map[string]string{"InstanceId": onsInstance, "Topic": "snap-granted", "MessageType": "0"})
	onsDo("OnsEmpowerCreate", map[string]string{"Topic": "snap-granted", "EmpowerUser": env.Other.Alibaba.UID, "Relation": "4"})

	mc := mqttClient(t, env)
	for _, gid := range []string{"GID_snap_b", "GID_snap_a"} {
		_, err := mc.ProcessCommonRequest(commonMQTT(env, "CreateGroupId", map[string]string{"InstanceId": mqttInstance, "GroupId": gid}))
		require.NoError(t, err)
		env.Advance(time.Second) // ListGroupId goes by creation time
	}

	sdk := tdmqtest.DefaultSDK(t, env)
	four := func(action string, params map[string]any) json.RawMessage {
		t.Helper()
		return okTDMQ(t, sdk, action, params)
	}
	var cl struct{ ClusterId, RequestId string }
	tdmqtest.StrictDecode(t, four("CreateRocketMQCluster", map[string]any{"Name": "snap-b"}), &cl)
	l.clusterB = cl.ClusterId
	// A millisecond apart at least: the fusion list goes by (creation
	// millisecond, id), and ids are random.
	env.Advance(time.Second)
	tdmqtest.StrictDecode(t, four("CreateRocketMQCluster", map[string]any{"Name": "snap-a"}), &cl)
	l.clusterA = cl.ClusterId
	env.Advance(time.Second)
	four("CreateRocketMQVipInstance", map[string]any{"Name": "snap-vip", "Spec": "rocket-vip-basic-1", "NodeCount": 2, "StorageSize": 200,
		"ZoneIds": []string{"100003"}, "VpcInfo": map[string]any{"VpcId": "vpc-snap", "SubnetId": "subnet-snap"}, "TimeSpan": 1})
	env.Advance(time.Hour) // past CREATING
	for _, ns := range []string{"ns-z", "ns-a"} {
		four("CreateRocketMQNamespace", map[string]any{"ClusterId": l.clusterB, "NamespaceId": ns})
	}
	for _, topic := range []string{"topic-z", "topic-a"} {
		four("CreateRocketMQTopicV2", map[string]any{"ClusterId": l.clusterB, "Namespace": "ns-z", "Topic": topic, "Type": "Normal"})
	}
	for _, group := range []string{"group-z", "group-a"} {
		four("CreateRocketMQGroupV2", map[string]any{"ClusterId": l.clusterB, "Namespace": "ns-z", "GroupId": group, "ReadEnable": true, "BroadcastEnable": false})
	}
	for _, role := range []string{"role-z", "role-a"} {
		four("CreateRocketMQRole", map[string]any{"ClusterId": l.clusterB, "RoleName": role})
		four("CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": l.clusterB, "EnvironmentId": "ns-z", "RoleName": role, "Permissions": []string{"produce"}})
	}

	l.instanceB = tdmqtest.NewInstance(t, sdk, "snap-five-b", "BASIC", "basic_2k")
	env.Advance(time.Second)
	tdmqtest.NewInstance(t, sdk, "snap-five-a", "BASIC", "basic_2k")
	env.Advance(time.Hour)
	for _, name := range []string{"topic-z", "topic-a"} {
		tdmqtest.NewTopic(t, sdk, l.instanceB, name)
	}
	for _, name := range []string{"group-z", "group-a"} {
		tdmqtest.NewGroup(t, sdk, l.instanceB, name)
	}
	for _, name := range []string{"role-z", "role-a"} {
		tdmqtest.NewRole(t, sdk, l.instanceB, name)
	}
	return l
}

// onsCommon sends one ONS action through the official SDK's CommonRequest and
// returns the answer's body.
func onsCommon(c *ons.Client, env *emutest.Env, action string, params map[string]string) (json.RawMessage, error) {
	cr := requests.NewCommonRequest()
	cr.Product, cr.Version, cr.ApiName = "Ons", "2019-02-14", action
	cr.Domain, cr.Scheme = env.ONS, "http"
	for k, v := range params {
		cr.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(cr)
	if err != nil {
		return nil, err
	}
	return resp.GetHttpContentBytes(), nil
}

// everyList answers every product's list calls through the SDKs, each with
// its request id taken out, by a name saying which call it was.
func everyList(t *testing.T, env *emutest.Env, l listed) map[string]string {
	t.Helper()
	out := map[string]string{}
	keep := func(name string, raw json.RawMessage) {
		t.Helper()
		var v any
		require.NoError(t, json.Unmarshal(raw, &v), "%s: %s", name, raw)
		got, err := json.Marshal(withoutRequestIDs(v))
		require.NoError(t, err)
		out[name] = string(got)
	}

	mine, theirs := onsClient(t, env), onsClientOf(t, env, env.Other)
	for _, c := range []struct {
		name   string
		client *ons.Client
		action string
		params map[string]string
	}{
		{"ons instances", mine, "OnsInstanceInServiceList", nil},
		{"ons instances tagged", mine, "OnsInstanceInServiceList", map[string]string{"Tag.1.Key": "env", "Tag.1.Value": "prod"}},
		{"ons topics", mine, "OnsTopicList", map[string]string{"InstanceId": l.onsInstance}},
		{"ons topics named", mine, "OnsTopicList", map[string]string{"InstanceId": l.onsInstance, "Topic": "al"}},
		{"ons topics tagged", mine, "OnsTopicList", map[string]string{"InstanceId": l.onsInstance, "Tag.1.Key": "team", "Tag.1.Value": "a"}},
		{"ons topics of the shared space", mine, "OnsTopicList", map[string]string{"InstanceId": onsInstance}},
		{"ons topics granted to the other account", theirs, "OnsTopicList", map[string]string{"InstanceId": otherONSInstance}},
		{"ons groups", mine, "OnsGroupList", map[string]string{"InstanceId": l.onsInstance}},
		{"ons groups named", mine, "OnsGroupList", map[string]string{"InstanceId": l.onsInstance, "GroupId": "zeta"}},
		{"ons groups typed", mine, "OnsGroupList", map[string]string{"InstanceId": l.onsInstance, "GroupType": "http"}},
		{"ons groups tagged", mine, "OnsGroupList", map[string]string{"InstanceId": l.onsInstance, "Tag.1.Key": "team"}},
		{"ons tagged instances", mine, "ListTagResources", map[string]string{"ResourceType": "INSTANCE"}},
		{"ons tagged topics", mine, "ListTagResources", map[string]string{"ResourceType": "TOPIC", "InstanceId": l.onsInstance}},
		{"ons tagged groups", mine, "ListTagResources", map[string]string{"ResourceType": "GROUP", "InstanceId": l.onsInstance}},
		{"ons topic subscribers", mine, "OnsTopicSubDetail", map[string]string{"InstanceId": l.onsInstance, "Topic": "t-zeta"}},
	} {
		raw, err := onsCommon(c.client, env, c.action, c.params)
		require.NoError(t, err, c.name)
		keep(c.name, raw)
	}

	mqttGroups, err := mqttClient(t, env).ProcessCommonRequest(commonMQTT(env, "ListGroupId", map[string]string{"InstanceId": mqttInstance}))
	require.NoError(t, err)
	keep("mqtt group ids", mqttGroups.GetHttpContentBytes())

	sdk := tdmqtest.DefaultSDK(t, env)
	for _, c := range []struct {
		name, service, action string
		params                map[string]any
	}{
		{"4.x clusters", "tdmq", "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 20}},
		{"4.x clusters named", "tdmq", "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 20, "NameKeyword": "snap-a"}},
		{"4.x cluster", "tdmq", "DescribeRocketMQCluster", map[string]any{"ClusterId": l.clusterB}},
		{"4.x vip instances", "tdmq", "DescribeRocketMQVipInstances", map[string]any{"Offset": 0, "Limit": 20}},
		{"4.x namespaces", "tdmq", "DescribeRocketMQNamespaces", map[string]any{"ClusterId": l.clusterB, "Offset": 0, "Limit": 20}},
		{"4.x namespaces named", "tdmq", "DescribeRocketMQNamespaces", map[string]any{"ClusterId": l.clusterB, "Offset": 0, "Limit": 20, "NameKeyword": "-a"}},
		{"4.x topics", "tdmq", "DescribeRocketMQTopics", map[string]any{"ClusterId": l.clusterB, "NamespaceId": "ns-z", "Offset": 0, "Limit": 20}},
		{"4.x topics named", "tdmq", "DescribeRocketMQTopics", map[string]any{"ClusterId": l.clusterB, "NamespaceId": "ns-z", "Offset": 0, "Limit": 20, "FilterName": "-a"}},
		{"4.x groups", "tdmq", "DescribeRocketMQGroups", map[string]any{"ClusterId": l.clusterB, "NamespaceId": "ns-z", "Offset": 0, "Limit": 20}},
		{"4.x groups named", "tdmq", "DescribeRocketMQGroups", map[string]any{"ClusterId": l.clusterB, "NamespaceId": "ns-z", "Offset": 0, "Limit": 20, "FilterGroup": "-a"}},
		{"4.x roles", "tdmq", "DescribeRocketMQRoles", map[string]any{"ClusterId": l.clusterB, "Offset": 0, "Limit": 20}},
		{"4.x environment roles", "tdmq", "DescribeRocketMQEnvironmentRoles", map[string]any{"ClusterId": l.clusterB, "EnvironmentId": "ns-z", "Offset": 0, "Limit": 20}},
		{"5.x instances", "trocket", "DescribeInstanceList", map[string]any{"Offset": 0, "Limit": 20}},
		{"5.x instances named", "trocket", "DescribeInstanceList", map[string]any{"Filters": []map[string]any{{"Name": "InstanceName", "Values": []string{"five-a"}}}}},
		{"fusion instances", "trocket", "DescribeFusionInstanceList", map[string]any{"Offset": 0, "Limit": 20}},
		{"fusion instances named", "trocket", "DescribeFusionInstanceList", map[string]any{"Filters": []map[string]any{{"Name": "InstanceName", "Values": []string{"-a"}}}}},
		{"5.x topics", "trocket", "DescribeTopicList", map[string]any{"InstanceId": l.instanceB}},
		{"5.x consumer groups", "trocket", "DescribeConsumerGroupList", map[string]any{"InstanceId": l.instanceB}},
		{"5.x consumer groups named", "trocket", "DescribeConsumerGroupList", map[string]any{"InstanceId": l.instanceB,
			"Filters": []map[string]any{{"Name": "ConsumerGroupName", "Values": []string{"-a"}}}}},
		{"5.x roles", "trocket", "DescribeRoleList", map[string]any{"InstanceId": l.instanceB}},
		{"5.x roles named", "trocket", "DescribeRoleList", map[string]any{"InstanceId": l.instanceB, "Filters": []map[string]any{{"Name": "RoleName", "Values": []string{"-z"}}}}},
	} {
		raw, err := sdk.Call(c.service, c.action, c.params)
		require.NoError(t, err, c.name)
		keep(c.name, raw)
	}
	return out
}

// withoutRequestIDs drops every RequestId: each call has its own.
func withoutRequestIDs(v any) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "RequestId")
		for k, e := range x {
			x[k] = withoutRequestIDs(e)
		}
	case []any:
		for i, e := range x {
			x[i] = withoutRequestIDs(e)
		}
	}
	return v
}

func onsClientOf(t *testing.T, env *emutest.Env, a *emutest.Account) *ons.Client {
	t.Helper()
	c, err := ons.NewClientWithAccessKey("cn-hangzhou", a.Alibaba.AccessKeyID, a.Alibaba.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.ONS
	return c
}

// After a snapshot GET and PUT into a fresh emulator, every list answers
// as before the export — the same rows, in the same order, under the same
// filters — and the quotas count what was restored. The stores keep
// ordered lists, scopes, tallies and grants beside their maps; a restore
// that rebuilt only the maps would list nothing and let quotas be
// exceeded.
func TestSnapshotRestoreListsAndCountsAsBefore(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	from := emutest.Start(t, append(snapshotQuotas(), emutest.FrozenAt(at))...)
	l := fillForLists(t, from)
	before := everyList(t, from, l)
	// The lists hold what was made, in creation or name order as each
	// list goes (so an empty or reordered list after the restore shows).
	for name, want := range map[string][]string{
		"ons instances":        {"snap-inst-a"}, // by id, and ids are random
		"ons instances tagged": {l.onsInstance},
		"ons topics":           {`"t-alpha"`, `"t-mid"`, `"t-zeta"`},
		"ons topics granted to the other account": {"snap-granted"},
		"ons groups named":                        {"GID_zeta"},
		"ons tagged topics":                       {"t-alpha"},
		"ons topic subscribers":                   {"GID_alpha"},
		"mqtt group ids":                          {"GID_snap_b", "GID_snap_a"},
		"4.x clusters":                            {l.clusterB, l.clusterA},
		"4.x vip instances":                       {"snap-vip"},
		"4.x namespaces":                          {`"ns-z"`, `"ns-a"`},
		"4.x topics":                              {"topic-z", "topic-a"},
		"4.x groups":                              {"group-z", "group-a"},
		"4.x roles":                               {"role-z", "role-a"},
		"4.x environment roles":                   {"role-z", "role-a"},
		"5.x instances":                           {"snap-five-b", "snap-five-a"},
		"fusion instances":                        {"snap-b", "snap-a", "snap-vip", "snap-five-b", "snap-five-a"},
		"5.x topics":                              {"topic-z", "topic-a"},
		"5.x consumer groups":                     {"group-z", "group-a"},
		"5.x roles":                               {"role-z", "role-a"},
	} {
		assertInOrder(t, before[name], want, name)
	}

	doc := getRaw(t, from, "/_mqmock/snapshot")
	to := emutest.Start(t, append(snapshotQuotas(), emutest.FrozenAt(at))...)
	var answer string
	require.Equal(t, http.StatusOK, control(t, to, http.MethodPut, "/_mqmock/snapshot", "application/json", doc, &answer), answer)
	after := everyList(t, to, l)
	require.Len(t, after, len(before))
	for name, want := range before {
		assert.JSONEq(t, want, after[name], name)
	}

	// Quotas count the restored resources: ONS instances per account (4,
	// three held), 4.x virtual clusters per account and region (3, two
	// held), topics and groups per cluster (3, two held each). One more
	// fits, the next does not.
	oc := onsClient(t, to)
	_, err := onsCommon(oc, to, "OnsInstanceCreate", map[string]string{"InstanceName": "snap-inst-a"})
	require.Error(t, err, "the name is still taken")
	_, err = onsCommon(oc, to, "OnsInstanceCreate", map[string]string{"InstanceName": "snap-inst-c"})
	require.NoError(t, err)
	_, err = onsCommon(oc, to, "OnsInstanceCreate", map[string]string{"InstanceName": "snap-inst-d"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "quota of instances")

	// MQTT's shared space of group ids still holds the restored ones.
	other := mqttClientOf(t, to, to.Other)
	_, err = other.ProcessCommonRequest(commonMQTT(to, "CreateGroupId", map[string]string{"InstanceId": "post-cn-mqmock00002", "GroupId": "GID_snap_a"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GroupIdAlreadyUsedByOtherUsers")

	sdk := tdmqtest.DefaultSDK(t, to)
	fourFails := func(action string, params map[string]any, code string) {
		t.Helper()
		_, err := sdk.Call("tdmq", action, params)
		var se *tcerr.TencentCloudSDKError
		require.True(t, errors.As(err, &se), "%s: want %s, got %v", action, code, err)
		assert.Equal(t, code, se.Code, "%s: %s", action, se.Message)
	}
	fourFails("CreateRocketMQCluster", map[string]any{"Name": "snap-a"}, "ResourceInUse")
	okTDMQ(t, sdk, "CreateRocketMQCluster", map[string]any{"Name": "snap-c"})
	fourFails("CreateRocketMQCluster", map[string]any{"Name": "snap-d"}, "LimitExceeded.Clusters")
	okTDMQ(t, sdk, "CreateRocketMQTopicV2", map[string]any{"ClusterId": l.clusterB, "Namespace": "ns-a", "Topic": "topic-c", "Type": "Normal"})
	fourFails("CreateRocketMQTopicV2", map[string]any{"ClusterId": l.clusterB, "Namespace": "ns-a", "Topic": "topic-d", "Type": "Normal"}, "LimitExceeded")
	okTDMQ(t, sdk, "CreateRocketMQGroupV2", map[string]any{"ClusterId": l.clusterB, "Namespace": "ns-a", "GroupId": "group-c", "ReadEnable": true, "BroadcastEnable": false})
	fourFails("CreateRocketMQGroupV2", map[string]any{"ClusterId": l.clusterB, "Namespace": "ns-a", "GroupId": "group-d", "ReadEnable": true, "BroadcastEnable": false}, "LimitExceeded")
}

// assertInOrder checks that every wanted text is in s, each after the one
// before it.
func assertInOrder(t *testing.T, s string, want []string, name string) {
	t.Helper()
	rest := s
	for _, w := range want {
		i := strings.Index(rest, w)
		if !assert.GreaterOrEqual(t, i, 0, "%s: %q missing or out of order in %s", name, w, s) {
			return
		}
		rest = rest[i+len(w):]
	}
}

// mqttClientOf is the official onsmqtt client of account a.
func mqttClientOf(t *testing.T, env *emutest.Env, a *emutest.Account) *onsmqtt.Client {
	t.Helper()
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.Alibaba.AccessKeyID, a.Alibaba.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.MQTT
	return c
}
