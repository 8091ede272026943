package tdmq_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// elsewhere are the regions a resource created in ap-guangzhou must be
// invisible from: another real region, none at all (the SDK then sends no
// X-TC-Region) and one that exists nowhere.
var elsewhere = []string{"ap-shanghai", "", "xx-nowhere-9"}

// sdkIn is the default account's client in a region.
func sdkIn(t *testing.T, env *emutest.Env, region string) *tdmqtest.SDK {
	return tdmqtest.NewSDKIn(t, env, region, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
}

// sdkCode is the code and message of a call that must fail, with id
// replaced by ID so a missing resource's answer compares with another's.
func sdkCode(t *testing.T, c *tdmqtest.SDK, service, action string, params p, id string) (string, string) {
	t.Helper()
	_, err := c.Call(service, action, params)
	var se *tcerr.TencentCloudSDKError
	require.True(t, errors.As(err, &se), "%s(%v): want an SDK error, got %v", action, params, err)
	return se.Code, strings.ReplaceAll(se.Message, id, "ID")
}

// sameAsMissing checks that each call naming id answers exactly as the
// same call naming a resource that does not exist.
func sameAsMissing(t *testing.T, c *tdmqtest.SDK, service, id, missing string, calls []struct {
	action string
	params func(id string) p
},
) {
	t.Helper()
	for _, call := range calls {
		code, msg := sdkCode(t, c, service, call.action, call.params(id), id)
		wantCode, wantMsg := sdkCode(t, c, service, call.action, call.params(missing), missing)
		assert.True(t, strings.HasPrefix(code, "ResourceNotFound"), "%s: %s %s", call.action, code, msg)
		assert.Equal(t, wantCode, code, "%s: the code of a resource that does not exist", call.action)
		assert.Equal(t, wantMsg, msg, "%s: the message of a resource that does not exist", call.action)
	}
}

// TestRegionsIsolateClusters: a 4.x cluster (virtual or dedicated) created
// in ap-guangzhou, with everything in it, is neither listed nor found from
// another region, from none and from an unknown one; calls there change
// nothing, and ap-guangzhou still has it all.
func TestRegionsIsolateClusters(t *testing.T) {
	env := emutest.Start(t)
	gz := tdmqtest.DefaultSDK(t, env)
	cluster := newCluster(t, gz, "regional")
	for _, call := range []struct {
		action string
		params p
	}{
		{"CreateRocketMQNamespace", p{"ClusterId": cluster, "NamespaceId": "ns-regional"}},
		{"CreateRocketMQTopic", p{"ClusterId": cluster, "Namespaces": []string{"ns-regional"}, "Topic": "orders", "Type": "Normal"}},
		{"CreateRocketMQGroup", p{"ClusterId": cluster, "Namespaces": []string{"ns-regional"}, "GroupId": "billing-group", "ReadEnable": true, "BroadcastEnable": false}},
		{"CreateRocketMQRole", p{"ClusterId": cluster, "RoleName": "reader"}},
		{"SendRocketMQMessage", p{"ClusterId": cluster, "NamespaceId": "ns-regional", "TopicName": "orders", "MsgBody": "hi"}},
	} {
		_, err := gz.Call("tdmq", call.action, call.params)
		require.NoError(t, err, call.action)
	}
	raw, err := gz.Call("tdmq", "CreateRocketMQVipInstance", p{
		"Name": "regional-vip", "Spec": "rocket-vip-basic-2", "StorageSize": 300, "ZoneIds": []string{"100003"},
		"VpcInfo": p{"VpcId": "vpc-abcd1234", "SubnetId": "subnet-abcd1234"}, "TimeSpan": 1,
	})
	require.NoError(t, err)
	var created struct{ ClusterId string }
	require.NoError(t, json.Unmarshal(raw, &created))
	vip := created.ClusterId

	inCluster := []struct {
		action string
		params func(id string) p
	}{
		{"DescribeRocketMQCluster", func(id string) p { return p{"ClusterId": id} }},
		{"DescribeRocketMQNamespaces", func(id string) p { return p{"ClusterId": id, "Offset": 0, "Limit": 10} }},
		{"DescribeRocketMQTopics", func(id string) p {
			return p{"ClusterId": id, "NamespaceId": "ns-regional", "Offset": 0, "Limit": 10}
		}},
		{"DescribeRocketMQTopic", func(id string) p { return p{"ClusterId": id, "NamespaceId": "ns-regional", "TopicName": "orders"} }},
		{"DescribeRocketMQGroups", func(id string) p {
			return p{"ClusterId": id, "NamespaceId": "ns-regional", "Offset": 0, "Limit": 10}
		}},
		{"DescribeRocketMQRoles", func(id string) p { return p{"ClusterId": id, "Offset": 0, "Limit": 10} }},
		{"SendRocketMQMessage", func(id string) p {
			return p{"ClusterId": id, "NamespaceId": "ns-regional", "TopicName": "orders", "MsgBody": "lost"}
		}},
		{"DeleteRocketMQGroup", func(id string) p { return p{"ClusterId": id, "NamespaceId": "ns-regional", "GroupId": "billing-group"} }},
		{"DeleteRocketMQCluster", func(id string) p { return p{"ClusterId": id} }},
	}
	inVip := []struct {
		action string
		params func(id string) p
	}{
		{"DescribeRocketMQVipInstanceDetail", func(id string) p { return p{"ClusterId": id} }},
		{"DescribeRocketMQCluster", func(id string) p { return p{"ClusterId": id} }},
		{"DeleteRocketMQVipInstance", func(id string) p { return p{"ClusterId": id} }},
	}
	for _, region := range elsewhere {
		t.Run("region="+region, func(t *testing.T) {
			c := sdkIn(t, env, region)
			var clusters struct{ TotalCount int64 }
			raw, err := c.Call("tdmq", "DescribeRocketMQClusters", p{"Offset": 0, "Limit": 10})
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &clusters))
			assert.Zero(t, clusters.TotalCount, "no cluster listed in %q", region)
			var vips struct{ TotalCount int64 }
			raw, err = c.Call("tdmq", "DescribeRocketMQVipInstances", p{})
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &vips))
			assert.Zero(t, vips.TotalCount, "no dedicated cluster listed in %q", region)
			sameAsMissing(t, c, "tdmq", cluster, "rocketmq-nothere00000", inCluster)
			sameAsMissing(t, c, "tdmq", vip, "rocketmq-nothere00000", inVip)
		})
	}

	// Nothing above reached ap-guangzhou's cluster.
	var d struct {
		ClusterInfo   struct{ Region string }
		ClusterConfig struct{ UsedGroupNum uint64 }
		ClusterStats  struct{ ProducedMsgNum uint64 }
	}
	raw, err = gz.Call("tdmq", "DescribeRocketMQCluster", p{"ClusterId": cluster})
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &d))
	assert.Equal(t, "ap-guangzhou", d.ClusterInfo.Region)
	assert.Equal(t, uint64(1), d.ClusterConfig.UsedGroupNum)
	assert.Equal(t, uint64(1), d.ClusterStats.ProducedMsgNum)
	var list struct{ TotalCount int64 }
	raw, err = gz.Call("tdmq", "DescribeRocketMQClusters", p{"Offset": 0, "Limit": 10})
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &list))
	assert.Equal(t, int64(2), list.TotalCount)
}

