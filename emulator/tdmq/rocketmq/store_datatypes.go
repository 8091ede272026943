package rocketmq

import "github.com/mqmock/mqmock/internal/tcdata"

// 4.x data types with the SDK's field names and Go types (tdmq.md §6, "Data
// types referenced by the tdmq actions above"). Integer (uint64) fields are
// uint64 so they can never go negative; fields documented "may return null"
// are always filled, so a client never meets a null it did not expect.

// tag, tagIn, filter and tagFilter are API 3.0's common data types, one
// definition for every product (tcdata).
type (
	tag       = tcdata.Tag
	tagIn     = tcdata.TagIn
	filter    = tcdata.Filter
	tagFilter = tcdata.TagFilter
)

// vpc is VpcInfo / VpcConfig (the same two fields).
type vpc struct {
	VpcId    string `json:"VpcId"`
	SubnetId string `json:"SubnetId"`
}

// detailedPerm is DetailedRolePerm.
type detailedPerm struct {
	Resource     string `json:"Resource"`
	PermWrite    bool   `json:"PermWrite"`
	PermRead     bool   `json:"PermRead"`
	ResourceType string `json:"ResourceType"`
	Remark       string `json:"Remark"`
}

// publicAccessRule is PublicAccessRule (CreateRocketMQVipInstance.IpRules).
type publicAccessRule struct {
	IpRule *string `json:"IpRule" mq:"required"`
	Allow  *bool   `json:"Allow" mq:"required"`
	Remark *string `json:"Remark"`
}

// vpcIn is VpcInfo as a request carries it.
type vpcIn struct {
	VpcId    string `json:"VpcId" mq:"required"`
	SubnetId string `json:"SubnetId" mq:"required"`
}

// detailedPermIn is DetailedRolePerm as a request carries it.
type detailedPermIn struct {
	Resource     string  `json:"Resource" mq:"required"`
	PermWrite    bool    `json:"PermWrite" mq:"required"`
	PermRead     bool    `json:"PermRead" mq:"required"`
	ResourceType string  `json:"ResourceType" mq:"required"`
	Remark       *string `json:"Remark"`
}

type rocketMQClusterInfo struct {
	ClusterId                     string  `json:"ClusterId"`
	ClusterName                   string  `json:"ClusterName"`
	Region                        string  `json:"Region"`
	CreateTime                    uint64  `json:"CreateTime"`
	Remark                        string  `json:"Remark"`
	PublicEndPoint                string  `json:"PublicEndPoint"`
	VpcEndPoint                   string  `json:"VpcEndPoint"`
	SupportNamespaceEndpoint      bool    `json:"SupportNamespaceEndpoint"`
	Vpcs                          []vpc   `json:"Vpcs"`
	IsVip                         bool    `json:"IsVip"`
	RocketMQFlag                  bool    `json:"RocketMQFlag"`
	Status                        int64   `json:"Status"`
	IsolateTime                   int64   `json:"IsolateTime"`
	HttpPublicEndpoint            string  `json:"HttpPublicEndpoint"`
	HttpVpcEndpoint               string  `json:"HttpVpcEndpoint"`
	InternalEndpoint              string  `json:"InternalEndpoint"`
	HttpInternalEndpoint          string  `json:"HttpInternalEndpoint"`
	AclEnabled                    bool    `json:"AclEnabled"`
	PublicClbId                   string  `json:"PublicClbId"`
	Vip                           string  `json:"Vip"`
	VpcId                         string  `json:"VpcId"`
	SupportMigration              bool    `json:"SupportMigration"`
	InstanceStatus                int64   `json:"InstanceStatus"`
	ZoneId                        int64   `json:"ZoneId"`
	ZoneIds                       []int64 `json:"ZoneIds"`
	IsFrozen                      bool    `json:"IsFrozen"`
	AutoCreateTopicEnabled        bool    `json:"AutoCreateTopicEnabled"`
	AdminFeatureEnabled           bool    `json:"AdminFeatureEnabled"`
	AdminAccessKey                string  `json:"AdminAccessKey"`
	AdminSecretKey                string  `json:"AdminSecretKey"`
	EnableDeletionProtection      bool    `json:"EnableDeletionProtection"`
	AutoCreateConsumeGroupEnabled bool    `json:"AutoCreateConsumeGroupEnabled"`
}

