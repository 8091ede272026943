package trocket

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/mqmock/mqmock/internal/statedoc"
)

// snapshotVersion is the version of RocketMQ 5.x's part of a state
// snapshot. The types below are the saved form, written out field by
// field: the store's own types can change without changing what a file
// holds.
const snapshotVersion = 1

type snapshotDoc struct {
	Version   int                `json:"version"`
	Seq       int64              `json:"seq"`
	Instances []instanceSnapshot `json:"instances"` // in creation order
}

type instanceSnapshot struct {
	Seq              int64          `json:"seq"`
	Account          string         `json:"account"` // the owner, by name
	Region           string         `json:"region"`
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	Type             string         `json:"type"`
	Remark           string         `json:"remark"`
	SkuCode          string         `json:"skuCode"`
	Tags             []tagSnap      `json:"tags"`
	Vpcs             []vpcSnap      `json:"vpcs"`
	EnablePublic     bool           `json:"enablePublic"`
	BillingFlow      bool           `json:"billingFlow"`
	Bandwidth        int64          `json:"bandwidth"`
	IPRules          []ipRuleSnap   `json:"ipRules"`
	Retention        int64          `json:"retention"` // hours
	PayMode          int64          `json:"payMode"`
	RenewFlag        int64          `json:"renewFlag"`
	TimeSpan         int64          `json:"timeSpan"`
	TopicNumLimit    int64          `json:"topicNumLimit"`
	ZoneIDs          []int64        `json:"zoneIds"`
	ScaledTps        bool           `json:"scaledTps"`
	ACL              bool           `json:"acl"`
	DeletionProtect  bool           `json:"deletionProtect"`
	SendReceiveRatio float64        `json:"sendReceiveRatio"`
	Created          time.Time      `json:"created"`
	ReadyAt          time.Time      `json:"readyAt"`
	NextSeq          int64          `json:"nextSeq"`
	Topics           []topicSnap    `json:"topics"` // in creation order
	Groups           []groupSnap    `json:"groups"`
	Roles            []roleSnap     `json:"roles"`
	Subscriptions    []subSnap      `json:"subscriptions"`
	Clients          []clientSnap   `json:"clients"`
	Producers        []producerSnap `json:"producers"`
}

type tagSnap struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type vpcSnap struct {
	VpcID    string `json:"vpcId"`
	SubnetID string `json:"subnetId"`
}

type ipRuleSnap struct {
	IP     string `json:"ip"`
	Allow  bool   `json:"allow"`
	Remark string `json:"remark"`
}

type topicSnap struct {
	Seq              int64     `json:"seq"`
	Name             string    `json:"name"`
	Type             string    `json:"type"`
	Remark           string    `json:"remark"`
	QueueNum         int64     `json:"queueNum"`
	MsgTTL           int64     `json:"msgTtl"` // hours
	Tags             []tagSnap `json:"tags"`
	AutoExpireDelete bool      `json:"autoExpireDelete"`
	AutoExpireTime   int64     `json:"autoExpireTime"`
	Created          time.Time `json:"created"`
	LastWrite        time.Time `json:"lastWrite"`
	// Messages are in produce order; Dropped counts those aged out or
	// evicted before them (Dropped+len(Messages) is the end offset).
	Messages []messageSnap `json:"messages"`
	Dropped  int64         `json:"dropped"`
}

type messageSnap struct {
	ID                string            `json:"id"`
	Body              string            `json:"body"`
	Tag               string            `json:"tag"`
	Key               string            `json:"key"`
	ProducerAddr      string            `json:"producerAddr"`
	Queue             int64             `json:"queue"`
	Offset            int64             `json:"offset"`
	Produced          time.Time         `json:"produced"`
	DeadLetterGroup   string            `json:"deadLetterGroup,omitempty"`
	ResendTimes       int64             `json:"resendTimes"`
	ResendOKTimes     int64             `json:"resendOkTimes"`
	Properties        map[string]string `json:"properties"`
	VerifiedByClients []string          `json:"verifiedByClients"`
}

