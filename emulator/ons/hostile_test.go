package ons_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileValues are what a broken or malicious client might send for any
// parameter.
var hostileValues = []string{
	"", " ", "-1", "0", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1e3", "true", "NaN",
	"\xff\xfe", "null", "{\"a\":1}", "中文", strings.Repeat("a", 5000), "GID_ok_group", "MQ_INST_1000000000000002_mqmock02",
	"<script>", "a||b", "TOPIC",
}

// actionParams: every parameter name of every served action.
var actionParams = map[string][]string{
	"OnsInstanceCreate":          {"InstanceName", "Remark"},
	"OnsInstanceUpdate":          {"InstanceId", "InstanceName", "Remark"},
	"OnsInstanceBaseInfo":        {"InstanceId"},
	"OnsInstanceInServiceList":   {"Tag.1.Key", "Tag.1.Value", "Tag.2.Value"},
	"OnsTopicCreate":             {"InstanceId", "Topic", "MessageType", "Remark"},
	"OnsTopicList":               {"InstanceId", "Topic", "Tag.1.Key"},
	"OnsTopicStatus":             {"InstanceId", "Topic"},
	"OnsTopicUpdate":             {"InstanceId", "Topic", "Perm"},
	"OnsTopicSubDetail":          {"InstanceId", "Topic"},
	"OnsGroupCreate":             {"InstanceId", "GroupId", "GroupType", "Remark"},
	"OnsGroupList":               {"InstanceId", "GroupId", "GroupType"},
	"OnsGroupSubDetail":          {"InstanceId", "GroupId"},
	"OnsGroupConsumerUpdate":     {"InstanceId", "GroupId", "ReadEnable"},
	"OnsConsumerAccumulate":      {"InstanceId", "GroupId", "Detail"},
	"OnsConsumerStatus":          {"InstanceId", "GroupId", "Detail", "NeedJstack"},
	"OnsConsumerGetConnection":   {"InstanceId", "GroupId"},
	"OnsConsumerResetOffset":     {"InstanceId", "GroupId", "Topic", "Type", "ResetTimestamp"},
	"OnsConsumerTimeSpan":        {"InstanceId", "GroupId", "Topic"},
	"OnsMessageSend":             {"InstanceId", "Topic", "Message", "Tag", "Key"},
	"OnsMessageGetByMsgId":       {"InstanceId", "Topic", "MsgId"},
	"OnsMessageDetail":           {"InstanceId", "Topic", "MsgId"},
	"OnsMessageGetByKey":         {"InstanceId", "Topic", "Key"},
	"OnsMessagePageQueryByTopic": {"InstanceId", "Topic", "BeginTime", "EndTime", "CurrentPage", "PageSize", "TaskId"},
	"OnsMessagePush":             {"InstanceId", "Topic", "MsgId", "GroupId", "ClientId"},
	"TagResources":               {"ResourceType", "InstanceId", "ResourceId.1", "ResourceId.3", "Tag.1.Key", "Tag.1.Value"},
	"UntagResources":             {"ResourceType", "InstanceId", "ResourceId.1", "TagKey.1", "TagKey.0", "All"},
	"ListTagResources":           {"ResourceType", "InstanceId", "ResourceId.1", "Tag.1.Key"},
	"OnsEmpowerCreate":           {"Topic", "EmpowerUser", "Relation"},
	"OnsEmpowerDelete":           {"Topic", "EmpowerUser"},
	"OnsInstanceDelete":          {"InstanceId"},
	"OnsTopicDelete":             {"InstanceId", "Topic"},
	"OnsGroupDelete":             {"InstanceId", "GroupId"},
}

// TestHostileParameters sends every hostile value in every parameter of every
// served action (the others valid): each answer is 200 or a documented 4xx
// envelope with a Code — never a 500, a panic or an undecodable body — and
// the other account's resources are untouched.
func TestHostileParameters(t *testing.T) {
	f := newFx(t)
	other := client(t, f.env, f.env.Other)
	require.NoError(t, createTopic(other, otherInstance, "their-topic", 0))
	require.NoError(t, createGroup(other, otherInstance, "GID_theirs"))
	f.mustTopic(defaultInstance, "orders")
	f.mustGroup(defaultInstance, "GID_orders")
	msg := f.mustSend(defaultInstance, "orders", "m", "", "k")
	valid := map[string]string{
		"InstanceId": defaultInstance, "Topic": "orders", "GroupId": "GID_orders", "MessageType": "0", "Perm": "6",
		"InstanceName": "hostile", "GroupType": "tcp", "ReadEnable": "true", "Type": "0", "ResetTimestamp": "0",
		"Message": "m", "MsgId": msg, "Key": "k", "BeginTime": "0", "EndTime": "9999999999999", "ClientId": "c",
		"ResourceType": "TOPIC", "ResourceId.1": "orders", "Tag.1.Key": "k", "Tag.1.Value": "v", "TagKey.1": "k",
		"EmpowerUser": "1000000000000002", "Relation": "2",
	}
	served := 0
	for action, names := range actionParams {
		for _, name := range names {
			for _, bad := range hostileValues {
				params := map[string]string{}
				for _, n := range names {
					if v, ok := valid[n]; ok {
						params[n] = v
					}
				}
				params[name] = bad
				status, body := raw(t, f.env, http.MethodPost, f.env.Default, action, params)
				served++
				var out map[string]any
				require.NoError(t, json.Unmarshal(body, &out), "%s %s=%q: %s", action, name, bad, body)
				switch {
				case status == http.StatusOK:
					assert.NotContains(t, out, "Code", "%s %s=%q", action, name, bad)
				case status == http.StatusBadRequest || status == http.StatusNotFound:
					assert.NotEmpty(t, out["Code"], "%s %s=%q", action, name, bad)
				default:
					t.Errorf("%s %s=%q: status %d %s", action, name, bad, status, body)
				}
			}
		}
	}
	assert.Greater(t, served, 1000)
	// The other account's resources survived everything.
	state := f.env.Door("ons").State()
	b, err := json.Marshal(state)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"topic":"their-topic"`)
	assert.Contains(t, string(b), `"groupId":"GID_theirs"`)
}
