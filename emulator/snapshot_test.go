package emulator_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

const onsInstance = "MQ_INST_1000000000000001_mqmock01"

// filled is what fillEveryProduct made, to be found again.
type filled struct {
	onsMsgID, mqttToken     string
	cluster, clusterMsgID   string
	instance, instanceMsgID string
	offset                  time.Duration
	cmqReceipt              string
}

// fillEveryProduct creates resources and messages in every product
// through the official SDKs, and moves the clock.
func fillEveryProduct(t *testing.T, env *emutest.Env) filled {
	t.Helper()
	var f filled

	oc := onsClient(t, env)
	topic := ons.CreateOnsTopicCreateRequest()
	topic.Scheme, topic.InstanceId, topic.Topic, topic.MessageType = "http", onsInstance, "snap-orders", requests.NewInteger(0)
	_, err := oc.OnsTopicCreate(topic)
	require.NoError(t, err)
	group := ons.CreateOnsGroupCreateRequest()
	group.Scheme, group.InstanceId, group.GroupId = "http", onsInstance, "GID_snap"
	_, err = oc.OnsGroupCreate(group)
	require.NoError(t, err)
	// OnsMessageSend has no typed request in the Go SDK.
	send := requests.NewCommonRequest()
	send.Product, send.Version, send.ApiName = "Ons", "2019-02-14", "OnsMessageSend"
	send.Domain, send.Scheme = env.ONS, "http"
	for k, v := range map[string]string{"InstanceId": onsInstance, "Topic": "snap-orders", "Message": "ons body", "Tag": "t1"} {
		send.QueryParams[k] = v
	}
	sent, err := oc.ProcessCommonRequest(send)
	require.NoError(t, err)
	var sentBody struct{ Data string }
	require.NoError(t, json.Unmarshal(sent.GetHttpContentBytes(), &sentBody))
	f.onsMsgID = sentBody.Data

	mc := mqttClient(t, env)
	gid := onsmqtt.CreateCreateGroupIdRequest()
	gid.Scheme, gid.InstanceId, gid.GroupId = "http", mqttInstance, "GID_snap"
	_, err = mc.CreateGroupId(gid)
	require.NoError(t, err)
	apply := onsmqtt.CreateApplyTokenRequest()
	apply.Scheme, apply.InstanceId, apply.Resources, apply.Actions = "http", mqttInstance, "mqmock/a", "R"
	apply.ExpireTime = requests.NewInteger64(env.Clock().Now().Add(24 * time.Hour).UnixMilli())
	tok, err := mc.ApplyToken(apply)
	require.NoError(t, err)
	f.mqttToken = tok.Token

	sdk := tdmqtest.DefaultSDK(t, env)
	var cl struct{ ClusterId, RequestId string }
	tdmqtest.StrictDecode(t, okTDMQ(t, sdk, "CreateRocketMQCluster", map[string]any{"Name": "snap"}), &cl)
	f.cluster = cl.ClusterId
	env.Advance(time.Hour) // past CREATING
	okTDMQ(t, sdk, "CreateRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": "dev"})
	okTDMQ(t, sdk, "CreateRocketMQTopicV2", map[string]any{"ClusterId": f.cluster, "Namespace": "dev", "Topic": "orders", "Type": "Normal"})
	okTDMQ(t, sdk, "CreateRocketMQGroupV2", map[string]any{"ClusterId": f.cluster, "Namespace": "dev", "GroupId": "group-orders", "ReadEnable": true, "BroadcastEnable": false})
	var msg struct {
		MsgId, RequestId string
		Result           bool
	}
	require.NoError(t, json.Unmarshal(okTDMQ(t, sdk, "SendRocketMQMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": "dev", "TopicName": "orders", "MsgBody": "four"}), &msg))
	f.clusterMsgID = msg.MsgId

	f.instance = tdmqtest.NewInstance(t, sdk, "snap", "BASIC", "basic_2k")
	env.Advance(time.Hour)
	tdmqtest.NewTopic(t, sdk, f.instance, "orders")
	tdmqtest.NewGroup(t, sdk, f.instance, "group-orders")
	tdmqtest.NewRole(t, sdk, f.instance, "writer")
	var sentFive struct{ MsgId, RequestId string }
	require.NoError(t, json.Unmarshal(sdk.OK("SendMessage", map[string]any{"InstanceId": f.instance, "Topic": "orders", "MsgBody": "five"}, nil), &sentFive))
	f.instanceMsgID = sentFive.MsgId

	// CMQ last: the clock stands still from here, so the received message
	// stays in flight.
	c := cmqClient(env)
	ctx := t.Context()
	_, err = c.Call(ctx, "CreateQueue", cmqclient.P("queueName", "snap-q"))
	require.NoError(t, err)
	_, err = c.Call(ctx, "SendMessage", cmqclient.P("queueName", "snap-q", "msgBody", "in flight"))
	require.NoError(t, err)
	got, err := c.Call(ctx, "ReceiveMessage", cmqclient.P("queueName", "snap-q", "pollingWaitSeconds", "0"))
	require.NoError(t, err)
	var received struct{ MsgBody, ReceiptHandle string }
	require.NoError(t, got.Into(&received))
	require.Equal(t, "in flight", received.MsgBody)
	f.cmqReceipt = received.ReceiptHandle
	_, err = c.Call(ctx, "SendMessage", cmqclient.P("queueName", "snap-q", "msgBody", "visible"))
	require.NoError(t, err)
	_, err = c.Call(ctx, "SendMessage", cmqclient.P("queueName", "snap-q", "msgBody", "delayed", "delaySeconds", "3600"))
	require.NoError(t, err)
	_, err = c.Call(ctx, "CreateQueue", cmqclient.P("queueName", "gone"))
	require.NoError(t, err)
	_, err = c.Call(ctx, "DeleteQueue", cmqclient.P("queueName", "gone"))
	require.NoError(t, err)

	f.offset = env.Clock().Offset()
	return f
}

