package mqtt

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/mqmock/mqmock/internal/statedoc"
)

// snapshotVersion is the version of MQTT's part of a state snapshot. The
// types below are the saved form, written out field by field: the store's
// own types can change without changing what a file holds.
const snapshotVersion = 1

type snapshotDoc struct {
	Version   int                `json:"version"`
	Instances []instanceSnapshot `json:"instances"`
	// Tokens are every token issued and not yet pruned, revoked ones too
	// (a revoked token stays invalid after a restart).
	Tokens []tokenSnapshot `json:"tokens"`
}

type instanceSnapshot struct {
	ID                string   `json:"id"`
	Account           string   `json:"account"` // the owner, by name
	IndependentNaming bool     `json:"independentNaming"`
	ParentTopics      []string `json:"parentTopics"`
	// Configured: from the configuration (false: added through the
	// control API).
	Configured    bool                 `json:"configured"`
	Groups        []groupSnapshot      `json:"groups"`
	Credentials   []credentialSnapshot `json:"credentials"`
	OnlineClients []string             `json:"onlineClients"`
	Messages      []messageSnapshot    `json:"messages"` // oldest first
}

type groupSnapshot struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

type credentialSnapshot struct {
	ClientID  string    `json:"clientId"`
	KeyID     string    `json:"keyId"`
	KeySecret string    `json:"keySecret"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

type messageSnapshot struct {
	ID      string    `json:"id"`
	Topic   string    `json:"topic"`
	Payload string    `json:"payload"`
	Sent    time.Time `json:"sent"`
}

type tokenSnapshot struct {
	Token      string    `json:"token"`
	InstanceID string    `json:"instanceId"`
	Resources  []string  `json:"resources"`
	Actions    string    `json:"actions"`
	Applied    time.Time `json:"applied"`
	Expires    time.Time `json:"expires"`
	Revoked    bool      `json:"revoked"`
}

// saveSnapshot exports the whole store, in a stable order.
func (s *store) saveSnapshot() (json.RawMessage, error) {
	s.mu.Lock()
	doc := snapshotDoc{Version: snapshotVersion, Instances: []instanceSnapshot{}, Tokens: []tokenSnapshot{}}
	for _, in := range s.sortedInstances() {
		is := instanceSnapshot{ID: in.id, Account: in.owner.Name, IndependentNaming: in.independentNaming,
			ParentTopics: append([]string{}, in.parentTopics...), Configured: in.configured,
			Groups: []groupSnapshot{}, Credentials: []credentialSnapshot{}, OnlineClients: sortedKeys(in.online), Messages: []messageSnapshot{}}
		for _, id := range sortedKeys(in.groups) {
			g := in.groups[id]
			is.Groups = append(is.Groups, groupSnapshot{ID: g.id, Created: g.created, Updated: g.updated})
		}
		for _, id := range sortedKeys(in.credentials) {
			c := in.credentials[id]
			is.Credentials = append(is.Credentials, credentialSnapshot{ClientID: c.clientID, KeyID: c.keyID, KeySecret: c.keySecret, Created: c.created, Updated: c.updated})
		}
		for _, m := range in.messages {
			is.Messages = append(is.Messages, messageSnapshot{ID: m.id, Topic: m.topic, Payload: m.payload, Sent: m.sent})
		}
		doc.Instances = append(doc.Instances, is)
	}
	for _, v := range sortedKeys(s.tokens) {
		t := s.tokens[v]
		doc.Tokens = append(doc.Tokens, tokenSnapshot{Token: t.value, InstanceID: t.instance.id, Resources: append([]string{}, t.resources...),
			Actions: t.actions, Applied: t.applied, Expires: t.expires, Revoked: t.revoked})
	}
	s.mu.Unlock()
	return statedoc.Encode(doc)
}

// loadSnapshot checks a saved part in full and builds the store's state
// from it, without touching the current one; install replaces it.
// Accounts are named, so each must still be configured.
func (s *store) loadSnapshot(raw json.RawMessage) (func(), error) {
	var doc snapshotDoc
	if err := statedoc.Decode(raw, snapshotVersion, &doc); err != nil {
		return nil, err
	}
	instances := map[string]*instance{}
	shared := map[string]*group{}
	for i, is := range doc.Instances {
		where := fmt.Sprintf("instances[%d] (%s)", i, is.ID)
		owner, ok := s.accounts.ByName(is.Account)
		if !ok {
			return nil, fmt.Errorf("%s: account %q is not configured", where, is.Account)
		}
		if is.ID == "" {
			return nil, fmt.Errorf("%s: no id", where)
		}
		if _, dup := instances[is.ID]; dup {
			return nil, fmt.Errorf("%s: a second instance with this id", where)
		}
		in := &instance{id: is.ID, owner: owner, independentNaming: is.IndependentNaming, parentTopics: append([]string(nil), is.ParentTopics...),
			configured: is.Configured, groups: map[string]*group{}, credentials: map[string]*credential{}, online: map[string]bool{}}
		for _, gs := range is.Groups {
			if !validGroupID(gs.ID) {
				return nil, fmt.Errorf("%s: group id %q is not one the API allows", where, gs.ID)
			}
			if _, dup := in.groups[gs.ID]; dup {
				return nil, fmt.Errorf("%s: group %s is there twice", where, gs.ID)
			}
			if _, taken := shared[gs.ID]; taken && !in.independentNaming {
				return nil, fmt.Errorf("%s: group %s is in two instances without a namespace of their own", where, gs.ID)
			}
			in.addGroup(&group{id: gs.ID, instance: in, created: gs.Created, updated: gs.Updated}, shared)
		}
		for _, cs := range is.Credentials {
			if !validClientID(cs.ClientID) {
				return nil, fmt.Errorf("%s: client id %q is not one the API allows", where, cs.ClientID)
			}
			in.credentials[cs.ClientID] = &credential{clientID: cs.ClientID, keyID: cs.KeyID, keySecret: cs.KeySecret, created: cs.Created, updated: cs.Updated}
		}
		for _, c := range is.OnlineClients {
			in.online[c] = true
		}
		for _, m := range is.Messages {
			in.messages = append(in.messages, message{id: m.ID, topic: m.Topic, payload: m.Payload, sent: m.Sent})
		}
		instances[in.id] = in
	}
	tokens := map[string]*issuedToken{}
	for i, ts := range doc.Tokens {
		in, ok := instances[ts.InstanceID]
		if !ok {
			return nil, fmt.Errorf("tokens[%d]: instance %q is not in the snapshot", i, ts.InstanceID)
		}
		if _, dup := tokens[ts.Token]; dup || ts.Token == "" {
			return nil, fmt.Errorf("tokens[%d]: empty, or a token that is there twice", i)
		}
		actions, ok := parseActions(ts.Actions)
		if !ok {
			return nil, fmt.Errorf("tokens[%d]: actions %q are not R, W or R,W", i, ts.Actions)
		}
		tokens[ts.Token] = &issuedToken{value: ts.Token, instance: in, resources: append([]string(nil), ts.Resources...), actions: actions,
			applied: ts.Applied, expires: ts.Expires, revoked: ts.Revoked}
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.instances, s.sharedGIDs, s.tokens, s.lastPrune = instances, shared, tokens, time.Time{}
	}, nil
}
