package tdmq_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/config"
)

func int64Ptr(v int64) *int64 { return &v }

// declaredTDMQ are one of each declarable TDMQ resource: a 4.x cluster in
// the default region with a namespace, a topic and a group, another cluster
// in ap-shanghai, and a 5.x instance with a topic and a group.
func declaredTDMQ() config.Resources {
	return config.Resources{
		RocketMQ: config.RocketMQResources{
			Clusters: []config.RocketMQCluster{
				{ClusterID: "rocketmq-orders01", Name: "orders", Remark: "declared"},
				{ClusterID: "rocketmq-sh01", Region: "ap-shanghai", Name: "orders"},
			},
			Namespaces: []config.RocketMQNamespace{{ClusterID: "rocketmq-orders01", NamespaceID: "prod", Ttl: int64Ptr(60000), RetentionTime: int64Ptr(60000)}},
			Topics:     []config.RocketMQTopic{{ClusterID: "rocketmq-orders01", Namespace: "prod", Topic: "order-created", Type: "Normal"}},
			Groups:     []config.RocketMQGroup{{ClusterID: "rocketmq-orders01", Namespace: "prod", GroupID: "billing"}},
		},
		TRocket: config.TRocketResources{
			Instances: []config.TRocketInstance{{InstanceID: "rmq-orders01", InstanceType: "BASIC", Name: "orders", SkuCode: "basic_1k"}},
			Topics:    []config.TRocketTopic{{InstanceID: "rmq-orders01", Topic: "order-paid", TopicType: "NORMAL", QueueNum: int64Ptr(4)}},
			Groups:    []config.TRocketGroup{{InstanceID: "rmq-orders01", ConsumerGroup: "shipping"}},
		},
	}
}

// withResources is the built-in default account, with its keys, holding r.
func withResources(r config.Resources) []config.Account {
	d := account.Defaults()[0]
	return []config.Account{{Name: d.Name, Resources: r,
		Tencent: config.Tencent{SecretID: d.Tencent.SecretID, SecretKey: d.Tencent.SecretKey, AppID: d.Tencent.AppID}}}
}

// tdmqSeen is what the official SDK lists of the declared resources.
type tdmqSeen struct {
	ClusterName                string
	ClusterStatus              int64 // 0 creating, 1 running
	Namespaces, Topics, Groups []string
	ShanghaiClusters           int
	InstanceStatus             string
	InstanceTopics             map[string]int64 // topic → queue number
	InstanceGroups             map[string]int64 // group → max retry times
}