type groupSnap struct {
	Seq         int64            `json:"seq"`
	Name        string           `json:"name"`
	Enable      bool             `json:"enable"`
	Orderly     bool             `json:"orderly"`
	MaxRetry    int64            `json:"maxRetry"`
	Remark      string           `json:"remark"`
	Tags        []tagSnap        `json:"tags"`
	RetryPolicy *retryPolicySnap `json:"retryPolicy,omitempty"`
	LiteTopic   string           `json:"liteTopic"`
	Created     time.Time        `json:"created"`
}

type retryPolicySnap struct {
	PolicyType    string `json:"policyType"`
	RetryInterval int64  `json:"retryInterval"`
}

type roleSnap struct {
	Seq       int64      `json:"seq"`
	Name      string     `json:"name"`
	PermRead  bool       `json:"permRead"`
	PermWrite bool       `json:"permWrite"`
	AccessKey string     `json:"accessKey"`
	SecretKey string     `json:"secretKey"`
	Remark    string     `json:"remark"`
	PermType  string     `json:"permType"`
	Perms     []permSnap `json:"perms"`
	Created   time.Time  `json:"created"`
	Modified  time.Time  `json:"modified"`
}

type permSnap struct {
	Resource     string `json:"resource"`
	PermWrite    bool   `json:"permWrite"`
	PermRead     bool   `json:"permRead"`
	ResourceType string `json:"resourceType"`
	Remark       string `json:"remark"`
}

// subSnap is a group's subscription to a topic with its committed offset.
type subSnap struct {
	Group          string    `json:"group"`
	Topic          string    `json:"topic"`
	SubString      string    `json:"subString"`
	ExpressionType string    `json:"expressionType"`
	Offset         int64     `json:"offset"`
	LastUpdate     time.Time `json:"lastUpdate"`
}

type clientSnap struct {
	ID          string   `json:"id"`
	Addr        string   `json:"addr"`
	Group       string   `json:"group"`
	Language    string   `json:"language"`
	Version     string   `json:"version"`
	Protocol    string   `json:"protocol"`
	ConsumeType string   `json:"consumeType"`
	Topics      []string `json:"topics"`
}

type producerSnap struct {
	Topic      string    `json:"topic"`
	ID         string    `json:"id"`
	IP         string    `json:"ip"`
	Language   string    `json:"language"`
	Version    string    `json:"version"`
	Protocol   string    `json:"protocol"`
	LastUpdate time.Time `json:"lastUpdate"`
}

// saveSnapshot exports the whole store, in a stable order: the store's own
// creation-ordered lists, which a load rebuilds in the order it reads.
func (s *store) saveSnapshot() (json.RawMessage, error) {
	s.mu.Lock()
	doc := snapshotDoc{Version: snapshotVersion, Seq: s.seq, Instances: []instanceSnapshot{}}
	for _, in := range s.instanceList {
		doc.Instances = append(doc.Instances, saveInstance(in))
	}
	s.mu.Unlock()
	return statedoc.Encode(doc)
}

