package emulator_test

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/journal"
)

// One test per effect: each proves what the official client sees.

func TestFaultErrorReachesEverySDK(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, `
name: errors
rules:
  - {name: cmq-receive, vendor: cmq, action: ReceiveMessage, match: {queueName: /^orders-/}, error: "6000/10130"}
  - {name: tdmq-internal, vendor: tdmq, service: trocket, action: DescribeInstanceList, error: InternalError}
  - {name: ons-system, vendor: ons, action: OnsInstanceInServiceList, error: ONS_SYSTEM_ERROR}
  - {name: mqtt-overflow, vendor: mqtt, action: ListGroupId, error: SystemOverFlow, times: 1}
`)

	r := cmqCall(t, env, "ReceiveMessage", map[string]string{"queueName": "orders-1"})
	assert.Equal(t, 6000, r.Code)
	assert.Equal(t, "(10130)recieve message failed", r.Message)
	assert.NotEmpty(t, r.RequestID)

	var tce *tcerr.TencentCloudSDKError
	require.ErrorAs(t, describeInstanceList(tdmqClient(env, 10)), &tce)
	assert.Equal(t, "InternalError", tce.Code)
	assert.Equal(t, "Internal error.", tce.Message)
	assert.NotEmpty(t, tce.RequestId)

	var se *sdkerrors.ServerError
	require.ErrorAs(t, instanceInServiceList(onsClient(t, env)), &se)
	assert.Equal(t, "ONS_SYSTEM_ERROR", se.ErrorCode())
	assert.Equal(t, http.StatusInternalServerError, se.HttpStatus())
	assert.NotEmpty(t, se.RequestId())

	mqtt := mqttClient(t, env)
	require.ErrorAs(t, listGroupID(mqtt), &se)
	assert.Equal(t, "SystemOverFlow", se.ErrorCode())
	assert.Equal(t, http.StatusInternalServerError, se.HttpStatus())
	assert.NoError(t, listGroupID(mqtt), "times: 1 — the next call is served")

	// Every applied fault is in the journal under its rule's name.
	entries := env.Journal().List(journal.Filter{Vendor: "mqtt", Action: "ListGroupId", Limit: 10})
	faults := map[string]int{}
	for _, e := range entries {
		faults[e.Fault]++
	}
	assert.Equal(t, map[string]int{"mqtt-overflow": 1, "": 1}, faults)
	for rule, want := range map[string]int64{"cmq-receive": 1, "tdmq-internal": 1, "ons-system": 1, "mqtt-overflow": 1} {
		assert.Equal(t, want, hitsOf(t, env, rule), rule)
	}
}

func TestFaultThrottleOnTheVirtualClock(t *testing.T) {
	env := startFrozen(t)
	scenario(t, env, `
rules:
  - {name: tdmq-limit, vendor: tdmq, action: DescribeInstanceList, throttle: {rate: 2/s}}
  - {name: token-limit, vendor: mqtt, action: ApplyToken, throttle: {rate: 1/m, burst: 1}}
  - {name: mqtt-limit, vendor: mqtt, action: "*", throttle: {rate: 1/m, burst: 1}}
  - {name: ons-limit, vendor: ons, action: "*", throttle: {rate: 1/m, burst: 1}}
`)
	c := tdmqClient(env, 10)
	require.NoError(t, describeInstanceList(c))
	require.NoError(t, describeInstanceList(c))
	var tce *tcerr.TencentCloudSDKError
	require.ErrorAs(t, describeInstanceList(c), &tce)
	assert.Equal(t, "RequestLimitExceeded", tce.Code)
	env.Advance(500 * time.Millisecond) // one token back, in virtual time
	assert.NoError(t, describeInstanceList(c))
	require.ErrorAs(t, describeInstanceList(c), &tce)

	var se *sdkerrors.ServerError
	mqtt := mqttClient(t, env)
	require.NoError(t, listGroupID(mqtt))
	require.ErrorAs(t, listGroupID(mqtt), &se)
	assert.Equal(t, "SystemOverFlow", se.ErrorCode())

	// ApplyToken has its own documented flow-control code.
	apply := func() error {
		_, err := mqtt.ProcessCommonRequest(commonMQTT(env, "ApplyToken", map[string]string{
			"InstanceId": mqttInstance, "Resources": "mqmock/a", "Actions": "R", "ExpireTime": "4102444800000",
		}))
		return err
	}
	_ = apply() // the first token; whatever the action answers
	require.ErrorAs(t, apply(), &se)
	assert.Equal(t, "ApplyTokenOverFlow", se.ErrorCode())
	assert.Equal(t, http.StatusBadRequest, se.HttpStatus())

	o := onsClient(t, env)
	require.NoError(t, instanceInServiceList(o))
	require.ErrorAs(t, instanceInServiceList(o), &se)
	assert.Equal(t, "Throttling.User", se.ErrorCode())
	assert.Equal(t, http.StatusBadRequest, se.HttpStatus())
	env.Advance(time.Minute)
	assert.NoError(t, instanceInServiceList(o))

	r := cmqThrottled(t, env)
	assert.Equal(t, 4420, r.Code)
	assert.Equal(t, "(10250)qps throttling", r.Message)
}

