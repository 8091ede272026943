package ons

import (
	"slices"
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

// taggedOf finds one resource with the index that lists it by tag: for
// INSTANCE the id is the instance id, for TOPIC and GROUP the name within
// instanceID.
func (s *store) taggedOf(acct *account.Account, resType, instanceID, id string) (tagged, error) {
	switch resType {
	case resInstance:
		in, err := s.instanceFor(acct, id)
		if err != nil {
			return tagged{}, err
		}
		return taggedWith(in, in.tags, s.instanceTagIndex(acct)), nil
	case resTopic:
		t, in, err := s.topicFor(acct, instanceID, id)
		if err != nil {
			return tagged{}, err
		}
		in.tagIndexes()
		return taggedWith(t, t.tags, in.topicTags), nil
	case resGroup:
		in, err := s.instanceFor(acct, instanceID)
		if err != nil {
			return tagged{}, err
		}
		g, err := in.group(id)
		if err != nil {
			return tagged{}, err
		}
		in.tagIndexes()
		return taggedWith(g, g.tags, in.groupTags), nil
	}
	return tagged{}, checkResourceType(resType)
}

// instancesCarrying is the account's instances that may carry every wanted
// tag, by id: the shortest index list, or every instance when none is
// wanted. The caller checks matches.
func (s *store) instancesCarrying(acct *account.Account, want []kv) []*instance {
	if list, ok := s.instanceTags[acct].candidates(want); ok {
		return list
	}
	return s.owned[acct]
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
	targets := make([]tagged, 0, len(ids))
	for _, id := range ids {
		r, err := s.taggedOf(acct, resType, instanceID, id)
		if err != nil {
			return err
		}
		targets = append(targets, r)
	}
	for _, r := range targets {
		for _, t := range tags {
			r.set(t.Key, t.Value)
		}
	}
	return nil
}

// untagResources removes the keys (or, with all, every tag).
func (s *store) untagResources(acct *account.Account, resType, instanceID string, ids, keys []string, all bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	targets := make([]tagged, 0, len(ids))
	for _, id := range ids {
		r, err := s.taggedOf(acct, resType, instanceID, id)
		if err != nil {
			return err
		}
		targets = append(targets, r)
	}
	for _, r := range targets {
		if all {
			for k := range r.tags {
				r.unset(k)
			}
		}
		for _, k := range keys {
			r.unset(k)
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
		// Every resource of the type carrying the wanted tags, by id, from
		// the ordered indexes: by tag when a tag is wanted.
		switch resType {
		case resInstance:
			for _, in := range s.instancesCarrying(acct, want) {
				add(in.id, in.id, in.tags)
			}
		case resTopic, resGroup:
			in, err := s.instanceFor(acct, instanceID)
			if err != nil {
				return nil, err
			}
			if resType == resTopic {
				for _, t := range in.topicsCarrying(want) {
					add(instanceID, t.name, t.tags)
				}
			} else {
				for _, g := range in.groupsCarrying(want) {
					add(instanceID, g.id, g.tags)
				}
			}
		}
		return out, nil
	}
	for _, id := range ids {
		r, err := s.taggedOf(acct, resType, instanceID, id)
		if err != nil {
			return nil, err
		}
		inst := instanceID
		if resType == resInstance {
			inst = id
		}
		add(inst, id, r.tags)
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

// tagKey names one list of a tagIndex: the resources carrying key=value, or,
// with anyValue, those carrying key at all (a wanted tag with an empty value
// matches any value, and a tag's value may itself be empty).
type tagKey struct {
	key, value string
	anyValue   bool
}

// tagIndex holds, for one scope (an account's instances, an instance's
// topics or groups), the resources carrying each tag, each list in the order
// the lists answer in (by name), so a tag-filtered selection walks only the
// resources carrying a wanted tag rather than every resource. Kept by the
// add/remove helpers of store.go and by tagged.set/unset, under the store's
// lock.
type tagIndex[T comparable] struct {
	name  func(T) string
	lists map[tagKey][]T
}

func newTagIndex[T comparable](name func(T) string) *tagIndex[T] {
	return &tagIndex[T]{name: name, lists: map[tagKey][]T{}}
}

func (x *tagIndex[T]) put(item T, key, value string) {
	for _, k := range [2]tagKey{{key: key, value: value}, {key: key, anyValue: true}} {
		list := x.lists[k]
		i, found := slices.BinarySearchFunc(list, x.name(item), x.byName)
		if !found {
			x.lists[k] = slices.Insert(list, i, item)
		}
	}
}

func (x *tagIndex[T]) drop(item T, key, value string) {
	for _, k := range [2]tagKey{{key: key, value: value}, {key: key, anyValue: true}} {
		list := x.lists[k]
		i, found := slices.BinarySearchFunc(list, x.name(item), x.byName)
		if !found || list[i] != item {
			continue
		}
		if list = slices.Delete(list, i, i+1); len(list) == 0 {
			delete(x.lists, k) // so keys once used do not pile up
		} else {
			x.lists[k] = list
		}
	}
}

func (x *tagIndex[T]) byName(item T, name string) int { return strings.Compare(x.name(item), name) }

func (x *tagIndex[T]) putAll(item T, tags tagSet) {
	for k, v := range tags {
		x.put(item, k, v)
	}
}

func (x *tagIndex[T]) dropAll(item T, tags tagSet) {
	for k, v := range tags {
		x.drop(item, k, v)
	}
}

// candidates is the shortest list of the resources carrying one of the
// wanted tags, in list order: every resource carrying them all is in it (the
// caller still checks the rest with matches). No wanted tag: ok is false and
// the caller walks every resource.
func (x *tagIndex[T]) candidates(want []kv) (list []T, ok bool) {
	if x == nil { // a scope nothing was ever indexed in
		return nil, len(want) > 0
	}
	for i, w := range want {
		k := tagKey{key: w.Key, value: w.Value, anyValue: w.Value == ""}
		if l := x.lists[k]; i == 0 || len(l) < len(list) {
			list = l
		}
	}
	return list, len(want) > 0
}

// tagged is one resource's tag set with the index that lists it, so the
// tag calls change both together.
type tagged struct {
	tags      tagSet
	put, drop func(key, value string)
}

func (r tagged) set(key, value string) {
	if old, ok := r.tags[key]; ok {
		if old == value {
			return
		}
		r.drop(key, old)
	}
	r.tags[key] = value
	r.put(key, value)
}

func (r tagged) unset(key string) {
	if old, ok := r.tags[key]; ok {
		r.drop(key, old)
		delete(r.tags, key)
	}
}

func taggedWith[T comparable](item T, tags tagSet, x *tagIndex[T]) tagged {
	return tagged{tags: tags,
		put:  func(key, value string) { x.put(item, key, value) },
		drop: func(key, value string) { x.drop(item, key, value) },
	}
}

// topicsCarrying and groupsCarrying are instancesCarrying for an instance's
// topics and groups, by name.
func (in *instance) topicsCarrying(want []kv) []*topic {
	if list, ok := in.topicTags.candidates(want); ok {
		return list
	}
	return in.topicOrder
}

func (in *instance) groupsCarrying(want []kv) []*group {
	if list, ok := in.groupTags.candidates(want); ok {
		return list
	}
	return in.groupOrder
}
