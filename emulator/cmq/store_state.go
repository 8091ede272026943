package cmq

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/mqmock/mqmock/internal/jsonstream"
)

// queueState is a queue as the control API's state shows it.
type queueState struct {
	Account    string      `json:"account"`
	Name       string      `json:"name"`
	ID         string      `json:"id"`
	Attributes queueAttrsJ `json:"attributes"`
	Messages   msgCountsJ  `json:"messages"`
}

type queueAttrsJ struct {
	MaxMsgHeapNum       int64 `json:"maxMsgHeapNum"`
	PollingWaitSeconds  int64 `json:"pollingWaitSeconds"`
	VisibilityTimeout   int64 `json:"visibilityTimeout"`
	MaxMsgSize          int64 `json:"maxMsgSize"`
	MsgRetentionSeconds int64 `json:"msgRetentionSeconds"`
	RewindSeconds       int64 `json:"rewindSeconds"`
}

type msgCountsJ struct {
	Active     int `json:"active"`
	Inactive   int `json:"inactive"`
	Delayed    int `json:"delayed"`
	Rewindable int `json:"rewindable"`
}

type topicState struct {
	Account       string              `json:"account"`
	Name          string              `json:"name"`
	ID            string              `json:"id"`
	FilterType    int                 `json:"filterType"`
	MaxMsgSize    int64               `json:"maxMsgSize"`
	Subscriptions []subscriptionState `json:"subscriptions"`
}

type subscriptionState struct {
	Name                string   `json:"name"`
	ID                  string   `json:"id"`
	Protocol            string   `json:"protocol"`
	Endpoint            string   `json:"endpoint"`
	NotifyStrategy      string   `json:"notifyStrategy"`
	NotifyContentFormat string   `json:"notifyContentFormat"`
	FilterTags          []string `json:"filterTags"`
	BindingKeys         []string `json:"bindingKeys"`
	Pending             int      `json:"pending"`
}

// writeState writes every account's queues (with message counts per state)
// and topics (with their subscriptions), accounts in name order, as
// {"queues":[…],"topics":[…]}. It holds no lock while it writes: it lists
// the resources under the read lock, then encodes them one at a time, each
// under the read lock (and a queue's own lock for its counts), so a slow
// reader of a large state neither holds the store nor makes the whole
// document in memory. Each element is as its resource stood when encoded;
// one deleted meanwhile is left out.
func (s *store) writeState(w *jsonstream.Writer) {
	queues, topics := s.stateResources()
	w.BeginObject()
	w.Key("queues")
	w.BeginArray()
	for _, r := range queues {
		if b, ok := s.encodeQueueState(r); ok {
			w.RawValue(b)
		}
	}
	w.EndArray()
	w.Key("topics")
	w.BeginArray()
	for _, r := range topics {
		if b, ok := s.encodeTopicState(r); ok {
			w.RawValue(b)
		}
	}
	w.EndArray()
	w.EndObject()
}

// stateResource is one queue or topic to encode, with its account.
type stateResource[T any] struct {
	account string
	tenant  *tenant
	res     T
}

// stateResources lists every queue and topic, accounts in name order.
func (s *store) stateResources() ([]stateResource[*queue], []stateResource[*topic]) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := slices.Sorted(maps.Keys(s.tenants))
	var queues []stateResource[*queue]
	var topics []stateResource[*topic]
	for _, n := range names {
		t := s.tenants[n]
		for _, q := range t.queueOrder {
			queues = append(queues, stateResource[*queue]{n, t, q})
		}
		for _, tp := range t.topicOrder {
			topics = append(topics, stateResource[*topic]{n, t, tp})
		}
	}
	return queues, topics
}

// encodeQueueState encodes a queue's element, unless it is gone.
func (s *store) encodeQueueState(r stateResource[*queue]) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	q := r.res
	if s.tenants[r.account] != r.tenant || r.tenant.queues[strings.ToLower(q.name)] != q {
		return nil, false
	}
	q.mu.Lock()
	c := q.countsLocked(unixNanos(s.clock.Now()))
	q.mu.Unlock()
	a := q.attrs
	b, err := json.Marshal(queueState{Account: r.account, Name: q.name, ID: q.id,
		Attributes: queueAttrsJ{a.MaxMsgHeapNum, a.PollingWaitSeconds, a.VisibilityTimeout, a.MaxMsgSize, a.MsgRetentionSeconds, a.RewindSeconds},
		Messages:   msgCountsJ{c.Active, c.Inactive, c.Delayed, c.Rewindable}})
	return b, err == nil
}

// encodeTopicState encodes a topic's element with its subscriptions, unless
// the topic is gone.
func (s *store) encodeTopicState(r stateResource[*topic]) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tp := r.res
	if s.tenants[r.account] != r.tenant || r.tenant.topics[strings.ToLower(tp.name)] != tp {
		return nil, false
	}
	ts := topicState{Account: r.account, Name: tp.name, ID: tp.id, FilterType: tp.filterType, MaxMsgSize: tp.maxMsgSize,
		Subscriptions: make([]subscriptionState, 0, len(tp.subOrder))}
	for _, sub := range tp.subOrder {
		ts.Subscriptions = append(ts.Subscriptions, subscriptionState{sub.name, sub.idString(), sub.protocol.String(), sub.endpoint,
			sub.notifyStrategy.String(), sub.notifyContentFormat.String(), sub.filterTags(), sub.bindingKeys(), int(sub.pending.Load())})
	}
	b, err := json.Marshal(ts)
	return b, err == nil
}
