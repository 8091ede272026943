// Package tdmq assembles the TDMQ front door: TencentCloud API 3.0
// (internal/tcapi) on one port, serving three products routed by
// X-TC-Version: RocketMQ 4.x (service tdmq, 2020-02-17, package rocketmq)
// and CMQ's Cmq* actions (the same service and version, package cmq, the
// product the CMQ door serves too: one store) beside it, and RocketMQ 5.x
// (service trocket, 2023-03-08, package trocket). The products never import
// each other; the one place the RocketMQ generations meet,
// DescribeFusionInstanceList listing 4.x clusters beside 5.x instances, is
// wired here.
package tdmq

import (
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/tdmq/rocketmq"
	"github.com/mqmock/mqmock/emulator/tdmq/trocket"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// The two API versions served on this port and the service each selects.
// Action names alone are ambiguous (CreateTopic exists in both), so routing
// is by X-TC-Version, never by host or credential scope.
const (
	VersionTDMQ    = "2020-02-17"
	VersionTRocket = "2023-03-08"
)

// NewDoor assembles the TDMQ front door around RocketMQ 4.x and 5.x and
// the CMQ product cmqProduct, built once for every door that serves it
// (from the cmq configuration section, not this door's). A nil cmqProduct
// gives the door a CMQ store of its own with the default options (a door
// assembled alone, in tests).
//
// The CMQ product stays the CMQ door's: its state and reset are under
// vendor cmq (tdmq-cmq.md §10.6), so it is not among this door's Products.
func NewDoor(env pipeline.Env, cmqProduct *cmq.Product) (*frontdoor.Door, error) {
	opts, err := decodeOptions(env.Options)
	if err != nil {
		return nil, err
	}
	if cmqProduct == nil {
		if cmqProduct, err = cmq.New(pipeline.Env{Clock: env.Clock, Accounts: env.Accounts, Verify: env.Verify, RateLimits: env.RateLimits, Logger: env.Logger}); err != nil {
			return nil, err
		}
	}
	rocketmqProduct, err := rocketmq.New(env, opts.rocketmq())
	if err != nil {
		return nil, err
	}
	trocketProduct, err := trocket.New(env, opts.trocket(), clustersOf(rocketmqProduct))
	if err != nil {
		return nil, err
	}
	fe := tcapi.New(tcapi.Config{
		Door: "tdmq",
		Services: []tcapi.Service{
			{Name: "tdmq", Version: VersionTDMQ, Tables: []*pipeline.Table{rocketmqProduct.Table(), cmqProduct.API3Table()}},
			{Name: "trocket", Version: VersionTRocket, Tables: []*pipeline.Table{trocketProduct.Table()}},
		},
		Catalogue:     apierr.Union("tdmq", tcapi.Common(), tcapi.Extras(), rocketmq.Catalogue(), trocket.Catalogue(), cmq.API3Catalogue()),
		Accounts:      env.Accounts,
		Verify:        env.Verify,
		Regions:       opts.Regions,
		HonorLanguage: opts.HonorLanguage,
		Chinese:       trocket.Chinese(),
	})
	return &frontdoor.Door{
		Frontend: fe,
		Services: []string{"tdmq", "trocket"},
		Tables:   []*pipeline.Table{rocketmqProduct.Table(), trocketProduct.Table(), cmqProduct.API3Table()},
		// The state keys keep the generations' names (GET /_mqmock/state).
		Products: []*frontdoor.Product{
			{Name: "rocketmq4", State: rocketmqProduct.State, Reset: rocketmqProduct.Reset, Save: rocketmqProduct.Save, Load: rocketmqProduct.Load, Value: rocketmqProduct},
			{Name: "rocketmq5", State: trocketProduct.State, Reset: trocketProduct.Reset, Save: trocketProduct.Save, Load: trocketProduct.Load, Value: trocketProduct},
		},
		Control: func(r *gin.RouterGroup) {
			trocketProduct.Control(r.Group("/trocket"))
			rocketmqProduct.Control(r.Group("/rocketmq4"))
		},
		Claims:    tcapi.Claims,
		WrongPort: tcapi.WrongPort(),
	}, nil
}

// clustersOf lists an account's 4.x clusters in a region the way 5.x's
// DescribeFusionInstanceList reports them (tdmq.md §5): Version "4", the
// cluster kind as InstanceType (VIRTUAL, DEDICATED, GENERAL; the values a
// real server reports for 4.x clusters are unconfirmed), postpaid, and the
// VIP status 1 once RUNNING.
func clustersOf(rocketmqProduct *rocketmq.Product) trocket.OtherInstances {
	return clusters{rocketmqProduct}
}

// clusters is 4.x's clusters as 5.x's OtherInstances.
type clusters struct{ product *rocketmq.Product }

// Scan hands 5.x each cluster's key, with a tag accessor made once per
// scan (not per cluster) that reads the cluster being visited.
func (cs clusters) Scan(account, region string, now time.Time, visit func(trocket.OtherKey) bool) int {
	var current rocketmq.ClusterKey
	tags := func() []trocket.Tag { return tagsOf(current.Tags()) }
	return cs.product.ScanClusters(account, region, now, func(k rocketmq.ClusterKey) bool {
		current = k
		return visit(trocket.OtherKey{
			ID: k.ID, Name: k.Name, Version: "4", Type: strings.ToUpper(k.Kind), Status: k.Status, Created: k.Created,
			Tags: tags, Ref: k.Ref,
		})
	})
}

// Render summarises the clusters of keys Scan handed out.
func (cs clusters) Render(keys []trocket.OtherKey, now time.Time) []trocket.OtherInstance {
	refs := make([]rocketmq.ClusterRef, 0, len(keys))
	for _, k := range keys {
		refs = append(refs, k.Ref.(rocketmq.ClusterRef))
	}
	summaries := cs.product.Summaries(refs, now)
	out := make([]trocket.OtherInstance, 0, len(summaries))
	for _, c := range summaries {
		vipStatus := int64(0)
		if c.Status == "RUNNING" {
			vipStatus = 1
		}
		out = append(out, trocket.OtherInstance{
			ID: c.ID, Name: c.Name, Remark: c.Remark, Version: "4", Type: strings.ToUpper(c.Kind), Status: c.Status,
			PayMode: "POSTPAID", TopicNumLimit: int64(c.TopicQuota), GroupNumLimit: int64(c.GroupQuota),
			TopicNum: int64(c.Topics), GroupNum: int64(c.Groups), Tags: tagsOf(c.Tags), SkuCode: c.Spec,
			MessageRetention: c.Retention, MaxMessageDelay: int64(c.MaxDelay / time.Hour), // hours, as 5.x reports it
			IsVip: c.Kind != "virtual", VipStatus: vipStatus, SpecName: c.Spec, NodeCount: c.NodeCount,
			MaxStorage: c.StorageGB, MaxRetention: int64(c.MaxRetention / time.Hour),
			ZoneIDs: c.ZoneIDs, DeletionProtection: c.DeletionProtection, Created: c.Created,
		})
	}
	return out
}

// tagsOf is 4.x tags as 5.x's.
func tagsOf(in []rocketmq.Tag) []trocket.Tag {
	tags := make([]trocket.Tag, 0, len(in))
	for _, t := range in {
		tags = append(tags, trocket.Tag(t))
	}
	return tags
}
