package tdmq_test

// Signature v1 (SignMethod HmacSHA1 / HmacSHA256) through the official Go SDK
// (tencentcloud-sdk-go/tencentcloud/common v1.3.210). Its CommonClient drops
// every action parameter under v1 (tencentcloud-api3.md v1.1), so the calls
// use typed requests the way the generated product packages do: a struct
// embedding *tchttp.BaseRequest with `name:` tags, flattened by the SDK's own
// ConstructParams (Filters.0.Values.0=a, numbers and booleans as text) into a
// form POST body or a GET query. A recording transport shows that each call
// really went out as v1.

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/journal"
)

// Typed requests, shaped like the generated trocket/tdmq models.

type v1Tag struct {
	TagKey   *string `json:"TagKey,omitempty" name:"TagKey"`
	TagValue *string `json:"TagValue,omitempty" name:"TagValue"`
}

type v1Vpc struct {
	VpcId    *string `json:"VpcId,omitempty" name:"VpcId"`
	SubnetId *string `json:"SubnetId,omitempty" name:"SubnetId"`
}

type v1Filter struct {
	Name   *string   `json:"Name,omitempty" name:"Name"`
	Values []*string `json:"Values,omitempty" name:"Values"`
}

type v1TagFilter struct {
	TagKey    *string   `json:"TagKey,omitempty" name:"TagKey"`
	TagValues []*string `json:"TagValues,omitempty" name:"TagValues"`
}

// trocket 2023-03-08

type v1CreateInstance struct {
	*tchttp.BaseRequest
	InstanceType     *string  `name:"InstanceType"`
	Name             *string  `name:"Name"`
	SkuCode          *string  `name:"SkuCode"`
	Remark           *string  `name:"Remark"`
	TagList          []*v1Tag `name:"TagList"`
	VpcList          []*v1Vpc `name:"VpcList"`
	EnablePublic     *bool    `name:"EnablePublic"`
	MessageRetention *int64   `name:"MessageRetention"`
}

type v1DescribeInstanceList struct {
	*tchttp.BaseRequest
	Filters    []*v1Filter    `name:"Filters"`
	TagFilters []*v1TagFilter `name:"TagFilters"`
	Offset     *int64         `name:"Offset"`
	Limit      *int64         `name:"Limit"`

	// timestamp, when set, replaces the Timestamp the SDK fills in at send
	// time (a stale clock); it carries no name tag, so it is not sent.
	timestamp string
}

// GetParams pins Timestamp: the SDK sets it, then reads the parameters
// through GetParams to sign them and build the body.
func (r *v1DescribeInstanceList) GetParams() map[string]string {
	p := r.BaseRequest.GetParams()
	if r.timestamp != "" {
		p["Timestamp"] = r.timestamp
	}
	return p
}

type v1CreateTopic struct {
	*tchttp.BaseRequest
	InstanceId *string `name:"InstanceId"`
	Topic      *string `name:"Topic"`
	TopicType  *string `name:"TopicType"`
	QueueNum   *int64  `name:"QueueNum"`
	Remark     *string `name:"Remark"`
	MsgTTL     *int64  `name:"MsgTTL"`
}

type v1DescribeTopicList struct {
	*tchttp.BaseRequest
	InstanceId *string     `name:"InstanceId"`
	Filters    []*v1Filter `name:"Filters"`
	Offset     *int64      `name:"Offset"`
	Limit      *int64      `name:"Limit"`
}

// tdmq 2020-02-17

type v1CreateRocketMQCluster struct {
	*tchttp.BaseRequest
	Name    *string  `name:"Name"`
	Remark  *string  `name:"Remark"`
	TagList []*v1Tag `name:"TagList"`
}

type v1DescribeRocketMQClusters struct {
	*tchttp.BaseRequest
	Offset        *uint64     `name:"Offset"`
	Limit         *uint64     `name:"Limit"`
	ClusterIdList []*string   `name:"ClusterIdList"`
	IsTagFilter   *bool       `name:"IsTagFilter"`
	Filters       []*v1Filter `name:"Filters"`
}

