package ons

import (
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/account"
)

type groupView struct {
	ID, InstanceID, GroupType, Owner, Remark string
	IndependentNaming, ReadEnable            bool
	CreateTime, UpdateTime                   int64
	Tags                                     []kv
}

func groupViewOf(in *instance, g *group) groupView {
	return groupView{
		ID: g.id, InstanceID: in.id, GroupType: g.groupType, Owner: uidOf(in.owner), Remark: g.remark,
		IndependentNaming: in.independentNaming, ReadEnable: g.readEnable, CreateTime: g.createTime,
		UpdateTime: g.updateTime, Tags: g.tags.sorted(),
	}
}

// createGroup: id and type rules, the per-instance quota, and the id's
// uniqueness: within the instance for a namespace instance (a topic of that
// name counts), across the shared space otherwise, where an id another
// account holds is "taken by other users". Seed-era PID ids get the
// producer rows.
func (s *store) createGroup(acct *account.Account, instanceID, id, groupType, remark string) error {
	if !validGroupID(id, s.opts.GroupIDPrefix) {
		if s.opts.GroupIDPrefix {
			return fieldInvalid("GroupId must start with GID_ or GID- and be 7-64 letters, digits, - or _")
		}
		return fieldInvalid("GroupId must be 2-64 letters, digits, - or _")
	}
	if groupType != "tcp" && groupType != "http" {
		return fieldInvalid("GroupType must be tcp or http")
	}
	if !validRemark(remark, groupRemarkMax) {
		return fieldInvalid("Remark is longer than 256 characters")
	}
	producer := isProducerID(id)
	exists := func() error {
		if producer {
			return errBizPublisherExisted.New()
		}
		return errBizSubscriptionExisted.New()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	if in.independentNaming {
		if _, dup := in.groups[id]; dup {
			return exists()
		}
		if _, dup := in.topics[id]; dup {
			return errBizSubscriptionExisted.New()
		}
	} else if held, dup := s.shared[id]; dup {
		if held.owner != acct {
			if producer {
				return errBizProducerIdBelongToOtherUser.New()
			}
			return errBizConsumerIdBelongToOtherUser.New()
		}
		return exists()
	}
	if len(in.groups) >= s.opts.MaxGroups {
		return fieldInvalid("the instance's quota of groups is reached")
	}
	now := s.nowMs()
	in.addGroup(&group{
		id: id, groupType: groupType, remark: remark, createTime: now, updateTime: now, readEnable: true,
		tags: tagSet{}, messageModel: "CLUSTERING", subs: map[string]*subscription{},
	})
	if !in.independentNaming {
		s.shared[id] = sharedName{owner: acct, instanceID: in.id}
	}
	return nil
}

func (s *store) deleteGroup(acct *account.Account, instanceID, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	g, err := in.group(id)
	if err != nil {
		return err
	}
	in.removeGroup(g)
	if !in.independentNaming {
		delete(s.shared, id)
	}
	return nil
}

// listGroups: id contains filter, type matches ("" or anything but tcp/http:
// no filter — terraform sends "all"), every wanted tag carried; by id.
func (s *store) listGroups(acct *account.Account, instanceID, filter, groupType string, want []kv) ([]groupView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return nil, err
	}
	typed := groupType == "tcp" || groupType == "http"
	keep := func(g *group) bool { return (!typed || g.groupType == groupType) && g.tags.matches(want) }
	// By id from the ordered index, the one equal to the filter first
	// (sortExactFirst's order, without a sort).
	out := []groupView{}
	if exact, ok := in.groups[filter]; ok && keep(exact) {
		out = append(out, groupViewOf(in, exact))
	}
	if len(want) > 0 {
		// Only the groups carrying a wanted tag, by id: a walk of the
		// shortest tag list rather than of every id.
		for _, g := range in.groupsCarrying(want) {
			if g.id != filter && strings.Contains(g.id, filter) && keep(g) {
				out = append(out, groupViewOf(in, g))
			}
		}
	} else {
		in.groupText.matching(len(in.groupOrder), func(i int) string { return in.groupOrder[i].id }, filter, func(i int) {
			if g := in.groupOrder[i]; g.id != filter && keep(g) {
				out = append(out, groupViewOf(in, g))
			}
		})
	}
	return out, nil
}

func (s *store) setReadEnable(acct *account.Account, instanceID, id string, enable bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	g, err := in.group(id)
	if err != nil {
		return err
	}
	g.readEnable = enable
	g.updateTime = s.nowMs()
	return nil
}

// consumerState is a group's consumption as the consumer actions report it.
type consumerState struct {
	GroupID, InstanceID, MessageModel string
	Online                            bool
	Clients                           int
	ConsumeTps                        float64
	TotalDiff                         int64
	DelayTime                         int64 // ms, the largest of the topics
	LastConsumed                      int64 // ms, the latest of the topics
	Topics                            []topicBacklog
}

