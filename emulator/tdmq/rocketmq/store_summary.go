package rocketmq

import (
	"time"
)

// ClusterSummary is one 4.x cluster as another product lists it (5.x's
// DescribeFusionInstanceList reports 4.x clusters beside its instances):
// plain values, copied under the lock, in this product's terms.
type ClusterSummary struct {
	ID, Name, Remark string
	// Kind is "virtual", "dedicated" or "general".
	Kind string
	// Status is "CREATING" or "RUNNING".
	Status string
	// TopicQuota and GroupQuota are the cluster's limits; Topics and Groups
	// what it holds.
	TopicQuota, GroupQuota int
	Topics, Groups         int
	Tags                   []Tag
	// Spec is a dedicated cluster's specification ("" for a virtual one).
	Spec      string
	NodeCount int64
	// StorageGB is a dedicated cluster's storage.
	StorageGB int64
	ZoneIDs   []int64
	// Retention is the cluster's message retention, in hours; MaxRetention
	// and MaxDelay are the product's limits.
	Retention              int64
	MaxRetention, MaxDelay time.Duration
	DeletionProtection     bool
	Created                time.Time
}

// Tag is a resource tag.
type Tag struct{ Key, Value string }

// summaries summarises an account's clusters in a region (as an X-TC-Region
// names it: the same rule as the 4.x actions' lookups, op.sees) by creation
// millisecond, then id (the order 5.x lists instances in, so it merges them
// without a sort), as of now.
func (s *store) summaries(account, region string, now time.Time) []ClusterSummary {
	o := op{owner: account, region: region}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ClusterSummary, 0, len(s.scoped(o).all))
	for _, c := range s.clustersByCreated() {
		if !o.sees(c) {
			continue
		}
		_, topics, groups := c.quotas(s.limits)
		tags := make([]Tag, 0, len(c.Tags))
		for _, t := range c.Tags {
			tags = append(tags, Tag{Key: t.TagKey, Value: t.TagValue})
		}
		out = append(out, ClusterSummary{
			ID: c.ID, Name: c.Name, Remark: c.Remark, Kind: c.kindName(), Status: statusName(c.ready(now)),
			TopicQuota: topics, GroupQuota: groups, Topics: c.topicCount(), Groups: c.groupCount(), Tags: tags,
			Spec: c.Spec, NodeCount: c.NodeCount, StorageGB: c.StorageSize, ZoneIDs: append([]int64(nil), c.ZoneIDs...),
			Retention: c.Retention, MaxRetention: s.limits.Retention, MaxDelay: s.limits.MaxDelay,
			DeletionProtection: c.EnableDeletionProtection, Created: c.Created,
		})
	}
	return out
}
