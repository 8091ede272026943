package rocketmq_test

// Response shapes of the 4.x actions, written from tdmq.md §6 (the SDK's
// field names and Go types: Integer = int64, Integer (uint64) = uint64,
// Float = float64), independently of the emulator's own types. Responses are
// decoded into them strictly: an unknown field, a mistyped one (a negative
// uint64, a number for a string) or a missing one fails the test.

type specTag struct {
	TagKey   string
	TagValue string
}

type specVpc struct {
	VpcId    string
	SubnetId string
}

type specClusterInfo struct {
	ClusterId                     string
	ClusterName                   string
	Region                        string
	CreateTime                    uint64
	Remark                        string
	PublicEndPoint                string
	VpcEndPoint                   string
	SupportNamespaceEndpoint      bool
	Vpcs                          []specVpc
	IsVip                         bool
	RocketMQFlag                  bool
	Status                        int64
	IsolateTime                   int64
	HttpPublicEndpoint            string
	HttpVpcEndpoint               string
	InternalEndpoint              string
	HttpInternalEndpoint          string
	AclEnabled                    bool
	PublicClbId                   string
	Vip                           string
	VpcId                         string
	SupportMigration              bool
	InstanceStatus                int64
	ZoneId                        int64
	ZoneIds                       []int64
	IsFrozen                      bool
	AutoCreateTopicEnabled        bool
	AdminFeatureEnabled           bool
	AdminAccessKey                string
	AdminSecretKey                string
	EnableDeletionProtection      bool
	AutoCreateConsumeGroupEnabled bool
}

type specTopicDistribution struct {
	TopicType string
	Count     uint64
}

type specClusterConfig struct {
	MaxTpsPerNamespace uint64
	MaxNamespaceNum    uint64
	UsedNamespaceNum   uint64
	MaxTopicNum        uint64
	UsedTopicNum       uint64
	MaxGroupNum        uint64
	UsedGroupNum       uint64
	MaxRetentionTime   uint64
	MaxLatencyTime     uint64
	MaxQueuesPerTopic  uint64
	TopicDistribution  []specTopicDistribution
	MaxRoleNum         int64
	MaxTpsLimit        int64
}

type specClusterRecentStats struct {
	TopicNum           uint64
	ProducedMsgNum     uint64
	ConsumedMsgNum     uint64
	AccumulativeMsgNum uint64
}

type specClusterDetail struct {
	Info   specClusterInfo
	Config specClusterConfig
	Status int64
}

type specVipInstance struct {
	InstanceId      string
	InstanceName    string
	InstanceVersion string
	Status          uint64
	NodeCount       uint64
	ConfigDisplay   string
	MaxTps          uint64
	MaxBandWidth    uint64
	MaxStorage      uint64
	ExpireTime      uint64
	AutoRenewFlag   uint64
	PayMode         uint64
	Remark          string
	SpecName        string
	MaxRetention    int64
	MinRetention    int64
	Retention       int64
	AclEnabled      bool
	DestroyTime     uint64
}

type specNodeDistribution struct {
	ZoneName         string
	ZoneId           string
	NodeCount        uint64
	NodePermWipeFlag bool
	ZoneStatus       string
}

type specInstanceConfig struct {
	MaxTpsPerNamespace uint64
	MaxNamespaceNum    uint64
	UsedNamespaceNum   uint64
	MaxTopicNum        uint64
	UsedTopicNum       uint64
	MaxGroupNum        uint64
	UsedGroupNum       uint64
	ConfigDisplay      string
	NodeCount          uint64
	NodeDistribution   []specNodeDistribution
	TopicDistribution  []specTopicDistribution
	MaxQueuesPerTopic  uint64
	MaxRetention       int64
	MinRetention       int64
	Retention          int64
	TopicNumLowerLimit int64
	TopicNumUpperLimit int64
	SendReceiveRatio   float64
	TpsLimit           int64
	GeneralSkuCode     string
}

type specNamespace struct {
	NamespaceId      string
	Ttl              uint64
	RetentionTime    uint64
	Remark           string
	PublicEndpoint   string
	VpcEndpoint      string
	InternalEndpoint string
}

type specClientSubscriptionInfo struct {
	ClientId       string
	ClientAddr     string
	Topic          string
	SubString      string
	ExpressionType string
}

type specSubscription struct {
	Topic                   string
	Type                    string
	PartitionNum            int64
	ExpressionType          string
	SubString               string
	Status                  int64
	ConsumerLag             int64
	ClusterId               string
	ConsumerGroup           string
	IsOnline                bool
	ConsumeType             int64
	Consistency             int64
	LastUpdateTime          int64
	MaxRetryTimes           int64
	ClientProtocol          string
	ClientSubscriptionInfos []specClientSubscriptionInfo
}

type specTopic struct {
	Name              string
	Type              string
	GroupNum          uint64
	Remark            string
	PartitionNum      uint64
	CreateTime        uint64
	UpdateTime        uint64
	InstanceId        string
	Namespace         string
	LastUpdateTime    int64
	SubscriptionCount int64
	SubscriptionData  []specSubscription
	TagList           []specTag
}

