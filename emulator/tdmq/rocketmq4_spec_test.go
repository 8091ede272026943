package tdmq_test

// Response shapes of the 4.x actions, written from tdmq.md §6 (the SDK's
// field names and Go types: Integer = int64, Integer (uint64) = uint64,
// Float = float64), independently of the emulator's own types. Responses are
// decoded into them strictly: an unknown field, a mistyped one (a negative
// uint64, a number for a string) or a missing one fails the test.

type s4Tag struct {
	TagKey   string
	TagValue string
}

type s4Vpc struct {
	VpcId    string
	SubnetId string
}

type s4ClusterInfo struct {
	ClusterId                     string
	ClusterName                   string
	Region                        string
	CreateTime                    uint64
	Remark                        string
	PublicEndPoint                string
	VpcEndPoint                   string
	SupportNamespaceEndpoint      bool
	Vpcs                          []s4Vpc
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

type s4TopicDistribution struct {
	TopicType string
	Count     uint64
}

type s4ClusterConfig struct {
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
	TopicDistribution  []s4TopicDistribution
	MaxRoleNum         int64
	MaxTpsLimit        int64
}

type s4ClusterRecentStats struct {
	TopicNum           uint64
	ProducedMsgNum     uint64
	ConsumedMsgNum     uint64
	AccumulativeMsgNum uint64
}

type s4ClusterDetail struct {
	Info   s4ClusterInfo
	Config s4ClusterConfig
	Status int64
}

type s4VipInstance struct {
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

type s4NodeDistribution struct {
	ZoneName         string
	ZoneId           string
	NodeCount        uint64
	NodePermWipeFlag bool
	ZoneStatus       string
}

type s4InstanceConfig struct {
	MaxTpsPerNamespace uint64
	MaxNamespaceNum    uint64
	UsedNamespaceNum   uint64
	MaxTopicNum        uint64
	UsedTopicNum       uint64
	MaxGroupNum        uint64
	UsedGroupNum       uint64
	ConfigDisplay      string
	NodeCount          uint64
	NodeDistribution   []s4NodeDistribution
	TopicDistribution  []s4TopicDistribution
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

type s4Namespace struct {
	NamespaceId      string
	Ttl              uint64
	RetentionTime    uint64
	Remark           string
	PublicEndpoint   string
	VpcEndpoint      string
	InternalEndpoint string
}

type s4ClientSubscriptionInfo struct {
	ClientId       string
	ClientAddr     string
	Topic          string
	SubString      string
	ExpressionType string
}

type s4Subscription struct {
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
	ClientSubscriptionInfos []s4ClientSubscriptionInfo
}

type s4Topic struct {
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
	SubscriptionData  []s4Subscription
	TagList           []s4Tag
}

type s4TopicStats struct {
	BrokerName          string
	QueueId             int64
	MinOffset           int64
	MaxOffset           int64
	MessageCount        int64
	LastUpdateTimestamp int64
}

type s4Group struct {
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
	TagList           []s4Tag
}

type s4ConsumerStats struct {
	TopicName        string
	BrokerName       string
	QueueId          int64
	ConsumerClientId string
	ConsumerOffset   int64
	BrokerOffset     int64
	DiffTotal        int64
	LastTimestamp    int64
}

type s4ConsumerConnection struct {
	ClientId     string
	ClientAddr   string
	Language     string
	Accumulative int64
	Version      string
}

type s4Role struct {
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

type s4EnvironmentRole struct {
	EnvironmentId string
	RoleName      string
	Permissions   []string
	RoleDescribe  string
	CreateTime    string
	UpdateTime    string
}

type s4MessageTrack struct {
	Group               string
	ConsumeStatus       string
	TrackType           string
	ExceptionDesc       string
	ConsumeStatusSource string
}

type s4MsgLog struct {
	MsgId                 string
	MsgTag                string
	MsgKey                string
	ProducerAddr          string
	ProduceTime           string
	PulsarMsgId           string
	DeadLetterResendTimes int64
	ResendSuccessCount    int64
}

type s4TraceResult struct {
	Stage string
	Data  string
}

type s4ProducerInfo struct {
	ClientId            string
	ClientIp            string
	Language            string
	Version             string
	LastUpdateTimestamp int64
}

// Response bodies, one per action (RequestId is checked separately).

type s4ClusterIDResponse struct{ ClusterId string }

type s4Empty struct{}

type s4DescribeClusterResponse struct {
	ClusterInfo   s4ClusterInfo
	ClusterConfig s4ClusterConfig
	ClusterStats  s4ClusterRecentStats
}

type s4DescribeClustersResponse struct {
	ClusterList []s4ClusterDetail
	TotalCount  uint64
}

type s4DescribeVipInstancesResponse struct {
	TotalCount uint64
	Instances  []s4VipInstance
}

type s4DescribeVipInstanceDetailResponse struct {
	ClusterInfo    s4ClusterInfo
	InstanceConfig s4InstanceConfig
}

type s4DescribeNamespacesResponse struct {
	Namespaces []s4Namespace
	TotalCount uint64
}

type s4DescribeTopicsResponse struct {
	TotalCount uint64
	Topics     []s4Topic
}

type s4DescribeTopicResponse struct{ Topic s4Topic }

type s4TopicsByGroupResponse struct {
	TotalCount uint64
	Topics     []string
}

type s4TopicStatsResponse struct{ TopicStatsList []s4TopicStats }

type s4DescribeGroupsResponse struct {
	TotalCount uint64
	Groups     []s4Group
}

type s4ConsumeStatsResponse struct{ ConsumerStatsList []s4ConsumerStats }

type s4ConsumerConnectionsResponse struct {
	TotalCount  uint64
	Connections []s4ConsumerConnection
	GroupDetail s4Group
}

type s4SubscriptionsResponse struct {
	TotalCount    int64
	Subscriptions []s4Subscription
}

type s4CreateRoleResponse struct {
	RoleName string
	Token    string
	Remark   string
}

type s4DescribeRolesResponse struct {
	TotalCount int64
	RoleSets   []s4Role
}

type s4ModifyRoleResponse struct {
	RoleName string
	Remark   string
}

type s4DeleteRolesResponse struct{ RoleNames []string }

type s4DescribeEnvironmentRolesResponse struct {
	TotalCount          int64
	EnvironmentRoleSets []s4EnvironmentRole
}

type s4SendMessageResponse struct {
	Result bool
	MsgId  string
}

type s4DescribeMsgResponse struct {
	Body               string
	Properties         string
	ProduceTime        string
	MsgId              string
	ProducerAddr       string
	MessageTracks      []s4MessageTrack
	ShowTopicName      string
	MessageTracksCount int64
}

type s4TopicMsgsResponse struct {
	TotalCount      uint64
	TopicMsgLogSets []s4MsgLog
	TaskRequestId   string
}

type s4MsgTraceResponse struct {
	Result        []s4TraceResult
	ShowTopicName string
}

type s4ProducersResponse struct {
	Producers  []s4ProducerInfo
	TotalCount int64
}
