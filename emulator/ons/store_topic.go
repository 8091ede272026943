package ons

import (
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/account"
)

type topicView struct {
	Name, InstanceID, Owner, Remark string
	MessageType, Perm               int
	Relation                        int // 1 owner; 2, 4, 6 granted (OnsEmpowerCreate)
	IndependentNaming               bool
	CreateTime                      int64
	Tags                            []kv
}

func topicViewOf(in *instance, t *topic) topicView {
	return topicView{
		Name: t.name, InstanceID: in.id, Owner: uidOf(in.owner), Remark: t.remark, MessageType: t.messageType,
		Perm: t.perm, IndependentNaming: in.independentNaming, CreateTime: t.createTime, Tags: t.tags.sorted(),
		Relation: relationOwner,
	}
}

// relationOwner is the Relation of a topic's owner.
const relationOwner = 1

// createTopic: name and type rules, the instance's topic quota, and the
// name's uniqueness — within the instance (topics and Group IDs alike) for
// an instance with a namespace, across every shared-space instance of every
// account otherwise — all under one lock with the insert.
func (s *store) createTopic(acct *account.Account, instanceID, name string, messageType int, remark string) error {
	if !validTopic(name) {
		return fieldInvalid("Topic must be 3-64 letters, digits, - or _ and not start with CID or GID")
	}
	if !validMessageType(messageType) {
		return fieldInvalid("MessageType must be 0, 1, 2, 4 or 5")
	}
	if !validRemark(remark, topicRemarkMax) {
		return fieldInvalid("Remark is longer than 128 characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	if in.independentNaming {
		if _, dup := in.topics[name]; dup {
			return errBizTopicExisted.New()
		}
		if _, dup := in.groups[name]; dup {
			return errBizTopicExisted.New()
		}
	} else if _, dup := s.shared[name]; dup {
		return errBizTopicExisted.New()
	}
	if len(in.topics) >= s.opts.TopicCapacity {
		return fieldInvalid("the instance's topic capacity is reached")
	}
	in.addTopic(&topic{name: name, messageType: messageType, perm: 6, remark: remark, createTime: s.nowMs(), tags: tagSet{}})
	if !in.independentNaming {
		s.shared[name] = sharedName{owner: acct, instanceID: in.id}
	}
	return nil
}

func (s *store) deleteTopic(acct *account.Account, instanceID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	if s.grantedTo(acct, in, name) {
		return errEmpowerOwnerCheckError.New()
	}
	t, err := in.topic(name)
	if err != nil {
		return err
	}
	// Subscriptions to it go with it: nothing can be consumed from it anymore.
	for _, g := range t.subscribers {
		in.unsubscribe(g, name)
	}
	in.removeTopic(t)
	if !in.independentNaming {
		delete(s.shared, name)
	}
	for user := range t.empowered {
		delete(s.grants[user], name)
	}
	return nil
}

// listTopics: the instance's topics whose name contains filter and that
// carry every wanted tag, by name.
func (s *store) listTopics(acct *account.Account, instanceID, filter string, want []kv) ([]topicView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return nil, err
	}
	// By name from the ordered index, the one equal to the filter first
	// (sortExactFirst's order, without a sort).
	out := []topicView{}
	exact, hasExact := in.topics[filter]
	if hasExact && exact.tags.matches(want) {
		out = append(out, topicViewOf(in, exact))
	}
	if len(want) > 0 {
		// Only the topics carrying a wanted tag, by name: a walk of the
		// shortest tag list rather than of every name.
		for _, t := range in.topicsCarrying(want) {
			if t.name != filter && strings.Contains(t.name, filter) && t.tags.matches(want) {
				out = append(out, topicViewOf(in, t))
			}
		}
	} else {
		in.topicText.matching(len(in.topicOrder), func(i int) string { return in.topicOrder[i].name }, filter, func(i int) {
			if t := in.topicOrder[i]; t.name != filter {
				out = append(out, topicViewOf(in, t))
			}
		})
	}
	if !in.independentNaming {
		out = append(out, s.grantedTopics(acct, filter, want)...)
	}
	return out, nil
}

type topicStatus struct {
	Perm       int
	TotalCount int64
	LastTime   int64 // ms; 0 when empty
}

func (s *store) topicStatus(acct *account.Account, instanceID, name string) (topicStatus, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return topicStatus{}, err
	}
	t, err := in.topic(name)
	if err != nil {
		return topicStatus{}, err
	}
	s.expire(t)
	st := topicStatus{Perm: t.perm, TotalCount: int64(len(t.messages))}
	if n := len(t.messages); n > 0 {
		st.LastTime = t.messages[n-1].stored
	}
	return st, nil
}

func (s *store) updateTopic(acct *account.Account, instanceID, name string, perm int) error {
	if !validPerm(perm) {
		return fieldInvalid("Perm must be 2, 4 or 6")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return err
	}
	if s.grantedTo(acct, in, name) {
		return errEmpowerOwnerCheckError.New()
	}
	t, err := in.topic(name)
	if err != nil {
		return err
	}
	t.perm = perm
	return nil
}

type topicSubscriber struct {
	GroupID, MessageModel, Expr string
}

