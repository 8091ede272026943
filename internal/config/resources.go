package config

import "github.com/mqmock/mqmock/internal/account"

// Resources are an account's resources from the start (accounts[].resources),
// created through each API's own rules at start and after every reset.
type Resources struct {
	CMQ  CMQResources  `mapstructure:"cmq"`
	MQTT MQTTResources `mapstructure:"mqtt"`
	ONS  ONSResources  `mapstructure:"ons"`
	// RocketMQ is TDMQ for RocketMQ 4.x, TRocket 5.x.
	RocketMQ RocketMQResources `mapstructure:"rocketmq4"`
	TRocket  TRocketResources  `mapstructure:"rocketmq5"`
}

// CMQResources are created queues first, then topics, then subscriptions.
type CMQResources struct {
	Queues        []CMQQueue        `mapstructure:"queues"`
	Topics        []CMQTopic        `mapstructure:"topics"`
	Subscriptions []CMQSubscription `mapstructure:"subscriptions"`
}

// CMQQueue is a CreateQueue request; an attribute left out takes the API's
// default.
type CMQQueue struct {
	Name                string `mapstructure:"name"`
	MaxMsgHeapNum       *int64 `mapstructure:"maxMsgHeapNum"`
	PollingWaitSeconds  *int64 `mapstructure:"pollingWaitSeconds"`
	VisibilityTimeout   *int64 `mapstructure:"visibilityTimeout"`
	MaxMsgSize          *int64 `mapstructure:"maxMsgSize"`
	MsgRetentionSeconds *int64 `mapstructure:"msgRetentionSeconds"`
	RewindSeconds       *int64 `mapstructure:"rewindSeconds"`
	// DeadLetterPolicy is set once every declared queue exists.
	DeadLetterPolicy *CMQDeadLetterPolicy `mapstructure:"deadLetterPolicy"`
}

// CMQDeadLetterPolicy is SetQueueAttributes' deadLetterPolicy: policy 0
// moves a message after maxReceiveCount receives, 1 after maxTimeToLive
// seconds unconsumed.
type CMQDeadLetterPolicy struct {
	DeadLetterQueue string `mapstructure:"deadLetterQueue"`
	Policy          int64  `mapstructure:"policy"`
	MaxReceiveCount *int64 `mapstructure:"maxReceiveCount"`
	MaxTimeToLive   *int64 `mapstructure:"maxTimeToLive"`
}

// CMQTopic is a CreateTopic request.
type CMQTopic struct {
	Name       string `mapstructure:"name"`
	MaxMsgSize *int64 `mapstructure:"maxMsgSize"`
	FilterType *int64 `mapstructure:"filterType"`
}

// CMQSubscription is a Subscribe request.
type CMQSubscription struct {
	Topic               string   `mapstructure:"topic"`
	Name                string   `mapstructure:"name"`
	Protocol            string   `mapstructure:"protocol"`
	Endpoint            string   `mapstructure:"endpoint"`
	NotifyStrategy      string   `mapstructure:"notifyStrategy"`
	NotifyContentFormat string   `mapstructure:"notifyContentFormat"`
	FilterTags          []string `mapstructure:"filterTags"`
	BindingKeys         []string `mapstructure:"bindingKeys"`
}

// MQTTResources are MQTT group ids.
type MQTTResources struct {
	GroupIDs []MQTTGroupID `mapstructure:"groupIds"`
}

// MQTTGroupID is a CreateGroupId request.
type MQTTGroupID struct {
	InstanceID string `mapstructure:"instanceId"`
	GroupID    string `mapstructure:"groupId"`
}

// ONSResources are ONS topics, then groups.
type ONSResources struct {
	Topics []ONSTopic `mapstructure:"topics"`
	Groups []ONSGroup `mapstructure:"groups"`
}

// ONSTopic is an OnsTopicCreate request.
type ONSTopic struct {
	InstanceID  string `mapstructure:"instanceId"`
	Topic       string `mapstructure:"topic"`
	MessageType int64  `mapstructure:"messageType"`
	Remark      string `mapstructure:"remark"`
}

