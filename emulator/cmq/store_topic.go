package cmq

import (
	"slices"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Topic filter types (cmq.md §9.1, §15: 1 = tags, 2 = routing keys).
const (
	filterTags    = 1
	filterRouting = 2
)

// topic is one topic and its subscriptions.
type topic struct {
	id, name string
	// ord orders topics by creation (the queue subscriptions index).
	ord               uint64
	maxMsgSize        int64
	filterType        int
	created, modified time.Time
	subs              subscriptionIndex
	subOrder          []*subscription
	// retention is settable through API 3.0 only (60–86400, tdmq-cmq.md
	// §6.1); the legacy API reports it. trace and tags are API 3.0's alone.
	retention int64
	trace     bool
	tags      []resourceTag
}

// topicSpec is a create request after parameter checks.
type topicSpec struct {
	name       string
	maxMsgSize int64
	filterType int
	retention  int64
	trace      bool
	tags       []resourceTag
}

// topicPatch holds the attributes a request sets (nil = unchanged).
type topicPatch struct {
	maxMsgSize, retention *int64
	trace                 *bool
}

// topicRef is a ListTopic element.
type topicRef struct {
	TopicID   string `json:"topicId"`
	TopicName string `json:"topicName"`
}

// topicInfo is what GetTopicAttributes reports (the exported fields) and
// what API 3.0's CmqTopic adds (the others).
type topicInfo struct {
	MsgCount            int   `json:"msgCount"`
	MaxMsgSize          int64 `json:"maxMsgSize"`
	MsgRetentionSeconds int64 `json:"msgRetentionSeconds"`
	CreateTime          int64 `json:"createTime"`
	LastModifyTime      int64 `json:"lastModifyTime"`
	FilterType          int   `json:"filterType"`

	id, name          string
	created, modified time.Time
	trace             bool
	tags              []resourceTag
	subscriptions     int
}

// infoLocked copies what a report needs.
func (tp *topic) infoLocked() topicInfo {
	pending := 0
	for _, sub := range tp.subOrder {
		pending += int(sub.pending.Load())
	}
	return topicInfo{MsgCount: pending, MaxMsgSize: tp.maxMsgSize, MsgRetentionSeconds: tp.retention,
		CreateTime: unix(tp.created), LastModifyTime: unix(tp.modified), FilterType: tp.filterType,
		id: tp.id, name: tp.name, created: tp.created, modified: tp.modified, trace: tp.trace,
		tags: slices.Clone(tp.tags), subscriptions: len(tp.subOrder)}
}

// topicLocked finds a topic by its exact name.
func (t *tenant) topicLocked(name string) (*topic, *apierr.Error) {
	tp, ok := t.topics[strings.ToLower(name)]
	if !ok || tp.name != name {
		return nil, errTopicNotExisted.New()
	}
	return tp, nil
}

func (s *store) createTopic(acct string, spec topicSpec) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	// The name may share a request's memory; the map key shares the copy.
	spec.name = strings.Clone(spec.name)
	lower := strings.ToLower(spec.name)
	now := s.clock.Now()
	if _, ok := t.topics[lower]; ok {
		return "", errTopicAlreadyExisted.New()
	}
	if s.lockedOut(t.deletedTopics, lower, now) {
		return "", errTopicRecreateLockout.New()
	}
	if len(t.topics) >= s.opts.MaxTopics {
		return "", errTopicNumberLimit.New()
	}
	tp := &topic{id: s.idLocked("topic-"), name: spec.name, ord: s.ordLocked(), maxMsgSize: spec.maxMsgSize, filterType: spec.filterType,
		created: now, modified: now,
		retention: spec.retention, trace: spec.trace, tags: append([]resourceTag{}, spec.tags...)}
	t.addTopic(tp)
	return tp.id, nil
}