func saveInstance(in *instance) instanceSnapshot {
	is := instanceSnapshot{Seq: in.seq, Account: in.owner, Region: in.region, ID: in.id, Name: in.name, Type: in.typ, Remark: in.remark,
		SkuCode: in.sku.SkuCode, Tags: saveTags(in.tags), EnablePublic: in.enablePublic, BillingFlow: in.billingFlow,
		Bandwidth: in.bandwidth, Retention: in.retention, PayMode: in.payMode, RenewFlag: in.renewFlag,
		TimeSpan: in.timeSpan, TopicNumLimit: in.topicNumLimit, ZoneIDs: slices.Clone(in.zoneIDs), ScaledTps: in.scaledTps, ACL: in.acl,
		DeletionProtect: in.deletionProtect, SendReceiveRatio: in.sendReceiveRatio, Created: in.created, ReadyAt: in.readyAt,
		NextSeq: in.nextSeq, Topics: []topicSnap{}, Groups: []groupSnap{}, Roles: []roleSnap{}, Subscriptions: []subSnap{},
		Clients: []clientSnap{}, Producers: []producerSnap{}}
	if in.vpcs != nil {
		is.Vpcs = []vpcSnap{}
	}
	for _, v := range in.vpcs {
		is.Vpcs = append(is.Vpcs, vpcSnap{VpcID: v.VpcId, SubnetID: v.SubnetId})
	}
	if in.ipRules != nil {
		is.IPRules = []ipRuleSnap{}
	}
	for _, r := range in.ipRules {
		is.IPRules = append(is.IPRules, ipRuleSnap{IP: r.Ip, Allow: r.Allow, Remark: r.Remark})
	}
	for _, t := range in.topicList {
		ts := topicSnap{Seq: t.seq, Name: t.name, Type: t.typ, Remark: t.remark, QueueNum: t.queueNum, MsgTTL: t.msgTTL, Tags: saveTags(t.tags),
			AutoExpireDelete: t.autoExpireDelete, AutoExpireTime: t.autoExpireTime, Created: t.created, LastWrite: t.lastWrite,
			Messages: make([]messageSnap, 0, len(t.messages)), Dropped: t.dropped}
		for _, m := range t.messages {
			ts.Messages = append(ts.Messages, messageSnap{ID: m.id, Body: m.body, Tag: m.tag, Key: m.key, ProducerAddr: m.producerAddr,
				Queue: m.queue, Offset: m.offset, Produced: m.produced, DeadLetterGroup: m.deadLetterGroup, ResendTimes: m.resendTimes,
				ResendOKTimes: m.resendOKTimes, Properties: maps.Clone(m.properties), VerifiedByClients: slices.Clone(m.verifiedByClients)})
		}
		is.Topics = append(is.Topics, ts)
	}
	for _, g := range in.groupList {
		gs := groupSnap{Seq: g.seq, Name: g.name, Enable: g.enable, Orderly: g.orderly, MaxRetry: g.maxRetry, Remark: g.remark,
			Tags: saveTags(g.tags), LiteTopic: g.liteTopic, Created: g.created}
		if p := g.retryPolicy; p != nil {
			gs.RetryPolicy = &retryPolicySnap{PolicyType: p.PolicyType, RetryInterval: p.RetryInterval}
		}
		is.Groups = append(is.Groups, gs)
	}
	for _, r := range in.roleList {
		rs := roleSnap{Seq: r.seq, Name: r.name, PermRead: r.permRead, PermWrite: r.permWrite, AccessKey: r.accessKey, SecretKey: r.secretKey,
			Remark: r.remark, PermType: r.permType, Created: r.created, Modified: r.modified}
		if r.perms != nil {
			rs.Perms = []permSnap{}
		}
		for _, p := range r.perms {
			rs.Perms = append(rs.Perms, permSnap{Resource: p.Resource, PermWrite: p.PermWrite, PermRead: p.PermRead, ResourceType: p.ResourceType, Remark: p.Remark})
		}
		is.Roles = append(is.Roles, rs)
	}
	keys := slices.Collect(maps.Keys(in.subs))
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].group != keys[j].group {
			return keys[i].group < keys[j].group
		}
		return keys[i].topic < keys[j].topic
	})
	for _, k := range keys {
		sb := in.subs[k]
		is.Subscriptions = append(is.Subscriptions, subSnap{Group: k.group, Topic: k.topic, SubString: sb.subString,
			ExpressionType: sb.expressionType, Offset: sb.offset, LastUpdate: sb.lastUpdate})
	}
	for _, id := range sortedKeys(in.clients) {
		c := in.clients[id]
		is.Clients = append(is.Clients, clientSnap{ID: c.id, Addr: c.addr, Group: c.group, Language: c.language, Version: c.version,
			Protocol: c.protocol, ConsumeType: c.consumeType, Topics: slices.Clone(c.topics)})
	}
	for _, topic := range sortedKeys(in.producers) {
		for _, id := range sortedKeys(in.producers[topic]) {
			p := in.producers[topic][id]
			is.Producers = append(is.Producers, producerSnap{Topic: topic, ID: p.id, IP: p.ip, Language: p.language, Version: p.version,
				Protocol: p.protocol, LastUpdate: p.lastUpdate})
		}
	}
	return is
}

