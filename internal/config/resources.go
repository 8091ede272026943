package config

import "github.com/mqmock/mqmock/internal/account"

// Resources are an account's resources from the start (accounts[].resources),
// created through each API's own rules at start and after every reset.
type Resources struct {
	CMQ  CMQResources  `mapstructure:"cmq"`
	MQTT MQTTResources `mapstructure:"mqtt"`
	ONS  ONSResources  `mapstructure:"ons"`
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
			Queues:        convert(r.CMQ.Queues, func(q CMQQueue) account.CMQQueue { return account.CMQQueue(q) }),
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
	}
}
