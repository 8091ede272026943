package rocketmq_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRocketMQ4Lifecycle walks a cluster from creation to deletion through
// the SDK: namespace, topic, group, role, authorisation, a message, the
// lists, then deletion in the right order, with the state view following.
func TestRocketMQ4Lifecycle(t *testing.T) {
	env, c := start(t)
	before := env.Clock().Now().UnixMilli()
	f := c.fixture()
	after := env.Clock().Now().UnixMilli()
	c.ok("CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "RoleName": f.role, "Permissions": []string{"produce"}}, nil)
	var sent specSendMessageResponse
	c.ok("SendRocketMQMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic, "MsgBody": "hi"}, &sent)

	state := func() map[string]any {
		resp, err := http.Get(env.URL("tdmq") + "/_mqmock/state?vendor=tdmq")
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return out
	}
	js, _ := json.Marshal(state())
	assert.Contains(t, string(js), f.cluster)
	assert.Contains(t, string(js), `"roles":[{"permissions":["produce"],"role":"writer"}]`)

	var d specDescribeClusterResponse
	c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": f.cluster}, &d)
	assert.Equal(t, specClusterRecentStats{TopicNum: 1, ProducedMsgNum: 1, AccumulativeMsgNum: 1}, d.ClusterStats)
	assert.Equal(t, uint64(1), d.ClusterConfig.UsedGroupNum)
	assert.Equal(t, "ap-guangzhou", d.ClusterInfo.Region)
	assert.GreaterOrEqual(t, int64(d.ClusterInfo.CreateTime), before, "ms from the virtual clock")
	assert.LessOrEqual(t, int64(d.ClusterInfo.CreateTime), after, "ms from the virtual clock")

	for _, step := range []struct {
		action string
		params map[string]any
		out    any
	}{
		{"DeleteRocketMQEnvironmentRoles", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "RoleNames": []string{f.role}}, &specEmpty{}},
		{"DeleteRocketMQRoles", map[string]any{"ClusterId": f.cluster, "RoleNames": []string{f.role}}, &specDeleteRolesResponse{}},
		{"DeleteRocketMQGroup", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupId": f.group}, &specEmpty{}},
		{"DeleteRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "Topic": f.topic}, &specEmpty{}},
		{"DeleteRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns}, &specEmpty{}},
		{"DeleteRocketMQCluster", map[string]any{"ClusterId": f.cluster}, &specEmpty{}},
	} {
		c.ok(step.action, step.params, step.out)
	}
	js, _ = json.Marshal(state())
	assert.NotContains(t, string(js), f.cluster)
	var list specDescribeClustersResponse
	c.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10}, &list)
	assert.Equal(t, uint64(0), list.TotalCount)
	assert.Empty(t, list.ClusterList)
}

// TestRocketMQ4Accounts: each account sees only its own clusters.
func TestRocketMQ4Accounts(t *testing.T) {
	env, c := start(t)
	other := newClient(t, env, env.Other)
	mine := c.cluster("shared-name")
	theirs := other.cluster("shared-name") // names are per account
	assert.NotEqual(t, mine, theirs)
	other.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": mine}, "ResourceNotFound.Cluster", msgClusterNotFound)
	other.fail("DeleteRocketMQCluster", map[string]any{"ClusterId": mine}, "ResourceNotFound.Cluster", msgClusterNotFound)
	var list specDescribeClustersResponse
	other.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10}, &list)
	require.Len(t, list.ClusterList, 1)
	assert.Equal(t, theirs, list.ClusterList[0].Info.ClusterId)
}