func cmqClient(env *emutest.Env) *cmqclient.Client {
	return cmqclient.New(env.URL("cmq"), env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
}

func okTDMQ(t *testing.T, sdk *tdmqtest.SDK, action string, params map[string]any) json.RawMessage {
	t.Helper()
	raw, err := sdk.Call("tdmq", action, params)
	require.NoError(t, err, action)
	return raw
}

// seeEveryProduct finds through the SDKs what fillEveryProduct made.
func seeEveryProduct(t *testing.T, env *emutest.Env, f filled) {
	t.Helper()
	assert.Equal(t, f.offset, env.Clock().Offset(), "the clock offset is back")

	get := ons.CreateOnsMessageGetByMsgIdRequest()
	get.Scheme, get.InstanceId, get.Topic, get.MsgId = "http", onsInstance, "snap-orders", f.onsMsgID
	got, err := onsClient(t, env).OnsMessageGetByMsgId(get)
	require.NoError(t, err)
	assert.Equal(t, f.onsMsgID, got.Data.MsgId)
	assert.Equal(t, "ons body", got.Data.Body)

	query := onsmqtt.CreateQueryTokenRequest()
	query.Scheme, query.InstanceId, query.Token = "http", mqttInstance, f.mqttToken
	valid, err := mqttClient(t, env).QueryToken(query)
	require.NoError(t, err)
	assert.True(t, valid.TokenStatus, "the MQTT token is valid again")

	sdk := tdmqtest.DefaultSDK(t, env)
	var four struct {
		Body      string
		MsgId     string
		RequestId string
	}
	raw := okTDMQ(t, sdk, "DescribeRocketMQMsg", map[string]any{"ClusterId": f.cluster, "EnvironmentId": "dev", "TopicName": "orders", "MsgId": f.clusterMsgID, "PulsarMsgId": ""})
	require.NoError(t, json.Unmarshal(raw, &four))
	assert.Equal(t, "four", four.Body)

	var five struct{ Body string }
	require.NoError(t, json.Unmarshal(sdk.OK("DescribeMessage", map[string]any{"InstanceId": f.instance, "Topic": "orders", "MsgId": f.instanceMsgID}, nil), &five))
	assert.Equal(t, "five", five.Body)

	// CMQ: the visible message is received (not the one in flight nor the
	// delayed one), the receipt handle of the one in flight deletes it, and
	// the deleted queue's name is still locked out.
	c := cmqClient(env)
	ctx := t.Context()
	again, err := c.Call(ctx, "ReceiveMessage", cmqclient.P("queueName", "snap-q", "pollingWaitSeconds", "0"))
	require.NoError(t, err)
	var received struct{ MsgBody string }
	require.NoError(t, again.Into(&received))
	assert.Equal(t, "visible", received.MsgBody)
	_, err = c.Call(ctx, "DeleteMessage", cmqclient.P("queueName", "snap-q", "receiptHandle", f.cmqReceipt))
	assert.NoError(t, err, "the receipt handle of the message in flight still deletes it")
	_, err = c.Call(ctx, "CreateQueue", cmqclient.P("queueName", "gone"))
	var cerr *cmqclient.Error
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, "10660", cerr.Module, "the recreate lockout holds")
}

