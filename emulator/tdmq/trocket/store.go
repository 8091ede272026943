package trocket

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/lazysort"
)

// store is the 5.x state and every rule over it. Each method takes plain
// values (who acts and when, ids, names, typed arguments), checks and acts
// under mu, and returns results (copies, safe after the lock) or catalogue
// errors; nothing here knows of HTTP. Times come from the emulator's virtual
// clock, through the op.
type store struct {
	readyAfter      time.Duration // how long a new instance stays CREATING
	topicNameMaxLen int           // 0 means 100

	mu  sync.Mutex
	seq int64
	resources
}

// resources are the instances with every index kept beside them. reset and
// a snapshot's load each build a fresh one through the same helpers the
// create calls use (addInstance, and an instance's addTopic, addGroup and
// addRole), so those helpers are the one place that knows the indexes.
type resources struct {
	instances map[string]*instance
	// instanceList holds the instances in creation order, so lists page
	// without sorting every instance on every call; scopes the same per
	// account and region (what a call sees, op.sees), so an unfiltered page
	// reads no other instance.
	instanceList []*instance
	scopes       map[scope]*scoped
}

// scoped holds a scope's instances in creation order (all) and by
// byCreatedOrder (byCreated), the order of DescribeFusionInstanceList.
type scoped struct {
	all       []*instance
	byCreated lazysort.List[*instance]
}

func newResources() resources {
	return resources{instances: map[string]*instance{}, scopes: map[scope]*scoped{}}
}

// addInstance inserts a new instance; the caller holds mu.
func (r *resources) addInstance(in *instance) {
	r.instances[in.id] = in
	r.instanceList = append(r.instanceList, in)
	k := scope{in.owner, in.region}
	sc := r.scopes[k]
	if sc == nil {
		sc = &scoped{}
		r.scopes[k] = sc
	}
	sc.all = append(sc.all, in)
	sc.byCreated.Add(in, byCreatedOrder)
}

// removeInstance forgets an instance; the caller holds mu.
func (r *resources) removeInstance(in *instance) {
	delete(r.instances, in.id)
	r.instanceList = without(r.instanceList, in)
	if sc := r.scopes[scope{in.owner, in.region}]; sc != nil {
		sc.all = without(sc.all, in)
		sc.byCreated.Remove(in)
	}
}

func newStore(opts Options) *store {
	s := &store{readyAfter: opts.ReadyAfter, topicNameMaxLen: opts.TopicNameMaxLen}
	s.reset()
	return s
}

// reset forgets every instance.
func (s *store) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resources = newResources()
	s.seq = 0
}

// instanceState is one instance in the control API's state view.
type instanceState struct {
	Account    string   `json:"account"`
	Region     string   `json:"region"` // X-TC-Region of the creating call, "" when none
	InstanceID string   `json:"instanceId"`
	Name       string   `json:"name"`
	Type       string   `json:"type"`
	SkuCode    string   `json:"skuCode"`
	Status     string   `json:"status"`
	Topics     []string `json:"topics"`
	Groups     []string `json:"groups"`
	Roles      []string `json:"roles"`
	Messages   int      `json:"messages"`
}

// state is every instance, in creation order, as of now.
func (s *store) state(now time.Time) []instanceState {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []instanceState{}
	for _, in := range s.instanceList {
		out = append(out, instanceState{Account: in.owner, Region: in.region, InstanceID: in.id, Name: in.name, Type: in.typ, SkuCode: in.sku.SkuCode,
			Status: in.status(now), Topics: sortedKeys(in.topics), Groups: sortedKeys(in.groups), Roles: sortedKeys(in.roles),
			Messages: len(in.messages)})
	}
	return out
}

// inScope lists the instances o sees in creation order; the caller holds
// mu.
func (r *resources) inScope(o op) []*instance {
	if sc := r.scopes[o.scope()]; sc != nil {
		return sc.all
	}
	return nil
}

// instancesByCreated lists the instances o sees by byCreatedOrder; the
// caller holds mu.
func (r *resources) instancesByCreated(o op) []*instance {
	sc := r.scopes[o.scope()]
	if sc == nil {
		return nil
	}
	return sc.byCreated.Sorted(byCreatedOrder)
}

