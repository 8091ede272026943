package cmq

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// seed creates every account's declared resources (accounts[].resources.cmq)
// through the legacy API's own actions, so the same parameter checks and
// store rules apply as to a CreateQueue, CreateTopic or Subscribe request:
// queues first, then their dead-letter policies (SetQueueAttributes, once
// every dead-letter queue a policy may name exists), then topics, then
// subscriptions. The first refusal is one line naming the entry.
func (p *Product) seed() error {
	for i, a := range p.env.Accounts.All() {
		r := a.Resources.CMQ
		for j, q := range r.Queues {
			in := map[string]string{"queueName": q.Name}
			for _, f := range []struct {
				name string
				v    *int64
			}{
				{"maxMsgHeapNum", q.MaxMsgHeapNum}, {"pollingWaitSeconds", q.PollingWaitSeconds}, {"visibilityTimeout", q.VisibilityTimeout},
				{"maxMsgSize", q.MaxMsgSize}, {"msgRetentionSeconds", q.MsgRetentionSeconds}, {"rewindSeconds", q.RewindSeconds},
			} {
				putInt(in, f.name, f.v)
			}
			if _, err := p.createQueue(p.seedCall(a, "CreateQueue", in)); err != nil {
				return seedError(i, "queues", j, q.Name, err)
			}
		}
		for j, q := range r.Queues {
			if q.DeadLetterPolicy == nil {
				continue
			}
			in := map[string]string{"queueName": q.Name, "deadLetterPolicy": deadLetterParam(q.DeadLetterPolicy)}
			if _, err := p.setQueueAttributes(p.seedCall(a, "SetQueueAttributes", in)); err != nil {
				return seedError(i, "queues", j, q.Name+" deadLetterPolicy", err)
			}
		}
		for j, t := range r.Topics {
			in := map[string]string{"topicName": t.Name}
			putInt(in, "maxMsgSize", t.MaxMsgSize)
			putInt(in, "filterType", t.FilterType)
			if _, err := p.createTopic(p.seedCall(a, "CreateTopic", in)); err != nil {
				return seedError(i, "topics", j, t.Name, err)
			}
		}
		for j, s := range r.Subscriptions {
			in := map[string]string{"topicName": s.Topic, "subscriptionName": s.Name, "protocol": s.Protocol, "endpoint": s.Endpoint}
			putStr(in, "notifyStrategy", s.NotifyStrategy)
			putStr(in, "notifyContentFormat", s.NotifyContentFormat)
			for k, tag := range s.FilterTags {
				in["filterTag."+strconv.Itoa(k)] = tag
			}
			for k, key := range s.BindingKeys {
				in["bindingKey."+strconv.Itoa(k)] = key
			}
			if _, err := p.subscribe(p.seedCall(a, "Subscribe", in)); err != nil {
				return seedError(i, "subscriptions", j, s.Topic+"/"+s.Name, err)
			}
		}
	}
	return nil
}

// seedCall is a request from the account a, as the front door would hand
// it to the action.
func (p *Product) seedCall(a *account.Account, action string, params map[string]string) *pipeline.Call {
	return &pipeline.Call{Ctx: context.Background(), Vendor: "cmq", Service: "cmq", Action: action,
		Params: params, Account: a, Received: p.env.Clock.Now()}
}

// deadLetterParam is the policy as SetQueueAttributes' deadLetterPolicy
// parameter (a JSON object), its limits left out when not declared so the
// API's own range check judges what was written.
func deadLetterParam(d *account.CMQDeadLetterPolicy) string {
	v := map[string]any{"deadLetterQueue": d.DeadLetterQueue, "policy": d.Policy}
	if d.MaxReceiveCount != nil {
		v["maxReceiveCount"] = *d.MaxReceiveCount
	}
	if d.MaxTimeToLive != nil {
		v["maxTimeToLive"] = *d.MaxTimeToLive
	}
	b, _ := json.Marshal(v) // plain values: cannot fail
	return string(b)
}

func putInt(in map[string]string, name string, v *int64) {
	if v != nil {
		in[name] = strconv.FormatInt(*v, 10)
	}
}

func putStr(in map[string]string, name, v string) {
	if v != "" {
		in[name] = v
	}
}

func seedError(acct int, kind string, i int, name string, err error) error {
	return fmt.Errorf("config: accounts[%d].resources.cmq.%s[%d] (%s): %v", acct, kind, i, name, err)
}