func getRaw(t *testing.T, env *emutest.Env, path string) string {
	t.Helper()
	var body string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, path, "", "", &body), body)
	return body
}

func TestSnapshotRoundTripIntoAFreshEmulator(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	from := emutest.Start(t, emutest.FrozenAt(at))
	f := fillEveryProduct(t, from)
	doc := getRaw(t, from, "/_mqmock/snapshot")
	for _, want := range []string{`"format": "mqmock-state"`, `"version": 1`, `"mqmockVersion"`, `"savedAt"`, `"offset": "2h0m0s"`} {
		assert.Contains(t, doc, want)
	}

	to := emutest.Start(t, emutest.FrozenAt(at))
	var answer string
	// A state document may be far over the 1 MB of other control bodies
	// (here in whitespace, which JSON allows).
	big := doc + strings.Repeat(" ", 2<<20)
	require.Equal(t, http.StatusOK, control(t, to, http.MethodPut, "/_mqmock/snapshot", "application/json", big, &answer), answer)
	assert.JSONEq(t, getRaw(t, from, "/_mqmock/state"), getRaw(t, to, "/_mqmock/state"), "the same state, ids and all")
	// The restored state exports as it was given (savedAt aside).
	again := getRaw(t, to, "/_mqmock/snapshot")
	assert.JSONEq(t, withoutSavedAt(t, doc), withoutSavedAt(t, again))
	seeEveryProduct(t, to, f)
}

func withoutSavedAt(t *testing.T, doc string) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(doc), &m))
	delete(m, "savedAt")
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return string(out)
}