// addTopic puts a new topic (its ord the highest yet) into the account's
// name map and creation order, as a create and a snapshot's load do.
func (t *tenant) addTopic(tp *topic) {
	t.topics[strings.ToLower(tp.name)] = tp
	t.topicOrder = append(t.topicOrder, tp)
}

func (s *store) setTopicAttributes(acct, name string, p topicPatch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.readTenant(acct).topicLocked(name)
	if err != nil {
		return err
	}
	set(&tp.maxMsgSize, p.maxMsgSize)
	set(&tp.retention, p.retention)
	set(&tp.trace, p.trace)
	tp.modified = s.clock.Now()
	return nil
}

func (s *store) topicInfo(acct, name string) (topicInfo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tp, err := s.readTenant(acct).topicLocked(name)
	if err != nil {
		return topicInfo{}, err
	}
	return tp.infoLocked(), nil
}

// describeTopics is API 3.0's list: every attribute of the topics the
// filter keeps, paged in creation order; the total counts them all.
func (s *store) describeTopics(acct string, f resourceFilter, offset, limit int) (int, []topicInfo) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.readTenant(acct)
	if f.empty() {
		lo, hi := window(len(t.topicOrder), offset, limit)
		out := make([]topicInfo, 0, hi-lo)
		for _, tp := range t.topicOrder[lo:hi] {
			out = append(out, tp.infoLocked())
		}
		return len(t.topicOrder), out
	}
	candidates := t.topicOrder
	if f.names != nil {
		candidates = byNames(f.names, func(n string) (*topic, bool) {
			tp, err := t.topicLocked(n)
			return tp, err == nil
		}, func(tp *topic) uint64 { return tp.ord })
	}
	pg := newPager[topicInfo](offset, limit)
	for _, tp := range candidates {
		if f.matches(tp.name, tp.tags) && pg.offer() {
			pg.add(tp.infoLocked())
		}
	}
	return pg.total, pg.page
}

func (s *store) listTopics(acct, searchWord string, offset, limit int) (int, []topicRef) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	order := s.readTenant(acct).topicOrder
	ref := func(tp *topic) topicRef { return topicRef{tp.id, tp.name} }
	if searchWord == "" {
		lo, hi := window(len(order), offset, limit)
		out := make([]topicRef, 0, hi-lo)
		for _, tp := range order[lo:hi] {
			out = append(out, ref(tp))
		}
		return len(order), out
	}
	pg := newPager[topicRef](offset, limit)
	for _, tp := range order {
		if strings.Contains(tp.name, searchWord) && pg.offer() {
			pg.add(ref(tp))
		}
	}
	return pg.total, pg.page
}

// deleteTopic refuses while subscriptions exist, then starts the lockout.
func (s *store) deleteTopic(acct, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	tp, err := t.topicLocked(name)
	if err != nil {
		return err
	}
	if len(tp.subs) > 0 {
		return errTopicHasSubscriptions.New()
	}
	lower := strings.ToLower(name)
	delete(t.topics, lower)
	t.topicOrder = removeFirst(t.topicOrder, tp)
	t.deletedTopics[lower] = s.clock.Now()
	return nil
}

// topicExists answers 10600 for a missing topic, so Subscribe can report it
// before its parameter checks (cmq.md §10.1); subscribe checks again.
func (s *store) topicExists(acct, name string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.readTenant(acct).topicLocked(name); err != nil {
		return err
	}
	return nil
}

// subscriptionExists answers 10600 or the missing-subscription error before
// SetSubscriptionAttributes' parameter checks (cmq.md §10.4 order).
func (s *store) subscriptionExists(acct, topicName, name string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tp, err := s.readTenant(acct).topicLocked(topicName)
	if err != nil {
		return err
	}
	if _, err := tp.subscriptionLocked(name); err != nil {
		return err
	}
	return nil
}

// queueExists reports whether a queue endpoint names a queue of the account.
func (s *store) queueExists(acct, name string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, err := s.readTenant(acct).queueLocked(name)
	return err == nil
}
