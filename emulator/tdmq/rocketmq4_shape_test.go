package tdmq_test

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
	_, c := start4(t)
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
		}, &s4ClusterIDResponse{}, func(o any) { cluster = o.(*s4ClusterIDResponse).ClusterId }},
		{"CreateRocketMQVipInstance", func() map[string]any {
			return map[string]any{"Name": "shape-vip", "Spec": "rocket-vip-basic-1", "StorageSize": 200, "ZoneIds": []string{"100003", "100004"},
				"VpcInfo": map[string]any{"VpcId": "vpc-abcd1234", "SubnetId": "subnet-abcd1234"}, "TimeSpan": 1, "NodeCount": 3}
		}, &s4ClusterIDResponse{}, func(o any) { vip = o.(*s4ClusterIDResponse).ClusterId }},
		{"CreateRocketMQVipInstance", func() map[string]any {
			return map[string]any{"Name": "shape-general", "Spec": "rocket-vip-basic-0", "StorageSize": 200, "ZoneIds": []string{"100003"},
				"VpcInfo": map[string]any{"VpcId": "vpc-abcd1234", "SubnetId": "subnet-abcd1234"}, "TimeSpan": 1, "GeneralSkuCode": "general-basic"}
		}, &s4ClusterIDResponse{}, func(o any) { general = o.(*s4ClusterIDResponse).ClusterId }},
		{"DescribeRocketMQCluster", func() map[string]any { return map[string]any{"ClusterId": cluster} }, &s4DescribeClusterResponse{}, func(o any) {
			r := o.(*s4DescribeClusterResponse)
			assert.Equal(t, "shape-cluster", r.ClusterInfo.ClusterName)
			assert.Equal(t, uint64(150), r.ClusterConfig.MaxTopicNum)
		}},
		{"DescribeRocketMQClusters", func() map[string]any { return map[string]any{"Offset": 0, "Limit": 10} }, &s4DescribeClustersResponse{}, func(o any) {
			assert.Equal(t, uint64(3), o.(*s4DescribeClustersResponse).TotalCount)
		}},
		{"ModifyRocketMQCluster", func() map[string]any { return map[string]any{"ClusterId": cluster, "Remark": "changed"} }, &s4Empty{}, nil},
		{"DescribeRocketMQVipInstances", func() map[string]any { return map[string]any{} }, &s4DescribeVipInstancesResponse{}, func(o any) {
			assert.Equal(t, uint64(2), o.(*s4DescribeVipInstancesResponse).TotalCount)
		}},
		{"DescribeRocketMQVipInstanceDetail", func() map[string]any { return map[string]any{"ClusterId": vip} }, &s4DescribeVipInstanceDetailResponse{}, func(o any) {
			r := o.(*s4DescribeVipInstanceDetailResponse)
			assert.True(t, r.ClusterInfo.IsVip)
			assert.Equal(t, []int64{100003, 100004}, r.ClusterInfo.ZoneIds)
			assert.Equal(t, uint64(3), r.InstanceConfig.NodeCount)
		}},
		{"ModifyRocketMQInstance", func() map[string]any {
			return map[string]any{"InstanceId": vip, "Remark": "vip", "MessageRetention": 48}
		}, &s4Empty{}, nil},
		{"CreateRocketMQNamespace", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Remark": "n"} }, &s4Empty{}, nil},
		{"DescribeRocketMQNamespaces", func() map[string]any { return map[string]any{"ClusterId": cluster, "Offset": 0, "Limit": 20} }, &s4DescribeNamespacesResponse{}, func(o any) {
			assert.Equal(t, uint64(1), o.(*s4DescribeNamespacesResponse).TotalCount)
		}},
		{"ModifyRocketMQNamespace", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Remark": "m"} }, &s4Empty{}, nil},
		{"CreateRocketMQTopic", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespaces": []string{ns}, "Topic": "orders-v1", "Type": "Normal", "PartitionNum": 2}
		}, &s4Empty{}, nil},
		{"CreateRocketMQTopicV2", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespace": ns, "Topic": topic, "Type": "PartitionedOrder", "TagList": []map[string]any{{"TagKey": "team", "TagValue": "a"}}}
		}, &s4Empty{}, nil},
		{"DescribeRocketMQTopics", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Offset": 0, "Limit": 20}
		}, &s4DescribeTopicsResponse{}, func(o any) {
			assert.Equal(t, uint64(2), o.(*s4DescribeTopicsResponse).TotalCount)
		}},
		{"DescribeRocketMQTopic", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "TopicName": topic}
		}, &s4DescribeTopicResponse{}, func(o any) {
			r := o.(*s4DescribeTopicResponse)
			assert.Equal(t, "PartitionedOrder", r.Topic.Type)
			assert.Equal(t, []s4Tag{{"team", "a"}}, r.Topic.TagList)
		}},
		{"ModifyRocketMQTopic", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Topic": topic, "Remark": "more", "PartitionNum": 4}
		}, &s4Empty{}, nil},
		{"CreateRocketMQGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespaces": []string{ns}, "GroupId": "group-v1", "ReadEnable": true, "BroadcastEnable": true}
		}, &s4Empty{}, nil},
		{"CreateRocketMQGroupV2", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespace": ns, "GroupId": group, "ReadEnable": true, "BroadcastEnable": false, "GroupType": "HTTP", "RetryMaxTimes": 3}
		}, &s4Empty{}, nil},
		{"DescribeRocketMQGroups", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Offset": 0, "Limit": 20}
		}, &s4DescribeGroupsResponse{}, func(o any) {
			r := o.(*s4DescribeGroupsResponse)
			require.Len(t, r.Groups, 2)
			assert.Equal(t, int64(1), r.Groups[0].ConsumptionMode, "group-v1 is broadcast")
			assert.Equal(t, uint64(3), r.Groups[1].RetryMaxTimes)
		}},
		{"ModifyRocketMQGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group, "ReadEnable": false}
		}, &s4Empty{}, nil},
		{"DescribeRocketMQConsumeStats", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "ConsumerGroup": group}
		}, &s4ConsumeStatsResponse{}, nil},
		{"DescribeRocketMQConsumerConnections", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group, "Offset": 0, "Limit": 10}
		}, &s4ConsumerConnectionsResponse{}, func(o any) {
			assert.False(t, o.(*s4ConsumerConnectionsResponse).GroupDetail.ReadEnabled)
		}},
		{"ResetRocketMQConsumerOffSet", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group, "Type": 1, "ResetTimestamp": 1704067200000, "Topic": topic}
		}, &s4Empty{}, nil},
		{"DescribeRocketMQSubscriptions", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "Namespace": ns, "Group": group, "Offset": 0, "Limit": 10}
		}, &s4SubscriptionsResponse{}, nil},
		{"DescribeRocketMQTopicsByGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group}
		}, &s4TopicsByGroupResponse{}, nil},
		{"CreateRocketMQRole", func() map[string]any { return map[string]any{"ClusterId": cluster, "RoleName": role, "Remark": "w"} }, &s4CreateRoleResponse{}, func(o any) {
			assert.NotEmpty(t, o.(*s4CreateRoleResponse).Token)
		}},
		{"DescribeRocketMQRoles", func() map[string]any { return map[string]any{"ClusterId": cluster, "Offset": 0, "Limit": 10} }, &s4DescribeRolesResponse{}, func(o any) {
			assert.Equal(t, int64(1), o.(*s4DescribeRolesResponse).TotalCount)
		}},
		{"ModifyRocketMQRole", func() map[string]any { return map[string]any{"ClusterId": cluster, "RoleName": role, "Remark": "w2"} }, &s4ModifyRoleResponse{}, func(o any) {
			assert.Equal(t, "w2", o.(*s4ModifyRoleResponse).Remark)
		}},
		{"CreateRocketMQEnvironmentRole", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "RoleName": role, "Permissions": []string{"produce"}}
		}, &s4Empty{}, nil},
		{"ModifyRocketMQEnvironmentRole", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "RoleName": role, "Permissions": []string{"produce", "consume"}}
		}, &s4Empty{}, nil},
		{"DescribeRocketMQEnvironmentRoles", func() map[string]any { return map[string]any{"ClusterId": cluster} }, &s4DescribeEnvironmentRolesResponse{}, func(o any) {
			r := o.(*s4DescribeEnvironmentRolesResponse)
			require.Len(t, r.EnvironmentRoleSets, 1)
			assert.Equal(t, []string{"produce", "consume"}, r.EnvironmentRoleSets[0].Permissions)
			assert.Equal(t, "w2", r.EnvironmentRoleSets[0].RoleDescribe)
		}},
		{"SendRocketMQMessage", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "TopicName": topic, "MsgBody": "hello", "MsgKey": "k1", "MsgTag": "t1"}
		}, &s4SendMessageResponse{}, func(o any) {
			r := o.(*s4SendMessageResponse)
			assert.True(t, r.Result)
			assert.Regexp(t, `^[0-9A-F]{32}$`, r.MsgId)
			msgID = r.MsgId
		}},
		{"DescribeRocketMQMsg", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "TopicName": topic, "MsgId": msgID, "PulsarMsgId": ""}
		}, &s4DescribeMsgResponse{}, func(o any) {
			assert.Equal(t, "hello", o.(*s4DescribeMsgResponse).Body)
		}},
		{"DescribeRocketMQTopicMsgs", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "TopicName": topic, "StartTime": "2000-01-01 00:00:00", "EndTime": "2100-01-01 00:00:00"}
		}, &s4TopicMsgsResponse{}, func(o any) {
			r := o.(*s4TopicMsgsResponse)
			assert.Equal(t, uint64(1), r.TotalCount)
			assert.NotEmpty(t, r.TaskRequestId)
		}},
		{"DescribeRocketMQMsgTrace", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "TopicName": topic, "MsgId": msgID}
		}, &s4MsgTraceResponse{}, func(o any) {
			assert.Len(t, o.(*s4MsgTraceResponse).Result, 3)
		}},
		{"DescribeRocketMQTopicStats", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "TopicName": topic}
		}, &s4TopicStatsResponse{}, func(o any) {
			r := o.(*s4TopicStatsResponse)
			require.Len(t, r.TopicStatsList, 4)
			assert.Equal(t, int64(1), r.TopicStatsList[0].MessageCount)
		}},
		{"DescribeRocketMQProducers", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Topic": topic, "Offset": 0, "Limit": 10}
		}, &s4ProducersResponse{}, nil},
		{"DeleteRocketMQEnvironmentRoles", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "EnvironmentId": ns, "RoleNames": []string{role}}
		}, &s4Empty{}, nil},
		{"DeleteRocketMQRoles", func() map[string]any { return map[string]any{"ClusterId": cluster, "RoleNames": []string{role}} }, &s4DeleteRolesResponse{}, func(o any) {
			assert.Equal(t, []string{role}, o.(*s4DeleteRolesResponse).RoleNames)
		}},
		{"DeleteRocketMQGroup", func() map[string]any {
			return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "GroupId": group}
		}, &s4Empty{}, nil},
		{"DeleteRocketMQTopic", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns, "Topic": topic} }, &s4Empty{}, nil},
		{"DeleteRocketMQNamespace", func() map[string]any { return map[string]any{"ClusterId": cluster, "NamespaceId": ns} }, &s4Empty{}, nil},
		{"DeleteRocketMQCluster", func() map[string]any { return map[string]any{"ClusterId": cluster} }, &s4Empty{}, nil},
		{"DeleteRocketMQVipInstance", func() map[string]any { return map[string]any{"ClusterId": general} }, &s4Empty{}, nil},
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
