package rocketmq

import (
	"fmt"
	"time"
)

// Options are RocketMQ 4.x's part of the tdmq configuration section (the
// front door decodes the section once and hands each product its part).
type Options struct {
	// ReadyAfter is how long (virtual time) a new cluster stays CREATING
	// before it is RUNNING (tdmq.readyAfter); zero means RUNNING at once.
	ReadyAfter time.Duration
	// RateLimits turns the documented per-action rates on for this product
	// (tdmq.rateLimits); the global limits.rateLimits (pipeline.Env) does too.
	RateLimits bool
	// RateLimitOverrides sets or replaces a per-second rate per action
	// (tdmq.rateLimitOverrides); 0 lifts an action's limit.
	RateLimitOverrides map[string]int
	// Limits are the name rules, quotas and retention (tdmq.rocketmq4).
	Limits Limits
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{Limits: DefaultLimits()} }

// Limits are the RocketMQ 4.x rules users could disagree about, with the
// documented defaults (tdmq.md §3), configurable under tdmq.rocketmq4 (keys
// are the field names in lower camel case: namespaceNameMax, virtualTopics...).
type Limits struct {
	// Name lengths. Where the SDK and the limits pages disagree the more
	// permissive bound is the default, so the emulator never refuses a name
	// the real service may accept: namespaces 3–64 (SDK; the limits pages say
	// 3–32), groups 3–64 (limits pages; CreateRocketMQGroup's SDK comment
	// says 8–64).
	ClusterNameMin   int `mapstructure:"clusterNameMin"`
	ClusterNameMax   int `mapstructure:"clusterNameMax"`
	NamespaceNameMin int `mapstructure:"namespaceNameMin"`
	NamespaceNameMax int `mapstructure:"namespaceNameMax"`
	TopicNameMin     int `mapstructure:"topicNameMin"`
	TopicNameMax     int `mapstructure:"topicNameMax"`
	GroupNameMin     int `mapstructure:"groupNameMin"`
	GroupNameMax     int `mapstructure:"groupNameMax"`
	RoleNameMax      int `mapstructure:"roleNameMax"`
	RemarkMax        int `mapstructure:"remarkMax"`

	// Quotas of a virtual (shared) cluster (1493/115875).
	VirtualClusters   int `mapstructure:"virtualClusters"` // per account and region (1493/115875: "per region")
	VirtualNamespaces int `mapstructure:"virtualNamespaces"`
	VirtualTopics     int `mapstructure:"virtualTopics"`
	VirtualGroups     int `mapstructure:"virtualGroups"`
	// Namespaces of a dedicated cluster; its topic and group quotas come
	// from its Spec (vipSpecs).
	DedicatedNamespaces int `mapstructure:"dedicatedNamespaces"`
	// General clusters: 400 topics (documented); groups unconfirmed.
	GeneralTopics int `mapstructure:"generalTopics"`
	GeneralGroups int `mapstructure:"generalGroups"`

	// Topic partitions: default when PartitionNum is absent, and the largest
	// accepted (MaxQueuesPerTopic). Neither is documented for 4.x.
	DefaultPartitions uint64 `mapstructure:"defaultPartitions"`
	MaxPartitions     uint64 `mapstructure:"maxPartitions"`
	// DefaultRetryMaxTimes is a group's RetryMaxTimes when not given
	// (RocketMQ's own default).
	DefaultRetryMaxTimes uint64 `mapstructure:"defaultRetryMaxTimes"`
	// RoleListMax is DescribeRocketMQRoles/EnvironmentRoles' maximum Limit
	// (documented 20); RoleListDefault their default (10).
	RoleListMax     int64 `mapstructure:"roleListMax"`
	RoleListDefault int64 `mapstructure:"roleListDefault"`
	// ListDefault is the page size other lists use when Limit is 0.
	ListDefault uint64 `mapstructure:"listDefault"`
	// MaxRoles is reported as ClusterConfig.MaxRoleNum; no action lists a
	// quota code for roles, so it is not enforced.
	MaxRoles int64 `mapstructure:"maxRoles"`

	// Retention of messages (3 days) and the longest delay (40 days).
	Retention time.Duration `mapstructure:"retention"`
	MaxDelay  time.Duration `mapstructure:"maxDelay"`
	// MaxMessageBytes is the largest MsgBody SendRocketMQMessage accepts.
	MaxMessageBytes int `mapstructure:"maxMessageBytes"`
	// MaxLatestMessages bounds DescribeRocketMQTopicMsgs.NumOfLatestMsg.
	MaxLatestMessages int64 `mapstructure:"maxLatestMessages"`
}

// validate refuses limits no cluster could work with.
func (l Limits) validate() error {
	for _, r := range []struct {
		key      string
		min, max int
	}{
		{"clusterName", l.ClusterNameMin, l.ClusterNameMax},
		{"namespaceName", l.NamespaceNameMin, l.NamespaceNameMax},
		{"topicName", l.TopicNameMin, l.TopicNameMax},
		{"groupName", l.GroupNameMin, l.GroupNameMax},
	} {
		if r.min < 1 || r.max < r.min {
			return fmt.Errorf("config section tdmq.rocketmq4: %sMin (%d) and %sMax (%d) must satisfy 1 <= min <= max", r.key, r.min, r.key, r.max)
		}
	}
	for key, v := range map[string]int{
		"roleNameMax": l.RoleNameMax, "virtualClusters": l.VirtualClusters, "virtualNamespaces": l.VirtualNamespaces,
		"virtualTopics": l.VirtualTopics, "virtualGroups": l.VirtualGroups, "dedicatedNamespaces": l.DedicatedNamespaces,
		"generalTopics": l.GeneralTopics, "generalGroups": l.GeneralGroups, "maxMessageBytes": l.MaxMessageBytes,
	} {
		if v < 1 {
			return fmt.Errorf("config section tdmq.rocketmq4: %s must be positive, not %d", key, v)
		}
	}
	if l.MaxPartitions < 1 || l.DefaultPartitions < 1 || l.DefaultPartitions > l.MaxPartitions {
		return fmt.Errorf("config section tdmq.rocketmq4: need 1 <= defaultPartitions (%d) <= maxPartitions (%d)", l.DefaultPartitions, l.MaxPartitions)
	}
	if l.Retention <= 0 {
		return fmt.Errorf("config section tdmq.rocketmq4: retention must be positive")
	}
	return nil
}

func DefaultLimits() Limits {
	return Limits{
		ClusterNameMin: 3, ClusterNameMax: 64,
		NamespaceNameMin: 3, NamespaceNameMax: 64,
		TopicNameMin: 3, TopicNameMax: 64,
		GroupNameMin: 3, GroupNameMax: 64,
		RoleNameMax: 32,
		RemarkMax:   128,

		VirtualClusters: 10, VirtualNamespaces: 10, VirtualTopics: 150, VirtualGroups: 1500,
		DedicatedNamespaces: 10,
		GeneralTopics:       400, GeneralGroups: 2000,

		DefaultPartitions: 3, MaxPartitions: 32,
		DefaultRetryMaxTimes: 16,
		RoleListMax:          20, RoleListDefault: 10,
		ListDefault: 20,
		MaxRoles:    1000,

		Retention:         72 * time.Hour,
		MaxDelay:          40 * 24 * time.Hour,
		MaxMessageBytes:   4 << 20,
		MaxLatestMessages: 1024,
	}
}
