package rocketmq

import (
	"cmp"
	"crypto/rand"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/lazysort"
)

// store is the 4.x state and every rule over it. Each method takes plain
// values (who acts, when and whether for real, ids, names, typed
// arguments), checks and acts under mu, and returns results (copies, safe
// after the lock) or catalogue errors; nothing here knows of HTTP. One mutex
// guards every resource, so each check and the change it guards happen in
// one critical section. Times come from the emulator's virtual clock,
// through the op.
type store struct {
	limits     Limits
	readyAfter time.Duration // how long a new cluster stays CREATING

	mu sync.Mutex
	resources
	seq    uint64 // creation order of every resource
	msgSeq uint64 // message ids
}

// resources are the clusters with every index kept beside them. reset and
// a snapshot's load each build a fresh one through the same helpers the
// create calls use (addCluster, addNamespace, addRole, putTopic, putGroup,
// addBinding), so those helpers are the one place that knows the indexes.
type resources struct {
	clusters map[string]*cluster
	// clusterOrder holds the clusters in creation order, so lists page
	// without sorting every cluster on every call; scopes the same per
	// account and region (what a call sees, op.sees), so an unfiltered
	// page reads no other cluster.
	clusterOrder []*cluster
	scopes       map[scope]*scoped
}

func newResources() resources {
	return resources{clusters: map[string]*cluster{}, scopes: map[scope]*scoped{}}
}

func newStore(opts Options) *store {
	s := &store{limits: opts.Limits, readyAfter: opts.ReadyAfter}
	s.reset()
	return s
}

// reset forgets every resource.
func (s *store) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resources = newResources()
	s.seq, s.msgSeq = 0, 0
}

// next numbers a new resource; the caller holds mu.
func (s *store) next() uint64 { s.seq++; return s.seq }

// op is who acts, where, when, and whether for real: what the wrapper
// works out for every call.
type op struct {
	owner  string    // account name
	region string    // the call's X-TC-Region, as sent ("" is a region of its own)
	dry    bool      // DryRun: check everything, change nothing
	now    time.Time // the virtual clock when the call arrived
}

// sees reports whether the caller's cluster lookups and lists reach c.
// TencentCloud resources are regional: a cluster belongs to the account
// that created it and to the region that call named, and a call in another
// region (or naming none, or an unknown one) finds it no more than one that
// does not exist. Everything in a cluster follows it.
func (o op) sees(c *cluster) bool { return c.Owner == o.owner && c.Region == o.region }

// The 4.x domain: clusters own namespaces and roles; namespaces own topics,
// groups and role bindings; topics own messages. Everything is guarded by
// store.mu.

// clusterKind is what created a cluster.
type clusterKind int

const (
	kindVirtual   clusterKind = iota // CreateRocketMQCluster
	kindDedicated                    // CreateRocketMQVipInstance
	kindGeneral                      // CreateRocketMQVipInstance with GeneralSkuCode
)

// defaultNamespace is the fixed namespace of 4.x general clusters.
const defaultNamespace = "tdmq_default"

type cluster struct {
	ID, Name, Remark string
	Owner            string // account name
	// Region is the X-TC-Region of the call that created the cluster, as
	// sent: lookups match it exactly (op.sees). Answers name defaultRegion
	// for "" (shownRegion).
	Region  string
	Kind    clusterKind
	Tags    []tag
	Created time.Time
	ReadyAt time.Time // CREATING until then
	Seq     uint64

	// Dedicated (VIP) settings.
	Spec                     string
	GeneralSkuCode           string
	StorageSize              int64
	NodeCount                int64
	ZoneIDs                  []int64
	Vpc                      vpc
	TimeSpan                 int64
	Retention                int64 // hours
	EnableDeletionProtection bool
	SendReceiveRatio         float64
	AclEnabled               bool
	PublicAccessEnabled      bool

	Namespaces map[string]*namespace
	Roles      map[string]*role
	// NamespaceOrder and RoleOrder hold the same in creation order, for
	// paging without a sort.
	NamespaceOrder []*namespace
	RoleOrder      []*role
	// topicTypes counts the cluster's topics by type, and topics and groups
	// its topics and groups over every namespace: kept on each create and
	// delete (putTopic, dropTopic, putGroup, dropGroup, dropNamespace), so
	// quotas, configs and summaries walk no namespace's topics.
	topicTypes     map[string]uint64
	topics, groups int
}

