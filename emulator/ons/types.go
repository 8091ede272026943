package ons

// Response shapes, field for field the Go SDK's (services/ons struct_*.go):
// json names are case-sensitive there, and every nested list sits in its
// wrapper object. RequestId is added by the envelope writer.

type helpOnly struct {
	HelpURL string `json:"HelpUrl"`
}

type tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type tags struct {
	Tag []tag `json:"Tag"`
}

func tagsOfKV(in []kv) tags {
	out := tags{Tag: make([]tag, len(in))}
	for i, t := range in {
		out.Tag[i] = tag(t)
	}
	return out
}

// instanceVO is InstanceVO (CreateTime an int64 here).
type instanceVO struct {
	InstanceID        string `json:"InstanceId"`
	InstanceName      string `json:"InstanceName"`
	InstanceStatus    int    `json:"InstanceStatus"`
	InstanceType      int    `json:"InstanceType"`
	IndependentNaming bool   `json:"IndependentNaming"`
	ReleaseTime       int64  `json:"ReleaseTime"`
	CreateTime        int64  `json:"CreateTime"`
	Tags              tags   `json:"Tags"`
}

type endpoints struct {
	TCPEndpoint                string `json:"TcpEndpoint"`
	TCPInternetEndpoint        string `json:"TcpInternetEndpoint"`
	HTTPInternetEndpoint       string `json:"HttpInternetEndpoint"`
	HTTPInternalEndpoint       string `json:"HttpInternalEndpoint"`
	HTTPInternetSecureEndpoint string `json:"HttpInternetSecureEndpoint"`
}

// instanceBaseInfo is InstanceBaseInfo (CreateTime a string here;
// spInstanceId/spInstanceType lower-case).
type instanceBaseInfo struct {
	InstanceID        string    `json:"InstanceId"`
	InstanceName      string    `json:"InstanceName"`
	InstanceStatus    int       `json:"InstanceStatus"`
	InstanceType      int       `json:"InstanceType"`
	IndependentNaming bool      `json:"IndependentNaming"`
	MaxTps            int64     `json:"MaxTps"`
	TopicCapacity     int       `json:"TopicCapacity"`
	ReleaseTime       int64     `json:"ReleaseTime"`
	CreateTime        string    `json:"CreateTime"`
	Remark            string    `json:"Remark"`
	SpInstanceID      string    `json:"spInstanceId"`
	SpInstanceType    int       `json:"spInstanceType"`
	Endpoints         endpoints `json:"Endpoints"`
}

type publishInfoDo struct {
	Topic             string `json:"Topic"`
	InstanceID        string `json:"InstanceId"`
	MessageType       int    `json:"MessageType"`
	Relation          int    `json:"Relation"`
	RelationName      string `json:"RelationName"`
	Owner             string `json:"Owner"`
	IndependentNaming bool   `json:"IndependentNaming"`
	Remark            string `json:"Remark"`
	CreateTime        int64  `json:"CreateTime"`
	ServiceStatus     int    `json:"ServiceStatus"`
	Tags              tags   `json:"Tags"`
}

type subscribeInfoDo struct {
	GroupID           string `json:"GroupId"`
	InstanceID        string `json:"InstanceId"`
	GroupType         string `json:"GroupType"`
	Owner             string `json:"Owner"`
	IndependentNaming bool   `json:"IndependentNaming"`
	Remark            string `json:"Remark"`
	CreateTime        int64  `json:"CreateTime"`
	UpdateTime        int64  `json:"UpdateTime"`
	Tags              tags   `json:"Tags"`
}

type regionDo struct {
	ID          int64  `json:"Id"`
	OnsRegionID string `json:"OnsRegionId"`
	RegionName  string `json:"RegionName"`
	ChannelID   int    `json:"ChannelId"`
	ChannelName string `json:"ChannelName"`
	CreateTime  int64  `json:"CreateTime"`
	UpdateTime  int64  `json:"UpdateTime"`
}

type detailInTopicDo struct {
	Topic         string `json:"Topic"`
	TotalDiff     int64  `json:"TotalDiff"`
	DelayTime     int64  `json:"DelayTime"`
	LastTimestamp int64  `json:"LastTimestamp"`
}

type detailInTopicList struct {
	DetailInTopicDo []detailInTopicDo `json:"DetailInTopicDo"`
}