// TestRocketMQ4Lists covers paging, TotalCount and the filters of every list.
func TestRocketMQ4Lists(t *testing.T) {
	_, c := start(t)
	var ids []string
	for i := 0; i < 5; i++ {
		var out specClusterIDResponse
		c.ok("CreateRocketMQCluster", map[string]any{"Name": fmt.Sprintf("list-%d", i), "TagList": []map[string]any{{"TagKey": "parity", "TagValue": []string{"even", "odd"}[i%2]}}}, &out)
		ids = append(ids, out.ClusterId)
	}
	clusters := func(params map[string]any) (uint64, []string) {
		var out specDescribeClustersResponse
		c.ok("DescribeRocketMQClusters", params, &out)
		var got []string
		for _, d := range out.ClusterList {
			got = append(got, d.Info.ClusterId)
		}
		return out.TotalCount, got
	}
	total, page1 := clusters(map[string]any{"Offset": 0, "Limit": 2})
	_, page3 := clusters(map[string]any{"Offset": 4, "Limit": 2})
	_, beyond := clusters(map[string]any{"Offset": 9, "Limit": 2})
	assert.Equal(t, uint64(5), total)
	assert.Equal(t, ids[:2], page1)
	assert.Equal(t, ids[4:], page3)
	assert.Empty(t, beyond)
	_, byName := clusters(map[string]any{"Offset": 0, "Limit": 10, "NameKeyword": "LIST-3"})
	assert.Equal(t, ids[3:4], byName)
	_, byID := clusters(map[string]any{"Offset": 0, "Limit": 10, "IdKeyword": ids[2][9:]})
	assert.Equal(t, ids[2:3], byID)
	n, byList := clusters(map[string]any{"Offset": 0, "Limit": 10, "ClusterIdList": []string{ids[1], ids[4], "rocketmq-unknown0000"}})
	assert.Equal(t, uint64(2), n)
	assert.Equal(t, []string{ids[1], ids[4]}, byList)
	_, byTag := clusters(map[string]any{"Offset": 0, "Limit": 10, "IsTagFilter": true, "Filters": []map[string]any{{"Name": "parity", "Values": []string{"odd"}}}})
	assert.Equal(t, []string{ids[1], ids[3]}, byTag)
	_, tagIgnored := clusters(map[string]any{"Offset": 0, "Limit": 10, "Filters": []map[string]any{{"Name": "parity", "Values": []string{"odd"}}}})
	assert.Len(t, tagIgnored, 5, "Filters apply only with IsTagFilter")

	cl := ids[0]
	for _, ns := range []string{"dev", "test", "prod"} {
		c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": ns}, nil)
	}
	var nss specDescribeNamespacesResponse
	c.ok("DescribeRocketMQNamespaces", map[string]any{"ClusterId": cl, "Offset": 1, "Limit": 1}, &nss)
	assert.Equal(t, uint64(3), nss.TotalCount)
	require.Len(t, nss.Namespaces, 1)
	assert.Equal(t, "test", nss.Namespaces[0].NamespaceId)
	c.ok("DescribeRocketMQNamespaces", map[string]any{"ClusterId": cl, "Offset": 0, "Limit": 10, "NameKeyword": "ro"}, &nss)
	assert.Equal(t, uint64(1), nss.TotalCount)

	for i, typ := range []string{"Normal", "GlobalOrder", "Normal", "DelayScheduled"} {
		p := map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": fmt.Sprintf("topic-%d", i), "Type": typ}
		if i == 2 {
			p["TagList"] = []map[string]any{{"TagKey": "team", "TagValue": "pay"}}
		}
		c.ok("CreateRocketMQTopicV2", p, nil)
	}
	topics := func(extra map[string]any) []string {
		p := map[string]any{"ClusterId": cl, "NamespaceId": "dev", "Offset": 0, "Limit": 10}
		for k, v := range extra {
			p[k] = v
		}
		var out specDescribeTopicsResponse
		c.ok("DescribeRocketMQTopics", p, &out)
		var names []string
		for _, tp := range out.Topics {
			names = append(names, tp.Name)
		}
		assert.Equal(t, int(out.TotalCount), len(names))
		return names
	}
	assert.Equal(t, []string{"topic-0", "topic-2"}, topics(map[string]any{"FilterType": []string{"Normal"}}))
	assert.Equal(t, []string{"topic-3"}, topics(map[string]any{"FilterName": "C-3"}))
	assert.Equal(t, []string{"topic-2"}, topics(map[string]any{"TagFilters": []map[string]any{{"TagKey": "team", "TagValues": []string{"pay"}}}}))
	assert.Empty(t, topics(map[string]any{"FilterGroup": "anything"}), "no consumer ever subscribes")

	for i, typ := range []string{"TCP", "HTTP", "TCP"} {
		c.ok("CreateRocketMQGroupV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "GroupId": fmt.Sprintf("group-%d", i), "ReadEnable": true, "BroadcastEnable": false, "GroupType": typ}, nil)
	}
	groups := func(extra map[string]any) []string {
		p := map[string]any{"ClusterId": cl, "NamespaceId": "dev", "Offset": 0, "Limit": 10}
		for k, v := range extra {
			p[k] = v
		}
		var out specDescribeGroupsResponse
		c.ok("DescribeRocketMQGroups", p, &out)
		var names []string
		for _, g := range out.Groups {
			names = append(names, g.Name)
		}
		return names
	}
	assert.Equal(t, []string{"group-0", "group-2"}, groups(map[string]any{"Types": []string{"TCP"}}))
	assert.Equal(t, []string{"group-1"}, groups(map[string]any{"FilterOneGroup": "group-1"}))
	assert.Equal(t, []string{"group-1"}, groups(map[string]any{"FilterGroup": "p-1"}))
	assert.Equal(t, []string{"group-0", "group-1", "group-2"}, groups(map[string]any{"SortedBy": "subscribeNum", "SortOrder": "desc"}), "equal (zero) keys keep creation order")
	assert.Equal(t, []string{"group-0", "group-1", "group-2"}, groups(map[string]any{"SortedBy": "tps", "SortOrder": "asc"}))
	c.fail("DescribeRocketMQGroups", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "Offset": 0, "Limit": 10, "SortedBy": "name"}, "InvalidParameter", msgBadParam)
	c.fail("DescribeRocketMQGroups", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "Offset": 0, "Limit": 10, "SortOrder": "up"}, "InvalidParameter", msgBadParam)
	assert.Equal(t, []string{"group-1"}, groups(map[string]any{"Offset": 1, "Limit": 1}))

	for i := 0; i < 12; i++ {
		c.ok("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": fmt.Sprintf("role-%02d", i)}, nil)
	}
	var roles specDescribeRolesResponse
	c.ok("DescribeRocketMQRoles", map[string]any{"ClusterId": cl, "Offset": 10, "Limit": 0}, &roles)
	assert.Equal(t, int64(12), roles.TotalCount)
	assert.Len(t, roles.RoleSets, 2, "Limit 0 is the default page of 10")
	c.ok("DescribeRocketMQRoles", map[string]any{"ClusterId": cl, "Offset": 0, "Limit": 20, "RoleName": "E-1"}, &roles)
	assert.Equal(t, int64(2), roles.TotalCount, "role-10 and role-11: case-insensitive substring")
	c.ok("DescribeRocketMQRoles", map[string]any{"ClusterId": cl, "Offset": 0, "Limit": 20, "Filters": []map[string]any{{"Name": "RoleName", "Values": []string{"role-01"}}}}, &roles)
	require.Len(t, roles.RoleSets, 1)
	assert.Equal(t, "Permanent", roles.RoleSets[0].TokenType)

	for _, ns := range []string{"dev", "test"} {
		for _, r := range []string{"role-00", "role-01"} {
			c.ok("CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": cl, "EnvironmentId": ns, "RoleName": r, "Permissions": []string{"consume"}}, nil)
		}
	}
	var envRoles specDescribeEnvironmentRolesResponse
	c.ok("DescribeRocketMQEnvironmentRoles", map[string]any{"ClusterId": cl, "EnvironmentId": "test"}, &envRoles)
	assert.Equal(t, int64(2), envRoles.TotalCount)
	c.ok("DescribeRocketMQEnvironmentRoles", map[string]any{"ClusterId": cl, "RoleName": "role-01", "Offset": 1, "Limit": 1}, &envRoles)
	assert.Equal(t, int64(2), envRoles.TotalCount)
	require.Len(t, envRoles.EnvironmentRoleSets, 1)
	assert.Equal(t, "test", envRoles.EnvironmentRoleSets[0].EnvironmentId)
}

