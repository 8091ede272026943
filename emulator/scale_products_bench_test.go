package emulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/sign/tc3"
)

// Issue 17 target 5 for ONS, MQTT and TDMQ (4.x and 5.x): a list or get call
// with 1000 resources costs at most 1.2× the same call with 10. Each product
// benchmark starts two emulators, fills one with 10 and the other with 1000
// of every resource its lists and gets read (created through the API, signed
// as the SDKs sign), then times each call on both alternately in one loop
// over loopback and reports "x1000/10".
//
// Pages are the first 10 rows, so that both sizes answer the same rows.
// The lists that have no paging (OnsTopicList, OnsGroupList,
// OnsInstanceInServiceList, ListTagResources, ListGroupId) answer every row
// they select, and writing 1000 rows costs what writing 1000 rows costs:
// they are measured selecting the same rows at both sizes (a name filter, a
// tag filter, or the listed instance's own groups beside another instance's
// 10 or 1000), which is what shows whether the other resources cost
// anything.
//
//	GIN_MODE=release go test -run XXX -bench 'ScaleProducts' -benchtime 2000x ./emulator/

// scaleSizes are the two sizes a scale benchmark compares.
const scaleSmall, scaleLarge = 10, 1000

// scaleRun times small and large alternately and reports the median large
// call as a multiple of the median small one. Only the round trip is
// timed. Medians, because the machine is shared: a descheduled call or a
// GC pause lands on either side at random and would swing a ratio of sums.
func scaleRun(b *testing.B, hc *http.Client, small, large caller) {
	for i, c := range []caller{small, large} {
		status, body, _, err := roundTrip(hc, c.next())
		if err != nil || !c.ok(status, body) {
			b.Fatalf("env %d: status %d, err %v: %s", i, status, err, body)
		}
	}
	var smallT, largeT []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		status, body, d, err := roundTrip(hc, small.next())
		if err != nil || !small.ok(status, body) {
			b.Fatalf("at %d: status %d, err %v: %s", scaleSmall, status, err, body)
		}
		smallT = append(smallT, d)
		status, body, d, err = roundTrip(hc, large.next())
		if err != nil || !large.ok(status, body) {
			b.Fatalf("at %d: status %d, err %v: %s", scaleLarge, status, err, body)
		}
		largeT = append(largeT, d)
	}
	ms, ml := median(smallT), median(largeT)
	b.ReportMetric(float64(ms.Nanoseconds()), "at10-ns/call")
	b.ReportMetric(float64(ml.Nanoseconds()), "at1000-ns/call")
	b.ReportMetric(float64(ml)/float64(ms), "x1000/10")
}

// mustCall sends one setup call and fails the benchmark unless it succeeds.
func mustCall(b *testing.B, hc *http.Client, c caller) []byte {
	b.Helper()
	status, body, _, err := roundTrip(hc, c.next())
	if err != nil || !c.ok(status, body) {
		b.Fatalf("setup: status %d, err %v: %s", status, err, body)
	}
	return body
}

// scaleCase is one measured call, built for either emulator of a product.
type scaleCase[F any] struct {
	name string
	call func(b *testing.B, f F) caller
}

// runScale runs every case against the two fixtures.
func runScale[F any](b *testing.B, hc *http.Client, small, large F, cases []scaleCase[F]) {
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { scaleRun(b, hc, c.call(b, small), c.call(b, large)) })
	}
}

// padded is a zero-padded resource name: a name filter for one of them
// selects exactly that one at either size.
func padded(prefix string, i int) string { return fmt.Sprintf("%s%04d", prefix, i) }

// ---- ONS ----

type onsFixture struct {
	env      *emutest.Env
	instance string // the default shared-space instance: n topics, n groups
	created  string // one of the n created instances, tagged pick=me
}

const onsVersion = "2019-02-14"

