package mqtt_test

import (
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// The foundation's proof for MQTT: the official client reaches the built-in
// instance and the documented auth and routing errors arrive through the
// SDK's own error type.

func TestListGroupIDOnBuiltInInstance(t *testing.T) {
	env := emutest.Start(t)
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = defaultInstance
	resp, err := client(t, env, env.Default).ListGroupId(req)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.GetHttpStatus())
	assert.True(t, isRequestID(resp.RequestId), "request id %q", resp.RequestId)
	assert.NotNil(t, resp.Data)
	assert.Empty(t, resp.Data)
	assert.JSONEq(t, `{"RequestId":"`+resp.RequestId+`","Data":[]}`, resp.GetHttpContentString())
}

func TestWrongSecretIsSignatureDoesNotMatch(t *testing.T) {
	env := emutest.Start(t)
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", env.Default.Alibaba.AccessKeyID, "not-the-secret")
	require.NoError(t, err)
	c.Domain = env.MQTT
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = defaultInstance
	_, err = c.ListGroupId(req)
	se := serverError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	assert.Contains(t, se.Message(), "server string to sign is:POST&%2F&")
	// The SDK compared our string to sign with its own and found them equal:
	// the secret is wrong, not the signing.
	assert.Equal(t, "InvalidAccessKeySecret: Please check you AccessKeySecret", se.Recommend())
}

func TestUnknownActionIsApiNotSupport(t *testing.T) {
	env := emutest.Start(t)
	_, err := client(t, env, env.Default).ProcessCommonRequest(commonRequest(env, "DescribeNothing", map[string]string{"InstanceId": defaultInstance}))
	serverError(t, err, "ApiNotSupport", http.StatusNotFound)
}

func TestInstanceChecks(t *testing.T) {
	env := emutest.Start(t)
	for _, tc := range []struct {
		name, instance, code string
	}{
		{"unknown instance", "post-cn-nosuchinst1", "InstanceNotFound"},
		{"another account's instance", otherInstance, "InstancePermissionCheckFailed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := onsmqtt.CreateListGroupIdRequest()
			req.InstanceId = tc.instance
			_, err := client(t, env, env.Default).ListGroupId(req)
			serverError(t, err, tc.code, http.StatusBadRequest)
		})
	}
}
