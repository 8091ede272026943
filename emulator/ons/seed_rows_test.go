package ons_test

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	eons "github.com/mqmock/mqmock/emulator/ons"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// actionFault is a test fault hook: one catalogue error for one action (the
// real engine lives in faults/).
type actionFault struct {
	action string
	def    *apierr.Def
}

func (h actionFault) Apply(call *pipeline.Call) *pipeline.Effect {
	if call.Action != h.action {
		return nil
	}
	return &pipeline.Effect{Rule: "test", Err: h.def.New()}
}

// TestSeedRows reproduces each of the 17 rows of seed 004 by the condition
// ons.md §5.1 gives it, through the official SDK.
func TestSeedRows(t *testing.T) {
	type row struct {
		code string
		// provoke returns the error of the call that should fail.
		provoke func(t *testing.T, f *fx) error
	}
	topicStatus := func(f *fx, inst, topic string) error {
		r := ons.CreateOnsTopicStatusRequest()
		r.InstanceId, r.Topic = inst, topic
		_, err := f.c.OnsTopicStatus(r)
		return err
	}
	rows := []row{
		{"ONS_SYSTEM_ERROR", func(t *testing.T, f *fx) error {
			f.env.SetFaultHook(actionFault{"OnsRegionList", catalogueRow(t, "ONS_SYSTEM_ERROR")})
			_, err := f.c.OnsRegionList(ons.CreateOnsRegionListRequest())
			return err
		}},
		{"ONS_SERVICE_UNSUPPORTED", func(t *testing.T, f *fx) error {
			r := ons.CreateOnsMessageTraceRequest()
			r.InstanceId, r.Topic, r.MsgId = defaultInstance, "orders", "0BC16699165C03B925DB8A404E2D0001"
			_, err := f.c.OnsMessageTrace(r)
			return err
		}},
		{"ONS_INVOKE_ERROR", func(t *testing.T, f *fx) error {
			f.env.SetFaultHook(actionFault{"OnsTopicList", catalogueRow(t, "ONS_INVOKE_ERROR")})
			r := ons.CreateOnsTopicListRequest()
			r.InstanceId = defaultInstance
			_, err := f.c.OnsTopicList(r)
			return err
		}},
		{"BIZ_FIELD_CHECK_INVALID", func(t *testing.T, f *fx) error {
			return createTopic(f.c, defaultInstance, "no spaces allowed", 0)
		}},
		{"BIZ_TOPIC_NOT_FOUND", func(t *testing.T, f *fx) error {
			return topicStatus(f, defaultInstance, "never-created")
		}},
		{"BIZ_SUBSCRIPTION_NOT_FOUND", func(t *testing.T, f *fx) error {
			r := ons.CreateOnsGroupDeleteRequest()
			r.InstanceId, r.GroupId = defaultInstance, "GID_never"
			_, err := f.c.OnsGroupDelete(r)
			return err
		}},
		{"BIZ_PUBLISHER_EXISTED", func(t *testing.T, f *fx) error {
			f.mustGroup(defaultInstance, "PID_orders")
			return createGroup(f.c, defaultInstance, "PID_orders")
		}},
		{"BIZ_SUBSCRIPTION_EXISTED", func(t *testing.T, f *fx) error {
			f.mustGroup(defaultInstance, "GID_orders")
			return createGroup(f.c, defaultInstance, "GID_orders")
		}},
		{"BIZ_CONSUMER_NOT_ONLINE", func(t *testing.T, f *fx) error {
			f.mustGroup(defaultInstance, "GID_offline")
			r := ons.CreateOnsConsumerGetConnectionRequest()
			r.InstanceId, r.GroupId = defaultInstance, "GID_offline"
			_, err := f.c.OnsConsumerGetConnection(r)
			return err
		}},
		{"BIZ_NO_MESSAGE", func(t *testing.T, f *fx) error {
			f.mustTopic(defaultInstance, "empty-topic")
			r := ons.CreateOnsMessageGetByMsgIdRequest()
			r.InstanceId, r.Topic, r.MsgId = defaultInstance, "empty-topic", "0BC16699165C03B925DB8A404E2D0001"
			_, err := f.c.OnsMessageGetByMsgId(r)
			return err
		}},
		{"BIZ_REGION_NOT_FOUND", func(t *testing.T, f *fx) error {
			c, err := ons.NewClientWithAccessKey("xx-nowhere-1", f.env.Default.Alibaba.AccessKeyID, f.env.Default.Alibaba.AccessKeySecret)
			require.NoError(t, err)
			c.Domain = f.env.ONS
			_, err = c.OnsRegionList(ons.CreateOnsRegionListRequest())
			return err
		}},
		{"BIZ_TOPIC_EXISTED", func(t *testing.T, f *fx) error {
			f.mustTopic(defaultInstance, "orders")
			return createTopic(f.c, defaultInstance, "orders", 0)
		}},
		{"BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", func(t *testing.T, f *fx) error {
			require.NoError(t, createGroup(client(t, f.env, f.env.Other), otherInstance, "PID_shared"))
			return createGroup(f.c, defaultInstance, "PID_shared")
		}},
		{"BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", func(t *testing.T, f *fx) error {
			require.NoError(t, createGroup(client(t, f.env, f.env.Other), otherInstance, "GID_shared"))
			return createGroup(f.c, defaultInstance, "GID_shared")
		}},
		{"BIZ_PUBLISH_INFO_NOT_FOUND", func(t *testing.T, f *fx) error {
			r := ons.CreateOnsGroupSubDetailRequest()
			r.InstanceId, r.GroupId = defaultInstance, "PID_never"
			_, err := f.c.OnsGroupSubDetail(r)
			return err
		}},
		{"EMPOWER_EXIST_ERROR", func(t *testing.T, f *fx) error {
			f.mustTopic(defaultInstance, "granted")
			grant := map[string]string{"Topic": "granted", "EmpowerUser": "1000000000000002", "Relation": "4"}
			_, err := common(t, f.env, f.c, "OnsEmpowerCreate", grant)
			require.NoError(t, err)
			_, err = common(t, f.env, f.c, "OnsEmpowerCreate", grant)
			return err
		}},
		{"EMPOWER_OWNER_CHECK_ERROR", func(t *testing.T, f *fx) error {
			f.mustTopic(defaultInstance, "not-yours")
			other := client(t, f.env, f.env.Other)
			_, err := common(t, f.env, other, "OnsEmpowerCreate", map[string]string{"Topic": "not-yours", "EmpowerUser": "1000000000000003", "Relation": "6"})
			return err
		}},
	}
	seedCodes := map[string]bool{}
	for _, d := range eons.Catalogue().Seed() {
		seedCodes[d.Code] = true
	}
	require.Len(t, rows, len(seedCodes))
	for _, r := range rows {
		t.Run(r.code, func(t *testing.T) {
			require.True(t, seedCodes[r.code], "%s is a seed row", r.code)
			f := newFx(t)
			def, ok := eons.Catalogue().ByName(r.code)
			require.True(t, ok)
			se := requireServerError(t, r.provoke(t, f), r.code, def.Status)
			assert.Equal(t, def.Message, se.Message()[:len(def.Message)], "the seed's text opens the message")
			assert.Equal(t, "ons.cn-hangzhou.aliyuncs.com", se.HostId())
		})
	}
}

// catalogueRow is a row of the ONS catalogue by name, as the fault engine
// resolves a scenario's error.
func catalogueRow(t *testing.T, name string) *apierr.Def {
	t.Helper()
	d, ok := eons.Catalogue().ByName(name)
	require.True(t, ok, "no row %s", name)
	return d
}