func onsScaleEnv(b *testing.B, hc *http.Client, n int) onsFixture {
	env := start(b, emutest.WithOptions("ons", map[string]any{"topicCapacity": 1 << 20, "maxGroups": 1 << 20, "maxInstances": 1 << 20}))
	f := onsFixture{env: env, instance: "MQ_INST_1000000000000001_mqmock01"}
	call := func(action string, params map[string]string) []byte {
		return mustCall(b, hc, aliyunCaller(b, env, env.ONS, action, onsVersion, params))
	}
	for i := range n {
		call("OnsTopicCreate", map[string]string{"InstanceId": f.instance, "Topic": padded("topic-", i), "MessageType": "0"})
		call("OnsGroupCreate", map[string]string{"InstanceId": f.instance, "GroupId": padded("GID_bench_", i), "GroupType": "tcp"})
		var out struct{ Data struct{ InstanceId string } }
		if err := json.Unmarshal(call("OnsInstanceCreate", map[string]string{"InstanceName": padded("inst-", i)}), &out); err != nil {
			b.Fatal(err)
		}
		if i == n/2 {
			f.created = out.Data.InstanceId
		}
	}
	call("TagResources", map[string]string{"ResourceType": "INSTANCE", "ResourceId.1": f.created, "Tag.1.Key": "pick", "Tag.1.Value": "me"})
	call("TagResources", map[string]string{"ResourceType": "TOPIC", "InstanceId": f.instance, "ResourceId.1": padded("topic-", 5), "Tag.1.Key": "pick", "Tag.1.Value": "me"})
	return f
}

func onsCall(action string, params func(f onsFixture) map[string]string) func(*testing.B, onsFixture) caller {
	return func(b *testing.B, f onsFixture) caller {
		return aliyunCaller(b, f.env, f.env.ONS, action, onsVersion, params(f))
	}
}

var onsScaleCases = []scaleCase[onsFixture]{
	{"OnsInstanceInServiceList", onsCall("OnsInstanceInServiceList", func(onsFixture) map[string]string {
		return map[string]string{"Tag.1.Key": "pick", "Tag.1.Value": "me"}
	})},
	{"OnsInstanceBaseInfo", onsCall("OnsInstanceBaseInfo", func(f onsFixture) map[string]string { return map[string]string{"InstanceId": f.created} })},
	{"OnsTopicList", onsCall("OnsTopicList", func(f onsFixture) map[string]string {
		return map[string]string{"InstanceId": f.instance, "Topic": padded("topic-", 5)}
	})},
	{"OnsTopicStatus", onsCall("OnsTopicStatus", func(f onsFixture) map[string]string {
		return map[string]string{"InstanceId": f.instance, "Topic": padded("topic-", 5)}
	})},
	{"OnsTopicSubDetail", onsCall("OnsTopicSubDetail", func(f onsFixture) map[string]string {
		return map[string]string{"InstanceId": f.instance, "Topic": padded("topic-", 5)}
	})},
	{"OnsGroupList", onsCall("OnsGroupList", func(f onsFixture) map[string]string {
		return map[string]string{"InstanceId": f.instance, "GroupId": padded("GID_bench_", 5)}
	})},
	{"OnsGroupSubDetail", onsCall("OnsGroupSubDetail", func(f onsFixture) map[string]string {
		return map[string]string{"InstanceId": f.instance, "GroupId": padded("GID_bench_", 5)}
	})},
	{"OnsConsumerAccumulate", onsCall("OnsConsumerAccumulate", func(f onsFixture) map[string]string {
		return map[string]string{"InstanceId": f.instance, "GroupId": padded("GID_bench_", 5)}
	})},
	{"ListTagResources", onsCall("ListTagResources", func(f onsFixture) map[string]string {
		return map[string]string{"ResourceType": "TOPIC", "InstanceId": f.instance, "Tag.1.Key": "pick", "Tag.1.Value": "me"}
	})},
}

