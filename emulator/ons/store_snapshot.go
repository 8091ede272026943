package ons

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/statedoc"
)

// snapshotVersion is the version of ONS's part of a state snapshot. The
// types below are the saved form, written out field by field: the store's
// own types can change without changing what a file holds.
const snapshotVersion = 1

type snapshotDoc struct {
	Version int `json:"version"`
	// Seq numbers the messages sent (their ids and offsets).
	Seq       uint64             `json:"seq"`
	Instances []instanceSnapshot `json:"instances"`
}

type instanceSnapshot struct {
	ID                string            `json:"id"`
	Account           string            `json:"account"` // the owner, by name
	Name              string            `json:"name"`
	Remark            string            `json:"remark"`
	IndependentNaming bool              `json:"independentNaming"`
	CreateTime        int64             `json:"createTime"` // ms
	Tags              map[string]string `json:"tags"`
	Topics            []topicSnapshot   `json:"topics"`
	Groups            []groupSnapshot   `json:"groups"`
}

type topicSnapshot struct {
	Name        string            `json:"name"`
	MessageType int               `json:"messageType"`
	Perm        int               `json:"perm"`
	Remark      string            `json:"remark"`
	CreateTime  int64             `json:"createTime"`
	Tags        map[string]string `json:"tags"`
	// Empowered are the UIDs the topic was granted to, with the relation.
	Empowered map[string]int    `json:"empowered,omitempty"`
	Messages  []messageSnapshot `json:"messages"` // in send order
}

type messageSnapshot struct {
	ID       string `json:"id"`
	OffsetID string `json:"offsetId"`
	Body     string `json:"body"`
	Tag      string `json:"tag"`
	Key      string `json:"key"`
	Born     int64  `json:"born"`
	Stored   int64  `json:"stored"`
	BodyCRC  int    `json:"bodyCrc"`
}

type groupSnapshot struct {
	ID            string                 `json:"id"`
	GroupType     string                 `json:"groupType"`
	Remark        string                 `json:"remark"`
	CreateTime    int64                  `json:"createTime"`
	UpdateTime    int64                  `json:"updateTime"`
	ReadEnable    bool                   `json:"readEnable"`
	Tags          map[string]string      `json:"tags"`
	Online        bool                   `json:"online"`
	Clients       int                    `json:"clients"`
	MessageModel  string                 `json:"messageModel"`
	ConsumeTps    float64                `json:"consumeTps"`
	Subscriptions []subscriptionSnapshot `json:"subscriptions"`
}

type subscriptionSnapshot struct {
	Topic        string `json:"topic"`
	Expr         string `json:"expr"`
	Diff         int64  `json:"diff"`
	PendingSince int64  `json:"pendingSince"`
	LastConsumed int64  `json:"lastConsumed"`
}

// saveSnapshot exports the whole store, in a stable order.
func (s *store) saveSnapshot() (json.RawMessage, error) {
	s.mu.Lock()
	doc := snapshotDoc{Version: snapshotVersion, Seq: s.seq, Instances: []instanceSnapshot{}}
	for _, id := range sortedKeys(s.instances) {
		in := s.instances[id]
		is := instanceSnapshot{ID: in.id, Account: in.owner.Name, Name: in.name, Remark: in.remark, IndependentNaming: in.independentNaming,
			CreateTime: in.createTime, Tags: copyTags(in.tags), Topics: []topicSnapshot{}, Groups: []groupSnapshot{}}
		for _, t := range in.topicOrder {
			ts := topicSnapshot{Name: t.name, MessageType: t.messageType, Perm: t.perm, Remark: t.remark, CreateTime: t.createTime,
				Tags: copyTags(t.tags), Messages: make([]messageSnapshot, 0, len(t.messages))}
			if len(t.empowered) > 0 {
				ts.Empowered = make(map[string]int, len(t.empowered))
				for k, v := range t.empowered {
					ts.Empowered[k] = v
				}
			}
			for _, m := range t.messages {
				ts.Messages = append(ts.Messages, messageSnapshot{ID: m.id, OffsetID: m.offsetID, Body: m.body, Tag: m.tag, Key: m.key,
					Born: m.born, Stored: m.stored, BodyCRC: m.bodyCRC})
			}
			is.Topics = append(is.Topics, ts)
		}
		for _, g := range in.groupOrder {
			gs := groupSnapshot{ID: g.id, GroupType: g.groupType, Remark: g.remark, CreateTime: g.createTime, UpdateTime: g.updateTime,
				ReadEnable: g.readEnable, Tags: copyTags(g.tags), Online: g.online, Clients: g.clients, MessageModel: g.messageModel,
				ConsumeTps: g.consumeTps, Subscriptions: []subscriptionSnapshot{}}
			for _, topic := range sortedKeys(g.subs) {
				sub := g.subs[topic]
				gs.Subscriptions = append(gs.Subscriptions, subscriptionSnapshot{Topic: sub.topic, Expr: sub.expr, Diff: sub.diff,
					PendingSince: sub.pendingSince, LastConsumed: sub.lastConsumed})
			}
			is.Groups = append(is.Groups, gs)
		}
		doc.Instances = append(doc.Instances, is)
	}
	s.mu.Unlock()
	return statedoc.Encode(doc)
}