type rocketMQTopicDistribution struct {
	TopicType string `json:"TopicType"`
	Count     uint64 `json:"Count"`
}

type rocketMQClusterConfig struct {
	MaxTpsPerNamespace uint64                      `json:"MaxTpsPerNamespace"`
	MaxNamespaceNum    uint64                      `json:"MaxNamespaceNum"`
	UsedNamespaceNum   uint64                      `json:"UsedNamespaceNum"`
	MaxTopicNum        uint64                      `json:"MaxTopicNum"`
	UsedTopicNum       uint64                      `json:"UsedTopicNum"`
	MaxGroupNum        uint64                      `json:"MaxGroupNum"`
	UsedGroupNum       uint64                      `json:"UsedGroupNum"`
	MaxRetentionTime   uint64                      `json:"MaxRetentionTime"`
	MaxLatencyTime     uint64                      `json:"MaxLatencyTime"`
	MaxQueuesPerTopic  uint64                      `json:"MaxQueuesPerTopic"`
	TopicDistribution  []rocketMQTopicDistribution `json:"TopicDistribution"`
	MaxRoleNum         int64                       `json:"MaxRoleNum"`
	MaxTpsLimit        int64                       `json:"MaxTpsLimit"`
}

type rocketMQClusterRecentStats struct {
	TopicNum           uint64 `json:"TopicNum"`
	ProducedMsgNum     uint64 `json:"ProducedMsgNum"`
	ConsumedMsgNum     uint64 `json:"ConsumedMsgNum"`
	AccumulativeMsgNum uint64 `json:"AccumulativeMsgNum"`
}

type rocketMQClusterDetail struct {
	Info   rocketMQClusterInfo   `json:"Info"`
	Config rocketMQClusterConfig `json:"Config"`
	Status int64                 `json:"Status"`
}

type rocketMQVipInstance struct {
	InstanceId      string `json:"InstanceId"`
	InstanceName    string `json:"InstanceName"`
	InstanceVersion string `json:"InstanceVersion"`
	Status          uint64 `json:"Status"`
	NodeCount       uint64 `json:"NodeCount"`
	ConfigDisplay   string `json:"ConfigDisplay"`
	MaxTps          uint64 `json:"MaxTps"`
	MaxBandWidth    uint64 `json:"MaxBandWidth"`
	MaxStorage      uint64 `json:"MaxStorage"`
	ExpireTime      uint64 `json:"ExpireTime"`
	AutoRenewFlag   uint64 `json:"AutoRenewFlag"`
	PayMode         uint64 `json:"PayMode"`
	Remark          string `json:"Remark"`
	SpecName        string `json:"SpecName"`
	MaxRetention    int64  `json:"MaxRetention"`
	MinRetention    int64  `json:"MinRetention"`
	Retention       int64  `json:"Retention"`
	AclEnabled      bool   `json:"AclEnabled"`
	DestroyTime     uint64 `json:"DestroyTime"`
}

type instanceNodeDistribution struct {
	ZoneName         string `json:"ZoneName"`
	ZoneId           string `json:"ZoneId"`
	NodeCount        uint64 `json:"NodeCount"`
	NodePermWipeFlag bool   `json:"NodePermWipeFlag"`
	ZoneStatus       string `json:"ZoneStatus"`
}