// saveTags and loadTags keep nil apart from empty: an answer shapes them
// as null and [] respectively.
func saveTags(tags []tag) []tagSnap {
	return statedoc.Convert(tags, func(t tag) tagSnap { return tagSnap{Key: t.TagKey, Value: t.TagValue} })
}

func loadTags(tags []tagSnap) []tag {
	return statedoc.Convert(tags, func(t tagSnap) tag { return tag{TagKey: t.Key, TagValue: t.Value} })
}

// loadSnapshot checks a saved part in full and builds the store's state
// from it, without touching the current one; install replaces it.
func (s *store) loadSnapshot(raw json.RawMessage) (func(), error) {
	var doc snapshotDoc
	if err := statedoc.Decode(raw, snapshotVersion, &doc); err != nil {
		return nil, err
	}
	// Built through the helpers the create calls use, so every index is
	// there as if the resources had been created one by one, in the order
	// the document lists them.
	built := newResources()
	instances := built.instances
	for i, is := range doc.Instances {
		where := fmt.Sprintf("instances[%d] (%s)", i, is.ID)
		if _, dup := instances[is.ID]; dup || is.ID == "" || is.Account == "" {
			return nil, fmt.Errorf("%s: no id, no account, or a second instance with this id", where)
		}
		in, err := loadInstance(is)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		built.addInstance(in)
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.resources, s.seq = built, doc.Seq
	}, nil
}

