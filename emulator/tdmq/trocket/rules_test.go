package trocket_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// TestSituationTable walks tdmq.md §4 row by row for 5.x: each situation,
// set up for real, answers its documented code through the SDK.
func TestSituationTable(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "rules", "PLATINUM", "platinum_1w")
	tdmqtest.NewTopic(t, c, id, "orders")
	tdmqtest.NewGroup(t, c, id, "billing")
	tdmqtest.NewRole(t, c, id, "writer")
	msg := c.OK("SendMessage", p{"InstanceId": id, "Topic": "orders", "MsgBody": "hello"}, nil)
	require.Contains(t, string(msg), "MsgId")
	const nope = "rmq-nothere1"

	for _, tc := range []struct {
		row, action string
		params      p
		code        string
	}{
		// instance / cluster ID unknown
		{"instance unknown", "DescribeInstance", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "ModifyInstance", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "DeleteInstance", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "CreateTopic", p{"InstanceId": nope, "Topic": "orders", "TopicType": "NORMAL"}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeTopicList", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeTopicListByGroup", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "CreateConsumerGroup", p{"InstanceId": nope, "ConsumerGroup": "billing", "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeConsumerGroupList", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeConsumerLag", p{"InstanceId": nope, "ConsumerGroup": "billing"}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeConsumerClientList", p{"InstanceId": nope, "ConsumerGroup": "billing"}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeConsumerClient", p{"InstanceId": nope, "ClientId": "c"}, "ResourceNotFound.Instance"},
		{"instance unknown", "CreateRole", p{"InstanceId": nope, "Role": "x", "PermRead": true, "PermWrite": true, "Remark": ""}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeRoleList", p{"InstanceId": nope}, "ResourceNotFound.Instance"},
		{"instance unknown", "DeleteRole", p{"InstanceId": nope, "Role": "writer"}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeMessageList", p{"InstanceId": nope, "Topic": "orders", "StartTime": 0, "EndTime": 1, "TaskRequestId": ""}, "ResourceNotFound.Instance"},
		{"instance unknown", "DescribeProducerList", p{"InstanceId": nope, "Topic": "orders"}, "ResourceNotFound.Instance"},
		// topic unknown
		{"topic unknown", "DescribeTopic", p{"InstanceId": id, "Topic": "ghost"}, "ResourceNotFound.Topic"},
		{"topic unknown", "DeleteTopic", p{"InstanceId": id, "Topic": "ghost"}, "ResourceNotFound.Topic"},
		{"topic unknown", "ModifyTopic", p{"InstanceId": id, "Topic": "ghost"}, "ResourceNotFound.Topic"},
		{"topic unknown", "SendMessage", p{"InstanceId": id, "Topic": "ghost", "MsgBody": "x"}, "ResourceNotFound.Topic"},
		{"topic unknown", "DescribeTopicStats", p{"InstanceId": id, "Topic": "ghost", "GroupId": "billing"}, "ResourceNotFound.Topic"},
		{"topic unknown", "DescribeProducerList", p{"InstanceId": id, "Topic": "ghost"}, "ResourceNotFound.Topic"},
		{"topic unknown", "ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "ghost", "ConsumerGroup": "billing", "ResetTimestamp": -1}, "ResourceNotFound.Topic"},
		// group unknown
		{"group unknown", "DescribeConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "ghost"}, "ResourceNotFound.Group"},
		{"group unknown", "DeleteConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "ghost"}, "ResourceNotFound.Group"},
		{"group unknown", "ModifyConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "ghost", "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "ResourceNotFound.Group"},
		{"group unknown", "DescribeConsumerLag", p{"InstanceId": id, "ConsumerGroup": "ghost"}, "ResourceNotFound.Group"},
		// role unknown
		{"role unknown", "ModifyRole", p{"InstanceId": id, "Role": "ghost", "PermRead": true, "PermWrite": true}, "ResourceNotFound.Role"},
		{"role unknown", "DeleteRole", p{"InstanceId": id, "Role": "ghost"}, "ResourceNotFound.Role"},
		// message unknown
		{"message unknown", "DescribeMessage", p{"InstanceId": id, "Topic": "orders", "MsgId": "00000000000000000000000000000000"}, "ResourceNotFound.Message"},
		{"message unknown", "DescribeMessageTrace", p{"InstanceId": id, "Topic": "orders", "MsgId": "00000000000000000000000000000000"}, "ResourceNotFound.Message"},
		// create with an existing name
		{"duplicate", "CreateTopic", p{"InstanceId": id, "Topic": "orders", "TopicType": "FIFO"}, "UnsupportedOperation.ResourceAlreadyExists"},
		{"duplicate", "CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "billing", "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "UnsupportedOperation.ResourceAlreadyExists"},
		{"duplicate", "CreateRole", p{"InstanceId": id, "Role": "writer", "PermRead": true, "PermWrite": true, "Remark": ""}, "UnsupportedOperation.ResourceAlreadyExists"},
		// consumer type does not support verify (no online consumer at all here)
		{"no consumer online", "VerifyMessageConsumption", p{"InstanceId": id, "Topic": "orders", "MsgId": msgID(t, msg)}, "FailedOperation"},
		// name-format violations
		{"bad instance name", "CreateInstance", p{"InstanceType": "BASIC", "Name": "a b", "SkuCode": "basic_1k", "VpcList": vpc}, "InvalidParameterValue"},
		{"short instance name", "CreateInstance", p{"InstanceType": "BASIC", "Name": "ab", "SkuCode": "basic_1k", "VpcList": vpc}, "InvalidParameterValue"},
		{"SKU of another type", "CreateInstance", p{"InstanceType": "BASIC", "Name": "abc", "SkuCode": "pro_4k", "VpcList": vpc}, "InvalidParameterValue"},
		{"unknown instance type", "CreateInstance", p{"InstanceType": "GOLD", "Name": "abc", "SkuCode": "basic_1k", "VpcList": vpc}, "InvalidParameterValue"},
		{"retention out of SKU range", "CreateInstance", p{"InstanceType": "EXPERIMENT", "Name": "abc", "SkuCode": "experiment_500", "VpcList": vpc, "MessageRetention": 96}, "InvalidParameterValue"},
		{"public without bandwidth", "CreateInstance", p{"InstanceType": "BASIC", "Name": "abc", "SkuCode": "basic_1k", "VpcList": vpc, "EnablePublic": true}, "InvalidParameterValue"},
		{"no VPC", "CreateInstance", p{"InstanceType": "BASIC", "Name": "abc", "SkuCode": "basic_1k", "VpcList": []p{}}, "InvalidParameterValue"},
		{"bad topic name", "CreateTopic", p{"InstanceId": id, "Topic": "bad/name", "TopicType": "NORMAL"}, "InvalidParameterValue"},
		{"topic name too long", "CreateTopic", p{"InstanceId": id, "Topic": strings.Repeat("t", 101), "TopicType": "NORMAL"}, "InvalidParameterValue"},
		{"unknown topic type", "CreateTopic", p{"InstanceId": id, "Topic": "typed", "TopicType": "BULK"}, "InvalidParameterValue"},
		{"queue count above 16", "CreateTopic", p{"InstanceId": id, "Topic": "queues", "TopicType": "NORMAL", "QueueNum": 17}, "InvalidParameterValue"},
		{"remark over 128", "CreateTopic", p{"InstanceId": id, "Topic": "remarks", "TopicType": "NORMAL", "Remark": strings.Repeat("r", 129)}, "InvalidParameterValue"},
		{"expiry on a NORMAL topic", "CreateTopic", p{"InstanceId": id, "Topic": "lite-ish", "TopicType": "NORMAL", "AutoExpireTime": 60}, "InvalidParameterValue"},
		{"bad group name", "CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "g!", "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "InvalidParameterValue"},
		{"retries above 1000", "CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "retries", "MaxRetryTimes": 1001, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "InvalidParameterValue"},
		{"bad retry policy", "CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "policy", "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true, "RetryPolicy": p{"PolicyType": "LINEAR", "RetryInterval": 1}}, "InvalidParameterValue"},
		{"role name too long", "CreateRole", p{"InstanceId": id, "Role": strings.Repeat("r", 33), "PermRead": true, "PermWrite": true, "Remark": ""}, "InvalidParameterValue"},
		{"group name is required", "CreateConsumerGroup", p{"InstanceId": id, "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "MissingParameter"},
		{"TopicAndGroup without perms", "CreateRole", p{"InstanceId": id, "Role": "scoped", "PermRead": true, "PermWrite": true, "Remark": "", "PermType": "TopicAndGroup"}, "MissingParameter"},
		{"perm on a missing topic", "CreateRole", p{"InstanceId": id, "Role": "scoped", "PermRead": true, "PermWrite": true, "Remark": "", "PermType": "TopicAndGroup", "DetailedPerms": []p{{"Resource": "ghost", "ResourceType": "Topic", "PermRead": true, "PermWrite": false, "Remark": ""}}}, "ResourceNotFound.Topic"},
		{"unknown filter", "DescribeTopicList", p{"InstanceId": id, "Filters": []p{{"Name": "Colour", "Values": []string{"red"}}}}, "InvalidParameterValue"},
		{"recent messages over 1024", "DescribeMessageList", p{"InstanceId": id, "Topic": "orders", "StartTime": 0, "EndTime": 1, "TaskRequestId": "", "RecentMessageNum": 1025}, "InvalidParameterValue"},
		{"reset to the future", "ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "orders", "ConsumerGroup": "billing", "ResetTimestamp": 1 << 50}, "InvalidParameterValue"},
		{"reset without subscription", "ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "orders", "ConsumerGroup": "billing", "ResetTimestamp": -1}, "FailedOperation"},
		// reserved names
		{"retry topic name", "CreateTopic", p{"InstanceId": id, "Topic": "%RETRY%billing", "TopicType": "NORMAL"}, "OperationDenied"},
		{"dead-letter topic name", "CreateTopic", p{"InstanceId": id, "Topic": "%DLQ%billing", "TopicType": "NORMAL"}, "OperationDenied"},
		// declined and edition-bound actions
		{"declined action", "CreateMigrationTask", p{}, "UnsupportedOperation"},
	} {
		t.Run(tc.row+"/"+tc.action, func(t *testing.T) {
			c.Fail(tc.action, tc.params, tc.code)
		})
	}

	// A topic with subscribers can be deleted: nothing documents otherwise.
	tdmqtest.NewTopic(t, c, id, "subscribed")
	code, _ := control(t, env, http.MethodPost, "/clients", p{"instanceId": id, "consumerGroup": "billing", "clientId": "c1", "subscriptions": []p{{"topic": "subscribed"}}})
	require.Equal(t, http.StatusOK, code)
	c.OK("DeleteTopic", p{"InstanceId": id, "Topic": "subscribed"}, nil)
}

func msgID(t *testing.T, raw []byte) string {
	t.Helper()
	var m struct{ MsgId string }
	require.NoError(t, json.Unmarshal(raw, &m))
	require.Regexp(t, `^[0-9A-F]{32}$`, m.MsgId)
	return m.MsgId
}

func TestTopicQuotaPerSKU(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "trial", "EXPERIMENT", "experiment_500")
	for i := range 50 {
		tdmqtest.NewTopic(t, c, id, fmt.Sprintf("topic-%02d", i))
	}
	c.Fail("CreateTopic", p{"InstanceId": id, "Topic": "one-too-many", "TopicType": "NORMAL"}, "LimitExceeded.TopicNum")
	c.OK("DeleteTopic", p{"InstanceId": id, "Topic": "topic-00"}, nil)
	tdmqtest.NewTopic(t, c, id, "one-too-many")
	// The EXPERIMENT edition cannot raise its quota: MaxTopicNum is fixed at 50.
	c.Fail("ModifyInstance", p{"InstanceId": id, "MaxTopicNum": 60}, "InvalidParameterValue")
}

func TestTopicQuotaDowngrade(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "basic", "BASIC", "basic_1k", p{"MaxTopicNum": 150})
	for i := range 101 {
		tdmqtest.NewTopic(t, c, id, fmt.Sprintf("topic-%03d", i))
	}
	c.Fail("ModifyInstance", p{"InstanceId": id, "MaxTopicNum": 100}, "UnsupportedOperation.InstanceTopicNumDowngrade")
	c.Fail("ModifyInstance", p{"InstanceId": id, "ExtraTopicNum": "0"}, "UnsupportedOperation.InstanceTopicNumDowngrade")
	c.Fail("ModifyInstance", p{"InstanceId": id, "ExtraTopicNum": "many"}, "InvalidParameterValue")
	c.Fail("ModifyInstance", p{"InstanceId": id, "MaxTopicNum": 1000}, "InvalidParameterValue")
	c.OK("ModifyInstance", p{"InstanceId": id, "ExtraTopicNum": "1"}, nil)
	var d struct{ TopicNumLimit int64 }
	require.NoError(t, json.Unmarshal(c.OK("DescribeInstance", p{"InstanceId": id}, nil), &d))
	assert.Equal(t, int64(101), d.TopicNumLimit)
	c.Fail("CreateTopic", p{"InstanceId": id, "Topic": "topic-101", "TopicType": "NORMAL"}, "LimitExceeded.TopicNum")
}

func TestGroupAndRoleQuota(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "trial", "EXPERIMENT", "experiment_500")
	for i := range 10 {
		tdmqtest.NewRole(t, c, id, fmt.Sprintf("role-%d", i))
	}
	c.Fail("CreateRole", p{"InstanceId": id, "Role": "role-x", "PermRead": true, "PermWrite": true, "Remark": ""}, "LimitExceeded")
}

func TestManualAccessKeyInUse(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "keys", "BASIC", "basic_1k")
	manual := p{"InstanceId": id, "Role": "first", "PermRead": true, "PermWrite": true, "Remark": "", "RoleGenerateMode": "MANUAL", "AccessKey": "ak-fixed", "SecretKey": "sk-fixed"}
	c.OK("CreateRole", manual, nil)
	manual["Role"] = "second"
	c.Fail("CreateRole", manual, "ResourceInUse")
	delete(manual, "AccessKey")
	c.Fail("CreateRole", manual, "MissingParameter")
}

func TestTopicNameMaxLenOption(t *testing.T) {
	env := emutest.Start(t, tdmqtest.WithOptions(map[string]any{"topicNameMaxLen": 64}))
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "names", "BASIC", "basic_1k")
	tdmqtest.NewTopic(t, c, id, strings.Repeat("t", 64))
	c.Fail("CreateTopic", p{"InstanceId": id, "Topic": strings.Repeat("t", 65), "TopicType": "NORMAL"}, "InvalidParameterValue")
}

func TestTopicStatsNeedPlatinum(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "pro", "PRO", "pro_4k")
	tdmqtest.NewTopic(t, c, id, "orders")
	tdmqtest.NewGroup(t, c, id, "billing")
	c.Fail("DescribeTopicStats", p{"InstanceId": id, "Topic": "orders", "GroupId": "billing"}, "UnsupportedOperation")
}

func TestDeletionProtection(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "kept", "BASIC", "basic_1k")
	c.OK("ModifyInstance", p{"InstanceId": id, "EnableDeletionProtection": true}, nil)
	c.Fail("DeleteInstance", p{"InstanceId": id}, "FailedOperation")
	c.OK("ModifyInstance", p{"InstanceId": id, "EnableDeletionProtection": false}, nil)
	c.OK("DeleteInstance", p{"InstanceId": id}, nil)
}
