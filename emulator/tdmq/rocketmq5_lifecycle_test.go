package tdmq_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

// p is shorthand for action parameters.
type p = map[string]any

var vpc = []p{{"VpcId": "vpc-mqmock01", "SubnetId": "subnet-mqmock01"}}

// newInstance creates a RUNNING instance of the SKU and returns its id.
func newInstance(t *testing.T, c *sdk, name, typ, sku string, extra ...p) string {
	t.Helper()
	params := p{"InstanceType": typ, "Name": name, "SkuCode": sku, "VpcList": vpc}
	for _, e := range extra {
		for k, v := range e {
			params[k] = v
		}
	}
	var out struct {
		InstanceId string
		RequestId  string
	}
	c.ok("CreateInstance", params, &out)
	require.Regexp(t, `^rmq-[a-z0-9]{8}$`, out.InstanceId)
	return out.InstanceId
}

func newTopic(t *testing.T, c *sdk, id, topic string, extra ...p) {
	t.Helper()
	params := p{"InstanceId": id, "Topic": topic, "TopicType": "NORMAL"}
	for _, e := range extra {
		for k, v := range e {
			params[k] = v
		}
	}
	c.ok("CreateTopic", params, nil)
}

func newGroup(t *testing.T, c *sdk, id, group string) {
	t.Helper()
	c.ok("CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": group, "MaxRetryTimes": 16, "ConsumeEnable": true, "ConsumeMessageOrderly": false}, nil)
}

func newRole(t *testing.T, c *sdk, id, role string) {
	t.Helper()
	c.ok("CreateRole", p{"InstanceId": id, "Role": role, "PermRead": true, "PermWrite": true, "Remark": "r"}, nil)
}

