package mqtt_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// TestHostileInputGetsEnvelopes sends odd values for every parameter of
// every action: each answer is a documented envelope (never a panic's
// InternalError, an HTML page or an unparsable body), and nothing odd is
// stored.
func TestHostileInputGetsEnvelopes(t *testing.T) {
	env := emutest.Start(t)
	actions := []string{"ApplyToken", "QueryToken", "RevokeToken", "CreateGroupId", "DeleteGroupId", "ListGroupId",
		"RegisterDeviceCredential", "GetDeviceCredential", "RefreshDeviceCredential", "UnRegisterDeviceCredential",
		"QuerySessionByClientId", "BatchQuerySessionByClientIds", "SendMessage"}
	odd := []string{" ", "\x00", "null", "-1", "99999999999999999999999", "9223372036854775807", "GID_\u00e9\u00e9\u00e9@@@x",
		strings.Repeat("a", 3000), "a,,b", "../..", "%zz", "{\"a\":1}", "GID_x@@@y@@@z", "R,W,R"}
	params := []string{"ExpireTime", "Resources", "Actions", "Token", "GroupId", "ClientId", "MqttTopic", "Payload",
		"ClientIdList.1", "ClientIdList.0", "ClientIdList.x", "ClientIdList.11"}
	for _, action := range actions {
		for _, v := range odd {
			p := map[string]string{"InstanceId": defaultInstance}
			for _, name := range params {
				p[name] = v
			}
			status, body := raw(t, env, env.Default, action, p)
			var env map[string]any
			require.NoError(t, json.Unmarshal([]byte(body), &env), "%s %q: %s", action, v, body)
			if status == http.StatusOK {
				assert.NotContains(t, env, "Code", "%s %q", action, v)
				continue
			}
			assert.Equal(t, http.StatusBadRequest, status, "%s %q: %s", action, v, body)
			assert.NotEqual(t, "InternalError", env["Code"], "%s %q", action, v)
		}
	}
	_, state := controlJSON(t, env, http.MethodGet, "/_mqmock/state?vendor=mqtt", nil)
	in := findInstance(t, state, defaultInstance)
	assert.Empty(t, in["groups"], "no odd group id was stored")
	assert.Empty(t, in["credentials"], "no odd client id was stored")
}
