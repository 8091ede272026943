package rocketmq_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

// Messages of the codes below, written out from tdmq.md's glosses and seed
// 003 (not read from the catalogue), so a changed message fails here.
const (
	msgNotFound          = "The resource does not exist."
	msgClusterNotFound   = "Cluster does not exist"
	msgInstanceNotFound  = "Instance does not exist"
	msgNamespaceNotFound = "Namespace does not exist"
	msgEnvNotFound       = "Environment does not exist"
	msgTopicNotFound     = "Topic does not exist"
	msgRoleNotFound      = "Role does not exist"
	msgEnvRoleNotFound   = "Environment role does not exist"
	msgInUse             = "Resource is in use."
	msgRoleInUse         = "Role already exists"
	msgEnvRoleInUse      = "Environment role already exists"
	msgLimit             = "Quota limit exceeded."
	msgClusterLimit      = "Number of clusters under the instance exceeds the limit"
	msgNotReady          = "Instance not ready yet, retry later"
	msgRolesBound        = "Associated role data must be removed first"
	msgPartition         = "Wrong partition count"
	msgInvalidParams     = "Parameter value out of the allowed range"
	msgNeedMore          = "Required parameter not passed"
	msgBadParam          = "Incorrect parameter."
	msgBadValue          = "Invalid parameter value."
	msgMissing           = "A parameter is missing."
	msgUnsupported       = "Unsupported operation."
	msgFailed            = "Operation failed."
)

type rule struct {
	name, action string
	params       map[string]any
	code, msg    string
}

func runRules(t *testing.T, c *client, rows []rule) {
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c.t = t
			c.fail(r.action, r.params, r.code, r.msg)
		})
	}
}

