package ons

import (
	"context"
	"fmt"
	"strconv"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// seed creates every account's declared topics, then groups
// (accounts[].resources.ons), through OnsTopicCreate's and OnsGroupCreate's
// own handlers, so the same checks and store rules apply as to a request.
// The first refusal is one line naming the entry.
func (p *Product) seed(accounts []*account.Account) error {
	for i, a := range accounts {
		for j, t := range a.Resources.ONS.Topics {
			in := map[string]string{"InstanceId": t.InstanceID, "Topic": t.Topic, "MessageType": strconv.FormatInt(t.MessageType, 10)}
			if t.Remark != "" {
				in["Remark"] = t.Remark
			}
			if _, err := p.topicCreate(p.seedCall(a, "OnsTopicCreate", in)); err != nil {
				return fmt.Errorf("config: accounts[%d].resources.ons.topics[%d] (%s): %v", i, j, t.Topic, err)
			}
		}
		for j, g := range a.Resources.ONS.Groups {
			in := map[string]string{"InstanceId": g.InstanceID, "GroupId": g.GroupID}
			if g.GroupType != "" {
				in["GroupType"] = g.GroupType
			}
			if g.Remark != "" {
				in["Remark"] = g.Remark
			}
			if _, err := p.groupCreate(p.seedCall(a, "OnsGroupCreate", in)); err != nil {
				return fmt.Errorf("config: accounts[%d].resources.ons.groups[%d] (%s): %v", i, j, g.GroupID, err)
			}
		}
	}
	return nil
}

// seedCall is a request from the account a, as the front door would hand
// it to the action.
func (p *Product) seedCall(a *account.Account, action string, params map[string]string) *pipeline.Call {
	return &pipeline.Call{Ctx: context.Background(), Vendor: "ons", Service: "ons", Action: action,
		Params: params, Account: a, Received: p.clock.Now()}
}