func BenchmarkScaleProductsONS(b *testing.B) {
	hc := perfClient(b)
	runScale(b, hc, onsScaleEnv(b, hc, scaleSmall), onsScaleEnv(b, hc, scaleLarge), onsScaleCases)
}

// ---- MQTT ----

const mqttVersion = "2020-04-20"

// The MQTT fixture's account has two instances: the listed one always holds
// 10 groups, the other n.
const mqttListed, mqttOther = "post-cn-bench0001", "post-cn-bench0002"

type mqttFixture struct {
	env   *emutest.Env
	token string
}

func mqttScaleEnv(b *testing.B, hc *http.Client, n int) mqttFixture {
	acct := emutest.Account{
		Name:    "bench",
		Tencent: emutest.Tencent{SecretID: "AKIDbench000000000000000000000000001", SecretKey: "benchsecretkey0000000000000000001", AppID: 1250000001},
		Alibaba: emutest.Alibaba{AccessKeyID: "LTAIbench00000000000001", AccessKeySecret: "benchsecret000000000000000000001"},
		MQTTInstances: []emutest.MQTTInstance{
			{ID: mqttListed, ParentTopics: []string{"bench"}},
			{ID: mqttOther, ParentTopics: []string{"bench"}},
		},
	}
	env := start(b, emutest.WithAccounts(acct))
	f := mqttFixture{env: env}
	call := func(action string, params map[string]string) []byte {
		return mustCall(b, hc, aliyunCaller(b, env, env.MQTT, action, mqttVersion, params))
	}
	for i := range scaleSmall {
		call("CreateGroupId", map[string]string{"InstanceId": mqttListed, "GroupId": padded("GID_listed_", i)})
	}
	for i := range n {
		call("CreateGroupId", map[string]string{"InstanceId": mqttOther, "GroupId": padded("GID_other_", i)})
		call("RegisterDeviceCredential", map[string]string{"InstanceId": mqttListed, "ClientId": padded("GID_listed_0000@@@dev", i)})
		var out struct{ Token string }
		if err := json.Unmarshal(call("ApplyToken", map[string]string{"InstanceId": mqttListed, "Resources": "bench/a", "Actions": "R",
			"ExpireTime": "4102444800000"}), &out); err != nil {
			b.Fatal(err)
		}
		if i == n/2 {
			f.token = out.Token
		}
	}
	return f
}

func mqttCall(action string, params func(f mqttFixture) map[string]string) func(*testing.B, mqttFixture) caller {
	return func(b *testing.B, f mqttFixture) caller {
		return aliyunCaller(b, f.env, f.env.MQTT, action, mqttVersion, params(f))
	}
}

var mqttScaleCases = []scaleCase[mqttFixture]{
	{"ListGroupId", mqttCall("ListGroupId", func(mqttFixture) map[string]string { return map[string]string{"InstanceId": mqttListed} })},
	{"GetDeviceCredential", mqttCall("GetDeviceCredential", func(mqttFixture) map[string]string {
		return map[string]string{"InstanceId": mqttListed, "ClientId": padded("GID_listed_0000@@@dev", 5)}
	})},
	{"QuerySessionByClientId", mqttCall("QuerySessionByClientId", func(mqttFixture) map[string]string {
		return map[string]string{"InstanceId": mqttListed, "ClientId": padded("GID_listed_0000@@@dev", 5)}
	})},
	{"BatchQuerySessionByClientIds", mqttCall("BatchQuerySessionByClientIds", func(mqttFixture) map[string]string {
		return map[string]string{"InstanceId": mqttListed, "ClientIdList.1": padded("GID_listed_0000@@@dev", 5), "ClientIdList.2": padded("GID_listed_0000@@@dev", 6)}
	})},
	{"QueryToken", mqttCall("QueryToken", func(f mqttFixture) map[string]string {
		return map[string]string{"InstanceId": mqttListed, "Token": f.token}
	})},
}

