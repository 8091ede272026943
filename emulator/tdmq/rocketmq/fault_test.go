package rocketmq_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRocketMQ4Faults: the backend failures the SDK lists (FundRequired,
// SetTTL, ...) are reached through a fault scenario keyed by 4.x action and
// parameter, rendered in the 4.x envelope, and counted in coverage.
func TestRocketMQ4Faults(t *testing.T) {
	env, c := start(t)
	cl := c.cluster("faulty")
	scenario := `name: tdmq4
rules:
  - name: fund
    vendor: tdmq
    service: tdmq
    action: CreateRocketMQNamespace
    match: {NamespaceId: /^paid-/}
    error: ResourceUnavailable.FundRequired
    times: 1
`
	req, err := http.NewRequest(http.MethodPut, env.URL("tdmq")+"/_mqmock/scenario", strings.NewReader(scenario))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "free-ns"}, nil)
	c.fail("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "paid-ns"}, "ResourceUnavailable.FundRequired", "Account must be topped up to continue")
	c.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "paid-ns"}, nil) // times: 1

	c.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": "rocketmq-000000000000"}, "ResourceNotFound.Cluster", msgClusterNotFound)

	resp, err = http.Get(env.URL("tdmq") + "/_mqmock/coverage")
	require.NoError(t, err)
	defer resp.Body.Close()
	var cov struct {
		Vendors map[string]struct {
			Returned []struct {
				Name            string
				ByRule, ByFault int
			} `json:"returned"`
		} `json:"vendors"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&cov))
	got := map[string][2]int{}
	for _, r := range cov.Vendors["tdmq"].Returned {
		got[r.Name] = [2]int{r.ByRule, r.ByFault}
	}
	assert.Equal(t, [2]int{0, 1}, got["ResourceUnavailable.FundRequired"])
	assert.Equal(t, [2]int{1, 0}, got["ResourceNotFound.Cluster"], "a rule, not a fault")
}
