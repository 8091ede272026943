package cmq

import (
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Notify strategies and content formats (cmq.md §10.1).
const (
	backoffRetry          = "BACKOFF_RETRY"
	exponentialDecayRetry = "EXPONENTIAL_DECAY_RETRY"
	formatJSON            = "JSON"
	formatSimplified      = "SIMPLIFIED"
)

// subscription is one subscription of a topic. A topic may hold 500 and an
// account 1000 topics, so a subscription is kept small: its enums as small
// numbers, its id without its prefix, instants as Unix nanoseconds, its
// filters behind one pointer that is nil when it has none, and no string
// that could share a request's memory.
type subscription struct {
	name, endpoint    string
	filters           *subscriptionFilters
	created, modified int64
	// pending counts pushes not yet delivered or given up (changed under
	// the store's read lock by publishes and finished pushes).
	pending             atomic.Int32
	id                  shortID
	protocol            protocol
	notifyStrategy      notifyStrategy
	notifyContentFormat contentFormat
}

// subscriptionFilters are a subscription's filterTags and bindingKeys.
type subscriptionFilters struct{ tags, keys []string }

// subscriptionIDPrefix starts every subscription id.
const subscriptionIDPrefix = "subsc-"

// filterTags and bindingKeys are the filters ([] when none, never nil).
func (sub *subscription) filterTags() []string {
	if sub.filters == nil {
		return []string{}
	}
	return orEmpty(sub.filters.tags)
}

func (sub *subscription) bindingKeys() []string {
	if sub.filters == nil {
		return []string{}
	}
	return orEmpty(sub.filters.keys)
}

// setFilters keeps copies of tags and keys (nil when both are empty).
func (sub *subscription) setFilters(tags, keys []string) {
	if len(tags) == 0 && len(keys) == 0 {
		sub.filters = nil
		return
	}
	clone := func(in []string) []string {
		if len(in) == 0 {
			return nil
		}
		out := make([]string, len(in))
		for i, v := range in {
			out[i] = strings.Clone(v)
		}
		return out
	}
	sub.filters = &subscriptionFilters{tags: clone(tags), keys: clone(keys)}
}

func (sub *subscription) idString() string { return sub.id.with(subscriptionIDPrefix) }

// protocol, notifyStrategy and contentFormat are a subscription's enums
// (the handlers check a request's values against the same lists).
type (
	protocol       uint8
	notifyStrategy uint8
	contentFormat  uint8
)

var (
	protocolNames       = [...]string{"http", "https", "queue"}
	notifyStrategyNames = [...]string{exponentialDecayRetry, backoffRetry}
	contentFormatNames  = [...]string{formatJSON, formatSimplified}
)

const protocolQueue protocol = 2

func (p protocol) String() string       { return protocolNames[p] }
func (n notifyStrategy) String() string { return notifyStrategyNames[n] }
func (f contentFormat) String() string  { return contentFormatNames[f] }

// enumOf is v's position in names (0 for a value the handlers let through
// unchecked, which they do not).
func enumOf[E ~uint8](names []string, v string) E {
	for i, n := range names {
		if n == v {
			return E(i)
		}
	}
	return 0
}

// subscriptionSpec is a Subscribe request after parameter checks.
type subscriptionSpec struct {
	topic, name, protocol, endpoint     string
	notifyStrategy, notifyContentFormat string
	filterTags, bindingKeys             []string
	hasBindingKeys                      bool
}

// subscriptionPatch is a SetSubscriptionAttributes request (nil = unchanged).
type subscriptionPatch struct {
	notifyStrategy, notifyContentFormat *string
	filterTags, bindingKeys             []string
	setFilterTags, setBindingKeys       bool
}

// subscriptionRef is a ListSubscriptionByTopic element.
type subscriptionRef struct {
	SubscriptionID   string `json:"subscriptionId"`
	SubscriptionName string `json:"subscriptionName"`
	Protocol         string `json:"protocol"`
	Endpoint         string `json:"endpoint"`
}

// subscriptionInfo is GetSubscriptionAttributes' answer, with every field
// name variant some SDK reads (cmq.md §10.3).
type subscriptionInfo struct {
	TopicOwner          string   `json:"topicOwner"`
	MsgCount            int      `json:"msgCount"`
	Protocol            string   `json:"protocol"`
	Protocal            string   `json:"protocal"`
	Endpoint            string   `json:"endpoint"`
	NotifyStrategy      string   `json:"notifyStrategy"`
	NotifyContentFormat string   `json:"notifyContentFormat"`
	CreateTime          int64    `json:"createTime"`
	LastModifyTime      int64    `json:"lastModifyTime"`
	FilterTag           []string `json:"filterTag"`
	FilterTags          []string `json:"filterTags"`
	BindingKey          []string `json:"bindingKey"`
}

// subscriptionLocked finds a subscription by its exact name.
func (tp *topic) subscriptionLocked(name string) (*subscription, *apierr.Error) {
	sub, ok := tp.subs.get(name)
	if !ok || sub.name != name {
		return nil, errSubscriptionNotExisted.New()
	}
	return sub, nil
}

// subscribe applies Subscribe's domain rules in one critical section.
func (s *store) subscribe(acct string, spec subscriptionSpec) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	tp, err := t.topicLocked(spec.topic)
	if err != nil {
		return "", err
	}
	endpoint := spec.endpoint
	if spec.protocol == "queue" {
		q, err := t.queueLocked(spec.endpoint)
		if err != nil {
			return "", errIllegalEndpoint.New()
		}
		// The same text as the queue's name: share it.
		endpoint = q.name
	} else {
		endpoint = strings.Clone(endpoint)
	}
	if tp.filterType == filterRouting && !spec.hasBindingKeys {
		return "", errLackOfBindingKey.New()
	}
	if _, ok := tp.subs.get(spec.name); ok {
		return "", errSubscriptionAlreadyExisted.New()
	}
	if len(tp.subs) >= s.opts.MaxSubscriptionsPerTopic {
		return "", errSubscriptionNumberLimit.New()
	}
	now := unixNanos(s.clock.Now())
	name := strings.Clone(spec.name)
	sub := &subscription{id: s.shortIDLocked(), name: name, endpoint: endpoint,
		protocol: enumOf[protocol](protocolNames[:], spec.protocol), notifyStrategy: enumOf[notifyStrategy](notifyStrategyNames[:], spec.notifyStrategy),
		notifyContentFormat: enumOf[contentFormat](contentFormatNames[:], spec.notifyContentFormat), created: now, modified: now}
	sub.setFilters(spec.filterTags, spec.bindingKeys)
	t.addSubscription(tp, sub)
	return sub.idString(), nil
}

