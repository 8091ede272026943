package trocket_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// TestScenarioTargetsTrocket: a fault scenario loaded through the control
// API reaches 5.x actions by `service: trocket`, leaves the 4.x action of the
// same name alone, and renders 5.x-only codes in the API 3.0 envelope.
func TestScenarioTargetsTrocket(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "faulty", "BASIC", "basic_1k")
	scenario := `
name: trocket-faults
rules:
  - name: topic-create-denied
    vendor: tdmq
    service: trocket
    action: CreateTopic
    error: FailedOperation.CreateTopic
    times: 1
  - name: endpoint-missing
    vendor: tdmq
    service: trocket
    action: DescribeInstance
    error: ResourceNotFound.Endpoint
`
	req, err := http.NewRequest(http.MethodPut, env.URL("tdmq")+"/_mqmock/scenario", strings.NewReader(scenario))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)

	c.Fail("CreateTopic", p{"InstanceId": id, "Topic": "orders", "TopicType": "NORMAL"}, "FailedOperation.CreateTopic")
	tdmqtest.NewTopic(t, c, id, "orders") // times: 1
	c.Fail("DescribeInstance", p{"InstanceId": id}, "ResourceNotFound.Endpoint")
	// The 4.x API is another service: the rules do not apply to it.
	_, err = c.Call("tdmq", "DescribeRocketMQClusters", p{"Offset": 0, "Limit": 1})
	assert.NoError(t, err)
}
