package trocket

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// TestBadValuesNeverBreak probes every 5.x action with every parameter it
// accepts set to wrong types, extremes and garbage: each answer is a
// success that renders, or a catalogue error that is not InternalError (a
// panic would be recovered as InternalError), and nothing panics.
func TestBadValuesNeverBreak(t *testing.T) {
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	s := mustNew(t, pipeline.Env{Clock: clock.New(), Accounts: reg}, Options{}, nil)
	acct, _ := reg.ByName("default")
	run := func(action string, tree map[string]any) (any, error) {
		h, ok := s.Table().Lookup(action)
		require.True(t, ok)
		var res any
		var herr error
		require.NotPanics(t, func() { res, herr = h(&pipeline.Call{Account: acct, Tree: tree}) }, "%s %v", action, tree)
		return res, herr
	}
	res, err := run("CreateInstance", map[string]any{"InstanceType": "PLATINUM", "Name": "fuzz", "SkuCode": "platinum_1w",
		"VpcList": []any{map[string]any{"VpcId": "v", "SubnetId": "s"}}})
	require.NoError(t, err)
	id := res.(createInstanceResp).InstanceId
	_, err = run("CreateTopic", map[string]any{"InstanceId": id, "Topic": "orders", "TopicType": "NORMAL"})
	require.NoError(t, err)
	res, err = run("SendMessage", map[string]any{"InstanceId": id, "Topic": "orders", "MsgBody": "b"})
	require.NoError(t, err)
	msg := res.(sendMessageResp).MsgId

	superset := func() map[string]any {
		return map[string]any{
			"InstanceId": id, "Topic": "orders", "TopicType": "NORMAL", "ConsumerGroup": "billing", "GroupId": "billing",
			"Role": "writer", "MsgId": msg, "ClientId": "c1", "MsgBody": "b", "MsgKey": "k", "MsgTag": "t",
			"StartTime": json.Number("0"), "EndTime": json.Number("9999999999999"), "TaskRequestId": "", "ResetTimestamp": json.Number("-1"),
			"MaxRetryTimes": json.Number("1"), "ConsumeEnable": true, "ConsumeMessageOrderly": false, "PermRead": true, "PermWrite": true,
			"Remark": "r", "InstanceType": "BASIC", "Name": "fuzz-two", "SkuCode": "basic_1k",
			"VpcList": []any{map[string]any{"VpcId": "v", "SubnetId": "s"}}, "MessageIds": []any{msg},
			"Offset": json.Number("0"), "Limit": json.Number("5"), "Filters": []any{}, "TagFilters": []any{},
			"QueueNum": json.Number("4"), "MsgTTL": json.Number("48"), "RecentMessageNum": json.Number("-1"),
			"RetryPolicy":   map[string]any{"PolicyType": "EXPONENTIAL", "RetryInterval": json.Number("1")},
			"DetailedPerms": []any{}, "PermType": "Cluster", "TagList": []any{}, "ExtraTopicNum": "0", "ZoneIds": []any{},
			"SendReceiveRatio": json.Number("0.5"), "MessageRetention": json.Number("48"), "SortedBy": "subscribeNum", "SortOrder": "asc",
			"FromGroup": "billing", "FromTopic": "orders", "SubscribeTopic": "orders", "QueryDeadLetterMessage": false,
		}
	}
	bad := []any{map[string]any{}, []any{}, "", "-1", json.Number("-1"), json.Number("-9223372036854775808"),
		json.Number("1e400"), json.Number("0.5"), true, strings.Repeat("x", 5000), []any{map[string]any{"Name": []any{}}}, nil}

	probes, answered := 0, map[string]bool{}
	for _, action := range s.Table().Names() {
		tree := superset()
		// Drop what the action does not define, until it binds.
		for range len(tree) {
			_, err := run(action, tree)
			e, ok := apierr.As(err)
			if !ok || e.Def != tcapi.Row("UnknownParameter") {
				break
			}
			name := strings.TrimSuffix(strings.TrimPrefix(e.Detail, " ("), ")")
			require.Contains(t, tree, name, "%s: %s", action, e.Detail)
			delete(tree, name)
		}
		for key := range superset() {
			if _, ok := tree[key]; !ok {
				continue
			}
			for _, v := range bad {
				probe := superset()
				for k := range probe {
					if _, ok := tree[k]; !ok {
						delete(probe, k)
					}
				}
				probe[key] = v
				probes++
				res, err := run(action, probe)
				if e, ok := apierr.As(err); ok {
					answered[e.Def.Code] = true
				}
				if err != nil {
					e, ok := apierr.As(err)
					if assert.True(t, ok, "%s %s=%v: %v", action, key, v, err) {
						assert.NotEqual(t, tcapi.Row("InternalError"), e.Def, "%s %s=%v", action, key, v)
					}
					continue
				}
				answered["success"] = true
				_, merr := pipeline.ObjectBody(res)
				assert.NoError(t, merr, "%s %s=%v", action, key, v)
			}
		}
	}
	// The probes went deep: past binding into the rules.
	assert.Greater(t, probes, 2000)
	for _, code := range []string{"success", "InvalidParameter", "InvalidParameterValue", "ResourceNotFound.Group", "ResourceNotFound.Role"} {
		assert.True(t, answered[code], "no probe answered %s", code)
	}
}
