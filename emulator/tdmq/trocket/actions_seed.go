package trocket

import (
	"fmt"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// seedRegion is the region of a declared instance that names none: the one
// answers name for a call without X-TC-Region, and the SDK examples' region.
const seedRegion = "ap-guangzhou"

// seedVPC is the VpcList of a declared instance that lists none: the API
// wants one, and an emulator has no VPC a user could name.
var seedVPC = []map[string]any{{"VpcId": "vpc-mqmock01", "SubnetId": "subnet-mqmock01"}}

// seedMaxRetryTimes is a declared group's MaxRetryTimes when not given:
// RocketMQ's default of 16 retries.
const seedMaxRetryTimes = 16

// seed creates every account's declared 5.x resources
// (accounts[].resources.rocketmq5) through the actions' own handlers, so
// the same parameter checks and store rules apply as to a request:
// instances (then given their declared ids and RUNNING), topics, consumer
// groups. A topic or group is created in the region of the declared
// instance it names. The first refusal is one line naming the entry.
func (g *Product) seed() error {
	if g.accounts == nil {
		return nil
	}
	for i, a := range g.accounts.All() {
		r := a.Resources.TRocket
		regions := map[string]string{} // declared instance id → region
		for j, d := range r.Instances {
			region := d.Region
			if region == "" {
				region = seedRegion
			}
			in := map[string]any{"InstanceType": d.InstanceType, "Name": d.Name, "SkuCode": d.SkuCode, "VpcList": seedVPC}
			if len(d.VpcList) > 0 {
				vpcs := make([]map[string]any, len(d.VpcList))
				for k, v := range d.VpcList {
					vpcs[k] = map[string]any{"VpcId": v.VpcID, "SubnetId": v.SubnetID}
				}
				in["VpcList"] = vpcs
			}
			tcapi.OptionalString(in, "Remark", d.Remark)
			tcapi.Optional(in, "MessageRetention", d.MessageRetention)
			res, err := g.seedCall(a, region, "CreateInstance", in, g.createInstance)
			if err == nil {
				err = g.store.declareInstance(res.(createInstanceResp).InstanceId, d.InstanceID)
			}
			if err != nil {
				return seedError(i, "instances", j, d.InstanceID, err)
			}
			regions[d.InstanceID] = region
		}
		regionOf := func(instance string) string {
			if r, ok := regions[instance]; ok {
				return r
			}
			return seedRegion // not declared: the API's not-found names it
		}
		for j, t := range r.Topics {
			in := map[string]any{"InstanceId": t.InstanceID, "Topic": t.Topic, "TopicType": t.TopicType}
			tcapi.Optional(in, "QueueNum", t.QueueNum)
			tcapi.OptionalString(in, "Remark", t.Remark)
			if _, err := g.seedCall(a, regionOf(t.InstanceID), "CreateTopic", in, g.createTopic); err != nil {
				return seedError(i, "topics", j, t.InstanceID+"/"+t.Topic, err)
			}
		}
		for j, gr := range r.Groups {
			retries := int64(seedMaxRetryTimes)
			if gr.MaxRetryTimes != nil {
				retries = *gr.MaxRetryTimes
			}
			in := map[string]any{"InstanceId": gr.InstanceID, "ConsumerGroup": gr.ConsumerGroup, "MaxRetryTimes": retries,
				"ConsumeEnable": gr.ConsumeEnable == nil || *gr.ConsumeEnable, "ConsumeMessageOrderly": gr.ConsumeMessageOrderly}
			tcapi.OptionalString(in, "Remark", gr.Remark)
			if _, err := g.seedCall(a, regionOf(gr.InstanceID), "CreateConsumerGroup", in, g.createConsumerGroup); err != nil {
				return seedError(i, "groups", j, gr.InstanceID+"/"+gr.ConsumerGroup, err)
			}
		}
	}
	return nil
}

// seedCall runs the handler h (wrapped as the action table wraps it) on a
// request from the account a in region, its parameters as the JSON body the
// front door would have decoded.
func (g *Product) seedCall(a *account.Account, region, action string, params map[string]any, h handler) (any, error) {
	call, err := tcapi.JSONCall(tcapi.LocalCall{Vendor: "tdmq", Service: "trocket", Version: "2023-03-08", Action: action,
		Region: region, Account: a, Params: params, Now: g.clock.Now()})
	if err != nil {
		return nil, err
	}
	return g.wrap(h)(call)
}

func seedError(acct int, kind string, i int, name string, err error) error {
	return fmt.Errorf("config: accounts[%d].resources.rocketmq5.%s[%d] (%s): %v", acct, kind, i, name, err)
}
