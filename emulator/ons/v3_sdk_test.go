package ons_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
)

// Signature V3 (ACS3-HMAC-SHA256) as today's Go core sends it: the Tea core
// darabonba-openapi/v2 with its defaults (CallApi → DoRequest), which is what
// every generated V2.0 product SDK (alibabacloud-go/ons-20190214) calls. The
// action and version travel in x-acs-* headers, not as parameters.

// coreClient is the core for an AccessKey pair, aimed at the ONS port.
func coreClient(t *testing.T, env *emutest.Env, keyID, secret string, edit ...func(*openapi.Config)) *openapi.Client {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(keyID),
		AccessKeySecret: dara.String(secret),
		Endpoint:        dara.String(env.ONS),
		Protocol:        dara.String("http"),
	}
	for _, e := range edit {
		e(cfg)
	}
	c, err := openapi.NewClient(cfg)
	require.NoError(t, err)
	return c
}

// callV3 calls action with the parameters in the query, as the generated
// ONS SDK does for every action; headers pin x-acs-* values (the date, the
// nonce) the way the spec's captures were made.
func callV3(c *openapi.Client, method, action string, query, headers map[string]string) (map[string]any, error) {
	params := &openapi.Params{
		Action: dara.String(action), Version: dara.String("2019-02-14"),
		Protocol: dara.String("HTTP"), Pathname: dara.String("/"), Method: dara.String(method),
		AuthType: dara.String("AK"), Style: dara.String("RPC"),
		BodyType: dara.String("json"), ReqBodyType: dara.String("formData"),
	}
	req := &openapi.OpenApiRequest{Query: stringPtrs(query), Headers: stringPtrs(headers)}
	res, err := c.CallApi(params, req, &dara.RuntimeOptions{})
	if err != nil {
		return nil, err
	}
	body, _ := res["body"].(map[string]any)
	return body, nil
}

// stringPtrs is the map the core takes (generated SDKs build it with
// openapiutil.Query).
func stringPtrs(m map[string]string) map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = dara.String(v)
	}
	return out
}

// sdkError asserts err is the core's SDK error with code and status.
func sdkError(t *testing.T, err error, code string, status int) *tea.SDKError {
	t.Helper()
	require.Error(t, err)
	var se *tea.SDKError
	require.True(t, errors.As(err, &se), "want *tea.SDKError, got %T: %v", err, err)
	assert.Equal(t, code, tea.StringValue(se.Code), tea.StringValue(se.Message))
	assert.Equal(t, status, tea.IntValue(se.StatusCode))
	return se
}

// names collects field of each element of data[wrapper][inner].
func names(body map[string]any, inner, field string) []string {
	data, _ := body["Data"].(map[string]any)
	list, _ := data[inner].([]any)
	var out []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		s, _ := m[field].(string)
		out = append(out, s)
	}
	return out
}

func TestV3TopicAndGroupLifecycles(t *testing.T) {
	env := emutest.Start(t)
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			c := coreClient(t, env, env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret)
			topic, group := uniq(t, "v3_topic_"), uniq(t, "GID_v3_")
			in := map[string]string{"InstanceId": defaultInstance}
			with := func(k, v string, more ...string) map[string]string {
				m := map[string]string{"InstanceId": defaultInstance, k: v}
				for i := 0; i+1 < len(more); i += 2 {
					m[more[i]] = more[i+1]
				}
				return m
			}

			created, err := callV3(c, method, "OnsTopicCreate", with("Topic", topic, "MessageType", "0", "Remark", "via V3"), nil)
			require.NoError(t, err)
			assert.Regexp(t, requestIDPattern, created["RequestId"])
			list, err := callV3(c, method, "OnsTopicList", in, nil)
			require.NoError(t, err)
			assert.Contains(t, names(list, "PublishInfoDo", "Topic"), topic)

			_, err = callV3(c, method, "OnsGroupCreate", with("GroupId", group, "GroupType", "tcp"), nil)
			require.NoError(t, err)
			groups, err := callV3(c, method, "OnsGroupList", in, nil)
			require.NoError(t, err)
			assert.Contains(t, names(groups, "SubscribeInfoDo", "GroupId"), group)

			_, err = callV3(c, method, "OnsGroupDelete", with("GroupId", group), nil)
			require.NoError(t, err)
			groups, err = callV3(c, method, "OnsGroupList", in, nil)
			require.NoError(t, err)
			assert.NotContains(t, names(groups, "SubscribeInfoDo", "GroupId"), group)

			_, err = callV3(c, method, "OnsTopicDelete", with("Topic", topic), nil)
			require.NoError(t, err)
			list, err = callV3(c, method, "OnsTopicList", in, nil)
			require.NoError(t, err)
			assert.NotContains(t, names(list, "PublishInfoDo", "Topic"), topic)

			// Business errors arrive through the core's error like any other.
			_, err = callV3(c, method, "OnsTopicStatus", with("Topic", topic), nil)
			sdkError(t, err, "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
		})
	}
}