func BenchmarkScaleProductsMQTT(b *testing.B) {
	hc := perfClient(b)
	runScale(b, hc, mqttScaleEnv(b, hc, scaleSmall), mqttScaleEnv(b, hc, scaleLarge), mqttScaleCases)
}

// ---- TDMQ ----

const tdmqVersion = "2020-02-17"

// tc3ServiceCaller signs a TDMQ call TC3 for service (tdmq for 4.x, trocket
// for 5.x) with the default account's key, as the Go SDK does.
func tc3ServiceCaller(b *testing.B, env *emutest.Env, service, version, action string, params map[string]any) caller {
	body, err := json.Marshal(params)
	if err != nil {
		b.Fatal(err)
	}
	a := env.Default.Tencent
	return caller{
		next: func() *http.Request {
			req := newRequest(b, http.MethodPost, "http://"+env.TDMQ+"/", "application/json", string(body))
			req.Header.Set("X-TC-Action", action)
			req.Header.Set("X-TC-Version", version)
			req.Header.Set("X-TC-Region", "ap-guangzhou")
			if err := tc3.SignRequest(req, a.SecretID, a.SecretKey, service, time.Now().Unix()); err != nil {
				b.Fatal(err)
			}
			return req
		},
		ok: func(status int, body []byte) bool {
			return status == http.StatusOK && strings.Contains(string(body), `"Response"`) && !strings.Contains(string(body), `"Error"`)
		},
	}
}

// tc3Response decodes a Response object's fields into out.
func tc3Response(b *testing.B, body []byte, out any) {
	b.Helper()
	var env struct{ Response json.RawMessage }
	if err := json.Unmarshal(body, &env); err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(env.Response, out); err != nil {
		b.Fatal(err)
	}
}

type p = map[string]any

// ---- RocketMQ 4.x ----

type rocketMQ4Fixture struct {
	env              *emutest.Env
	cluster, created string // the cluster holding n of everything; one of the n created ones
	vip              string // one of the n dedicated clusters
}

func rocketMQ4ScaleEnv(b *testing.B, hc *http.Client, n int) rocketMQ4Fixture {
	big := 1 << 20
	env := start(b, emutest.WithOptions("tdmq", map[string]any{"rocketmq4": map[string]any{
		"virtualClusters": big, "virtualNamespaces": big, "virtualTopics": big, "virtualGroups": big,
	}}))
	f := rocketMQ4Fixture{env: env}
	call := func(action string, params p) []byte {
		return mustCall(b, hc, tc3ServiceCaller(b, env, "tdmq", tdmqVersion, action, params))
	}
	var id struct{ ClusterId string }
	tc3Response(b, call("CreateRocketMQCluster", p{"Name": "bench"}), &id)
	f.cluster = id.ClusterId
	call("CreateRocketMQNamespace", p{"ClusterId": f.cluster, "NamespaceId": "dev"})
	for i := range n {
		tc3Response(b, call("CreateRocketMQCluster", p{"Name": padded("cluster-", i)}), &id)
		if i == n/2 {
			f.created = id.ClusterId
		}
		tc3Response(b, call("CreateRocketMQVipInstance", p{"Name": padded("vip-", i), "Spec": "rocket-vip-basic-1", "NodeCount": 2,
			"StorageSize": 200, "ZoneIds": []string{"100003"}, "VpcInfo": p{"VpcId": "vpc-bench", "SubnetId": "subnet-bench"}, "TimeSpan": 1}), &id)
		if i == n/2 {
			f.vip = id.ClusterId
		}
		call("CreateRocketMQNamespace", p{"ClusterId": f.cluster, "NamespaceId": padded("ns-", i)})
		call("CreateRocketMQTopicV2", p{"ClusterId": f.cluster, "Namespace": "dev", "Topic": padded("topic-", i), "Type": "Normal"})
		call("CreateRocketMQGroupV2", p{"ClusterId": f.cluster, "Namespace": "dev", "GroupId": padded("group-", i), "ReadEnable": true, "BroadcastEnable": false})
		call("CreateRocketMQRole", p{"ClusterId": f.cluster, "RoleName": padded("role-", i)})
		call("CreateRocketMQEnvironmentRole", p{"ClusterId": f.cluster, "EnvironmentId": "dev", "RoleName": padded("role-", i), "Permissions": []string{"produce"}})
	}
	return f
}

