package rocketmq

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/mqmock/mqmock/internal/statedoc"
)

// snapshotVersion is the version of RocketMQ 4.x's part of a state
// snapshot. The types below are the saved form, written out field by
// field: the store's own types can change without changing what a file
// holds.
const snapshotVersion = 1

type snapshotDoc struct {
	Version int `json:"version"`
	// Seq numbers resources in creation order, MsgSeq the message ids.
	Seq      uint64            `json:"seq"`
	MsgSeq   uint64            `json:"msgSeq"`
	Clusters []clusterSnapshot `json:"clusters"` // in creation order
}

type clusterSnapshot struct {
	ID                       string              `json:"id"`
	Name                     string              `json:"name"`
	Remark                   string              `json:"remark"`
	Account                  string              `json:"account"` // the owner, by name
	Region                   string              `json:"region"`
	Kind                     string              `json:"kind"` // virtual, dedicated, general
	Tags                     []tagSnapshot       `json:"tags"`
	Created                  time.Time           `json:"created"`
	ReadyAt                  time.Time           `json:"readyAt"`
	Seq                      uint64              `json:"seq"`
	Spec                     string              `json:"spec,omitempty"`
	GeneralSkuCode           string              `json:"generalSkuCode,omitempty"`
	StorageSize              int64               `json:"storageSize,omitempty"`
	NodeCount                int64               `json:"nodeCount,omitempty"`
	ZoneIDs                  []int64             `json:"zoneIds,omitempty"`
	VpcID                    string              `json:"vpcId,omitempty"`
	SubnetID                 string              `json:"subnetId,omitempty"`
	TimeSpan                 int64               `json:"timeSpan,omitempty"`
	Retention                int64               `json:"retention,omitempty"`
	EnableDeletionProtection bool                `json:"enableDeletionProtection,omitempty"`
	SendReceiveRatio         float64             `json:"sendReceiveRatio,omitempty"`
	AclEnabled               bool                `json:"aclEnabled,omitempty"`
	PublicAccessEnabled      bool                `json:"publicAccessEnabled,omitempty"`
	Namespaces               []namespaceSnapshot `json:"namespaces"` // in creation order
	Roles                    []roleSnapshot      `json:"roles"`      // in creation order
}

type tagSnapshot struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type namespaceSnapshot struct {
	ID                  string            `json:"id"`
	Remark              string            `json:"remark"`
	TTL                 uint64            `json:"ttl"`
	RetentionTime       uint64            `json:"retentionTime"`
	PublicAccessEnabled bool              `json:"publicAccessEnabled"`
	Created             time.Time         `json:"created"`
	Seq                 uint64            `json:"seq"`
	Topics              []topicSnapshot   `json:"topics"` // in creation order
	Groups              []groupSnapshot   `json:"groups"` // in creation order
	Bindings            []bindingSnapshot `json:"bindings"`
}

type topicSnapshot struct {
	Name       string            `json:"name"`
	Type       string            `json:"type"`
	Remark     string            `json:"remark"`
	Partitions uint64            `json:"partitions"`
	Tags       []tagSnapshot     `json:"tags"`
	Created    time.Time         `json:"created"`
	Updated    time.Time         `json:"updated"`
	Seq        uint64            `json:"seq"`
	Messages   []messageSnapshot `json:"messages"` // oldest first
	NextQueue  uint64            `json:"nextQueue"`
	// Expired counts the messages dropped per queue (they still count in
	// the queue's offsets); LastWrite is each queue's latest message time.
	Expired   map[uint64]int64     `json:"expired,omitempty"`
	LastWrite map[uint64]time.Time `json:"lastWrite,omitempty"`
}

type messageSnapshot struct {
	ID           string    `json:"id"`
	Body         string    `json:"body"`
	Key          string    `json:"key"`
	Tag          string    `json:"tag"`
	ProducerAddr string    `json:"producerAddr"`
	Queue        uint64    `json:"queue"`
	Produced     time.Time `json:"produced"`
}

