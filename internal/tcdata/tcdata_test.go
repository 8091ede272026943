package tcdata

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTagsMatch(t *testing.T) {
	key, v1, v2 := "env", "ci", "prod"
	tags := []Tag{{"env", "ci"}, {"team", "a"}}
	for _, tc := range []struct {
		name    string
		filters []*TagFilter
		want    bool
	}{
		{"none", nil, true},
		{"key and value", []*TagFilter{{TagKey: &key, TagValues: []*string{&v1}}}, true},
		{"one of the values", []*TagFilter{{TagKey: &key, TagValues: []*string{&v2, &v1}}}, true},
		{"wrong value", []*TagFilter{{TagKey: &key, TagValues: []*string{&v2}}}, false},
		{"key only", []*TagFilter{{TagKey: &key}}, true},
		{"null values are no values", []*TagFilter{{TagKey: &key, TagValues: []*string{nil}}}, true},
		{"missing key", []*TagFilter{{TagKey: &v2}}, false},
		{"every filter must match", []*TagFilter{{TagKey: &key}, {TagKey: &v2}}, false},
		{"a null filter selects nothing away", []*TagFilter{nil}, true},
		{"a filter without a key selects nothing away", []*TagFilter{{TagValues: []*string{&v2}}}, true},
	} {
		assert.Equal(t, tc.want, TagsMatch(tags, tc.filters), tc.name)
	}
}

func TestTagsAndStrings(t *testing.T) {
	k, v := "env", "ci"
	assert.Equal(t, []Tag{{"env", "ci"}, {"env", ""}, {"", "ci"}}, Tags([]*TagIn{{&k, &v}, nil, {TagKey: &k}, {TagValue: &v}}))
	assert.Equal(t, []Tag{}, Tags(nil), "never null in an answer")
	assert.Equal(t, []string{"env", "ci"}, Strings([]*string{&k, nil, &v}))
}