func TestV3WrongSecretIsSignatureDoesNotMatch(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeyID, "not-the-secret")
	_, err := callV3(c, http.MethodPost, "OnsTopicList", map[string]string{"InstanceId": defaultInstance}, nil)
	se := sdkError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	// The core reports "code: <status>, <Message> request id: <id>"; the
	// message shows what the server signed.
	msg := tea.StringValue(se.Message)
	assert.Contains(t, msg, "code: 400, Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n")
	assert.Contains(t, msg, "server CanonicalRequest is [POST\n/\nInstanceId="+defaultInstance+"\nhost:"+env.ONS+"\n")
	assert.Regexp(t, `request id: [0-9A-F-]{36}$`, msg)
}

func TestV3UnknownAccessKey(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, "LTAInobody00000000000", "x")
	_, err := callV3(c, http.MethodPost, "OnsRegionList", nil, nil)
	sdkError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
}

func TestV3StaleDateIsExpired(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret)
	stale := time.Now().Add(-20 * time.Minute).UTC().Format("2006-01-02T15:04:05Z")
	_, err := callV3(c, http.MethodPost, "OnsTopicList", map[string]string{"InstanceId": defaultInstance}, map[string]string{"x-acs-date": stale})
	sdkError(t, err, "InvalidTimeStamp.Expired", http.StatusBadRequest)
}

func TestV3ReplayedNonce(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret)
	pinned := map[string]string{"x-acs-signature-nonce": "5f2b1d9c8e7a4b3c9d0e1f2a3b4c5d6e"}
	in := map[string]string{"InstanceId": defaultInstance}
	_, err := callV3(c, http.MethodPost, "OnsTopicList", in, pinned)
	require.NoError(t, err)
	_, err = callV3(c, http.MethodGet, "OnsTopicList", in, pinned)
	sdkError(t, err, "SignatureNonceUsed", http.StatusBadRequest)
	// The core's own nonces are fresh each call.
	_, err = callV3(c, http.MethodPost, "OnsTopicList", in, nil)
	assert.NoError(t, err)
}

func TestV3SM3IsRefused(t *testing.T) {
	env := emutest.Start(t)
	c := coreClient(t, env, env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret,
		func(cfg *openapi.Config) { cfg.SignatureAlgorithm = dara.String("ACS3-HMAC-SM3") })
	_, err := callV3(c, http.MethodPost, "OnsTopicList", map[string]string{"InstanceId": defaultInstance}, nil)
	se := sdkError(t, err, "UnsupportedSignatureAlgorithm", http.StatusBadRequest)
	assert.Contains(t, tea.StringValue(se.Message), "ACS3-HMAC-SM3 is not supported: mqmock verifies ACS3-HMAC-SHA256 only")
}

// TestV3STS: the core sends the token as x-acs-security-token (signed), with
// x-acs-accesskey-id; the account's securityToken must match.
func TestV3STS(t *testing.T) {
	const (
		key, secret, token = "LTAIteama000000000000001", "team-a-secret", "sts-token-a"
		instance           = "MQ_INST_1234567890123456_teamA001"
	)
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{{Name: "team-a",
			Alibaba:      config.Alibaba{AccessKeyID: key, AccessKeySecret: secret, SecurityToken: token, UID: "1234567890123456"},
			ONSInstances: []config.ONSInstance{{ID: instance, Name: "team-a", IndependentNaming: true}}}}
	}))
	in := map[string]string{"InstanceId": instance}
	sts := coreClient(t, env, key, secret, func(cfg *openapi.Config) { cfg.SecurityToken = dara.String(token) })
	_, err := callV3(sts, http.MethodPost, "OnsTopicList", in, nil)
	require.NoError(t, err)

	wrong := coreClient(t, env, key, secret, func(cfg *openapi.Config) { cfg.SecurityToken = dara.String("another") })
	_, err = callV3(wrong, http.MethodPost, "OnsTopicList", in, nil)
	sdkError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest)

	none := coreClient(t, env, key, secret)
	_, err = callV3(none, http.MethodPost, "OnsTopicList", in, nil)
	sdkError(t, err, "MissingSecurityToken", http.StatusBadRequest)
}
