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

// ClusterKey is what another product orders and filters a cluster by
// before it knows whether the cluster lands on its page: plain values, no
// copies. It is handed to ScanClusters' visit and read there, under this
// product's lock; Ref names the cluster to Summaries afterwards.
type ClusterKey struct {
	ID, Name string
	// Kind is "virtual", "dedicated" or "general".
	Kind string
	// Status is "CREATING" or "RUNNING".
	Status  string
	Created time.Time
	Ref     ClusterRef
}

// Tags are the cluster's tags, copied; only during the visit.
func (k ClusterKey) Tags() []Tag { return summaryTags(k.Ref.c) }

// ClusterRef is a cluster as another product holds on to it between
// ScanClusters and Summaries.
type ClusterRef struct{ c *cluster }

// scan calls visit with each of an account's clusters in a region (as an
// X-TC-Region names it: the same rule as the 4.x actions' lookups, op.sees)
// by (creation millisecond, id), the order 5.x lists instances in so it
// merges them without a sort, until visit returns false; and returns how
// many clusters the account has there. Only the scope's clusters are read
// and nothing is copied: a list of 1000 clusters paged at 10 costs 10 keys.
func (s *store) scan(account, region string, now time.Time, visit func(ClusterKey) bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := s.scopes[scope{account, region}]
	if sc == nil {
		return 0
	}
	for _, c := range sc.byCreated.Sorted(byCreatedOrder) {
		if !visit(ClusterKey{ID: c.ID, Name: c.Name, Kind: c.kindName(), Status: statusName(c.ready(now)), Created: c.Created, Ref: ClusterRef{c}}) {
			break
		}
	}
	return sc.byCreated.Len()
}

// summaries summarises the clusters refs name, in their order, as of now.
// A cluster deleted since scan handed it out is summarised as it was.
func (s *store) summaries(refs []ClusterRef, now time.Time) []ClusterSummary {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ClusterSummary, 0, len(refs))
	for _, r := range refs {
		c := r.c
		_, topics, groups := c.quotas(s.limits)
		out = append(out, ClusterSummary{
			ID: c.ID, Name: c.Name, Remark: c.Remark, Kind: c.kindName(), Status: statusName(c.ready(now)),
			TopicQuota: topics, GroupQuota: groups, Topics: c.topicCount(), Groups: c.groupCount(), Tags: summaryTags(c),
			Spec: c.Spec, NodeCount: c.NodeCount, StorageGB: c.StorageSize, ZoneIDs: append([]int64(nil), c.ZoneIDs...),
			Retention: c.Retention, MaxRetention: s.limits.Retention, MaxDelay: s.limits.MaxDelay,
			DeletionProtection: c.EnableDeletionProtection, Created: c.Created,
		})
	}
	return out
}

// summaryTags copies a cluster's tags; the caller holds mu.
func summaryTags(c *cluster) []Tag {
	tags := make([]Tag, 0, len(c.Tags))
	for _, t := range c.Tags {
		tags = append(tags, Tag{Key: t.TagKey, Value: t.TagValue})
	}
	return tags
}
