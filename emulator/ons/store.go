package ons

import (
	"crypto/rand"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
)

// store is ONS's state and rules. It knows nothing of HTTP: the actions turn
// parameters into its calls and its views into response fields. Every
// operation checks and acts under one lock.
type store struct {
	mu    sync.Mutex
	opts  Options
	clock *clock.Clock
	// The regions served and those configured unsupported, and the actions
	// configured unsupported: fixed at construction, read without the lock.
	regions, unsupportedRegions, unsupportedActions map[string]bool

	resources
	seq uint64 // message ids and offsets
}

// resources are the instances with every index kept beside them. reset and
// a snapshot's load each build a fresh one through the same helpers the
// create calls use (addInstance, addTopic, addGroup, subscribe, grant), so
// those helpers are the one place that knows the indexes.
type resources struct {
	instances map[string]*instance
	// owned holds each account's instances by id, kept on create and delete,
	// so an account's lists neither walk other accounts' nor sort.
	owned map[*account.Account][]*instance
	// grants holds, per empowered UID, the shared-space topic names granted
	// to it (OnsEmpowerCreate), so a topic list finds the caller's grants
	// without walking the whole shared space.
	grants map[string]map[string]bool
	// shared holds the names (topics and Group IDs) of every instance without
	// a namespace: one space across instances, regions and accounts.
	shared map[string]sharedName
	// instanceTags holds each account's instances by tag, in owned's order,
	// kept by addInstance, removeInstance and the tag calls.
	instanceTags map[*account.Account]*tagIndex[*instance]
}

func newResources() resources {
	return resources{
		instances:    map[string]*instance{},
		owned:        map[*account.Account][]*instance{},
		grants:       map[string]map[string]bool{},
		shared:       map[string]sharedName{},
		instanceTags: map[*account.Account]*tagIndex[*instance]{},
	}
}

type sharedName struct {
	owner      *account.Account
	instanceID string
}

type instance struct {
	owner             *account.Account
	id, name, remark  string
	independentNaming bool
	createTime        int64 // ms
	tags              tagSet
	topics            map[string]*topic
	groups            map[string]*group
	// topicOrder and groupOrder hold the same by name, kept on create and
	// delete, so lists come out in order without a sort per call.
	topicOrder []*topic
	groupOrder []*group
	// topicText and groupText are the same names joined, for the lists'
	// substring filters.
	topicText, groupText nameText
	// topicTags and groupTags hold the same by tag, in the orders above;
	// made on first use (tagIndexes).
	topicTags *tagIndex[*topic]
	groupTags *tagIndex[*group]
}

type topic struct {
	name        string
	messageType int
	perm        int
	remark      string
	createTime  int64
	tags        tagSet
	messages    []*message // in send order
	// empowered: the UIDs a topic of the shared space was granted to, with
	// the relation (2 publish, 4 subscribe, 6 both) — legacy OnsEmpower*.
	empowered map[string]int
	// subscribers are the groups of the instance subscribed to the topic
	// (the groups' subs turned around), kept by subscribe and unsubscribe.
	subscribers map[string]*group
}

type message struct {
	id, offsetID, topic, instanceID string
	body, tag, key                  string
	born, stored                    int64 // ms
	bodyCRC                         int
}

type group struct {
	id, groupType, remark  string
	createTime, updateTime int64
	readEnable             bool
	tags                   tagSet
	// Consumer presence, set through the control API (no broker exists).
	online       bool
	clients      int
	messageModel string
	consumeTps   float64
	subs         map[string]*subscription // by topic
}

// subscription is a group's interest in a topic and the backlog it holds.
type subscription struct {
	topic, expr  string
	diff         int64 // messages not yet consumed
	pendingSince int64 // ms: born time of the oldest unconsumed message (0: none)
	lastConsumed int64 // ms: born time of the last consumed message
}

type tagSet map[string]string

