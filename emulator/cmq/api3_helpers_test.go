package cmq_test

// Helpers of the API 3.0 tests: the Cmq* actions through the official Go
// SDK's CommonClient (tdmqtest), answers decoded strictly into the types of
// tdmq-cmq.md §9, written here from the spec (uint64 wherever the Go SDK
// says so), never from the product's own structs.

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/internal/sign/tc3"
)

type p = map[string]any

// api3 drives the Cmq* actions of service tdmq for one account.
type api3 struct {
	t   testing.TB
	sdk *tdmqtest.SDK
}

func api3Default(t testing.TB, env *emutest.Env) *api3 {
	return &api3{t: t, sdk: tdmqtest.DefaultSDK(t, env)}
}

func api3Other(t testing.TB, env *emutest.Env) *api3 {
	return &api3{t: t, sdk: tdmqtest.NewSDK(t, env, env.Other.Tencent.SecretID, env.Other.Tencent.SecretKey)}
}

// ok sends an action that must succeed and decodes its Response strictly
// into out (when non-nil): an unknown field, a missing RequestId or a
// negative number in a uint64 fails.
func (a *api3) ok(action string, params p, out any) json.RawMessage {
	a.t.Helper()
	raw, err := a.sdk.Call("tdmq", action, params)
	require.NoError(a.t, err, "%s(%v)", action, params)
	var members map[string]json.RawMessage
	require.NoError(a.t, json.Unmarshal(raw, &members))
	var rid string
	require.NoError(a.t, json.Unmarshal(members["RequestId"], &rid), "%s: RequestId", action)
	assert.Regexp(a.t, tdmqtest.RequestID, rid)
	if out != nil {
		delete(members, "RequestId")
		rest, err := json.Marshal(members)
		require.NoError(a.t, err)
		tdmqtest.StrictDecode(a.t, rest, out)
	}
	return raw
}

// fail sends an action that must fail with code (the message holds the
// catalogue's text, the request id is a UUID).
func (a *api3) fail(action string, params p, code string) *tcerr.TencentCloudSDKError {
	a.t.Helper()
	return a.sdk.FailIn("tdmq", action, params, code)
}

// The response types of tdmq-cmq.md §9, with the Go SDK's types.

type cmqTag struct {
	TagKey   string
	TagValue string
}

type cmqDeadLetterSource struct {
	QueueId   string
	QueueName string
}

type cmqDeadLetterPolicy struct {
	DeadLetterQueue string
	Policy          uint64
	MaxTimeToLive   uint64
	MaxReceiveCount uint64
}

type cmqTransactionPolicy struct {
	FirstQueryInterval uint64
	MaxQueryCount      uint64
}

type cmqQueue struct {
	QueueId             string
	QueueName           string
	Qps                 uint64
	Bps                 uint64
	MaxDelaySeconds     uint64
	MaxMsgHeapNum       uint64
	PollingWaitSeconds  uint64
	MsgRetentionSeconds uint64
	VisibilityTimeout   uint64
	MaxMsgSize          uint64
	RewindSeconds       uint64
	CreateTime          uint64
	LastModifyTime      uint64
	ActiveMsgNum        uint64
	InactiveMsgNum      uint64
	DelayMsgNum         *uint64
	RewindMsgNum        *uint64
	MinMsgTime          *uint64
	Transaction         *bool
	DeadLetterSource    []cmqDeadLetterSource
	DeadLetterPolicy    *cmqDeadLetterPolicy
	TransactionPolicy   *cmqTransactionPolicy
	CreateUin           *uint64
	Tags                []cmqTag
	Trace               *bool
	TenantId            string
	NamespaceName       string
	Status              int64
	MaxUnackedMsgNum    int64
	MaxMsgBacklogSize   int64
	RetentionSizeInMB   uint64
}

type cmqTopic struct {
	TopicId             string
	TopicName           string
	MsgRetentionSeconds uint64
	MaxMsgSize          uint64
	Qps                 uint64
	FilterType          uint64
	CreateTime          uint64
	LastModifyTime      uint64
	MsgCount            uint64
	CreateUin           *uint64
	Tags                []cmqTag
	Trace               *bool
	TenantId            string
	NamespaceName       string
	Status              int64
	BrokerType          int64
	SubscriptionCount   int64
}

type cmqSubscription struct {
	SubscriptionName    string
	SubscriptionId      string
	TopicOwner          *uint64
	MsgCount            uint64
	LastModifyTime      uint64
	CreateTime          uint64
	BindingKey          []string
	Endpoint            string
	FilterTags          []string
	Protocol            string
	NotifyStrategy      string
	NotifyContentFormat string
	TopicName           string
}

