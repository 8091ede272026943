package tdmq

// 5.x data types (tdmq.md §5 "Data types referenced by the trocket actions"),
// with the SDK's field names and Go types: Integer = int64, Integer (uint64)
// = uint64, Float = float64. Lists are never rendered as null.

type tag5 struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

type vpc5 struct {
	VpcId    string `json:"VpcId"`
	SubnetId string `json:"SubnetId"`
}

type ipRule5 struct {
	Ip     string `json:"Ip"`
	Allow  bool   `json:"Allow"`
	Remark string `json:"Remark"`
}

type retryPolicy5 struct {
	PolicyType    string `json:"PolicyType"`
	RetryInterval int64  `json:"RetryInterval"`
}

type detailedRolePerm5 struct {
	Resource     string `json:"Resource"`
	PermWrite    bool   `json:"PermWrite"`
	PermRead     bool   `json:"PermRead"`
	ResourceType string `json:"ResourceType"`
	Remark       string `json:"Remark"`
}

type endpoint5 struct {
	Type        string    `json:"Type"`
	Status      string    `json:"Status"`
	PayMode     string    `json:"PayMode"`
	EndpointUrl string    `json:"EndpointUrl"`
	VpcId       string    `json:"VpcId"`
	SubnetId    string    `json:"SubnetId"`
	Bandwidth   int64     `json:"Bandwidth"`
	IpRules     []ipRule5 `json:"IpRules"`
	BillingFlow bool      `json:"BillingFlow"`
}

type zoneScheduledItem5 struct {
	ZoneId           string `json:"ZoneId"`
	NodePermWipeFlag bool   `json:"NodePermWipeFlag"`
}

type instanceItem5 struct {
	InstanceId       string `json:"InstanceId"`
	InstanceName     string `json:"InstanceName"`
	Version          string `json:"Version"`
	InstanceType     string `json:"InstanceType"`
	InstanceStatus   string `json:"InstanceStatus"`
	TopicNumLimit    int64  `json:"TopicNumLimit"`
	GroupNumLimit    int64  `json:"GroupNumLimit"`
	PayMode          string `json:"PayMode"`
	ExpiryTime       int64  `json:"ExpiryTime"`
	Remark           string `json:"Remark"`
	TopicNum         int64  `json:"TopicNum"`
	GroupNum         int64  `json:"GroupNum"`
	TagList          []tag5 `json:"TagList"`
	SkuCode          string `json:"SkuCode"`
	TpsLimit         int64  `json:"TpsLimit"`
	ScaledTpsLimit   int64  `json:"ScaledTpsLimit"`
	MessageRetention int64  `json:"MessageRetention"`
	MaxMessageDelay  int64  `json:"MaxMessageDelay"`
	RenewFlag        int64  `json:"RenewFlag"`
}

type instanceItemExtraInfo5 struct {
	IsVip             bool   `json:"IsVip"`
	VipInstanceStatus int64  `json:"VipInstanceStatus"`
	MaxBandWidth      int64  `json:"MaxBandWidth"`
	SpecName          string `json:"SpecName"`
	NodeCount         int64  `json:"NodeCount"`
	MaxStorage        int64  `json:"MaxStorage"`
	MaxRetention      int64  `json:"MaxRetention"`
	MinRetention      int64  `json:"MinRetention"`
	InstanceStatus    int64  `json:"InstanceStatus"`
	IsFrozen          bool   `json:"IsFrozen"`
}

type fusionInstanceItem5 struct {
	instanceItem5
	InstanceItemExtraInfo    *instanceItemExtraInfo5 `json:"InstanceItemExtraInfo"`
	DestroyTime              int64                   `json:"DestroyTime"`
	ZoneIds                  []int64                 `json:"ZoneIds"`
	EnableDeletionProtection bool                    `json:"EnableDeletionProtection"`
	CreateTime               int64                   `json:"CreateTime"`
	ScaledTpsEnabled         bool                    `json:"ScaledTpsEnabled"`
}

type topicItem5 struct {
	InstanceId      string `json:"InstanceId"`
	Topic           string `json:"Topic"`
	TopicType       string `json:"TopicType"`
	QueueNum        int64  `json:"QueueNum"`
	Remark          string `json:"Remark"`
	ClusterIdV4     string `json:"ClusterIdV4"`
	NamespaceV4     string `json:"NamespaceV4"`
	TopicV4         string `json:"TopicV4"`
	FullNamespaceV4 string `json:"FullNamespaceV4"`
	MsgTTL          int64  `json:"MsgTTL"`
	TagList         []tag5 `json:"TagList"`
}

type clientSubscriptionInfo5 struct {
	ClientId       string `json:"ClientId"`
	ClientAddr     string `json:"ClientAddr"`
	Topic          string `json:"Topic"`
	SubString      string `json:"SubString"`
	ExpressionType string `json:"ExpressionType"`
}

