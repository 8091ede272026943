package trocket_test

// One test per 5.x action: its response decodes into a struct written from
// tdmq.md §5 (the SDK's Go types: Integer = int64, Integer (uint64) =
// uint64, Float = float64), refusing unknown fields and type mismatches, and
// every declared field is present. The structs are written here, from the
// spec, independently of the emulator's own types.

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

type sTag struct{ TagKey, TagValue string }
type sIpRule struct {
	Ip     string
	Allow  bool
	Remark string
}
type sEndpoint struct {
	Type, Status, PayMode, EndpointUrl, VpcId, SubnetId string
	Bandwidth                                           int64
	IpRules                                             []sIpRule
	BillingFlow                                         bool
}
type sZoneScheduledItem struct {
	ZoneId           string
	NodePermWipeFlag bool
}
type sInstanceItem struct {
	InstanceId, InstanceName, Version, InstanceType, InstanceStatus string
	TopicNumLimit, GroupNumLimit                                    int64
	PayMode                                                         string
	ExpiryTime                                                      int64
	Remark                                                          string
	TopicNum, GroupNum                                              int64
	TagList                                                         []sTag
	SkuCode                                                         string
	TpsLimit, ScaledTpsLimit, MessageRetention, MaxMessageDelay     int64
	RenewFlag                                                       int64
}
type sInstanceItemExtraInfo struct {
	IsVip                                             bool
	VipInstanceStatus, MaxBandWidth                   int64
	SpecName                                          string
	NodeCount, MaxStorage, MaxRetention, MinRetention int64
	InstanceStatus                                    int64
	IsFrozen                                          bool
}
type sFusionInstanceItem struct {
	InstanceId, InstanceName, Version, InstanceType, InstanceStatus string
	TopicNumLimit, GroupNumLimit                                    int64
	PayMode                                                         string
	ExpiryTime                                                      int64
	Remark                                                          string
	TopicNum, GroupNum                                              int64
	TagList                                                         []sTag
	SkuCode                                                         string
	TpsLimit, ScaledTpsLimit, MessageRetention, MaxMessageDelay     int64
	RenewFlag                                                       int64
	InstanceItemExtraInfo                                           *sInstanceItemExtraInfo
	DestroyTime                                                     int64
	ZoneIds                                                         []int64
	EnableDeletionProtection                                        bool
	CreateTime                                                      int64
	ScaledTpsEnabled                                                bool
}
type sPriceTag struct {
	Name string
	Step int64
}
type sProductSKU struct {
	InstanceType, SkuCode                                  string
	TpsLimit, ScaledTpsLimit, TopicNumLimit, GroupNumLimit int64
	DefaultRetention, RetentionUpperLimit                  int64
	RetentionLowerLimit, MaxMessageDelay                   int64
	OnSale                                                 bool
	PriceTags                                              []sPriceTag
	TopicNumUpperLimit                                     int64
}
type sTopicItem struct {
	InstanceId, Topic, TopicType string
	QueueNum                     int64
	Remark                       string
	// The API's ...V4 fields (Go names may not end in a generation digit).
	V4ClusterId     string `json:"ClusterIdV4"`
	V4Namespace     string `json:"NamespaceV4"`
	V4Topic         string `json:"TopicV4"`
	V4FullNamespace string `json:"FullNamespaceV4"`
	MsgTTL          int64
	TagList         []sTag
}
type sClientSubscriptionInfo struct{ ClientId, ClientAddr, Topic, SubString, ExpressionType string }
type sSubscriptionData struct {
	InstanceId, Topic, TopicType             string
	TopicQueueNum                            int64
	ConsumerGroup                            string
	IsOnline                                 bool
	ConsumeType, SubString, ExpressionType   string
	Consistency, ConsumerLag, LastUpdateTime int64
	MaxRetryTimes                            int64
	ConsumeMessageOrderly                    bool
	MessageModel                             string
	ClientSubscriptionInfos                  []sClientSubscriptionInfo
}
type sTopicStatsDetail struct {
	BrokerName                                                             string
	QueueId, BrokerOffset, CommitOffset, MessageCount, LastUpdateTimestamp int64
}
type sRetryPolicy struct {
	PolicyType    string
	RetryInterval int64
}
type sConsumeGroupItem struct {
	InstanceId, ConsumerGroup            string
	ConsumeEnable, ConsumeMessageOrderly bool
	MaxRetryTimes                        int64
	Remark                               string
	V4ClusterId                          string `json:"ClusterIdV4"`
	V4Namespace                          string `json:"NamespaceV4"`
	V4ConsumerGroup                      string `json:"ConsumerGroupV4"`
	V4FullNamespace                      string `json:"FullNamespaceV4"`
	SubscribeTopicNum, CreateTime        int64
	TagList                              []sTag
	RetryPolicy                          *sRetryPolicy
}
type sConsumerClient struct {
	ClientId, ClientAddr, Language, Version string
	ConsumerLag                             int64
	ChannelProtocol                         string
}
type sTopicConsumeStats struct {
	Topic, TopicType      string
	QueueNum, ConsumerLag int64
	SubString             string
	LastUpdateTime        int64
}
type sDetailedRolePerm struct {
	Resource            string
	PermWrite, PermRead bool
	ResourceType        string
	Remark              string
}
type sRoleItem struct {
	RoleName                     string
	PermRead, PermWrite          bool
	AccessKey, SecretKey, Remark string
	CreatedTime, ModifiedTime    int64
	PermType                     string
	DetailedRolePerms            []sDetailedRolePerm
}
type sMessageItem struct {
	MsgId, Tags, Keys, ProducerAddr, ProduceTime        string
	DeadLetterResendTimes, DeadLetterResendSuccessTimes int64
}
type sMessageTrackItem struct {
	ConsumerGroup, ConsumeStatus, TrackType, ExceptionDesc, ConsumeStatusSource string
}
type sMessageTraceItem struct{ Stage, Data string }
type sProducerInfo struct {
	ClientId, ClientIp, Language, Version string
	LastUpdateTimestamp                   uint64
	ChannelProtocol                       string
}