// TestRocketMQ4Messages: SendRocketMQMessage feeds the message queries.
func TestRocketMQ4Messages(t *testing.T) {
	_, c := start(t)
	f := c.fixture()
	var ids []string
	for i := 0; i < 5; i++ {
		var out specSendMessageResponse
		c.ok("SendRocketMQMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic, "MsgBody": fmt.Sprintf("body-%d", i), "MsgKey": fmt.Sprintf("key-%d", i%2), "MsgTag": "tag-a"}, &out)
		ids = append(ids, out.MsgId)
	}
	query := func(extra map[string]any) specTopicMsgsResponse {
		p := map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "TopicName": f.topic, "StartTime": "2000-01-01 00:00:00", "EndTime": "2100-01-01 00:00:00"}
		for k, v := range extra {
			p[k] = v
		}
		var out specTopicMsgsResponse
		c.ok("DescribeRocketMQTopicMsgs", p, &out)
		return out
	}
	all := query(nil)
	assert.Equal(t, uint64(5), all.TotalCount)
	require.Len(t, all.TopicMsgLogSets, 5)
	assert.Equal(t, ids[4], all.TopicMsgLogSets[0].MsgId, "newest first")
	assert.Equal(t, uint64(3), query(map[string]any{"MsgKey": "key-0"}).TotalCount)
	assert.Equal(t, uint64(0), query(map[string]any{"Tag": "tag-b"}).TotalCount)
	latest := query(map[string]any{"NumOfLatestMsg": 2, "StartTime": "2000-01-01 00:00:00", "EndTime": "2000-01-02 00:00:00"})
	assert.Equal(t, uint64(2), latest.TotalCount, "the latest N ignore the time range")
	paged := query(map[string]any{"Offset": 1, "Limit": 2, "TaskRequestId": "task-1"})
	assert.Equal(t, "task-1", paged.TaskRequestId)
	require.Len(t, paged.TopicMsgLogSets, 2)
	assert.Equal(t, ids[3], paged.TopicMsgLogSets[0].MsgId)
	assert.Equal(t, uint64(0), query(map[string]any{"StartTime": "2000-01-01 00:00:00", "EndTime": "2000-01-02 00:00:00"}).TotalCount)

	var msg specDescribeMsgResponse
	c.ok("DescribeRocketMQMsg", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "TopicName": f.topic, "MsgId": ids[1], "PulsarMsgId": ""}, &msg)
	assert.Equal(t, "body-1", msg.Body)
	assert.JSONEq(t, fmt.Sprintf(`{"KEYS":"key-1","TAGS":"tag-a","UNIQ_KEY":%q}`, ids[1]), msg.Properties)

	// Nothing consumes in the emulator: no dead letters, no online consumer.
	c.fail("RetryRocketMQDlqMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupName": f.group, "MessageIds": []string{ids[0]}}, "ResourceNotFound", msgNotFound)
	c.fail("VerifyRocketMQConsume", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupId": f.group, "MsgId": ids[0], "TopicName": f.topic}, "FailedOperation", msgFailed)
	var dead specTopicMsgsResponse
	c.ok("DescribeRocketMQTopicMsgs", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "TopicName": f.group, "StartTime": "0", "EndTime": "9999999999999", "QueryDlqMsg": true}, &dead)
	assert.Equal(t, uint64(0), dead.TotalCount)
}

// TestRocketMQ4Declined: the §8.2 actions answer UnsupportedOperation, an
// unknown name InvalidAction.
func TestRocketMQ4Declined(t *testing.T) {
	_, c := start(t)
	c.fail("DescribeRocketMQPublicAccessPoint", map[string]any{"InstanceId": "rocketmq-x"}, "UnsupportedOperation", msgUnsupported)
	c.fail("ModifyRocketMQInstanceSpec", map[string]any{}, "UnsupportedOperation", msgUnsupported)
	c.fail("DescribeRocketMQNothing", map[string]any{}, "InvalidAction", "The API does not exist.")
}