// byCreatedOrder compares instances by (creation millisecond, id).
func byCreatedOrder(a, b *instance) int {
	if c := cmp.Compare(ms(a.created), ms(b.created)); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// scope is an account and a region: the instances one call sees.
type scope struct{ owner, region string }

func (o op) scope() scope { return scope{o.owner, o.region} }

// without returns list without v, keeping the order of the rest (the
// creation-ordered lists, on a delete).
func without[T comparable](list []T, v T) []T {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The 5.x resources, guarded by store.mu.

type instance struct {
	seq              int64
	owner            string // account name
	region           string // the X-TC-Region of the creating call, as sent (op.sees)
	id, name, typ    string
	remark           string
	sku              *sku
	tags             []tag
	vpcs             []vpc
	enablePublic     bool
	billingFlow      bool
	bandwidth        int64
	ipRules          []ipRule
	retention        int64 // hours
	payMode          int64 // 0 postpaid, 1 prepaid
	renewFlag        int64
	timeSpan         int64 // months, prepaid
	topicNumLimit    int64
	zoneIDs          []int64
	scaledTps        bool
	acl              bool
	deletionProtect  bool
	sendReceiveRatio float64
	created          time.Time
	readyAt          time.Time // CREATING until then

	nextSeq   int64
	topics    map[string]*topic
	topicList []*topic // the topics in creation order, for listing without sorting
	groups    map[string]*group
	groupList []*group // the groups in creation order, likewise
	roles     map[string]*role
	roleList  []*role // the roles in creation order, likewise
	subs      map[subKey]*sub
	clients   map[string]*client // by client id
	producers map[string]map[string]*producer
	messages  map[string]*message // by message id
}

func (in *instance) status(now time.Time) string {
	if now.Before(in.readyAt) {
		return "CREATING"
	}
	return "RUNNING"
}

func (in *instance) next() int64 { in.nextSeq++; return in.nextSeq }

// addTopic, addGroup and addRole insert a new resource into the instance
// and its creation-ordered list; the caller holds mu.
func (in *instance) addTopic(t *topic) {
	in.topics[t.name] = t
	in.topicList = append(in.topicList, t)
}

func (in *instance) addGroup(gr *group) {
	in.groups[gr.name] = gr
	in.groupList = append(in.groupList, gr)
}

func (in *instance) addRole(r *role) {
	in.roles[r.name] = r
	in.roleList = append(in.roleList, r)
}

type topic struct {
	seq              int64
	name, typ        string
	remark           string
	queueNum         int64
	msgTTL           int64 // hours
	tags             []tag
	autoExpireDelete bool
	autoExpireTime   int64
	created          time.Time
	lastWrite        time.Time
	// messages are in produce order; dropped counts those aged out or evicted
	// from the head, so dropped+len(messages) is the topic's end offset.
	messages []*message
	dropped  int64
}

func (t *topic) endOffset() int64 { return t.dropped + int64(len(t.messages)) }

type group struct {
	seq         int64
	name        string
	enable      bool
	orderly     bool
	maxRetry    int64
	remark      string
	tags        []tag
	retryPolicy *retryPolicy
	liteTopic   string
	created     time.Time
}

type role struct {
	seq                 int64
	name                string
	permRead, permWrite bool
	accessKey           string
	secretKey           string
	remark              string
	permType            string
	perms               []detailedRolePerm
	created, modified   time.Time
}

type subKey struct{ group, topic string }

// sub is a subscription of a group to a topic, with the group's committed
// offset on it. Subscriptions come from clients (the control API), as on the
// real service, where no management action creates one.
type sub struct {
	subString      string
	expressionType string
	offset         int64
	lastUpdate     time.Time
}

type client struct {
	id, addr, group       string
	language, version     string
	protocol, consumeType string
	topics                []string
}

type producer struct {
	id, ip, language, version, protocol string
	lastUpdate                          time.Time
}

type message struct {
	id, topic         string
	body, tag, key    string
	producerAddr      string
	queue             int64
	offset            int64
	produced          time.Time
	deadLetterGroup   string // set when the message sits in a group's DLQ
	resendTimes       int64
	resendOKTimes     int64
	properties        map[string]string
	verifiedByClients []string
}

// newID makes "<prefix>" + n lowercase alphanumerics (5.x instance ids look
// like rmq-72mo3a9o).
func newID(prefix string, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}

// newMsgID makes a 32-digit upper-case hex id like RocketMQ's.
func newMsgID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// ms is a Unix timestamp in milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// produceTime is the "YYYY-MM-DD HH:mm:ss" the console and the SDK examples use.
func produceTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// lookupInstance finds the caller's instance; another account's instance,
// or one in another region, is as unknown as a missing one (op.sees). The
// caller holds mu.
func (s *store) lookupInstance(o op, id string) (*instance, error) {
	in, ok := s.instances[id]
	if !ok || !o.sees(in) {
		return nil, errResourceNotFoundInstance.New().WithDetail(" (" + id + ")")
	}
	return in, nil
}

func (in *instance) topic(name string) (*topic, error) {
	t, ok := in.topics[name]
	if !ok {
		return nil, errResourceNotFoundTopic.New().WithDetail(" (" + name + ")")
	}
	return t, nil
}

func (in *instance) group(name string) (*group, error) {
	gr, ok := in.groups[name]
	if !ok {
		return nil, errResourceNotFoundGroup.New().WithDetail(" (" + name + ")")
	}
	return gr, nil
}

func (in *instance) role(name string) (*role, error) {
	r, ok := in.roles[name]
	if !ok {
		return nil, errResourceNotFoundRole.New().WithDetail(" (" + name + ")")
	}
	return r, nil
}

// ready refuses writes while the instance is still CREATING.
func (in *instance) ready(now time.Time) error {
	if in.status(now) != "RUNNING" {
		return errFailedOperationInstanceNotReady.New()
	}
	return nil
}

// expire drops the topic's messages older than its retention, from the
// topic and from the instance's message index.
func (in *instance) expire(t *topic, now time.Time) {
	cut := now.Add(-time.Duration(t.msgTTL) * time.Hour)
	n := 0
	for n < len(t.messages) && t.messages[n].produced.Before(cut) {
		delete(in.messages, t.messages[n].id)
		n++
	}
	if n > 0 {
		t.messages = append(t.messages[:0:0], t.messages[n:]...)
		t.dropped += int64(n)
	}
}

// lag is how far the group's committed offset is behind the topic's end.
func (in *instance) lag(s *sub, t *topic) int64 {
	l := t.endOffset() - s.offset
	if l < 0 {
		return 0
	}
	return l
}

// subsOfGroup lists the group's subscriptions in topic order.
func (in *instance) subsOfGroup(group string) []subKey {
	var out []subKey
	for k := range in.subs {
		if k.group == group {
			out = append(out, k)
		}
	}
	sortSubs(in, out)
	return out
}

// subCounts counts every group's subscriptions in one pass.
func (in *instance) subCounts() map[string]int {
	out := make(map[string]int, len(in.groups))
	for k := range in.subs {
		out[k.group]++
	}
	return out
}

// subsOfTopic lists the topic's subscriptions in group order.
func (in *instance) subsOfTopic(topic string) []subKey {
	var out []subKey
	for k := range in.subs {
		if k.topic == topic {
			out = append(out, k)
		}
	}
	sortSubs(in, out)
	return out
}

// op is who acts, where, when, and whether for real: what the wrapper
// works out for every call.
type op struct {
	owner  string    // account name
	region string    // the call's X-TC-Region, as sent ("" is a region of its own)
	dry    bool      // DryRun: check everything, change nothing
	now    time.Time // the virtual clock when the call arrived
}

// sees reports whether the caller's instance lookups and lists reach in.
// TencentCloud resources are regional: an instance belongs to the account
// that created it and to the region that call named, and a call in another
// region (or naming none, or an unknown one) finds it no more than one that
// does not exist. Everything in an instance follows it.
func (o op) sees(in *instance) bool { return in.owner == o.owner && in.region == o.region }