// A request whose parameters do not fit the action: Limit as text, and a
// name the action does not define.
type v1Misfit struct {
	*tchttp.BaseRequest
	Limit  *string `name:"Limit"`
	Colour *string `name:"Colour"`
}

// v1Response keeps the raw Response object.
type v1Response struct {
	*tchttp.BaseResponse
	Response json.RawMessage `json:"Response"`
}

func withAPI(service, action string) *tchttp.BaseRequest {
	version := tdmq.VersionTRocket
	if service == "tdmq" {
		version = tdmq.VersionTDMQ
	}
	return (&tchttp.BaseRequest{}).Init().WithApiInfo(service, version, action)
}

// v1Mode is one way the SDK sends v1.
type v1Mode struct{ method, sign string }

func (m v1Mode) String() string { return m.method + "-" + m.sign }

var v1Modes = []v1Mode{
	{http.MethodPost, "HmacSHA256"},
	{http.MethodGet, "HmacSHA256"},
	{http.MethodPost, "HmacSHA1"},
	{http.MethodGet, "HmacSHA1"},
}

// sent is what the recording transport saw of the last request.
type sent struct {
	method, contentType string
	header              http.Header
	form                url.Values // the query for GET, the body for POST
	rawQuery            string
}

type recorder struct {
	mu   sync.Mutex
	last sent
	rt   http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	s := sent{method: req.Method, contentType: req.Header.Get("Content-Type"), header: req.Header.Clone(), rawQuery: req.URL.RawQuery}
	raw := req.URL.RawQuery
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(body)
		if err != nil {
			return nil, err
		}
		if req.Method == http.MethodPost {
			raw = string(b)
		}
	}
	form, err := url.ParseQuery(raw)
	if err != nil {
		return nil, err
	}
	s.form = form
	r.mu.Lock()
	r.last = s
	r.mu.Unlock()
	return r.rt.RoundTrip(req)
}

func (r *recorder) lastSent() sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// v1SDK is a Go SDK client signing with v1 in one mode.
type v1SDK struct {
	t      *testing.T
	mode   v1Mode
	client *common.Client
	rec    *recorder
}

func newV1SDK(t *testing.T, env *emutest.Env, cred *common.Credential, mode v1Mode) *v1SDK {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = env.TDMQ
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqMethod = mode.method
	cpf.HttpProfile.ReqTimeout = 10
	cpf.SignMethod = mode.sign
	client := common.NewCommonClient(cred, "ap-guangzhou", cpf)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	rec := &recorder{rt: tr}
	client.WithHttpTransport(rec)
	return &v1SDK{t: t, mode: mode, client: client, rec: rec}
}

func defaultV1SDK(t *testing.T, env *emutest.Env, mode v1Mode) *v1SDK {
	return newV1SDK(t, env, common.NewCredential(env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey), mode)
}

// send sends req and checks that it went out as v1 in the client's mode.
func (c *v1SDK) send(req tchttp.Request) (json.RawMessage, error) {
	c.t.Helper()
	resp := &v1Response{BaseResponse: &tchttp.BaseResponse{}}
	err := c.client.Send(req, resp)
	s := c.rec.lastSent()
	assert.Equal(c.t, c.mode.method, s.method)
	assert.Empty(c.t, s.header.Get("Authorization"), "v1 sends no Authorization")
	assert.Empty(c.t, s.header.Get("X-TC-Action"), "v1 sends no X-TC-* header")
	assert.Equal(c.t, c.mode.sign, s.form.Get("SignatureMethod"))
	assert.NotEmpty(c.t, s.form.Get("Signature"))
	assert.Equal(c.t, req.GetAction(), s.form.Get("Action"))
	if c.mode.method == http.MethodPost {
		assert.Equal(c.t, "application/x-www-form-urlencoded", s.contentType)
		assert.Empty(c.t, s.rawQuery)
	}
	if err != nil {
		return nil, err
	}
	return resp.Response, nil
}

