package cmq_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// received is a ReceiveMessage answer.
type received struct {
	MsgBody          string `json:"msgBody"`
	MsgID            string `json:"msgId"`
	ReceiptHandle    string `json:"receiptHandle"`
	EnqueueTime      int64  `json:"enqueueTime"`
	FirstDequeueTime int64  `json:"firstDequeueTime"`
	NextVisibleTime  int64  `json:"nextVisibleTime"`
	DequeueCount     int    `json:"dequeueCount"`
}

func receive(t testing.TB, c *cmqclient.Client, queue string, kv ...string) received {
	t.Helper()
	var m received
	require.NoError(t, call(t, c, "ReceiveMessage", cmqclient.P(append([]string{"queueName", queue}, kv...)...)).Into(&m))
	return m
}

func assertNoMessage(t testing.TB, c *cmqclient.Client, queue string) {
	t.Helper()
	e := callErr(t, c, "ReceiveMessage", cmqclient.P("queueName", queue, "pollingWaitSeconds", "0"))
	assert.Equal(t, "(10200)no message", e.RawMessage)
}

type attributes struct {
	ActiveMsgNum   int   `json:"activeMsgNum"`
	InactiveMsgNum int   `json:"inactiveMsgNum"`
	DelayMsgNum    int   `json:"delayMsgNum"`
	RewindMsgNum   int   `json:"rewindMsgNum"`
	RewindmsgNum   int   `json:"rewindmsgNum"`
	MinMsgTime     int64 `json:"minMsgTime"`
}

func queueAttrs(t testing.TB, c *cmqclient.Client, queue string) attributes {
	t.Helper()
	var a attributes
	require.NoError(t, call(t, c, "GetQueueAttributes", cmqclient.P("queueName", queue)).Into(&a))
	return a
}

func cmqProduct(env *emutest.Env) *cmq.Product {
	return env.Door("cmq").Products[0].Value.(*cmq.Product)
}

func TestMessageLifecycle(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "life", "visibilityTimeout", "30")
	sent := field[string](t, call(t, c, "SendMessage", cmqclient.P("queueName", "life", "msgBody", "hello world", "delaySeconds", "0")), "msgId")

	first := receive(t, c, "life")
	assert.Equal(t, sent, first.MsgID)
	assert.Equal(t, "hello world", first.MsgBody)
	assert.Equal(t, 1, first.DequeueCount)
	assert.Equal(t, first.FirstDequeueTime+30, first.NextVisibleTime)
	assert.Equal(t, attributes{InactiveMsgNum: 1, MinMsgTime: first.EnqueueTime}, queueAttrs(t, c, "life"))
	assertNoMessage(t, c, "life")

	env.Advance(30 * time.Second)
	second := receive(t, c, "life")
	assert.Equal(t, sent, second.MsgID)
	assert.Equal(t, 2, second.DequeueCount)
	assert.NotEqual(t, first.ReceiptHandle, second.ReceiptHandle)
	assert.Equal(t, first.FirstDequeueTime, second.FirstDequeueTime)
	assert.Equal(t, first.EnqueueTime, second.EnqueueTime)

	e := callErr(t, c, "DeleteMessage", cmqclient.P("queueName", "life", "receiptHandle", first.ReceiptHandle))
	assertCMQError(t, e, 4430, "10260", "receipt handle is invalid")
	call(t, c, "DeleteMessage", cmqclient.P("queueName", "life", "receiptHandle", second.ReceiptHandle))
	e = callErr(t, c, "DeleteMessage", cmqclient.P("queueName", "life", "receiptHandle", second.ReceiptHandle))
	assertCMQError(t, e, 4430, "10260", "receipt handle is invalid")
	assert.Equal(t, attributes{}, queueAttrs(t, c, "life"))
	assertNoMessage(t, c, "life")
}

func TestHandleExpiresWithVisibility(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "vis", "visibilityTimeout", "10")
	call(t, c, "SendMessage", cmqclient.P("queueName", "vis", "msgBody", "m"))
	m := receive(t, c, "vis")
	env.Advance(10 * time.Second)
	e := callErr(t, c, "DeleteMessage", cmqclient.P("queueName", "vis", "receiptHandle", m.ReceiptHandle))
	assert.Equal(t, "4430/10260", e.CodeModule())
	assert.Equal(t, 1, queueAttrs(t, c, "vis").ActiveMsgNum)
}