// TestRegionsCountClusterNamesAndQuotaPerRegion: the virtual cluster quota
// (1493/115875: "per region") and the name rule count the clusters of the
// call's region only.
func TestRegionsCountClusterNamesAndQuotaPerRegion(t *testing.T) {
	env := emutest.Start(t, tdmqtest.WithOptions(map[string]any{"rocketmq4": map[string]any{"virtualClusters": 1}}))
	gz, sh := tdmqtest.DefaultSDK(t, env), sdkIn(t, env, "ap-shanghai")
	newCluster(t, gz, "same-name")
	newCluster(t, sh, "same-name") // the name and the quota are free in ap-shanghai
	sh.FailIn("tdmq", "CreateRocketMQCluster", p{"Name": "second"}, "LimitExceeded.Clusters")
	gz.FailIn("tdmq", "CreateRocketMQCluster", p{"Name": "second"}, "LimitExceeded.Clusters")
}

// TestRegionsIsolateInstances: a 5.x instance created in ap-guangzhou, with
// its topics, groups, roles and messages, is neither listed nor found from
// another region, from none and from an unknown one.
func TestRegionsIsolateInstances(t *testing.T) {
	env := emutest.Start(t)
	gz := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, gz, "regional", "BASIC", "basic_1k")
	tdmqtest.NewTopic(t, gz, id, "orders")
	tdmqtest.NewGroup(t, gz, id, "billing")
	tdmqtest.NewRole(t, gz, id, "reader")
	gz.OK("SendMessage", p{"InstanceId": id, "Topic": "orders", "MsgBody": "hi"}, nil)

	inInstance := []struct {
		action string
		params func(id string) p
	}{
		{"DescribeInstance", func(id string) p { return p{"InstanceId": id} }},
		{"DescribeTopicList", func(id string) p { return p{"InstanceId": id} }},
		{"DescribeTopic", func(id string) p { return p{"InstanceId": id, "Topic": "orders"} }},
		{"DescribeConsumerGroupList", func(id string) p { return p{"InstanceId": id} }},
		{"DescribeConsumerGroup", func(id string) p { return p{"InstanceId": id, "ConsumerGroup": "billing"} }},
		{"DescribeRoleList", func(id string) p { return p{"InstanceId": id} }},
		{"SendMessage", func(id string) p { return p{"InstanceId": id, "Topic": "orders", "MsgBody": "lost"} }},
		{"DeleteTopic", func(id string) p { return p{"InstanceId": id, "Topic": "orders"} }},
		{"DeleteInstance", func(id string) p { return p{"InstanceId": id} }},
	}
	for _, region := range elsewhere {
		t.Run("region="+region, func(t *testing.T) {
			c := sdkIn(t, env, region)
			total, _ := names(t, c.OK("DescribeInstanceList", p{}, nil), "InstanceId")
			assert.Zero(t, total, "no instance listed in %q", region)
			total, _ = names(t, c.OK("DescribeFusionInstanceList", p{}, nil), "InstanceId")
			assert.Zero(t, total, "no instance listed in %q", region)
			sameAsMissing(t, c, "trocket", id, "rmq-nothere0", inInstance)
		})
	}

	// Nothing above reached ap-guangzhou's instance.
	var d struct {
		TopicNum, GroupNum int64
		EndpointList       []struct{ EndpointUrl string }
	}
	raw := gz.OK("DescribeInstance", p{"InstanceId": id}, nil)
	require.NoError(t, json.Unmarshal(raw, &d))
	assert.Equal(t, int64(1), d.TopicNum)
	assert.Equal(t, int64(1), d.GroupNum)
	require.NotEmpty(t, d.EndpointList)
	assert.Contains(t, d.EndpointList[0].EndpointUrl, ".ap-guangzhou.")
	total, _ := names(t, gz.OK("DescribeInstanceList", p{}, nil), "InstanceId")
	assert.Equal(t, int64(1), total)
}

