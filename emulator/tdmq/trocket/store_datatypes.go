package trocket

import "github.com/mqmock/mqmock/internal/tcdata"

// 5.x data types (tdmq.md §5 "Data types referenced by the trocket actions"),
// with the SDK's field names and Go types: Integer = int64, Integer (uint64)
// = uint64, Float = float64. Lists are never rendered as null.

// tag, tagIn, filter and tagFilter are API 3.0's common data types, one
// definition for every product (tcdata).
type (
	tag       = tcdata.Tag
	tagIn     = tcdata.TagIn
	filter    = tcdata.Filter
	tagFilter = tcdata.TagFilter
)

type vpc struct {
	VpcId    string `json:"VpcId"`
	SubnetId string `json:"SubnetId"`
}

type ipRule struct {
	Ip     string `json:"Ip"`
	Allow  bool   `json:"Allow"`
	Remark string `json:"Remark"`
}

type retryPolicy struct {
	PolicyType    string `json:"PolicyType"`
	RetryInterval int64  `json:"RetryInterval"`
}

type detailedRolePerm struct {
	Resource     string `json:"Resource"`
	PermWrite    bool   `json:"PermWrite"`
	PermRead     bool   `json:"PermRead"`
	ResourceType string `json:"ResourceType"`
	Remark       string `json:"Remark"`
}

type endpoint struct {
	Type        string   `json:"Type"`
	Status      string   `json:"Status"`
	PayMode     string   `json:"PayMode"`
	EndpointUrl string   `json:"EndpointUrl"`
	VpcId       string   `json:"VpcId"`
	SubnetId    string   `json:"SubnetId"`
	Bandwidth   int64    `json:"Bandwidth"`
	IpRules     []ipRule `json:"IpRules"`
	BillingFlow bool     `json:"BillingFlow"`
}

type zoneScheduledItem struct {
	ZoneId           string `json:"ZoneId"`
	NodePermWipeFlag bool   `json:"NodePermWipeFlag"`
}

type instanceItem struct {
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
	TagList          []tag  `json:"TagList"`
	SkuCode          string `json:"SkuCode"`
	TpsLimit         int64  `json:"TpsLimit"`
	ScaledTpsLimit   int64  `json:"ScaledTpsLimit"`
	MessageRetention int64  `json:"MessageRetention"`
	MaxMessageDelay  int64  `json:"MaxMessageDelay"`
	RenewFlag        int64  `json:"RenewFlag"`
}