// ONSGroup is an OnsGroupCreate request.
type ONSGroup struct {
	InstanceID string `mapstructure:"instanceId"`
	GroupID    string `mapstructure:"groupId"`
	GroupType  string `mapstructure:"groupType"`
	Remark     string `mapstructure:"remark"`
}

// RocketMQResources are TDMQ RocketMQ 4.x clusters, then namespaces,
// topics and groups (accounts[].resources.rocketmq4).
type RocketMQResources struct {
	Clusters   []RocketMQCluster   `mapstructure:"clusters"`
	Namespaces []RocketMQNamespace `mapstructure:"namespaces"`
	Topics     []RocketMQTopic     `mapstructure:"topics"`
	Groups     []RocketMQGroup     `mapstructure:"groups"`
}

// RocketMQCluster is a CreateRocketMQCluster request, with the id the
// cluster gets and the region it is in.
type RocketMQCluster struct {
	ClusterID string `mapstructure:"clusterId"`
	Region    string `mapstructure:"region"`
	Name      string `mapstructure:"name"`
	Remark    string `mapstructure:"remark"`
}

// RocketMQNamespace is a CreateRocketMQNamespace request.
type RocketMQNamespace struct {
	ClusterID     string `mapstructure:"clusterId"`
	NamespaceID   string `mapstructure:"namespaceId"`
	Ttl           *int64 `mapstructure:"ttl"`
	RetentionTime *int64 `mapstructure:"retentionTime"`
	Remark        string `mapstructure:"remark"`
}

// RocketMQTopic is a CreateRocketMQTopicV2 request.
type RocketMQTopic struct {
	ClusterID    string `mapstructure:"clusterId"`
	Namespace    string `mapstructure:"namespace"`
	Topic        string `mapstructure:"topic"`
	Type         string `mapstructure:"type"`
	PartitionNum *int64 `mapstructure:"partitionNum"`
	Remark       string `mapstructure:"remark"`
}

// RocketMQGroup is a CreateRocketMQGroupV2 request.
type RocketMQGroup struct {
	ClusterID       string `mapstructure:"clusterId"`
	Namespace       string `mapstructure:"namespace"`
	GroupID         string `mapstructure:"groupId"`
	ReadEnable      *bool  `mapstructure:"readEnable"`
	BroadcastEnable bool   `mapstructure:"broadcastEnable"`
	GroupType       string `mapstructure:"groupType"`
	RetryMaxTimes   *int64 `mapstructure:"retryMaxTimes"`
	Remark          string `mapstructure:"remark"`
}

// TRocketResources are TDMQ RocketMQ 5.x instances, then topics and
// consumer groups (accounts[].resources.rocketmq5).
type TRocketResources struct {
	Instances []TRocketInstance `mapstructure:"instances"`
	Topics    []TRocketTopic    `mapstructure:"topics"`
	Groups    []TRocketGroup    `mapstructure:"groups"`
}

// TRocketInstance is a CreateInstance request, with the id the instance
// gets and the region it is in.
type TRocketInstance struct {
	InstanceID       string       `mapstructure:"instanceId"`
	Region           string       `mapstructure:"region"`
	InstanceType     string       `mapstructure:"instanceType"`
	Name             string       `mapstructure:"name"`
	SkuCode          string       `mapstructure:"skuCode"`
	Remark           string       `mapstructure:"remark"`
	MessageRetention *int64       `mapstructure:"messageRetention"`
	VpcList          []TRocketVPC `mapstructure:"vpcList"`
}

// TRocketVPC is one VpcList entry.
type TRocketVPC struct {
	VpcID    string `mapstructure:"vpcId"`
	SubnetID string `mapstructure:"subnetId"`
}

// TRocketTopic is a CreateTopic request.
type TRocketTopic struct {
	InstanceID string `mapstructure:"instanceId"`
	Topic      string `mapstructure:"topic"`
	TopicType  string `mapstructure:"topicType"`
	QueueNum   *int64 `mapstructure:"queueNum"`
	Remark     string `mapstructure:"remark"`
}

