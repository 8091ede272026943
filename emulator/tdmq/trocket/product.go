// Package trocket is the TDMQ for RocketMQ 5.x product: the actions of
// service trocket (2023-03-08) over instances, topics, consumer groups,
// roles and messages. It knows nothing of the front door that serves it
// (emulator/tdmq assembles that) nor of RocketMQ 4.x beside it: the 4.x
// clusters DescribeFusionInstanceList lists come from the OtherInstances
// function the door hands to New.
package trocket

import (
	"sort"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Product is RocketMQ 5.x. Its state is guarded by mu; every domain
// operation checks and acts under it.
type Product struct {
	clock  *clock.Clock
	opts   Options
	others OtherInstances
	table  *pipeline.Table

	mu        sync.Mutex
	seq       int64
	instances map[string]*instance
}

// New builds the product. The zero Env works: with no clock the product
// keeps one of its own, with no account registry no call has an account.
// others lists an account's instances of other products for
// DescribeFusionInstanceList; nil lists none.
func New(env pipeline.Env, opts Options, others OtherInstances) *Product {
	c := env.Clock
	if c == nil {
		c = clock.New()
	}
	if others == nil {
		others = func(string, time.Time) []OtherInstance { return nil }
	}
	g := &Product{clock: c, opts: opts, others: others}
	g.table = g.actions(opts.RateLimitOverrides, env.RateLimits || opts.RateLimits)
	g.Reset()
	return g
}

// Table is the product's action table (service trocket, 2023-03-08).
func (g *Product) Table() *pipeline.Table { return g.table }

// Reset forgets every resource and empties the rate-limit buckets.
func (g *Product) Reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.instances = map[string]*instance{}
	g.seq = 0
	g.table.ResetLimits()
}

// State is what GET /_mqmock/state shows for 5.x.
func (g *Product) State() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.clock.Now()
	type instanceState struct {
		Account, InstanceId, Name, Type, SkuCode, Status string
		Topics, Groups, Roles                            []string
		Messages                                         int
	}
	out := []instanceState{}
	for _, in := range g.sortedInstances() {
		st := instanceState{Account: in.owner, InstanceId: in.id, Name: in.name, Type: in.typ, SkuCode: in.sku.SkuCode, Status: in.status(now),
			Topics: sortedKeys(in.topics), Groups: sortedKeys(in.groups), Roles: sortedKeys(in.roles), Messages: len(in.messages)}
		out = append(out, st)
	}
	return map[string]any{"instances": out}
}

// sortedInstances lists all instances in creation order.
func (g *Product) sortedInstances() []*instance {
	out := make([]*instance, 0, len(g.instances))
	for _, in := range g.instances {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// OtherInstances lists an account's instances of other products (RocketMQ
// 4.x clusters) as of now.
type OtherInstances func(account string, now time.Time) []OtherInstance

// OtherInstance is an instance of another product as
// DescribeFusionInstanceList lists it beside the 5.x instances: plain
// values in the list's own terms.
type OtherInstance struct {
	ID, Name, Remark string
	// Version is what the list's Version filter selects the instance by.
	Version string
	// Type and Status are its InstanceType and InstanceStatus.
	Type, Status                                     string
	PayMode                                          string
	TopicNumLimit, GroupNumLimit, TopicNum, GroupNum int64
	Tags                                             []Tag
	SkuCode                                          string
	// MessageRetention and MaxMessageDelay are in hours.
	MessageRetention, MaxMessageDelay int64
	// The InstanceItemExtraInfo of the item.
	IsVip                 bool
	VipStatus             int64
	SpecName              string
	NodeCount, MaxStorage int64
	MaxRetention          int64 // hours
	ZoneIDs               []int64
	DeletionProtection    bool
	Created               time.Time
}

// Tag is a resource tag.
type Tag struct{ Key, Value string }

// item is the other instance as a FusionInstanceItem.
func (o OtherInstance) item() fusionInstanceItem {
	tags := make([]tag, 0, len(o.Tags))
	for _, t := range o.Tags {
		tags = append(tags, tag{TagKey: t.Key, TagValue: t.Value})
	}
	return fusionInstanceItem{
		instanceItem: instanceItem{
			InstanceId: o.ID, InstanceName: o.Name, Version: o.Version, InstanceType: o.Type, InstanceStatus: o.Status,
			TopicNumLimit: o.TopicNumLimit, GroupNumLimit: o.GroupNumLimit, PayMode: o.PayMode, Remark: o.Remark,
			TopicNum: o.TopicNum, GroupNum: o.GroupNum, TagList: tags, SkuCode: o.SkuCode,
			MessageRetention: o.MessageRetention, MaxMessageDelay: o.MaxMessageDelay,
		},
		InstanceItemExtraInfo: &instanceItemExtraInfo{
			IsVip: o.IsVip, VipInstanceStatus: o.VipStatus, SpecName: o.SpecName, NodeCount: o.NodeCount,
			MaxStorage: o.MaxStorage, MaxRetention: o.MaxRetention, InstanceStatus: o.VipStatus,
		},
		ZoneIds: nonNil(o.ZoneIDs), EnableDeletionProtection: o.DeletionProtection, CreateTime: o.Created.UnixMilli(),
	}
}
