package cmq_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// faultOn is a test fault hook: calls of one action answer one catalogue
// row, the way the fault engine's `error:` effect will.
type faultOn struct {
	action string
	def    *apierr.Def
}

func (f faultOn) Apply(call *pipeline.Call) *pipeline.Effect {
	if strings.EqualFold(call.Action, f.action) {
		return &pipeline.Effect{Rule: "test-" + f.def.Name, Err: f.def.New()}
	}
	return nil
}

// seedFixture holds the emulators the seed rows run against: main for
// most rows, limited (small quotas, strict parameters) for the limit rows,
// flagged (accounts in states no request can produce) for the flag rows.
type seedFixture struct {
	main, limited, flagged *emutest.Env
	c, lim                 *cmqclient.Client
	// limOther is the limited emulator's second account, for rows that
	// need a small quota other than the one they test.
	limOther *cmqclient.Client
}

func newSeedFixture(t *testing.T) *seedFixture {
	f := &seedFixture{}
	f.main = emutest.Start(t)
	f.limited = emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"maxQueues": 2, "maxTopics": 2, "maxSubscriptionsPerTopic": 1,
			"maxInflight": 1, "minMaxMsgHeapNum": 1, "strictParameters": true}
	}))
	f.flagged = emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		acct := func(name string, fl config.Flags, disabled bool) config.Account {
			return config.Account{Name: name, Tencent: config.Tencent{SecretID: "AKID" + name, SecretKey: "key-" + name, AppID: 1250000100, Disabled: disabled}, Flags: fl}
		}
		c.Accounts = []config.Account{
			acct("disabled", config.Flags{}, true),
			acct("overdue", config.Flags{ChargeOverdue: true}, false),
			acct("assistant", config.Flags{AssistantAccount: true}, false),
			acct("nocam", config.Flags{NoCAMAuthorization: true}, false),
		}
	}))
	f.c = clientFor(f.main, f.main.Default)
	f.lim = clientFor(f.limited, f.limited.Default)
	f.limOther = clientFor(f.limited, f.limited.Other)
	return f
}

func (f *seedFixture) flaggedClient(name string) *cmqclient.Client {
	return cmqclient.New(f.flagged.URL("cmq"), "AKID"+name, "key-"+name)
}

// fault installs a one-action fault on the main emulator for one call.
func (f *seedFixture) fault(t *testing.T, action string, def *apierr.Def, p *cmqclient.Params) *cmqclient.Error {
	f.main.SetFaultHook(faultOn{action, def})
	defer f.main.SetFaultHook(nil)
	return callErr(t, f.c, action, p)
}

// raw sends a hand-made request to the main emulator.
func (f *seedFixture) raw(t *testing.T, method, body string, pairs []cmqclient.Pair) *cmqclient.Error {
	if pairs != nil {
		body = cmqclient.Encode(pairs)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, f.main.URL("cmq")+cmqclient.DefaultPath, strings.NewReader(body))
	require.NoError(t, err)
	_, err = f.c.Do(req)
	e, ok := err.(*cmqclient.Error)
	require.True(t, ok, "want a CMQ error, got %v", err)
	return e
}

// seedRow drives one documented row through the emulator.
type seedRow struct {
	def     *apierr.Def
	code    int
	module  string
	message string
	run     func(t *testing.T, f *seedFixture) *cmqclient.Error
}

func n(i int) string { return strconv.Itoa(i) }

// row is the catalogue's row of that name; a missing one is a broken test.
func row(name string) *apierr.Def {
	d, ok := cmq.Catalogue().ByName(name)
	if !ok {
		panic("no CMQ row " + name)
	}
	return d
}

func tags(k int, prefix string) []string {
	out := make([]string, k)
	for i := range out {
		out[i] = prefix + n(i)
	}
	return out
}

