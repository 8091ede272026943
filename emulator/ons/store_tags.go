package ons

import (
	"strings"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/account"
)

// Resource types of TagResources/UntagResources/ListTagResources.
const (
	resInstance = "INSTANCE"
	resTopic    = "TOPIC"
	resGroup    = "GROUP"
)

// checkResourceType: a tag names an instance, a topic or a group. It is
// checked before the parameters that depend on the type are read (a topic
// or a group also needs an InstanceId).
func checkResourceType(resType string) error {
	if resType != resInstance && resType != resTopic && resType != resGroup {
		return fieldInvalid("ResourceType must be INSTANCE, TOPIC or GROUP")
	}
	return nil
}

// tagsOf finds the tag set of one resource: for INSTANCE the id is the
// instance id, for TOPIC and GROUP the name within instanceID.
func (s *store) tagsOf(acct *account.Account, resType, instanceID, id string) (tagSet, error) {
	switch resType {
	case resInstance:
		in, err := s.instanceFor(acct, id)
		if err != nil {
			return nil, err
		}
		return in.tags, nil
	case resTopic:
		t, _, err := s.topicFor(acct, instanceID, id)
		if err != nil {
			return nil, err
		}
		return t.tags, nil
	case resGroup:
		in, err := s.instanceFor(acct, instanceID)
		if err != nil {
			return nil, err
		}
		g, err := in.group(id)
		if err != nil {
			return nil, err
		}
		return g.tags, nil
	}
	return nil, checkResourceType(resType)
}

// tagResources sets tags on every resource, all or none: every resource and
// tag is checked before any is written.
func (s *store) tagResources(acct *account.Account, resType, instanceID string, ids []string, tags []kv) error {
	for _, t := range tags {
		if !validTag(t.Key, t.Value) {
			return fieldInvalid("tag keys are 1-64 characters, values at most 128, and a key may not start with aliyun, acs:, http:// or https://")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sets := make([]tagSet, 0, len(ids))
	for _, id := range ids {
		ts, err := s.tagsOf(acct, resType, instanceID, id)
		if err != nil {
			return err
		}
		sets = append(sets, ts)
	}
	for _, ts := range sets {
		for _, t := range tags {
			ts[t.Key] = t.Value
		}
	}
	return nil
}

// untagResources removes the keys (or, with all, every tag).
func (s *store) untagResources(acct *account.Account, resType, instanceID string, ids, keys []string, all bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sets := make([]tagSet, 0, len(ids))
	for _, id := range ids {
		ts, err := s.tagsOf(acct, resType, instanceID, id)
		if err != nil {
			return err
		}
		sets = append(sets, ts)
	}
	for _, ts := range sets {
		if all {
			clear(ts)
		}
		for _, k := range keys {
			delete(ts, k)
		}
	}
	return nil
}

type tagResource struct {
	ResourceType, InstanceID, ResourceID, Key, Value string
}

// listTagResources: the tags of the given resources, or, with no ids, of
// every resource of the type (in instanceID for topics and groups) carrying
// every wanted tag.
func (s *store) listTagResources(acct *account.Account, resType, instanceID string, ids []string, want []kv) ([]tagResource, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []tagResource{}
	add := func(inst, id string, ts tagSet) {
		if !ts.matches(want) {
			return
		}
		for _, t := range ts.sorted() {
			out = append(out, tagResource{ResourceType: resType, InstanceID: inst, ResourceID: id, Key: t.Key, Value: t.Value})
		}
	}
	if len(ids) == 0 {
		// Every resource of the type, by id, from the ordered indexes.
		switch resType {
		case resInstance:
			for _, in := range s.owned[acct] {
				add(in.id, in.id, in.tags)
			}
		case resTopic, resGroup:
			in, err := s.instanceFor(acct, instanceID)
			if err != nil {
				return nil, err
			}
			if resType == resTopic {
				for _, t := range in.topicOrder {
					add(instanceID, t.name, t.tags)
				}
			} else {
				for _, g := range in.groupOrder {
					add(instanceID, g.id, g.tags)
				}
			}
		}
		return out, nil
	}
	for _, id := range ids {
		ts, err := s.tagsOf(acct, resType, instanceID, id)
		if err != nil {
			return nil, err
		}
		inst := instanceID
		if resType == resInstance {
			inst = id
		}
		add(inst, id, ts)
	}
	return out, nil
}

// validTag: key 1–64, value ≤ 128, the key not starting with a reserved
// prefix.
func validTag(key, value string) bool {
	if key == "" || utf8.RuneCountInString(key) > 64 || utf8.RuneCountInString(value) > 128 {
		return false
	}
	for _, p := range []string{"aliyun", "acs:", "http://", "https://"} {
		if strings.HasPrefix(key, p) {
			return false
		}
	}
	return true
}