// TestRocketMQ4NotFound is tdmq.md §4's "unknown cluster / namespace /
// topic / group / role" rows: each action answers the code its SDK error
// list names.
func TestRocketMQ4NotFound(t *testing.T) {
	_, c := start(t)
	f := c.fixture()
	vip := "rocketmq-000000000000"
	cl, ns, tp, gr := f.cluster, f.ns, f.topic, f.group
	const nope = "rocketmq-nope00000000"
	rows := []rule{
		// Unknown cluster.
		{"cluster/DescribeRocketMQCluster", "DescribeRocketMQCluster", map[string]any{"ClusterId": nope}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ModifyRocketMQCluster", "ModifyRocketMQCluster", map[string]any{"ClusterId": nope}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DeleteRocketMQCluster", "DeleteRocketMQCluster", map[string]any{"ClusterId": nope}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/CreateRocketMQNamespace", "CreateRocketMQNamespace", map[string]any{"ClusterId": nope, "NamespaceId": "abc"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQNamespaces", "DescribeRocketMQNamespaces", map[string]any{"ClusterId": nope, "Offset": 0, "Limit": 1}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ModifyRocketMQNamespace", "ModifyRocketMQNamespace", map[string]any{"ClusterId": nope, "NamespaceId": ns}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DeleteRocketMQNamespace", "DeleteRocketMQNamespace", map[string]any{"ClusterId": nope, "NamespaceId": ns}, "ResourceNotFound", msgNotFound},
		{"cluster/CreateRocketMQTopic", "CreateRocketMQTopic", map[string]any{"ClusterId": nope, "Namespaces": []string{ns}, "Topic": "abc", "Type": "Normal"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/CreateRocketMQTopicV2", "CreateRocketMQTopicV2", map[string]any{"ClusterId": nope, "Namespace": ns, "Topic": "abc", "Type": "Normal"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQTopics", "DescribeRocketMQTopics", map[string]any{"ClusterId": nope, "NamespaceId": ns, "Offset": 0, "Limit": 1}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQTopic", "DescribeRocketMQTopic", map[string]any{"ClusterId": nope, "NamespaceId": ns, "TopicName": tp}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ModifyRocketMQTopic", "ModifyRocketMQTopic", map[string]any{"ClusterId": nope, "NamespaceId": ns, "Topic": tp, "Remark": ""}, "ResourceNotFound", msgNotFound},
		{"cluster/DeleteRocketMQTopic", "DeleteRocketMQTopic", map[string]any{"ClusterId": nope, "NamespaceId": ns, "Topic": tp}, "ResourceNotFound", msgNotFound},
		{"cluster/DescribeRocketMQTopicsByGroup", "DescribeRocketMQTopicsByGroup", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupId": gr}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQTopicStats", "DescribeRocketMQTopicStats", map[string]any{"ClusterId": nope, "NamespaceId": ns, "TopicName": tp}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/CreateRocketMQGroup", "CreateRocketMQGroup", map[string]any{"ClusterId": nope, "Namespaces": []string{ns}, "GroupId": "abc", "ReadEnable": true, "BroadcastEnable": false}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/CreateRocketMQGroupV2", "CreateRocketMQGroupV2", map[string]any{"ClusterId": nope, "Namespace": ns, "GroupId": "abc", "ReadEnable": true, "BroadcastEnable": false}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQGroups", "DescribeRocketMQGroups", map[string]any{"ClusterId": nope, "NamespaceId": ns, "Offset": 0, "Limit": 1}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ModifyRocketMQGroup", "ModifyRocketMQGroup", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupId": gr}, "ResourceNotFound", msgNotFound},
		{"cluster/DeleteRocketMQGroup", "DeleteRocketMQGroup", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupId": gr}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQConsumeStats", "DescribeRocketMQConsumeStats", map[string]any{"ClusterId": nope, "NamespaceId": ns, "ConsumerGroup": gr}, "ResourceNotFound", msgNotFound},
		{"cluster/DescribeRocketMQConsumerConnections", "DescribeRocketMQConsumerConnections", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupId": gr, "Offset": 0, "Limit": 1}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ResetRocketMQConsumerOffSet", "ResetRocketMQConsumerOffSet", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupId": gr, "Type": 0}, "ResourceNotFound", msgNotFound},
		{"cluster/DescribeRocketMQSubscriptions", "DescribeRocketMQSubscriptions", map[string]any{"ClusterId": nope, "Namespace": ns, "Group": gr, "Offset": 0, "Limit": 1}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/CreateRocketMQRole", "CreateRocketMQRole", map[string]any{"ClusterId": nope, "RoleName": "r"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQRoles", "DescribeRocketMQRoles", map[string]any{"ClusterId": nope, "Offset": 0, "Limit": 10}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ModifyRocketMQRole", "ModifyRocketMQRole", map[string]any{"ClusterId": nope, "RoleName": f.role}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DeleteRocketMQRoles", "DeleteRocketMQRoles", map[string]any{"ClusterId": nope, "RoleNames": []string{f.role}}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/CreateRocketMQEnvironmentRole", "CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": nope, "EnvironmentId": ns, "RoleName": f.role, "Permissions": []string{"produce"}}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQEnvironmentRoles", "DescribeRocketMQEnvironmentRoles", map[string]any{"ClusterId": nope}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/ModifyRocketMQEnvironmentRole", "ModifyRocketMQEnvironmentRole", map[string]any{"ClusterId": nope, "EnvironmentId": ns, "RoleName": f.role, "Permissions": []string{"produce"}}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DeleteRocketMQEnvironmentRoles", "DeleteRocketMQEnvironmentRoles", map[string]any{"ClusterId": nope, "EnvironmentId": ns, "RoleNames": []string{f.role}}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/SendRocketMQMessage", "SendRocketMQMessage", map[string]any{"ClusterId": nope, "NamespaceId": ns, "TopicName": tp, "MsgBody": "x"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQMsg", "DescribeRocketMQMsg", map[string]any{"ClusterId": nope, "EnvironmentId": ns, "TopicName": tp, "MsgId": "x", "PulsarMsgId": ""}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQTopicMsgs", "DescribeRocketMQTopicMsgs", map[string]any{"ClusterId": nope, "EnvironmentId": ns, "TopicName": tp, "StartTime": "2024-01-01 00:00:00", "EndTime": "2024-01-02 00:00:00"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQMsgTrace", "DescribeRocketMQMsgTrace", map[string]any{"ClusterId": nope, "EnvironmentId": ns, "TopicName": tp, "MsgId": "x"}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/RetryRocketMQDlqMessage", "RetryRocketMQDlqMessage", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupName": gr, "MessageIds": []string{"x"}}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/VerifyRocketMQConsume", "VerifyRocketMQConsume", map[string]any{"ClusterId": nope, "NamespaceId": ns, "GroupId": gr, "MsgId": "x", "TopicName": tp}, "ResourceNotFound.Cluster", msgClusterNotFound},
		{"cluster/DescribeRocketMQProducers", "DescribeRocketMQProducers", map[string]any{"ClusterId": nope, "NamespaceId": ns, "Topic": tp, "Offset": 0, "Limit": 1}, "ResourceNotFound.Instance", msgInstanceNotFound},
		{"instance/DescribeRocketMQVipInstanceDetail", "DescribeRocketMQVipInstanceDetail", map[string]any{"ClusterId": vip}, "ResourceNotFound.Instance", msgInstanceNotFound},
		{"instance/ModifyRocketMQInstance", "ModifyRocketMQInstance", map[string]any{"InstanceId": vip}, "ResourceNotFound.Instance", msgInstanceNotFound},
		{"instance/DeleteRocketMQVipInstance", "DeleteRocketMQVipInstance", map[string]any{"ClusterId": vip}, "ResourceNotFound.Instance", msgInstanceNotFound},
		{"instance/virtual cluster is no instance", "DescribeRocketMQVipInstanceDetail", map[string]any{"ClusterId": cl}, "ResourceNotFound.Instance", msgInstanceNotFound},

		// Unknown namespace.
		{"namespace/CreateRocketMQTopic", "CreateRocketMQTopic", map[string]any{"ClusterId": cl, "Namespaces": []string{"nope"}, "Topic": "abc", "Type": "Normal"}, "ResourceNotFound.Namespace", msgNamespaceNotFound},
		{"namespace/CreateRocketMQTopicV2", "CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "nope", "Topic": "abc", "Type": "Normal"}, "ResourceNotFound.Namespace", msgNamespaceNotFound},
		{"namespace/CreateRocketMQGroupV2", "CreateRocketMQGroupV2", map[string]any{"ClusterId": cl, "Namespace": "nope", "GroupId": "abc", "ReadEnable": true, "BroadcastEnable": false}, "ResourceNotFound.Namespace", msgNamespaceNotFound},
		{"namespace/DescribeRocketMQTopics", "DescribeRocketMQTopics", map[string]any{"ClusterId": cl, "NamespaceId": "nope", "Offset": 0, "Limit": 1}, "ResourceNotFound", msgNotFound},
		{"namespace/ModifyRocketMQNamespace", "ModifyRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "nope"}, "ResourceNotFound", msgNotFound},
		{"namespace/DeleteRocketMQNamespace", "DeleteRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "nope"}, "ResourceNotFound", msgNotFound},
		{"namespace/CreateRocketMQEnvironmentRole", "CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": cl, "EnvironmentId": "nope", "RoleName": f.role, "Permissions": []string{"produce"}}, "ResourceNotFound.Environment", msgEnvNotFound},
		{"namespace/DescribeRocketMQEnvironmentRoles", "DescribeRocketMQEnvironmentRoles", map[string]any{"ClusterId": cl, "EnvironmentId": "nope"}, "ResourceNotFound.Environment", msgEnvNotFound},
		{"namespace/DescribeRocketMQProducers", "DescribeRocketMQProducers", map[string]any{"ClusterId": cl, "NamespaceId": "nope", "Topic": tp, "Offset": 0, "Limit": 1}, "ResourceNotFound.Namspace", msgNamespaceNotFound},

		// Unknown topic.
		{"topic/DescribeRocketMQTopic", "DescribeRocketMQTopic", map[string]any{"ClusterId": cl, "NamespaceId": ns, "TopicName": "nope"}, "ResourceNotFound.Topic", msgTopicNotFound},
		{"topic/SendRocketMQMessage", "SendRocketMQMessage", map[string]any{"ClusterId": cl, "NamespaceId": ns, "TopicName": "nope", "MsgBody": "x"}, "ResourceNotFound.Topic", msgTopicNotFound},
		{"topic/DescribeRocketMQProducers", "DescribeRocketMQProducers", map[string]any{"ClusterId": cl, "NamespaceId": ns, "Topic": "nope", "Offset": 0, "Limit": 1}, "ResourceNotFound.Topic", msgTopicNotFound},
		{"topic/ModifyRocketMQTopic", "ModifyRocketMQTopic", map[string]any{"ClusterId": cl, "NamespaceId": ns, "Topic": "nope", "Remark": ""}, "ResourceNotFound", msgNotFound},
		{"topic/DeleteRocketMQTopic", "DeleteRocketMQTopic", map[string]any{"ClusterId": cl, "NamespaceId": ns, "Topic": "nope"}, "ResourceNotFound", msgNotFound},
		{"topic/DescribeRocketMQTopicStats", "DescribeRocketMQTopicStats", map[string]any{"ClusterId": cl, "NamespaceId": ns, "TopicName": "nope"}, "ResourceNotFound", msgNotFound},
		{"message/DescribeRocketMQMsg", "DescribeRocketMQMsg", map[string]any{"ClusterId": cl, "EnvironmentId": ns, "TopicName": tp, "MsgId": "7F00000100002A9F0000000000000099", "PulsarMsgId": ""}, "ResourceNotFound", msgNotFound},
		{"message/DescribeRocketMQMsgTrace", "DescribeRocketMQMsgTrace", map[string]any{"ClusterId": cl, "EnvironmentId": ns, "TopicName": tp, "MsgId": "nope"}, "ResourceNotFound", msgNotFound},

		// Unknown group.
		{"group/ModifyRocketMQGroup", "ModifyRocketMQGroup", map[string]any{"ClusterId": cl, "NamespaceId": ns, "GroupId": "nope"}, "ResourceNotFound", msgNotFound},
		{"group/DeleteRocketMQGroup", "DeleteRocketMQGroup", map[string]any{"ClusterId": cl, "NamespaceId": ns, "GroupId": "nope"}, "ResourceNotFound", msgNotFound},
		{"group/DescribeRocketMQConsumeStats", "DescribeRocketMQConsumeStats", map[string]any{"ClusterId": cl, "NamespaceId": ns, "ConsumerGroup": "nope"}, "ResourceNotFound", msgNotFound},
		{"group/ResetRocketMQConsumerOffSet", "ResetRocketMQConsumerOffSet", map[string]any{"ClusterId": cl, "NamespaceId": ns, "GroupId": "nope", "Type": 0}, "ResourceNotFound", msgNotFound},
		{"group/DescribeRocketMQSubscriptions", "DescribeRocketMQSubscriptions", map[string]any{"ClusterId": cl, "Namespace": ns, "Group": "nope", "Offset": 0, "Limit": 1}, "ResourceNotFound", msgNotFound},
		{"group/RetryRocketMQDlqMessage", "RetryRocketMQDlqMessage", map[string]any{"ClusterId": cl, "NamespaceId": ns, "GroupName": "nope", "MessageIds": []string{"x"}}, "ResourceNotFound", msgNotFound},

		// Unknown role and binding.
		{"role/ModifyRocketMQRole", "ModifyRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "nope"}, "ResourceNotFound.Role", msgRoleNotFound},
		{"role/DeleteRocketMQRoles", "DeleteRocketMQRoles", map[string]any{"ClusterId": cl, "RoleNames": []string{f.role, "nope"}}, "ResourceNotFound.Role", msgRoleNotFound},
		{"role/CreateRocketMQEnvironmentRole", "CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": cl, "EnvironmentId": ns, "RoleName": "nope", "Permissions": []string{"produce"}}, "ResourceNotFound.Role", msgRoleNotFound},
		{"role/DescribeRocketMQEnvironmentRoles", "DescribeRocketMQEnvironmentRoles", map[string]any{"ClusterId": cl, "RoleName": "nope"}, "ResourceNotFound.Role", msgRoleNotFound},
		{"binding/ModifyRocketMQEnvironmentRole", "ModifyRocketMQEnvironmentRole", map[string]any{"ClusterId": cl, "EnvironmentId": ns, "RoleName": f.role, "Permissions": []string{"produce"}}, "ResourceNotFound.EnvironmentRole", msgEnvRoleNotFound},
		{"binding/DeleteRocketMQEnvironmentRoles", "DeleteRocketMQEnvironmentRoles", map[string]any{"ClusterId": cl, "EnvironmentId": ns, "RoleNames": []string{f.role}}, "ResourceNotFound.EnvironmentRole", msgEnvRoleNotFound},
	}
	runRules(t, c, rows)
	c.t = t
	// The failed batch delete removed nothing.
	var roles specDescribeRolesResponse
	c.ok("DescribeRocketMQRoles", map[string]any{"ClusterId": cl, "Offset": 0, "Limit": 10}, &roles)
	assert.Equal(t, int64(1), roles.TotalCount)
}

// TestRocketMQ4Duplicates is §4's "create with an existing name" row.
func TestRocketMQ4Duplicates(t *testing.T) {
	_, c := start(t)
	f := c.fixture()
	c.ok("CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "RoleName": f.role, "Permissions": []string{"produce"}}, nil)
	rows := []rule{
		{"cluster", "CreateRocketMQCluster", map[string]any{"Name": "fixture-cluster"}, "ResourceInUse", msgInUse},
		{"namespace", "CreateRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns}, "ResourceInUse", msgInUse},
		{"topic", "CreateRocketMQTopic", map[string]any{"ClusterId": f.cluster, "Namespaces": []string{f.ns}, "Topic": f.topic, "Type": "Normal"}, "ResourceInUse", msgInUse},
		{"topicV2", "CreateRocketMQTopicV2", map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "Topic": f.topic, "Type": "Normal"}, "ResourceInUse", msgInUse},
		{"group", "CreateRocketMQGroup", map[string]any{"ClusterId": f.cluster, "Namespaces": []string{f.ns}, "GroupId": f.group, "ReadEnable": true, "BroadcastEnable": false}, "ResourceInUse", msgInUse},
		{"groupV2", "CreateRocketMQGroupV2", map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "GroupId": f.group, "ReadEnable": true, "BroadcastEnable": false}, "ResourceInUse", msgInUse},
		{"role", "CreateRocketMQRole", map[string]any{"ClusterId": f.cluster, "RoleName": f.role}, "ResourceInUse.Role", msgRoleInUse},
		{"environment role", "CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "RoleName": f.role, "Permissions": []string{"consume"}}, "ResourceInUse.EnvironmentRole", msgEnvRoleInUse},
	}
	runRules(t, c, rows)
	c.t = t
	// Renaming a cluster to its own name is no clash; onto another's is.
	c.ok("ModifyRocketMQCluster", map[string]any{"ClusterId": f.cluster, "ClusterName": "fixture-cluster"}, nil)
	// Renaming a second cluster onto the first's name clashes too.
	other := c.cluster("second-cluster")
	c.fail("ModifyRocketMQCluster", map[string]any{"ClusterId": other, "ClusterName": "fixture-cluster"}, "ResourceInUse", msgInUse)
	// The same topic name in another namespace is a different topic.
	c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": "prod"}, nil)
	c.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": f.cluster, "Namespace": "prod", "Topic": f.topic, "Type": "Normal"}, nil)
}

// TestRocketMQ4Quotas is §4's quota rows with the virtual-cluster limits of
// §3: 10 clusters per account, 10 namespaces and 150 topics per cluster
// (groups, 1500, are proved below the HTTP layer in handlers_test.go).
func TestRocketMQ4Quotas(t *testing.T) {
	env, c := start(t)
	for i := 0; i < 10; i++ {
		c.cluster(fmt.Sprintf("quota-%02d", i))
	}
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "quota-10"}, "LimitExceeded.Clusters", msgClusterLimit)
	// Quotas are per account.
	newClient(t, env, env.Other).cluster("quota-10")

	var list specDescribeClustersResponse
	c.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 1, "NameKeyword": "quota-00"}, &list)
	require.Len(t, list.ClusterList, 1)
	cl := list.ClusterList[0].Info.ClusterId
	for i := 0; i < 10; i++ {
		c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": fmt.Sprintf("ns-%02d", i)}, nil)
	}
	c.fail("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "ns-10"}, "LimitExceeded", msgLimit)
	for i := 0; i < 150; i++ {
		c.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": fmt.Sprintf("ns-%02d", i%10), "Topic": fmt.Sprintf("topic-%03d", i), "Type": "Normal"}, nil)
	}
	c.fail("CreateRocketMQTopic", map[string]any{"ClusterId": cl, "Namespaces": []string{"ns-00"}, "Topic": "topic-150", "Type": "Normal"}, "LimitExceeded", msgLimit)
	var detail specDescribeClusterResponse
	c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, &detail)
	assert.Equal(t, uint64(150), detail.ClusterConfig.UsedTopicNum)
	assert.Equal(t, uint64(10), detail.ClusterConfig.UsedNamespaceNum)
	assert.Equal(t, []specTopicDistribution{{"Normal", 150}}, detail.ClusterConfig.TopicDistribution)
	// Deleting a topic frees its slot.
	c.ok("DeleteRocketMQTopic", map[string]any{"ClusterId": cl, "NamespaceId": "ns-00", "Topic": "topic-000"}, nil)
	c.ok("CreateRocketMQTopic", map[string]any{"ClusterId": cl, "Namespaces": []string{"ns-00"}, "Topic": "topic-150", "Type": "Normal"}, nil)
}

// TestRocketMQ4NotReady is §4's "instance not ready" row: with
// tdmq.readyAfter a new cluster stays CREATING for that much virtual time.
func TestRocketMQ4NotReady(t *testing.T) {
	env, c := start(t, withReadyAfter("30s"))
	cl := c.cluster("slow-cluster")
	var d specDescribeClusterResponse
	c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, &d)
	assert.Equal(t, int64(0), d.ClusterInfo.InstanceStatus, "creating")
	c.fail("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"}, "FailedOperation.InstanceNotReady", msgNotReady)

	env.Advance(29 * time.Second)
	c.fail("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"}, "FailedOperation.InstanceNotReady", msgNotReady)
	env.Advance(time.Second)
	c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"}, nil)
	var list specDescribeClustersResponse
	c.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10}, &list)
	require.Len(t, list.ClusterList, 1)
	assert.Equal(t, int64(1), list.ClusterList[0].Status, "running")
	assert.Equal(t, int64(1), list.ClusterList[0].Info.InstanceStatus)

	// A dedicated instance reports Status 0 then 1 the same way.
	var vip specClusterIDResponse
	c.ok("CreateRocketMQVipInstance", vipParams("slow-vip", ""), &vip)
	var vips specDescribeVipInstancesResponse
	c.ok("DescribeRocketMQVipInstances", map[string]any{"Filters": []map[string]any{{"Name": "Status", "Values": []string{"0"}}}}, &vips)
	assert.Equal(t, uint64(1), vips.TotalCount)
	env.Advance(30 * time.Second)
	c.ok("DescribeRocketMQVipInstances", map[string]any{"Filters": []map[string]any{{"Name": "Status", "Values": []string{"0"}}}}, &vips)
	assert.Equal(t, uint64(0), vips.TotalCount)
}

