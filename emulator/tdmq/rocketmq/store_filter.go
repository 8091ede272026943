package rocketmq

import (
	"sort"
	"strings"
)

// Helpers the 4.x lists share: tags and tag filters, fuzzy matches,
// Filters values.

// tagsIn turns request tags into stored ones.
func tagsIn(in []*tagIn) []tag {
	out := make([]tag, 0, len(in))
	for _, t := range in {
		if t == nil {
			continue
		}
		var tg tag
		if t.TagKey != nil {
			tg.TagKey = *t.TagKey
		}
		if t.TagValue != nil {
			tg.TagValue = *t.TagValue
		}
		out = append(out, tg)
	}
	return out
}

// matchTags is TagFilters: every filter must match a tag with its key and,
// when values are given, one of them.
func matchTags(tags []tag, filters []*tagFilter) bool {
	for _, f := range filters {
		if f == nil || f.TagKey == nil {
			continue
		}
		hit := false
		for _, t := range tags {
			if t.TagKey != *f.TagKey {
				continue
			}
			if len(f.TagValues) == 0 {
				hit = true
			}
			for _, v := range f.TagValues {
				if v != nil && *v == t.TagValue {
					hit = true
				}
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// contains is the APIs' fuzzy match: a case-insensitive substring.
func contains(s string, kw *string) bool {
	return kw == nil || strings.Contains(strings.ToLower(s), strings.ToLower(*kw))
}

// filterValues returns the values of a Filters entry as strings.
func filterValues(f *filter) []string {
	out := make([]string, 0, len(f.Values))
	for _, v := range f.Values {
		if v != nil {
			out = append(out, *v)
		}
	}
	return out
}

func inList(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// distribution counts topics by type, in type order.
func distribution(c *cluster) []rocketMQTopicDistribution {
	out := make([]rocketMQTopicDistribution, 0, len(c.topicTypes))
	for typ, n := range c.topicTypes {
		out = append(out, rocketMQTopicDistribution{TopicType: typ, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].TopicType < out[j].TopicType })
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