type connectionDo struct {
	ClientAddr string `json:"ClientAddr"`
	ClientID   string `json:"ClientId"`
	Version    string `json:"Version"`
	Language   string `json:"Language"`
	RemoteIP   string `json:"RemoteIP"`
}

type connectionSet struct {
	ConnectionDo []connectionDo `json:"ConnectionDo"`
}

type subscriptionData struct {
	Topic      string `json:"Topic"`
	SubString  string `json:"SubString"`
	SubVersion int64  `json:"SubVersion"`
	TagsSet    struct {
		Tag []string `json:"Tag"`
	} `json:"TagsSet"`
}

type consumerConnectionInfoDo struct {
	ClientID        string `json:"ClientId"`
	Connection      string `json:"Connection"`
	Language        string `json:"Language"`
	Version         string `json:"Version"`
	ConsumeModel    string `json:"ConsumeModel"`
	ConsumeType     string `json:"ConsumeType"`
	ThreadCount     int    `json:"ThreadCount"`
	StartTimeStamp  int64  `json:"StartTimeStamp"`
	LastTimeStamp   int64  `json:"LastTimeStamp"`
	SubscriptionSet struct {
		SubscriptionData []subscriptionData `json:"SubscriptionData"`
	} `json:"SubscriptionSet"`
	RunningDataList struct {
		ConsumerRunningDataDo []struct{} `json:"ConsumerRunningDataDo"`
	} `json:"RunningDataList"`
	Jstack struct {
		ThreadTrackDo []struct{} `json:"ThreadTrackDo"`
	} `json:"Jstack"`
}

type subscriptionDataListItem struct {
	GroupID      string `json:"GroupId,omitempty"`
	Topic        string `json:"Topic,omitempty"`
	SubString    string `json:"SubString"`
	MessageModel string `json:"MessageModel,omitempty"`
}

// subscriptionDataList is the doubly nested wrapper of OnsGroupSubDetail and
// OnsTopicSubDetail (json tag SubscriptionDataList on the slice too).
type subscriptionDataList struct {
	SubscriptionDataList []subscriptionDataListItem `json:"SubscriptionDataList"`
}

type messageProperty struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

type propertyList struct {
	MessageProperty []messageProperty `json:"MessageProperty"`
}

// onsRestMessageDo is OnsRestMessageDo (GetByKey, page queries) and the
// message part of the shared Data (GetByMsgId).
type onsRestMessageDo struct {
	MsgID          string       `json:"MsgId"`
	Topic          string       `json:"Topic"`
	InstanceID     string       `json:"InstanceId"`
	Body           string       `json:"Body"`
	BodyCRC        int          `json:"BodyCRC"`
	StoreSize      int          `json:"StoreSize"`
	BornTimestamp  int64        `json:"BornTimestamp"`
	StoreTimestamp int64        `json:"StoreTimestamp"`
	BornHost       string       `json:"BornHost"`
	StoreHost      string       `json:"StoreHost"`
	ReconsumeTimes int          `json:"ReconsumeTimes"`
	Flag           int          `json:"Flag"`
	OffsetID       string       `json:"OffsetId"`
	PropertyList   propertyList `json:"PropertyList"`
}

func properties(m messageView) []messageProperty {
	out := []messageProperty{}
	if m.Tag != "" {
		out = append(out, messageProperty{"TAGS", m.Tag})
	}
	if m.Key != "" {
		out = append(out, messageProperty{"KEYS", m.Key})
	}
	return append(out, messageProperty{"UNIQ_KEY", m.ID})
}

// Hosts reported for every message: there is one "broker", the emulator.
const (
	bornHost  = "127.0.0.1:10911"
	storeHost = "127.0.0.1:10911"
)

func restMessage(m messageView) onsRestMessageDo {
	return onsRestMessageDo{
		MsgID: m.ID, Topic: m.Topic, InstanceID: m.InstanceID, Body: m.Body, BodyCRC: m.BodyCRC, StoreSize: m.StoreSize,
		BornTimestamp: m.Born, StoreTimestamp: m.Stored, BornHost: bornHost, StoreHost: storeHost, OffsetID: m.OffsetID,
		PropertyList: propertyList{MessageProperty: properties(m)},
	}
}