func seeTDMQ(t *testing.T, env *emutest.Env) tdmqSeen {
	t.Helper()
	sdk := tdmqtest.DefaultSDK(t, env)
	call := func(service, action string, params map[string]any, out any) {
		t.Helper()
		raw, err := sdk.Call(service, action, params)
		require.NoError(t, err, action)
		require.NoError(t, json.Unmarshal(raw, out))
	}
	var s tdmqSeen
	var cluster struct {
		ClusterInfo struct {
			ClusterName    string
			InstanceStatus int64
		}
	}
	call("tdmq", "DescribeRocketMQCluster", map[string]any{"ClusterId": "rocketmq-orders01"}, &cluster)
	s.ClusterName, s.ClusterStatus = cluster.ClusterInfo.ClusterName, cluster.ClusterInfo.InstanceStatus
	var vips struct {
		ClusterList []struct {
			Info struct{ ClusterId, ClusterName string }
		}
	}
	call("tdmq", "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 20}, &vips)
	require.Len(t, vips.ClusterList, 1, "ap-guangzhou lists its own cluster alone")
	var ns struct {
		Namespaces []struct{ NamespaceId string }
	}
	call("tdmq", "DescribeRocketMQNamespaces", map[string]any{"ClusterId": "rocketmq-orders01", "Offset": 0, "Limit": 20}, &ns)
	for _, n := range ns.Namespaces {
		s.Namespaces = append(s.Namespaces, n.NamespaceId)
	}
	page := map[string]any{"ClusterId": "rocketmq-orders01", "NamespaceId": "prod", "Offset": 0, "Limit": 20}
	var topics struct{ Topics []struct{ Name string } }
	call("tdmq", "DescribeRocketMQTopics", page, &topics)
	for _, tp := range topics.Topics {
		s.Topics = append(s.Topics, tp.Name)
	}
	var groups struct{ Groups []struct{ Name string } }
	call("tdmq", "DescribeRocketMQGroups", page, &groups)
	for _, g := range groups.Groups {
		s.Groups = append(s.Groups, g.Name)
	}
	sh := tdmqtest.NewSDKIn(t, env, "ap-shanghai", env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
	raw, err := sh.Call("tdmq", "DescribeRocketMQCluster", map[string]any{"ClusterId": "rocketmq-sh01"})
	require.NoError(t, err)
	if len(raw) > 0 {
		s.ShanghaiClusters++
	}

	var in struct{ InstanceStatus string }
	call("trocket", "DescribeInstance", map[string]any{"InstanceId": "rmq-orders01"}, &in)
	s.InstanceStatus = in.InstanceStatus
	var tl struct {
		Data []struct {
			Topic    string
			QueueNum int64
		}
	}
	call("trocket", "DescribeTopicList", map[string]any{"InstanceId": "rmq-orders01"}, &tl)
	s.InstanceTopics = map[string]int64{}
	for _, tp := range tl.Data {
		s.InstanceTopics[tp.Topic] = tp.QueueNum
	}
	var gl struct {
		Data []struct {
			ConsumerGroup string
			MaxRetryTimes int64
		}
	}
	call("trocket", "DescribeConsumerGroupList", map[string]any{"InstanceId": "rmq-orders01"}, &gl)
	s.InstanceGroups = map[string]int64{}
	for _, g := range gl.Data {
		s.InstanceGroups[g.ConsumerGroup] = g.MaxRetryTimes
	}
	return s
}

// Declared 4.x and 5.x resources are there at start under their declared
// ids, RUNNING although tdmq.readyAfter would hold a created one CREATING,
// in the region each names, listed by the official SDK like any other, and
// back after a reset; what requests made goes.
func TestDeclaredTDMQResourcesExistFromTheStartAndAfterReset(t *testing.T) {
	env := emutest.Start(t, tdmqtest.WithOptions(map[string]any{"readyAfter": "1h"}),
		emutest.WithConfig(func(c *emulator.Config) { c.Accounts = withResources(declaredTDMQ()) }))
	want := tdmqSeen{ClusterName: "orders", ClusterStatus: 1, Namespaces: []string{"prod"}, Topics: []string{"order-created"},
		Groups: []string{"billing"}, ShanghaiClusters: 1, InstanceStatus: "RUNNING",
		InstanceTopics: map[string]int64{"order-paid": 4}, InstanceGroups: map[string]int64{"shipping": 16}}
	assert.Equal(t, want, seeTDMQ(t, env))

	sdk := tdmqtest.DefaultSDK(t, env)
	_, err := sdk.Call("tdmq", "DeleteRocketMQTopic", map[string]any{"ClusterId": "rocketmq-orders01", "NamespaceId": "prod", "Topic": "order-created"})
	require.NoError(t, err)
	_, err = sdk.Call("trocket", "DeleteConsumerGroup", map[string]any{"InstanceId": "rmq-orders01", "ConsumerGroup": "shipping"})
	require.NoError(t, err)
	tdmqtest.NewTopic(t, sdk, "rmq-orders01", "scratch")
	require.NoError(t, env.Reset(emulator.TDMQ))
	assert.Equal(t, want, seeTDMQ(t, env))
}

// An entry the API would refuse, or an id no API would hand out, stops
// start-up with one line naming it.
func TestARefusedTDMQEntryStopsStartUp(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*config.Resources)
		want string
	}{
		{"a cluster id of the wrong form", func(r *config.Resources) { r.RocketMQ.Clusters[0].ClusterID = "orders" },
			"config: accounts[0].resources.rocketmq4.clusters[0] (orders): InvalidParameterValue: Invalid parameter value. (clusterId must be rocketmq- followed by 1-32 lower-case letters and digits)"},
		{"a cluster id twice", func(r *config.Resources) { r.RocketMQ.Clusters[1].ClusterID = "rocketmq-orders01" },
			"config: accounts[0].resources.rocketmq4.clusters[1] (rocketmq-orders01): ResourceInUse: Resource is in use. (cluster id rocketmq-orders01 exists)"},
		{"a cluster name twice in one region", func(r *config.Resources) { r.RocketMQ.Clusters[1].Region = "" },
			"config: accounts[0].resources.rocketmq4.clusters[1] (rocketmq-sh01): ResourceInUse: Resource is in use. (cluster name orders exists)"},
		{"a namespace in a cluster not declared", func(r *config.Resources) { r.RocketMQ.Namespaces[0].ClusterID = "rocketmq-nowhere" },
			"config: accounts[0].resources.rocketmq4.namespaces[0] (rocketmq-nowhere/prod): ResourceNotFound.Cluster: Cluster does not exist"},
		{"a topic of no type", func(r *config.Resources) { r.RocketMQ.Topics[0].Type = "Fast" },
			"config: accounts[0].resources.rocketmq4.topics[0] (rocketmq-orders01/prod/order-created): InvalidParameter: Incorrect parameter. (Type must be Normal, GlobalOrder, PartitionedOrder, Transaction or DelayScheduled)"},
		{"a group in another region's cluster", func(r *config.Resources) { r.RocketMQ.Groups[0].ClusterID = "rocketmq-sh01" },
			"config: accounts[0].resources.rocketmq4.groups[0] (rocketmq-sh01/prod/billing): ResourceNotFound.Namespace: Namespace does not exist"},
		{"an instance of an unknown SKU", func(r *config.Resources) { r.TRocket.Instances[0].SkuCode = "basic_9k" },
			"config: accounts[0].resources.rocketmq5.instances[0] (rmq-orders01): InvalidParameterValue: Invalid parameter value. (SkuCode: not a BASIC SKU of DescribeProductSKUs)"},
		{"an instance id of the wrong form", func(r *config.Resources) { r.TRocket.Instances[0].InstanceID = "rmq-Orders" },
			"config: accounts[0].resources.rocketmq5.instances[0] (rmq-Orders): InvalidParameterValue: Invalid parameter value. (InstanceId: rmq- followed by 1-32 lower-case letters and digits)"},
		{"a topic in an instance not declared", func(r *config.Resources) { r.TRocket.Topics[0].InstanceID = "rmq-nowhere" },
			"config: accounts[0].resources.rocketmq5.topics[0] (rmq-nowhere/order-paid): ResourceNotFound.Instance: Instance does not exist (rmq-nowhere)"},
		{"a group retried too often", func(r *config.Resources) { r.TRocket.Groups[0].MaxRetryTimes = int64Ptr(100000) },
			"config: accounts[0].resources.rocketmq5.groups[0] (rmq-orders01/shipping): InvalidParameterValue: Invalid parameter value. (MaxRetryTimes: must be between 0 and 1000)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := declaredTDMQ()
			tc.edit(&r)
			cfg := config.Default()
			cfg.Accounts = withResources(r)
			_, err := emulator.New(emulator.Config(cfg))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}
