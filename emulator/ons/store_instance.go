package ons

import (
	"unicode"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/account"
)

// instanceView is what the actions read of an instance.
type instanceView struct {
	ID, Name, Remark  string
	Owner             string // UID
	IndependentNaming bool
	CreateTime        int64
	Tags              []kv
	TopicCapacity     int
	MaxTps            int64
}

func (s *store) view(in *instance) instanceView {
	return instanceView{
		ID: in.id, Name: in.name, Remark: in.remark, Owner: uidOf(in.owner), IndependentNaming: in.independentNaming,
		CreateTime: in.createTime, Tags: in.tags.sorted(), TopicCapacity: s.opts.TopicCapacity, MaxTps: s.opts.MaxTps,
	}
}

// createInstance makes a Standard instance with its own namespace: the name
// rule, the per-account quota and the name's uniqueness among the account's
// instances are checked together with the insert.
func (s *store) createInstance(acct *account.Account, name, remark string) (string, error) {
	if !validInstanceName(name) {
		return "", fieldInvalid("InstanceName must be 3-64 Chinese characters, letters, digits, - or _")
	}
	if !validRemark(remark, instanceRemarkMax) {
		return "", fieldInvalid("Remark is longer than 128 characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, in := range s.owned[acct] {
		if in.name == name {
			return "", fieldInvalid("an instance named " + name + " already exists")
		}
	}
	if len(s.owned[acct]) >= s.opts.MaxInstances {
		return "", fieldInvalid("the quota of instances per region is reached")
	}
	id := s.newInstanceID(acct)
	s.addInstance(&instance{
		owner: acct, id: id, name: name, remark: remark, independentNaming: true, createTime: s.nowMs(),
		tags: tagSet{}, topics: map[string]*topic{}, groups: map[string]*group{},
	})
	return id, nil
}

// updateInstance changes what was sent (nil: unchanged).
func (s *store) updateInstance(acct *account.Account, id string, name, remark *string) error {
	if name != nil && !validInstanceName(*name) {
		return fieldInvalid("InstanceName must be 3-64 Chinese characters, letters, digits, - or _")
	}
	if remark != nil && !validRemark(*remark, instanceRemarkMax) {
		return fieldInvalid("Remark is longer than 128 characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, id)
	if err != nil {
		return err
	}
	if name != nil && *name != in.name {
		for _, o := range s.owned[acct] {
			if o.name == *name {
				return fieldInvalid("an instance named " + *name + " already exists")
			}
		}
		in.name = *name
	}
	if remark != nil {
		in.remark = *remark
	}
	return nil
}

// deleteInstance removes an empty instance; one that still holds topics or
// groups is INSTANCE_NOT_EMPTY.
func (s *store) deleteInstance(acct *account.Account, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, id)
	if err != nil {
		return err
	}
	if len(in.topics) > 0 || len(in.groups) > 0 {
		return errInstanceNotEmpty.New()
	}
	s.removeInstance(in)
	return nil
}

func (s *store) getInstance(acct *account.Account, id string) (instanceView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceFor(acct, id)
	if err != nil {
		return instanceView{}, err
	}
	return s.view(in), nil
}

// listInstances is the caller's instances carrying every wanted tag, by id.
func (s *store) listInstances(acct *account.Account, want []kv) []instanceView {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []instanceView
	for _, in := range s.instancesCarrying(acct, want) {
		if in.tags.matches(want) {
			out = append(out, s.view(in))
		}
	}
	return out
}

// validInstanceName: 3–64 characters (not bytes) of Chinese characters,
// letters, digits, - and _.
func validInstanceName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 3 || n > 64 || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r < utf8.RuneSelf {
			if !isNameChar(byte(r)) {
				return false
			}
		} else if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
