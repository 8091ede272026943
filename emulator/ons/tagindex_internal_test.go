package ons

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
)

// TestTagIndexFollowsEveryChange drives a store through a random sequence of
// tag, untag, create, delete, reset and snapshot-load operations and, after
// each, checks that every tag index list holds exactly the resources a plain
// scan finds carrying that tag, in list order, and that the tag-filtered
// selections (ListTagResources, the instance/topic/group lists) equal a
// plain scan of every resource. A missing index update anywhere shows up as
// a stale or missing entry.
func TestTagIndexFollowsEveryChange(t *testing.T) {
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	accounts := reg.All()
	named := func(name string) (*account.Account, bool) {
		for _, a := range accounts {
			if a.Name == name {
				return a, true
			}
		}
		return nil, false
	}
	opts := DefaultOptions()
	opts.MaxInstances = 6
	s := newStore(opts, clock.New())
	s.reset(accounts)

	keys := []string{"env", "team", "tier"}
	values := []string{"a", "b", ""}
	topics := []string{"tix-one", "tix-two", "tix-three", "tix-four", "tix-five"}
	groups := []string{"GID_tix_one", "GID_tix_two", "GID_tix_three", "GID_tix_four"}
	rng := rand.New(rand.NewPCG(17, 5))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	randomTags := func() []kv {
		out := make([]kv, 1+rng.IntN(2))
		for i := range out {
			out[i] = kv{pick(keys), pick(values)}
		}
		return out
	}
	instanceIDs := func(a *account.Account) []string {
		var ids []string
		for _, in := range s.owned[a] {
			ids = append(ids, in.id)
		}
		return ids
	}

	for step := range 800 {
		a := accounts[rng.IntN(2)]
		ids := instanceIDs(a)
		if len(ids) == 0 {
			continue
		}
		inst := pick(ids)
		resType := pick([]string{resInstance, resTopic, resGroup})
		// Mostly resources that exist, sometimes any name (an error: nothing
		// may change).
		names := map[string][]string{resInstance: ids, resTopic: topics, resGroup: groups}[resType]
		if existing := existingNames(s.instances[inst], resType); resType != resInstance && len(existing) > 0 && rng.IntN(10) > 0 {
			names = existing
		}
		targets := []string{pick(names), pick(names)}[:1+rng.IntN(2)]
		var op string
		switch n := rng.IntN(1000); {
		case n < 300:
			op = "tag"
			_ = s.tagResources(a, resType, inst, targets, randomTags())
		case n < 420:
			op = "untag"
			_ = s.untagResources(a, resType, inst, targets, []string{pick(keys)}, false)
		case n < 470:
			op = "untag all"
			_ = s.untagResources(a, resType, inst, targets, nil, true)
		case n < 620:
			op = "create topic"
			_ = s.createTopic(a, inst, pick(topics), 0, "")
		case n < 770:
			op = "create group"
			_ = s.createGroup(a, inst, pick(groups), "tcp", "")
		case n < 840:
			op = "delete topic"
			_ = s.deleteTopic(a, inst, pick(topics))
		case n < 910:
			op = "delete group"
			_ = s.deleteGroup(a, inst, pick(groups))
		case n < 950:
			op = "create instance"
			_, _ = s.createInstance(a, fmt.Sprintf("inst-%d", step), "")
		case n < 970 && len(ids) > 1:
			op = "delete instance"
			in := s.instances[inst]
			for _, tp := range slices.Clone(in.topicOrder) {
				require.NoError(t, s.deleteTopic(a, inst, tp.name))
			}
			for _, g := range slices.Clone(in.groupOrder) {
				require.NoError(t, s.deleteGroup(a, inst, g.id))
			}
			require.NoError(t, s.deleteInstance(a, inst))
		case n < 995:
			op = "snapshot load"
			raw, err := s.saveSnapshot()
			require.NoError(t, err)
			install, err := s.loadSnapshot(raw, named)
			require.NoError(t, err)
			install()
		default:
			op = "reset"
			s.reset(accounts)
		}
		checkTagIndexes(t, s, accounts, keys, values, fmt.Sprintf("step %d (%s)", step, op))
	}
}

// checkTagIndexes compares every index list, and the selections built on
// them, with a plain scan of every resource.
func checkTagIndexes(t *testing.T, s *store, accounts []*account.Account, keys, values []string, at string) {
	t.Helper()
	var wants [][]kv
	for _, k := range keys {
		for _, v := range values {
			wants = append(wants, []kv{{k, v}})
			for _, k2 := range keys {
				wants = append(wants, []kv{{k, v}, {k2, "a"}})
			}
		}
	}
	for _, a := range accounts {
		// The account's instance index, list by list.
		for _, k := range keys {
			for _, tk := range append([]tagKey{{key: k, anyValue: true}}, tagKeys(k, values)...) {
				var scan, indexed []string
				for _, in := range s.owned[a] {
					if hasKey(in.tags, k) && (tk.anyValue || in.tags[k] == tk.value) {
						scan = append(scan, in.id)
					}
				}
				if x := s.instanceTags[a]; x != nil {
					for _, in := range x.lists[tk] {
						indexed = append(indexed, in.id)
					}
				}
				require.Equal(t, scan, indexed, "%s: %s instances by %+v", at, a.Name, tk)
			}
		}
		for _, want := range wants {
			var scan, listed, tagged []string
			for _, in := range s.owned[a] {
				if in.tags.matches(want) {
					scan = append(scan, in.id)
				}
			}
			for _, v := range s.listInstances(a, want) {
				listed = append(listed, v.ID)
			}
			rows, err := s.listTagResources(a, resInstance, "", nil, want)
			require.NoError(t, err)
			for _, r := range rows {
				if len(tagged) == 0 || tagged[len(tagged)-1] != r.ResourceID {
					tagged = append(tagged, r.ResourceID)
				}
			}
			require.Equal(t, scan, listed, "%s: %s OnsInstanceInServiceList %v", at, a.Name, want)
			require.Equal(t, scan, tagged, "%s: %s ListTagResources INSTANCE %v", at, a.Name, want)
		}
		for _, in := range s.owned[a] {
			checkInstanceTagIndexes(t, s, a, in, keys, values, wants, at)
		}
	}
}

