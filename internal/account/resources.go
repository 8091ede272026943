package account

// Resources are what an account has from the start (the config file's
// accounts[].resources): each product creates them through its own API's
// rules at start and again after every reset. Numbers are pointers: nil is
// "not given", the API's default.
type Resources struct {
	CMQ  CMQResources
	MQTT MQTTResources
	ONS  ONSResources
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