func withReadyAfter(d string) emutest.Option {
	return emutest.WithConfig(func(c *emulator.Config) {
		if c.TDMQ.Options == nil {
			c.TDMQ.Options = map[string]any{}
		}
		c.TDMQ.Options["readyAfter"] = d
	})
}

func vipParams(name, generalSku string) map[string]any {
	p := map[string]any{
		"Name": name, "Spec": "rocket-vip-basic-2", "StorageSize": 300, "ZoneIds": []string{"100003"},
		"VpcInfo": map[string]any{"VpcId": "vpc-abcd1234", "SubnetId": "subnet-abcd1234"}, "TimeSpan": 1,
	}
	if generalSku != "" {
		p["GeneralSkuCode"] = generalSku
	}
	return p
}

// TestRocketMQ4DeleteOrder is §4's two "delete while in use" rows: a
// namespace with bound roles (FailedOperation.RoleInUse) and a role still
// authorised on a namespace (ResourceInUse.EnvironmentRole); undoing the
// binding makes both deletes succeed.
func TestRocketMQ4DeleteOrder(t *testing.T) {
	_, c := start(t)
	f := c.fixture()
	c.ok("CreateRocketMQEnvironmentRole", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "RoleName": f.role, "Permissions": []string{"produce", "consume"}}, nil)

	c.fail("DeleteRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns}, "FailedOperation.RoleInUse", msgRolesBound)
	c.fail("DeleteRocketMQRoles", map[string]any{"ClusterId": f.cluster, "RoleNames": []string{f.role}}, "ResourceInUse.EnvironmentRole", msgEnvRoleInUse)

	c.ok("DeleteRocketMQEnvironmentRoles", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "RoleNames": []string{f.role}}, nil)
	c.ok("DeleteRocketMQRoles", map[string]any{"ClusterId": f.cluster, "RoleNames": []string{f.role}}, nil)
	// The namespace goes with its topic and group.
	c.ok("DeleteRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns}, nil)
	c.fail("DescribeRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic}, "ResourceNotFound.Topic", msgTopicNotFound)
	c.ok("DeleteRocketMQCluster", map[string]any{"ClusterId": f.cluster}, nil)
	c.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": f.cluster}, "ResourceNotFound.Cluster", msgClusterNotFound)
}

// TestRocketMQ4Validation covers the parameter rules: partition counts
// (InvalidParameter.Partition), the role actions' InvalidParams and
// NeedMoreParams, and the documented name formats (InvalidParameter, the
// code those actions list).
func TestRocketMQ4Validation(t *testing.T) {
	_, c := start(t)
	f := c.fixture()
	long := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = 'a'
		}
		return string(b)
	}
	topic := func(name, typ string, parts any) map[string]any {
		p := map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "Topic": name, "Type": typ}
		if parts != nil {
			p["PartitionNum"] = parts
		}
		return p
	}
	role := func(kv ...any) map[string]any {
		p := map[string]any{"ClusterId": f.cluster}
		for i := 0; i < len(kv); i += 2 {
			p[kv[i].(string)] = kv[i+1]
		}
		return p
	}
	runRules(t, c, []rule{
		{"partitions 0", "CreateRocketMQTopicV2", topic("p-zero", "Normal", 0), "InvalidParameter.Partition", msgPartition},
		{"partitions 33", "CreateRocketMQTopicV2", topic("p-many", "Normal", 33), "InvalidParameter.Partition", msgPartition},
		{"partitions lowered", "ModifyRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "Topic": f.topic, "Remark": "", "PartitionNum": 2}, "InvalidParameter.Partition", msgPartition},
		{"topic type", "CreateRocketMQTopicV2", topic("typed", "Fancy", nil), "InvalidParameter", msgBadParam},
		{"transaction on virtual", "CreateRocketMQTopicV2", topic("txn", "Transaction", nil), "InvalidParameter", msgBadParam},
		{"namespaces count", "CreateRocketMQTopic", map[string]any{"ClusterId": f.cluster, "Namespaces": []string{f.ns, "other"}, "Topic": "two", "Type": "Normal"}, "InvalidParameter", msgBadParam},
		{"topic name short", "CreateRocketMQTopicV2", topic("ab", "Normal", nil), "InvalidParameter", msgBadParam},
		{"topic name long", "CreateRocketMQTopicV2", topic(long(65), "Normal", nil), "InvalidParameter", msgBadParam},
		{"topic name chars", "CreateRocketMQTopicV2", topic("or%ders", "Normal", nil), "InvalidParameter", msgBadParam},
		{"cluster name", "CreateRocketMQCluster", map[string]any{"Name": "bad name"}, "InvalidParameter", msgBadParam},
		{"cluster remark", "CreateRocketMQCluster", map[string]any{"Name": "good-name", "Remark": long(129)}, "InvalidParameter", msgBadParam},
		{"namespace name", "CreateRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": "n"}, "InvalidParameter", msgBadParam},
		{"group name", "CreateRocketMQGroupV2", map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "GroupId": "g!", "ReadEnable": true, "BroadcastEnable": true}, "InvalidParameter", msgBadParam},
		{"group type", "CreateRocketMQGroupV2", map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "GroupId": "group-x", "ReadEnable": true, "BroadcastEnable": true, "GroupType": "UDP"}, "InvalidParameter", msgBadParam},
		{"reset type", "ResetRocketMQConsumerOffSet", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupId": f.group, "Type": 2}, "InvalidParameter", msgBadParam},
		{"reset without timestamp", "ResetRocketMQConsumerOffSet", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupId": f.group, "Type": 1}, "MissingParameter", msgMissing},
		{"negative uint64", "DescribeRocketMQClusters", map[string]any{"Offset": -1, "Limit": 10}, "InvalidParameter", msgBadParam},
		{"missing required", "DescribeRocketMQClusters", map[string]any{"Offset": 0}, "MissingParameter", msgMissing},
		{"unknown parameter", "DescribeRocketMQCluster", map[string]any{"ClusterId": f.cluster, "Extra": 1}, "UnknownParameter", "Unknown parameter."},
		{"message time", "DescribeRocketMQTopicMsgs", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "TopicName": f.topic, "StartTime": "yesterday", "EndTime": "today"}, "InvalidParameter", msgBadParam},
		{"vip spec", "CreateRocketMQVipInstance", func() map[string]any { p := vipParams("vip-x", ""); p["Spec"] = "huge"; return p }(), "InvalidParameterValue", msgBadValue},
		{"vip storage", "CreateRocketMQVipInstance", func() map[string]any { p := vipParams("vip-x", ""); p["StorageSize"] = 100; return p }(), "InvalidParameterValue", msgBadValue},
		{"vip nodes", "CreateRocketMQVipInstance", func() map[string]any { p := vipParams("vip-x", ""); p["NodeCount"] = 21; return p }(), "InvalidParameterValue", msgBadValue},

		{"role name chars", "CreateRocketMQRole", role("RoleName", "角色"), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"role name long", "CreateRocketMQRole", role("RoleName", long(33)), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"role name empty", "CreateRocketMQRole", role("RoleName", ""), "MissingParameter.NeedMoreParams", msgNeedMore},
		{"role remark", "CreateRocketMQRole", role("RoleName", "r2", "Remark", long(129)), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"role perm type", "CreateRocketMQRole", role("RoleName", "r2", "PermType", "All"), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"role manual without keys", "CreateRocketMQRole", role("RoleName", "r2", "RoleGenerateMode", "MANUAL"), "MissingParameter.NeedMoreParams", msgNeedMore},
		{"roles limit over 20", "DescribeRocketMQRoles", role("Offset", 0, "Limit", 21), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"roles filter name", "DescribeRocketMQRoles", role("Offset", 0, "Limit", 10, "Filters", []map[string]any{{"Name": "Token", "Values": []string{"x"}}}), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"delete no roles", "DeleteRocketMQRoles", role("RoleNames", []string{}), "MissingParameter.NeedMoreParams", msgNeedMore},
		{"permissions empty", "CreateRocketMQEnvironmentRole", role("EnvironmentId", f.ns, "RoleName", f.role, "Permissions", []string{}), "MissingParameter.NeedMoreParams", msgNeedMore},
		{"permissions unknown", "CreateRocketMQEnvironmentRole", role("EnvironmentId", f.ns, "RoleName", f.role, "Permissions", []string{"admin"}), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"permissions three", "CreateRocketMQEnvironmentRole", role("EnvironmentId", f.ns, "RoleName", f.role, "Permissions", []string{"produce", "consume", "produce"}), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"permissions twice", "CreateRocketMQEnvironmentRole", role("EnvironmentId", f.ns, "RoleName", f.role, "Permissions", []string{"produce", "produce"}), "InvalidParameterValue.InvalidParams", msgInvalidParams},
		{"detailed perms type", "CreateRocketMQEnvironmentRole", role("EnvironmentId", f.ns, "RoleName", f.role, "Permissions", []string{"produce"}, "DetailedPerms", []map[string]any{{"Resource": f.topic, "PermWrite": true, "PermRead": false, "ResourceType": "Queue"}}), "InvalidParameterValue.InvalidParams", msgInvalidParams},
	})
	c.t = t
	// GlobalOrder topics have one partition whatever is asked.
	c.ok("CreateRocketMQTopicV2", topic("global", "GlobalOrder", 8), nil)
	var d specDescribeTopicResponse
	c.ok("DescribeRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": "global"}, &d)
	assert.Equal(t, uint64(1), d.Topic.PartitionNum)
	// 3-character names are the documented minimum; MANUAL roles take their keys.
	c.ok("CreateRocketMQTopicV2", topic("abc", "DelayScheduled", nil), nil)
	var r specCreateRoleResponse
	c.ok("CreateRocketMQRole", role("RoleName", "manual-role", "RoleGenerateMode", "MANUAL", "AccessKey", "ak", "SecretKey", "sk"), &r)
	assert.Equal(t, "sk", r.Token)
}