func checkInstanceTagIndexes(t *testing.T, s *store, a *account.Account, in *instance, keys, values []string, wants [][]kv, at string) {
	t.Helper()
	for _, k := range keys {
		for _, tk := range append([]tagKey{{key: k, anyValue: true}}, tagKeys(k, values)...) {
			var scanT, indexedT, scanG, indexedG []string
			for _, tp := range in.topicOrder {
				if hasKey(tp.tags, k) && (tk.anyValue || tp.tags[k] == tk.value) {
					scanT = append(scanT, tp.name)
				}
			}
			for _, g := range in.groupOrder {
				if hasKey(g.tags, k) && (tk.anyValue || g.tags[k] == tk.value) {
					scanG = append(scanG, g.id)
				}
			}
			if in.topicTags != nil {
				for _, tp := range in.topicTags.lists[tk] {
					indexedT = append(indexedT, tp.name)
				}
				for _, g := range in.groupTags.lists[tk] {
					indexedG = append(indexedG, g.id)
				}
			}
			require.Equal(t, scanT, indexedT, "%s: %s topics by %+v", at, in.id, tk)
			require.Equal(t, scanG, indexedG, "%s: %s groups by %+v", at, in.id, tk)
		}
	}
	for _, want := range wants {
		var scanT, listedT, taggedT, scanG, listedG, taggedG []string
		for _, tp := range in.topicOrder {
			if tp.tags.matches(want) {
				scanT = append(scanT, tp.name)
			}
		}
		for _, g := range in.groupOrder {
			if g.tags.matches(want) {
				scanG = append(scanG, g.id)
			}
		}
		topics, err := s.listTopics(a, in.id, "", want)
		require.NoError(t, err)
		for _, v := range topics {
			listedT = append(listedT, v.Name)
		}
		groups, err := s.listGroups(a, in.id, "", "", want)
		require.NoError(t, err)
		for _, v := range groups {
			listedG = append(listedG, v.ID)
		}
		// With a name filter too: the exact name first, then the others
		// containing it, by name.
		for _, filter := range []string{"t", "tix-two", "GID_tix_two"} {
			var scanTF, listedTF, scanGF, listedGF []string
			for _, n := range scanT {
				if strings.Contains(n, filter) {
					scanTF = append(scanTF, n)
				}
			}
			for _, n := range scanG {
				if strings.Contains(n, filter) {
					scanGF = append(scanGF, n)
				}
			}
			sortExactFirst(scanTF, filter)
			sortExactFirst(scanGF, filter)
			topics, err := s.listTopics(a, in.id, filter, want)
			require.NoError(t, err)
			for _, v := range topics {
				listedTF = append(listedTF, v.Name)
			}
			groups, err := s.listGroups(a, in.id, filter, "tcp", want)
			require.NoError(t, err)
			for _, v := range groups {
				listedGF = append(listedGF, v.ID)
			}
			require.Equal(t, scanTF, listedTF, "%s: %s OnsTopicList %q %v", at, in.id, filter, want)
			require.Equal(t, scanGF, listedGF, "%s: %s OnsGroupList %q %v", at, in.id, filter, want)
		}
		for _, c := range []struct {
			resType string
			into    *[]string
		}{{resTopic, &taggedT}, {resGroup, &taggedG}} {
			rows, err := s.listTagResources(a, c.resType, in.id, nil, want)
			require.NoError(t, err)
			for _, r := range rows {
				if n := len(*c.into); n == 0 || (*c.into)[n-1] != r.ResourceID {
					*c.into = append(*c.into, r.ResourceID)
				}
			}
		}
		require.Equal(t, scanT, listedT, "%s: %s OnsTopicList %v", at, in.id, want)
		require.Equal(t, scanT, taggedT, "%s: %s ListTagResources TOPIC %v", at, in.id, want)
		require.Equal(t, scanG, listedG, "%s: %s OnsGroupList %v", at, in.id, want)
		require.Equal(t, scanG, taggedG, "%s: %s ListTagResources GROUP %v", at, in.id, want)
	}
}

func existingNames(in *instance, resType string) []string {
	var out []string
	if resType == resTopic {
		for _, tp := range in.topicOrder {
			out = append(out, tp.name)
		}
	} else {
		for _, g := range in.groupOrder {
			out = append(out, g.id)
		}
	}
	return out
}

func tagKeys(key string, values []string) []tagKey {
	out := make([]tagKey, len(values))
	for i, v := range values {
		out[i] = tagKey{key: key, value: v}
	}
	return out
}

func hasKey(tags tagSet, key string) bool {
	_, ok := tags[key]
	return ok
}
