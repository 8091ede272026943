package tdmq_test

import (
	"encoding/json"
	"fmt"
	"strings"
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

// fusionRow is what the order and filter checks read of a fusion list item;
// Raw is the item as the server wrote it, for byte comparisons.
type fusionRow struct {
	InstanceId, InstanceName, Version, InstanceType, InstanceStatus string
	CreateTime                                                      int64
	TagList                                                         []struct{ TagKey, TagValue string }
	Raw                                                             string `json:"-"`
}

// fusionPage calls DescribeFusionInstanceList and returns TotalCount and the
// page's rows.
func fusionPage(t *testing.T, c *tdmqtest.SDK, params p) (int64, []fusionRow) {
	t.Helper()
	var out struct {
		TotalCount int64
		Data       []json.RawMessage
	}
	require.NoError(t, json.Unmarshal(c.OK("DescribeFusionInstanceList", params, nil), &out))
	rows := make([]fusionRow, 0, len(out.Data))
	for _, raw := range out.Data {
		var r fusionRow
		require.NoError(t, json.Unmarshal(raw, &r))
		r.Raw = string(raw)
		rows = append(rows, r)
	}
	return out.TotalCount, rows
}

// TestFusionListOrderPagingAndFilters: with 4.x clusters and 5.x instances
// created in the same milliseconds, the clock set back between creations,
// and another account's and another region's beside them, the fusion list
// holds exactly the caller's, by (CreateTime, InstanceId); each filter
// selects the same items in the same order, and every page, filtered or not,
// is the slice of that answer at its Offset, with the same TotalCount.
func TestFusionListOrderPagingAndFilters(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	c := tdmqtest.DefaultSDK(t, env)
	tagged := p{"TagList": []p{{"TagKey": "team", "TagValue": "blue"}}}
	mine := map[string]bool{}
	cluster := func(name string, extra p) {
		params := p{"Name": name}
		for k, v := range extra {
			params[k] = v
		}
		raw, err := c.Call("tdmq", "CreateRocketMQCluster", params)
		require.NoError(t, err)
		var out struct{ ClusterId string }
		require.NoError(t, json.Unmarshal(raw, &out))
		mine[out.ClusterId] = true
	}
	instance := func(name string, extra p) { mine[tdmqtest.NewInstance(t, c, name, "BASIC", "basic_1k", extra)] = true }

	start := env.Clock().Now()
	cluster("mix-four-a", tagged)
	instance("mix-five-a", tagged)
	cluster("mix-four-b", nil)
	instance("mix-five-b", nil)
	raw, err := c.Call("tdmq", "CreateRocketMQVipInstance", p{"Name": "mix-four-vip", "Spec": "rocket-vip-basic-1", "NodeCount": 2,
		"StorageSize": 200, "ZoneIds": []string{"100003"}, "VpcInfo": p{"VpcId": "vpc-mix", "SubnetId": "subnet-mix"}, "TimeSpan": 1})
	require.NoError(t, err)
	var vip struct{ ClusterId string }
	require.NoError(t, json.Unmarshal(raw, &vip))
	mine[vip.ClusterId] = true
	env.Advance(time.Hour)
	cluster("mix-four-c", tagged)
	instance("mix-five-c", nil)
	env.Clock().Set(start.Add(-time.Minute)) // set back: created before everything above
	cluster("mix-four-d", nil)
	instance("mix-five-d", tagged)
	other := tdmqtest.NewSDK(t, env, env.Other.Tencent.SecretID, env.Other.Tencent.SecretKey)
	newCluster(t, other, "mix-four-other")
	tdmqtest.NewInstance(t, other, "mix-five-other", "BASIC", "basic_1k")
	newCluster(t, sdkIn(t, env, "ap-shanghai"), "mix-four-sh")

	total, all := fusionPage(t, c, p{"Limit": 100})
	require.Equal(t, int64(len(mine)), total)
	require.Len(t, all, len(mine))
	tie := false
	for i, r := range all {
		assert.True(t, mine[r.InstanceId], "%s is the caller's", r.InstanceId)
		if i == 0 {
			continue
		}
		prev := all[i-1]
		assert.True(t, prev.CreateTime < r.CreateTime || prev.CreateTime == r.CreateTime && prev.InstanceId < r.InstanceId,
			"%s before %s: by (CreateTime, InstanceId)", prev.InstanceId, r.InstanceId)
		tie = tie || prev.CreateTime == r.CreateTime && prev.Version != r.Version
	}
	require.True(t, tie, "the test needs a 4.x cluster and a 5.x instance created in the same millisecond")

	hasTag := func(r fusionRow, key, value string) bool {
		for _, tg := range r.TagList {
			if tg.TagKey == key && tg.TagValue == value {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		name   string
		params p
		keep   func(fusionRow) bool
	}{
		{"none", p{}, func(fusionRow) bool { return true }},
		{"Version 4", p{"Filters": []p{{"Name": "Version", "Values": []string{"4"}}}}, func(r fusionRow) bool { return r.Version == "4" }},
		{"Version 5", p{"Filters": []p{{"Name": "Version", "Values": []string{"5"}}}}, func(r fusionRow) bool { return r.Version == "5" }},
		{"name", p{"Filters": []p{{"Name": "InstanceName", "Values": []string{"-a"}}}}, func(r fusionRow) bool { return strings.Contains(r.InstanceName, "-a") }},
		{"type", p{"Filters": []p{{"Name": "InstanceType", "Values": []string{"VIRTUAL", "BASIC"}}}}, func(r fusionRow) bool {
			return r.InstanceType == "VIRTUAL" || r.InstanceType == "BASIC"
		}},
		{"status", p{"Filters": []p{{"Name": "InstanceStatus", "Values": []string{"RUNNING"}}}}, func(r fusionRow) bool { return r.InstanceStatus == "RUNNING" }},
		{"id", p{"Filters": []p{{"Name": "InstanceId", "Values": []string{all[1].InstanceId, all[3].InstanceId}}}}, func(r fusionRow) bool {
			return r.InstanceId == all[1].InstanceId || r.InstanceId == all[3].InstanceId
		}},
		{"tag", p{"TagFilters": []p{{"TagKey": "team", "TagValues": []string{"blue"}}}}, func(r fusionRow) bool { return hasTag(r, "team", "blue") }},
		{"tag and version", p{"TagFilters": []p{{"TagKey": "team"}}, "Filters": []p{{"Name": "Version", "Values": []string{"4"}}}}, func(r fusionRow) bool {
			return hasTag(r, "team", "blue") && r.Version == "4"
		}},
		// One rule for both generations' rows: a TagFilter without a
		// TagKey selects nothing away (4.x and 5.x once disagreed here).
		{"tag filter without a key", p{"TagFilters": []p{{"TagValues": []string{"blue"}}}}, func(fusionRow) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, r := range all {
				if tc.keep(r) {
					want = append(want, r.Raw)
				}
			}
			require.NotEmpty(t, want, "a filter that selects nothing shows no order")
			for offset := 0; offset <= len(want); offset++ {
				for _, limit := range []int{1, 2, 3, 100} {
					params := p{"Offset": offset, "Limit": limit}
					for k, v := range tc.params {
						params[k] = v
					}
					total, rows := fusionPage(t, c, params)
					assert.Equal(t, int64(len(want)), total, "Offset %d Limit %d", offset, limit)
					got := []string{}
					for _, r := range rows {
						got = append(got, r.Raw)
					}
					assert.Equal(t, want[offset:min(offset+limit, len(want))], got, "Offset %d Limit %d", offset, limit)
				}
			}
		})
	}
}