func TestDelayedMessage(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "later")
	env.Clock().Set(time.Unix(1700000000, 0)) // whole seconds below stay exact
	call(t, c, "SendMessage", cmqclient.P("queueName", "later", "msgBody", "m", "delaySeconds", "10"))
	assert.Equal(t, 1, queueAttrs(t, c, "later").DelayMsgNum)
	assertNoMessage(t, c, "later")
	env.Advance(9 * time.Second)
	assertNoMessage(t, c, "later")
	env.Advance(time.Second)
	m := receive(t, c, "later")
	assert.Equal(t, "m", m.MsgBody)
	assert.Equal(t, m.EnqueueTime+10, m.FirstDequeueTime, "enqueueTime is the send time")
}

// parkedReceive starts a long-polling receive and returns once it waits.
func parkedReceive(t *testing.T, env *emutest.Env, c *cmqclient.Client, queue string, wait string) <-chan *cmqclient.Error {
	t.Helper()
	parked := make(chan struct{}, 1)
	cmq.SetOnWait(cmqProduct(env), func() {
		select {
		case parked <- struct{}{}:
		default:
		}
	})
	t.Cleanup(func() { cmq.SetOnWait(cmqProduct(env), nil) })
	done := make(chan *cmqclient.Error, 1)
	go func() {
		r, err := c.Call(t.Context(), "ReceiveMessage", cmqclient.P("queueName", queue, "pollingWaitSeconds", wait))
		if err != nil {
			e, _ := err.(*cmqclient.Error)
			if e == nil {
				e = &cmqclient.Error{Code: -1, RawMessage: err.Error()}
			}
			done <- e
			return
		}
		done <- &cmqclient.Error{Code: r.Code, RawMessage: string(r.Raw)}
	}()
	select {
	case <-parked:
	case e := <-done:
		t.Fatalf("receive returned without waiting: %+v", e)
	case <-time.After(10 * time.Second):
		t.Fatal("receive never started waiting")
	}
	return done
}

// await returns a parked receive's outcome, failing if it takes longer
// than a few real seconds (the waits under test are 30 s long).
func await(t *testing.T, done <-chan *cmqclient.Error) *cmqclient.Error {
	t.Helper()
	select {
	case e := <-done:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("receive still waiting")
		return nil
	}
}

func TestLongPollWakes(t *testing.T) {
	tests := []struct {
		name   string
		before func(t *testing.T, env *emutest.Env, c *cmqclient.Client)
		wake   func(t *testing.T, env *emutest.Env, c *cmqclient.Client)
		code   int
	}{
		{"by a send", nil, func(t *testing.T, env *emutest.Env, c *cmqclient.Client) {
			call(t, c, "SendMessage", cmqclient.P("queueName", "poll", "msgBody", "m"))
		}, 0},
		{"by a delay expiring", func(t *testing.T, env *emutest.Env, c *cmqclient.Client) {
			call(t, c, "SendMessage", cmqclient.P("queueName", "poll", "msgBody", "m", "delaySeconds", "5"))
		}, func(t *testing.T, env *emutest.Env, c *cmqclient.Client) { env.Advance(5 * time.Second) }, 0},
		{"by a visibility timeout expiring", func(t *testing.T, env *emutest.Env, c *cmqclient.Client) {
			call(t, c, "SendMessage", cmqclient.P("queueName", "poll", "msgBody", "m"))
			receive(t, c, "poll")
		}, func(t *testing.T, env *emutest.Env, c *cmqclient.Client) { env.Advance(10 * time.Second) }, 0},
		{"by a rewind", func(t *testing.T, env *emutest.Env, c *cmqclient.Client) {
			call(t, c, "SendMessage", cmqclient.P("queueName", "poll", "msgBody", "m"))
			m := receive(t, c, "poll")
			call(t, c, "DeleteMessage", cmqclient.P("queueName", "poll", "receiptHandle", m.ReceiptHandle))
		}, func(t *testing.T, env *emutest.Env, c *cmqclient.Client) {
			call(t, c, "RewindQueue", cmqclient.P("queueName", "poll", "startConsumeTime", n(int(env.Clock().Now().Unix()-60))))
		}, 0},
		{"with no message when virtual time passes the wait", nil, func(t *testing.T, env *emutest.Env, c *cmqclient.Client) {
			env.Advance(30 * time.Second)
		}, 7000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := emutest.Start(t)
			c := clientFor(env, env.Default)
			createQueue(t, c, "poll", "visibilityTimeout", "10", "rewindSeconds", "3600")
			if tt.before != nil {
				tt.before(t, env, c)
			}
			done := parkedReceive(t, env, c, "poll", "30")
			tt.wake(t, env, c)
			e := await(t, done)
			assert.Equal(t, tt.code, e.Code, e.RawMessage)
		})
	}
}