// seedRows is one row per documented error (cmq.md §13.1), each by the
// condition the spec names; resource names are unique per row.
func seedRows() []seedRow {
	P := cmqclient.P
	return []seedRow{
		// Common
		{row("InvalidRequestParameters"), 4000, "10000", "invalid request parameters", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.raw(t, http.MethodPost, "Action=ListQueue&x=%G0", nil)
		}},
		{row("LackedRequiredParameters"), 4000, "10010", "lacked of required parameters", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.raw(t, http.MethodPost, "", without(signedPairs(f.c, "POST", "ListQueue", nil), "Nonce"))
		}},
		{row("RequestParametersError"), 4000, "10110", "request parameters error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateTopic", P("topicName", "t10110", "filterType", "3"))
		}},
		{row("ActionNotExisted"), 4000, "10280", "action is not existed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.raw(t, http.MethodPost, "", f.c.Sign("POST", f.c.Common(nil)))
		}},
		{row("ParameterKeyFormatError"), 4000, "10310", "error: parameter msgBody.x key format error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "BatchSendMessage", P("queueName", "q10310", "msgBody.x", "a"))
		}},
		{row("NoSuchParameter"), 4000, "10320", "no such parameter colour", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.lim, "ListQueue", P("colour", "blue"))
		}},
		{row("ParameterNotRepeatable"), 4000, "10330", "parameter queueName is NOT a repeatable parameter", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateQueue", P("queueName", "a", "queueName", "b"))
		}},
		{row("ParameterOutOfRange"), 4000, "10350", "parameter visibilityTimeout value or length is out of range", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateQueue", P("queueName", "q10350", "visibilityTimeout", "0"))
		}},
		{row("ParameterErrorType"), 4000, "10360", "parameter visibilityTimeout error type", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateQueue", P("queueName", "q10360", "visibilityTimeout", "thirty"))
		}},
		{row("BatchSizeOutOfRange"), 4000, "10370", "msgBody parameter batch size is out of range", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "BatchSendMessage", P("queueName", "q10370").List("msgBody", tags(17, "m")...))
		}},
		{row("ParameterNotConsequent"), 4000, "10380", "msgBody parameter is not consequent", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "BatchSendMessage", P("queueName", "q10380", "msgBody.1", "a", "msgBody.3", "b"))
		}},
		{row("LackedRequiredParameter"), 4000, "10390", "lacked of required parameter queueName", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateQueue", nil)
		}},
		{row("CannotFindParameterInURI"), 4000, "10400", "cannot find parameter Action in uri", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.raw(t, http.MethodGet, "", nil)
		}},
		{row("UnexpectedHTTPMethod"), 4000, "10410", "unexpected http PATCH only GET or POST is supported", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.raw(t, http.MethodPatch, "", signedPairs(f.c, "POST", "ListQueue", nil))
		}},
		{row("CannotParseRequest"), 4000, "10420", "cannot parse request, or request size is more than 1MB", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "SendMessage", P("queueName", "q10420", "msgBody", repeat("x", 1<<20)))
		}},
		{row("ActionNameNotExisted"), 4000, "10430", "action name PeekMessage is not existed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "PeekMessage", nil)
		}},
		{row("AssistantAccount"), 4000, "10440", "account illegal, it may be an assistant account", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.flaggedClient("assistant"), "ListQueue", nil)
		}},
		{row("NoCAMAuthentication"), 4000, "10461", "no cam authentication", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.flaggedClient("nocam"), "ListQueue", nil)
		}},
		{row("AuthenticationFailed"), 4100, "10030", "authentication failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, cmqclient.New(f.main.URL("cmq"), f.main.Default.Tencent.SecretID, "guess"), "ListQueue", nil)
		}},
		{row("SecretIDStatusError"), 4100, "10080", "secret id status error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.flaggedClient("disabled"), "ListQueue", nil)
		}},
		{row("SecretIDNotExisted"), 4100, "10270", "secret id is not existed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, cmqclient.New(f.main.URL("cmq"), "AKIDnobody", "x"), "ListQueue", nil)
		}},
		{row("ChargeOverdue"), 4300, "10040", "charge overdue", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.flaggedClient("overdue"), "ListQueue", nil)
		}},
		{row("QPSThrottling"), 4420, "10250", "qps throttling", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SendMessage", row("QPSThrottling"), P("queueName", "q", "msgBody", "m"))
		}},
		{row("FrequencyLimit"), 4480, "10460", "exceed interface frequency limit, please slow down", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "ListQueue", row("FrequencyLimit"), nil)
		}},
		{row("ServerInternalError"), 6000, "10050", "server internal error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "ListTopic", row("ServerInternalError"), nil)
		}},

		// Queue common
		{row("SecretIDNotAKID"), 4000, "10450", "secret id dosen't begin with AKID", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, cmqclient.New(f.main.URL("cmq"), "LTAImqmock0000000000001", "x"), "ListQueue", nil)
		}},
		{row("QueueNotExisted"), 4000, "10100", "queue is not existed, or deleted", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "SendMessage", P("queueName", "nowhere", "msgBody", "m"))
		}},
		{row("DelaySecondsOutOfRange"), 4000, "10692", "delay seconds is out of range", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10692")
			return callErr(t, f.c, "SendMessage", P("queueName", "q10692", "msgBody", "m", "delaySeconds", "3601"))
		}},
		{row("QueueRecreateLockout"), 6040, "10660", "it will take some time to release resources of previous queue before you create a new one with the same name, please try later", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10660")
			call(t, f.c, "DeleteQueue", P("queueName", "q10660"))
			return callErr(t, f.c, "CreateQueue", P("queueName", "Q10660"))
		}},
		{row("QueueCannotRewind"), 6050, "10670", "your queue cannot be rewinded", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10670")
			return callErr(t, f.c, "RewindQueue", P("queueName", "q10670", "startConsumeTime", "1700000000"))
		}},

		// Topic common
		{row("FilterTagNumberExceedLimit"), 4000, "10490", "number of filterTag exceed limit", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			httpSub(t, f.c, "t10490", "s")
			return callErr(t, f.c, "SetSubscriptionAttributes", P("topicName", "t10490", "subscriptionName", "s").List("filterTag", tags(6, "x")...))
		}},
		{row("EndpointFormatError"), 4000, "10500", "endpoint format error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10500"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10500", "subscriptionName", "s", "protocol", "http", "endpoint", "https://example.com/x"))
		}},
		{row("UndefinedProtocol"), 4000, "10510", "undefined protocol", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10510"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10510", "subscriptionName", "s", "protocol", "smtp", "endpoint", "a@b"))
		}},
		{row("TopicHasSubscriptions"), 4000, "10540", "there exists subscriptions under this topic, please unsubscribe all of them before DeleteTopic", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			httpSub(t, f.c, "t10540", "s")
			return callErr(t, f.c, "DeleteTopic", P("topicName", "t10540"))
		}},
		{row("TopicNameFormatError"), 4000, "10590", "topic name format error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateTopic", P("topicName", "9lives"))
		}},
		{row("SubscriptionNameFormatError"), 4000, "10590", "subscription name format error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10590"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10590", "subscriptionName", "sub_1", "protocol", "http", "endpoint", "http://example.com/"))
		}},
		{row("IllegalEndpoint"), 4000, "10630", "illegal endpoint", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10630"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10630", "subscriptionName", "s", "protocol", "queue", "endpoint", "no-such-queue"))
		}},
		{row("NotifyContentFormatMustBeSimplified"), 4000, "10640", "notifyContentFormat of protocol queue must be SIMPLIFIED", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10640"))
			createQueue(t, f.c, "q10640")
			return callErr(t, f.c, "Subscribe", P("topicName", "t10640", "subscriptionName", "s", "protocol", "queue", "endpoint", "q10640",
				"notifyStrategy", "BACKOFF_RETRY", "notifyContentFormat", "JSON"))
		}},
		{row("TooManyFilterTag"), 4000, "10670", "too many filterTag", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10670"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10670", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/").List("filterTag", tags(6, "x")...))
		}},
		{row("LackOfBindingKey"), 4000, "10710", "parameters lack of bindingKey", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10710", "filterType", "2"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10710", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/"))
		}},
		{row("TopicNotExisted"), 4000, "10600", "topic is not existed, or deleted", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "PublishMessage", P("topicName", "nowhere", "msgBody", "m"))
		}},
		{row("TopicNumberLimit"), 4450, "10610", "number of topics has reached the limit", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.lim, "CreateTopic", P("topicName", "t1"))
			call(t, f.lim, "CreateTopic", P("topicName", "t2"))
			return callErr(t, f.lim, "CreateTopic", P("topicName", "t3"))
		}},
		{row("SubscriptionAlreadyExisted"), 4490, "10470", "subscribtion is already existed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			httpSub(t, f.c, "t4490", "s")
			return callErr(t, f.c, "Subscribe", P("topicName", "t4490", "subscriptionName", "S", "protocol", "http", "endpoint", "http://example.com/"))
		}},
		{row("SubscriptionNumberLimit"), 4500, "10480", "number of subscription has reached the limit", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			httpSub(t, f.limOther, "t10480", "s1")
			return callErr(t, f.limOther, "Subscribe", P("topicName", "t10480", "subscriptionName", "s2", "protocol", "http", "endpoint", "http://example.com/"))
		}},
		{row("URLContainsBlank"), 4510, "10570", "url connot contain any blank characters", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10570"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10570", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/a b"))
		}},
		{row("TopicRecreateLockout"), 6040, "10660", "It will take some time to release resources of previous topic before you can create a new topic with the same name. Please try later.", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10660"))
			call(t, f.c, "DeleteTopic", P("topicName", "t10660"))
			return callErr(t, f.c, "CreateTopic", P("topicName", "t10660"))
		}},

		// Module
		{row("QueueAlreadyExisted"), 4000, "4460", "queue is already existed,case insensitive", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q4460")
			return callErr(t, f.c, "CreateQueue", P("queueName", "Q4460"))
		}},
		{row("QueueNameFormatError"), 4000, "10020", "queue name format error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return callErr(t, f.c, "CreateQueue", P("queueName", "queue.with.dots"))
		}},
		{row("MessageBodyEmpty"), 4000, "10120", "message body can't be empty", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10120")
			return callErr(t, f.c, "SendMessage", P("queueName", "q10120", "msgBody", ""))
		}},
		{row("ReceiptHandleError"), 4000, "10470", "receiptHandle error", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10470")
			return callErr(t, f.c, "DeleteMessage", P("queueName", "q10470", "receiptHandle", "not-a-handle"))
		}},
		{row("UndefinedNotifyStrategy"), 4000, "10520", "undefined notify retry stragety", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10520"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10520", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/", "notifyStrategy", "RETRY_FOREVER"))
		}},
		{row("UndefinedNotifyContentFormat"), 4000, "10530", "undefined notify content format", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10530"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10530", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/", "notifyContentFormat", "XML"))
		}},
		{row("TooManyBindingKey"), 4000, "10680", "too many bindingKey", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10680", "filterType", "2"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10680", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/").List("bindingKey", tags(6, "k")...))
		}},
		{row("TooManyDelimiters"), 4000, "10691", "too many delimeters", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			routingSub(t, f.c, "t10691", "s", "#")
			return callErr(t, f.c, "PublishMessage", P("topicName", "t10691", "msgBody", "m", "routingKey", repeat("a.", 16)+"a"))
		}},
		{row("LackOfRoutingKey"), 4000, "10700", "parameters lack of routingKey", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			routingSub(t, f.c, "t10700", "s", "#")
			return callErr(t, f.c, "PublishMessage", P("topicName", "t10700", "msgBody", "m"))
		}},
		{row("TooManyMsgTag"), 4000, "10720", "too many msgTag", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			httpSub(t, f.c, "t10720", "s")
			return callErr(t, f.c, "PublishMessage", P("topicName", "t10720", "msgBody", "m").List("msgTag", tags(6, "x")...))
		}},
		{row("ConnectionNotAuthenticated"), 4100, "10031", "connection is not authenticated", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "ListQueue", row("ConnectionNotAuthenticated"), nil)
		}},
		{row("ConnectionAlreadyAuthenticated"), 4100, "10032", "connection is already authenticated", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "ListQueue", row("ConnectionAlreadyAuthenticated"), nil)
		}},
		{row("MessageSizeExceeded"), 4400, "10230", "exceed maximum message size", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10230", "maxMsgSize", "1024")
			return callErr(t, f.c, "SendMessage", P("queueName", "q10230", "msgBody", repeat("x", 1025)))
		}},
		{row("RetentionNumberReached"), 4410, "10240", "reach maximum retention number of message", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.limOther, "q10240", "maxMsgHeapNum", "1")
			call(t, f.limOther, "SendMessage", P("queueName", "q10240", "msgBody", "1"))
			return callErr(t, f.limOther, "SendMessage", P("queueName", "q10240", "msgBody", "2"))
		}},
		{row("ReceiptHandleInvalid"), 4430, "10260", "receipt handle is invalid", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10260")
			return callErr(t, f.c, "DeleteMessage", P("queueName", "q10260", "receiptHandle", "12345"))
		}},
		{row("QueueNumberLimit"), 4450, "10220", "number of queues has reached the limit", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.lim, "q1")
			createQueue(t, f.lim, "q2")
			return callErr(t, f.lim, "CreateQueue", P("queueName", "q3-over"))
		}},
		{row("TotalMessageSizeExceeded"), 4470, "10300", "total message size exceed 1MB", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10300", "maxMsgSize", "1048576")
			return callErr(t, f.c, "BatchSendMessage", P("queueName", "q10300").List("msgBody", repeat("a", 600<<10), repeat("b", 600<<10)))
		}},
		{row("MessageIDInvalid"), 4490, "10770", "message id is invalid", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SendMessage", row("MessageIDInvalid"), P("queueName", "q", "msgBody", "m"))
		}},
		{row("MessageOperationNotAllowed"), 4490, "10780", "message operation is not allowed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SendMessage", row("MessageOperationNotAllowed"), P("queueName", "q", "msgBody", "m"))
		}},
		{row("TransactionMessageNotSupported"), 4490, "10790", "transaction message is not supported", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SendMessage", row("TransactionMessageNotSupported"), P("queueName", "q", "msgBody", "m"))
		}},
		{row("SendMessageFailed"), 6000, "10090", "send message failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SendMessage", row("SendMessageFailed"), P("queueName", "q", "msgBody", "m"))
		}},
		{row("ReceiveMessageFailed"), 6000, "10130", "recieve message failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "ReceiveMessage", row("ReceiveMessageFailed"), P("queueName", "q"))
		}},
		{row("DeleteMessageFailed"), 6000, "10140", "delete message failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "DeleteMessage", row("DeleteMessageFailed"), P("queueName", "q", "receiptHandle", "1"))
		}},
		{row("DeleteMessagePartiallyFailed"), 6010, "10150", "delete message partially failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10150")
			call(t, f.c, "SendMessage", P("queueName", "q10150", "msgBody", "m"))
			h := field[string](t, call(t, f.c, "ReceiveMessage", P("queueName", "q10150")), "receiptHandle")
			return callErr(t, f.c, "BatchDeleteMessage", P("queueName", "q10150").List("receiptHandle", h, "424242"))
		}},
		{row("GetQueueAttributesFailed"), 6000, "10160", "get queue attributes failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "GetQueueAttributes", row("GetQueueAttributesFailed"), P("queueName", "q"))
		}},
		{row("SetQueueAttributesFailed"), 6000, "10170", "set queue attributes failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SetQueueAttributes", row("SetQueueAttributesFailed"), P("queueName", "q"))
		}},
		{row("DeleteQueueFailed"), 6000, "10180", "delete queue failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "DeleteQueue", row("DeleteQueueFailed"), P("queueName", "q"))
		}},
		{row("ListQueueFailed"), 6000, "10190", "list queue failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "ListQueue", row("ListQueueFailed"), nil)
		}},
		{row("BatchDeleteMessageFailed"), 6020, "10290", "batch delete message failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10290")
			return callErr(t, f.c, "BatchDeleteMessage", P("queueName", "q10290").List("receiptHandle", "1", "2"))
		}},
		{row("TopicHasNoSubscription"), 6030, "10650", "topic has no subscription, please create a subscription before publishing message", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10650"))
			return callErr(t, f.c, "PublishMessage", P("topicName", "t10650", "msgBody", "m"))
		}},
		{row("NoSubscriptionMatches"), 6030, "10730", "no bindingKey or filterTag matches the routingKey or msgTag", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			routingSub(t, f.c, "t10730", "s", "a.*")
			return callErr(t, f.c, "PublishMessage", P("topicName", "t10730", "msgBody", "m", "routingKey", "b.c"))
		}},
		{row("TransactionConfirmationFailed"), 6040, "10750", "transaction confirmation failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "SendMessage", row("TransactionConfirmationFailed"), P("queueName", "q", "msgBody", "m"))
		}},
		{row("TransactionConfirmationPartiallyFailed"), 6040, "10760", "transaction confirmation partially failed", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			return f.fault(t, "BatchSendMessage", row("TransactionConfirmationPartiallyFailed"), P("queueName", "q").List("msgBody", "m"))
		}},
		{row("TooManyFilterTagOrBindingKey"), 6050, "10740", "too many filterTag or bindingKey", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			call(t, f.c, "CreateTopic", P("topicName", "t10740"))
			return callErr(t, f.c, "Subscribe", P("topicName", "t10740", "subscriptionName", "s", "protocol", "http", "endpoint", "http://example.com/").
				List("filterTag", tags(3, "t")...).List("bindingKey", tags(3, "k")...))
		}},
		{row("TooManyUnackedMessages"), 6070, "10690", "too many unacked(inactive) messages or delayed messages", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.limOther, "q10690")
			call(t, f.limOther, "BatchSendMessage", P("queueName", "q10690").List("msgBody", "1", "2"))
			call(t, f.limOther, "ReceiveMessage", P("queueName", "q10690"))
			return callErr(t, f.limOther, "ReceiveMessage", P("queueName", "q10690"))
		}},
		{row("NoMessage"), 7000, "10200", "no message", func(t *testing.T, f *seedFixture) *cmqclient.Error {
			createQueue(t, f.c, "q10200")
			return callErr(t, f.c, "ReceiveMessage", P("queueName", "q10200", "pollingWaitSeconds", "0"))
		}},
	}
}

