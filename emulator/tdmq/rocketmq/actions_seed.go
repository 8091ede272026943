package rocketmq

import (
	"fmt"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// seedRegion is the region of a declared cluster that names none: the one
// answers name for a call without X-TC-Region, and the SDK examples' region.
const seedRegion = defaultRegion

// seed creates every account's declared 4.x resources
// (accounts[].resources.rocketmq4) through the actions' own handlers, so
// the same parameter checks and store rules apply as to a request:
// clusters (then given their declared ids and RUNNING), namespaces, topics,
// groups. A namespace, topic or group is created in the region of the
// declared cluster it names. The first refusal is one line naming the entry.
func (g *Product) seed() error {
	if g.accounts == nil {
		return nil
	}
	for i, a := range g.accounts.All() {
		r := a.Resources.RocketMQ
		regions := map[string]string{} // declared cluster id → region
		for j, c := range r.Clusters {
			region := c.Region
			if region == "" {
				region = seedRegion
			}
			in := map[string]any{"Name": c.Name}
			tcapi.OptionalString(in, "Remark", c.Remark)
			res, err := g.seedCall(a, region, "CreateRocketMQCluster", in, g.createRocketMQCluster)
			if err == nil {
				err = g.store.declareCluster(res.(clusterIDResponse).ClusterId, c.ClusterID)
			}
			if err != nil {
				return seedError(i, "clusters", j, c.ClusterID, err)
			}
			regions[c.ClusterID] = region
		}
		regionOf := func(cluster string) string {
			if r, ok := regions[cluster]; ok {
				return r
			}
			return seedRegion // not declared: the API's not-found names it
		}
		for j, n := range r.Namespaces {
			in := map[string]any{"ClusterId": n.ClusterID, "NamespaceId": n.NamespaceID}
			tcapi.Optional(in, "Ttl", n.Ttl)
			tcapi.Optional(in, "RetentionTime", n.RetentionTime)
			tcapi.OptionalString(in, "Remark", n.Remark)
			if _, err := g.seedCall(a, regionOf(n.ClusterID), "CreateRocketMQNamespace", in, g.createRocketMQNamespace); err != nil {
				return seedError(i, "namespaces", j, n.ClusterID+"/"+n.NamespaceID, err)
			}
		}
		for j, t := range r.Topics {
			in := map[string]any{"ClusterId": t.ClusterID, "Namespace": t.Namespace, "Topic": t.Topic, "Type": t.Type}
			tcapi.Optional(in, "PartitionNum", t.PartitionNum)
			tcapi.OptionalString(in, "Remark", t.Remark)
			if _, err := g.seedCall(a, regionOf(t.ClusterID), "CreateRocketMQTopicV2", in, g.createRocketMQTopicV2); err != nil {
				return seedError(i, "topics", j, t.ClusterID+"/"+t.Namespace+"/"+t.Topic, err)
			}
		}
		for j, gr := range r.Groups {
			read := gr.ReadEnable == nil || *gr.ReadEnable
			in := map[string]any{"ClusterId": gr.ClusterID, "Namespace": gr.Namespace, "GroupId": gr.GroupID,
				"ReadEnable": read, "BroadcastEnable": gr.BroadcastEnable}
			tcapi.OptionalString(in, "GroupType", gr.GroupType)
			tcapi.Optional(in, "RetryMaxTimes", gr.RetryMaxTimes)
			tcapi.OptionalString(in, "Remark", gr.Remark)
			if _, err := g.seedCall(a, regionOf(gr.ClusterID), "CreateRocketMQGroupV2", in, g.createRocketMQGroupV2); err != nil {
				return seedError(i, "groups", j, gr.ClusterID+"/"+gr.Namespace+"/"+gr.GroupID, err)
			}
		}
	}
	return nil
}

// seedCall runs the handler h (wrapped as the action table wraps it) on a
// request from the account a in region, its parameters as the JSON body the
// front door would have decoded.
func (g *Product) seedCall(a *account.Account, region, action string, params map[string]any, h handler) (any, error) {
	call, err := tcapi.JSONCall(tcapi.LocalCall{Vendor: "tdmq", Service: "tdmq", Version: "2020-02-17", Action: action,
		Region: region, Account: a, Params: params, Now: g.clock.Now()})
	if err != nil {
		return nil, err
	}
	return g.wrap(h)(call)
}

func seedError(acct int, kind string, i int, name string, err error) error {
	return fmt.Errorf("config: accounts[%d].resources.rocketmq4.%s[%d] (%s): %v", acct, kind, i, name, err)
}
