package mqtt_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

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