// Responses, each with the RequestId every response carries.
type (
	rCreateInstance struct {
		InstanceId, RequestId string
	}
	rDescribeInstance struct {
		InstanceType, InstanceId, InstanceName                     string
		TopicNum, TopicNumLimit, GroupNum, GroupNumLimit           int64
		MessageRetention, RetentionUpperLimit, RetentionLowerLimit int64
		TpsLimit, ScaledTpsLimit, MaxMessageDelay, CreatedTime     int64
		SendReceiveRatio                                           float64
		TagList                                                    []sTag
		EndpointList                                               []sEndpoint
		TopicQueueNumUpperLimit, TopicQueueNumLowerLimit           int64
		Remark, InstanceStatus, SkuCode, PayMode                   string
		ScaledTpsEnabled                                           bool
		RenewFlag, ExpiryTime, RoleNumLimit                        int64
		AclEnabled                                                 bool
		TopicNumLowerLimit, TopicNumUpperLimit                     int64
		ZoneIds                                                    []int64
		NodeCount                                                  int64
		ZoneScheduledList                                          []sZoneScheduledItem
		RequestId                                                  string
	}
	rDescribeInstanceList struct {
		TotalCount int64
		Data       []sInstanceItem
		RequestId  string
	}
	rDescribeFusionInstanceList struct {
		TotalCount int64
		Data       []sFusionInstanceItem
		RequestId  string
	}
	rEmpty               struct{ RequestId string }
	rDescribeProductSKUs struct {
		Data      []sProductSKU
		RequestId string
	}
	rCreateTopic   struct{ InstanceId, Topic, RequestId string }
	rDescribeTopic struct {
		InstanceId, Topic, TopicType, Remark string
		CreatedTime, LastUpdateTime          int64
		SubscriptionCount                    int64
		SubscriptionData                     []sSubscriptionData
		MsgTTL                               int64
		AutoExpireDelete                     bool
		AutoExpireTime                       int64
		RequestId                            string
	}
	rDescribeTopicList struct {
		TotalCount int64
		Data       []sTopicItem
		RequestId  string
	}
	rSubscriptionList struct {
		TotalCount int64
		Data       []sSubscriptionData
		RequestId  string
	}
	rDescribeTopicStats struct {
		TotalCount int64
		Data       []sTopicStatsDetail
		RequestId  string
	}
	rCreateConsumerGroup   struct{ InstanceId, ConsumerGroup, RequestId string }
	rDescribeConsumerGroup struct {
		ConsumerNum, Tps, ConsumerLag        int64
		ConsumeType                          string
		CreatedTime                          int64
		ConsumeMessageOrderly, ConsumeEnable bool
		MaxRetryTimes                        int64
		Remark, MessageModel                 string
		RetryPolicy                          *sRetryPolicy
		ConsumeModel, LiteTopic              string
		RequestId                            string
	}
	rDescribeConsumerGroupList struct {
		TotalCount int64
		Data       []sConsumeGroupItem
		RequestId  string
	}
	rDescribeConsumerLag struct {
		ConsumerLag int64
		RequestId   string
	}
	rDescribeConsumerClientList struct {
		TotalCount int64
		Data       []sConsumerClient
		RequestId  string
	}
	rDescribeConsumerClient struct {
		Client    *sConsumerClient
		TopicList []sTopicConsumeStats
		RequestId string
	}
	rCreateRole       struct{ Role, RequestId string }
	rDescribeRoleList struct {
		TotalCount int64
		Data       []sRoleItem
		RequestId  string
	}
	rSendMessage         struct{ MsgId, RequestId string }
	rDescribeMessageList struct {
		TotalCount    int64
		Data          []sMessageItem
		TaskRequestId string
		RequestId     string
	}
	rDescribeMessage struct {
		Body, Properties, ProduceTime, MessageId, ProducerAddr string
		MessageTracks                                          []sMessageTrackItem
		ShowTopicName, LiteTopic                               string
		MessageTracksCount                                     int64
		RequestId                                              string
	}
	rDescribeMessageTrace struct {
		ShowTopicName, LiteTopic string
		Data                     []sMessageTraceItem
		RequestId                string
	}
	rResendDeadLetterMessage struct {
		ResendResult bool
		RequestId    string
	}
	rDescribeProducerList struct {
		TotalCount   int64
		ProducerList []sProducerInfo
		RequestId    string
	}
)

