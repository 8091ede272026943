package mqtt_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// Golden envelopes: the raw bytes and status the SDKs parse, with the random
// request id replaced by RID. The Go SDK decides failure by status and the
// Node SDK by Code, so both are pinned.

var requestIDPattern = regexp.MustCompile(`[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}`)

// pin replaces the request id, which must appear at least once.
func pin(t *testing.T, body string) string {
	t.Helper()
	ids := requestIDPattern.FindAllString(body, -1)
	require.NotEmpty(t, ids, "no request id in %s", body)
	for _, id := range ids {
		require.Equal(t, ids[0], id, "one request id per envelope")
	}
	return strings.ReplaceAll(body, ids[0], "RID")
}

func TestGoldenEnvelopes(t *testing.T) {
	env := emutest.Start(t)
	for _, tc := range []struct {
		name   string
		action string
		params map[string]string
		status int
		body   string
	}{
		{
			name:   "ListGroupId empty",
			action: "ListGroupId", params: map[string]string{"InstanceId": defaultInstance},
			status: http.StatusOK,
			body:   `{"RequestId":"RID","Data":[]}`,
		},
		{
			name:   "InstanceNotFound",
			action: "ListGroupId", params: map[string]string{"InstanceId": "post-cn-nosuchinst1"},
			status: http.StatusBadRequest,
			body:   `{"RequestId":"RID","HostId":"onsmqtt.cn-hangzhou.aliyuncs.com","Code":"InstanceNotFound","Message":"Failed to find the instance. The instanceId may be invalid.","Recommend":"https://api.aliyun.com/troubleshoot?q=InstanceNotFound&product=OnsMqtt&requestId=RID"}`,
		},
		{
			name:   "ApiNotSupport",
			action: "QueryMqttTraceDevice", params: map[string]string{"InstanceId": defaultInstance},
			status: http.StatusNotFound,
			body:   `{"RequestId":"RID","HostId":"onsmqtt.cn-hangzhou.aliyuncs.com","Code":"ApiNotSupport","Message":"The specified API is not supported.","Recommend":"https://api.aliyun.com/troubleshoot?q=ApiNotSupport&product=OnsMqtt&requestId=RID"}`,
		},
		{
			name:   "InstancePermissionCheckFailed",
			action: "ListGroupId", params: map[string]string{"InstanceId": otherInstance},
			status: http.StatusBadRequest,
			body:   `{"RequestId":"RID","HostId":"onsmqtt.cn-hangzhou.aliyuncs.com","Code":"InstancePermissionCheckFailed","Message":"An error occurred while validating the permissions of the instance. Please verify the account that created the instance and its permissions settings.","Recommend":"https://api.aliyun.com/troubleshoot?q=InstancePermissionCheckFailed&product=OnsMqtt&requestId=RID"}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := raw(t, env, env.Default, tc.action, tc.params)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.body, pin(t, body))
		})
	}
}

// Variable parts of success bodies, each replaced by a fixed word.
var (
	millisPattern = regexp.MustCompile(`\b1\d{12}\b`)
	keyPattern    = regexp.MustCompile(`DC\.[A-Za-z0-9]{22}`)
	msgIDPattern  = regexp.MustCompile(`"MsgId":"[0-9A-F]{32}"`)
	tokenPattern  = regexp.MustCompile(`"Token":"[A-Za-z0-9+/=]{64}"`)
)

func pinAll(t *testing.T, body string) string {
	body = pin(t, body)
	body = millisPattern.ReplaceAllString(body, "MILLIS")
	body = keyPattern.ReplaceAllString(body, "DC.KEY")
	body = msgIDPattern.ReplaceAllString(body, `"MsgId":"MSGID"`)
	return tokenPattern.ReplaceAllString(body, `"Token":"TOKEN"`)
}

// TestGoldenActionShapes pins every action's success body (field names,
// order, JSON types: the Go SDK panics on a number where it wants a string)
// and the parameter errors of both families.
func TestGoldenActionShapes(t *testing.T) {
	env := emutest.Start(t)
	hour := virtualMillis(env, time.Hour)
	const rid = `{"RequestId":"RID"}`
	errBody := func(code, msg string) string {
		return `{"RequestId":"RID","HostId":"onsmqtt.cn-hangzhou.aliyuncs.com","Code":"` + code + `","Message":"` + msg + `","Recommend":"https://api.aliyun.com/troubleshoot?q=` + code + `&product=OnsMqtt&requestId=RID"}`
	}
	for _, tc := range []struct {
		action string
		params map[string]string
		status int
		body   string
	}{
		{"CreateGroupId", map[string]string{"InstanceId": defaultInstance, "GroupId": "GID_golden"}, 200, rid},
		{"ListGroupId", map[string]string{"InstanceId": defaultInstance}, 200,
			`{"RequestId":"RID","Data":[{"CreateTime":MILLIS,"GroupId":"GID_golden","IndependentNaming":false,"InstanceId":"post-cn-mqmock00001","UpdateTime":MILLIS}]}`},
		{"DeleteGroupId", map[string]string{"InstanceId": defaultInstance, "GroupId": "GID_golden"}, 200, rid},
		{"ApplyToken", map[string]string{"InstanceId": defaultInstance, "Resources": "mqmock/a", "Actions": "R", "ExpireTime": hour}, 200, `{"RequestId":"RID","Token":"TOKEN"}`},
		{"QueryToken", map[string]string{"InstanceId": defaultInstance, "Token": "unknown"}, 200, `{"RequestId":"RID","TokenStatus":false}`},
		{"RevokeToken", map[string]string{"InstanceId": defaultInstance, "Token": "unknown"}, 200, rid},
		{"RegisterDeviceCredential", map[string]string{"InstanceId": defaultInstance, "ClientId": "GID_golden@@@d1"}, 200,
			`{"RequestId":"RID","DeviceCredential":{"ClientId":"GID_golden@@@d1","InstanceId":"post-cn-mqmock00001","DeviceAccessKeyId":"DC.KEY","DeviceAccessKeySecret":"DC.KEY","CreateTime":MILLIS,"UpdateTime":MILLIS}}`},
		{"GetDeviceCredential", map[string]string{"InstanceId": defaultInstance, "ClientId": "GID_golden@@@d1"}, 200,
			`{"RequestId":"RID","DeviceCredential":{"ClientId":"GID_golden@@@d1","InstanceId":"post-cn-mqmock00001","DeviceAccessKeyId":"DC.KEY","DeviceAccessKeySecret":"DC.KEY","CreateTime":MILLIS,"UpdateTime":MILLIS}}`},
		{"RefreshDeviceCredential", map[string]string{"InstanceId": defaultInstance, "ClientId": "GID_golden@@@d1"}, 200,
			`{"RequestId":"RID","DeviceCredential":{"ClientId":"GID_golden@@@d1","InstanceId":"post-cn-mqmock00001","DeviceAccessKeyId":"DC.KEY","DeviceAccessKeySecret":"DC.KEY","CreateTime":MILLIS,"UpdateTime":MILLIS}}`},
		{"UnRegisterDeviceCredential", map[string]string{"InstanceId": defaultInstance, "ClientId": "GID_golden@@@d1"}, 200, rid},
		{"QuerySessionByClientId", map[string]string{"InstanceId": defaultInstance, "ClientId": "GID_golden@@@d1"}, 200, `{"RequestId":"RID","OnlineStatus":false}`},
		{"BatchQuerySessionByClientIds", map[string]string{"InstanceId": defaultInstance, "ClientIdList.1": "GID_golden@@@d1", "ClientIdList.2": "GID_golden@@@d2"}, 200,
			`{"RequestId":"RID","OnlineStatusList":[{"ClientId":"GID_golden@@@d1","OnlineStatus":false},{"ClientId":"GID_golden@@@d2","OnlineStatus":false}]}`},
		{"SendMessage", map[string]string{"InstanceId": defaultInstance, "MqttTopic": "mqmock/golden", "Payload": "hi"}, 200, `{"RequestId":"RID","MsgId":"MSGID"}`},
		{"QueryToken", map[string]string{"InstanceId": defaultInstance}, 400,
			errBody("ParameterCheckFailed", "An error occurred while validating the parameters. The parameters may be missing or invalid.")},
		{"ApplyToken", map[string]string{"InstanceId": defaultInstance, "Resources": "mqmock/a", "Actions": "RW", "ExpireTime": hour}, 400,
			errBody("InvalidParameter.Actions", "An error occurred while validating the parameter. The parameter may be missing or invalid.")},
		{"CreateGroupId", map[string]string{"InstanceId": defaultInstance, "GroupId": "bad"}, 400,
			errBody("ParameterFieldCheckFailed", "Failed to validate the parameters. The parameters may be missing or invalid.")},
	} {
		status, body := raw(t, env, env.Default, tc.action, tc.params)
		assert.Equal(t, tc.status, status, tc.action)
		assert.Equal(t, tc.body, pinAll(t, body), tc.action)
	}
}
