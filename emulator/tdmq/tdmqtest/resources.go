package tdmqtest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// WithOptions sets keys of the emulator's tdmq configuration section.
func WithOptions(opts map[string]any) emutest.Option {
	return emutest.WithConfig(func(c *emulator.Config) {
		if c.TDMQ.Options == nil {
			c.TDMQ.Options = map[string]any{}
		}
		for k, v := range opts {
			c.TDMQ.Options[k] = v
		}
	})
}

// NewInstance creates a RUNNING 5.x instance of the SKU (extra parameters
// added or replaced) and returns its id.
func NewInstance(t testing.TB, c *SDK, name, typ, sku string, extra ...map[string]any) string {
	t.Helper()
	params := map[string]any{"InstanceType": typ, "Name": name, "SkuCode": sku,
		"VpcList": []map[string]any{{"VpcId": "vpc-mqmock01", "SubnetId": "subnet-mqmock01"}}}
	for _, e := range extra {
		for k, v := range e {
			params[k] = v
		}
	}
	var out struct {
		InstanceId string
		RequestId  string
	}
	c.OK("CreateInstance", params, &out)
	require.Regexp(t, `^rmq-[a-z0-9]{8}$`, out.InstanceId)
	return out.InstanceId
}

// NewTopic creates a NORMAL topic (extra parameters added or replaced).
func NewTopic(t testing.TB, c *SDK, id, topic string, extra ...map[string]any) {
	t.Helper()
	params := map[string]any{"InstanceId": id, "Topic": topic, "TopicType": "NORMAL"}
	for _, e := range extra {
		for k, v := range e {
			params[k] = v
		}
	}
	c.OK("CreateTopic", params, nil)
}

// NewGroup creates a consumer group.
func NewGroup(t testing.TB, c *SDK, id, group string) {
	t.Helper()
	c.OK("CreateConsumerGroup", map[string]any{"InstanceId": id, "ConsumerGroup": group, "MaxRetryTimes": 16, "ConsumeEnable": true, "ConsumeMessageOrderly": false}, nil)
}

// NewRole creates a role with read and write permission.
func NewRole(t testing.TB, c *SDK, id, role string) {
	t.Helper()
	c.OK("CreateRole", map[string]any{"InstanceId": id, "Role": role, "PermRead": true, "PermWrite": true, "Remark": "r"}, nil)
}
