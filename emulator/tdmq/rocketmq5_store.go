package tdmq

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
)

// The 5.x resources. Everything here is guarded by gen5.mu; nothing knows of
// HTTP. Times come from the emulator's virtual clock.

type instance5 struct {
	seq              int64
	owner            string // account name
	id, name, typ    string
	remark           string
	sku              *sku5
	tags             []tag5
	vpcs             []vpc5
	enablePublic     bool
	billingFlow      bool
	bandwidth        int64
	ipRules          []ipRule5
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
	topics    map[string]*topic5
	topicList []*topic5 // the topics in creation order, for listing without sorting
	groups    map[string]*group5
	roles     map[string]*role5
	subs      map[subKey5]*sub5
	clients   map[string]*client5 // by client id
	producers map[string]map[string]*producer5
	messages  map[string]*message5 // by message id
}

func (in *instance5) status(now time.Time) string {
	if now.Before(in.readyAt) {
		return "CREATING"
	}
	return "RUNNING"
}

func (in *instance5) next() int64 { in.nextSeq++; return in.nextSeq }

type topic5 struct {
	seq              int64
	name, typ        string
	remark           string
	queueNum         int64
	msgTTL           int64 // hours
	tags             []tag5
	autoExpireDelete bool
	autoExpireTime   int64
	created          time.Time
	lastWrite        time.Time
	// messages are in produce order; dropped counts those aged out or evicted
	// from the head, so dropped+len(messages) is the topic's end offset.
	messages []*message5
	dropped  int64
}

func (t *topic5) endOffset() int64 { return t.dropped + int64(len(t.messages)) }

type group5 struct {
	seq         int64
	name        string
	enable      bool
	orderly     bool
	maxRetry    int64
	remark      string
	tags        []tag5
	retryPolicy *retryPolicy5
	liteTopic   string
	created     time.Time
}

type role5 struct {
	seq                 int64
	name                string
	permRead, permWrite bool
	accessKey           string
	secretKey           string
	remark              string
	permType            string
	perms               []detailedRolePerm5
	created, modified   time.Time
}

type subKey5 struct{ group, topic string }

// sub5 is a subscription of a group to a topic, with the group's committed
// offset on it. Subscriptions come from clients (the control API), as on the
// real service, where no management action creates one.
type sub5 struct {
	subString      string
	expressionType string
	offset         int64
	lastUpdate     time.Time
}

type client5 struct {
	id, addr, group       string
	language, version     string
	protocol, consumeType string
	topics                []string
}

type producer5 struct {
	id, ip, language, version, protocol string
	lastUpdate                          time.Time
}

type message5 struct {
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

// newID5 makes "<prefix>" + n lowercase alphanumerics (5.x instance ids look
// like rmq-72mo3a9o).
func newID5(prefix string, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}

// newMsgID5 makes a 32-digit upper-case hex id like RocketMQ's.
func newMsgID5() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// ms5 is a Unix timestamp in milliseconds; the zero time is 0.
func ms5(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// produceTime5 is the "YYYY-MM-DD HH:mm:ss" the console and the SDK examples use.
func produceTime5(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// lookupInstance5 finds an instance the account owns; another account's
// instance is as unknown as a missing one.
func (g *gen5) lookupInstance5(owner, id string) (*instance5, error) {
	in, ok := g.instances[id]
	if !ok || in.owner != owner {
		return nil, ErrResourceNotFoundInstance.New().WithDetail(" (" + id + ")")
	}
	return in, nil
}

func (in *instance5) topic(name string) (*topic5, error) {
	t, ok := in.topics[name]
	if !ok {
		return nil, ErrResourceNotFoundTopic.New().WithDetail(" (" + name + ")")
	}
	return t, nil
}

func (in *instance5) group(name string) (*group5, error) {
	gr, ok := in.groups[name]
	if !ok {
		return nil, ErrResourceNotFoundGroup.New().WithDetail(" (" + name + ")")
	}
	return gr, nil
}

func (in *instance5) role(name string) (*role5, error) {
	r, ok := in.roles[name]
	if !ok {
		return nil, ErrResourceNotFoundRole.New().WithDetail(" (" + name + ")")
	}
	return r, nil
}

// ready refuses writes while the instance is still CREATING.
func (in *instance5) ready(now time.Time) error {
	if in.status(now) != "RUNNING" {
		return ErrFailedOperationInstanceNotReady.New()
	}
	return nil
}

// expire drops the topic's messages older than its retention, from the
// topic and from the instance's message index.
func (in *instance5) expire(t *topic5, now time.Time) {
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
func (in *instance5) lag(s *sub5, t *topic5) int64 {
	l := t.endOffset() - s.offset
	if l < 0 {
		return 0
	}
	return l
}

// subsOfGroup lists the group's subscriptions in topic order.
func (in *instance5) subsOfGroup(group string) []subKey5 {
	var out []subKey5
	for k := range in.subs {
		if k.group == group {
			out = append(out, k)
		}
	}
	sortSubs5(in, out)
	return out
}

// subsOfTopic lists the topic's subscriptions in group order.
func (in *instance5) subsOfTopic(topic string) []subKey5 {
	var out []subKey5
	for k := range in.subs {
		if k.topic == topic {
			out = append(out, k)
		}
	}
	sortSubs5(in, out)
	return out
}