type topicBacklog struct {
	Topic, Expr               string
	Diff, Delay, LastConsumed int64
}

// consumers reads a group's presence and backlog. needOnline refuses an
// offline group with BIZ_CONSUMER_NOT_ONLINE (calls that need a live client).
func (s *store) consumers(acct *account.Account, instanceID, id string, needOnline bool) (consumerState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return consumerState{}, err
	}
	g, err := in.group(id)
	if err != nil {
		return consumerState{}, err
	}
	if needOnline && !g.online {
		return consumerState{}, errBizConsumerNotOnline.New()
	}
	now := s.nowMs()
	st := consumerState{
		GroupID: g.id, InstanceID: in.id, MessageModel: g.messageModel, Online: g.online,
		Clients: g.clients, ConsumeTps: g.consumeTps, Topics: []topicBacklog{},
	}
	for _, sub := range g.subs {
		b := topicBacklog{Topic: sub.topic, Expr: sub.expr, Diff: sub.diff, LastConsumed: sub.lastConsumed}
		if sub.diff > 0 && sub.pendingSince > 0 {
			b.Delay = max(now-sub.pendingSince, 0)
		}
		st.TotalDiff += b.Diff
		st.DelayTime = max(st.DelayTime, b.Delay)
		st.LastConsumed = max(st.LastConsumed, b.LastConsumed)
		st.Topics = append(st.Topics, b)
	}
	sort.Slice(st.Topics, func(i, j int) bool { return st.Topics[i].Topic < st.Topics[j].Topic })
	return st, nil
}

// resetOffset moves a group's position on a topic: resetType 0 skips every
// pending message, 1 goes back to the messages stored at or after ts (ms).
func (s *store) resetOffset(acct *account.Account, instanceID, id, topicName string, resetType int, ts int64) error {
	if resetType != 0 && resetType != 1 {
		return fieldInvalid("Type must be 0 or 1")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	g, err := in.group(id)
	if err != nil {
		return err
	}
	t, err := in.topic(topicName)
	if err != nil {
		return err
	}
	sub, ok := g.subs[topicName]
	if !ok {
		sub = &subscription{topic: topicName, expr: "*"}
		in.subscribe(g, sub)
	}
	sub.diff, sub.pendingSince = 0, 0
	if resetType == 1 {
		s.expire(t)
		for _, m := range t.messages {
			if m.stored >= ts && matchesExpr(sub.expr, m.tag) {
				if sub.diff == 0 {
					sub.pendingSince = m.born
				}
				sub.diff++
			}
		}
	}
	return nil
}

type timeSpan struct{ Min, Max, Consumed int64 }

// topicTimeSpan: the store times of the oldest and newest messages kept, and
// the group's latest consumption of the topic.
func (s *store) topicTimeSpan(acct *account.Account, instanceID, id, topicName string) (timeSpan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return timeSpan{}, err
	}
	g, err := in.group(id)
	if err != nil {
		return timeSpan{}, err
	}
	t, err := in.topic(topicName)
	if err != nil {
		return timeSpan{}, err
	}
	s.expire(t)
	var ts timeSpan
	if n := len(t.messages); n > 0 {
		ts.Min, ts.Max = t.messages[0].stored, t.messages[n-1].stored
	}
	if sub, ok := g.subs[topicName]; ok {
		ts.Consumed = sub.lastConsumed
	}
	return ts, nil
}

// matchesExpr is RocketMQ's tag filter: "*" or empty takes everything, else
// "a||b" lists the tags taken.
func matchesExpr(expr, tag string) bool {
	expr = strings.TrimSpace(expr)
	if expr == "" || expr == "*" {
		return true
	}
	for _, t := range strings.Split(expr, "||") {
		if strings.TrimSpace(t) == tag {
			return true
		}
	}
	return false
}

// validGroupID applies the strict (prefix, 7–64) or the loose (2–64) rule.
// The strict rule's prefixes are the current GID and the seed era's CID
// (consumer) and PID (producer).
func validGroupID(id string, strict bool) bool {
	if !allNameChars(id) {
		return false
	}
	if !strict {
		return len(id) >= 2 && len(id) <= 64
	}
	if len(id) < 7 || len(id) > 64 {
		return false
	}
	for _, p := range [...]string{"GID_", "GID-", "CID_", "CID-", "PID_", "PID-"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// isProducerID tells a seed-era producer id (PID_/PID-), whose errors are the
// PID rows of the seed.
func isProducerID(id string) bool {
	return strings.HasPrefix(id, "PID_") || strings.HasPrefix(id, "PID-")
}