// requireShape decodes raw strictly into out and checks that every field out
// declares is present (recursing into objects and the first list element).
func requireShape(t *testing.T, raw json.RawMessage, out any) {
	t.Helper()
	requireShapeT(t, raw, out)
}

func missingFields(typ reflect.Type, v any, path string) []string {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	var out []string
	switch typ.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name := f.Name
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" {
				name = tag
			}
			child, ok := m[name]
			if !ok {
				out = append(out, path+name)
				continue
			}
			out = append(out, missingFields(f.Type, child, path+name+".")...)
		}
	case reflect.Slice:
		if l, ok := v.([]any); ok && len(l) > 0 {
			out = append(out, missingFields(typ.Elem(), l[0], path+"0.")...)
		}
	}
	return out
}

// richInstance sets up a PLATINUM instance with a topic, a group subscribed
// by a PUSH client, a producer, a role with detailed perms, three messages
// (one of them a dead letter), so that every list has an element to check.
type rich struct {
	id, msg, dead string
}

func richInstance(t *testing.T, env *emutest.Env, c *tdmqtest.SDK) rich {
	t.Helper()
	id := tdmqtest.NewInstance(t, c, "shapes", "PLATINUM", "platinum_1w", p{"TagList": []p{{"TagKey": "team", "TagValue": "mq"}},
		"EnablePublic": true, "Bandwidth": 10, "IpRules": []p{{"Ip": "10.0.0.0/8", "Allow": true, "Remark": "office"}}, "ZoneIds": []int{100003}})
	tdmqtest.NewTopic(t, c, id, "orders", p{"TagList": []p{{"TagKey": "team", "TagValue": "mq"}}, "QueueNum": 4})
	c.OK("CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "billing", "MaxRetryTimes": 3, "ConsumeEnable": true,
		"ConsumeMessageOrderly": false, "RetryPolicy": p{"PolicyType": "EXPONENTIAL", "RetryInterval": 10}, "TagList": []p{{"TagKey": "team", "TagValue": "mq"}}}, nil)
	c.OK("CreateRole", p{"InstanceId": id, "Role": "scoped", "PermRead": true, "PermWrite": false, "Remark": "r", "PermType": "TopicAndGroup",
		"DetailedPerms": []p{{"Resource": "orders", "ResourceType": "Topic", "PermRead": true, "PermWrite": true, "Remark": "t"}}}, nil)
	code, _ := control(t, env, http.MethodPost, "/clients", p{"instanceId": id, "consumerGroup": "billing", "clientId": "10.0.0.1@42",
		"clientAddr": "10.0.0.1", "language": "JAVA", "version": "5.0.6", "channelProtocol": "grpc", "consumeType": "PUSH",
		"subscriptions": []p{{"topic": "orders", "subString": "TagA", "expressionType": "TAG"}}})
	require.Equal(t, http.StatusOK, code)
	code, _ = control(t, env, http.MethodPost, "/producers", p{"instanceId": id, "topic": "orders", "clientId": "10.0.0.2@7",
		"clientIp": "10.0.0.2", "language": "GO", "version": "5.0.1", "channelProtocol": "grpc"})
	require.Equal(t, http.StatusOK, code)
	var r rich
	r.id = id
	var m rSendMessage
	requireShape(t, c.OK("SendMessage", p{"InstanceId": id, "Topic": "orders", "MsgBody": "one", "MsgTag": "TagA", "MsgKey": "k1"}, nil), &m)
	r.msg = m.MsgId
	requireShape(t, c.OK("SendMessage", p{"InstanceId": id, "Topic": "orders", "MsgBody": "two", "MsgTag": "TagA", "MsgKey": "k2"}, nil), &m)
	r.dead = m.MsgId
	c.OK("SendMessage", p{"InstanceId": id, "Topic": "orders", "MsgBody": "three"}, nil)
	code, _ = control(t, env, http.MethodPost, "/deadletters", p{"instanceId": id, "consumerGroup": "billing", "msgId": r.dead})
	require.Equal(t, http.StatusOK, code)
	return r
}