func TestRewindQueue(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "rw", "rewindSeconds", "3600")
	start := env.Clock().Now().Unix()
	call(t, c, "BatchSendMessage", cmqclient.P("queueName", "rw").List("msgBody", "a", "b"))
	for range 2 {
		m := receive(t, c, "rw")
		call(t, c, "DeleteMessage", cmqclient.P("queueName", "rw", "receiptHandle", m.ReceiptHandle))
	}
	a := queueAttrs(t, c, "rw")
	assert.Equal(t, 2, a.RewindMsgNum)
	assert.Equal(t, 2, a.RewindmsgNum)

	e := callErr(t, c, "RewindQueue", cmqclient.P("queueName", "rw", "startConsumeTime", n(int(start-3601))))
	assertCMQError(t, e, 4000, "10680", "invalid rewind time, you can get the vaild range of that via GetQueueAttributes")
	call(t, c, "RewindQueue", cmqclient.P("queueName", "rw", "startConsumeTime", n(int(start))))
	assert.Equal(t, "a", receive(t, c, "rw").MsgBody)
	assert.Equal(t, "b", receive(t, c, "rw").MsgBody)

	// Past the rewind window the deleted messages are gone for good.
	env.Advance(3601 * time.Second)
	assert.Equal(t, 0, queueAttrs(t, c, "rw").RewindMsgNum)
}

func TestRetentionDropsMessages(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "short", "msgRetentionSeconds", "60")
	call(t, c, "SendMessage", cmqclient.P("queueName", "short", "msgBody", "m"))
	env.Advance(59 * time.Second)
	assert.Equal(t, 1, queueAttrs(t, c, "short").ActiveMsgNum)
	env.Advance(time.Second)
	assert.Equal(t, attributes{}, queueAttrs(t, c, "short"))
	assertNoMessage(t, c, "short")
}

func TestBatchSendReceiveDelete(t *testing.T) {
	for _, zero := range []bool{false, true} {
		t.Run(map[bool]string{false: "1-based", true: "0-based"}[zero], func(t *testing.T) {
			env := emutest.Start(t)
			c := clientFor(env, env.Default)
			c.ZeroBased = zero
			createQueue(t, c, "batch")
			bodies := []string{"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11"}
			sent := field[[]map[string]string](t, call(t, c, "BatchSendMessage", cmqclient.P("queueName", "batch").List("msgBody", bodies...)), "msgList")
			require.Len(t, sent, 11)
			var got struct {
				MsgInfoList []received `json:"msgInfoList"`
			}
			require.NoError(t, call(t, c, "BatchReceiveMessage", cmqclient.P("queueName", "batch", "numOfMsg", "16")).Into(&got))
			require.Len(t, got.MsgInfoList, 11)
			handles := make([]string, 11)
			for i, m := range got.MsgInfoList {
				assert.Equal(t, bodies[i], m.MsgBody, "numeric index order")
				assert.Equal(t, sent[i]["msgId"], m.MsgID)
				handles[i] = m.ReceiptHandle
			}
			call(t, c, "BatchDeleteMessage", cmqclient.P("queueName", "batch").List("receiptHandle", handles...))
			assert.Equal(t, attributes{}, queueAttrs(t, c, "batch"))
		})
	}
}

