package rocketmq

import (
	"sort"
	"strings"
)

// Helpers the 4.x lists share: fuzzy matches, lists, topic distribution
// (tags, TagFilters and Filters values are tcapi's).

// contains is the APIs' fuzzy match: a case-insensitive substring.
func contains(s string, kw *string) bool {
	return kw == nil || strings.Contains(strings.ToLower(s), strings.ToLower(*kw))
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