// httpSub creates a tag topic with one http subscription.
func httpSub(t testing.TB, c *cmqclient.Client, topic, sub string) {
	t.Helper()
	call(t, c, "CreateTopic", cmqclient.P("topicName", topic))
	call(t, c, "Subscribe", cmqclient.P("topicName", topic, "subscriptionName", sub, "protocol", "http", "endpoint", "http://127.0.0.1:1/"))
}

// routingSub creates a routing topic with one http subscription.
func routingSub(t testing.TB, c *cmqclient.Client, topic, sub string, keys ...string) {
	t.Helper()
	call(t, c, "CreateTopic", cmqclient.P("topicName", topic, "filterType", "2"))
	call(t, c, "Subscribe", cmqclient.P("topicName", topic, "subscriptionName", sub, "protocol", "http", "endpoint", "http://127.0.0.1:1/").List("bindingKey", keys...))
}

func TestEverySeedRow(t *testing.T) {
	f := newSeedFixture(t)
	rows := seedRows()
	covered := map[string]bool{}
	for _, r := range rows {
		covered[r.def.Name] = true
		t.Run(r.def.Name, func(t *testing.T) {
			e := r.run(t, f)
			assertCMQError(t, e, r.code, r.module, r.message)
			// The row's own rendering agrees with the literal expectation.
			assert.Equal(t, r.def.Code, n(r.code)+"/"+r.module)
		})
	}
	for _, d := range cmq.Catalogue().Seed() {
		assert.True(t, covered[d.Name], "seed row %s (%s) has no test row", d.Name, d.Code)
	}
	assert.Len(t, rows, len(cmq.Catalogue().Seed()))
}