func TestBatchDeleteErrorList(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "bd")
	e := callErr(t, c, "BatchDeleteMessage", cmqclient.P("queueName", "bd").List("receiptHandle", "123", "bad!"))
	assertCMQError(t, e, 6020, "10290", "batch delete message failed")
	list := field[[]map[string]any](t, e.Response, "errorList")
	require.Len(t, list, 2)
	assert.Equal(t, map[string]any{"code": float64(4430), "message": "(10260)receipt handle is invalid", "receiptHandle": "123"}, list[0])
	assert.Equal(t, map[string]any{"code": float64(4000), "message": "(10470)receiptHandle error", "receiptHandle": "bad!"}, list[1])
}

func TestQueueAttributesAndList(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	env.Clock().Set(time.Unix(1700000000, 0)) // whole seconds below stay exact
	createQueue(t, c, "attrs", "pollingWaitSeconds", "5", "visibilityTimeout", "60", "maxMsgSize", "2048",
		"msgRetentionSeconds", "600", "rewindSeconds", "300", "maxMsgHeapNum", "1000000")
	r := call(t, c, "GetQueueAttributes", cmqclient.P("queueName", "attrs"))
	assert.Equal(t, 5, field[int](t, r, "pollingWaitSeconds"))
	assert.Equal(t, 60, field[int](t, r, "visibilityTimeout"))
	assert.Equal(t, 2048, field[int](t, r, "maxMsgSize"))
	assert.Equal(t, 600, field[int](t, r, "msgRetentionSeconds"))
	assert.Equal(t, 300, field[int](t, r, "rewindSeconds"))
	assert.Equal(t, 1000000, field[int](t, r, "maxMsgHeapNum"))

	env.Advance(5 * time.Second)
	r = call(t, c, "SetQueueAttributes", cmqclient.P("queueName", "attrs", "visibilityTimeout", "45"))
	assert.Equal(t, 45, field[int](t, r, "visibilityTimeout"))
	assert.Equal(t, 2048, field[int](t, r, "maxMsgSize"))
	r = call(t, c, "GetQueueAttributes", cmqclient.P("queueName", "attrs"))
	assert.Equal(t, field[int64](t, r, "createTime")+5, field[int64](t, r, "lastModifyTime"))
	e := callErr(t, c, "SetQueueAttributes", cmqclient.P("queueName", "attrs", "rewindSeconds", "601"))
	assert.Equal(t, "4000/10700", e.CodeModule())
	e = callErr(t, c, "GetQueueAttributes", cmqclient.P("queueName", "ATTRS"))
	assert.Equal(t, "4000/10100", e.CodeModule(), "lookups are exact-case")

	for i := range 25 {
		createQueue(t, c, "list-"+n(i))
	}
	r = call(t, c, "ListQueue", cmqclient.P("searchWord", "list-", "offset", "20", "limit", "10"))
	assert.Equal(t, 25, field[int](t, r, "totalCount"))
	assert.Len(t, field[[]map[string]string](t, r, "queueList"), 5)
	r = call(t, c, "ListQueue", nil)
	assert.Len(t, field[[]map[string]string](t, r, "queueList"), 20, "default limit")
	e = callErr(t, c, "ListQueue", cmqclient.P("limit", "51"))
	assert.Equal(t, "parameter limit value or length is out of range", e.Message)

	// Another account sees none of it.
	other := clientFor(env, env.Other)
	assert.Equal(t, 0, field[int](t, call(t, other, "ListQueue", nil), "totalCount"))
	assert.Equal(t, "4000/10100", callErr(t, other, "GetQueueAttributes", cmqclient.P("queueName", "attrs")).CodeModule())
}

func TestQueueLockoutAndQuota(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "lock")
	call(t, c, "DeleteQueue", cmqclient.P("queueName", "lock"))
	assert.Equal(t, "6040/10660", callErr(t, c, "CreateQueue", cmqclient.P("queueName", "lock")).CodeModule())
	env.Advance(29 * time.Second)
	assert.Equal(t, "6040/10660", callErr(t, c, "CreateQueue", cmqclient.P("queueName", "LOCK")).CodeModule())
	env.Advance(time.Second)
	createQueue(t, c, "lock")
}