// ok sends req, which must succeed, and decodes the Response into out.
func (c *v1SDK) ok(req tchttp.Request, out any) {
	c.t.Helper()
	raw, err := c.send(req)
	require.NoError(c.t, err, "%s %s", c.mode, req.GetAction())
	if out != nil {
		tdmqtest.StrictDecode(c.t, raw, out)
	}
}

// fail sends req, which must fail with code.
func (c *v1SDK) fail(req tchttp.Request, code string) *tcerr.TencentCloudSDKError {
	c.t.Helper()
	_, err := c.send(req)
	var se *tcerr.TencentCloudSDKError
	require.True(c.t, errors.As(err, &se), "%s %s: want %s, got %v", c.mode, req.GetAction(), code, err)
	assert.Equal(c.t, code, se.Code, "%s %s: %s", c.mode, req.GetAction(), se.Message)
	assert.Regexp(c.t, tdmqtest.RequestID, se.RequestId)
	return se
}

func str(s string) *string { return &s }
func i64(n int64) *int64   { return &n }
func u64(n uint64) *uint64 { return &n }
func boolean(b bool) *bool { return &b }
func strs(ss ...string) []*string {
	out := make([]*string, len(ss))
	for i := range ss {
		out[i] = &ss[i]
	}
	return out
}