// loadSnapshot checks a saved part in full and builds the store's state
// from it, without touching the current one; install replaces it.
// Accounts are named, so each must still be configured.
func (s *store) loadSnapshot(raw json.RawMessage, accountNamed func(string) (*account.Account, bool)) (func(), error) {
	var doc snapshotDoc
	if err := statedoc.Decode(raw, snapshotVersion, &doc); err != nil {
		return nil, err
	}
	// Built through the helpers the create calls use, so every index is
	// there as if the resources had been created one by one.
	built := newResources()
	instances, shared := built.instances, built.shared
	for i, is := range doc.Instances {
		where := fmt.Sprintf("instances[%d] (%s)", i, is.ID)
		owner, ok := accountNamed(is.Account)
		if !ok {
			return nil, fmt.Errorf("%s: account %q is not configured", where, is.Account)
		}
		if is.ID == "" {
			return nil, fmt.Errorf("%s: no id", where)
		}
		if _, dup := instances[is.ID]; dup {
			return nil, fmt.Errorf("%s: a second instance with this id", where)
		}
		in := &instance{owner: owner, id: is.ID, name: is.Name, remark: is.Remark, independentNaming: is.IndependentNaming,
			createTime: is.CreateTime, tags: copyTags(is.Tags), topics: map[string]*topic{}, groups: map[string]*group{}}
		claim := func(name string) error {
			if in.independentNaming {
				if _, dup := in.topics[name]; dup {
					return fmt.Errorf("%s: %s is both a topic and a group, or named twice", where, name)
				}
				if _, dup := in.groups[name]; dup {
					return fmt.Errorf("%s: %s is both a topic and a group, or named twice", where, name)
				}
				return nil
			}
			if _, dup := shared[name]; dup {
				return fmt.Errorf("%s: %s is named twice among the instances without a namespace", where, name)
			}
			shared[name] = sharedName{owner: owner, instanceID: in.id}
			return nil
		}
		for _, ts := range is.Topics {
			if err := claim(ts.Name); err != nil {
				return nil, err
			}
			if !validMessageType(ts.MessageType) || !validPerm(ts.Perm) {
				return nil, fmt.Errorf("%s: topic %s: messageType %d or perm %d is not one the API allows", where, ts.Name, ts.MessageType, ts.Perm)
			}
			t := &topic{name: ts.Name, messageType: ts.MessageType, perm: ts.Perm, remark: ts.Remark, createTime: ts.CreateTime,
				tags: copyTags(ts.Tags), messages: make([]*message, 0, len(ts.Messages))}
			if len(ts.Empowered) > 0 {
				t.empowered = make(map[string]int, len(ts.Empowered))
				for k, v := range ts.Empowered {
					t.empowered[k] = v
				}
			}
			for _, m := range ts.Messages {
				t.messages = append(t.messages, &message{id: m.ID, offsetID: m.OffsetID, topic: t.name, instanceID: in.id,
					body: m.Body, tag: m.Tag, key: m.Key, born: m.Born, stored: m.Stored, bodyCRC: m.BodyCRC})
			}
			if !sort.SliceIsSorted(t.messages, func(i, j int) bool { return t.messages[i].stored < t.messages[j].stored }) {
				return nil, fmt.Errorf("%s: topic %s: messages are not in the order they were stored", where, ts.Name)
			}
			in.addTopic(t)
			for user := range t.empowered {
				built.grant(user, t.name)
			}
		}
		for _, gs := range is.Groups {
			if err := claim(gs.ID); err != nil {
				return nil, err
			}
			g := &group{id: gs.ID, groupType: gs.GroupType, remark: gs.Remark, createTime: gs.CreateTime, updateTime: gs.UpdateTime,
				readEnable: gs.ReadEnable, tags: copyTags(gs.Tags), online: gs.Online, clients: gs.Clients, messageModel: gs.MessageModel,
				consumeTps: gs.ConsumeTps, subs: map[string]*subscription{}}
			for _, ss := range gs.Subscriptions {
				if _, ok := in.topics[ss.Topic]; !ok {
					return nil, fmt.Errorf("%s: group %s subscribes to %s, which is no topic of the instance", where, gs.ID, ss.Topic)
				}
				if _, dup := g.subs[ss.Topic]; dup {
					return nil, fmt.Errorf("%s: group %s subscribes to %s twice", where, gs.ID, ss.Topic)
				}
				in.subscribe(g, &subscription{topic: ss.Topic, expr: ss.Expr, diff: ss.Diff, pendingSince: ss.PendingSince, lastConsumed: ss.LastConsumed})
			}
			in.addGroup(g)
		}
		built.addInstance(in)
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.resources, s.seq = built, doc.Seq
	}, nil
}

func copyTags(t map[string]string) tagSet {
	out := make(tagSet, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