type rocketMQInstanceConfig struct {
	MaxTpsPerNamespace uint64                      `json:"MaxTpsPerNamespace"`
	MaxNamespaceNum    uint64                      `json:"MaxNamespaceNum"`
	UsedNamespaceNum   uint64                      `json:"UsedNamespaceNum"`
	MaxTopicNum        uint64                      `json:"MaxTopicNum"`
	UsedTopicNum       uint64                      `json:"UsedTopicNum"`
	MaxGroupNum        uint64                      `json:"MaxGroupNum"`
	UsedGroupNum       uint64                      `json:"UsedGroupNum"`
	ConfigDisplay      string                      `json:"ConfigDisplay"`
	NodeCount          uint64                      `json:"NodeCount"`
	NodeDistribution   []instanceNodeDistribution  `json:"NodeDistribution"`
	TopicDistribution  []rocketMQTopicDistribution `json:"TopicDistribution"`
	MaxQueuesPerTopic  uint64                      `json:"MaxQueuesPerTopic"`
	MaxRetention       int64                       `json:"MaxRetention"`
	MinRetention       int64                       `json:"MinRetention"`
	Retention          int64                       `json:"Retention"`
	TopicNumLowerLimit int64                       `json:"TopicNumLowerLimit"`
	TopicNumUpperLimit int64                       `json:"TopicNumUpperLimit"`
	SendReceiveRatio   float64                     `json:"SendReceiveRatio"`
	TpsLimit           int64                       `json:"TpsLimit"`
	GeneralSkuCode     string                      `json:"GeneralSkuCode"`
}

type rocketMQNamespace struct {
	NamespaceId      string `json:"NamespaceId"`
	Ttl              uint64 `json:"Ttl"`
	RetentionTime    uint64 `json:"RetentionTime"`
	Remark           string `json:"Remark"`
	PublicEndpoint   string `json:"PublicEndpoint"`
	VpcEndpoint      string `json:"VpcEndpoint"`
	InternalEndpoint string `json:"InternalEndpoint"`
}

type clientSubscriptionInfo struct {
	ClientId       string `json:"ClientId"`
	ClientAddr     string `json:"ClientAddr"`
	Topic          string `json:"Topic"`
	SubString      string `json:"SubString"`
	ExpressionType string `json:"ExpressionType"`
}

type rocketMQSubscription struct {
	Topic                   string                   `json:"Topic"`
	Type                    string                   `json:"Type"`
	PartitionNum            int64                    `json:"PartitionNum"`
	ExpressionType          string                   `json:"ExpressionType"`
	SubString               string                   `json:"SubString"`
	Status                  int64                    `json:"Status"`
	ConsumerLag             int64                    `json:"ConsumerLag"`
	ClusterId               string                   `json:"ClusterId"`
	ConsumerGroup           string                   `json:"ConsumerGroup"`
	IsOnline                bool                     `json:"IsOnline"`
	ConsumeType             int64                    `json:"ConsumeType"`
	Consistency             int64                    `json:"Consistency"`
	LastUpdateTime          int64                    `json:"LastUpdateTime"`
	MaxRetryTimes           int64                    `json:"MaxRetryTimes"`
	ClientProtocol          string                   `json:"ClientProtocol"`
	ClientSubscriptionInfos []clientSubscriptionInfo `json:"ClientSubscriptionInfos"`
}

type rocketMQTopic struct {
	Name              string                 `json:"Name"`
	Type              string                 `json:"Type"`
	GroupNum          uint64                 `json:"GroupNum"`
	Remark            string                 `json:"Remark"`
	PartitionNum      uint64                 `json:"PartitionNum"`
	CreateTime        uint64                 `json:"CreateTime"`
	UpdateTime        uint64                 `json:"UpdateTime"`
	InstanceId        string                 `json:"InstanceId"`
	Namespace         string                 `json:"Namespace"`
	LastUpdateTime    int64                  `json:"LastUpdateTime"`
	SubscriptionCount int64                  `json:"SubscriptionCount"`
	SubscriptionData  []rocketMQSubscription `json:"SubscriptionData"`
	TagList           []tag                  `json:"TagList"`
}

type topicStats struct {
	BrokerName          string `json:"BrokerName"`
	QueueId             int64  `json:"QueueId"`
	MinOffset           int64  `json:"MinOffset"`
	MaxOffset           int64  `json:"MaxOffset"`
	MessageCount        int64  `json:"MessageCount"`
	LastUpdateTimestamp int64  `json:"LastUpdateTimestamp"`
}

