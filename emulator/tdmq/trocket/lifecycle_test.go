package trocket_test

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
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// p is shorthand for action parameters.
type p = map[string]any

var vpc = []p{{"VpcId": "vpc-mqmock01", "SubnetId": "subnet-mqmock01"}}

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

func TestLifecycle(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	env.Advance(48 * time.Hour) // CreatedTime must follow the virtual clock, not real time
	before := env.Clock().Now().UnixMilli()
	id := tdmqtest.NewInstance(t, c, "orders", "BASIC", "basic_1k", p{"Remark": "lifecycle", "TagList": []p{{"TagKey": "env", "TagValue": "ci"}}})
	after := env.Clock().Now().UnixMilli()

	for i := range 25 {
		tdmqtest.NewTopic(t, c, id, fmt.Sprintf("topic-%02d", i))
	}
	tdmqtest.NewGroup(t, c, id, "group-a")
	tdmqtest.NewRole(t, c, id, "role-a")

	var inst struct {
		InstanceId, InstanceName, InstanceStatus, SkuCode, Remark string
		TopicNum, TopicNumLimit, GroupNum, GroupNumLimit          int64
		CreatedTime                                               int64
	}
	raw := c.OK("DescribeInstance", p{"InstanceId": id}, nil)
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
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicList", p{"InstanceId": id, "Offset": 0, "Limit": 10}, nil), &page1))
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicList", p{"InstanceId": id, "Offset": 10, "Limit": 10}, nil), &page2))
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicList", p{"InstanceId": id, "Offset": 20, "Limit": 10}, nil), &page3))
	assert.Equal(t, int64(25), page1.TotalCount)
	assert.Equal(t, int64(25), page3.TotalCount)
	require.Len(t, page1.Data, 10)
	require.Len(t, page3.Data, 5)
	assert.Equal(t, "topic-00", page1.Data[0].Topic)
	assert.Equal(t, "topic-10", page2.Data[0].Topic)
	assert.Equal(t, "topic-24", page3.Data[4].Topic)
	var def topicList
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicList", p{"InstanceId": id}, nil), &def))
	assert.Len(t, def.Data, 20, "Limit defaults to 20")
	var beyond topicList
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicList", p{"InstanceId": id, "Offset": 100}, nil), &beyond))
	assert.Equal(t, int64(25), beyond.TotalCount)
	assert.Empty(t, beyond.Data)
	c.Fail("DescribeTopicList", p{"InstanceId": id, "Offset": -1}, "InvalidParameterValue")

	// Wrong order: the instance still holds resources.
	c.Fail("DeleteInstance", p{"InstanceId": id}, "ResourceInUse")
	// Right order: roles, groups, topics, then the instance.
	c.OK("DeleteRole", p{"InstanceId": id, "Role": "role-a"}, nil)
	c.OK("DeleteConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "group-a"}, nil)
	for i := range 25 {
		c.OK("DeleteTopic", p{"InstanceId": id, "Topic": fmt.Sprintf("topic-%02d", i)}, nil)
	}
	c.OK("DeleteInstance", p{"InstanceId": id}, nil)
	c.Fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
	c.Fail("DeleteInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
	c.Fail("DeleteTopic", p{"InstanceId": id, "Topic": "topic-00"}, "ResourceNotFound.Instance")
}

func TestInstanceBecomesRunningAfterReadyAfter(t *testing.T) {
	env := emutest.Start(t, tdmqtest.WithOptions(map[string]any{"readyAfter": "90s"}))
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "slow", "PRO", "pro_4k")
	status := func() string {
		var d struct{ InstanceStatus string }
		require.NoError(t, json.Unmarshal(c.OK("DescribeInstance", p{"InstanceId": id}, nil), &d))
		return d.InstanceStatus
	}
	require.Equal(t, "CREATING", status())
	c.Fail("CreateTopic", p{"InstanceId": id, "Topic": "topic-1", "TopicType": "NORMAL"}, "FailedOperation.InstanceNotReady")
	c.Fail("CreateConsumerGroup", p{"InstanceId": id, "ConsumerGroup": "group-1", "MaxRetryTimes": 1, "ConsumeEnable": true, "ConsumeMessageOrderly": true}, "FailedOperation.InstanceNotReady")
	c.Fail("CreateRole", p{"InstanceId": id, "Role": "r1", "PermRead": true, "PermWrite": true, "Remark": ""}, "FailedOperation.InstanceNotReady")
	c.Fail("ModifyInstance", p{"InstanceId": id, "Remark": "x"}, "FailedOperation.InstanceNotReady")
	var list struct{ TotalCount int64 }
	require.NoError(t, json.Unmarshal(c.OK("DescribeInstanceList", p{"Filters": []p{{"Name": "InstanceStatus", "Values": []string{"CREATING"}}}}, nil), &list))
	assert.Equal(t, int64(1), list.TotalCount)

	env.Advance(89 * time.Second)
	assert.Equal(t, "CREATING", status())
	env.Advance(time.Second)
	assert.Equal(t, "RUNNING", status())
	tdmqtest.NewTopic(t, c, id, "topic-1")
	c.OK("ModifyInstance", p{"InstanceId": id, "Remark": "x"}, nil)
}

func TestAccountsDoNotSeeEachOther(t *testing.T) {
	env := emutest.Start(t)
	mine, theirs := tdmqtest.DefaultSDK(t, env), tdmqtest.NewSDK(t, env, env.Other.Tencent.SecretID, env.Other.Tencent.SecretKey)
	id := tdmqtest.NewInstance(t, mine, "mine", "BASIC", "basic_1k")
	theirs.Fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
	theirs.Fail("CreateTopic", p{"InstanceId": id, "Topic": "steal", "TopicType": "NORMAL"}, "ResourceNotFound.Instance")
	var list struct{ TotalCount int64 }
	require.NoError(t, json.Unmarshal(theirs.OK("DescribeInstanceList", nil, nil), &list))
	assert.Equal(t, int64(0), list.TotalCount)
}

func TestResetEmptiesState(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "gone", "BASIC", "basic_1k")
	require.NoError(t, env.Reset("tdmq"))
	c.Fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Instance")
}
