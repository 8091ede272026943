package mqtt

import (
	"fmt"
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// What only the control API can do (the MQTT API has no instance actions
// and no broker behind it), and the state view.

// addInstance adds an instance to an account at runtime. It lasts until the
// next reset.
func (s *store) addInstance(accountName string, m account.MQTTInstance) (instanceView, error) {
	owner, ok := s.accounts.ByName(accountName)
	if !ok {
		return instanceView{}, fmt.Errorf("account %q is not configured", accountName)
	}
	if m.ID == "" || len(m.ID) > maxNameLen || !levelPattern().MatchString(m.ID) {
		return instanceView{}, fmt.Errorf("instance id %q must be 1-64 letters, digits, - or _", m.ID)
	}
	for _, t := range m.ParentTopics {
		if len(t) > maxNameLen || !levelPattern().MatchString(t) {
			return instanceView{}, fmt.Errorf("parent topic %q must be 1-64 letters, digits, - or _", t)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.instances[m.ID]; dup {
		return instanceView{}, errDuplicate{fmt.Sprintf("instance %q already exists", m.ID)}
	}
	in := newInstance(owner, m, false)
	s.instances[m.ID] = in
	return in.view(), nil
}

// errDuplicate tells the control API to answer 409.
type errDuplicate struct{ msg string }

func (e errDuplicate) Error() string { return e.msg }

func (s *store) listInstances() []instanceView {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []instanceView{}
	for _, in := range s.sortedInstances() {
		out = append(out, in.view())
	}
	return out
}

// setOnline marks a client online or offline, as a device connecting to or
// leaving the broker would.
func (s *store) setOnline(instanceID, clientID string, online bool) error {
	if !validClientID(clientID) {
		return fmt.Errorf("client id %q is not <GroupId>@@@<DeviceId> of at most 64 letters, digits, - or _", clientID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.instances[instanceID]
	if !ok {
		return errNotFound{fmt.Sprintf("instance %q does not exist", instanceID)}
	}
	if online {
		in.online[clientID] = true
	} else {
		delete(in.online, clientID)
	}
	return nil
}

// errNotFound tells the control API to answer 404.
type errNotFound struct{ msg string }

func (e errNotFound) Error() string { return e.msg }

// stateView is GET /_mqmock/state?vendor=mqtt.
type stateView struct {
	Instances []instanceState `json:"instances"`
}

type instanceState struct {
	instanceView
	Groups      []groupView      `json:"groups"`
	Tokens      []tokenState     `json:"tokens"`
	Credentials []credentialView `json:"credentials"`
	Online      []string         `json:"onlineClients"`
	Messages    []messageState   `json:"messages"`
}

type tokenState struct {
	Token     string    `json:"token"`
	Resources []string  `json:"resources"`
	Actions   string    `json:"actions"`
	Applied   time.Time `json:"applied"`
	Expires   time.Time `json:"expires"`
	Revoked   bool      `json:"revoked"`
	Valid     bool      `json:"valid"`
}

type messageState struct {
	MsgID   string    `json:"msgId"`
	Topic   string    `json:"topic"`
	Payload string    `json:"payload"`
	Sent    time.Time `json:"sent"`
}

func (s *store) state(now time.Time) stateView {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := stateView{Instances: []instanceState{}}
	byInstance := map[*instance][]tokenState{}
	for _, v := range sortedKeys(s.tokens) {
		t := s.tokens[v]
		byInstance[t.instance] = append(byInstance[t.instance], tokenState{
			Token: t.value, Resources: append([]string{}, t.resources...), Actions: t.actions,
			Applied: t.applied, Expires: t.expires, Revoked: t.revoked, Valid: !t.revoked && now.Before(t.expires),
		})
	}
	for _, in := range s.sortedInstances() {
		st := instanceState{instanceView: in.view(), Groups: in.groupViews(), Tokens: byInstance[in], Credentials: []credentialView{}, Online: sortedKeys(in.online), Messages: []messageState{}}
		if st.Tokens == nil {
			st.Tokens = []tokenState{}
		}
		for _, c := range sortedKeys(in.credentials) {
			st.Credentials = append(st.Credentials, in.credentials[c].view(in))
		}
		for _, m := range in.messages {
			st.Messages = append(st.Messages, messageState{m.id, m.topic, m.payload, m.sent})
		}
		out.Instances = append(out.Instances, st)
	}
	return out
}