func TestResponseShapes(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	r := richInstance(t, env, c)
	id := r.id
	// Scratch resources for the write actions, so order does not matter.
	scratch := tdmqtest.NewInstance(t, c, "scratch", "BASIC", "basic_1k")
	tdmqtest.NewTopic(t, c, scratch, "modify-me")
	tdmqtest.NewTopic(t, c, scratch, "delete-me")
	tdmqtest.NewGroup(t, c, scratch, "modify-group")
	tdmqtest.NewGroup(t, c, scratch, "delete-group")
	tdmqtest.NewRole(t, c, scratch, "modify-role")
	tdmqtest.NewRole(t, c, scratch, "delete-role")
	doomed := tdmqtest.NewInstance(t, c, "doomed", "BASIC", "basic_1k")
	// A 4.x cluster, which the fusion list reports beside the 5.x instances.
	_, err := c.Call("tdmq", "CreateRocketMQCluster", p{"Name": "shape-four"})
	require.NoError(t, err)
	now := env.Clock().Now().UnixMilli()

	for _, tc := range []struct {
		action   string
		params   p
		out      any
		nonEmpty func(any) bool // the lists the test relies on are not empty
	}{
		{"CreateInstance", p{"InstanceType": "PRO", "Name": "shape-new", "SkuCode": "pro_4k", "VpcList": vpc, "PayMode": 1, "TimeSpan": 12}, &rCreateInstance{}, nil},
		{"DescribeInstance", p{"InstanceId": id}, &rDescribeInstance{}, func(v any) bool {
			d := v.(*rDescribeInstance)
			return len(d.EndpointList) == 2 && len(d.TagList) == 1 && len(d.ZoneScheduledList) == 1
		}},
		{"DescribeInstanceList", p{"TagFilters": []p{{"TagKey": "team", "TagValues": []string{"mq"}}}}, &rDescribeInstanceList{}, func(v any) bool {
			d := v.(*rDescribeInstanceList)
			return d.TotalCount == 1 && len(d.Data) == 1 && d.Data[0].InstanceId == id
		}},
		{"DescribeFusionInstanceList", p{"Filters": []p{{"Name": "InstanceName", "Values": []string{"shap"}}}}, &rDescribeFusionInstanceList{}, func(v any) bool {
			d := v.(*rDescribeFusionInstanceList)
			versions := map[string]int{}
			for _, it := range d.Data {
				versions[it.Version]++
			}
			return len(d.Data) == 3 && versions["4"] == 1 && versions["5"] == 2
		}},
		{"ModifyInstance", p{"InstanceId": scratch, "Name": "renamed", "Remark": "r", "SendReceiveRatio": 0.3, "MessageRetention": 48,
			"ScaledTpsEnabled": true, "AclEnabled": true, "MaxTopicNum": 200, "EnableDeletionProtection": false, "ZoneIds": []string{"100003"}}, &rEmpty{}, nil},
		{"DeleteInstance", p{"InstanceId": doomed}, &rEmpty{}, nil},
		{"DescribeProductSKUs", p{}, &rDescribeProductSKUs{}, func(v any) bool { return len(v.(*rDescribeProductSKUs).Data) > 0 }},

		{"CreateTopic", p{"InstanceId": scratch, "Topic": "lite-topic", "TopicType": "LITE", "QueueNum": 8, "MsgTTL": 24, "AutoExpireDelete": true, "AutoExpireTime": 60}, &rCreateTopic{}, nil},
		{"DescribeTopic", p{"InstanceId": id, "Topic": "orders"}, &rDescribeTopic{}, func(v any) bool {
			return len(v.(*rDescribeTopic).SubscriptionData) == 1
		}},
		{"DescribeTopicList", p{"InstanceId": id, "Filters": []p{{"Name": "TopicType", "Values": []string{"NORMAL"}}}}, &rDescribeTopicList{}, func(v any) bool {
			return len(v.(*rDescribeTopicList).Data) == 1
		}},
		{"ModifyTopic", p{"InstanceId": scratch, "Topic": "modify-me", "QueueNum": 6, "Remark": "m", "MsgTTL": 48}, &rEmpty{}, nil},
		{"DeleteTopic", p{"InstanceId": scratch, "Topic": "delete-me"}, &rEmpty{}, nil},
		{"DescribeTopicListByGroup", p{"InstanceId": id, "ConsumerGroup": "billing"}, &rSubscriptionList{}, func(v any) bool {
			d := v.(*rSubscriptionList)
			return len(d.Data) == 1 && d.Data[0].IsOnline
		}},
		{"DescribeTopicStats", p{"InstanceId": id, "Topic": "orders", "GroupId": "billing"}, &rDescribeTopicStats{}, func(v any) bool {
			return v.(*rDescribeTopicStats).TotalCount == 4
		}},

		{"CreateConsumerGroup", p{"InstanceId": scratch, "ConsumerGroup": "new-group", "MaxRetryTimes": 0, "ConsumeEnable": false, "ConsumeMessageOrderly": true}, &rCreateConsumerGroup{}, nil},
		{"DescribeConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "billing"}, &rDescribeConsumerGroup{}, func(v any) bool {
			d := v.(*rDescribeConsumerGroup)
			return d.ConsumerNum == 1 && d.ConsumeType == "PUSH" && d.RetryPolicy != nil
		}},
		{"DescribeConsumerGroupList", p{"InstanceId": id, "SortedBy": "subscribeNum", "SortOrder": "desc"}, &rDescribeConsumerGroupList{}, func(v any) bool {
			d := v.(*rDescribeConsumerGroupList)
			return len(d.Data) == 1 && d.Data[0].SubscribeTopicNum == 1
		}},
		{"ModifyConsumerGroup", p{"InstanceId": scratch, "ConsumerGroup": "modify-group", "ConsumeEnable": false, "ConsumeMessageOrderly": true, "MaxRetryTimes": 5,
			"RetryPolicy": p{"PolicyType": "CUSTOMIZED", "RetryInterval": 0}}, &rEmpty{}, nil},
		{"DeleteConsumerGroup", p{"InstanceId": scratch, "ConsumerGroup": "delete-group"}, &rEmpty{}, nil},
		{"DescribeConsumerLag", p{"InstanceId": id, "ConsumerGroup": "billing"}, &rDescribeConsumerLag{}, func(v any) bool {
			return v.(*rDescribeConsumerLag).ConsumerLag == 3
		}},
		{"ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "orders", "ConsumerGroup": "billing", "ResetTimestamp": now - 1000}, &rEmpty{}, nil},
		{"DescribeConsumerClientList", p{"InstanceId": id, "ConsumerGroup": "billing"}, &rDescribeConsumerClientList{}, func(v any) bool {
			return len(v.(*rDescribeConsumerClientList).Data) == 1
		}},
		{"DescribeConsumerClient", p{"InstanceId": id, "ClientId": "10.0.0.1@42"}, &rDescribeConsumerClient{}, func(v any) bool {
			d := v.(*rDescribeConsumerClient)
			return d.Client != nil && len(d.TopicList) == 1
		}},

		{"CreateRole", p{"InstanceId": scratch, "Role": "new-role", "PermRead": true, "PermWrite": false, "Remark": ""}, &rCreateRole{}, nil},
		{"DescribeRoleList", p{"InstanceId": id, "Filters": []p{{"Name": "RoleName", "Values": []string{"scop"}}}}, &rDescribeRoleList{}, func(v any) bool {
			d := v.(*rDescribeRoleList)
			return len(d.Data) == 1 && len(d.Data[0].DetailedRolePerms) == 1
		}},
		{"ModifyRole", p{"InstanceId": scratch, "Role": "modify-role", "PermRead": false, "PermWrite": true, "Remark": "m"}, &rEmpty{}, nil},
		{"DeleteRole", p{"InstanceId": scratch, "Role": "delete-role"}, &rEmpty{}, nil},

		{"SendMessage", p{"InstanceId": scratch, "Topic": "modify-me", "MsgBody": "x"}, &rSendMessage{}, nil},
		{"DescribeMessageList", p{"InstanceId": id, "Topic": "orders", "StartTime": now - 60000, "EndTime": now + 60000, "TaskRequestId": ""}, &rDescribeMessageList{}, func(v any) bool {
			d := v.(*rDescribeMessageList)
			return d.TotalCount == 3 && d.TaskRequestId != ""
		}},
		{"DescribeMessage", p{"InstanceId": id, "Topic": "orders", "MsgId": r.msg}, &rDescribeMessage{}, func(v any) bool {
			d := v.(*rDescribeMessage)
			return d.Body == "one" && len(d.MessageTracks) == 1
		}},
		{"DescribeMessageTrace", p{"InstanceId": id, "Topic": "orders", "MsgId": r.msg}, &rDescribeMessageTrace{}, func(v any) bool {
			return len(v.(*rDescribeMessageTrace).Data) == 3
		}},
		{"ResendDeadLetterMessage", p{"InstanceId": id, "MessageIds": []string{r.dead}, "ConsumerGroup": "billing"}, &rResendDeadLetterMessage{}, func(v any) bool {
			return v.(*rResendDeadLetterMessage).ResendResult
		}},
		{"VerifyMessageConsumption", p{"InstanceId": id, "Topic": "orders", "MsgId": r.msg, "ConsumerGroup": "billing"}, &rEmpty{}, nil},
		{"DescribeProducerList", p{"InstanceId": id, "Topic": "orders"}, &rDescribeProducerList{}, func(v any) bool {
			d := v.(*rDescribeProducerList)
			return len(d.ProducerList) == 1 && d.ProducerList[0].LastUpdateTimestamp > 0
		}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			requireShape(t, c.OK(tc.action, tc.params, nil), tc.out)
			if tc.nonEmpty != nil {
				assert.True(t, tc.nonEmpty(tc.out), "%+v", tc.out)
			}
		})
	}
}