// TestSignatureV1SDKTRocket: 5.x instances and topics created and listed with
// nested Filters, TagFilters, VpcList and TagList, numbers and booleans, by
// v1 GET and POST with both hashes; what a v1 list returns is what the same
// list sent as TC3 JSON returns.
func TestSignatureV1SDKTRocket(t *testing.T) {
	env := emutest.Start(t)
	tc3 := tdmqtest.DefaultSDK(t, env)
	for _, mode := range v1Modes {
		t.Run(mode.String(), func(t *testing.T) {
			c := defaultV1SDK(t, env, mode)
			name := "v1-" + strings.ToLower(mode.String())
			var created struct{ InstanceId, RequestId string }
			c.ok(&v1CreateInstance{BaseRequest: withAPI("trocket", "CreateInstance"),
				InstanceType: str("BASIC"), Name: str(name), SkuCode: str("basic_2k"), Remark: str("made by v1"),
				TagList:      []*v1Tag{{TagKey: str("mode"), TagValue: str(mode.String())}},
				VpcList:      []*v1Vpc{{VpcId: str("vpc-1"), SubnetId: str("subnet-1")}},
				EnablePublic: boolean(false), MessageRetention: i64(48),
			}, &created)
			require.NotEmpty(t, created.InstanceId)

			var instance struct {
				InstanceName, Remark string
				MessageRetention     int64
				EnablePublic         bool
				TagList              []struct{ TagKey, TagValue string }
			}
			require.NoError(t, json.Unmarshal(tc3.OK("DescribeInstance", map[string]any{"InstanceId": created.InstanceId}, nil), &instance))
			assert.Equal(t, name, instance.InstanceName)
			assert.Equal(t, "made by v1", instance.Remark)
			assert.Equal(t, int64(48), instance.MessageRetention)
			assert.False(t, instance.EnablePublic)
			assert.Equal(t, []struct{ TagKey, TagValue string }{{"mode", mode.String()}}, instance.TagList)

			// "007" is a topic name, not a number: typing comes from the action.
			for _, topic := range []string{"orders", "007"} {
				c.ok(&v1CreateTopic{BaseRequest: withAPI("trocket", "CreateTopic"),
					InstanceId: str(created.InstanceId), Topic: str(topic), TopicType: str("NORMAL"),
					QueueNum: i64(4), MsgTTL: i64(48), Remark: str("r " + topic)}, nil)
			}
			var topics struct {
				TotalCount int64
				Data       []struct {
					Topic    string
					QueueNum int64
					MsgTTL   int64
				}
			}
			raw, err := c.send(&v1DescribeTopicList{BaseRequest: withAPI("trocket", "DescribeTopicList"), InstanceId: str(created.InstanceId),
				Filters: []*v1Filter{{Name: str("TopicName"), Values: strs("00")}}, Offset: i64(0), Limit: i64(20)})
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &topics))
			require.Equal(t, int64(1), topics.TotalCount, "%s", raw)
			assert.Equal(t, "007", topics.Data[0].Topic)
			assert.Equal(t, int64(4), topics.Data[0].QueueNum)
			assert.Equal(t, int64(48), topics.Data[0].MsgTTL)

			// Two filters, two values each, and a tag filter. The SDK skips
			// nil elements without renumbering (Filters.1…, Values.1…): the
			// gaps close up as in the JSON form.
			list := &v1DescribeInstanceList{BaseRequest: withAPI("trocket", "DescribeInstanceList"),
				Filters: []*v1Filter{
					nil,
					{Name: str("InstanceName"), Values: append([]*string{nil}, strs(name, "no-such-name")...)},
					{Name: str("InstanceId"), Values: strs(created.InstanceId, "rmq-nothere")},
				},
				TagFilters: []*v1TagFilter{{TagKey: str("mode"), TagValues: strs(mode.String())}},
				Offset:     i64(0), Limit: i64(10)}
			viaV1, err := c.send(list)
			require.NoError(t, err)
			assert.Equal(t, name, c.rec.lastSent().form.Get("Filters.1.Values.1"))
			assert.False(t, c.rec.lastSent().form.Has("Filters.0.Name"))
			viaTC3 := tc3.OK("DescribeInstanceList", map[string]any{
				"Filters": []map[string]any{
					{"Name": "InstanceName", "Values": []string{name, "no-such-name"}},
					{"Name": "InstanceId", "Values": []string{created.InstanceId, "rmq-nothere"}},
				},
				"TagFilters": []map[string]any{{"TagKey": "mode", "TagValues": []string{mode.String()}}},
				"Offset":     0, "Limit": 10,
			}, nil)
			var a, b struct {
				TotalCount int64
				Data       json.RawMessage
			}
			require.NoError(t, json.Unmarshal(viaV1, &a))
			require.NoError(t, json.Unmarshal(viaTC3, &b))
			assert.Equal(t, int64(1), a.TotalCount, "%s", viaV1)
			assert.JSONEq(t, string(b.Data), string(a.Data))
			assert.Contains(t, string(a.Data), created.InstanceId)
		})
	}
}

// TestSignatureV1SDKTDMQ: 4.x clusters created with tags and listed by id
// list and tag filter (uint64 Offset/Limit, a boolean, nested Filters), by
// v1 GET and POST with both hashes.
func TestSignatureV1SDKTDMQ(t *testing.T) {
	env := emutest.Start(t)
	for _, mode := range v1Modes {
		t.Run(mode.String(), func(t *testing.T) {
			c := defaultV1SDK(t, env, mode)
			var ids []string
			for i, team := range []string{"red", "blue"} {
				var created struct{ ClusterId, RequestId string }
				c.ok(&v1CreateRocketMQCluster{BaseRequest: withAPI("tdmq", "CreateRocketMQCluster"),
					Name: str("v1-" + strings.ToLower(mode.String()) + "-" + strconv.Itoa(i)), Remark: str("v1"),
					TagList: []*v1Tag{{TagKey: str("team"), TagValue: str(team)}, {TagKey: str("mode"), TagValue: str(mode.String())}},
				}, &created)
				require.NotEmpty(t, created.ClusterId)
				ids = append(ids, created.ClusterId)
			}
			type clusters struct {
				TotalCount  uint64
				ClusterList []struct {
					Info struct{ ClusterId, ClusterName string }
				}
			}
			var byID clusters
			raw, err := c.send(&v1DescribeRocketMQClusters{BaseRequest: withAPI("tdmq", "DescribeRocketMQClusters"),
				Offset: u64(0), Limit: u64(20), ClusterIdList: strs(ids[1], "rocketmq-nothere")})
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &byID))
			require.Equal(t, uint64(1), byID.TotalCount, "%s", raw)
			assert.Equal(t, ids[1], byID.ClusterList[0].Info.ClusterId)

			var byTag clusters
			raw, err = c.send(&v1DescribeRocketMQClusters{BaseRequest: withAPI("tdmq", "DescribeRocketMQClusters"),
				Offset: u64(0), Limit: u64(20), IsTagFilter: boolean(true),
				Filters: []*v1Filter{{Name: str("tag:team"), Values: strs("red")}, {Name: str("mode"), Values: strs(mode.String())}}})
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &byTag))
			require.Equal(t, uint64(1), byTag.TotalCount, "%s", raw)
			assert.Equal(t, ids[0], byTag.ClusterList[0].Info.ClusterId)
		})
	}
}