// The 4.x limits are configuration (tdmq.rocketmq4): a smaller topic quota
// and the limits pages' stricter namespace length are one config edit away.
func TestRocketMQ4LimitsAreConfigurable(t *testing.T) {
	_, c := start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.TDMQ.Options = map[string]any{"rocketmq4": map[string]any{"virtualTopics": 2, "namespaceNameMax": 32}}
	}))
	cl := c.cluster("configured")
	c.fail("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": strings.Repeat("n", 33)}, "InvalidParameter", msgBadParam)
	c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": strings.Repeat("n", 32)}, nil)
	for i := 0; i < 2; i++ {
		c.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": strings.Repeat("n", 32), "Topic": fmt.Sprintf("topic-%d", i), "Type": "Normal"}, nil)
	}
	c.fail("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": strings.Repeat("n", 32), "Topic": "topic-2", "Type": "Normal"}, "LimitExceeded", msgLimit)
}

func TestRocketMQ4BadLimitsStopStartUp(t *testing.T) {
	for name, opts := range map[string]map[string]any{
		"unknown key":  {"virtualTopix": 2},
		"min over max": {"groupNameMin": 10, "groupNameMax": 5},
		"zero quota":   {"virtualGroups": 0},
		"partitions":   {"defaultPartitions": 40},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := config.Default()
			cfg.TDMQ.Options = map[string]any{"rocketmq4": opts}
			_, err := emulator.New(emulator.Config(cfg))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "tdmq.rocketmq4")
		})
	}
}