// TestShapeCheckerCatchesMismatches proves requireShape can fail: a string
// where the spec declares Integer, a negative uint64, an unknown field, a
// missing field.
func TestShapeCheckerCatchesMismatches(t *testing.T) {
	for _, raw := range []string{
		`{"TotalCount":"1","ProducerList":[],"RequestId":"x"}`,
		`{"TotalCount":1,"ProducerList":[{"ClientId":"","ClientIp":"","Language":"","Version":"","LastUpdateTimestamp":-1,"ChannelProtocol":""}],"RequestId":"x"}`,
		`{"TotalCount":1,"ProducerList":[],"RequestId":"x","Extra":1}`,
		`{"TotalCount":1,"RequestId":"x"}`,
	} {
		ft := &fakeT{}
		func() {
			defer func() { _ = recover() }()
			requireShapeT(ft, json.RawMessage(raw), &rDescribeProducerList{})
		}()
		assert.True(t, ft.failed, "%s should fail the shape check", raw)
	}
}

// fakeT records failures without stopping the real test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()                           {}
func (f *fakeT) Name() string                      { return "fake" }
func (f *fakeT) Errorf(string, ...any)             { f.failed = true }
func (f *fakeT) FailNow()                          { f.failed = true; panic("failnow") }
func (f *fakeT) Fatalf(format string, args ...any) { f.failed = true; panic("fatal") }

// requireShapeT is requireShape over testing.TB, so the self-test can use a fake.
func requireShapeT(t testing.TB, raw json.RawMessage, out any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(out), "%s", raw)
	var tree any
	require.NoError(t, json.Unmarshal(raw, &tree))
	assert.Empty(t, missingFields(reflect.TypeOf(out).Elem(), tree, ""), "fields the spec declares but the response lacks")
}
