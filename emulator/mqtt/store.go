package mqtt

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// store is the MQTT service's state and rules. It knows nothing of HTTP:
// actions hand it checked values, and every operation checks and acts under
// the one lock (instance ownership, duplicates and insert together).
type store struct {
	mu       sync.Mutex
	accounts *account.Registry
	history  int
	// checkTopics: topics must sit under one of the instance's parent topics.
	checkTopics bool
	instances   map[string]*instance
	sharedGIDs  map[string]*group // group ids of instances without their own namespace, across accounts
	tokens      map[string]*issuedToken
	lastPrune   time.Time
}

// instance is an MQTT instance and what lives in it.
type instance struct {
	id                string
	owner             *account.Account
	independentNaming bool
	parentTopics      []string
	// configured instances come back on reset; control-API ones do not.
	configured  bool
	groups      map[string]*group
	credentials map[string]*credential
	online      map[string]bool // client id → online, set by the control API
	messages    []message       // the latest sent, oldest first
}

type group struct {
	id       string
	instance *instance
	created  time.Time
	updated  time.Time
}

type issuedToken struct {
	value     string
	instance  *instance
	resources []string
	actions   string
	applied   time.Time
	expires   time.Time
	revoked   bool
}

type credential struct {
	clientID  string
	keyID     string
	keySecret string
	created   time.Time
	updated   time.Time
}

type message struct {
	id      string
	topic   string
	payload string
	sent    time.Time
}

func newStore(accounts *account.Registry, history int, checkTopics bool) *store {
	s := &store{accounts: accounts, history: history, checkTopics: checkTopics}
	s.reset()
	return s
}

// reset drops everything but the configured instances, which come back empty.
func (s *store) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances = map[string]*instance{}
	s.sharedGIDs = map[string]*group{}
	s.tokens = map[string]*issuedToken{}
	s.lastPrune = time.Time{}
	for _, a := range s.accounts.All() {
		for _, m := range a.MQTTInstances {
			s.instances[m.ID] = newInstance(a, m, true)
		}
	}
}

func newInstance(owner *account.Account, m account.MQTTInstance, configured bool) *instance {
	return &instance{
		id: m.ID, owner: owner, independentNaming: m.IndependentNaming,
		parentTopics: append([]string(nil), m.ParentTopics...), configured: configured,
		groups: map[string]*group{}, credentials: map[string]*credential{}, online: map[string]bool{},
	}
}

// instanceOf finds the caller's instance: unknown → InstanceNotFound, another
// account's → InstancePermissionCheckFailed. Callers hold s.mu.
func (s *store) instanceOf(caller *account.Account, id string) (*instance, error) {
	in, ok := s.instances[id]
	if !ok {
		return nil, errInstanceNotFound.New()
	}
	if in.owner != caller {
		return nil, errInstancePermissionCheckFailed.New()
	}
	return in, nil
}

// topicAllowed reports whether the topic's parent is one of the instance's
// (always, when the check is off).
func (s *store) topicAllowed(in *instance, topic string) bool {
	if !s.checkTopics {
		return true
	}
	p := parentTopic(topic)
	for _, t := range in.parentTopics {
		if t == p {
			return true
		}
	}
	return false
}

// instanceView is an instance as the control API and the state show it.
type instanceView struct {
	InstanceID        string   `json:"instanceId"`
	Account           string   `json:"account"`
	IndependentNaming bool     `json:"independentNaming"`
	ParentTopics      []string `json:"parentTopics"`
	Configured        bool     `json:"configured"`
}

func (in *instance) view() instanceView {
	return instanceView{in.id, in.owner.Name, in.independentNaming, append([]string{}, in.parentTopics...), in.configured}
}

func (s *store) sortedInstances() []*instance {
	out := make([]*instance, 0, len(s.instances))
	for _, in := range s.instances {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The name rules of the MQTT service (mqtt.md §5.1) sit with the noun they
// name. A value they refuse is InvalidParameter.<Name> for most actions
// (invalidParameter), ParameterFieldCheckFailed for the Group ID APIs.

// levelPattern is one level of a topic, an instance id or a parent topic.
var levelPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]+$`) })

// maxNameLen bounds group ids, client ids, topics and instance ids.
const maxNameLen = 64

// invalidParameter is the refusal of a parameter's value, naming it.
func invalidParameter(name string) error { return errInvalidParameterFamily.New(name) }

// validTopic is a topic a message is sent to: levels of [A-Za-z0-9_-]
// separated by "/", at most 64 chars, no wildcards (Limits page).
func validTopic(s string) bool {
	if s == "" || len(s) > maxNameLen {
		return false
	}
	for _, level := range strings.Split(s, "/") {
		if !levelPattern().MatchString(level) {
			return false
		}
	}
	return true
}

// validTopicFilter is a token resource: a topic whose levels after the
// parent may be the wildcards "+" (one level) or "#" (the last level, any
// depth), as in the ApplyToken doc's "TopicA/+".
func validTopicFilter(s string) bool {
	if s == "" || len(s) > maxNameLen {
		return false
	}
	levels := strings.Split(s, "/")
	for i, level := range levels {
		switch {
		case i > 0 && level == "+":
		case i > 0 && level == "#" && i == len(levels)-1:
		case levelPattern().MatchString(level):
		default:
			return false
		}
	}
	return true
}

// parentTopic is a topic's first level, the part an instance must own.
func parentTopic(topic string) string {
	p, _, _ := strings.Cut(topic, "/")
	return p
}
