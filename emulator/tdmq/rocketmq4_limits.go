package tdmq

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/apierr"
)

// limits4 are the RocketMQ 4.x rules users could disagree about, with the
// documented defaults (tdmq.md §3), configurable under tdmq.rocketmq4 (keys
// are the field names in lower camel case: namespaceNameMax, virtualTopics...).
type limits4 struct {
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
	VirtualClusters   int `mapstructure:"virtualClusters"` // per account
	VirtualNamespaces int `mapstructure:"virtualNamespaces"`
	VirtualTopics     int `mapstructure:"virtualTopics"`
	VirtualGroups     int `mapstructure:"virtualGroups"`
	// Namespaces of a dedicated cluster; its topic and group quotas come
	// from its Spec (vipSpecs4).
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
func (l limits4) validate() error {
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

func defaultLimits4() limits4 {
	return limits4{
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

// vipSpec4 is one dedicated-cluster specification. Which spec gets which of
// the documented 200–500 topics and 2000–5000 groups is an emulator choice,
// as are the TPS and bandwidth figures it reports.
type vipSpec4 struct {
	Display      string
	Topics       int
	Groups       int
	MaxTps       uint64
	MaxBandWidth uint64
}

var vipSpecs4 = map[string]vipSpec4{
	"rocket-vip-basic-0": {"General", 200, 2000, 2000, 40},
	"rocket-vip-basic-1": {"Basic", 300, 3000, 4000, 80},
	"rocket-vip-basic-2": {"Standard", 400, 4000, 6000, 120},
	"rocket-vip-basic-3": {"Advanced I", 500, 5000, 8000, 160},
	"rocket-vip-basic-4": {"Advanced II", 500, 5000, 10000, 200},
}

// resourceName4 is the documented 4.x name alphabet: letters, digits, "-"
// and "_" (clusters, namespaces, topics, groups, roles).
var resourceName4 = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// checkName4 validates a name's alphabet and length, answering bad with a
// detail naming the parameter.
func checkName4(bad *apierr.Def, param, name string, min, max int) error {
	n := utf8.RuneCountInString(name)
	if n < min || n > max {
		return bad.New().WithDetail(" (" + param + " must be " + itoa4(min) + "-" + itoa4(max) + " characters)")
	}
	if !resourceName4.MatchString(name) {
		return bad.New().WithDetail(" (" + param + " may contain only letters, digits, \"-\" and \"_\")")
	}
	return nil
}

// checkRemark4 validates an optional remark's length.
func checkRemark4(bad *apierr.Def, remark *string, max int) error {
	if remark != nil && utf8.RuneCountInString(*remark) > max {
		return bad.New().WithDetail(" (Remark longer than " + itoa4(max) + " characters)")
	}
	return nil
}

func lower4(s string) string { return strings.ToLower(s) }
