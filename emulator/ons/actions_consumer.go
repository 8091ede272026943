package ons

import (
	"fmt"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// Consumer actions read the presence and backlog the control API sets.

// backlogData is the part of the shared Data struct the accumulation and
// status actions fill (LastTimestamp with a lower-case s here).
type backlogData struct {
	Online            bool              `json:"Online"`
	TotalDiff         int64             `json:"TotalDiff"`
	ConsumeTps        float64           `json:"ConsumeTps"`
	DelayTime         int64             `json:"DelayTime"`
	LastTimestamp     int64             `json:"LastTimestamp"`
	DetailInTopicList detailInTopicList `json:"DetailInTopicList"`
}

func backlogOf(st consumerState, detail bool) backlogData {
	d := backlogData{Online: st.Online, TotalDiff: st.TotalDiff, ConsumeTps: st.ConsumeTps, DelayTime: st.DelayTime,
		LastTimestamp: st.LastConsumed, DetailInTopicList: detailInTopicList{DetailInTopicDo: []detailInTopicDo{}}}
	if detail {
		for _, t := range st.Topics {
			d.DetailInTopicList.DetailInTopicDo = append(d.DetailInTopicList.DetailInTopicDo,
				detailInTopicDo{Topic: t.Topic, TotalDiff: t.Diff, DelayTime: t.Delay, LastTimestamp: t.LastConsumed})
		}
	}
	return d
}

// clientsOf are synthetic connections for an online group's clients.
func clientsOf(st consumerState) []connectionDo {
	out := []connectionDo{}
	if !st.Online {
		return out
	}
	for i := 1; i <= st.Clients; i++ {
		out = append(out, connectionDo{
			ClientAddr: fmt.Sprintf("127.0.0.1:%d", 50000+i), ClientID: fmt.Sprintf("127.0.0.1@%d", i),
			Version: "V4_9_4", Language: "JAVA", RemoteIP: "127.0.0.1",
		})
	}
	return out
}

func (p *Product) consumerAccumulate(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	detail, err := boolean(call, "Detail", false)
	if err != nil {
		return nil, err
	}
	st, err := p.store.consumers(call.Account, inst, id, false)
	if err != nil {
		return nil, err
	}
	return struct {
		helpOnly
		Data backlogData `json:"Data"`
	}{Data: backlogOf(st, detail)}, nil
}

// consumerStatus: an offline group answers Online false with empty lists;
// asking for thread stacks (NeedJstack) needs a live client.
func (p *Product) consumerStatus(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	detail, err := boolean(call, "Detail", false)
	if err != nil {
		return nil, err
	}
	jstack, err := boolean(call, "NeedJstack", false)
	if err != nil {
		return nil, err
	}
	st, err := p.store.consumers(call.Account, inst, id, jstack)
	if err != nil {
		return nil, err
	}
	type data struct {
		backlogData
		ConsumeModel               string        `json:"ConsumeModel"`
		SubscriptionSame           bool          `json:"SubscriptionSame"`
		RebalanceOK                bool          `json:"RebalanceOK"`
		InstanceID                 string        `json:"InstanceId"`
		ConnectionSet              connectionSet `json:"ConnectionSet"`
		ConsumerConnectionInfoList struct {
			ConsumerConnectionInfoDo []consumerConnectionInfoDo `json:"ConsumerConnectionInfoDo"`
		} `json:"ConsumerConnectionInfoList"`
	}
	d := data{backlogData: backlogOf(st, detail), ConsumeModel: st.MessageModel, SubscriptionSame: true,
		RebalanceOK: st.Online, InstanceID: st.InstanceID, ConnectionSet: connectionSet{ConnectionDo: clientsOf(st)}}
	d.ConsumerConnectionInfoList.ConsumerConnectionInfoDo = []consumerConnectionInfoDo{}
	if detail {
		for _, c := range d.ConnectionSet.ConnectionDo {
			info := consumerConnectionInfoDo{ClientID: c.ClientID, Connection: c.ClientAddr, Language: c.Language,
				Version: c.Version, ConsumeModel: st.MessageModel, ConsumeType: "CONSUME_PASSIVELY", ThreadCount: 20}
			info.SubscriptionSet.SubscriptionData = []subscriptionData{}
			for _, t := range st.Topics {
				sd := subscriptionData{Topic: t.Topic, SubString: t.Expr}
				sd.TagsSet.Tag = []string{}
				info.SubscriptionSet.SubscriptionData = append(info.SubscriptionSet.SubscriptionData, sd)
			}
			info.RunningDataList.ConsumerRunningDataDo = []struct{}{}
			info.Jstack.ThreadTrackDo = []struct{}{}
			d.ConsumerConnectionInfoList.ConsumerConnectionInfoDo = append(d.ConsumerConnectionInfoList.ConsumerConnectionInfoDo, info)
		}
	}
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: d}, nil
}

// consumerGetConnection needs a live client.
func (p *Product) consumerGetConnection(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	st, err := p.store.consumers(call.Account, inst, id, true)
	if err != nil {
		return nil, err
	}
	type data struct {
		ConnectionList struct {
			ConnectionDo []connectionDo `json:"ConnectionDo"`
		} `json:"ConnectionList"`
	}
	var d data
	d.ConnectionList.ConnectionDo = clientsOf(st)
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: d}, nil
}

func (p *Product) consumerResetOffset(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	topic, err := required(call, "Topic")
	if err != nil {
		return nil, err
	}
	typ, err := requiredInteger(call, "Type")
	if err != nil {
		return nil, err
	}
	ts, err := integer(call, "ResetTimestamp", 0)
	if err != nil {
		return nil, err
	}
	if typ == 1 {
		if _, err := required(call, "ResetTimestamp"); err != nil {
			return nil, err
		}
	}
	if err := p.store.resetOffset(call.Account, inst, id, topic, int(typ), ts); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (p *Product) consumerTimeSpan(call *pipeline.Call) (any, error) {
	inst, id, err := groupParams(call)
	if err != nil {
		return nil, err
	}
	topic, err := required(call, "Topic")
	if err != nil {
		return nil, err
	}
	span, err := p.store.topicTimeSpan(call.Account, inst, id, topic)
	if err != nil {
		return nil, err
	}
	type data struct {
		Topic            string `json:"Topic"`
		InstanceID       string `json:"InstanceId"`
		MinTimeStamp     int64  `json:"MinTimeStamp"`
		MaxTimeStamp     int64  `json:"MaxTimeStamp"`
		ConsumeTimeStamp int64  `json:"ConsumeTimeStamp"`
	}
	return struct {
		helpOnly
		Data data `json:"Data"`
	}{Data: data{Topic: topic, InstanceID: inst, MinTimeStamp: span.Min, MaxTimeStamp: span.Max, ConsumeTimeStamp: span.Consumed}}, nil
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
