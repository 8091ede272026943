package tdmq_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// p is shorthand for action parameters.
type p = map[string]any

// newCluster creates a 4.x virtual cluster and returns its id.
func newCluster(t *testing.T, c *tdmqtest.SDK, name string) string {
	t.Helper()
	raw, err := c.Call("tdmq", "CreateRocketMQCluster", p{"Name": name})
	require.NoError(t, err)
	var out struct{ ClusterId string }
	require.NoError(t, json.Unmarshal(raw, &out))
	require.Regexp(t, `^rocketmq-[a-z0-9]{12}$`, out.ClusterId)
	return out.ClusterId
}

// names decodes a list response and returns TotalCount and the item names
// under key.
func names(t *testing.T, raw json.RawMessage, key string) (int64, []string) {
	t.Helper()
	var out struct {
		TotalCount int64
		Data       []map[string]any
	}
	require.NoError(t, json.Unmarshal(raw, &out))
	var ns []string
	for _, d := range out.Data {
		ns = append(ns, fmt.Sprint(d[key]))
	}
	return out.TotalCount, ns
}

// TestFusionListsBothGenerations: DescribeFusionInstanceList lists 4.x
// clusters and 5.x instances together (tdmq.md §5), Version "4" or "5"
// selects one generation, the other filters apply to both, paging spans both.
func TestFusionListsBothGenerations(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	cluster := newCluster(t, c, "fusion-four")
	env.Advance(time.Second) // creation order is the list order
	tdmqtest.NewInstance(t, c, "fusion-five", "BASIC", "basic_1k")
	newCluster(t, tdmqtest.NewSDK(t, env, env.Other.Tencent.SecretID, env.Other.Tencent.SecretKey), "fusion-other") // another account's

	total, ids := names(t, c.OK("DescribeFusionInstanceList", p{}, nil), "InstanceId")
	assert.Equal(t, int64(2), total, "one cluster of each generation, the caller's only")
	require.Len(t, ids, 2)
	assert.Equal(t, cluster, ids[0])
	for _, tc := range []struct {
		filter p
		want   []string
	}{
		{p{"Name": "Version", "Values": []string{"5"}}, []string{"5"}},
		{p{"Name": "Version", "Values": []string{"4"}}, []string{"4"}},
		{p{"Name": "Version", "Values": []string{"4", "5"}}, []string{"4", "5"}},
		{p{"Name": "InstanceName", "Values": []string{"four"}}, []string{"4"}},
		{p{"Name": "InstanceType", "Values": []string{"VIRTUAL"}}, []string{"4"}},
		{p{"Name": "InstanceId", "Values": []string{cluster}}, []string{"4"}},
	} {
		total, got := names(t, c.OK("DescribeFusionInstanceList", p{"Filters": []p{tc.filter}}, nil), "Version")
		assert.Equal(t, int64(len(tc.want)), total, "%v", tc.filter)
		assert.Equal(t, tc.want, got, "%v", tc.filter)
	}
	total, got := names(t, c.OK("DescribeFusionInstanceList", p{"Offset": 1, "Limit": 1}, nil), "Version")
	assert.Equal(t, int64(2), total)
	assert.Equal(t, []string{"5"}, got, "paging spans both generations")
	c.Fail("DescribeInstanceList", p{"Filters": []p{{"Name": "Version", "Values": []string{"5"}}}}, "InvalidParameterValue")
}