type rocketMQGroup struct {
	Name              string `json:"Name"`
	ConsumerNum       uint64 `json:"ConsumerNum"`
	TPS               uint64 `json:"TPS"`
	TotalAccumulative int64  `json:"TotalAccumulative"`
	ConsumptionMode   int64  `json:"ConsumptionMode"`
	ReadEnabled       bool   `json:"ReadEnabled"`
	RetryPartitionNum uint64 `json:"RetryPartitionNum"`
	CreateTime        uint64 `json:"CreateTime"`
	UpdateTime        uint64 `json:"UpdateTime"`
	ClientProtocol    string `json:"ClientProtocol"`
	Remark            string `json:"Remark"`
	ConsumerType      string `json:"ConsumerType"`
	BroadcastEnabled  bool   `json:"BroadcastEnabled"`
	GroupType         string `json:"GroupType"`
	RetryMaxTimes     uint64 `json:"RetryMaxTimes"`
	InstanceId        string `json:"InstanceId"`
	Namespace         string `json:"Namespace"`
	SubscribeTopicNum int64  `json:"SubscribeTopicNum"`
	TagList           []tag  `json:"TagList"`
}

type consumerStats struct {
	TopicName        string `json:"TopicName"`
	BrokerName       string `json:"BrokerName"`
	QueueId          int64  `json:"QueueId"`
	ConsumerClientId string `json:"ConsumerClientId"`
	ConsumerOffset   int64  `json:"ConsumerOffset"`
	BrokerOffset     int64  `json:"BrokerOffset"`
	DiffTotal        int64  `json:"DiffTotal"`
	LastTimestamp    int64  `json:"LastTimestamp"`
}

type rocketMQConsumerConnection struct {
	ClientId     string `json:"ClientId"`
	ClientAddr   string `json:"ClientAddr"`
	Language     string `json:"Language"`
	Accumulative int64  `json:"Accumulative"`
	Version      string `json:"Version"`
}

type roleOut struct {
	RoleName   string `json:"RoleName"`
	Token      string `json:"Token"`
	Remark     string `json:"Remark"`
	CreateTime string `json:"CreateTime"`
	UpdateTime string `json:"UpdateTime"`
	PermType   string `json:"PermType"`
	TokenType  string `json:"TokenType"`
	SecretName string `json:"SecretName"`
	RotateFreq uint64 `json:"RotateFreq"`
}

type environmentRole struct {
	EnvironmentId string   `json:"EnvironmentId"`
	RoleName      string   `json:"RoleName"`
	Permissions   []string `json:"Permissions"`
	RoleDescribe  string   `json:"RoleDescribe"`
	CreateTime    string   `json:"CreateTime"`
	UpdateTime    string   `json:"UpdateTime"`
}

type rocketMQMessageTrack struct {
	Group               string `json:"Group"`
	ConsumeStatus       string `json:"ConsumeStatus"`
	TrackType           string `json:"TrackType"`
	ExceptionDesc       string `json:"ExceptionDesc"`
	ConsumeStatusSource string `json:"ConsumeStatusSource"`
}

type rocketMQMsgLog struct {
	MsgId                 string `json:"MsgId"`
	MsgTag                string `json:"MsgTag"`
	MsgKey                string `json:"MsgKey"`
	ProducerAddr          string `json:"ProducerAddr"`
	ProduceTime           string `json:"ProduceTime"`
	PulsarMsgId           string `json:"PulsarMsgId"`
	DeadLetterResendTimes int64  `json:"DeadLetterResendTimes"`
	ResendSuccessCount    int64  `json:"ResendSuccessCount"`
}

type traceResult struct {
	Stage string `json:"Stage"`
	Data  string `json:"Data"`
}

type producerInfo struct {
	ClientId            string `json:"ClientId"`
	ClientIp            string `json:"ClientIp"`
	Language            string `json:"Language"`
	Version             string `json:"Version"`
	LastUpdateTimestamp int64  `json:"LastUpdateTimestamp"`
}