// addSubscription puts a new subscription into its topic's name map and
// order and, for a queue endpoint, into the account's queue subscriptions
// index: what Subscribe and a snapshot's load both do.
func (t *tenant) addSubscription(tp *topic, sub *subscription) {
	tp.subs.add(sub)
	tp.subOrder = append(tp.subOrder, sub)
	if sub.protocol == protocolQueue {
		// After every subscription of an earlier topic, and of this one.
		ref := topicSubscription{tp, sub}
		t.queueSubscriptions[sub.endpoint] = insertOrdered(t.queueSubscriptions[sub.endpoint], ref, func(r topicSubscription) uint64 { return r.topic.ord })
	}
}

// topicSubscription is a subscription with its topic (the queue
// subscriptions index).
type topicSubscription struct {
	topic *topic
	sub   *subscription
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *store) unsubscribe(acct, topicName, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	tp, err := t.topicLocked(topicName)
	if err != nil {
		return err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return serr
	}
	tp.subs.remove(sub)
	tp.subOrder = removeFirst(tp.subOrder, sub)
	if sub.protocol == protocolQueue {
		refs := removeFirst(t.queueSubscriptions[sub.endpoint], topicSubscription{tp, sub})
		if len(refs) == 0 {
			delete(t.queueSubscriptions, sub.endpoint)
		} else {
			t.queueSubscriptions[sub.endpoint] = refs
		}
	}
	return nil
}