func (t tagSet) sorted() []kv {
	out := make([]kv, 0, len(t))
	for k, v := range t {
		out = append(out, kv{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// matches tells whether every wanted tag is carried (an empty value matches
// any value of that key).
func (t tagSet) matches(want []kv) bool {
	for _, w := range want {
		v, ok := t[w.Key]
		if !ok || w.Value != "" && v != w.Value {
			return false
		}
	}
	return true
}

type kv struct{ Key, Value string }

func newStore(opts Options, c *clock.Clock) *store {
	return &store{opts: opts, clock: c,
		regions: set(opts.Regions), unsupportedRegions: set(opts.UnsupportedRegions), unsupportedActions: set(opts.UnsupportedActions)}
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// served applies the rule every action meets first: the RegionId must be
// one served (BIZ_REGION_NOT_FOUND), and neither the region nor the action
// may be configured unsupported (ONS_SERVICE_UNSUPPORTED). No region (Node
// pop-core sends none) is the default one.
func (s *store) served(region, action string) error {
	if region != "" {
		if !s.regions[region] {
			return errBizRegionNotFound.New()
		}
		if s.unsupportedRegions[region] {
			return errOnsServiceUnsupported.New()
		}
	}
	if s.unsupportedActions[action] {
		return errOnsServiceUnsupported.New()
	}
	return nil
}

// reset returns to the configured instances of every account.
func (s *store) reset(accounts []*account.Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resources = newResources()
	s.seq = 0
	now := s.nowMs()
	for _, a := range accounts {
		for _, in := range a.ONSInstances {
			s.addInstance(&instance{
				owner: a, id: in.ID, name: in.Name, independentNaming: in.IndependentNaming, createTime: now,
				tags: tagSet{}, topics: map[string]*topic{}, groups: map[string]*group{},
			})
		}
	}
}

// The ordered indexes beside the maps: every insert and delete of an
// instance, topic, group or subscription goes through these, under mu.

func byID(a *instance, id string) int  { return strings.Compare(a.id, id) }
func byName(t *topic, name string) int { return strings.Compare(t.name, name) }
func byGroup(g *group, id string) int  { return strings.Compare(g.id, id) }

func (r *resources) addInstance(in *instance) {
	r.instances[in.id] = in
	list := r.owned[in.owner]
	i, _ := slices.BinarySearchFunc(list, in.id, byID)
	r.owned[in.owner] = slices.Insert(list, i, in)
	r.instanceTagIndex(in.owner).putAll(in, in.tags)
}

func (r *resources) removeInstance(in *instance) {
	delete(r.instances, in.id)
	list := r.owned[in.owner]
	if i, ok := slices.BinarySearchFunc(list, in.id, byID); ok {
		r.owned[in.owner] = slices.Delete(list, i, i+1)
	}
	r.instanceTagIndex(in.owner).dropAll(in, in.tags)
}

// instanceTagIndex is the account's index of instances by tag.
func (r *resources) instanceTagIndex(owner *account.Account) *tagIndex[*instance] {
	x := r.instanceTags[owner]
	if x == nil {
		x = newTagIndex(func(in *instance) string { return in.id })
		r.instanceTags[owner] = x
	}
	return x
}

// grant records that a shared-space topic was granted to a UID (the topic's
// empowered map holds the relation).
func (r *resources) grant(user, topicName string) {
	if r.grants[user] == nil {
		r.grants[user] = map[string]bool{}
	}
	r.grants[user][topicName] = true
}

// nameText is the names of an ordered index joined by a separator no name
// may contain, so that a substring filter is one strings.Index pass over
// contiguous text rather than a pointer chase and a comparison per name
// (which, with cold caches, is what 1000 names cost). Rebuilt on the first
// filtered list after a change.
type nameText struct {
	text   string
	starts []int // where each name starts in text
	stale  bool
}

// nameSep separates names; names are letters, digits, - and _ (validTopic,
// validGroupID), so it never occurs in one.
const nameSep = "\n"

// matching calls hit with the position in the index of every name that
// contains filter, in index order; names are rebuilt from the index if
// stale. An empty filter matches every name.
func (x *nameText) matching(n int, name func(i int) string, filter string, hit func(i int)) {
	if filter == "" {
		for i := range n {
			hit(i)
		}
		return
	}
	if strings.Contains(filter, nameSep) {
		return
	}
	if x.stale || len(x.starts) != n {
		var b strings.Builder
		x.starts = x.starts[:0]
		for i := range n {
			x.starts = append(x.starts, b.Len())
			b.WriteString(name(i))
			b.WriteString(nameSep)
		}
		x.text, x.stale = b.String(), false
	}
	for from := 0; from < len(x.text); {
		at := strings.Index(x.text[from:], filter)
		if at < 0 {
			return
		}
		at += from
		// The name holding the hit, then on past its end: one hit per name.
		i, found := slices.BinarySearch(x.starts, at)
		if !found {
			i--
		}
		hit(i)
		from = len(x.text)
		if i+1 < len(x.starts) {
			from = x.starts[i+1]
		}
	}
}

func (in *instance) addTopic(t *topic) {
	in.topicText.stale = true
	in.topics[t.name] = t
	i, _ := slices.BinarySearchFunc(in.topicOrder, t.name, byName)
	in.topicOrder = slices.Insert(in.topicOrder, i, t)
	in.tagIndexes()
	in.topicTags.putAll(t, t.tags)
}

func (in *instance) removeTopic(t *topic) {
	in.topicText.stale = true
	delete(in.topics, t.name)
	if i, ok := slices.BinarySearchFunc(in.topicOrder, t.name, byName); ok {
		in.topicOrder = slices.Delete(in.topicOrder, i, i+1)
	}
	in.tagIndexes()
	in.topicTags.dropAll(t, t.tags)
}

func (in *instance) addGroup(g *group) {
	in.groupText.stale = true
	in.groups[g.id] = g
	i, _ := slices.BinarySearchFunc(in.groupOrder, g.id, byGroup)
	in.groupOrder = slices.Insert(in.groupOrder, i, g)
	in.tagIndexes()
	in.groupTags.putAll(g, g.tags)
}

func (in *instance) removeGroup(g *group) {
	for name := range g.subs {
		in.unsubscribe(g, name)
	}
	in.groupText.stale = true
	delete(in.groups, g.id)
	if i, ok := slices.BinarySearchFunc(in.groupOrder, g.id, byGroup); ok {
		in.groupOrder = slices.Delete(in.groupOrder, i, i+1)
	}
	in.tagIndexes()
	in.groupTags.dropAll(g, g.tags)
}

// tagIndexes makes the instance's tag indexes on first use, so the places
// that build an instance need not.
func (in *instance) tagIndexes() {
	if in.topicTags == nil {
		in.topicTags = newTagIndex(func(t *topic) string { return t.name })
		in.groupTags = newTagIndex(func(g *group) string { return g.id })
	}
}

// subscribe adds (or replaces) a group's subscription to a topic of the
// instance.
func (in *instance) subscribe(g *group, sub *subscription) {
	g.subs[sub.topic] = sub
	if t, ok := in.topics[sub.topic]; ok {
		if t.subscribers == nil {
			t.subscribers = map[string]*group{}
		}
		t.subscribers[g.id] = g
	}
}

// unsubscribe drops a group's subscription to a topic.
func (in *instance) unsubscribe(g *group, topicName string) {
	delete(g.subs, topicName)
	if t, ok := in.topics[topicName]; ok {
		delete(t.subscribers, g.id)
	}
}

func (s *store) nowMs() int64 { return s.clock.Now().UnixMilli() }

// instanceFor finds an instance the caller owns: unknown ids are
// INSTANCE_NOT_FOUND, another account's AUTH_RESOURCE_OWNER_ERROR.
func (s *store) instanceFor(acct *account.Account, id string) (*instance, error) {
	in, ok := s.instances[id]
	if !ok {
		return nil, errInstanceNotFound.New()
	}
	if in.owner != acct {
		return nil, errAuthResourceOwnerError.New()
	}
	return in, nil
}

func (in *instance) topic(name string) (*topic, error) {
	t, ok := in.topics[name]
	if !ok {
		return nil, errBizTopicNotFound.New()
	}
	return t, nil
}

// group finds a Group ID; a missing seed-era producer id is the PID row.
func (in *instance) group(id string) (*group, error) {
	g, ok := in.groups[id]
	if !ok {
		if isProducerID(id) {
			return nil, errBizPublishInfoNotFound.New()
		}
		return nil, errBizSubscriptionNotFound.New()
	}
	return g, nil
}

// uidOf is the account's numeric Alibaba UID: configured, or a stable 16
// digits derived from the account name.
func uidOf(a *account.Account) string {
	if a.Alibaba.UID != "" {
		return a.Alibaba.UID
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(a.Name))
	return fmt.Sprintf("1%015d", h.Sum64()%1_000_000_000_000_000)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newInstanceID is MQ_INST_<uid>_<8 alnum>, the shape of the doc examples.
func (s *store) newInstanceID(a *account.Account) string {
	for {
		var b [8]byte
		_, _ = rand.Read(b[:])
		for i := range b {
			b[i] = alnum[int(b[i])%len(alnum)]
		}
		id := "MQ_INST_" + uidOf(a) + "_" + string(b[:])
		if _, taken := s.instances[id]; !taken {
			return id
		}
	}
}

func fieldInvalid(why string) error {
	return errBizFieldCheckInvalid.New().WithDetail(": " + why)
}

// The name rules of ons.md §6.1 sit with the noun they name (store_*.go);
// each tells whether a value is acceptable, and the store answers
// BIZ_FIELD_CHECK_INVALID (fieldInvalid) for one that is not.

func isNameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func allNameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// validRemark bounds a remark by characters (terraform's limits; the API docs
// give none, so an empty remark is always fine).
func validRemark(s string, max int) bool {
	return utf8.ValidString(s) && utf8.RuneCountInString(s) <= max
}

// Remark limits (ons.md §6.1).
const (
	topicRemarkMax    = 128
	groupRemarkMax    = 256
	instanceRemarkMax = 128
)
