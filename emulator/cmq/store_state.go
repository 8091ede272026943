package cmq

import "sort"

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

// state is every account's queues (with message counts per state) and
// topics (with their subscriptions), accounts in name order.
func (s *store) state() any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	now := unixNanos(s.clock.Now())
	names := make([]string, 0, len(s.tenants))
	for n := range s.tenants {
		names = append(names, n)
	}
	sort.Strings(names)
	queues, topics := []queueState{}, []topicState{}
	for _, n := range names {
		t := s.tenants[n]
		for _, q := range t.queueOrder {
			q.mu.Lock()
			c := q.countsLocked(now)
			q.mu.Unlock()
			a := q.attrs
			queues = append(queues, queueState{Account: n, Name: q.name, ID: q.id,
				Attributes: queueAttrsJ{a.MaxMsgHeapNum, a.PollingWaitSeconds, a.VisibilityTimeout, a.MaxMsgSize, a.MsgRetentionSeconds, a.RewindSeconds},
				Messages:   msgCountsJ{c.Active, c.Inactive, c.Delayed, c.Rewindable}})
		}
		for _, tp := range t.topicOrder {
			ts := topicState{Account: n, Name: tp.name, ID: tp.id, FilterType: tp.filterType, MaxMsgSize: tp.maxMsgSize, Subscriptions: []subscriptionState{}}
			for _, sub := range tp.subOrder {
				ts.Subscriptions = append(ts.Subscriptions, subscriptionState{sub.name, sub.idString(), sub.protocol.String(), sub.endpoint,
					sub.notifyStrategy.String(), sub.notifyContentFormat.String(), sub.filterTags(), sub.bindingKeys(), int(sub.pending.Load())})
			}
			topics = append(topics, ts)
		}
	}
	return map[string]any{"queues": queues, "topics": topics}
}
