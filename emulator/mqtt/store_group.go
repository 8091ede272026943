package mqtt

import (
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// Group ids live in one of two name spaces (ListGroupId doc): an instance
// with IndependentNaming has its own; every other instance shares one space
// across all accounts, which is why GroupIdAlreadyUsedByOtherUsers exists.

var groupIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^GID[_-][A-Za-z0-9_-]+$`) })

const minGroupIDLen = 7

// validGroupID: GID_ or GID- prefix, letters, digits, - and _, 7–64 chars
// (CreateGroupId doc).
func validGroupID(s string) bool {
	return len(s) >= minGroupIDLen && len(s) <= maxNameLen && groupIDPattern().MatchString(s)
}

// createGroup: the id's format (ParameterFieldCheckFailed, the Group ID
// APIs' one parameter code), then the instance and the id's uniqueness in
// its name space, under the lock with the insert.
func (s *store) createGroup(caller *account.Account, instanceID, groupID string, now time.Time) error {
	if !validGroupID(groupID) {
		return errParameterFieldCheckFailed.New()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return err
	}
	if in.independentNaming {
		if _, dup := in.groups[groupID]; dup {
			return errGroupIdAlreadyExsited.New()
		}
	} else if g, taken := s.sharedGIDs[groupID]; taken {
		if g.instance.owner == caller {
			return errGroupIdAlreadyExsited.New()
		}
		return errGroupIdAlreadyUsedByOtherUsers.New()
	}
	in.addGroup(&group{id: groupID, instance: in, created: now, updated: now}, s.sharedGIDs)
	return nil
}

// addGroup inserts a new group into its instance and, for an instance
// without a namespace of its own, into the shared space's index; a create
// and a snapshot's load both go through it.
func (in *instance) addGroup(g *group, shared map[string]*group) {
	in.groups[g.id] = g
	if !in.independentNaming {
		shared[g.id] = g
	}
}

// deleteGroup is idempotent for a group that does not exist; a shared name
// held by another account is PermissionCheckFailed.
func (s *store) deleteGroup(caller *account.Account, instanceID, groupID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return err
	}
	if _, ok := in.groups[groupID]; ok {
		delete(in.groups, groupID)
		if !in.independentNaming {
			delete(s.sharedGIDs, groupID)
		}
		return nil
	}
	if g, taken := s.sharedGIDs[groupID]; taken && !in.independentNaming && g.instance.owner != caller {
		return errPermissionCheckFailed.New()
	}
	return nil
}

// groupView is MqttGroupIdDo of the Go SDK (times in epoch milliseconds).
type groupView struct {
	CreateTime        int64  `json:"CreateTime"`
	GroupID           string `json:"GroupId"`
	IndependentNaming bool   `json:"IndependentNaming"`
	InstanceID        string `json:"InstanceId"`
	UpdateTime        int64  `json:"UpdateTime"`
}

func (g *group) view() groupView {
	return groupView{g.created.UnixMilli(), g.id, g.instance.independentNaming, g.instance.id, g.updated.UnixMilli()}
}

// listGroups returns the instance's groups oldest first (then by name).
func (s *store) listGroups(caller *account.Account, instanceID string) ([]groupView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return nil, err
	}
	return in.groupViews(), nil
}

func (in *instance) groupViews() []groupView {
	out := make([]groupView, 0, len(in.groups))
	for _, g := range in.groups {
		out = append(out, g.view())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].CreateTime != out[j].CreateTime {
			return out[i].CreateTime < out[j].CreateTime
		}
		return out[i].GroupID < out[j].GroupID
	})
	return out
}