func loadInstance(is instanceSnapshot) (*instance, error) {
	sk, ok := skuByCode(is.SkuCode)
	if !ok {
		return nil, fmt.Errorf("skuCode %q is no SKU this build knows", is.SkuCode)
	}
	in := &instance{seq: is.Seq, owner: is.Account, region: is.Region, id: is.ID, name: is.Name, typ: is.Type, remark: is.Remark, sku: sk,
		tags: loadTags(is.Tags), enablePublic: is.EnablePublic, billingFlow: is.BillingFlow, bandwidth: is.Bandwidth, retention: is.Retention,
		payMode: is.PayMode, renewFlag: is.RenewFlag, timeSpan: is.TimeSpan, topicNumLimit: is.TopicNumLimit, zoneIDs: slices.Clone(is.ZoneIDs),
		scaledTps: is.ScaledTps, acl: is.ACL, deletionProtect: is.DeletionProtect, sendReceiveRatio: is.SendReceiveRatio,
		created: is.Created, readyAt: is.ReadyAt, nextSeq: is.NextSeq,
		topics: map[string]*topic{}, groups: map[string]*group{}, roles: map[string]*role{}, subs: map[subKey]*sub{},
		clients: map[string]*client{}, producers: map[string]map[string]*producer{}, messages: map[string]*message{}}
	if is.Vpcs != nil {
		in.vpcs = []vpc{}
	}
	for _, v := range is.Vpcs {
		in.vpcs = append(in.vpcs, vpc{VpcId: v.VpcID, SubnetId: v.SubnetID})
	}
	if is.IPRules != nil {
		in.ipRules = []ipRule{}
	}
	for _, r := range is.IPRules {
		in.ipRules = append(in.ipRules, ipRule{Ip: r.IP, Allow: r.Allow, Remark: r.Remark})
	}
	for _, gs := range is.Groups {
		if _, dup := in.groups[gs.Name]; dup || gs.Name == "" {
			return nil, fmt.Errorf("group %q is empty or there twice", gs.Name)
		}
		g := &group{seq: gs.Seq, name: gs.Name, enable: gs.Enable, orderly: gs.Orderly, maxRetry: gs.MaxRetry, remark: gs.Remark,
			tags: loadTags(gs.Tags), liteTopic: gs.LiteTopic, created: gs.Created}
		if p := gs.RetryPolicy; p != nil {
			g.retryPolicy = &retryPolicy{PolicyType: p.PolicyType, RetryInterval: p.RetryInterval}
		}
		in.addGroup(g)
	}
	for _, ts := range is.Topics {
		if _, dup := in.topics[ts.Name]; dup || ts.Name == "" {
			return nil, fmt.Errorf("topic %q is empty or there twice", ts.Name)
		}
		t := &topic{seq: ts.Seq, name: ts.Name, typ: ts.Type, remark: ts.Remark, queueNum: ts.QueueNum, msgTTL: ts.MsgTTL, tags: loadTags(ts.Tags),
			autoExpireDelete: ts.AutoExpireDelete, autoExpireTime: ts.AutoExpireTime, created: ts.Created, lastWrite: ts.LastWrite,
			messages: make([]*message, 0, len(ts.Messages)), dropped: ts.Dropped}
		for j, ms := range ts.Messages {
			if _, dup := in.messages[ms.ID]; dup || ms.ID == "" {
				return nil, fmt.Errorf("topic %s: message %q is empty or there twice", ts.Name, ms.ID)
			}
			if ms.Offset != ts.Dropped+int64(j) {
				return nil, fmt.Errorf("topic %s: message %s has offset %d where %d follows", ts.Name, ms.ID, ms.Offset, ts.Dropped+int64(j))
			}
			if ms.DeadLetterGroup != "" {
				if _, ok := in.groups[ms.DeadLetterGroup]; !ok {
					return nil, fmt.Errorf("topic %s: message %s is dead-lettered to %s, which is no group of the instance", ts.Name, ms.ID, ms.DeadLetterGroup)
				}
			}
			m := &message{id: ms.ID, topic: t.name, body: ms.Body, tag: ms.Tag, key: ms.Key, producerAddr: ms.ProducerAddr, queue: ms.Queue,
				offset: ms.Offset, produced: ms.Produced, deadLetterGroup: ms.DeadLetterGroup, resendTimes: ms.ResendTimes,
				resendOKTimes: ms.ResendOKTimes, properties: maps.Clone(ms.Properties), verifiedByClients: slices.Clone(ms.VerifiedByClients)}
			t.messages = append(t.messages, m)
			in.messages[m.id] = m
		}
		in.addTopic(t)
	}
	for _, rs := range is.Roles {
		if _, dup := in.roles[rs.Name]; dup || rs.Name == "" {
			return nil, fmt.Errorf("role %q is empty or there twice", rs.Name)
		}
		r := &role{seq: rs.Seq, name: rs.Name, permRead: rs.PermRead, permWrite: rs.PermWrite, accessKey: rs.AccessKey, secretKey: rs.SecretKey,
			remark: rs.Remark, permType: rs.PermType, created: rs.Created, modified: rs.Modified}
		if rs.Perms != nil {
			r.perms = []detailedRolePerm{}
		}
		for _, p := range rs.Perms {
			r.perms = append(r.perms, detailedRolePerm{Resource: p.Resource, PermWrite: p.PermWrite, PermRead: p.PermRead, ResourceType: p.ResourceType, Remark: p.Remark})
		}
		in.addRole(r)
	}
	for _, ss := range is.Subscriptions {
		k := subKey{group: ss.Group, topic: ss.Topic}
		if in.groups[k.group] == nil || in.topics[k.topic] == nil {
			return nil, fmt.Errorf("subscription of %s to %s: the group or the topic is not in the instance", ss.Group, ss.Topic)
		}
		in.subs[k] = &sub{subString: ss.SubString, expressionType: ss.ExpressionType, offset: ss.Offset, lastUpdate: ss.LastUpdate}
	}
	for _, cs := range is.Clients {
		in.clients[cs.ID] = &client{id: cs.ID, addr: cs.Addr, group: cs.Group, language: cs.Language, version: cs.Version,
			protocol: cs.Protocol, consumeType: cs.ConsumeType, topics: slices.Clone(cs.Topics)}
	}
	for _, ps := range is.Producers {
		if in.topics[ps.Topic] == nil {
			return nil, fmt.Errorf("producer %s of %s: no such topic in the instance", ps.ID, ps.Topic)
		}
		if in.producers[ps.Topic] == nil {
			in.producers[ps.Topic] = map[string]*producer{}
		}
		in.producers[ps.Topic][ps.ID] = &producer{id: ps.ID, ip: ps.IP, language: ps.Language, version: ps.Version, protocol: ps.Protocol, lastUpdate: ps.LastUpdate}
	}
	return in, nil
}
