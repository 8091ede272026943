package cmq

import (
	"slices"
	"strings"
	"time"
)

// matchesTags is filterType 1 (cmq.md §12.1): a subscription without
// filterTags takes everything; with filterTags it takes a message sharing at
// least one tag (exact, case-sensitive).
func matchesTags(filterTags, msgTags []string) bool {
	if len(filterTags) == 0 {
		return true
	}
	for _, t := range msgTags {
		if slices.Contains(filterTags, t) {
			return true
		}
	}
	return false
}

// matchesRouting is filterType 2 (cmq.md §12.2): RabbitMQ topic matching,
// "*" is exactly one word, "#" zero or more; any bindingKey may match.
func matchesRouting(bindingKeys []string, routingKey string) bool {
	words := strings.Split(routingKey, ".")
	if routingKey == "" {
		words = nil
	}
	for _, k := range bindingKeys {
		if matchWords(strings.Split(k, "."), words) {
			return true
		}
	}
	return false
}

func matchWords(pattern, words []string) bool {
	if len(pattern) == 0 {
		return len(words) == 0
	}
	switch pattern[0] {
	case "#":
		for i := 0; i <= len(words); i++ {
			if matchWords(pattern[1:], words[i:]) {
				return true
			}
		}
		return false
	case "*":
		return len(words) > 0 && words[0] != "" && matchWords(pattern[1:], words[1:])
	default:
		return len(words) > 0 && words[0] == pattern[0] && matchWords(pattern[1:], words[1:])
	}
}

// publication is a publish request after parameter checks.
type publication struct {
	topic      string
	bodies     []string
	tags       []string
	routingKey *string // nil when the parameter was not sent
	// byFilterType marks API 3.0's MsgTag, sent in tags: several tags or
	// one route, whichever the topic's filter type wants (tdmq-cmq.md
	// §6.6), so it is read under the lock, once the topic is known.
	byFilterType bool
}

// resolveMsgTag turns API 3.0's MsgTag into the tags of a tag topic (at
// most 5, legacy 10720) or the routing key of a routing topic (exactly one,
// 64 bytes, 15 dots).
func (p *publication) resolveMsgTag(filterType int) error {
	if filterType != filterRouting {
		if len(p.tags) > maxTags {
			return errTooManyMsgTag.New()
		}
		return nil
	}
	switch len(p.tags) {
	case 0:
		return errLackOfRoutingKey.New()
	case 1:
	default:
		return errParameterOutOfRange.New("MsgTag")
	}
	rk := p.tags[0]
	if err := checkKeys("MsgTag", []string{rk}); err != nil {
		return err
	}
	p.routingKey, p.tags = &rk, nil
	return nil
}

// publish routes messages to the matching subscriptions in one critical
// section: queue endpoints get the messages before it returns; http(s)
// endpoints get push jobs the caller starts after the lock is released.
//
// It holds the store's read lock throughout and each target queue's lock
// while it enqueues there, one queue at a time.
func (s *store) publish(acct string, owner uint64, p publication, requestID string) ([]string, []*pushJob, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.readTenant(acct)
	tp, err := t.topicLocked(p.topic)
	if err != nil {
		return nil, nil, err
	}
	if p.byFilterType {
		if err := p.resolveMsgTag(tp.filterType); err != nil {
			return nil, nil, err
		}
	}
	for _, b := range p.bodies {
		if int64(len(b)) > tp.maxMsgSize {
			return nil, nil, errMessageSizeExceeded.New()
		}
	}
	if tp.filterType == filterRouting && p.routingKey == nil {
		return nil, nil, errLackOfRoutingKey.New()
	}
	if len(tp.subOrder) == 0 {
		return nil, nil, errTopicHasNoSubscription.New()
	}
	var matched []*subscription
	for _, sub := range tp.subOrder {
		var tags, keys []string
		if sub.filters != nil {
			tags, keys = sub.filters.tags, sub.filters.keys
		}
		if tp.filterType == filterRouting && matchesRouting(keys, deref(p.routingKey)) ||
			tp.filterType != filterRouting && matchesTags(tags, p.tags) {
			matched = append(matched, sub)
		}
	}
	if len(matched) == 0 {
		return nil, nil, errNoSubscriptionMatches.New()
	}
	clockNow := s.clock.Now()
	now := unixNanos(clockNow)
	ids := make([]string, len(p.bodies))
	for i := range ids {
		ids[i] = msgID(s.next())
	}
	var jobs []*pushJob
	for _, sub := range matched {
		if sub.protocol == protocolQueue {
			// A missing or full target queue drops the copy (unconfirmed).
			if q, err := t.queueLocked(sub.endpoint); err == nil {
				q.mu.Lock()
				if int64(len(q.msgs)-q.deleted+len(p.bodies)) <= q.attrs.MaxMsgHeapNum {
					s.enqueueLocked(q, p.bodies, 0, now, false)
				}
				q.mu.Unlock()
			}
			continue
		}
		for i, b := range p.bodies {
			sub.pending.Add(1)
			jobs = append(jobs, &pushJob{gen: s.gen, account: acct, topic: tp.name, owner: owner, sub: sub, subscription: sub.name,
				endpoint: sub.endpoint, strategy: sub.notifyStrategy.String(), format: sub.notifyContentFormat.String(),
				msgID: ids[i], body: b, tags: p.tags, published: clockNow, requestID: requestID})
		}
	}
	return ids, jobs, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// pushJob is one message on its way to one http(s) subscription: publish
// makes it under the store's lock, then the pusher (delivery_push.go) owns
// it and reports back through current and pushDone.
type pushJob struct {
	gen          uint64
	account      string
	topic        string
	owner        uint64
	sub          *subscription
	subscription string
	endpoint     string
	strategy     string
	format       string
	msgID        string
	body         string
	tags         []string
	published    time.Time
	requestID    string
	attempts     int
}

// current reports whether state made in generation gen still exists.
func (s *store) current(gen uint64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen == gen
}

// pushDone ends a job: its subscription has one message less pending.
func (s *store) pushDone(j *pushJob) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.gen != j.gen {
		return
	}
	for {
		n := j.sub.pending.Load()
		if n <= 0 || j.sub.pending.CompareAndSwap(n, n-1) {
			return
		}
	}
}

// backoff is a random BACKOFF_RETRY interval.
func (s *store) backoff() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	span := s.opts.BackoffRetryMax - s.opts.BackoffRetryMin
	if span <= 0 {
		return s.opts.BackoffRetryMin
	}
	return s.opts.BackoffRetryMin + time.Duration(s.rnd.Int64N(int64(span)+1))
}
