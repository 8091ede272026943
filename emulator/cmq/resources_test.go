package cmq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/config"
)

func intPtr(v int64) *int64 { return &v }

// teamA is the built-in default account's keys under another name, with
// CMQ resources declared.
func teamA(r config.CMQResources) config.Account {
	d := account.Defaults()[0]
	return config.Account{Name: "team-a",
		Tencent:   config.Tencent{SecretID: d.Tencent.SecretID, SecretKey: d.Tencent.SecretKey, AppID: d.Tencent.AppID},
		Resources: config.Resources{CMQ: r}}
}

func declared() config.CMQResources {
	return config.CMQResources{
		// orders' dead-letter queue is declared after it: policies come once
		// every queue exists.
		Queues: []config.CMQQueue{{Name: "orders", VisibilityTimeout: intPtr(45), MaxMsgSize: intPtr(1024),
			DeadLetterPolicy: &config.CMQDeadLetterPolicy{DeadLetterQueue: "audit", Policy: 0, MaxReceiveCount: intPtr(3)}}, {Name: "audit"}},
		Topics: []config.CMQTopic{{Name: "events", FilterType: intPtr(1)}},
		Subscriptions: []config.CMQSubscription{{Topic: "events", Name: "to-orders", Protocol: "queue", Endpoint: "orders",
			FilterTags: []string{"new"}}},
	}
}

// Declared queues, topics and subscriptions are there at start, listed
// and described by the API like any other, and back after a reset.
func TestDeclaredResourcesExistFromTheStartAndAfterReset(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{teamA(declared())}
	}))
	d := account.Defaults()[0]
	c := cmqclient.New(env.URL("cmq"), d.Tencent.SecretID, d.Tencent.SecretKey)
	see := func() {
		t.Helper()
		r := call(t, c, "GetQueueAttributes", cmqclient.P("queueName", "orders"))
		assert.EqualValues(t, 45, field[int64](t, r, "visibilityTimeout"))
		assert.EqualValues(t, 1024, field[int64](t, r, "maxMsgSize"))
		assert.JSONEq(t, `{"deadLetterQueue":"audit","policy":0,"maxReceiveCount":3}`, field[string](t, r, "deadLetterPolicy"))
		r = call(t, c, "ListQueue", cmqclient.P())
		assert.EqualValues(t, 2, field[int](t, r, "totalCount"))
		r = call(t, c, "GetTopicAttributes", cmqclient.P("topicName", "events"))
		assert.EqualValues(t, 1, field[int](t, r, "filterType"))
		r = call(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "events", "subscriptionName", "to-orders"))
		assert.Equal(t, "orders", field[string](t, r, "endpoint"))
		assert.Equal(t, []string{"new"}, field[[]string](t, r, "filterTags"))
	}
	see()

	call(t, c, "DeleteQueue", cmqclient.P("queueName", "audit"))
	createQueue(t, c, "scratch")
	require.NoError(t, env.Reset("cmq"))
	see()
	callErr(t, c, "GetQueueAttributes", cmqclient.P("queueName", "scratch"))
	// and through the message path: the subscription delivers into the queue
	call(t, c, "PublishMessage", cmqclient.P("topicName", "events", "msgBody", "hello").List("msgTag", "new"))
	r := call(t, c, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "5"))
	assert.Equal(t, "hello", field[string](t, r, "msgBody"))
}

// An entry the API would refuse stops start-up with one line naming it.
func TestARefusedEntryStopsStartUp(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*config.CMQResources)
		want string
	}{
		{"a bad queue name", func(r *config.CMQResources) { r.Queues[1].Name = "1bad" },
			"config: accounts[0].resources.cmq.queues[1] (1bad): 4000/10020: queue name format error"},
		{"an attribute out of range", func(r *config.CMQResources) { r.Queues[0].VisibilityTimeout = intPtr(100000) },
			"config: accounts[0].resources.cmq.queues[0] (orders): 4000/10350: parameter visibilityTimeout value or length is out of range"},
		{"a queue twice", func(r *config.CMQResources) { r.Queues[1].Name = "orders" },
			"config: accounts[0].resources.cmq.queues[1] (orders): 4000/4460: queue is already existed,case insensitive"},
		{"a subscription to a queue not declared", func(r *config.CMQResources) { r.Subscriptions[0].Endpoint = "nowhere" },
			"config: accounts[0].resources.cmq.subscriptions[0] (events/to-orders): 4000/10630: illegal endpoint"},
		{"a dead-letter queue not declared", func(r *config.CMQResources) { r.Queues[0].DeadLetterPolicy.DeadLetterQueue = "nowhere" },
			"config: accounts[0].resources.cmq.queues[0] (orders deadLetterPolicy): 4000/10110: request parameters error"},
		{"a dead-letter policy out of range", func(r *config.CMQResources) { r.Queues[0].DeadLetterPolicy.MaxReceiveCount = intPtr(0) },
			"config: accounts[0].resources.cmq.queues[0] (orders deadLetterPolicy): 4000/10110: request parameters error"},
		{"a queue its own dead-letter queue", func(r *config.CMQResources) { r.Queues[0].DeadLetterPolicy.DeadLetterQueue = "orders" },
			"config: accounts[0].resources.cmq.queues[0] (orders deadLetterPolicy): 4000/10110: request parameters error"},
		{"a bad filter type", func(r *config.CMQResources) { r.Topics[0].FilterType = intPtr(7) },
			"config: accounts[0].resources.cmq.topics[0] (events): 4000/10110: request parameters error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := declared()
			tc.edit(&r)
			cfg := config.Default()
			cfg.Accounts = []config.Account{teamA(r)}
			_, err := emulator.New(emulator.Config(cfg))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}