// topicSubscribers are the groups of the instance subscribed to the topic.
func (s *store) topicSubscribers(acct *account.Account, instanceID, name string) ([]topicSubscriber, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return nil, err
	}
	if _, err := in.topic(name); err != nil {
		return nil, err
	}
	out := []topicSubscriber{}
	for _, g := range in.topics[name].subscribers {
		out = append(out, topicSubscriber{GroupID: g.id, MessageModel: g.messageModel, Expr: g.subs[name].expr})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].GroupID < out[j].GroupID })
	return out, nil
}

// expire drops messages older than the retention period (virtual time).
func (s *store) expire(t *topic) {
	cutoff := s.nowMs() - s.opts.Retention.Milliseconds()
	i := 0
	for i < len(t.messages) && t.messages[i].stored < cutoff {
		i++
	}
	if i > 0 {
		t.messages = append(t.messages[:0:0], t.messages[i:]...)
	}
}

// sortExactFirst sorts names, the one equal to the filter first: the list
// filters match substrings, and terraform reads a resource back by taking the
// first row of a filtered list and checking its name.
func sortExactFirst(names []string, filter string) {
	sort.Slice(names, func(i, j int) bool {
		if ei, ej := names[i] == filter, names[j] == filter; ei != ej {
			return ei
		}
		return names[i] < names[j]
	})
}

// grantedTopics are the shared-space topics of other accounts granted to the
// caller with OnsEmpowerCreate: they list in the caller's shared-space
// instances with the granted Relation, after the caller's own topics.
func (s *store) grantedTopics(acct *account.Account, filter string, want []kv) []topicView {
	uid := uidOf(acct)
	var names []string
	for name := range s.grants[uid] {
		held, ok := s.shared[name]
		if !ok || held.owner == acct || !strings.Contains(name, filter) {
			continue
		}
		if t, ok := s.instances[held.instanceID].topics[name]; ok && t.empowered[uid] != 0 && t.tags.matches(want) {
			names = append(names, name)
		}
	}
	sortExactFirst(names, filter)
	out := make([]topicView, len(names))
	for i, name := range names {
		in := s.instances[s.shared[name].instanceID]
		t := in.topics[name]
		out[i] = topicViewOf(in, t)
		out[i].Relation = t.empowered[uid]
	}
	return out
}

// grantedTo tells whether a topic missing from the caller's shared-space
// instance is another account's topic granted to the caller: changing it is
// then the owner's business (EMPOWER_OWNER_CHECK_ERROR), not a missing topic.
func (s *store) grantedTo(acct *account.Account, in *instance, name string) bool {
	if in.independentNaming {
		return false
	}
	held, ok := s.shared[name]
	if !ok || held.owner == acct {
		return false
	}
	t, ok := s.instances[held.instanceID].topics[name]
	return ok && t.empowered[uidOf(acct)] != 0
}

// validTopic: 3–64 of [A-Za-z0-9_-], not starting with CID or GID (reserved
// for Group IDs).
func validTopic(name string) bool {
	if len(name) < 3 || len(name) > 64 || !allNameChars(name) {
		return false
	}
	return !strings.HasPrefix(name, "CID") && !strings.HasPrefix(name, "GID")
}

// validMessageType: 0 normal, 1 partitionally ordered, 2 globally ordered,
// 4 transactional, 5 scheduled/delayed.
func validMessageType(t int) bool { return t == 0 || t == 1 || t == 2 || t == 4 || t == 5 }

// validPerm: 2 publish, 4 subscribe, 6 both.
func validPerm(p int) bool { return p == 2 || p == 4 || p == 6 }

// empower grants another UID a relation on a topic of the shared space
// (legacy OnsEmpowerCreate): only the topic's owner may, and only once per
// user.
func (s *store) empower(acct *account.Account, topicName, user string, relation int) error {
	if !validPerm(relation) {
		return fieldInvalid("Relation must be 2, 4 or 6")
	}
	if user == "" {
		return fieldInvalid("EmpowerUser is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, owner, err := s.sharedTopic(topicName)
	if err != nil {
		return err
	}
	if owner != acct {
		return errEmpowerOwnerCheckError.New()
	}
	if _, dup := t.empowered[user]; dup {
		return errEmpowerExistError.New()
	}
	if t.empowered == nil {
		t.empowered = map[string]int{}
	}
	t.empowered[user] = relation
	s.grant(user, topicName)
	return nil
}

// unempower withdraws a grant (legacy OnsEmpowerDelete).
func (s *store) unempower(acct *account.Account, topicName, user string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, owner, err := s.sharedTopic(topicName)
	if err != nil {
		return err
	}
	if owner != acct {
		return errEmpowerOwnerCheckError.New()
	}
	delete(t.empowered, user)
	delete(s.grants[user], topicName)
	return nil
}

func (s *store) sharedTopic(name string) (*topic, *account.Account, error) {
	held, ok := s.shared[name]
	if !ok {
		return nil, nil, errBizTopicNotFound.New()
	}
	t, ok := s.instances[held.instanceID].topics[name]
	if !ok {
		return nil, nil, errBizTopicNotFound.New() // a Group ID of that name
	}
	return t, held.owner, nil
}