func (s *store) subscriptionInfo(acct, topicName, name string, appID string) (subscriptionInfo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tp, err := s.readTenant(acct).topicLocked(topicName)
	if err != nil {
		return subscriptionInfo{}, err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return subscriptionInfo{}, serr
	}
	tags := sub.filterTags()
	proto := sub.protocol.String()
	return subscriptionInfo{TopicOwner: appID, MsgCount: int(sub.pending.Load()), Protocol: proto, Protocal: proto,
		Endpoint: sub.endpoint, NotifyStrategy: sub.notifyStrategy.String(), NotifyContentFormat: sub.notifyContentFormat.String(),
		CreateTime: unixSeconds(sub.created), LastModifyTime: unixSeconds(sub.modified),
		FilterTag: tags, FilterTags: tags, BindingKey: sub.bindingKeys()}, nil
}

// setSubscriptionAttributes applies a patch; queue subscriptions keep
// SIMPLIFIED (10640).
func (s *store) setSubscriptionAttributes(acct, topicName, name string, p subscriptionPatch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.readTenant(acct).topicLocked(topicName)
	if err != nil {
		return err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return serr
	}
	if p.notifyContentFormat != nil && sub.protocol == protocolQueue && *p.notifyContentFormat != formatSimplified {
		return errNotifyContentFormatMustBeSimplified.New()
	}
	tags, keys := sub.filterTags(), sub.bindingKeys()
	if p.setFilterTags {
		tags = orEmpty(p.filterTags)
	}
	if p.setBindingKeys {
		keys = orEmpty(p.bindingKeys)
	}
	if len(tags)+len(keys) > maxTags {
		return errTooManyFilterTagOrBindingKey.New()
	}
	if p.notifyStrategy != nil {
		sub.notifyStrategy = enumOf[notifyStrategy](notifyStrategyNames[:], *p.notifyStrategy)
	}
	if p.notifyContentFormat != nil {
		sub.notifyContentFormat = enumOf[contentFormat](contentFormatNames[:], *p.notifyContentFormat)
	}
	sub.setFilters(tags, keys)
	sub.modified = unixNanos(s.clock.Now())
	return nil
}

func (s *store) clearFilterTags(acct, topicName, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.readTenant(acct).topicLocked(topicName)
	if err != nil {
		return err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return serr
	}
	sub.setFilters(nil, sub.bindingKeys())
	sub.modified = unixNanos(s.clock.Now())
	return nil
}

func (sub *subscription) ref() subscriptionRef {
	return subscriptionRef{sub.idString(), sub.name, sub.protocol.String(), sub.endpoint}
}

func (s *store) listSubscriptions(acct, topicName, searchWord string, offset, limit int) (int, []subscriptionRef, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tp, err := s.readTenant(acct).topicLocked(topicName)
	if err != nil {
		return 0, nil, err
	}
	if searchWord == "" {
		lo, hi := window(len(tp.subOrder), offset, limit)
		out := make([]subscriptionRef, 0, hi-lo)
		for _, sub := range tp.subOrder[lo:hi] {
			out = append(out, sub.ref())
		}
		return len(tp.subOrder), out, nil
	}
	pg := newPager[subscriptionRef](offset, limit)
	for _, sub := range tp.subOrder {
		if strings.Contains(sub.name, searchWord) && pg.offer() {
			pg.add(sub.ref())
		}
	}
	return pg.total, pg.page, nil
}