// TestRegionsFusionListsTheCallersRegion: DescribeFusionInstanceList lists
// the 4.x clusters and 5.x instances of the call's region only.
func TestRegionsFusionListsTheCallersRegion(t *testing.T) {
	env := emutest.Start(t)
	gz, sh := tdmqtest.DefaultSDK(t, env), sdkIn(t, env, "ap-shanghai")
	gzCluster := newCluster(t, gz, "fusion-gz")
	gzInstance := tdmqtest.NewInstance(t, gz, "fusion-gz", "BASIC", "basic_1k")
	shCluster := newCluster(t, sh, "fusion-sh")
	shInstance := tdmqtest.NewInstance(t, sh, "fusion-sh", "BASIC", "basic_1k")

	total, ids := names(t, gz.OK("DescribeFusionInstanceList", p{}, nil), "InstanceId")
	assert.Equal(t, int64(2), total)
	assert.ElementsMatch(t, []string{gzCluster, gzInstance}, ids)
	total, ids = names(t, sh.OK("DescribeFusionInstanceList", p{}, nil), "InstanceId")
	assert.Equal(t, int64(2), total)
	assert.ElementsMatch(t, []string{shCluster, shInstance}, ids)
	total, ids = names(t, sdkIn(t, env, "xx-nowhere-9").OK("DescribeFusionInstanceList", p{}, nil), "InstanceId")
	assert.Zero(t, total)
	assert.Empty(t, ids)
}

// TestRegionsInState: the state view says which region each cluster and
// instance is in.
func TestRegionsInState(t *testing.T) {
	env := emutest.Start(t)
	newCluster(t, sdkIn(t, env, "ap-shanghai"), "state-region")
	tdmqtest.NewInstance(t, sdkIn(t, env, "ap-beijing"), "state-region", "BASIC", "basic_1k")
	resp, err := http.Get(env.URL("tdmq") + "/_mqmock/state?vendor=tdmq")
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var state map[string]map[string]map[string][]map[string]any
	require.NoError(t, json.Unmarshal(raw, &state), string(raw))
	require.Len(t, state["tdmq"]["rocketmq4"]["clusters"], 1)
	assert.Equal(t, "ap-shanghai", state["tdmq"]["rocketmq4"]["clusters"][0]["region"])
	require.Len(t, state["tdmq"]["rocketmq5"]["instances"], 1)
	assert.Equal(t, "ap-beijing", state["tdmq"]["rocketmq5"]["instances"][0]["region"])
}

// TestRegionsConfigured: with tdmq.regions set, a call in a region outside
// it answers UnsupportedRegion, for both generations.
func TestRegionsConfigured(t *testing.T) {
	env := emutest.Start(t, tdmqtest.WithOptions(map[string]any{"regions": []any{"ap-guangzhou"}}))
	newCluster(t, tdmqtest.DefaultSDK(t, env), "served")
	sh := sdkIn(t, env, "ap-shanghai")
	sh.FailIn("tdmq", "DescribeRocketMQClusters", p{"Offset": 0, "Limit": 10}, "UnsupportedRegion")
	sh.FailIn("tdmq", "CreateRocketMQCluster", p{"Name": "refused"}, "UnsupportedRegion")
	sh.Fail("DescribeInstanceList", p{}, "UnsupportedRegion")
	sh.Fail("DescribeFusionInstanceList", p{}, "UnsupportedRegion")
}