type groupSnapshot struct {
	Name          string        `json:"name"`
	Remark        string        `json:"remark"`
	GroupType     string        `json:"groupType"`
	ReadEnable    bool          `json:"readEnable"`
	Broadcast     bool          `json:"broadcast"`
	RetryMaxTimes uint64        `json:"retryMaxTimes"`
	Tags          []tagSnapshot `json:"tags"`
	Created       time.Time     `json:"created"`
	Updated       time.Time     `json:"updated"`
	Seq           uint64        `json:"seq"`
	LastReset     *resetSnap    `json:"lastReset,omitempty"`
	Clients       []clientSnap  `json:"clients"`
	// DeadLetters are the group's dead-lettered messages with their topic.
	DeadLetters []deadLetterSnap `json:"deadLetters"`
	Verified    int              `json:"verified"`
}

type resetSnap struct {
	Topic     string    `json:"topic,omitempty"`
	Type      uint64    `json:"type"`
	Timestamp uint64    `json:"timestamp,omitempty"`
	Retry     bool      `json:"retry,omitempty"`
	At        time.Time `json:"at"`
}

type clientSnap struct {
	ID       string `json:"id"`
	Addr     string `json:"addr"`
	Language string `json:"language"`
	Version  string `json:"version"`
}

type deadLetterSnap struct {
	Topic   string          `json:"topic"`
	Message messageSnapshot `json:"message"`
}