func rocketMQ4Call(action string, params func(f rocketMQ4Fixture) p) func(*testing.B, rocketMQ4Fixture) caller {
	return func(b *testing.B, f rocketMQ4Fixture) caller {
		return tc3ServiceCaller(b, f.env, "tdmq", tdmqVersion, action, params(f))
	}
}

var rocketMQ4ScaleCases = []scaleCase[rocketMQ4Fixture]{
	{"DescribeRocketMQClusters", rocketMQ4Call("DescribeRocketMQClusters", func(rocketMQ4Fixture) p { return p{"Offset": 0, "Limit": 10} })},
	{"DescribeRocketMQCluster", rocketMQ4Call("DescribeRocketMQCluster", func(f rocketMQ4Fixture) p { return p{"ClusterId": f.created} })},
	{"DescribeRocketMQVipInstances", rocketMQ4Call("DescribeRocketMQVipInstances", func(rocketMQ4Fixture) p { return p{"Offset": 0, "Limit": 10} })},
	{"DescribeRocketMQVipInstanceDetail", rocketMQ4Call("DescribeRocketMQVipInstanceDetail", func(f rocketMQ4Fixture) p { return p{"ClusterId": f.vip} })},
	{"DescribeRocketMQNamespaces", rocketMQ4Call("DescribeRocketMQNamespaces", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "Offset": 0, "Limit": 10}
	})},
	{"DescribeRocketMQTopics", rocketMQ4Call("DescribeRocketMQTopics", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "NamespaceId": "dev", "Offset": 0, "Limit": 10}
	})},
	{"DescribeRocketMQTopic", rocketMQ4Call("DescribeRocketMQTopic", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "NamespaceId": "dev", "TopicName": padded("topic-", 5)}
	})},
	{"DescribeRocketMQTopicStats", rocketMQ4Call("DescribeRocketMQTopicStats", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "NamespaceId": "dev", "TopicName": padded("topic-", 5)}
	})},
	{"DescribeRocketMQGroups", rocketMQ4Call("DescribeRocketMQGroups", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "NamespaceId": "dev", "Offset": 0, "Limit": 10}
	})},
	{"DescribeRocketMQConsumeStats", rocketMQ4Call("DescribeRocketMQConsumeStats", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "NamespaceId": "dev", "ConsumerGroup": padded("group-", 5)}
	})},
	{"DescribeRocketMQTopicsByGroup", rocketMQ4Call("DescribeRocketMQTopicsByGroup", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "NamespaceId": "dev", "GroupId": padded("group-", 5), "Offset": 0, "Limit": 10}
	})},
	{"DescribeRocketMQRoles", rocketMQ4Call("DescribeRocketMQRoles", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "Offset": 0, "Limit": 10}
	})},
	{"DescribeRocketMQEnvironmentRoles", rocketMQ4Call("DescribeRocketMQEnvironmentRoles", func(f rocketMQ4Fixture) p {
		return p{"ClusterId": f.cluster, "EnvironmentId": "dev", "Offset": 0, "Limit": 10}
	})},
}

func BenchmarkScaleProductsRocketMQ4Calls(b *testing.B) {
	hc := perfClient(b)
	runScale(b, hc, rocketMQ4ScaleEnv(b, hc, scaleSmall), rocketMQ4ScaleEnv(b, hc, scaleLarge), rocketMQ4ScaleCases)
}

// ---- RocketMQ 5.x (trocket) ----

