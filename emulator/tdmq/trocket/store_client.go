package trocket

import (
	"errors"
	"time"
)

// What RocketMQ clients do on the real service, which mqmock does not
// serve: connecting consumers (and with them subscriptions), registering
// producers, consuming and dead-lettering. The control API stands in for
// them; its errors are plain (the control API's, not the catalogue's).

// ctlInstance finds an account's instance, in whichever region: the
// control API stands in for clients connected to one instance, whose id
// names it across regions. The caller holds mu.
func (s *store) ctlInstance(account, id string) (*instance, error) {
	in, ok := s.instances[id]
	if !ok || in.owner != account {
		return nil, errors.New("instance " + id + " of account " + account + " does not exist")
	}
	return in, nil
}

// clientSpec is a consumer client as it connects.
type clientSpec struct {
	id, addr, group                          string
	language, version, protocol, consumeType string
}

// subscriptionSpec is one subscription a client brings.
type subscriptionSpec struct {
	topic, subString, expressionType string
}

// connectClient connects a consumer client of a group, subscribing it (and
// so the group) to topics; it returns the topics it consumes. A new
// subscription starts at the topic's end, like a new consumer group's
// CONSUME_FROM_LAST_OFFSET; "*" and TAG are the defaults of the expression.
func (s *store) connectClient(account, instanceID string, c clientSpec, subs []subscriptionSpec, now time.Time) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.ctlInstance(account, instanceID)
	if err != nil {
		return nil, err
	}
	if _, ok := in.groups[c.group]; !ok {
		return nil, errors.New("consumer group " + c.group + " does not exist")
	}
	cl := &client{id: c.id, addr: c.addr, group: c.group, language: c.language,
		version: c.version, protocol: c.protocol, consumeType: c.consumeType}
	for _, sp := range subs {
		t, ok := in.topics[sp.topic]
		if !ok {
			return nil, errors.New("topic " + sp.topic + " does not exist")
		}
		cl.topics = append(cl.topics, sp.topic)
		k := subKey{group: c.group, topic: sp.topic}
		if _, ok := in.subs[k]; !ok {
			in.subs[k] = &sub{offset: t.endOffset(), lastUpdate: now}
		}
		sb := in.subs[k]
		sb.subString, sb.expressionType = sp.subString, sp.expressionType
		if sb.subString == "" {
			sb.subString = "*"
		}
		if sb.expressionType == "" {
			sb.expressionType = "TAG"
		}
	}
	in.clients[cl.id] = cl
	return append([]string(nil), cl.topics...), nil
}

// disconnectClient takes a client offline (its group keeps its
// subscriptions).
func (s *store) disconnectClient(account, instanceID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.ctlInstance(account, instanceID)
	if err != nil {
		return err
	}
	if _, ok := in.clients[clientID]; !ok {
		return errors.New("client " + clientID + " is not connected")
	}
	delete(in.clients, clientID)
	return nil
}

// producerSpec is a producer client as it registers.
type producerSpec struct {
	id, ip, language, version, protocol string
}

// registerProducer registers (or refreshes) a producer of a topic.
func (s *store) registerProducer(account, instanceID, topic string, p producerSpec, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.ctlInstance(account, instanceID)
	if err != nil {
		return err
	}
	if _, ok := in.topics[topic]; !ok {
		return errors.New("topic " + topic + " does not exist")
	}
	if in.producers[topic] == nil {
		in.producers[topic] = map[string]*producer{}
	}
	in.producers[topic][p.id] = &producer{id: p.id, ip: p.ip, language: p.language,
		version: p.version, protocol: p.protocol, lastUpdate: now}
	return nil
}

// consume moves a subscription's committed offset forward by count
// messages (-1, or more than remain: to the end) and returns the new offset
// and lag.
func (s *store) consume(account, instanceID, group, topic string, count int64, now time.Time) (int64, int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.ctlInstance(account, instanceID)
	if err != nil {
		return 0, 0, err
	}
	sb, t := in.subs[subKey{group: group, topic: topic}], in.topics[topic]
	if sb == nil || t == nil {
		return 0, 0, errors.New("consumer group " + group + " does not subscribe to " + topic)
	}
	end := t.endOffset()
	if count < 0 || sb.offset+count > end {
		sb.offset = end
	} else {
		sb.offset += count
	}
	sb.lastUpdate = now
	return sb.offset, in.lag(sb, t), nil
}

// deadLetter moves a message into a group's dead-letter queue, as
// exhausting MaxRetryTimes would.
func (s *store) deadLetter(account, instanceID, group, msgID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.ctlInstance(account, instanceID)
	if err != nil {
		return err
	}
	m, ok := in.messages[msgID]
	if !ok {
		return errors.New("message " + msgID + " does not exist")
	}
	if _, ok := in.groups[group]; !ok {
		return errors.New("consumer group " + group + " does not exist")
	}
	m.deadLetterGroup = group
	return nil
}