// TRocketGroup is a CreateConsumerGroup request.
type TRocketGroup struct {
	InstanceID            string `mapstructure:"instanceId"`
	ConsumerGroup         string `mapstructure:"consumerGroup"`
	MaxRetryTimes         *int64 `mapstructure:"maxRetryTimes"`
	ConsumeEnable         *bool  `mapstructure:"consumeEnable"`
	ConsumeMessageOrderly bool   `mapstructure:"consumeMessageOrderly"`
	Remark                string `mapstructure:"remark"`
}

func convert[T, U any](in []T, f func(T) U) []U {
	var out []U
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}

// account is the resources as the products read them.
func (r Resources) account() account.Resources {
	return account.Resources{
		CMQ: account.CMQResources{
			Queues:        convert(r.CMQ.Queues, CMQQueue.account),
			Topics:        convert(r.CMQ.Topics, func(t CMQTopic) account.CMQTopic { return account.CMQTopic(t) }),
			Subscriptions: convert(r.CMQ.Subscriptions, func(s CMQSubscription) account.CMQSubscription { return account.CMQSubscription(s) }),
		},
		MQTT: account.MQTTResources{
			GroupIDs: convert(r.MQTT.GroupIDs, func(g MQTTGroupID) account.MQTTGroupID { return account.MQTTGroupID(g) }),
		},
		ONS: account.ONSResources{
			Topics: convert(r.ONS.Topics, func(t ONSTopic) account.ONSTopic { return account.ONSTopic(t) }),
			Groups: convert(r.ONS.Groups, func(g ONSGroup) account.ONSGroup { return account.ONSGroup(g) }),
		},
		RocketMQ: account.RocketMQResources{
			Clusters:   convert(r.RocketMQ.Clusters, func(c RocketMQCluster) account.RocketMQCluster { return account.RocketMQCluster(c) }),
			Namespaces: convert(r.RocketMQ.Namespaces, func(n RocketMQNamespace) account.RocketMQNamespace { return account.RocketMQNamespace(n) }),
			Topics:     convert(r.RocketMQ.Topics, func(t RocketMQTopic) account.RocketMQTopic { return account.RocketMQTopic(t) }),
			Groups:     convert(r.RocketMQ.Groups, func(g RocketMQGroup) account.RocketMQGroup { return account.RocketMQGroup(g) }),
		},
		TRocket: account.TRocketResources{
			Instances: convert(r.TRocket.Instances, func(i TRocketInstance) account.TRocketInstance {
				a := account.TRocketInstance{InstanceID: i.InstanceID, Region: i.Region, InstanceType: i.InstanceType, Name: i.Name,
					SkuCode: i.SkuCode, Remark: i.Remark, MessageRetention: i.MessageRetention}
				a.VpcList = convert(i.VpcList, func(v TRocketVPC) account.TRocketVPC { return account.TRocketVPC(v) })
				return a
			}),
			Topics: convert(r.TRocket.Topics, func(t TRocketTopic) account.TRocketTopic { return account.TRocketTopic(t) }),
			Groups: convert(r.TRocket.Groups, func(g TRocketGroup) account.TRocketGroup { return account.TRocketGroup(g) }),
		},
	}
}

// account is the queue as the CMQ product reads it.
func (q CMQQueue) account() account.CMQQueue {
	a := account.CMQQueue{Name: q.Name, MaxMsgHeapNum: q.MaxMsgHeapNum, PollingWaitSeconds: q.PollingWaitSeconds,
		VisibilityTimeout: q.VisibilityTimeout, MaxMsgSize: q.MaxMsgSize, MsgRetentionSeconds: q.MsgRetentionSeconds,
		RewindSeconds: q.RewindSeconds}
	if d := q.DeadLetterPolicy; d != nil {
		a.DeadLetterPolicy = &account.CMQDeadLetterPolicy{DeadLetterQueue: d.DeadLetterQueue, Policy: d.Policy,
			MaxReceiveCount: d.MaxReceiveCount, MaxTimeToLive: d.MaxTimeToLive}
	}
	return a
}