type queueList struct {
	TotalCount uint64
	QueueList  []cmqQueue
}

type queueDetail struct{ QueueDescribe cmqQueue }

type topicList struct {
	TopicList  []cmqTopic
	TotalCount uint64
}

type topicDetail struct{ TopicDescribe cmqTopic }

type subscriptionList struct {
	TotalCount      uint64
	SubscriptionSet []cmqSubscription
}

type sent struct {
	Result bool
	MsgId  string
}

type empty struct{}

// nonNullMembers checks that each named member of a JSON object is present
// and not null: the Java CMQ SDK unboxes them (tdmq-cmq.md §12.1).
func nonNullMembers(t testing.TB, raw json.RawMessage, names ...string) {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &m))
	for _, n := range names {
		v, ok := m[n]
		if assert.True(t, ok, "%s missing in %s", n, raw) {
			assert.NotEqual(t, "null", string(v), "%s is null", n)
		}
	}
}

// queue creates a queue through API 3.0 and returns its id.
func (a *api3) queue(name string, params p) string {
	a.t.Helper()
	req := p{"QueueName": name}
	for k, v := range params {
		req[k] = v
	}
	var out struct{ QueueId string }
	a.ok("CreateCmqQueue", req, &out)
	require.NotEmpty(a.t, out.QueueId)
	return out.QueueId
}

// detail is DescribeCmqQueueDetail.
func (a *api3) detail(name string) cmqQueue {
	a.t.Helper()
	var out queueDetail
	a.ok("DescribeCmqQueueDetail", p{"QueueName": name}, &out)
	return out.QueueDescribe
}

// topic creates a topic through API 3.0 and returns its id.
func (a *api3) topic(name string, params p) string {
	a.t.Helper()
	req := p{"TopicName": name}
	for k, v := range params {
		req[k] = v
	}
	var out struct{ TopicId string }
	a.ok("CreateCmqTopic", req, &out)
	require.NotEmpty(a.t, out.TopicId)
	return out.TopicId
}

// topicDetail is DescribeCmqTopicDetail.
func (a *api3) topicDetail(name string) cmqTopic {
	a.t.Helper()
	var out topicDetail
	a.ok("DescribeCmqTopicDetail", p{"TopicName": name}, &out)
	return out.TopicDescribe
}

// subscribe creates a subscription through API 3.0 and returns its id.
func (a *api3) subscribe(topic, name string, params p) string {
	a.t.Helper()
	req := p{"TopicName": topic, "SubscriptionName": name}
	for k, v := range params {
		req[k] = v
	}
	var out struct{ SubscriptionId string }
	a.ok("CreateCmqSubscribe", req, &out)
	require.NotEmpty(a.t, out.SubscriptionId)
	return out.SubscriptionId
}

// subscriptions is DescribeCmqSubscriptionDetail of a topic.
func (a *api3) subscriptions(topic string) subscriptionList {
	a.t.Helper()
	var out subscriptionList
	a.ok("DescribeCmqSubscriptionDetail", p{"TopicName": topic}, &out)
	return out
}

type jsonRaw = json.RawMessage

func decodeJSON(t testing.TB, raw []byte, out any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(raw, out), "%s", raw)
}

func u64(v uint64) *uint64 { return &v }

func boolp(v bool) *bool { return &v }

// getAPI3 sends a Cmq* action as the Node SDK's GET form (a TC3-signed
// GET, parameters flattened into the query) and returns the body.
func getAPI3(t testing.TB, env *emutest.Env, action, query string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, env.URL("tdmq")+"/?"+query, nil)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return sendAPI3(t, env, req, "ap-guangzhou", action)
}

// rawAPI3 POSTs a Cmq* action's JSON body in region ("" sends no
// X-TC-Region) and returns the body.
func rawAPI3(t testing.TB, env *emutest.Env, region, action, body string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, env.URL("tdmq")+"/", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	return sendAPI3(t, env, req, region, action)
}

func sendAPI3(t testing.TB, env *emutest.Env, req *http.Request, region, action string) []byte {
	t.Helper()
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", tdmq.VersionTDMQ)
	if region != "" {
		req.Header.Set("X-TC-Region", region)
	}
	require.NoError(t, tc3.SignRequest(req, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey, "tdmq", time.Now().Unix()))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	return body
}

// product is the CMQ product behind the emulator's doors.
func product(env *emutest.Env) *cmq.Product {
	return env.Door("cmq").Products[0].Value.(*cmq.Product)
}

// waiters counts the receives parked on one of the default account's
// queues.
func waiters(env *emutest.Env, queue string) int {
	return cmq.Waiters(product(env), env.Default.Name, queue)
}