type namespace struct {
	ID, Remark          string
	Ttl, RetentionTime  uint64
	PublicAccessEnabled bool
	Created             time.Time
	Seq                 uint64
	Topics              *index[*topic]
	Groups              *index[*group]
	Bindings            map[string]*binding // by role name
	BindingOrder        []*binding          // the same in creation order
}

type topic struct {
	Name, Type, Remark string
	Partitions         uint64
	Tags               []tag
	Created, Updated   time.Time
	Seq                uint64
	Messages           []*message // oldest first
	NextQueue          uint64
	// Expired counts, per queue, the messages dropped after the retention
	// window: they still count in the queue's offsets.
	Expired map[uint64]int64
	// LastWrite is each queue's latest message time.
	LastWrite map[uint64]time.Time
}

type group struct {
	Name, Remark, GroupType string
	ReadEnable, Broadcast   bool
	RetryMaxTimes           uint64
	Tags                    []tag
	Created, Updated        time.Time
	Seq                     uint64
	// LastReset records ResetRocketMQConsumerOffSet (for the state view).
	LastReset *offsetReset
	// Clients are the group's online consumers and DeadLetters its dead-letter
	// queue. No RocketMQ client reaches mqmock: the control API
	// (/_mqmock/tdmq/rocketmq4/...) stands in for them.
	Clients     []*consumer
	DeadLetters []*deadLetter
	// Verified counts successful VerifyRocketMQConsume calls (state view).
	Verified int
}

// consumer is an online consumer client of a group.
type consumer struct {
	ID, Addr, Language, Version string
}

// deadLetter is a message in a group's dead-letter queue.
type deadLetter struct {
	Topic string
	Msg   *message
}

