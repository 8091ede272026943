package mqtt_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// putScenario loads a fault scenario through the control API.
func putScenario(t *testing.T, env *emutest.Env, yaml string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, env.URL("mqtt")+"/_mqmock/scenario", strings.NewReader(yaml))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// TestServerSideRowsThroughScenarios: the rows only the service's own
// failures raise come from the fault engine, rendered by this vendor.
func TestServerSideRowsThroughScenarios(t *testing.T) {
	env := emutest.Start(t)
	status, body := putScenario(t, env, `
name: mqtt-backend
rules:
  - {name: create-fails-once, vendor: mqtt, action: CreateGroupId, error: CreateGroupIdError, times: 1}
  - {name: delete-fails, vendor: mqtt, action: DeleteGroupId, error: DeleteGroupIdError, times: 1}
  - {name: list-broken, vendor: mqtt, action: ListGroupId, error: InternalError, times: 1}
`)
	require.Equal(t, http.StatusOK, status, body)
	c := client(t, env, env.Default)

	serverError(t, createGroup(c, defaultInstance, "GID_orders"), "CreateGroupIdError", http.StatusInternalServerError)
	require.NoError(t, createGroup(c, defaultInstance, "GID_orders"), "times: 1")
	serverError(t, deleteGroup(c, defaultInstance, "GID_orders"), "DeleteGroupIdError", http.StatusInternalServerError)
	_, err := c.ListGroupId(listRequest(defaultInstance))
	serverError(t, err, "InternalError", http.StatusInternalServerError)
	assert.Equal(t, []string{"GID_orders"}, groupIDs(listGroups(t, c, defaultInstance)), "a failed delete changed nothing")

	// Coverage tells faults from rules.
	serverError(t, createGroup(c, defaultInstance, "GID_orders"), "GroupIdAlreadyExsited", http.StatusBadRequest)
	status, cov := controlJSON(t, env, http.MethodGet, "/_mqmock/coverage", nil)
	require.Equal(t, http.StatusOK, status)
	returned := map[string][2]float64{}
	for _, r := range cov["vendors"].(map[string]any)["mqtt"].(map[string]any)["returned"].([]any) {
		m := r.(map[string]any)
		returned[m["name"].(string)] = [2]float64{m["byRule"].(float64), m["byFault"].(float64)}
	}
	assert.Equal(t, [2]float64{0, 1}, returned["CreateGroupIdError"])
	assert.Equal(t, [2]float64{1, 0}, returned["GroupIdAlreadyExsited"])
}

func TestScenarioNamingAnUnknownActionIsRefused(t *testing.T) {
	env := emutest.Start(t)
	status, body := putScenario(t, env, `rules: [{name: typo, vendor: mqtt, action: ApplyTokens, error: SystemOverFlow}]`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, "ApplyTokens")
	status, body = putScenario(t, env, `rules: [{name: declined, vendor: mqtt, action: QueryMqttTraceDevice, error: SystemOverFlow}]`)
	assert.Equal(t, http.StatusOK, status, "declined actions are in the table: %s", body)
}

// TestAutoRetryAgainstOverflow shows what the seed's two statuses mean to a
// Go client with AutoRetry on: a 500 SystemOverFlow is retried (and here
// succeeds on the second attempt), a 400 ApplyTokenOverFlow is not.
func TestAutoRetryAgainstOverflow(t *testing.T) {
	env := emutest.Start(t)
	status, body := putScenario(t, env, `
rules:
  - {name: busy, vendor: mqtt, action: ListGroupId, error: SystemOverFlow, times: 1}
  - {name: too-many-tokens, vendor: mqtt, action: ApplyToken, error: ApplyTokenOverFlow, times: 1}
`)
	require.Equal(t, http.StatusOK, status, body)
	cfg := sdk.NewConfig().WithAutoRetry(true).WithMaxRetryTime(3)
	c, err := onsmqtt.NewClientWithOptions("cn-hangzhou", cfg, credentials.NewAccessKeyCredential(env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret))
	require.NoError(t, err)
	c.Domain = env.MQTT

	_, err = c.ListGroupId(listRequest(defaultInstance))
	assert.NoError(t, err, "the 500 was retried")
	_, err = applyToken(c, defaultInstance, "mqmock/x", "R", virtualMillis(env, time.Hour))
	serverError(t, err, "ApplyTokenOverFlow", http.StatusBadRequest)

	_, journal := controlJSON(t, env, http.MethodGet, "/_mqmock/journal?vendor=mqtt&action=ListGroupId", nil)
	assert.Len(t, journal["entries"], 2, "two attempts reached the emulator")
}