// control posts a JSON body to a 5.x control endpoint and decodes the answer.
func control(t *testing.T, env *emutest.Env, method, path string, body any) (int, map[string]any) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(method, env.URL("tdmq")+"/_mqmock/tdmq/trocket"+path, bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func withTDMQOptions(opts map[string]any) emutest.Option {
	return emutest.WithConfig(func(c *config.Config) {
		if c.TDMQ.Options == nil {
			c.TDMQ.Options = map[string]any{}
		}
		for k, v := range opts {
			c.TDMQ.Options[k] = v
		}
	})
}

func TestLifecycle5(t *testing.T) {
	env := emutest.Start(t)
	c := defaultSDK(t, env)
	env.Advance(48 * time.Hour) // CreatedTime must follow the virtual clock, not real time
	before := env.Clock().Now().UnixMilli()
	id := newInstance(t, c, "orders", "BASIC", "basic_1k", p{"Remark": "lifecycle", "TagList": []p{{"TagKey": "env", "TagValue": "ci"}}})
	after := env.Clock().Now().UnixMilli()

	for i := range 25 {
		newTopic(t, c, id, fmt.Sprintf("topic-%02d", i))
	}
	newGroup(t, c, id, "group-a")
	newRole(t, c, id, "role-a")

	var inst struct {
		InstanceId, InstanceName, InstanceStatus, SkuCode, Remark string
		TopicNum, TopicNumLimit, GroupNum, GroupNumLimit          int64
		CreatedTime                                               int64
	}
	raw := c.ok("DescribeInstance", p{"InstanceId": id}, nil)
	require.NoError(t, json.Unmarshal(raw, &inst))
	assert.Equal(t, "orders", inst.InstanceName)
	assert.Equal(t, "RUNNING", inst.InstanceStatus)
	assert.Equal(t, int64(25), inst.TopicNum)
	assert.Equal(t, int64(100), inst.TopicNumLimit)
	assert.Equal(t, int64(1), inst.GroupNum)
	assert.GreaterOrEqual(t, inst.CreatedTime, before, "CreatedTime is ms of the virtual clock")
	assert.LessOrEqual(t, inst.CreatedTime, after)

	// Paging: TotalCount is the unpaged total, pages do not overlap.
	type topicList struct {
		TotalCount int64
		Data       []struct{ Topic string }
	}
	var page1, page2, page3 topicList
	require.NoError(t, json.Unmarshal(c.ok("DescribeTopicList", p{"InstanceId": id, "Offset": 0, "Limit": 10}, nil), &page1))
	require.NoError(t, json.Unmarshal(c.ok("DescribeTopicList", p{"InstanceId": id, "Offset": 10, "Limit": 10}, nil), &page2))
	require.NoError(t, json.Unmarshal(c.ok("DescribeTopicList", p{"InstanceId": id, "Offset": 20, "Limit": 10}, nil), &page3))
	assert.Equal(t, int64(25), page1.TotalCount)
	assert.Equal(t, int64(25), page3.TotalCount)
	require.Len(t, page1.Data, 10)
	require.Len(t, page3.Data, 5)
	assert.Equal(t, "topic-00", page1.Data[0].Topic)
	assert.Equal(t, "topic-10", page2.Data[0].Topic)
	assert.Equal(t, "topic-24", page3.Data[4].Topic)
	var def topicList
	require.NoError(t, json.Unmarshal(c.ok("DescribeTopicList", p{"InstanceId": id}, nil), &def))
	assert.Len(t, def.Data, 20, "Limit defaults to 20")
	var beyond topicList
	require.NoError(t, json.Unmarshal(c.ok("DescribeTopicList", p{"InstanceId": id, "Offset": 100}, nil), &beyond))
	assert.Equal(t, int64(25), beyond.TotalCount)
	assert.Empty(t, beyond.Data)
	c.fail("DescribeTopicList", p{"InstanceId": id, "Offset": -1}, "InvalidParameterValue")

	// Wrong order: the instance still holds resources.
	c.fail("DeleteInstance", p{"InstanceId": id}, "ResourceInUse")
	// Right order: roles, groups, topics, then the instance.
	c.ok("DeleteRole", p{"InstanceId": id, "Role": "role-a"}, nil)
	c.ok("DeleteConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "group-a"}, nil)
	for i := range 25 {
		c.ok("DeleteTopic", p{"InstanceId": id, "Topic": fmt.Sprintf("topic-%02d", i)}, nil)
	}
	c.ok("DeleteInstance", p{"InstanceId": id}, nil)
	c.fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
	c.fail("DeleteInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
	c.fail("DeleteTopic", p{"InstanceId": id, "Topic": "topic-00"}, "ResourceNotFound.Instance")
}

func TestInstanceBecomesRunningAfterReadyAfter5(t *testing.T) {
	env := emutest.Start(t, withTDMQOptions(map[string]any{"readyAfter": "90s"}))
	c := defaultSDK(t, env)
	id := newInstance(t, c, "slow", "PRO", "pro_4k")
	status := func() string {
		var d struct{ InstanceStatus string }
		require.NoError(t, json.Unmarshal(c.ok("DescribeInstance", p{"InstanceId": id}, nil), &d))
		return d.InstanceStatus
	}
	require.Equal(t, "CREATING", status())
	c.fail("CreateTopic", p{"InstanceId": id, "Topic": "topic-1", "TopicType": "NORMAL"}, "FailedOperation.InstanceNotReady")
	c.fail("CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "group-1", "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "FailedOperation.InstanceNotReady")
	c.fail("CreateRole", p{"InstanceId": id, "Role": "r1", "PermRead": true, "PermWrite": true, "Remark": ""}, "FailedOperation.InstanceNotReady")
	c.fail("ModifyInstance", p{"InstanceId": id, "Remark": "x"}, "FailedOperation.InstanceNotReady")
	var list struct{ TotalCount int64 }
	require.NoError(t, json.Unmarshal(c.ok("DescribeInstanceList", p{"Filters": []p{{"Name": "InstanceStatus", "Values": []string{"CREATING"}}}}, nil), &list))
	assert.Equal(t, int64(1), list.TotalCount)

	env.Advance(89 * time.Second)
	assert.Equal(t, "CREATING", status())
	env.Advance(time.Second)
	assert.Equal(t, "RUNNING", status())
	newTopic(t, c, id, "topic-1")
	c.ok("ModifyInstance", p{"InstanceId": id, "Remark": "x"}, nil)
}

func TestAccountsDoNotSeeEachOther5(t *testing.T) {
	env := emutest.Start(t)
	mine, theirs := defaultSDK(t, env), newSDK(t, env.TDMQ, env.Other.Tencent.SecretID, env.Other.Tencent.SecretKey)
	id := newInstance(t, mine, "mine", "BASIC", "basic_1k")
	theirs.fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
	theirs.fail("CreateTopic", p{"InstanceId": id, "Topic": "steal", "TopicType": "NORMAL"}, "ResourceNotFound.Instance")
	var list struct{ TotalCount int64 }
	require.NoError(t, json.Unmarshal(theirs.ok("DescribeInstanceList", nil, nil), &list))
	assert.Equal(t, int64(0), list.TotalCount)
}

func TestResetEmptiesState5(t *testing.T) {
	env := emutest.Start(t)
	c := defaultSDK(t, env)
	id := newInstance(t, c, "gone", "BASIC", "basic_1k")
	require.NoError(t, env.Reset("tdmq"))
	c.fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
}
