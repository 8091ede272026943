package cmq

import (
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// actionDef is one row of the CMQ action table: the action, its handler and
// the parameters it takes (array parameters by their base name), which the
// optional strict mode checks (4000/10320).
type actionDef struct {
	name   string
	handle pipeline.Handler
	params []string
}

// actionDefs is every action the emulator serves (cmq.md §8–§10). The CMQ
// HTTP API has no action the emulator knowingly declines: transaction
// messages (10750–10790) and connection auth (10031/10032) belong to the TCP
// SDK and exist only as fault codes.
func (s *Server) actionDefs() []actionDef {
	queueAttrs := []string{"queueName", "maxMsgHeapNum", "pollingWaitSeconds", "visibilityTimeout", "maxMsgSize", "msgRetentionSeconds", "rewindSeconds", "deadLetterPolicy"}
	return []actionDef{
		{"CreateQueue", s.createQueue, queueAttrs},
		{"ListQueue", s.listQueue, []string{"searchWord", "offset", "limit"}},
		{"GetQueueAttributes", s.getQueueAttributes, []string{"queueName"}},
		{"SetQueueAttributes", s.setQueueAttributes, queueAttrs},
		{"DeleteQueue", s.deleteQueue, []string{"queueName"}},
		{"RewindQueue", s.rewindQueue, []string{"queueName", "startConsumeTime"}},
		{"SendMessage", s.sendMessage, []string{"queueName", "msgBody", "delaySeconds"}},
		{"BatchSendMessage", s.batchSendMessage, []string{"queueName", "msgBody", "delaySeconds"}},
		{"ReceiveMessage", s.receiveMessage, []string{"queueName", "pollingWaitSeconds"}},
		{"BatchReceiveMessage", s.batchReceiveMessage, []string{"queueName", "numOfMsg", "pollingWaitSeconds"}},
		{"DeleteMessage", s.deleteMessage, []string{"queueName", "receiptHandle"}},
		{"BatchDeleteMessage", s.batchDeleteMessage, []string{"queueName", "receiptHandle"}},
		{"QueryQueueRoute", s.queryRoute, []string{"queueName"}},

		{"CreateTopic", s.createTopic, []string{"topicName", "maxMsgSize", "filterType"}},
		{"SetTopicAttributes", s.setTopicAttributes, []string{"topicName", "maxMsgSize"}},
		{"GetTopicAttributes", s.getTopicAttributes, []string{"topicName"}},
		{"ListTopic", s.listTopic, []string{"searchWord", "offset", "limit"}},
		{"DeleteTopic", s.deleteTopic, []string{"topicName"}},
		{"PublishMessage", s.publishMessage, []string{"topicName", "msgBody", "msgTag", "routingKey"}},
		{"BatchPublishMessage", s.batchPublishMessage, []string{"topicName", "msgBody", "msgTag", "routingKey"}},
		{"QueryTopicRoute", s.queryRoute, []string{"topicName"}},

		{"Subscribe", s.subscribe, []string{"topicName", "subscriptionName", "protocol", "endpoint", "notifyStrategy", "notifyContentFormat", "filterTag", "bindingKey"}},
		{"Unsubscribe", s.unsubscribe, []string{"topicName", "subscriptionName"}},
		{"GetSubscriptionAttributes", s.getSubscriptionAttributes, []string{"topicName", "subscriptionName"}},
		{"SetSubscriptionAttributes", s.setSubscriptionAttributes, []string{"topicName", "subscriptionName", "notifyStrategy", "notifyContentFormat", "filterTag", "bindingKey", "protocol", "endpoint"}},
		{"ClearSubscriptionFilterTags", s.clearSubscriptionFilterTags, []string{"topicName", "subscriptionName"}},
		{"ListSubscriptionByTopic", s.listSubscriptionByTopic, []string{"topicName", "searchWord", "offset", "limit"}},
	}
}

// buildActions makes the dispatch table (case-insensitive names) and the
// per-action parameter lists for strict mode.
func (s *Server) buildActions() {
	defs := s.actionDefs()
	rows := make([]pipeline.Action, len(defs))
	s.params = map[string][]string{}
	for i, d := range defs {
		rows[i] = pipeline.Action{Name: d.name, Handle: d.handle}
		s.params[d.name] = d.params
	}
	s.actions = pipeline.NewTable(pipeline.TableSpec{Fold: true, Throttle: ErrQPSThrottling}, rows...)
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
		return ErrChargeOverdue.New()
	case a.Flags.AssistantAccount:
		return ErrAssistantAccount.New()
	case a.Flags.NoCAMAuthorization:
		return ErrNoCAMAuthentication.New()
	}
	return nil
}

// routed applies the rate limits once the action is known.
func (s *Server) routed(call *pipeline.Call) error {
	if err := s.limits.check(call); err != nil {
		return err
	}
	return nil
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
func (s *Server) queryRoute(call *pipeline.Call) (any, error) {
	return struct {
		Addr []string `json:"addr"`
	}{Addr: []string{}}, nil
}
