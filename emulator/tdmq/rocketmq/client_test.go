package rocketmq_test

// The 4.x test client: the official Go SDK's CommonClient (common v1.3.210,
// POST, http) against an in-process emulator, with strict decoding into the
// spec-shaped structs of spec_test.go.

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/emutest"
)

var requestID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// client calls service tdmq (2020-02-17) as one account.
type client struct {
	t *testing.T
	c *common.Client
}

func newClient(t *testing.T, env *emutest.Env, a *emutest.Account) *client {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = env.TDMQ
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqTimeout = 10
	return &client{t: t, c: common.NewCommonClient(common.NewCredential(a.Tencent.SecretID, a.Tencent.SecretKey), "ap-guangzhou", cpf)}
}

// start starts an emulator and returns the default account's client.
func start(t *testing.T, opts ...emutest.Option) (*emutest.Env, *client) {
	env := emutest.Start(t, opts...)
	return env, newClient(t, env, env.Default)
}

// call sends one action and returns the "Response" object or the SDK error.
func (c *client) call(action string, params map[string]any) (json.RawMessage, error) {
	req := tchttp.NewCommonRequest("tdmq", "2020-02-17", action)
	if err := req.SetActionParameters(params); err != nil {
		return nil, err
	}
	resp := tchttp.NewCommonResponse()
	if err := c.c.Send(req, resp); err != nil {
		return nil, err
	}
	var env struct{ Response json.RawMessage }
	if err := json.Unmarshal(resp.GetBody(), &env); err != nil {
		return nil, err
	}
	return env.Response, nil
}

// ok sends an action that must succeed and, when out is non-nil, decodes the
// response into it strictly (see decodeStrict).
func (c *client) ok(action string, params map[string]any, out any) {
	c.t.Helper()
	raw, err := c.call(action, params)
	require.NoError(c.t, err, "%s %v", action, params)
	if out != nil {
		decodeStrict(c.t, raw, out)
	}
}

// fail sends an action that must fail with code; the message must start
// with msg (the catalogue's English gloss, written out here, plus any
// detail) and the request id must be a UUID.
func (c *client) fail(action string, params map[string]any, code, msg string) {
	c.t.Helper()
	_, err := c.call(action, params)
	var sdkErr *tcerr.TencentCloudSDKError
	require.True(c.t, errors.As(err, &sdkErr), "%s: want %s, got %v", action, code, err)
	assert.Equal(c.t, code, sdkErr.GetCode(), "%s: %s", action, sdkErr.GetMessage())
	assert.Regexp(c.t, "^"+regexp.QuoteMeta(msg), sdkErr.GetMessage(), action)
	assert.Regexp(c.t, requestID, sdkErr.GetRequestId(), action)
}

// decodeStrict decodes raw (a Response object) into out refusing unknown
// fields and mistyped values, and fails on any field of out's type that the
// response lacks, at every depth. RequestId is the envelope's and is
// checked, then ignored.
func decodeStrict(t *testing.T, raw json.RawMessage, out any) {
	t.Helper()
	var tree map[string]any
	require.NoError(t, json.Unmarshal(raw, &tree))
	id, _ := tree["RequestId"].(string)
	assert.Regexp(t, requestID, id)
	delete(tree, "RequestId")
	body, err := json.Marshal(tree)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(out), "response %s", body)
	var generic any
	require.NoError(t, json.Unmarshal(body, &generic))
	assertFields(t, "Response", generic, reflect.TypeOf(out).Elem())
}

// assertFields checks that every field a struct type declares is present
// (not null) in the JSON value, recursively.
func assertFields(t *testing.T, path string, v any, typ reflect.Type) {
	t.Helper()
	switch typ.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !assert.True(t, ok, "%s is not an object", path) {
			return
		}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			val, present := m[f.Name]
			if !assert.True(t, present && val != nil, "%s.%s missing or null", path, f.Name) {
				continue
			}
			assertFields(t, path+"."+f.Name, val, f.Type)
		}
	case reflect.Slice:
		list, ok := v.([]any)
		if !assert.True(t, ok, "%s is not an array", path) {
			return
		}
		for i, e := range list {
			assertFields(t, path+"["+itoa(i)+"]", e, typ.Elem())
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// fixture is a ready cluster with one namespace, topic, group and role.
type fixture struct {
	cluster, ns, topic, group, role string
}

func (c *client) cluster(name string) string {
	c.t.Helper()
	var out specClusterIDResponse
	c.ok("CreateRocketMQCluster", map[string]any{"Name": name}, &out)
	require.Regexp(c.t, `^rocketmq-[a-z0-9]{12}$`, out.ClusterId)
	return out.ClusterId
}

func (c *client) fixture() fixture {
	c.t.Helper()
	f := fixture{cluster: c.cluster("fixture-cluster"), ns: "dev", topic: "orders", group: "group-orders", role: "writer"}
	c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns}, nil)
	c.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "Topic": f.topic, "Type": "Normal"}, nil)
	c.ok("CreateRocketMQGroupV2", map[string]any{"ClusterId": f.cluster, "Namespace": f.ns, "GroupId": f.group, "ReadEnable": true, "BroadcastEnable": false}, nil)
	c.ok("CreateRocketMQRole", map[string]any{"ClusterId": f.cluster, "RoleName": f.role}, nil)
	return f
}