// A throttle fault on CMQ answers CMQ's qps throttling (4420) whatever the
// product's own limits: with the per-account limit on, whose own row is
// 4480, too.
func TestCMQThrottleFaultKeepsItsRowWithLimitsOn(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"rateLimits": true, "qpsPerAccountAction": 1000}
	}))
	r := cmqThrottled(t, env)
	assert.Equal(t, 4420, r.Code)
	assert.Equal(t, "(10250)qps throttling", r.Message)
}

func cmqThrottled(t *testing.T, env *emutest.Env) cmqReply {
	t.Helper()
	scenario(t, env, "rules: [{name: cmq-limit, vendor: cmq, action: '*', throttle: {rate: 1/h, burst: 1}}]")
	cmqCall(t, env, "ListQueue", nil)
	return cmqCall(t, env, "ListQueue", nil)
}

// transportError asserts err is a transport failure, not an API answer.
func transportError(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	var se *sdkerrors.ServerError
	assert.False(t, errors.As(err, &se), "an API error, not a transport one: %v", err)
	var ue *url.Error
	assert.True(t, errors.As(err, &ue), "want the *url.Error of net/http, got %T: %v", err, err)
}

func TestFaultDropAndResetAreTransportErrors(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, `
rules:
  - {name: drop-list, vendor: mqtt, action: ListGroupId, drop: true, times: 1}
  - {name: reset-ons, vendor: ons, action: OnsInstanceInServiceList, reset: true, times: 1}
  - {name: drop-tdmq, vendor: tdmq, action: DescribeInstanceList, drop: true, times: 1}
`)
	transportError(t, listGroupID(mqttClient(t, env)))
	err := instanceInServiceList(onsClient(t, env))
	transportError(t, err)
	var ne *net.OpError
	if assert.ErrorAs(t, err, &ne) {
		assert.Contains(t, ne.Err.Error(), "connection reset by peer")
	}

	var tce *tcerr.TencentCloudSDKError
	require.ErrorAs(t, describeInstanceList(tdmqClient(env, 10)), &tce)
	assert.Equal(t, "ClientError.NetworkError", tce.Code)

	// The journal shows the fault; no answer was sent.
	entries := env.Journal().List(journal.Filter{Vendor: "mqtt", Action: "ListGroupId", Limit: 1})
	require.Len(t, entries, 1)
	assert.Equal(t, "drop-list", entries[0].Fault)
	assert.Equal(t, -1, entries[0].Status)
	assert.Empty(t, entries[0].Code)

	// Spent: the next calls are served.
	assert.NoError(t, listGroupID(mqttClient(t, env)))
	assert.NoError(t, instanceInServiceList(onsClient(t, env)))
	assert.NoError(t, describeInstanceList(tdmqClient(env, 10)))
}

func TestFaultLatencyDelaysTheAnswer(t *testing.T) {
	env := emutest.Start(t)
	const latency = 50 * time.Millisecond
	scenario(t, env, `
rules:
  - {name: slow, vendor: mqtt, action: ListGroupId, latency: 50ms}
  - {name: slow-fail, vendor: tdmq, action: "*", latency: 50ms, error: InternalError}
`)
	c := mqttClient(t, env)
	start := time.Now()
	require.NoError(t, listGroupID(c), "latency alone: then the normal answer")
	assert.GreaterOrEqual(t, time.Since(start), latency)

	start = time.Now()
	var tce *tcerr.TencentCloudSDKError
	require.ErrorAs(t, describeInstanceList(tdmqClient(env, 10)), &tce)
	assert.GreaterOrEqual(t, time.Since(start), latency)
	assert.Equal(t, "InternalError", tce.Code)
}

func TestFaultTimeoutHoldsUntilTheClientGivesUp(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, `
rules:
  - {name: hang, vendor: mqtt, action: ListGroupId, timeout: true}
  - {name: hang-briefly, vendor: ons, action: "*", timeout: 100ms}
`)
	c := mqttClient(t, env)
	c.SetReadTimeout(200 * time.Millisecond)
	start := time.Now()
	err := listGroupID(c)
	transportError(t, err)
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout(), "the client's own timeout: %v", err)
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)
	assert.Less(t, time.Since(start), 5*time.Second)

	// timeout: 100ms holds that long, then closes without an answer.
	start = time.Now()
	transportError(t, instanceInServiceList(onsClient(t, env)))
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)
}