type instanceItemExtraInfo struct {
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

type fusionInstanceItem struct {
	instanceItem
	InstanceItemExtraInfo    *instanceItemExtraInfo `json:"InstanceItemExtraInfo"`
	DestroyTime              int64                  `json:"DestroyTime"`
	ZoneIds                  []int64                `json:"ZoneIds"`
	EnableDeletionProtection bool                   `json:"EnableDeletionProtection"`
	CreateTime               int64                  `json:"CreateTime"`
	ScaledTpsEnabled         bool                   `json:"ScaledTpsEnabled"`
}

type topicItem struct {
	InstanceId string `json:"InstanceId"`
	Topic      string `json:"Topic"`
	TopicType  string `json:"TopicType"`
	QueueNum   int64  `json:"QueueNum"`
	Remark     string `json:"Remark"`
	// The 4.x resource a migrated topic came from: the API's ClusterIdV4...
	// (the Go names lead with V4, so no identifier ends in a generation digit).
	V4ClusterId     string `json:"ClusterIdV4"`
	V4Namespace     string `json:"NamespaceV4"`
	V4Topic         string `json:"TopicV4"`
	V4FullNamespace string `json:"FullNamespaceV4"`
	MsgTTL          int64  `json:"MsgTTL"`
	TagList         []tag  `json:"TagList"`
}

type clientSubscriptionInfo struct {
	ClientId       string `json:"ClientId"`
	ClientAddr     string `json:"ClientAddr"`
	Topic          string `json:"Topic"`
	SubString      string `json:"SubString"`
	ExpressionType string `json:"ExpressionType"`
}

type subscriptionData struct {
	InstanceId              string                   `json:"InstanceId"`
	Topic                   string                   `json:"Topic"`
	TopicType               string                   `json:"TopicType"`
	TopicQueueNum           int64                    `json:"TopicQueueNum"`
	ConsumerGroup           string                   `json:"ConsumerGroup"`
	IsOnline                bool                     `json:"IsOnline"`
	ConsumeType             string                   `json:"ConsumeType"`
	SubString               string                   `json:"SubString"`
	ExpressionType          string                   `json:"ExpressionType"`
	Consistency             int64                    `json:"Consistency"`
	ConsumerLag             int64                    `json:"ConsumerLag"`
	LastUpdateTime          int64                    `json:"LastUpdateTime"`
	MaxRetryTimes           int64                    `json:"MaxRetryTimes"`
	ConsumeMessageOrderly   bool                     `json:"ConsumeMessageOrderly"`
	MessageModel            string                   `json:"MessageModel"`
	ClientSubscriptionInfos []clientSubscriptionInfo `json:"ClientSubscriptionInfos"`
}

type topicStatsDetail struct {
	BrokerName          string `json:"BrokerName"`
	QueueId             int64  `json:"QueueId"`
	BrokerOffset        int64  `json:"BrokerOffset"`
	CommitOffset        int64  `json:"CommitOffset"`
	MessageCount        int64  `json:"MessageCount"`
	LastUpdateTimestamp int64  `json:"LastUpdateTimestamp"`
}

type consumeGroupItem struct {
	InstanceId            string       `json:"InstanceId"`
	ConsumerGroup         string       `json:"ConsumerGroup"`
	ConsumeEnable         bool         `json:"ConsumeEnable"`
	ConsumeMessageOrderly bool         `json:"ConsumeMessageOrderly"`
	MaxRetryTimes         int64        `json:"MaxRetryTimes"`
	Remark                string       `json:"Remark"`
	V4ClusterId           string       `json:"ClusterIdV4"`
	V4Namespace           string       `json:"NamespaceV4"`
	V4ConsumerGroup       string       `json:"ConsumerGroupV4"`
	V4FullNamespace       string       `json:"FullNamespaceV4"`
	SubscribeTopicNum     int64        `json:"SubscribeTopicNum"`
	CreateTime            int64        `json:"CreateTime"`
	TagList               []tag        `json:"TagList"`
	RetryPolicy           *retryPolicy `json:"RetryPolicy"`
}

type consumerClient struct {
	ClientId        string `json:"ClientId"`
	ClientAddr      string `json:"ClientAddr"`
	Language        string `json:"Language"`
	Version         string `json:"Version"`
	ConsumerLag     int64  `json:"ConsumerLag"`
	ChannelProtocol string `json:"ChannelProtocol"`
}

type topicConsumeStats struct {
	Topic          string `json:"Topic"`
	TopicType      string `json:"TopicType"`
	QueueNum       int64  `json:"QueueNum"`
	ConsumerLag    int64  `json:"ConsumerLag"`
	SubString      string `json:"SubString"`
	LastUpdateTime int64  `json:"LastUpdateTime"`
}

type roleItem struct {
	RoleName          string             `json:"RoleName"`
	PermRead          bool               `json:"PermRead"`
	PermWrite         bool               `json:"PermWrite"`
	AccessKey         string             `json:"AccessKey"`
	SecretKey         string             `json:"SecretKey"`
	Remark            string             `json:"Remark"`
	CreatedTime       int64              `json:"CreatedTime"`
	ModifiedTime      int64              `json:"ModifiedTime"`
	PermType          string             `json:"PermType"`
	DetailedRolePerms []detailedRolePerm `json:"DetailedRolePerms"`
}

type messageItem struct {
	MsgId                        string `json:"MsgId"`
	Tags                         string `json:"Tags"`
	Keys                         string `json:"Keys"`
	ProducerAddr                 string `json:"ProducerAddr"`
	ProduceTime                  string `json:"ProduceTime"`
	DeadLetterResendTimes        int64  `json:"DeadLetterResendTimes"`
	DeadLetterResendSuccessTimes int64  `json:"DeadLetterResendSuccessTimes"`
}

type messageTrackItem struct {
	ConsumerGroup       string `json:"ConsumerGroup"`
	ConsumeStatus       string `json:"ConsumeStatus"`
	TrackType           string `json:"TrackType"`
	ExceptionDesc       string `json:"ExceptionDesc"`
	ConsumeStatusSource string `json:"ConsumeStatusSource"`
}

type messageTraceItem struct {
	Stage string `json:"Stage"`
	Data  string `json:"Data"`
}

type producerInfo struct {
	ClientId            string `json:"ClientId"`
	ClientIp            string `json:"ClientIp"`
	Language            string `json:"Language"`
	Version             string `json:"Version"`
	LastUpdateTimestamp uint64 `json:"LastUpdateTimestamp"`
	ChannelProtocol     string `json:"ChannelProtocol"`
}
