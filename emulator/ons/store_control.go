package ons

import (
	"errors"
	"sort"
)

// Consumer presence and backlog, which only the control API sets: there is
// no RocketMQ broker behind the emulator. These speak in plain errors (the
// control API answers {"error": ...}), never in ONS catalogue rows.

var (
	errNoInstance = errors.New("no such instance")
	errNoGroup    = errors.New("no such group in the instance")
	errNoTopic    = errors.New("no such topic in the instance")
)

type subscriptionSpec struct {
	Topic string `json:"topic"`
	Expr  string `json:"subString"`
}

type consumersSpec struct {
	Online        *bool              `json:"online"`
	Clients       *int               `json:"clients"`
	MessageModel  *string            `json:"messageModel"`
	ConsumeTps    *float64           `json:"consumeTps"`
	Subscriptions []subscriptionSpec `json:"subscriptions"`
}

func (s *store) controlGroup(instanceID, groupID string) (*instance, *group, error) {
	in, ok := s.instances[instanceID]
	if !ok {
		return nil, nil, errNoInstance
	}
	g, ok := in.groups[groupID]
	if !ok {
		return nil, nil, errNoGroup
	}
	return in, g, nil
}

// setConsumers changes what was given: presence, client count, model, rate,
// and (when the list is given) the subscriptions, which replace the old ones
// keeping the backlog of topics still subscribed.
func (s *store) setConsumers(instanceID, groupID string, spec consumersSpec) error {
	if m := spec.MessageModel; m != nil && *m != "CLUSTERING" && *m != "BROADCASTING" {
		return errors.New("messageModel must be CLUSTERING or BROADCASTING")
	}
	if c := spec.Clients; c != nil && *c < 0 {
		return errors.New("clients must not be negative")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, g, err := s.controlGroup(instanceID, groupID)
	if err != nil {
		return err
	}
	if spec.Subscriptions != nil {
		for _, sub := range spec.Subscriptions {
			if _, ok := in.topics[sub.Topic]; !ok {
				return errNoTopic
			}
		}
		subs := map[string]*subscription{}
		for _, sub := range spec.Subscriptions {
			expr := sub.Expr
			if expr == "" {
				expr = "*"
			}
			if old, ok := g.subs[sub.Topic]; ok {
				old.expr = expr
				subs[sub.Topic] = old
			} else {
				subs[sub.Topic] = &subscription{topic: sub.Topic, expr: expr}
			}
		}
		for name := range g.subs {
			in.unsubscribe(g, name)
		}
		for _, sub := range subs {
			in.subscribe(g, sub)
		}
	}
	if spec.Online != nil {
		g.online = *spec.Online
		if g.online && g.clients == 0 {
			g.clients = 1
		}
	}
	if spec.Clients != nil {
		g.clients = *spec.Clients
	}
	if spec.MessageModel != nil {
		g.messageModel = *spec.MessageModel
	}
	if spec.ConsumeTps != nil {
		g.consumeTps = *spec.ConsumeTps
	}
	return nil
}

type accumulationSpec struct {
	Topic        string `json:"topic"`
	TotalDiff    *int64 `json:"totalDiff"`
	DelayTime    *int64 `json:"delayTime"`    // ms
	LastConsumed *int64 `json:"lastConsumed"` // ms
}

// setAccumulation sets a subscription's backlog (subscribing the group with
// "*" first if needed). delayTime places the oldest pending message that far
// in the past of the virtual clock.
func (s *store) setAccumulation(instanceID, groupID string, spec accumulationSpec) error {
	if d := spec.TotalDiff; d != nil && *d < 0 {
		return errors.New("totalDiff must not be negative")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, g, err := s.controlGroup(instanceID, groupID)
	if err != nil {
		return err
	}
	if _, ok := in.topics[spec.Topic]; !ok {
		return errNoTopic
	}
	sub, ok := g.subs[spec.Topic]
	if !ok {
		sub = &subscription{topic: spec.Topic, expr: "*"}
		in.subscribe(g, sub)
	}
	now := s.nowMs()
	if spec.TotalDiff != nil {
		sub.diff = *spec.TotalDiff
		if sub.diff == 0 {
			sub.pendingSince = 0
		} else if sub.pendingSince == 0 {
			sub.pendingSince = now
		}
	}
	if spec.DelayTime != nil && sub.diff > 0 {
		sub.pendingSince = now - *spec.DelayTime
	}
	if spec.LastConsumed != nil {
		sub.lastConsumed = *spec.LastConsumed
	}
	return nil
}

// snapshot is the state as the control API's /_mqmock/state shows it.
func (s *store) snapshot() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	type groupState struct {
		GroupID       string           `json:"groupId"`
		GroupType     string           `json:"groupType"`
		Online        bool             `json:"online"`
		Clients       int              `json:"clients"`
		ReadEnable    bool             `json:"readEnable"`
		Subscriptions map[string]int64 `json:"backlog"`
	}
	type topicState struct {
		Topic       string `json:"topic"`
		MessageType int    `json:"messageType"`
		Perm        int    `json:"perm"`
		Messages    int    `json:"messages"`
	}
	type instanceState struct {
		InstanceID        string       `json:"instanceId"`
		Name              string       `json:"name"`
		Account           string       `json:"account"`
		IndependentNaming bool         `json:"independentNaming"`
		Topics            []topicState `json:"topics"`
		Groups            []groupState `json:"groups"`
	}
	out := []instanceState{}
	for _, in := range s.instances {
		is := instanceState{InstanceID: in.id, Name: in.name, Account: in.owner.Name, IndependentNaming: in.independentNaming, Topics: []topicState{}, Groups: []groupState{}}
		for _, t := range in.topics {
			is.Topics = append(is.Topics, topicState{t.name, t.messageType, t.perm, len(t.messages)})
		}
		for _, g := range in.groups {
			gs := groupState{GroupID: g.id, GroupType: g.groupType, Online: g.online, Clients: g.clients, ReadEnable: g.readEnable, Subscriptions: map[string]int64{}}
			for n, sub := range g.subs {
				gs.Subscriptions[n] = sub.diff
			}
			is.Groups = append(is.Groups, gs)
		}
		sort.Slice(is.Topics, func(i, j int) bool { return is.Topics[i].Topic < is.Topics[j].Topic })
		sort.Slice(is.Groups, func(i, j int) bool { return is.Groups[i].GroupID < is.Groups[j].GroupID })
		out = append(out, is)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceID < out[j].InstanceID })
	return map[string]any{"instances": out}
}

