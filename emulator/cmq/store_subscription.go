package cmq

import (
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Notify strategies and content formats (cmq.md §10.1).
const (
	backoffRetry          = "BACKOFF_RETRY"
	exponentialDecayRetry = "EXPONENTIAL_DECAY_RETRY"
	formatJSON            = "JSON"
	formatSimplified      = "SIMPLIFIED"
)

// subscription is one subscription of a topic.
type subscription struct {
	id, name            string
	protocol, endpoint  string
	notifyStrategy      string
	notifyContentFormat string
	filterTags          []string
	bindingKeys         []string
	created, modified   time.Time
	// pending counts pushes not yet delivered or given up.
	pending int
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
	sub, ok := tp.subs[strings.ToLower(name)]
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
	if spec.protocol == "queue" {
		if _, err := t.queueLocked(spec.endpoint); err != nil {
			return "", errIllegalEndpoint.New()
		}
	}
	if tp.filterType == filterRouting && !spec.hasBindingKeys {
		return "", errLackOfBindingKey.New()
	}
	lower := strings.ToLower(spec.name)
	if _, ok := tp.subs[lower]; ok {
		return "", errSubscriptionAlreadyExisted.New()
	}
	if len(tp.subs) >= s.opts.MaxSubscriptionsPerTopic {
		return "", errSubscriptionNumberLimit.New()
	}
	now := s.clock.Now()
	sub := &subscription{id: s.idLocked("subsc-"), name: spec.name, protocol: spec.protocol, endpoint: spec.endpoint,
		notifyStrategy: spec.notifyStrategy, notifyContentFormat: spec.notifyContentFormat,
		filterTags: orEmpty(spec.filterTags), bindingKeys: orEmpty(spec.bindingKeys), created: now, modified: now}
	tp.subs[lower] = sub
	tp.subOrder = append(tp.subOrder, sub)
	return sub.id, nil
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
	tp, err := s.tenantLocked(acct).topicLocked(topicName)
	if err != nil {
		return err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return serr
	}
	delete(tp.subs, strings.ToLower(name))
	for i, o := range tp.subOrder {
		if o == sub {
			tp.subOrder = append(tp.subOrder[:i:i], tp.subOrder[i+1:]...)
			break
		}
	}
	return nil
}

func (s *store) subscriptionInfo(acct, topicName, name string, appID string) (subscriptionInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(topicName)
	if err != nil {
		return subscriptionInfo{}, err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return subscriptionInfo{}, serr
	}
	tags := append([]string{}, sub.filterTags...)
	return subscriptionInfo{TopicOwner: appID, MsgCount: sub.pending, Protocol: sub.protocol, Protocal: sub.protocol,
		Endpoint: sub.endpoint, NotifyStrategy: sub.notifyStrategy, NotifyContentFormat: sub.notifyContentFormat,
		CreateTime: unix(sub.created), LastModifyTime: unix(sub.modified),
		FilterTag: tags, FilterTags: tags, BindingKey: append([]string{}, sub.bindingKeys...)}, nil
}

// setSubscriptionAttributes applies a patch; queue subscriptions keep
// SIMPLIFIED (10640).
func (s *store) setSubscriptionAttributes(acct, topicName, name string, p subscriptionPatch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(topicName)
	if err != nil {
		return err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return serr
	}
	if p.notifyContentFormat != nil && sub.protocol == "queue" && *p.notifyContentFormat != formatSimplified {
		return errNotifyContentFormatMustBeSimplified.New()
	}
	tags, keys := sub.filterTags, sub.bindingKeys
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
		sub.notifyStrategy = *p.notifyStrategy
	}
	if p.notifyContentFormat != nil {
		sub.notifyContentFormat = *p.notifyContentFormat
	}
	sub.filterTags, sub.bindingKeys = tags, keys
	sub.modified = s.clock.Now()
	return nil
}

func (s *store) clearFilterTags(acct, topicName, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(topicName)
	if err != nil {
		return err
	}
	sub, serr := tp.subscriptionLocked(name)
	if serr != nil {
		return serr
	}
	sub.filterTags = []string{}
	sub.modified = s.clock.Now()
	return nil
}

func (s *store) listSubscriptions(acct, topicName, searchWord string, offset, limit int) (int, []subscriptionRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tp, err := s.tenantLocked(acct).topicLocked(topicName)
	if err != nil {
		return 0, nil, err
	}
	var match []subscriptionRef
	for _, sub := range tp.subOrder {
		if strings.Contains(sub.name, searchWord) {
			match = append(match, subscriptionRef{sub.id, sub.name, sub.protocol, sub.endpoint})
		}
	}
	return len(match), page(match, offset, limit), nil
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
	return subscriptionView{topic: topicName, name: sub.name, id: sub.id, protocol: sub.protocol, endpoint: sub.endpoint,
		notifyStrategy: sub.notifyStrategy, notifyContentFormat: sub.notifyContentFormat,
		filterTags: append([]string{}, sub.filterTags...), bindingKeys: append([]string{}, sub.bindingKeys...),
		created: sub.created, modified: sub.modified, pending: sub.pending}
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
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantLocked(acct)
	var match []subscriptionView
	keep := func(tp *topic, sub *subscription) {
		if strings.Contains(sub.name, q.nameContains) {
			match = append(match, sub.viewLocked(tp.name))
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
		for _, tp := range t.topicOrder {
			if q.topic != "" && tp.name != q.topic {
				continue
			}
			for _, sub := range tp.subOrder {
				if sub.protocol == "queue" && sub.endpoint == q.queue {
					keep(tp, sub)
				}
			}
		}
	}
	return len(match), page(match, q.offset, q.limit), nil
}