type roleSnapshot struct {
	Name      string    `json:"name"`
	Remark    string    `json:"remark"`
	PermType  string    `json:"permType"`
	Token     string    `json:"token"`
	AccessKey string    `json:"accessKey"`
	SecretKey string    `json:"secretKey"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	Seq       uint64    `json:"seq"`
}

type bindingSnapshot struct {
	Role          string             `json:"role"`
	Permissions   []string           `json:"permissions"`
	DetailedPerms []detailedPermSnap `json:"detailedPerms"`
	Created       time.Time          `json:"created"`
	Updated       time.Time          `json:"updated"`
	Seq           uint64             `json:"seq"`
}

type detailedPermSnap struct {
	Resource     string `json:"resource"`
	PermWrite    bool   `json:"permWrite"`
	PermRead     bool   `json:"permRead"`
	ResourceType string `json:"resourceType"`
	Remark       string `json:"remark"`
}

// clusterKinds names the kinds as a file spells them.
func clusterKinds() map[clusterKind]string {
	return map[clusterKind]string{kindVirtual: "virtual", kindDedicated: "dedicated", kindGeneral: "general"}
}

// saveSnapshot exports the whole store, in creation order (the store's own
// ordered lists, which a load rebuilds in the order it reads).
func (s *store) saveSnapshot() (json.RawMessage, error) {
	s.mu.Lock()
	kindNames := clusterKinds()
	doc := snapshotDoc{Version: snapshotVersion, Seq: s.seq, MsgSeq: s.msgSeq, Clusters: []clusterSnapshot{}}
	for _, c := range s.clusterOrder {
		cs := clusterSnapshot{ID: c.ID, Name: c.Name, Remark: c.Remark, Account: c.Owner, Region: c.Region, Kind: kindNames[c.Kind],
			Tags: saveTags(c.Tags), Created: c.Created, ReadyAt: c.ReadyAt, Seq: c.Seq, Spec: c.Spec, GeneralSkuCode: c.GeneralSkuCode,
			StorageSize: c.StorageSize, NodeCount: c.NodeCount, ZoneIDs: slices.Clone(c.ZoneIDs), VpcID: c.Vpc.VpcId, SubnetID: c.Vpc.SubnetId,
			TimeSpan: c.TimeSpan, Retention: c.Retention, EnableDeletionProtection: c.EnableDeletionProtection,
			SendReceiveRatio: c.SendReceiveRatio, AclEnabled: c.AclEnabled, PublicAccessEnabled: c.PublicAccessEnabled,
			Namespaces: []namespaceSnapshot{}, Roles: []roleSnapshot{}}
		for _, n := range c.NamespaceOrder {
			cs.Namespaces = append(cs.Namespaces, saveNamespace(n))
		}
		for _, r := range c.RoleOrder {
			cs.Roles = append(cs.Roles, roleSnapshot{Name: r.Name, Remark: r.Remark, PermType: r.PermType, Token: r.Token,
				AccessKey: r.AccessKey, SecretKey: r.SecretKey, Created: r.Created, Updated: r.Updated, Seq: r.Seq})
		}
		doc.Clusters = append(doc.Clusters, cs)
	}
	s.mu.Unlock()
	return statedoc.Encode(doc)
}

func saveNamespace(n *namespace) namespaceSnapshot {
	ns := namespaceSnapshot{ID: n.ID, Remark: n.Remark, TTL: n.Ttl, RetentionTime: n.RetentionTime, PublicAccessEnabled: n.PublicAccessEnabled,
		Created: n.Created, Seq: n.Seq, Topics: []topicSnapshot{}, Groups: []groupSnapshot{}, Bindings: []bindingSnapshot{}}
	for _, t := range n.Topics.all() {
		ts := topicSnapshot{Name: t.Name, Type: t.Type, Remark: t.Remark, Partitions: t.Partitions, Tags: saveTags(t.Tags), Created: t.Created,
			Updated: t.Updated, Seq: t.Seq, Messages: make([]messageSnapshot, 0, len(t.Messages)), NextQueue: t.NextQueue}
		for _, m := range t.Messages {
			ts.Messages = append(ts.Messages, saveMessage(m))
		}
		if len(t.Expired) > 0 {
			ts.Expired = map[uint64]int64{}
			for q, n := range t.Expired {
				ts.Expired[q] = n
			}
		}
		if len(t.LastWrite) > 0 {
			ts.LastWrite = map[uint64]time.Time{}
			for q, at := range t.LastWrite {
				ts.LastWrite[q] = at
			}
		}
		ns.Topics = append(ns.Topics, ts)
	}
	for _, g := range n.Groups.all() {
		gs := groupSnapshot{Name: g.Name, Remark: g.Remark, GroupType: g.GroupType, ReadEnable: g.ReadEnable, Broadcast: g.Broadcast,
			RetryMaxTimes: g.RetryMaxTimes, Tags: saveTags(g.Tags), Created: g.Created, Updated: g.Updated, Seq: g.Seq,
			Clients: []clientSnap{}, DeadLetters: []deadLetterSnap{}, Verified: g.Verified}
		if r := g.LastReset; r != nil {
			gs.LastReset = &resetSnap{Topic: r.Topic, Type: r.Type, Timestamp: r.Timestamp, Retry: r.Retry, At: r.At}
		}
		for _, c := range g.Clients {
			gs.Clients = append(gs.Clients, clientSnap{ID: c.ID, Addr: c.Addr, Language: c.Language, Version: c.Version})
		}
		for _, d := range g.DeadLetters {
			gs.DeadLetters = append(gs.DeadLetters, deadLetterSnap{Topic: d.Topic, Message: saveMessage(d.Msg)})
		}
		ns.Groups = append(ns.Groups, gs)
	}
	for _, b := range n.BindingOrder {
		bs := bindingSnapshot{Role: b.Role, Permissions: slices.Clone(b.Permissions), DetailedPerms: []detailedPermSnap{},
			Created: b.Created, Updated: b.Updated, Seq: b.Seq}
		for _, p := range b.DetailedPerms {
			bs.DetailedPerms = append(bs.DetailedPerms, detailedPermSnap{Resource: p.Resource, PermWrite: p.PermWrite, PermRead: p.PermRead,
				ResourceType: p.ResourceType, Remark: p.Remark})
		}
		ns.Bindings = append(ns.Bindings, bs)
	}
	return ns
}

func saveMessage(m *message) messageSnapshot {
	return messageSnapshot{ID: m.ID, Body: m.Body, Key: m.Key, Tag: m.Tag, ProducerAddr: m.ProducerAddr, Queue: m.Queue, Produced: m.Produced}
}

func loadMessage(m messageSnapshot) *message {
	return &message{ID: m.ID, Body: m.Body, Key: m.Key, Tag: m.Tag, ProducerAddr: m.ProducerAddr, Queue: m.Queue, Produced: m.Produced}
}

// saveTags and loadTags keep nil apart from empty: an answer shapes them
// as null and [] respectively.
func saveTags(tags []tag) []tagSnapshot {
	return statedoc.Convert(tags, func(t tag) tagSnapshot { return tagSnapshot{Key: t.TagKey, Value: t.TagValue} })
}

func loadTags(tags []tagSnapshot) []tag {
	return statedoc.Convert(tags, func(t tagSnapshot) tag { return tag{TagKey: t.Key, TagValue: t.Value} })
}

// loadSnapshot checks a saved part in full and builds the store's state
// from it, without touching the current one; install replaces it.
func (s *store) loadSnapshot(raw json.RawMessage) (func(), error) {
	var doc snapshotDoc
	if err := statedoc.Decode(raw, snapshotVersion, &doc); err != nil {
		return nil, err
	}
	kinds := map[string]clusterKind{}
	for k, name := range clusterKinds() {
		kinds[name] = k
	}
	// Built through the helpers the create calls use, so every index and
	// tally is there as if the resources had been created one by one, in
	// the order the document lists them.
	built := newResources()
	clusters := built.clusters
	for i, cs := range doc.Clusters {
		where := fmt.Sprintf("clusters[%d] (%s)", i, cs.ID)
		if cs.ID == "" || cs.Account == "" {
			return nil, fmt.Errorf("%s: no id or no account", where)
		}
		if _, dup := clusters[cs.ID]; dup {
			return nil, fmt.Errorf("%s: a second cluster with this id", where)
		}
		kind, ok := kinds[cs.Kind]
		if !ok {
			return nil, fmt.Errorf("%s: kind %q is not virtual, dedicated or general", where, cs.Kind)
		}
		if kind == kindDedicated {
			if _, ok := vipSpecs[cs.Spec]; !ok {
				return nil, fmt.Errorf("%s: spec %q is no dedicated cluster's", where, cs.Spec)
			}
		}
		c := &cluster{ID: cs.ID, Name: cs.Name, Remark: cs.Remark, Owner: cs.Account, Region: cs.Region, Kind: kind, Tags: loadTags(cs.Tags),
			Created: cs.Created, ReadyAt: cs.ReadyAt, Seq: cs.Seq, Spec: cs.Spec, GeneralSkuCode: cs.GeneralSkuCode, StorageSize: cs.StorageSize,
			NodeCount: cs.NodeCount, ZoneIDs: slices.Clone(cs.ZoneIDs), Vpc: vpc{VpcId: cs.VpcID, SubnetId: cs.SubnetID}, TimeSpan: cs.TimeSpan,
			Retention: cs.Retention, EnableDeletionProtection: cs.EnableDeletionProtection, SendReceiveRatio: cs.SendReceiveRatio,
			AclEnabled: cs.AclEnabled, PublicAccessEnabled: cs.PublicAccessEnabled,
			Namespaces: map[string]*namespace{}, Roles: map[string]*role{}}
		for _, rs := range cs.Roles {
			if _, dup := c.Roles[rs.Name]; dup || rs.Name == "" {
				return nil, fmt.Errorf("%s: role %q is empty or there twice", where, rs.Name)
			}
			c.addRole(&role{Name: rs.Name, Remark: rs.Remark, PermType: rs.PermType, Token: rs.Token, AccessKey: rs.AccessKey,
				SecretKey: rs.SecretKey, Created: rs.Created, Updated: rs.Updated, Seq: rs.Seq})
		}
		for _, ns := range cs.Namespaces {
			if err := loadNamespace(ns, c); err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
		}
		built.addCluster(c)
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.resources, s.seq, s.msgSeq = built, doc.Seq, doc.MsgSeq
	}, nil
}

// loadNamespace adds a saved namespace, with its topics, groups and
// bindings, to c.
func loadNamespace(ns namespaceSnapshot, c *cluster) error {
	if _, dup := c.Namespaces[ns.ID]; dup || ns.ID == "" {
		return fmt.Errorf("namespace %q is empty or there twice", ns.ID)
	}
	n := newNamespace(ns.ID, ns.Remark, ns.Created, ns.Seq)
	n.Ttl, n.RetentionTime, n.PublicAccessEnabled = ns.TTL, ns.RetentionTime, ns.PublicAccessEnabled
	c.addNamespace(n)
	for _, ts := range ns.Topics {
		if _, dup := n.Topics.get(ts.Name); dup || ts.Name == "" {
			return fmt.Errorf("namespace %s: topic %q is empty or there twice", ns.ID, ts.Name)
		}
		t := &topic{Name: ts.Name, Type: ts.Type, Remark: ts.Remark, Partitions: ts.Partitions, Tags: loadTags(ts.Tags), Created: ts.Created,
			Updated: ts.Updated, Seq: ts.Seq, Messages: make([]*message, 0, len(ts.Messages)), NextQueue: ts.NextQueue}
		for _, m := range ts.Messages {
			t.Messages = append(t.Messages, loadMessage(m))
		}
		if !slices.IsSortedFunc(t.Messages, func(a, b *message) int { return a.Produced.Compare(b.Produced) }) {
			return fmt.Errorf("namespace %s: topic %s: messages are not oldest first", ns.ID, ts.Name)
		}
		if len(ts.Expired) > 0 {
			t.Expired = map[uint64]int64{}
			for q, k := range ts.Expired {
				t.Expired[q] = k
			}
		}
		if len(ts.LastWrite) > 0 {
			t.LastWrite = map[uint64]time.Time{}
			for q, at := range ts.LastWrite {
				t.LastWrite[q] = at
			}
		}
		c.putTopic(n, t)
	}
	for _, gs := range ns.Groups {
		if _, dup := n.Groups.get(gs.Name); dup || gs.Name == "" {
			return fmt.Errorf("namespace %s: group %q is empty or there twice", ns.ID, gs.Name)
		}
		g := &group{Name: gs.Name, Remark: gs.Remark, GroupType: gs.GroupType, ReadEnable: gs.ReadEnable, Broadcast: gs.Broadcast,
			RetryMaxTimes: gs.RetryMaxTimes, Tags: loadTags(gs.Tags), Created: gs.Created, Updated: gs.Updated, Seq: gs.Seq, Verified: gs.Verified}
		if r := gs.LastReset; r != nil {
			g.LastReset = &offsetReset{Topic: r.Topic, Type: r.Type, Timestamp: r.Timestamp, Retry: r.Retry, At: r.At}
		}
		for _, cl := range gs.Clients {
			g.Clients = append(g.Clients, &consumer{ID: cl.ID, Addr: cl.Addr, Language: cl.Language, Version: cl.Version})
		}
		for _, d := range gs.DeadLetters {
			// The message stays in its topic while dead-lettered: the same
			// one, as when it was moved there.
			m := loadMessage(d.Message)
			if t, ok := n.Topics.get(d.Topic); ok {
				if i := slices.IndexFunc(t.Messages, func(x *message) bool { return x.ID == d.Message.ID }); i >= 0 {
					m = t.Messages[i]
				}
			}
			g.DeadLetters = append(g.DeadLetters, &deadLetter{Topic: d.Topic, Msg: m})
		}
		c.putGroup(n, g)
	}
	for _, bs := range ns.Bindings {
		if _, ok := c.Roles[bs.Role]; !ok {
			return fmt.Errorf("namespace %s: binds role %q, which is no role of the cluster", ns.ID, bs.Role)
		}
		b := &binding{Role: bs.Role, Permissions: slices.Clone(bs.Permissions), Created: bs.Created, Updated: bs.Updated, Seq: bs.Seq}
		for _, p := range bs.DetailedPerms {
			b.DetailedPerms = append(b.DetailedPerms, detailedPerm{Resource: p.Resource, PermWrite: p.PermWrite, PermRead: p.PermRead,
				ResourceType: p.ResourceType, Remark: p.Remark})
		}
		if _, dup := n.Bindings[b.Role]; dup {
			return fmt.Errorf("namespace %s: binds role %q twice", ns.ID, bs.Role)
		}
		n.addBinding(b)
	}
	return nil
}
