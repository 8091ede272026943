package cmq

import (
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
	id, name          string
	maxMsgSize        int64
	filterType        int
	created, modified time.Time
	subs              map[string]*subscription // by lower-case name
	subOrder          []*subscription
}

// topicRef is a ListTopic element.
type topicRef struct {
	TopicID   string `json:"topicId"`
	TopicName string `json:"topicName"`
}

// topicInfo is what GetTopicAttributes reports.
type topicInfo struct {
	MsgCount            int   `json:"msgCount"`
	MaxMsgSize          int64 `json:"maxMsgSize"`
	MsgRetentionSeconds int   `json:"msgRetentionSeconds"`
	CreateTime          int64 `json:"createTime"`
	LastModifyTime      int64 `json:"lastModifyTime"`
	FilterType          int   `json:"filterType"`
}

// topicLocked finds a topic by its exact name.
func (t *tenant) topicLocked(name string) (*topic, *apierr.Error) {
	tp, ok := t.topics[strings.ToLower(name)]
	if !ok || tp.name != name {
		return nil, errTopicNotExisted.New()
	}
	return tp, nil
}

func (s *store) createTopic(acct, name string, maxMsgSize int64, filterType int) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	lower := strings.ToLower(name)
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
	tp := &topic{id: s.idLocked("topic-"), name: name, maxMsgSize: maxMsgSize, filterType: filterType,
		created: now, modified: now, subs: map[string]*subscription{}}
	t.topics[lower] = tp
	t.topicOrder = append(t.topicOrder, tp)
	return tp.id, nil
}

func (s *store) setTopicAttributes(acct, name string, maxMsgSize *int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(name)
	if err != nil {
		return err
	}
	if maxMsgSize != nil {
		tp.maxMsgSize = *maxMsgSize
	}
	tp.modified = s.clock.Now()
	return nil
}

func (s *store) topicInfo(acct, name string) (topicInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(name)
	if err != nil {
		return topicInfo{}, err
	}
	pending := 0
	for _, sub := range tp.subOrder {
		pending += sub.pending
	}
	return topicInfo{MsgCount: pending, MaxMsgSize: tp.maxMsgSize, MsgRetentionSeconds: topicRetention,
		CreateTime: unix(tp.created), LastModifyTime: unix(tp.modified), FilterType: tp.filterType}, nil
}

func (s *store) listTopics(acct, searchWord string, offset, limit int) (int, []topicRef) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var match []topicRef
	for _, tp := range s.tenantLocked(acct).topicOrder {
		if strings.Contains(tp.name, searchWord) {
			match = append(match, topicRef{tp.id, tp.name})
		}
	}
	return len(match), page(match, offset, limit)
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
	for i, o := range t.topicOrder {
		if o == tp {
			t.topicOrder = append(t.topicOrder[:i:i], t.topicOrder[i+1:]...)
			break
		}
	}
	t.deletedTopics[lower] = s.clock.Now()
	return nil
}

// topicExists answers 10600 for a missing topic, so Subscribe can report it
// before its parameter checks (cmq.md §10.1); subscribe checks again.
func (s *store) topicExists(acct, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.tenantLocked(acct).topicLocked(name); err != nil {
		return err
	}
	return nil
}

// subscriptionExists answers 10600 or the missing-subscription error before
// SetSubscriptionAttributes' parameter checks (cmq.md §10.4 order).
func (s *store) subscriptionExists(acct, topicName, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(topicName)
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
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.tenantLocked(acct).queueLocked(name)
	return err == nil
}