// A bad document answers 400 with one error naming what is wrong, and
// changes nothing: not the products it would have restored first, not the
// clock.
func TestSnapshotPutRefusesABadDocumentAndChangesNothing(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	f := fillEveryProduct(t, env)
	good := getRaw(t, env, "/_mqmock/snapshot")
	before := getRaw(t, env, "/_mqmock/state")

	edit := func(fn func(doc map[string]any)) string {
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(good), &doc))
		fn(doc)
		out, err := json.Marshal(doc)
		require.NoError(t, err)
		return string(out)
	}
	product := func(doc map[string]any, door, name string) map[string]any {
		return doc["products"].(map[string]any)[door].(map[string]any)[name].(map[string]any)
	}
	tests := []struct{ name, body, want string }{
		{"not JSON", "{", "not a state document"},
		{"another format", `{"format":"something-else","version":1}`, `format is "something-else"`},
		{"a newer version", edit(func(d map[string]any) { d["version"] = 2 }), "written by a newer mqmock (state version 2; this build reads version 1)"},
		{"an unknown field", edit(func(d map[string]any) { d["colour"] = "blue" }), `unknown field "colour"`},
		{"a bad clock", edit(func(d map[string]any) { d["clock"] = map[string]any{"offset": "soon"} }), `clock.offset "soon"`},
		{"an unknown product", edit(func(d map[string]any) {
			d["products"].(map[string]any)["kafka"] = map[string]any{"kafka": map[string]any{}}
		}), "products.kafka.kafka: no such product"},
		// The last product restored is bad: the others, checked first, stay as they were.
		{"a newer product part", edit(func(d map[string]any) { product(d, "mqtt", "mqtt")["version"] = 9 }), "products.mqtt.mqtt: version 9 was written by a newer mqmock"},
		{"an unconfigured account", edit(func(d map[string]any) {
			product(d, "mqtt", "mqtt")["instances"].([]any)[0].(map[string]any)["account"] = "nobody"
		}), `account "nobody" is not configured`},
		{"a token of no instance", edit(func(d map[string]any) {
			product(d, "mqtt", "mqtt")["tokens"].([]any)[0].(map[string]any)["instanceId"] = "post-cn-gone"
		}), `instance "post-cn-gone" is not in the snapshot`},
	}
	// Something to tell a restore happened: a topic made after the export.
	oc := onsClient(t, env)
	topic := ons.CreateOnsTopicCreateRequest()
	topic.Scheme, topic.InstanceId, topic.Topic, topic.MessageType = "http", onsInstance, "made-after", requests.NewInteger(0)
	_, err := oc.OnsTopicCreate(topic)
	require.NoError(t, err)
	env.Advance(time.Minute)
	before = getRaw(t, env, "/_mqmock/state")
	clockBefore := env.Clock().Offset()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var answer map[string]any
			require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPut, "/_mqmock/snapshot", "application/json", tt.body, &answer))
			require.Len(t, answer, 1, "one error: %v", answer)
			assert.Contains(t, answer["error"], tt.want)
			assert.Contains(t, answer["error"], "nothing was changed")
			assert.JSONEq(t, before, getRaw(t, env, "/_mqmock/state"))
			assert.Equal(t, clockBefore, env.Clock().Offset())
		})
	}
	// And the good one still restores (the topic made after it is gone).
	var answer string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/snapshot", "application/json", good, &answer), answer)
	assert.NotContains(t, getRaw(t, env, "/_mqmock/state"), "made-after")
	seeEveryProduct(t, env, f)
}

// The state file: loaded by New, written at Shutdown (atomically: no
// temporary file is left beside it), and refused with one line when a
// newer build wrote it or it is not a state file.
func TestStateFileAcrossEmulators(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	first := emutest.Start(t, emutest.FrozenAt(at), emutest.WithConfig(func(c *emulator.Config) { c.State.File = path }))
	f := fillEveryProduct(t, first)
	state := getRaw(t, first, "/_mqmock/state")
	require.NoError(t, first.Shutdown(t.Context()))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the state file: %v", entries)

	second := emutest.Start(t, emutest.FrozenAt(at), emutest.WithConfig(func(c *emulator.Config) { c.State.File = path }))
	assert.JSONEq(t, state, getRaw(t, second, "/_mqmock/state"))
	seeEveryProduct(t, second, f)

	cfgWith := func(file string) emulator.Config {
		cfg := emulator.OnFreePorts(emulator.DefaultConfig())
		cfg.State.File = file
		return cfg
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	newer := filepath.Join(dir, "newer.json")
	require.NoError(t, os.WriteFile(newer, []byte(strings.Replace(string(data), `"version": 1`, `"version": 7`, 1)), 0o600))
	garbage := filepath.Join(dir, "garbage.json")
	require.NoError(t, os.WriteFile(garbage, []byte("not json"), 0o600))
	for file, want := range map[string]string{
		newer:   "state file " + newer + ": written by a newer mqmock (state version 7; this build reads version 1)",
		garbage: "state file " + garbage + ": not a state document",
	} {
		_, err := emulator.New(cfgWith(file))
		require.Error(t, err, file)
		assert.Contains(t, err.Error(), want)
		assert.Contains(t, err.Error(), "move the file aside")
		assert.NotContains(t, err.Error(), "\n")
		after, err := os.ReadFile(file)
		require.NoError(t, err)
		assert.NotEqual(t, 0, len(after), "the file is kept as it was")
	}

	// A missing file is a first run.
	e, err := emulator.New(cfgWith(filepath.Join(dir, "first-run.json")))
	require.NoError(t, err)
	require.NoError(t, e.Shutdown(t.Context()))
	_, err = os.Stat(filepath.Join(dir, "first-run.json"))
	assert.NoError(t, err, "written at shutdown")
}
