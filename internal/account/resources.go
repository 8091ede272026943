package account

// Resources are what an account has from the start (the config file's
// accounts[].resources): each product creates them through its own API's
// rules at start and again after every reset. Numbers are pointers: nil is
// "not given", the API's default.
type Resources struct {
	CMQ  CMQResources
	MQTT MQTTResources
	ONS  ONSResources
	// RocketMQ is TDMQ for RocketMQ 4.x (service tdmq), TRocket 5.x
	// (service trocket).
	RocketMQ RocketMQResources
	TRocket  TRocketResources
}

// CMQResources are CMQ queues, topics and subscriptions, created in that
// order (a subscription's queue endpoint and topic come first).
type CMQResources struct {
	Queues        []CMQQueue
	Topics        []CMQTopic
	Subscriptions []CMQSubscription
}

// CMQQueue is a CreateQueue request.
type CMQQueue struct {
	Name                                                                                  string
	MaxMsgHeapNum, PollingWaitSeconds, VisibilityTimeout, MaxMsgSize, MsgRetentionSeconds *int64
	RewindSeconds                                                                         *int64
	// DeadLetterPolicy, when set, is applied by SetQueueAttributes once every
	// declared queue exists (its dead-letter queue may come later in the list).
	DeadLetterPolicy *CMQDeadLetterPolicy
}

// CMQDeadLetterPolicy is a queue's deadLetterPolicy parameter: policy 0
// with maxReceiveCount, or 1 with maxTimeToLive (seconds).
type CMQDeadLetterPolicy struct {
	DeadLetterQueue                string
	Policy                         int64
	MaxReceiveCount, MaxTimeToLive *int64
}

// CMQTopic is a CreateTopic request.
type CMQTopic struct {
	Name       string
	MaxMsgSize *int64
	FilterType *int64
}

// CMQSubscription is a Subscribe request.
type CMQSubscription struct {
	Topic, Name, Protocol, Endpoint     string
	NotifyStrategy, NotifyContentFormat string
	FilterTags, BindingKeys             []string
}

// MQTTResources are MQTT group ids.
type MQTTResources struct {
	GroupIDs []MQTTGroupID
}

// MQTTGroupID is a CreateGroupId request.
type MQTTGroupID struct {
	InstanceID, GroupID string
}

// ONSResources are ONS topics and groups.
type ONSResources struct {
	Topics []ONSTopic
	Groups []ONSGroup
}

// ONSTopic is an OnsTopicCreate request.
type ONSTopic struct {
	InstanceID, Topic string
	MessageType       int64
	Remark            string
}

// ONSGroup is an OnsGroupCreate request.
type ONSGroup struct {
	InstanceID, GroupID, GroupType, Remark string
}

// RocketMQResources are TDMQ RocketMQ 4.x virtual clusters, then namespaces,
// topics and groups in them. A cluster has the id its declaration names, so
// the others (and the application under test) can name it.
type RocketMQResources struct {
	Clusters   []RocketMQCluster
	Namespaces []RocketMQNamespace
	Topics     []RocketMQTopic
	Groups     []RocketMQGroup
}

// RocketMQCluster is a CreateRocketMQCluster request in Region ("" is the
// default region).
type RocketMQCluster struct {
	ClusterID, Region, Name, Remark string
}

// RocketMQNamespace is a CreateRocketMQNamespace request.
type RocketMQNamespace struct {
	ClusterID, NamespaceID string
	Ttl, RetentionTime     *int64
	Remark                 string
}

// RocketMQTopic is a CreateRocketMQTopicV2 request.
type RocketMQTopic struct {
	ClusterID, Namespace, Topic, Type string
	PartitionNum                      *int64
	Remark                            string
}

// RocketMQGroup is a CreateRocketMQGroupV2 request; ReadEnable nil is true.
type RocketMQGroup struct {
	ClusterID, Namespace, GroupID string
	ReadEnable                    *bool
	BroadcastEnable               bool
	GroupType                     string
	RetryMaxTimes                 *int64
	Remark                        string
}

// TRocketResources are TDMQ RocketMQ 5.x instances, then topics and
// consumer groups in them. An instance has the id its declaration names.
type TRocketResources struct {
	Instances []TRocketInstance
	Topics    []TRocketTopic
	Groups    []TRocketGroup
}

// TRocketInstance is a CreateInstance request in Region ("" is the default
// region); an empty VpcList is one placeholder VPC.
type TRocketInstance struct {
	InstanceID, Region, InstanceType, Name, SkuCode, Remark string
	MessageRetention                                        *int64
	VpcList                                                 []TRocketVPC
}

// TRocketVPC is one VpcList entry.
type TRocketVPC struct {
	VpcID, SubnetID string
}

// TRocketTopic is a CreateTopic request.
type TRocketTopic struct {
	InstanceID, Topic, TopicType string
	QueueNum                     *int64
	Remark                       string
}

// TRocketGroup is a CreateConsumerGroup request; MaxRetryTimes nil is 16
// and ConsumeEnable nil is true.
type TRocketGroup struct {
	InstanceID, ConsumerGroup string
	MaxRetryTimes             *int64
	ConsumeEnable             *bool
	ConsumeMessageOrderly     bool
	Remark                    string
}
