package rocketmq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRocketMQ4ResponseShapes calls every served 4.x action once through the
// SDK and decodes its answer strictly into the spec's shape (one subtest per
// action). The subtests run in order on one emulator: each builds on what
// the earlier ones created.
func TestRocketMQ4ResponseShapes(t *testing.T) {
	_, c := start(t)
	var cluster, vip, general, msgID string
	ns, topic, group, role := "dev", "orders", "group-orders", "writer"
	steps := []struct {
		action string
		params func() map[string]any
		out    any
		check  func(out any)
	}{
		{"CreateRocketMQCluster", func() map[string]any {
			return map[string]any{"Name": "shape-cluster", "Remark": "r", "TagList": []map[string]any{{"TagKey": "env", "TagValue": "ci"}}}
		}, &specClusterIDResponse{}, func(o any) { cluster = o.(*specClusterIDResponse).ClusterId }},
		{"CreateRocketMQVipInstance", func() map[string]any {
			return map[string]any{"Name": "shape-vip", "Spec": "rocket-vip-basic-1", "StorageSize": 200, "ZoneIds": []string{"100003", "100004"},
				"VpcInfo": map[string]any{"VpcId": "vpc-abcd1234", "SubnetId": "subnet-abcd1234"}, "TimeSpan": 1, "NodeCount": 3}
		}, &specClusterIDResponse{}, func(o any) { vip = o.(*specClusterIDResponse).ClusterId }},
		{"CreateRocketMQVipInstance", func() map[string]any {
			return map[string]any{"Name": "shape-general", "Spec": "rocket-vip-basic-0", "StorageSize": 200, "ZoneIds": []string{"100003"},
				"VpcInfo": map[string]any{"VpcId": "vpc-abcd1234", "SubnetId": "subnet-abcd1234"}, "TimeSpan": 1, "GeneralSkuCode": "general-basic"}
		}, &specClusterIDResponse{}, func(o any) { general = o.(*specClusterIDResponse).ClusterId }},
		{"DescribeRocketMQCluster", func() map[string]any { return map[string]any{"ClusterId": cluster} }, &specDescribeClusterResponse{}, func(o any) {
			r := o.(*specDescribeClusterResponse)
			assert.Equal(t, "shape-cluster", r.ClusterInfo.ClusterName)
			assert.Equal(t, uint64(150), r.ClusterConfig.MaxTopicNum)
		}},
		{"DescribeRocketMQClusters", func() map[string]any { return map[string]any{"Offset": 0, "Limit": 10} }, &specDescribeClustersResponse{}, func(o any) {
			assert.Equal(t, uint64(3), o.(*specDescribeClustersResponse).TotalCount)
		}},
		{"ModifyRocketMQCluster", func() map[string]any { return map[string]any{"ClusterId": cluster, "Remark": "changed"} }, &specEmpty{}, nil},
		{"DescribeRocketMQVipInstances", func() map[string]any { return map[string]any{} }, &specDescribeVipInstancesResponse{}, func(o any) {
			assert.Equal(t, uint64(2), o.(*specDescribeVipInstancesResponse).TotalCount)
		}},
		{"DescribeRocketMQVipInstanceDetail", func() map[string]any { return map[string]any{"ClusterId": vip} }, &specDescribeVipInstanceDetailResponse{}, func(o any) {
			r := o.(*specDescribeVipInstanceDetailResponse)
			assert.True(t, r.ClusterInfo.IsVip)
			assert.Equal(t, []int64{100003, 100004}, r.ClusterInfo.ZoneIds)
			assert.Equal(t, uint64(3), r.InstanceConfig.NodeCount)
		}},
		{"ModifyRocketMQInstance", func() map[string]any {
			return map[string]any{"InstanceId": vip, "Remark": "vip", "MessageRetention": 48}
		}, &specEmpty{}, nil},
		{"CreateRocketMQNamespace", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Remark": "n"} }, &specEmpty{}, nil},
		{"DescribeRocketMQNamespaces", func() map[string]any { return map[string]any{"ClusterId": cluster, "Offset": 0, "Limit": 20} }, &specDescribeNamespacesResponse{}, func(o any) {
			assert.Equal(t, uint64(1), o.(*specDescribeNamespacesResponse).TotalCount)
		}},
		{"ModifyRocketMQNamespace", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Remark": "m"} }, &specEmpty{}, nil},
		{"CreateRocketMQTopic", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespaces": []string{ns}, "Topic": "orders-v1", "Type": "Normal", "PartitionNum": 2}
		}, &specEmpty{}, nil},
		{"CreateRocketMQTopicV2", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespace": ns, "Topic": topic, "Type": "PartitionedOrder", "TagList": []map[string]any{{"TagKey": "team", "TagValue": "a"}}}
		}, &specEmpty{}, nil},
		{"DescribeRocketMQTopics", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Offset": 0, "Limit": 20}
		}, &specDescribeTopicsResponse{}, func(o any) {
			assert.Equal(t, uint64(2), o.(*specDescribeTopicsResponse).TotalCount)
		}},
		{"DescribeRocketMQTopic", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "TopicName": topic}
		}, &specDescribeTopicResponse{}, func(o any) {
			r := o.(*specDescribeTopicResponse)
			assert.Equal(t, "PartitionedOrder", r.Topic.Type)
			assert.Equal(t, []specTag{{"team", "a"}}, r.Topic.TagList)
		}},
		{"ModifyRocketMQTopic", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Topic": topic, "Remark": "more", "PartitionNum": 4}
		}, &specEmpty{}, nil},
		{"CreateRocketMQGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespaces": []string{ns}, "GroupId": "group-v1", "ReadEnable": true, "BroadcastEnable": true}
		}, &specEmpty{}, nil},
		{"CreateRocketMQGroupV2", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespace": ns, "GroupId": group, "ReadEnable": true, "BroadcastEnable": false, "GroupType": "HTTP", "RetryMaxTimes": 3}
		}, &specEmpty{}, nil},
		{"DescribeRocketMQGroups", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Offset": 0, "Limit": 20}
		}, &specDescribeGroupsResponse{}, func(o any) {
			r := o.(*specDescribeGroupsResponse)
			require.Len(t, r.Groups, 2)
			assert.Equal(t, int64(1), r.Groups[0].ConsumptionMode, "group-v1 is broadcast")
			assert.Equal(t, uint64(3), r.Groups[1].RetryMaxTimes)
		}},
		{"ModifyRocketMQGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group, "ReadEnable": false}
		}, &specEmpty{}, nil},
		{"DescribeRocketMQConsumeStats", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "ConsumerGroup": group}
		}, &specConsumeStatsResponse{}, nil},
		{"DescribeRocketMQConsumerConnections", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group, "Offset": 0, "Limit": 10}
		}, &specConsumerConnectionsResponse{}, func(o any) {
			assert.False(t, o.(*specConsumerConnectionsResponse).GroupDetail.ReadEnabled)
		}},
		{"ResetRocketMQConsumerOffSet", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group, "Type": 1, "ResetTimestamp": 1704067200000, "Topic": topic}
		}, &specEmpty{}, nil},
		{"DescribeRocketMQSubscriptions", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespace": ns, "Group": group, "Offset": 0, "Limit": 10}
		}, &specSubscriptionsResponse{}, nil},
		{"DescribeRocketMQTopicsByGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group}
		}, &specTopicsByGroupResponse{}, nil},
		{"CreateRocketMQRole", func() map[string]any { return map[string]any{"ClusterId": cluster, "RoleName": role, "Remark": "w"} }, &specCreateRoleResponse{}, func(o any) {
			assert.NotEmpty(t, o.(*specCreateRoleResponse).Token)
		}},
		{"DescribeRocketMQRoles", func() map[string]any { return map[string]any{"ClusterId": cluster, "Offset": 0, "Limit": 10} }, &specDescribeRolesResponse{}, func(o any) {
			assert.Equal(t, int64(1), o.(*specDescribeRolesResponse).TotalCount)
		}},
		{"ModifyRocketMQRole", func() map[string]any { return map[string]any{"ClusterId": cluster, "RoleName": role, "Remark": "w2"} }, &specModifyRoleResponse{}, func(o any) {
			assert.Equal(t, "w2", o.(*specModifyRoleResponse).Remark)
		}},
		{"CreateRocketMQEnvironmentRole", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "RoleName": role, "Permissions": []string{"produce"}}
		}, &specEmpty{}, nil},
		{"ModifyRocketMQEnvironmentRole", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "RoleName": role, "Permissions": []string{"produce", "consume"}}
		}, &specEmpty{}, nil},
		{"DescribeRocketMQEnvironmentRoles", func() map[string]any { return map[string]any{"ClusterId": cluster} }, &specDescribeEnvironmentRolesResponse{}, func(o any) {
			r := o.(*specDescribeEnvironmentRolesResponse)
			require.Len(t, r.EnvironmentRoleSets, 1)
			assert.Equal(t, []string{"produce", "consume"}, r.EnvironmentRoleSets[0].Permissions)
			assert.Equal(t, "w2", r.EnvironmentRoleSets[0].RoleDescribe)
		}},
		{"SendRocketMQMessage", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "TopicName": topic, "MsgBody": "hello", "MsgKey": "k1", "MsgTag": "t1"}
		}, &specSendMessageResponse{}, func(o any) {
			r := o.(*specSendMessageResponse)
			assert.True(t, r.Result)
			assert.Regexp(t, `^[0-9A-F]{32}$`, r.MsgId)
			msgID = r.MsgId
		}},
		{"DescribeRocketMQMsg", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "TopicName": topic, "MsgId": msgID, "PulsarMsgId": ""}
		}, &specDescribeMsgResponse{}, func(o any) {
			assert.Equal(t, "hello", o.(*specDescribeMsgResponse).Body)
		}},
		{"DescribeRocketMQTopicMsgs", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "TopicName": topic, "StartTime": "2000-01-01 00:00:00", "EndTime": "2100-01-01 00:00:00"}
		}, &specTopicMsgsResponse{}, func(o any) {
			r := o.(*specTopicMsgsResponse)
			assert.Equal(t, uint64(1), r.TotalCount)
			assert.NotEmpty(t, r.TaskRequestId)
		}},
		{"DescribeRocketMQMsgTrace", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "TopicName": topic, "MsgId": msgID}
		}, &specMsgTraceResponse{}, func(o any) {
			assert.Len(t, o.(*specMsgTraceResponse).Result, 3)
		}},
		{"DescribeRocketMQTopicStats", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "TopicName": topic}
		}, &specTopicStatsResponse{}, func(o any) {
			r := o.(*specTopicStatsResponse)
			require.Len(t, r.TopicStatsList, 4)
			assert.Equal(t, int64(1), r.TopicStatsList[0].MessageCount)
		}},
		{"DescribeRocketMQProducers", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Topic": topic, "Offset": 0, "Limit": 10}
		}, &specProducersResponse{}, nil},
		{"DeleteRocketMQEnvironmentRoles", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "RoleNames": []string{role}}
		}, &specEmpty{}, nil},
		{"DeleteRocketMQRoles", func() map[string]any { return map[string]any{"ClusterId": cluster, "RoleNames": []string{role}} }, &specDeleteRolesResponse{}, func(o any) {
			assert.Equal(t, []string{role}, o.(*specDeleteRolesResponse).RoleNames)
		}},
		{"DeleteRocketMQGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group}
		}, &specEmpty{}, nil},
		{"DeleteRocketMQTopic", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Topic": topic} }, &specEmpty{}, nil},
		{"DeleteRocketMQNamespace", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns} }, &specEmpty{}, nil},
		{"DeleteRocketMQCluster", func() map[string]any { return map[string]any{"ClusterId": cluster} }, &specEmpty{}, nil},
		{"DeleteRocketMQVipInstance", func() map[string]any { return map[string]any{"ClusterId": general} }, &specEmpty{}, nil},
	}
	for _, s := range steps {
		if !t.Run(s.action, func(t *testing.T) {
			c.t = t
			c.ok(s.action, s.params(), s.out)
			if s.check != nil {
				s.check(s.out)
			}
		}) {
			t.FailNow()
		}
	}
}