type trocketFixture struct {
	env               *emutest.Env
	instance, created string // the instance holding n of everything; one of the n created ones
}

func trocketScaleEnv(b *testing.B, hc *http.Client, n int) trocketFixture {
	env := start(b)
	f := trocketFixture{env: env}
	call := func(action string, params p) []byte {
		return mustCall(b, hc, tc3ServiceCaller(b, env, "trocket", trocketVer, action, params))
	}
	create := func(name string) string {
		var id struct{ InstanceId string }
		tc3Response(b, call("CreateInstance", p{"InstanceType": "PLATINUM", "Name": name, "SkuCode": "platinum_1w",
			"VpcList": []p{{"VpcId": "vpc-bench", "SubnetId": "subnet-bench"}}, "MaxTopicNum": 10000}), &id)
		return id.InstanceId
	}
	f.instance = create("bench")
	for i := range n {
		if id := create(padded("inst-", i)); i == n/2 {
			f.created = id
		}
		call("CreateTopic", p{"InstanceId": f.instance, "Topic": padded("topic-", i), "TopicType": "NORMAL"})
		call("CreateConsumerGroup", p{"InstanceId": f.instance, "ConsumerGroup": padded("group-", i), "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true})
		call("CreateRole", p{"InstanceId": f.instance, "Role": padded("role-", i), "PermRead": true, "PermWrite": true, "Remark": ""})
	}
	return f
}

func trocketCall(action string, params func(f trocketFixture) p) func(*testing.B, trocketFixture) caller {
	return func(b *testing.B, f trocketFixture) caller {
		return tc3ServiceCaller(b, f.env, "trocket", trocketVer, action, params(f))
	}
}

var trocketScaleCases = []scaleCase[trocketFixture]{
	{"DescribeInstanceList", trocketCall("DescribeInstanceList", func(trocketFixture) p { return p{"Offset": 0, "Limit": 10} })},
	{"DescribeFusionInstanceList", trocketCall("DescribeFusionInstanceList", func(trocketFixture) p { return p{"Offset": 0, "Limit": 10} })},
	{"DescribeInstance", trocketCall("DescribeInstance", func(f trocketFixture) p { return p{"InstanceId": f.created} })},
	{"DescribeTopicList", trocketCall("DescribeTopicList", func(f trocketFixture) p { return p{"InstanceId": f.instance, "Offset": 0, "Limit": 10} })},
	{"DescribeTopic", trocketCall("DescribeTopic", func(f trocketFixture) p { return p{"InstanceId": f.instance, "Topic": padded("topic-", 5)} })},
	{"DescribeTopicStats", trocketCall("DescribeTopicStats", func(f trocketFixture) p {
		return p{"InstanceId": f.instance, "Topic": padded("topic-", 5), "GroupId": padded("group-", 5)}
	})},
	{"DescribeConsumerGroupList", trocketCall("DescribeConsumerGroupList", func(f trocketFixture) p {
		return p{"InstanceId": f.instance, "Offset": 0, "Limit": 10}
	})},
	{"DescribeConsumerGroup", trocketCall("DescribeConsumerGroup", func(f trocketFixture) p {
		return p{"InstanceId": f.instance, "ConsumerGroup": padded("group-", 5)}
	})},
	{"DescribeTopicListByGroup", trocketCall("DescribeTopicListByGroup", func(f trocketFixture) p {
		return p{"InstanceId": f.instance, "ConsumerGroup": padded("group-", 5), "Offset": 0, "Limit": 10}
	})},
	{"DescribeRoleList", trocketCall("DescribeRoleList", func(f trocketFixture) p { return p{"InstanceId": f.instance, "Offset": 0, "Limit": 10} })},
}

func BenchmarkScaleProductsTRocket(b *testing.B) {
	hc := perfClient(b)
	runScale(b, hc, trocketScaleEnv(b, hc, scaleSmall), trocketScaleEnv(b, hc, scaleLarge), trocketScaleCases)
}