// subscriptionView is one subscription with everything API 3.0's
// CmqSubscription reports (tdmq-cmq.md §9.3).
type subscriptionView struct {
	topic, name, id     string
	protocol, endpoint  string
	notifyStrategy      string
	notifyContentFormat string
	filterTags          []string
	bindingKeys         []string
	created, modified   time.Time
	pending             int
}

func (sub *subscription) viewLocked(topicName string) subscriptionView {
	return subscriptionView{topic: topicName, name: sub.name, id: sub.idString(), protocol: sub.protocol.String(), endpoint: sub.endpoint,
		notifyStrategy: sub.notifyStrategy.String(), notifyContentFormat: sub.notifyContentFormat.String(),
		filterTags: sub.filterTags(), bindingKeys: sub.bindingKeys(),
		created: instant(sub.created), modified: instant(sub.modified), pending: int(sub.pending.Load())}
}

// subscriptionQuery is DescribeCmqSubscriptionDetail's question (tdmq-cmq.md
// §7.2): a topic's subscriptions, or (byQueue) the queue subscriptions
// whose endpoint is queue, across topics or within topic when set; then the
// name filter and the page.
type subscriptionQuery struct {
	byQueue       bool
	topic, queue  string
	nameContains  string
	offset, limit int
}

// describeSubscriptions answers a subscriptionQuery; a topic query names a
// topic that must exist, a queue query does not check the queue (an
// endpoint may name a deleted one).
func (s *store) describeSubscriptions(acct string, q subscriptionQuery) (int, []subscriptionView, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.readTenant(acct)
	pg := newPager[subscriptionView](q.offset, q.limit)
	keep := func(tp *topic, sub *subscription) {
		if strings.Contains(sub.name, q.nameContains) && pg.offer() {
			pg.add(sub.viewLocked(tp.name))
		}
	}
	if !q.byQueue {
		tp, err := t.topicLocked(q.topic)
		if err != nil {
			return 0, nil, err
		}
		for _, sub := range tp.subOrder {
			keep(tp, sub)
		}
	} else {
		for _, r := range t.queueSubscriptions[q.queue] {
			if q.topic == "" || r.topic.name == q.topic {
				keep(r.topic, r.sub)
			}
		}
	}
	return pg.total, pg.page, nil
}

// subscriptionIndex finds a topic's subscriptions by name, compared as
// strings.ToLower compares them (names are case-insensitive): a slice kept
// sorted that way and searched in halves. A map of up to 500 names kept
// about 50 bytes a subscription in slots held free for its growth, a third
// of what 500,000 subscriptions cost; nine comparisons find one of 500.
type subscriptionIndex []*subscription

func (x subscriptionIndex) find(name string) (int, bool) {
	return slices.BinarySearchFunc(x, name, func(s *subscription, n string) int { return compareFolded(s.name, n) })
}

func (x subscriptionIndex) get(name string) (*subscription, bool) {
	if i, ok := x.find(name); ok {
		return x[i], true
	}
	return nil, false
}

// add inserts sub, whose name is not in x yet.
func (x *subscriptionIndex) add(sub *subscription) {
	i, _ := x.find(sub.name)
	*x = slices.Insert(*x, i, sub)
}

func (x *subscriptionIndex) remove(sub *subscription) {
	if i, ok := x.find(sub.name); ok && (*x)[i] == sub {
		*x = slices.Delete(*x, i, i+1)
	}
}

// compareFolded compares strings.ToLower(a) with strings.ToLower(b)
// without lowering copies when both are ASCII (what the API's names are).
func compareFolded(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return strings.Compare(strings.ToLower(a), strings.ToLower(b))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	// One is a prefix of the other (ASCII so far); lowering a non-ASCII
	// tail may change its length, so that case is compared lowered.
	n := min(len(a), len(b))
	if strings.ContainsFunc(a[n:], isNonASCII) || strings.ContainsFunc(b[n:], isNonASCII) {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	}
	return len(a) - len(b)
}

func isNonASCII(r rune) bool { return r >= utf8.RuneSelf }