type specTopicStats struct {
	BrokerName          string
	QueueId             int64
	MinOffset           int64
	MaxOffset           int64
	MessageCount        int64
	LastUpdateTimestamp int64
}

type specGroup struct {
	Name              string
	ConsumerNum       uint64
	TPS               uint64
	TotalAccumulative int64
	ConsumptionMode   int64
	ReadEnabled       bool
	RetryPartitionNum uint64
	CreateTime        uint64
	UpdateTime        uint64
	ClientProtocol    string
	Remark            string
	ConsumerType      string
	BroadcastEnabled  bool
	GroupType         string
	RetryMaxTimes     uint64
	InstanceId        string
	Namespace         string
	SubscribeTopicNum int64
	TagList           []specTag
}

type specConsumerStats struct {
	TopicName        string
	BrokerName       string
	QueueId          int64
	ConsumerClientId string
	ConsumerOffset   int64
	BrokerOffset     int64
	DiffTotal        int64
	LastTimestamp    int64
}

type specConsumerConnection struct {
	ClientId     string
	ClientAddr   string
	Language     string
	Accumulative int64
	Version      string
}

type specRole struct {
	RoleName   string
	Token      string
	Remark     string
	CreateTime string
	UpdateTime string
	PermType   string
	TokenType  string
	SecretName string
	RotateFreq uint64
}

type specEnvironmentRole struct {
	EnvironmentId string
	RoleName      string
	Permissions   []string
	RoleDescribe  string
	CreateTime    string
	UpdateTime    string
}

type specMessageTrack struct {
	Group               string
	ConsumeStatus       string
	TrackType           string
	ExceptionDesc       string
	ConsumeStatusSource string
}

type specMsgLog struct {
	MsgId                 string
	MsgTag                string
	MsgKey                string
	ProducerAddr          string
	ProduceTime           string
	PulsarMsgId           string
	DeadLetterResendTimes int64
	ResendSuccessCount    int64
}

type specTraceResult struct {
	Stage string
	Data  string
}

type specProducerInfo struct {
	ClientId            string
	ClientIp            string
	Language            string
	Version             string
	LastUpdateTimestamp int64
}

// Response bodies, one per action (RequestId is checked separately).

type specClusterIDResponse struct{ ClusterId string }

type specEmpty struct{}

type specDescribeClusterResponse struct {
	ClusterInfo   specClusterInfo
	ClusterConfig specClusterConfig
	ClusterStats  specClusterRecentStats
}

type specDescribeClustersResponse struct {
	ClusterList []specClusterDetail
	TotalCount  uint64
}

type specDescribeVipInstancesResponse struct {
	TotalCount uint64
	Instances  []specVipInstance
}

type specDescribeVipInstanceDetailResponse struct {
	ClusterInfo    specClusterInfo
	InstanceConfig specInstanceConfig
}

type specDescribeNamespacesResponse struct {
	Namespaces []specNamespace
	TotalCount uint64
}

type specDescribeTopicsResponse struct {
	TotalCount uint64
	Topics     []specTopic
}

type specDescribeTopicResponse struct{ Topic specTopic }

type specTopicsByGroupResponse struct {
	TotalCount uint64
	Topics     []string
}

type specTopicStatsResponse struct{ TopicStatsList []specTopicStats }

type specDescribeGroupsResponse struct {
	TotalCount uint64
	Groups     []specGroup
}

type specConsumeStatsResponse struct{ ConsumerStatsList []specConsumerStats }

type specConsumerConnectionsResponse struct {
	TotalCount  uint64
	Connections []specConsumerConnection
	GroupDetail specGroup
}

type specSubscriptionsResponse struct {
	TotalCount    int64
	Subscriptions []specSubscription
}

type specCreateRoleResponse struct {
	RoleName string
	Token    string
	Remark   string
}

type specDescribeRolesResponse struct {
	TotalCount int64
	RoleSets   []specRole
}

type specModifyRoleResponse struct {
	RoleName string
	Remark   string
}

type specDeleteRolesResponse struct{ RoleNames []string }

type specDescribeEnvironmentRolesResponse struct {
	TotalCount          int64
	EnvironmentRoleSets []specEnvironmentRole
}

type specSendMessageResponse struct {
	Result bool
	MsgId  string
}

type specDescribeMsgResponse struct {
	Body               string
	Properties         string
	ProduceTime        string
	MsgId              string
	ProducerAddr       string
	MessageTracks      []specMessageTrack
	ShowTopicName      string
	MessageTracksCount int64
}

type specTopicMsgsResponse struct {
	TotalCount      uint64
	TopicMsgLogSets []specMsgLog
	TaskRequestId   string
}

type specMsgTraceResponse struct {
	Result        []specTraceResult
	ShowTopicName string
}

type specProducersResponse struct {
	Producers  []specProducerInfo
	TotalCount int64
}