// client finds an online consumer by id.
func (gr *group) client(id string) *consumer {
	for _, c := range gr.Clients {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// deadLetter finds a dead-lettered message by id.
func (gr *group) deadLetter(id string) (int, *deadLetter) {
	for i, d := range gr.DeadLetters {
		if d.Msg.ID == id {
			return i, d
		}
	}
	return -1, nil
}

type offsetReset struct {
	Topic     string    `json:"topic,omitempty"`
	Type      uint64    `json:"type"`
	Timestamp uint64    `json:"timestamp,omitempty"`
	Retry     bool      `json:"retry,omitempty"`
	At        time.Time `json:"at"`
}

type role struct {
	Name, Remark, PermType string
	Token                  string
	AccessKey, SecretKey   string
	Created, Updated       time.Time
	Seq                    uint64
}

type binding struct {
	Role             string
	Permissions      []string
	DetailedPerms    []detailedPerm
	Created, Updated time.Time
	Seq              uint64
}

type message struct {
	ID, Body, Key, Tag string
	ProducerAddr       string
	Queue              uint64
	Produced           time.Time
}

// miss says which code an action answers for each missing resource: the
// SDK lists a different one per action (tdmq.md §4 and §6).
type miss struct {
	cluster, namespace, topic, group *apierr.Def
}

// clusterOf finds the caller's cluster; another account's cluster, or one
// in another region, is as unknown as a missing one (op.sees). The caller
// holds mu (as for the lookups below).
func (s *store) clusterOf(o op, id string, m miss) (*cluster, error) {
	c, ok := s.clusters[id]
	if !ok || !o.sees(c) {
		return nil, m.cluster.New()
	}
	return c, nil
}

func (s *store) namespaceOf(o op, clusterID, ns string, m miss) (*cluster, *namespace, error) {
	c, err := s.clusterOf(o, clusterID, m)
	if err != nil {
		return nil, nil, err
	}
	n, ok := c.Namespaces[ns]
	if !ok {
		return nil, nil, m.namespace.New()
	}
	return c, n, nil
}

func (s *store) topicOf(o op, clusterID, ns, topic string, m miss) (*cluster, *namespace, *topic, error) {
	c, n, err := s.namespaceOf(o, clusterID, ns, m)
	if err != nil {
		return nil, nil, nil, err
	}
	t, ok := n.Topics.get(topic)
	if !ok {
		return nil, nil, nil, m.topic.New()
	}
	return c, n, t, nil
}

func (s *store) groupOf(o op, clusterID, ns, group string, m miss) (*cluster, *namespace, *group, error) {
	c, n, err := s.namespaceOf(o, clusterID, ns, m)
	if err != nil {
		return nil, nil, nil, err
	}
	gr, ok := n.Groups.get(group)
	if !ok {
		return nil, nil, nil, m.group.New()
	}
	return c, n, gr, nil
}

// ready reports whether the cluster has left CREATING.
func (c *cluster) ready(now time.Time) bool { return !now.Before(c.ReadyAt) }

func (c *cluster) topicCount() int { return c.topics }

func (c *cluster) groupCount() int { return c.groups }

// putTopic adds a new topic to a namespace of the cluster.
func (c *cluster) putTopic(n *namespace, t *topic) {
	n.Topics.put(t.Name, t)
	if c.topicTypes == nil {
		c.topicTypes = map[string]uint64{}
	}
	c.topicTypes[t.Type]++
	c.topics++
}

// dropTopic removes a topic of a namespace of the cluster.
func (c *cluster) dropTopic(n *namespace, t *topic) {
	n.Topics.remove(t.Name)
	c.untally(t)
}

func (c *cluster) untally(t *topic) {
	if c.topicTypes[t.Type]--; c.topicTypes[t.Type] == 0 {
		delete(c.topicTypes, t.Type)
	}
	c.topics--
}

// putGroup adds a new group to a namespace of the cluster.
func (c *cluster) putGroup(n *namespace, gr *group) {
	n.Groups.put(gr.Name, gr)
	c.groups++
}

// dropGroup removes a group of a namespace of the cluster.
func (c *cluster) dropGroup(n *namespace, gr *group) {
	n.Groups.remove(gr.Name)
	c.groups--
}

// dropNamespace removes a namespace with its topics and groups.
func (c *cluster) dropNamespace(n *namespace) {
	delete(c.Namespaces, n.ID)
	c.NamespaceOrder = without(c.NamespaceOrder, n)
	for _, t := range n.Topics.all() {
		c.untally(t)
	}
	c.groups -= n.Groups.len()
}

// quotas are the cluster's namespace, topic and group limits.
func (c *cluster) quotas(l Limits) (namespaces, topics, groups int) {
	switch c.Kind {
	case kindDedicated:
		s := vipSpecs[c.Spec]
		return l.DedicatedNamespaces, s.Topics, s.Groups
	case kindGeneral:
		return 1, l.GeneralTopics, l.GeneralGroups
	}
	return l.VirtualNamespaces, l.VirtualTopics, l.VirtualGroups
}

// boundRoles lists the roles bound on any namespace of the cluster.
func (c *cluster) boundRoles() map[string]string {
	out := map[string]string{}
	for _, ns := range c.Namespaces {
		for r := range ns.Bindings {
			out[r] = ns.ID
		}
	}
	return out
}

// live returns the topic's messages still inside the retention window.
func (t *topic) live(now time.Time, retention time.Duration) []*message {
	cut := now.Add(-retention)
	i := sort.Search(len(t.Messages), func(i int) bool { return !t.Messages[i].Produced.Before(cut) })
	return t.Messages[i:]
}

// index holds a namespace's topics or groups by name and in creation
// order, so their lists come out ordered without a sort per call.
type index[T any] struct {
	byName map[string]T
	names  []string // creation order
	values []T      // values[i] is byName[names[i]]
}

func newIndex[T any]() *index[T] { return &index[T]{byName: map[string]T{}} }

func (x *index[T]) get(name string) (T, bool) { v, ok := x.byName[name]; return v, ok }

func (x *index[T]) len() int { return len(x.names) }

// put adds a new name at the end (the caller has checked it is new).
func (x *index[T]) put(name string, v T) {
	x.byName[name] = v
	x.names = append(x.names, name)
	x.values = append(x.values, v)
}

func (x *index[T]) remove(name string) {
	if _, ok := x.byName[name]; !ok {
		return
	}
	delete(x.byName, name)
	i := slices.Index(x.names, name)
	x.names = slices.Delete(x.names, i, i+1)
	x.values = slices.Delete(x.values, i, i+1)
}

// all returns the values in creation order; the caller must not modify the
// slice.
func (x *index[T]) all() []T { return x.values }

// newNamespace makes an empty namespace.
func newNamespace(id, remark string, created time.Time, seq uint64) *namespace {
	return &namespace{
		ID: id, Remark: remark, Ttl: defaultNamespaceTTL, RetentionTime: defaultNamespaceTTL, Created: created, Seq: seq,
		Topics: newIndex[*topic](), Groups: newIndex[*group](), Bindings: map[string]*binding{},
	}
}

// expire drops the messages older than the retention window, counting
// them per queue, so a long-lived topic holds only what queries can return.
func (t *topic) expire(now time.Time, retention time.Duration) {
	cut := now.Add(-retention)
	n := 0
	for n < len(t.Messages) && t.Messages[n].Produced.Before(cut) {
		if t.Expired == nil {
			t.Expired = map[uint64]int64{}
		}
		t.Expired[t.Messages[n].Queue]++
		n++
	}
	if n > 0 {
		t.Messages = slices.Clone(t.Messages[n:])
	}
}

// without returns list without v, keeping the order of the rest (the
// creation-ordered lists, on a delete).
func without[T comparable](list []T, v T) []T {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// byCreatedOrder compares clusters by (creation millisecond, id), the
// order other products list clusters in (5.x's DescribeFusionInstanceList).
func byCreatedOrder(a, b *cluster) int {
	if c := cmp.Compare(a.Created.UnixMilli(), b.Created.UnixMilli()); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// scope is an account and a region: the clusters one call sees.
type scope struct{ owner, region string }

// scoped holds a scope's clusters in creation order: all of them, and the
// dedicated and general ones (the VIP instances). byCreated holds them by
// byCreatedOrder, for other products: per scope, so their lists read no
// other account's clusters.
type scoped struct {
	all, vip  []*cluster
	byCreated lazysort.List[*cluster]
}

// scoped returns the clusters o sees (never nil); the caller holds mu.
func (r *resources) scoped(o op) *scoped {
	if sc, ok := r.scopes[scope{o.owner, o.region}]; ok {
		return sc
	}
	return &scoped{}
}

// addCluster inserts a new cluster; the caller holds mu.
func (r *resources) addCluster(c *cluster) {
	r.clusters[c.ID] = c
	r.clusterOrder = append(r.clusterOrder, c)
	k := scope{c.Owner, c.Region}
	sc := r.scopes[k]
	if sc == nil {
		sc = &scoped{}
		r.scopes[k] = sc
	}
	sc.all = append(sc.all, c)
	sc.byCreated.Add(c, byCreatedOrder)
	if c.Kind != kindVirtual {
		sc.vip = append(sc.vip, c)
	}
}

// removeCluster forgets a cluster; the caller holds mu.
func (r *resources) removeCluster(c *cluster) {
	delete(r.clusters, c.ID)
	r.clusterOrder = without(r.clusterOrder, c)
	if sc := r.scopes[scope{c.Owner, c.Region}]; sc != nil {
		sc.all = without(sc.all, c)
		sc.vip = without(sc.vip, c)
		sc.byCreated.Remove(c)
	}
}

// addNamespace inserts a namespace into a cluster; the caller holds mu.
func (c *cluster) addNamespace(n *namespace) {
	c.Namespaces[n.ID] = n
	c.NamespaceOrder = append(c.NamespaceOrder, n)
}

// addRole inserts a new role into a cluster; the caller holds mu.
func (c *cluster) addRole(r *role) {
	c.Roles[r.Name] = r
	c.RoleOrder = append(c.RoleOrder, r)
}

// addBinding binds a role on a namespace; the caller holds mu.
func (n *namespace) addBinding(b *binding) {
	n.Bindings[b.Role] = b
	n.BindingOrder = append(n.BindingOrder, b)
}

// filterPage counts the items keep accepts and returns the page of them
// at offset, without building the full list of matches. A nil keep accepts
// every item: then nothing is scanned at all.
func filterPage[T any](items []T, offset, limit uint64, keep func(T) bool) (uint64, []T) {
	if keep == nil {
		return uint64(len(items)), page(items, offset, limit)
	}
	var total uint64
	out := []T{}
	for _, it := range items {
		if !keep(it) {
			continue
		}
		if total >= offset && uint64(len(out)) < limit {
			out = append(out, it)
		}
		total++
	}
	return total, out
}

// page cuts one page out of a list: offset past the end gives an empty page.
func page[T any](items []T, offset, limit uint64) []T {
	if offset >= uint64(len(items)) {
		return []T{}
	}
	end := uint64(len(items))
	if limit < end-offset {
		end = offset + limit
	}
	return items[offset:end]
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// randomID returns n random lower-case alphanumerics.
func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// ms is a virtual time as the SDK's unsigned milliseconds (never negative).
func ms(t time.Time) uint64 {
	if t.IsZero() || t.UnixMilli() < 0 {
		return 0
	}
	return uint64(t.UnixMilli())
}

// beijing is the zone of the 4.x string times ("2006-01-02 15:04:05"), as
// Tencent's console shows them.
var beijing = time.FixedZone("CST", 8*3600)

const timeLayout = "2006-01-02 15:04:05"

func stamp(t time.Time) string { return t.In(beijing).Format(timeLayout) }

func itoa(n int) string { return strconv.Itoa(n) }
