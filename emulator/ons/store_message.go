package ons

import (
	"fmt"
	"hash/crc32"

	"github.com/mqmock/mqmock/internal/account"
)

// Message size limits (Limits page): 4 MB for normal and ordered topics,
// 64 KB for transactional and scheduled/delayed ones.
const (
	maxBody        = 4 << 20
	maxBodySpecial = 64 << 10
)

type messageView struct {
	ID, OffsetID, Topic, InstanceID, Body, Tag, Key string
	Born, Stored                                    int64
	BodyCRC, StoreSize                              int
}

func viewOfMessage(m *message) messageView {
	return messageView{
		ID: m.id, OffsetID: m.offsetID, Topic: m.topic, InstanceID: m.instanceID, Body: m.body, Tag: m.tag, Key: m.key,
		Born: m.born, Stored: m.stored, BodyCRC: m.bodyCRC, StoreSize: len(m.body) + 100,
	}
}

// sendMessage stores a message (the topic must allow publishing) and adds it
// to the backlog of every group of the instance subscribed with a matching
// tag filter.
func (s *store) sendMessage(acct *account.Account, instanceID, topicName, body, tag, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return "", err
	}
	t, err := in.topic(topicName)
	if err != nil {
		return "", err
	}
	if t.perm&2 == 0 {
		return "", fieldInvalid("the topic does not allow publishing (Perm 4)")
	}
	limit := maxBody
	if t.messageType == 4 || t.messageType == 5 {
		limit = maxBodySpecial
	}
	if len(body) > limit {
		return "", fieldInvalid(fmt.Sprintf("Message is larger than %d bytes", limit))
	}
	s.expire(t)
	s.seq++
	now := s.nowMs()
	// RocketMQ-style ids: 32 upper-case hex digits (host, port, time, sequence).
	m := &message{
		id:       fmt.Sprintf("7F000001%04X%012X%08X", 0x2A9F, now, s.seq),
		offsetID: fmt.Sprintf("7F00000100002A9F%016X", s.seq),
		topic:    t.name, instanceID: in.id, body: body, tag: tag, key: key,
		born: now, stored: now, bodyCRC: int(crc32.ChecksumIEEE([]byte(body))),
	}
	t.messages = append(t.messages, m)
	for _, g := range in.groups {
		if sub, ok := g.subs[t.name]; ok && matchesExpr(sub.expr, tag) {
			if sub.diff == 0 {
				sub.pendingSince = m.born
			}
			sub.diff++
		}
	}
	return m.id, nil
}

// findMessage looks a message up by id in a topic; BIZ_NO_MESSAGE if absent
// or expired.
func (s *store) findMessage(acct *account.Account, instanceID, topicName, id string) (messageView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, _, err := s.topicFor(acct, instanceID, topicName)
	if err != nil {
		return messageView{}, err
	}
	s.expire(t)
	for _, m := range t.messages {
		if m.id == id {
			return viewOfMessage(m), nil
		}
	}
	return messageView{}, errBizNoMessage.New()
}

// messagesByKey: every kept message of the topic with that key.
func (s *store) messagesByKey(acct *account.Account, instanceID, topicName, key string) ([]messageView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, _, err := s.topicFor(acct, instanceID, topicName)
	if err != nil {
		return nil, err
	}
	s.expire(t)
	var out []messageView
	for _, m := range t.messages {
		if m.key == key {
			out = append(out, viewOfMessage(m))
		}
	}
	if len(out) == 0 {
		return nil, errBizNoMessage.New()
	}
	return out, nil
}

// Page size bounds of OnsMessagePageQueryByTopic (doc: 5-50, default 20).
const (
	minPageSize     = 5
	maxPageSize     = 50
	defaultPageSize = 20
)

// messagePage is one page of the kept messages stored in [begin, end] ms,
// oldest first, and the number of pages there are. A page after the last is
// empty; no message in the range at all is BIZ_NO_MESSAGE.
func (s *store) messagePage(acct *account.Account, instanceID, topicName string, begin, end, page, size int64) ([]messageView, int64, error) {
	if begin > end || page < 1 || size < minPageSize || size > maxPageSize {
		return nil, 0, fieldInvalid("BeginTime must not be after EndTime, CurrentPage starts at 1, PageSize is 5-50")
	}
	ms, err := s.messagesBetween(acct, instanceID, topicName, begin, end)
	if err != nil {
		return nil, 0, err
	}
	pages := (int64(len(ms)) + size - 1) / size
	if page > pages { // a later page is empty (and (page-1)*size could overflow)
		return nil, pages, nil
	}
	from, to := (page-1)*size, min(page*size, int64(len(ms)))
	return ms[from:to], pages, nil
}

// messagesBetween: the kept messages stored in [begin, end] ms, oldest first.
func (s *store) messagesBetween(acct *account.Account, instanceID, topicName string, begin, end int64) ([]messageView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, _, err := s.topicFor(acct, instanceID, topicName)
	if err != nil {
		return nil, err
	}
	s.expire(t)
	var out []messageView
	for _, m := range t.messages {
		if m.stored >= begin && m.stored <= end {
			out = append(out, viewOfMessage(m))
		}
	}
	if len(out) == 0 {
		return nil, errBizNoMessage.New()
	}
	return out, nil
}

// pushMessage re-delivers a message to a group's online client: the group
// must exist and be online, the message must exist.
func (s *store) pushMessage(acct *account.Account, instanceID, groupID, topicName, msgID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, in, err := s.topicFor(acct, instanceID, topicName)
	if err != nil {
		return err
	}
	g, err := in.group(groupID)
	if err != nil {
		return err
	}
	if !g.online {
		return errBizConsumerNotOnline.New()
	}
	s.expire(t)
	for _, m := range t.messages {
		if m.id == msgID {
			return nil
		}
	}
	return errBizNoMessage.New()
}

func (s *store) topicFor(acct *account.Account, instanceID, topicName string) (*topic, *instance, error) {
	in, err := s.instanceFor(acct, instanceID)
	if err != nil {
		return nil, nil, err
	}
	t, err := in.topic(topicName)
	if err != nil {
		return nil, nil, err
	}
	return t, in, nil
}
