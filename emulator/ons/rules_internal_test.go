package ons

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
)

func TestTopicNameRule(t *testing.T) {
	cases := map[string]bool{
		"abc": true, "orders-topic_1": true, strings.Repeat("a", 64): true,
		"ab": false, strings.Repeat("a", 65): false, "has space": false, "dot.ted": false, "中文名字": false,
		"GID_orders": false, "CIDx": false, "PID_orders": true, "gid_lower": true,
	}
	for name, want := range cases {
		assert.Equal(t, want, validTopic(name), name)
	}
}

func TestGroupIDRules(t *testing.T) {
	cases := []struct {
		id            string
		strict, loose bool
	}{
		{"GID_abc", true, true},
		{"GID-abc", true, true},
		{"CID_abc", true, true},
		{"PID-abc", true, true},
		{"GID_ab", false, true}, // 6 chars: under the strict minimum of 7
		{"orders", false, true}, // no prefix
		{"g", false, false},     // under 2
		{"GID_" + strings.Repeat("x", 60), true, true},
		{"GID_" + strings.Repeat("x", 61), false, false},
		{"GID_a.b", false, false},
		{"GIDabcd", false, true},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.strict, validGroupID(tc.id, true), "strict %s", tc.id)
		assert.Equal(t, tc.loose, validGroupID(tc.id, false), "loose %s", tc.id)
	}
}

func TestInstanceNameRule(t *testing.T) {
	cases := map[string]bool{
		"abc": true, "订单实例": true, "prod_订单-1": true, "ab": false, "a b c": false, "emoji😀x": false,
		strings.Repeat("实", 64): true, strings.Repeat("实", 65): false, "\xff\xfe\xfd": false,
	}
	for name, want := range cases {
		assert.Equal(t, want, validInstanceName(name), name)
	}
}

func TestMatchesExpr(t *testing.T) {
	assert.True(t, matchesExpr("*", "x"))
	assert.True(t, matchesExpr("", ""))
	assert.True(t, matchesExpr("a || b", "b"))
	assert.False(t, matchesExpr("a||b", "c"))
	assert.False(t, matchesExpr("a", ""))
}

// storeFor is a store with the two built-in accounts and their instances.
func storeFor(t testing.TB, opts Options) (*store, *account.Account, *account.Account) {
	t.Helper()
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	s := newStore(opts, clock.New())
	s.reset(reg.All())
	all := reg.All()
	return s, all[0], all[1]
}

func codeOf(err error) string {
	if e, ok := apierr.As(err); ok {
		return e.Code()
	}
	return ""
}

const builtin = "MQ_INST_1000000000000001_mqmock01"

func TestQuotas(t *testing.T) {
	t.Run("topic capacity", func(t *testing.T) {
		opts := DefaultOptions()
		opts.TopicCapacity = 3
		s, a, _ := storeFor(t, opts)
		for _, n := range []string{"t-1", "t-2", "t-3"} {
			require.NoError(t, s.createTopic(a, builtin, n, 0, ""))
		}
		assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(s.createTopic(a, builtin, "t-4", 0, "")))
		require.NoError(t, s.deleteTopic(a, builtin, "t-1"))
		assert.NoError(t, s.createTopic(a, builtin, "t-4", 0, ""), "deleting frees a slot")
	})
	t.Run("groups per instance", func(t *testing.T) {
		opts := DefaultOptions()
		opts.MaxGroups = 2
		s, a, _ := storeFor(t, opts)
		require.NoError(t, s.createGroup(a, builtin, "GID_one", "tcp", ""))
		require.NoError(t, s.createGroup(a, builtin, "GID_two", "http", ""))
		assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(s.createGroup(a, builtin, "GID_three", "tcp", "")))
	})
	t.Run("instances per account, names unique per account", func(t *testing.T) {
		opts := DefaultOptions()
		opts.MaxInstances = 3 // the built-in one counts
		s, a, b := storeFor(t, opts)
		_, err := s.createInstance(a, "first", "")
		require.NoError(t, err)
		_, err = s.createInstance(a, "first", "")
		assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(err), "duplicate name")
		_, err = s.createInstance(b, "first", "")
		assert.NoError(t, err, "another account may use the name")
		_, err = s.createInstance(a, "second", "")
		require.NoError(t, err)
		_, err = s.createInstance(a, "third", "")
		assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(err))
	})
	t.Run("loose group rule by option", func(t *testing.T) {
		opts := DefaultOptions()
		opts.GroupIDPrefix = false
		s, a, _ := storeFor(t, opts)
		assert.NoError(t, s.createGroup(a, builtin, "orders", "tcp", ""))
	})
	t.Run("remarks", func(t *testing.T) {
		s, a, _ := storeFor(t, DefaultOptions())
		assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(s.createTopic(a, builtin, "remarked", 0, strings.Repeat("r", 129))))
		assert.NoError(t, s.createTopic(a, builtin, "remarked", 0, strings.Repeat("备", 128)), "characters, not bytes")
	})
}

func TestMessageSizeLimits(t *testing.T) {
	s, a, _ := storeFor(t, DefaultOptions())
	require.NoError(t, s.createTopic(a, builtin, "normal", 0, ""))
	require.NoError(t, s.createTopic(a, builtin, "delayed", 5, ""))
	_, err := s.sendMessage(a, builtin, "delayed", strings.Repeat("x", maxBodySpecial+1), "", "")
	assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(err))
	_, err = s.sendMessage(a, builtin, "normal", strings.Repeat("x", maxBodySpecial+1), "", "")
	assert.NoError(t, err)
	_, err = s.sendMessage(a, builtin, "normal", strings.Repeat("x", maxBody+1), "", "")
	assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(err))
}

func TestResetOffsetToTimestamp(t *testing.T) {
	s, a, _ := storeFor(t, DefaultOptions())
	require.NoError(t, s.createTopic(a, builtin, "orders", 0, ""))
	require.NoError(t, s.createGroup(a, builtin, "GID_orders", "tcp", ""))
	_, err := s.sendMessage(a, builtin, "orders", "old", "", "")
	require.NoError(t, err)
	s.clock.Advance(time.Hour)
	mid := s.nowMs()
	for i := 0; i < 3; i++ {
		_, err = s.sendMessage(a, builtin, "orders", "new", "", "")
		require.NoError(t, err)
	}
	require.NoError(t, s.resetOffset(a, builtin, "GID_orders", "orders", 1, mid))
	st, err := s.consumers(a, builtin, "GID_orders", false)
	require.NoError(t, err)
	assert.EqualValues(t, 3, st.TotalDiff)
	assert.Equal(t, "BIZ_FIELD_CHECK_INVALID", codeOf(s.resetOffset(a, builtin, "GID_orders", "orders", 2, 0)))
}

// Two emulators in one process never see each other.
func TestStoresShareNothing(t *testing.T) {
	s1, a, _ := storeFor(t, DefaultOptions())
	s2, a2, _ := storeFor(t, DefaultOptions())
	require.NoError(t, s1.createTopic(a, builtin, "only-in-one", 0, ""))
	assert.NoError(t, s2.createTopic(a2, builtin, "only-in-one", 0, ""))
}