type subscriptionData5 struct {
	InstanceId              string                    `json:"InstanceId"`
	Topic                   string                    `json:"Topic"`
	TopicType               string                    `json:"TopicType"`
	TopicQueueNum           int64                     `json:"TopicQueueNum"`
	ConsumerGroup           string                    `json:"ConsumerGroup"`
	IsOnline                bool                      `json:"IsOnline"`
	ConsumeType             string                    `json:"ConsumeType"`
	SubString               string                    `json:"SubString"`
	ExpressionType          string                    `json:"ExpressionType"`
	Consistency             int64                     `json:"Consistency"`
	ConsumerLag             int64                     `json:"ConsumerLag"`
	LastUpdateTime          int64                     `json:"LastUpdateTime"`
	MaxRetryTimes           int64                     `json:"MaxRetryTimes"`
	ConsumeMessageOrderly   bool                      `json:"ConsumeMessageOrderly"`
	MessageModel            string                    `json:"MessageModel"`
	ClientSubscriptionInfos []clientSubscriptionInfo5 `json:"ClientSubscriptionInfos"`
}

type topicStatsDetail5 struct {
	BrokerName          string `json:"BrokerName"`
	QueueId             int64  `json:"QueueId"`
	BrokerOffset        int64  `json:"BrokerOffset"`
	CommitOffset        int64  `json:"CommitOffset"`
	MessageCount        int64  `json:"MessageCount"`
	LastUpdateTimestamp int64  `json:"LastUpdateTimestamp"`
}

type consumeGroupItem5 struct {
	InstanceId            string        `json:"InstanceId"`
	ConsumerGroup         string        `json:"ConsumerGroup"`
	ConsumeEnable         bool          `json:"ConsumeEnable"`
	ConsumeMessageOrderly bool          `json:"ConsumeMessageOrderly"`
	MaxRetryTimes         int64         `json:"MaxRetryTimes"`
	Remark                string        `json:"Remark"`
	ClusterIdV4           string        `json:"ClusterIdV4"`
	NamespaceV4           string        `json:"NamespaceV4"`
	ConsumerGroupV4       string        `json:"ConsumerGroupV4"`
	FullNamespaceV4       string        `json:"FullNamespaceV4"`
	SubscribeTopicNum     int64         `json:"SubscribeTopicNum"`
	CreateTime            int64         `json:"CreateTime"`
	TagList               []tag5        `json:"TagList"`
	RetryPolicy           *retryPolicy5 `json:"RetryPolicy"`
}

type consumerClient5 struct {
	ClientId        string `json:"ClientId"`
	ClientAddr      string `json:"ClientAddr"`
	Language        string `json:"Language"`
	Version         string `json:"Version"`
	ConsumerLag     int64  `json:"ConsumerLag"`
	ChannelProtocol string `json:"ChannelProtocol"`
}

type topicConsumeStats5 struct {
	Topic          string `json:"Topic"`
	TopicType      string `json:"TopicType"`
	QueueNum       int64  `json:"QueueNum"`
	ConsumerLag    int64  `json:"ConsumerLag"`
	SubString      string `json:"SubString"`
	LastUpdateTime int64  `json:"LastUpdateTime"`
}

type roleItem5 struct {
	RoleName          string              `json:"RoleName"`
	PermRead          bool                `json:"PermRead"`
	PermWrite         bool                `json:"PermWrite"`
	AccessKey         string              `json:"AccessKey"`
	SecretKey         string              `json:"SecretKey"`
	Remark            string              `json:"Remark"`
	CreatedTime       int64               `json:"CreatedTime"`
	ModifiedTime      int64               `json:"ModifiedTime"`
	PermType          string              `json:"PermType"`
	DetailedRolePerms []detailedRolePerm5 `json:"DetailedRolePerms"`
}

type messageItem5 struct {
	MsgId                        string `json:"MsgId"`
	Tags                         string `json:"Tags"`
	Keys                         string `json:"Keys"`
	ProducerAddr                 string `json:"ProducerAddr"`
	ProduceTime                  string `json:"ProduceTime"`
	DeadLetterResendTimes        int64  `json:"DeadLetterResendTimes"`
	DeadLetterResendSuccessTimes int64  `json:"DeadLetterResendSuccessTimes"`
}

type messageTrackItem5 struct {
	ConsumerGroup       string `json:"ConsumerGroup"`
	ConsumeStatus       string `json:"ConsumeStatus"`
	TrackType           string `json:"TrackType"`
	ExceptionDesc       string `json:"ExceptionDesc"`
	ConsumeStatusSource string `json:"ConsumeStatusSource"`
}

type messageTraceItem5 struct {
	Stage string `json:"Stage"`
	Data  string `json:"Data"`
}

type producerInfo5 struct {
	ClientId            string `json:"ClientId"`
	ClientIp            string `json:"ClientIp"`
	Language            string `json:"Language"`
	Version             string `json:"Version"`
	LastUpdateTimestamp uint64 `json:"LastUpdateTimestamp"`
	ChannelProtocol     string `json:"ChannelProtocol"`
}