func TestFaultRawBodiesReachTheParsers(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, `
rules:
  - {name: broken-json, vendor: tdmq, action: DescribeInstanceList, status: 200, body: '{"Response": {"RequestId": ', times: 1}
  - {name: tdmq-gateway, vendor: tdmq, action: DescribeInstanceList, status: 502, body: "<html>Bad Gateway</html>", times: 1}
  - {name: tdmq-503, vendor: tdmq, action: DescribeInstanceList, status: 503, body: '{"Response": {"RequestId": "r-1"}}', times: 1}
  - {name: gateway, vendor: mqtt, action: ListGroupId, status: 502, body: "<html>Bad Gateway</html>", times: 1}
  - {name: mqtt-truncated, vendor: mqtt, action: ListGroupId, status: 200, body: '{"RequestId": "r-1", "Data": [', times: 1}
  - {name: empty-500, vendor: ons, action: "*", status: 500, body: ""}
`)
	var tce *tcerr.TencentCloudSDKError
	tc := tdmqClient(env, 10)
	require.ErrorAs(t, describeInstanceList(tc), &tce)
	assert.Equal(t, "ClientError.ParseJsonError", tce.Code)
	// The TencentCloud SDK parses every body as JSON before it looks at the
	// status: an HTML page is a parse error too, whatever the status.
	require.ErrorAs(t, describeInstanceList(tc), &tce)
	assert.Equal(t, "ClientError.ParseJsonError", tce.Code)
	require.ErrorAs(t, describeInstanceList(tc), &tce)
	assert.Equal(t, "ClientError.HttpStatusCodeError", tce.Code)
	assert.Contains(t, tce.Message, "503")

	var se *sdkerrors.ServerError
	require.ErrorAs(t, listGroupID(mqttClient(t, env)), &se)
	assert.Equal(t, http.StatusBadGateway, se.HttpStatus())
	assert.Equal(t, "", se.ErrorCode(), "no code in an HTML page")
	assert.Equal(t, "<html>Bad Gateway</html>", se.Message())
	var ce *sdkerrors.ClientError
	require.ErrorAs(t, listGroupID(mqttClient(t, env)), &ce, "a 2xx the SDK cannot parse")
	assert.Equal(t, "SDK.JsonUnmarshalError", ce.ErrorCode())

	require.ErrorAs(t, instanceInServiceList(onsClient(t, env)), &se)
	assert.Equal(t, http.StatusInternalServerError, se.HttpStatus())
}

// TestFaultCountersExactAcrossConcurrentCallers: `times: 3` fires exactly
// three times across 50 concurrent SDK callers.
func TestFaultCountersExactAcrossConcurrentCallers(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, "rules: [{name: three, vendor: mqtt, action: ListGroupId, error: InternalError, times: 3}]")
	const callers = 50
	errs := make([]error, callers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range callers {
		c := mqttClient(t, env)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = listGroupID(c)
		}()
	}
	close(start)
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			var se *sdkerrors.ServerError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, "InternalError", se.ErrorCode())
			failed++
		}
	}
	assert.Equal(t, 3, failed)
	assert.Equal(t, int64(3), hitsOf(t, env, "three"))
}

// TestDroppedGETIsReplayedWithItsNonce: net/http replays a GET whose reused
// connection closed without an answer, with the same signature nonce. The
// dropped call gave its nonce back, so the replay is served like a first
// attempt (as after a real network blip) instead of SignatureNonceUsed.
func TestDroppedGETIsReplayedWithItsNonce(t *testing.T) {
	env := emutest.Start(t)
	c := mqttClient(t, env)
	get := func() error {
		cr := commonMQTT(env, "ListGroupId", map[string]string{"InstanceId": mqttInstance})
		cr.Method = http.MethodGet
		_, err := c.ProcessCommonRequest(cr)
		return err
	}
	require.NoError(t, get(), "opens the keep-alive connection the next call reuses")
	scenario(t, env, "rules: [{name: drop-once, vendor: mqtt, action: ListGroupId, drop: true, times: 1}]")
	require.NoError(t, get(), "the transparent replay succeeds")
	assert.Equal(t, int64(1), hitsOf(t, env, "drop-once"))
	// The dropped call's handler may journal after the replay's: find both
	// by what they are, not by order.
	var dropped, served []journal.Entry
	require.Eventually(t, func() bool {
		dropped, served = nil, nil
		for _, e := range env.Journal().List(journal.Filter{Vendor: "mqtt", Action: "ListGroupId"}) {
			if e.Fault == "drop-once" {
				dropped = append(dropped, e)
			} else if e.Code == "" {
				served = append(served, e)
			}
		}
		return len(dropped) == 1 && len(served) == 2
	}, 5*time.Second, 5*time.Millisecond, "one dropped attempt, the first call and the replay served")
	nonce := dropped[0].Params["SignatureNonce"]
	require.NotEmpty(t, nonce)
	replays := 0
	for _, e := range served {
		if e.Params["SignatureNonce"] == nonce {
			replays++
		}
	}
	assert.Equal(t, 1, replays, "the replay carried the dropped call's nonce and was served")
}