type subscriptionState struct {
	Topic     string `json:"topic"`
	SubString string `json:"subString"`
	TotalDiff int64  `json:"totalDiff"`
	DelayTime int64  `json:"delayTime"`
}

type consumersState struct {
	InstanceID    string              `json:"instanceId"`
	GroupID       string              `json:"groupId"`
	Online        bool                `json:"online"`
	Clients       int                 `json:"clients"`
	MessageModel  string              `json:"messageModel"`
	ConsumeTps    float64             `json:"consumeTps"`
	Subscriptions []subscriptionState `json:"subscriptions"`
}

func (s *store) consumerControlState(instanceID, groupID string) (consumersState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, g, err := s.controlGroup(instanceID, groupID)
	if err != nil {
		return consumersState{}, err
	}
	now := s.nowMs()
	st := consumersState{InstanceID: in.id, GroupID: g.id, Online: g.online, Clients: g.clients,
		MessageModel: g.messageModel, ConsumeTps: g.consumeTps, Subscriptions: []subscriptionState{}}
	for _, sub := range g.subs {
		ss := subscriptionState{Topic: sub.topic, SubString: sub.expr, TotalDiff: sub.diff}
		if sub.diff > 0 && sub.pendingSince > 0 {
			ss.DelayTime = max(now-sub.pendingSince, 0)
		}
		st.Subscriptions = append(st.Subscriptions, ss)
	}
	sort.Slice(st.Subscriptions, func(i, j int) bool { return st.Subscriptions[i].Topic < st.Subscriptions[j].Topic })
	return st, nil
}
