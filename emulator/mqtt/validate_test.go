package mqtt

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNameRules(t *testing.T) {
	for _, tc := range []struct {
		rule  string
		check func(string) bool
		in    string
		want  bool
	}{
		{"group", validGroupID, "GID_abc", true},
		{"group", validGroupID, "GID-a_b-c", true},
		{"group", validGroupID, "GID_" + strings.Repeat("x", 60), true},
		{"group", validGroupID, "GID_" + strings.Repeat("x", 61), false},
		{"group", validGroupID, "GID_ab", false},
		{"group", validGroupID, "gid_abcd", false},
		{"group", validGroupID, "GIDabcde", false},
		{"group", validGroupID, "GID_a b", false},
		{"group", validGroupID, "GID_a@@@b", false},
		{"client", validClientID, "GID_test@@@dev-1_x", true},
		{"client", validClientID, "GID_test@@@" + strings.Repeat("d", 53), true},
		{"client", validClientID, "GID_test@@@" + strings.Repeat("d", 54), false},
		{"client", validClientID, "GID_test@@dev", false},
		{"client", validClientID, "GID_test@@@", false},
		{"client", validClientID, "GID_test@@@a@@@b", false},
		{"client", validClientID, "CID_test@@@dev", false},
		{"topic", validTopic, "mqmock", true},
		{"topic", validTopic, "mqmock/a/b-c_d", true},
		{"topic", validTopic, "mqmock/", false},
		{"topic", validTopic, "/mqmock", false},
		{"topic", validTopic, "mqmock/+", false},
		{"topic", validTopic, "mqmock/#", false},
		{"topic", validTopic, "mqmock/a:b", false},
		{"topic", validTopic, "mqmock/a,b", false},
		{"topic", validTopic, "mqmock/a%b", false},
		{"topic", validTopic, strings.Repeat("t", 65), false},
		{"filter", validTopicFilter, "mqmock/+", true},
		{"filter", validTopicFilter, "mqmock/+/x", true},
		{"filter", validTopicFilter, "mqmock/#", true},
		{"filter", validTopicFilter, "mqmock/#/x", false},
		{"filter", validTopicFilter, "+/x", false},
		{"filter", validTopicFilter, "#", false},
		{"filter", validTopicFilter, "mqmock/a+", false},
		{"filter", validTopicFilter, "", false},
	} {
		assert.Equal(t, tc.want, tc.check(tc.in), "%s %q", tc.rule, tc.in)
	}
}

func TestParseResources(t *testing.T) {
	got, ok := parseResources("b/x,a/+,b/x,a/#")
	assert.True(t, ok)
	assert.Equal(t, []string{"a/#", "a/+", "b/x"}, got, "sorted, duplicates dropped")

	hundred := make([]string, 100)
	for i := range hundred {
		hundred[i] = "p/t" + strings.Repeat("x", i)[:i%40] + string(rune('a'+i%26))
	}
	_, ok = parseResources(strings.Join(hundred, ","))
	assert.True(t, ok, "100 topics is the maximum")
	_, ok = parseResources(strings.Join(append(hundred, "p/last"), ","))
	assert.False(t, ok, "101 topics")
	for _, bad := range []string{"", ",", "a,", "a/b,c:d"} {
		_, ok := parseResources(bad)
		assert.False(t, ok, "%q", bad)
	}
}

func TestParseActions(t *testing.T) {
	for in, want := range map[string]string{"R": "R", "W": "W", "R,W": "R,W", "W,R": "R,W"} {
		got, ok := parseActions(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "RW", "r", "R,W,R", "R, W", "X"} {
		_, ok := parseActions(bad)
		assert.False(t, ok, "%q", bad)
	}
}

func TestParentTopic(t *testing.T) {
	assert.Equal(t, "a", parentTopic("a/b/c"))
	assert.Equal(t, "a", parentTopic("a"))
}