// TestSignatureV1SDKFailures: the common codes v1 answers through the SDK.
func TestSignatureV1SDKFailures(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{
			{Name: "team", Tencent: config.Tencent{SecretID: "AKIDteam000000000000000000000000001", SecretKey: "team-key", AppID: 1250000009}},
			{Name: "sts", Tencent: config.Tencent{SecretID: "AKIDsts0000000000000000000000000001", SecretKey: "sts-key", AppID: 1250000007, Token: "sts-token"}},
			{Name: "cam", Tencent: config.Tencent{SecretID: "AKIDcam0000000000000000000000000001", SecretKey: "cam-key", AppID: 1250000008}, Flags: config.Flags{NoCAMAuthorization: true}},
		}
	}))
	list := func() *v1DescribeInstanceList {
		return &v1DescribeInstanceList{BaseRequest: withAPI("trocket", "DescribeInstanceList"), Offset: i64(0), Limit: i64(1)}
	}
	clusters := func() *v1DescribeRocketMQClusters {
		return &v1DescribeRocketMQClusters{BaseRequest: withAPI("tdmq", "DescribeRocketMQClusters"), Offset: u64(0), Limit: u64(1)}
	}
	for _, mode := range v1Modes {
		t.Run(mode.String(), func(t *testing.T) {
			team := newV1SDK(t, env, common.NewCredential("AKIDteam000000000000000000000000001", "team-key"), mode)
			team.ok(list(), nil)
			team.ok(clusters(), nil)

			wrong := newV1SDK(t, env, common.NewCredential("AKIDteam000000000000000000000000001", "not-the-key"), mode)
			se := wrong.fail(list(), "AuthFailure.SignatureFailure")
			assert.Equal(t, "The provided credentials could not be validated. Please ensure your signature is correct.", se.Message)
			wrong.fail(clusters(), "AuthFailure.SignatureFailure")

			for _, skew := range []time.Duration{-301 * time.Second, 301 * time.Second} {
				stale := list()
				stale.timestamp = strconv.FormatInt(time.Now().Add(skew).Unix(), 10)
				team.fail(stale, "AuthFailure.SignatureExpire")
			}
			recent := list()
			recent.timestamp = strconv.FormatInt(time.Now().Add(-200*time.Second).Unix(), 10)
			team.ok(recent, nil)

			newV1SDK(t, env, common.NewCredential("AKIDnobody0000000000000000000000000", "k"), mode).fail(list(), "AuthFailure.SecretIdNotFound")
			newV1SDK(t, env, common.NewCredential("AKIDsts0000000000000000000000000001", "sts-key"), mode).fail(list(), "AuthFailure.TokenFailure")
			newV1SDK(t, env, common.NewTokenCredential("AKIDsts0000000000000000000000000001", "sts-key", "forged"), mode).fail(list(), "AuthFailure.TokenFailure")
			newV1SDK(t, env, common.NewTokenCredential("AKIDsts0000000000000000000000000001", "sts-key", "sts-token"), mode).ok(list(), nil)
			newV1SDK(t, env, common.NewTokenCredential("AKIDteam000000000000000000000000001", "team-key", "unexpected"), mode).fail(list(), "AuthFailure.TokenFailure")
			newV1SDK(t, env, common.NewCredential("AKIDcam0000000000000000000000000001", "cam-key"), mode).fail(list(), "AuthFailure.UnauthorizedOperation")

			// Parameters are checked against the action exactly as in JSON.
			team.fail(&v1Misfit{BaseRequest: withAPI("trocket", "DescribeInstanceList"), Limit: str("many")}, "InvalidParameter")
			team.fail(&v1Misfit{BaseRequest: withAPI("trocket", "DescribeInstanceList"), Colour: str("red")}, "UnknownParameter")
			team.fail(&v1Misfit{BaseRequest: withAPI("tdmq", "DescribeRocketMQClusters"), Limit: str("1")}, "MissingParameter")
			team.fail(&v1Misfit{BaseRequest: withAPI("trocket", "DescribeNothing")}, "InvalidAction")
		})
	}
}

