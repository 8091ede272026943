package rocketmq

import (
	"errors"
	"time"
)

// What RocketMQ consumer clients do on the real service, which mqmock does
// not serve: coming online in a group and dead-lettering messages they
// fail to consume. The control API stands in for them; its errors are
// plain (the control API's, not the catalogue's).

// ctlOp is what a control request acts as: the account, in the region of
// the cluster it names. Cluster ids are unique across regions and the
// control API stands in for clients connected to one cluster, so it names
// no region. The caller holds mu.
func (s *store) ctlOp(account, cluster string) op {
	o := op{owner: account}
	if c, ok := s.clusters[cluster]; ok {
		o.region = c.Region
	}
	return o
}

// ctlGroup finds the target group of a control request; the caller holds
// mu.
func (s *store) ctlGroup(account, cluster, namespace, group string) (*group, error) {
	_, _, gr, err := s.groupOf(s.ctlOp(account, cluster), cluster, namespace, group,
		miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return nil, errors.New("group " + group + " in namespace " + namespace + " of cluster " + cluster +
			" (account " + account + ") does not exist")
	}
	return gr, nil
}

// connectConsumer brings a consumer client of a group online (again: the
// same id replaces its earlier entry) and returns how many are online.
func (s *store) connectConsumer(account, cluster, namespace, group string, cl consumer) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.ctlGroup(account, cluster, namespace, group)
	if err != nil {
		return 0, err
	}
	if old := gr.client(cl.ID); old != nil {
		*old = cl
	} else {
		gr.Clients = append(gr.Clients, &cl)
	}
	return len(gr.Clients), nil
}

// disconnectConsumer takes a consumer client (or, with no id, every one)
// offline and returns how many stay online.
func (s *store) disconnectConsumer(account, cluster, namespace, group, clientID string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.ctlGroup(account, cluster, namespace, group)
	if err != nil {
		return 0, err
	}
	kept := gr.Clients[:0]
	for _, cl := range gr.Clients {
		if clientID != "" && cl.ID != clientID {
			kept = append(kept, cl)
		}
	}
	gr.Clients = kept
	return len(gr.Clients), nil
}

// addDeadLetter moves a retained message the group failed to consume into
// its dead-letter queue (the message stays in its topic, as on RocketMQ)
// and returns the queue's length.
func (s *store) addDeadLetter(account, cluster, namespace, group, topic, msgID string, now time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.ctlGroup(account, cluster, namespace, group)
	if err != nil {
		return 0, err
	}
	_, _, t, err := s.topicOf(s.ctlOp(account, cluster), cluster, namespace, topic,
		miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		return 0, errors.New("topic " + topic + " does not exist")
	}
	m := s.findMessage(t, msgID, now)
	if m == nil {
		return 0, errors.New("message " + msgID + " is not in topic " + topic)
	}
	if _, d := gr.deadLetter(msgID); d == nil {
		gr.DeadLetters = append(gr.DeadLetters, &deadLetter{Topic: topic, Msg: m})
	}
	return len(gr.DeadLetters), nil
}