func TestQueueDeletedWhileReceiveWaits(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "doomed")
	done := parkedReceive(t, env, c, "doomed", "30")
	call(t, c, "DeleteQueue", cmqclient.P("queueName", "doomed"))
	e := await(t, done)
	assert.Equal(t, 4000, e.Code)
	assert.Equal(t, "(10100)queue is not existed, or deleted", e.RawMessage)
}

func TestBatchSizeRules(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "big", "maxMsgSize", "1048576")
	// 400 KiB of "%" is 1.2 MB on the wire: the decoded batch is within
	// 1 MiB, the request is not (cmq.md §11.8).
	e := callErr(t, c, "BatchSendMessage", cmqclient.P("queueName", "big").List("msgBody", repeat("%", 400<<10)))
	assertCMQError(t, e, 4000, "10420", "cannot parse request, or request size is more than 1MB")
	e = callErr(t, c, "BatchSendMessage", cmqclient.P("queueName", "big").List("msgBody", repeat("a", 600<<10), repeat("b", 600<<10)))
	assertCMQError(t, e, 4470, "10300", "total message size exceed 1MB")
	e = callErr(t, c, "BatchSendMessage", cmqclient.P("queueName", "big").List("msgBody", "a", ""))
	assertCMQError(t, e, 4000, "10120", "message body can't be empty")
	e = callErr(t, c, "BatchSendMessage", cmqclient.P("queueName", "big", "msgBody.2", "a", "msgBody.3", "b"))
	assertCMQError(t, e, 4000, "10380", "msgBody parameter is not consequent")
	assert.Equal(t, 0, queueAttrs(t, c, "big").ActiveMsgNum, "nothing stored")
}

func TestDeadLetterPolicy(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "dlq")
	policy := `{"deadLetterQueue":"dlq","policy":0,"maxReceiveCount":2}`
	createQueue(t, c, "src", "visibilityTimeout", "10", "deadLetterPolicy", policy)
	assert.JSONEq(t, policy, field[string](t, call(t, c, "GetQueueAttributes", cmqclient.P("queueName", "src")), "deadLetterPolicy"))
	_, hasPolicy := call(t, c, "GetQueueAttributes", cmqclient.P("queueName", "dlq")).Fields["deadLetterPolicy"]
	assert.False(t, hasPolicy, "present only when set")

	call(t, c, "SendMessage", cmqclient.P("queueName", "src", "msgBody", "poison"))
	for range 2 {
		receive(t, c, "src")
		env.Advance(10 * time.Second)
	}
	assertNoMessage(t, c, "src")
	m := receive(t, c, "dlq")
	assert.Equal(t, "poison", m.MsgBody)
	call(t, c, "DeleteMessage", cmqclient.P("queueName", "dlq", "receiptHandle", m.ReceiptHandle))

	// Policy 1: unconsumed for maxTimeToLive seconds.
	call(t, c, "SetQueueAttributes", cmqclient.P("queueName", "src", "deadLetterPolicy", `{"deadLetterQueue":"dlq","policy":1,"maxTimeToLive":300}`))
	call(t, c, "SendMessage", cmqclient.P("queueName", "src", "msgBody", "stale"))
	env.Advance(300 * time.Second)
	assertNoMessage(t, c, "src")
	assert.Equal(t, "stale", receive(t, c, "dlq").MsgBody)

	for _, bad := range []string{`not json`, `{"deadLetterQueue":"dlq","policy":0,"maxReceiveCount":0}`,
		`{"deadLetterQueue":"nowhere","policy":0,"maxReceiveCount":3}`, `{"deadLetterQueue":"src","policy":1,"maxTimeToLive":300}`,
		`{"deadLetterQueue":"dlq","policy":2}`} {
		e := callErr(t, c, "CreateQueue", cmqclient.P("queueName", "other", "deadLetterPolicy", bad))
		assert.Equal(t, "4000/10110", e.CodeModule(), bad)
	}
}