// TestSignatureV1JournalAndFaults: a v1 call's parameters are kept as sent,
// so a fault rule matches the flattened names as it does for a TC3 call, and
// the journal shows them with the Signature redacted; a call refused before
// authentication keeps only the key id it claimed.
func TestSignatureV1JournalAndFaults(t *testing.T) {
	env := emutest.Start(t)
	req, err := http.NewRequest(http.MethodPut, "http://"+env.TDMQ+"/_mqmock/scenario", strings.NewReader(`
name: v1
rules:
  - {name: v1-filter, vendor: tdmq, service: trocket, action: DescribeInstanceList, match: {Filters.0.Values.0: trip}, error: ResourceUnavailable}
`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	c := defaultV1SDK(t, env, v1Mode{http.MethodPost, "HmacSHA256"})
	list := func(value string) *v1DescribeInstanceList {
		return &v1DescribeInstanceList{BaseRequest: withAPI("trocket", "DescribeInstanceList"),
			Filters: []*v1Filter{{Name: str("InstanceName"), Values: strs(value)}}, Limit: i64(5)}
	}
	c.fail(list("trip"), "ResourceUnavailable")
	c.ok(list("calm"), nil)

	entries := env.Journal().List(journal.Filter{Vendor: "tdmq", Action: "DescribeInstanceList", Limit: 2})
	require.Len(t, entries, 2)
	calm, trip := entries[0], entries[1]
	assert.Equal(t, "v1-filter", trip.Fault)
	assert.Equal(t, "", calm.Code)
	assert.Equal(t, "trocket", calm.Service)
	assert.Equal(t, "default", calm.Account)
	assert.Equal(t, "calm", calm.Params["Filters.0.Values.0"])
	assert.Equal(t, "5", calm.Params["Limit"])
	assert.Equal(t, "HmacSHA256", calm.Params["SignatureMethod"])
	assert.NotEmpty(t, calm.Params["Signature"])
	assert.NotContains(t, calm.Params["Signature"], c.rec.lastSent().form.Get("Signature"), "redacted")

	wrong := newV1SDK(t, env, common.NewCredential(env.Default.Tencent.SecretID, "not-the-key"), v1Mode{http.MethodGet, "HmacSHA1"})
	wrong.fail(list("calm"), "AuthFailure.SignatureFailure")
	refused := env.Journal().List(journal.Filter{Vendor: "tdmq", Action: "DescribeInstanceList", Limit: 1})[0]
	assert.Equal(t, "AuthFailure.SignatureFailure", refused.Code)
	assert.Equal(t, env.Default.Tencent.SecretID, refused.Credential)
	assert.Empty(t, refused.Params)
}
