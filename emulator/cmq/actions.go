package cmq

import (
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

// action is one row of the CMQ action table and the parameters the action
// takes (array parameters by their base name), which the optional strict
// mode checks (4000/10320).
type action struct {
	row    pipeline.Action
	params []string
}

// actions is every action the emulator serves (cmq.md §8–§10). The CMQ
// HTTP API has no action the emulator knowingly declines: transaction
// messages (10750–10790) and connection auth (10031/10032) belong to the TCP
// SDK and exist only as fault codes.
func (p *Product) actions() []action {
	queueAttrs := []string{"queueName", "maxMsgHeapNum", "pollingWaitSeconds", "visibilityTimeout", "maxMsgSize", "msgRetentionSeconds", "rewindSeconds", "deadLetterPolicy"}
	return []action{
		{pipeline.Action{Name: "CreateQueue", Handle: p.createQueue}, queueAttrs},
		{pipeline.Action{Name: "ListQueue", Handle: p.listQueue}, []string{"searchWord", "offset", "limit"}},
		{pipeline.Action{Name: "GetQueueAttributes", Handle: p.getQueueAttributes}, []string{"queueName"}},
		{pipeline.Action{Name: "SetQueueAttributes", Handle: p.setQueueAttributes}, queueAttrs},
		{pipeline.Action{Name: "DeleteQueue", Handle: p.deleteQueue}, []string{"queueName"}},
		{pipeline.Action{Name: "RewindQueue", Handle: p.rewindQueue}, []string{"queueName", "startConsumeTime"}},
		{pipeline.Action{Name: "SendMessage", Handle: p.sendMessage}, []string{"queueName", "msgBody", "delaySeconds"}},
		{pipeline.Action{Name: "BatchSendMessage", Handle: p.batchSendMessage}, []string{"queueName", "msgBody", "delaySeconds"}},
		{pipeline.Action{Name: "ReceiveMessage", Handle: p.receiveMessage}, []string{"queueName", "pollingWaitSeconds"}},
		{pipeline.Action{Name: "BatchReceiveMessage", Handle: p.batchReceiveMessage}, []string{"queueName", "numOfMsg", "pollingWaitSeconds"}},
		{pipeline.Action{Name: "DeleteMessage", Handle: p.deleteMessage}, []string{"queueName", "receiptHandle"}},
		{pipeline.Action{Name: "BatchDeleteMessage", Handle: p.batchDeleteMessage}, []string{"queueName", "receiptHandle"}},
		{pipeline.Action{Name: "QueryQueueRoute", Handle: p.queryRoute}, []string{"queueName"}},

		{pipeline.Action{Name: "CreateTopic", Handle: p.createTopic}, []string{"topicName", "maxMsgSize", "filterType"}},
		{pipeline.Action{Name: "SetTopicAttributes", Handle: p.setTopicAttributes}, []string{"topicName", "maxMsgSize"}},
		{pipeline.Action{Name: "GetTopicAttributes", Handle: p.getTopicAttributes}, []string{"topicName"}},
		{pipeline.Action{Name: "ListTopic", Handle: p.listTopic}, []string{"searchWord", "offset", "limit"}},
		{pipeline.Action{Name: "DeleteTopic", Handle: p.deleteTopic}, []string{"topicName"}},
		{pipeline.Action{Name: "PublishMessage", Handle: p.publishMessage}, []string{"topicName", "msgBody", "msgTag", "routingKey"}},
		{pipeline.Action{Name: "BatchPublishMessage", Handle: p.batchPublishMessage}, []string{"topicName", "msgBody", "msgTag", "routingKey"}},
		{pipeline.Action{Name: "QueryTopicRoute", Handle: p.queryRoute}, []string{"topicName"}},

		{pipeline.Action{Name: "Subscribe", Handle: p.subscribe}, []string{"topicName", "subscriptionName", "protocol", "endpoint", "notifyStrategy", "notifyContentFormat", "filterTag", "bindingKey"}},
		{pipeline.Action{Name: "Unsubscribe", Handle: p.unsubscribe}, []string{"topicName", "subscriptionName"}},
		{pipeline.Action{Name: "GetSubscriptionAttributes", Handle: p.getSubscriptionAttributes}, []string{"topicName", "subscriptionName"}},
		{pipeline.Action{Name: "SetSubscriptionAttributes", Handle: p.setSubscriptionAttributes}, []string{"topicName", "subscriptionName", "notifyStrategy", "notifyContentFormat", "filterTag", "bindingKey", "protocol", "endpoint"}},
		{pipeline.Action{Name: "ClearSubscriptionFilterTags", Handle: p.clearSubscriptionFilterTags}, []string{"topicName", "subscriptionName"}},
		{pipeline.Action{Name: "ListSubscriptionByTopic", Handle: p.listSubscriptionByTopic}, []string{"topicName", "searchWord", "offset", "limit"}},
	}
}

// newTable makes the dispatch table (case-insensitive names: the Java SDK
// sends "ClearSUbscriptionFIlterTags") and each action's parameters for
// strict mode.
//
// With rate limits on, every action has the same per-account rate,
// qpsPerAccountAction (no number is documented, so none by default),
// answered with 4480/10460. The table's throttling row stays 4420/10250,
// "qps throttling": what a fault scenario's `throttle:` answers on CMQ
// whatever the limits.
func (p *Product) newTable() (*pipeline.Table, map[string][]string) {
	spec := pipeline.TableSpec{Fold: true, Throttle: errQPSThrottling, RateThrottle: errFrequencyLimit}
	var rate ratelimit.Rate
	if p.opts.RateLimits {
		spec.Now = p.env.Clock.Now
		rate = ratelimit.Per(p.opts.QPSPerAccountAction, time.Second)
	}
	defs := p.actions()
	rows := make([]pipeline.Action, len(defs))
	params := make(map[string][]string, len(defs))
	for i, d := range defs {
		rows[i] = d.row
		if rate.Limited() {
			rows[i].Rate = rate
		}
		params[d.row.Name] = d.params
	}
	return pipeline.NewTable(spec, rows...), params
}

// arrayParams are the parameters sent as name.n (cmq.md §2.3); a malformed
// index on one of them is refused while decoding (10310).
func arrayParams() []string {
	return []string{"msgBody", "receiptHandle", "msgTag", "filterTag", "bindingKey"}
}

// sizedByMessages are the actions whose 1 MiB rule is checked on the decoded
// message bodies first (4470/10300), then on the raw size (10420).
func sizedByMessages() []string { return []string{"BatchSendMessage", "BatchPublishMessage"} }

// admit refuses accounts in states no request can produce (verified calls
// only, after the signature).
func admit(a *account.Account) error {
	switch {
	case a.Flags.ChargeOverdue:
		return errChargeOverdue.New()
	case a.Flags.AssistantAccount:
		return errAssistantAccount.New()
	case a.Flags.NoCAMAuthorization:
		return errNoCAMAuthentication.New()
	}
	return nil
}

// routed runs once the front door knows the action: the queue's or
// topic's rate (4420/10250) is spent before the account's rate for the
// action (the table's, 4480/10460).
func (p *Product) routed(call *pipeline.Call) error {
	return p.store.takeResourceToken(accountOf(call), call.Params["queueName"], call.Params["topicName"])
}

// accountOf names the store tenant a call acts for.
func accountOf(call *pipeline.Call) string {
	if call.Account == nil {
		return ""
	}
	return call.Account.Name
}

// ok is the answer of actions with no fields of their own.
type ok struct{}

// queryRoute answers the TDMQ-CMQ Go SDK's route lookups: the emulator has
// no TCP gateway, so the address list is empty (cmq.md §10.7, unconfirmed).
func (p *Product) queryRoute(call *pipeline.Call) (any, error) {
	return struct {
		Addr []string `json:"addr"`
	}{Addr: []string{}}, nil
}
