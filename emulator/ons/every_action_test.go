package ons_test

import (
	"errors"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sdkActions lists the typed actions of *ons.Client, read by reflection: a
// method X(*XRequest) (*XResponse, error).
func sdkActions() []string {
	var out []string
	t := reflect.TypeOf(&ons.Client{})
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		ft := m.Type
		if ft.NumIn() != 2 || ft.NumOut() != 2 {
			continue
		}
		if ft.In(1).String() == "*ons."+m.Name+"Request" && ft.Out(0).String() == "*ons."+m.Name+"Response" {
			out = append(out, m.Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryActionDecodes calls every typed action of services/ons once with
// realistic parameters. Served actions must succeed (so the SDK decoded the
// answer into its struct); declined ones must answer ONS_SERVICE_UNSUPPORTED
// as a ServerError. Nothing may come back as a ClientError (undecodable).
func TestEveryActionDecodes(t *testing.T) {
	f := newFx(t)
	inst := f.createInstance("every-action")
	f.mustTopic(inst, "orders")
	f.mustGroup(inst, "GID_orders")
	f.consumersOnline(inst, "GID_orders", "orders")
	msgID := f.mustSend(inst, "orders", "hello", "TagA", "k1")
	now := time.Now().UnixMilli()
	c := f.c
	i := requests.NewInteger
	i64 := func(v int64) requests.Integer { return requests.NewInteger64(v) }
	b := requests.NewBoolean
	ids := func(s ...string) *[]string { return &s }

	type call func() (any, error)
	served := map[string]call{
		"OnsRegionList":  func() (any, error) { return c.OnsRegionList(ons.CreateOnsRegionListRequest()) },
		"OpenOnsService": func() (any, error) { return c.OpenOnsService(ons.CreateOpenOnsServiceRequest()) },
		"OnsInstanceInServiceList": func() (any, error) {
			return c.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
		},
		"OnsInstanceBaseInfo": func() (any, error) {
			r := ons.CreateOnsInstanceBaseInfoRequest()
			r.InstanceId = inst
			return c.OnsInstanceBaseInfo(r)
		},
		"OnsInstanceCreate": func() (any, error) {
			r := ons.CreateOnsInstanceCreateRequest()
			r.InstanceName, r.Remark = "second", "r"
			return c.OnsInstanceCreate(r)
		},
		"OnsInstanceUpdate": func() (any, error) {
			r := ons.CreateOnsInstanceUpdateRequest()
			r.InstanceId, r.Remark = inst, "updated"
			return c.OnsInstanceUpdate(r)
		},
		"OnsTopicCreate": func() (any, error) {
			r := ons.CreateOnsTopicCreateRequest()
			r.InstanceId, r.Topic, r.MessageType, r.Remark = inst, "payments", i(1), "p"
			return c.OnsTopicCreate(r)
		},
		"OnsTopicList": func() (any, error) {
			r := ons.CreateOnsTopicListRequest()
			r.InstanceId = inst
			return c.OnsTopicList(r)
		},
		"OnsTopicStatus": func() (any, error) {
			r := ons.CreateOnsTopicStatusRequest()
			r.InstanceId, r.Topic = inst, "orders"
			return c.OnsTopicStatus(r)
		},
		"OnsTopicUpdate": func() (any, error) {
			r := ons.CreateOnsTopicUpdateRequest()
			r.InstanceId, r.Topic, r.Perm = inst, "orders", i(6)
			return c.OnsTopicUpdate(r)
		},
		"OnsTopicSubDetail": func() (any, error) {
			r := ons.CreateOnsTopicSubDetailRequest()
			r.InstanceId, r.Topic = inst, "orders"
			return c.OnsTopicSubDetail(r)
		},
		"OnsGroupCreate": func() (any, error) {
			r := ons.CreateOnsGroupCreateRequest()
			r.InstanceId, r.GroupId, r.GroupType, r.Remark = inst, "GID_payments", "http", "g"
			return c.OnsGroupCreate(r)
		},
		"OnsGroupList": func() (any, error) {
			r := ons.CreateOnsGroupListRequest()
			r.InstanceId, r.GroupType = inst, "all"
			return c.OnsGroupList(r)
		},
		"OnsGroupSubDetail": func() (any, error) {
			r := ons.CreateOnsGroupSubDetailRequest()
			r.InstanceId, r.GroupId = inst, "GID_orders"
			return c.OnsGroupSubDetail(r)
		},
		"OnsGroupConsumerUpdate": func() (any, error) {
			r := ons.CreateOnsGroupConsumerUpdateRequest()
			r.InstanceId, r.GroupId, r.ReadEnable = inst, "GID_orders", b(true)
			return c.OnsGroupConsumerUpdate(r)
		},
		"OnsConsumerAccumulate": func() (any, error) {
			r := ons.CreateOnsConsumerAccumulateRequest()
			r.InstanceId, r.GroupId, r.Detail = inst, "GID_orders", b(true)
			return c.OnsConsumerAccumulate(r)
		},
		"OnsConsumerStatus": func() (any, error) {
			r := ons.CreateOnsConsumerStatusRequest()
			r.InstanceId, r.GroupId, r.Detail, r.NeedJstack = inst, "GID_orders", b(true), b(true)
			return c.OnsConsumerStatus(r)
		},
		"OnsConsumerGetConnection": func() (any, error) {
			r := ons.CreateOnsConsumerGetConnectionRequest()
			r.InstanceId, r.GroupId = inst, "GID_orders"
			return c.OnsConsumerGetConnection(r)
		},
		"OnsConsumerResetOffset": func() (any, error) {
			r := ons.CreateOnsConsumerResetOffsetRequest()
			r.InstanceId, r.GroupId, r.Topic, r.Type, r.ResetTimestamp = inst, "GID_orders", "orders", i(1), i64(now-60_000)
			return c.OnsConsumerResetOffset(r)
		},
		"OnsConsumerTimeSpan": func() (any, error) {
			r := ons.CreateOnsConsumerTimeSpanRequest()
			r.InstanceId, r.GroupId, r.Topic = inst, "GID_orders", "orders"
			return c.OnsConsumerTimeSpan(r)
		},
		"OnsMessageGetByMsgId": func() (any, error) {
			r := ons.CreateOnsMessageGetByMsgIdRequest()
			r.InstanceId, r.Topic, r.MsgId = inst, "orders", msgID
			return c.OnsMessageGetByMsgId(r)
		},
		"OnsMessageDetail": func() (any, error) {
			r := ons.CreateOnsMessageDetailRequest()
			r.InstanceId, r.Topic, r.MsgId = inst, "orders", msgID
			return c.OnsMessageDetail(r)
		},
		"OnsMessageGetByKey": func() (any, error) {
			r := ons.CreateOnsMessageGetByKeyRequest()
			r.InstanceId, r.Topic, r.Key = inst, "orders", "k1"
			return c.OnsMessageGetByKey(r)
		},
		"OnsMessagePageQueryByTopic": func() (any, error) {
			r := ons.CreateOnsMessagePageQueryByTopicRequest()
			r.InstanceId, r.Topic, r.BeginTime, r.EndTime = inst, "orders", i64(now-3_600_000), i64(now+3_600_000)
			r.CurrentPage, r.PageSize = i(1), i(20)
			return c.OnsMessagePageQueryByTopic(r)
		},
		"OnsMessagePush": func() (any, error) {
			r := ons.CreateOnsMessagePushRequest()
			r.InstanceId, r.Topic, r.MsgId, r.GroupId, r.ClientId = inst, "orders", msgID, "GID_orders", "127.0.0.1@1"
			return c.OnsMessagePush(r)
		},
		"TagResources": func() (any, error) {
			r := ons.CreateTagResourcesRequest()
			r.ResourceType, r.InstanceId, r.ResourceId = "TOPIC", inst, ids("orders")
			r.Tag = &[]ons.TagResourcesTag{{Key: "env", Value: "test"}}
			return c.TagResources(r)
		},
		"ListTagResources": func() (any, error) {
			r := ons.CreateListTagResourcesRequest()
			r.ResourceType, r.InstanceId, r.ResourceId = "TOPIC", inst, ids("orders")
			return c.ListTagResources(r)
		},
		"UntagResources": func() (any, error) {
			r := ons.CreateUntagResourcesRequest()
			r.ResourceType, r.InstanceId, r.ResourceId, r.TagKey = "TOPIC", inst, ids("orders"), ids("env")
			return c.UntagResources(r)
		},
		// Deletes last, in the order that works.
		"OnsGroupDelete": func() (any, error) {
			r := ons.CreateOnsGroupDeleteRequest()
			r.InstanceId, r.GroupId = inst, "GID_payments"
			return c.OnsGroupDelete(r)
		},
		"OnsTopicDelete": func() (any, error) {
			r := ons.CreateOnsTopicDeleteRequest()
			r.InstanceId, r.Topic = inst, "payments"
			return c.OnsTopicDelete(r)
		},
		"OnsInstanceDelete": func() (any, error) {
			list, err := c.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
			if err != nil {
				return nil, err
			}
			for _, in := range list.Data.InstanceVO {
				if in.InstanceName == "second" {
					r := ons.CreateOnsInstanceDeleteRequest()
					r.InstanceId = in.InstanceId
					return c.OnsInstanceDelete(r)
				}
			}
			return nil, errors.New("instance second not found")
		},
	}
	declined := map[string]call{
		"OnsDLQMessageGetById": func() (any, error) {
			r := ons.CreateOnsDLQMessageGetByIdRequest()
			r.InstanceId, r.GroupId, r.MsgId = inst, "GID_orders", msgID
			return c.OnsDLQMessageGetById(r)
		},
		"OnsDLQMessagePageQueryByGroupId": func() (any, error) {
			r := ons.CreateOnsDLQMessagePageQueryByGroupIdRequest()
			r.InstanceId, r.GroupId, r.BeginTime, r.EndTime = inst, "GID_orders", i64(now-1000), i64(now)
			return c.OnsDLQMessagePageQueryByGroupId(r)
		},
		"OnsDLQMessageResendById": func() (any, error) {
			r := ons.CreateOnsDLQMessageResendByIdRequest()
			r.InstanceId, r.GroupId, r.MsgId = inst, "GID_orders", msgID
			return c.OnsDLQMessageResendById(r)
		},
		"OnsMessageTrace": func() (any, error) {
			r := ons.CreateOnsMessageTraceRequest()
			r.InstanceId, r.Topic, r.MsgId = inst, "orders", msgID
			return c.OnsMessageTrace(r)
		},
		"OnsTraceGetResult": func() (any, error) {
			r := ons.CreateOnsTraceGetResultRequest()
			r.QueryId = "q"
			return c.OnsTraceGetResult(r)
		},
		"OnsTraceQueryByMsgId": func() (any, error) {
			r := ons.CreateOnsTraceQueryByMsgIdRequest()
			r.InstanceId, r.Topic, r.MsgId, r.BeginTime, r.EndTime = inst, "orders", msgID, i64(now-1000), i64(now)
			return c.OnsTraceQueryByMsgId(r)
		},
		"OnsTraceQueryByMsgKey": func() (any, error) {
			r := ons.CreateOnsTraceQueryByMsgKeyRequest()
			r.InstanceId, r.Topic, r.MsgKey, r.BeginTime, r.EndTime = inst, "orders", "k1", i64(now-1000), i64(now)
			return c.OnsTraceQueryByMsgKey(r)
		},
		"OnsTrendGroupOutputTps": func() (any, error) {
			r := ons.CreateOnsTrendGroupOutputTpsRequest()
			r.InstanceId, r.GroupId, r.Topic, r.BeginTime, r.EndTime, r.Type = inst, "GID_orders", "orders", i64(now-1000), i64(now), i(0)
			return c.OnsTrendGroupOutputTps(r)
		},
		"OnsTrendTopicInputTps": func() (any, error) {
			r := ons.CreateOnsTrendTopicInputTpsRequest()
			r.InstanceId, r.Topic, r.BeginTime, r.EndTime, r.Type = inst, "orders", i64(now-1000), i64(now), i(0)
			return c.OnsTrendTopicInputTps(r)
		},
	}

	var listed []string
	for n := range served {
		listed = append(listed, n)
	}
	for n := range declined {
		listed = append(listed, n)
	}
	sort.Strings(listed)
	require.Len(t, sdkActions(), 40, "the SDK's action count changed")
	require.Equal(t, sdkActions(), listed, "every SDK action is called exactly once")

	order := make([]string, 0, len(served))
	for n := range served {
		order = append(order, n)
	}
	// Deletes run last, in dependency order; the rest in name order.
	sort.Slice(order, func(a, b int) bool {
		ra, rb := deleteRank(order[a]), deleteRank(order[b])
		if ra != rb {
			return ra < rb
		}
		return order[a] < order[b]
	})
	for _, name := range order {
		resp, err := served[name]()
		require.NoError(t, err, name)
		assert.Regexp(t, requestIDPattern, reflect.ValueOf(resp).Elem().FieldByName("RequestId").String(), name)
	}
	for name, do := range declined {
		_, err := do()
		var se *sdkerrors.ServerError
		require.True(t, errors.As(err, &se), "%s: want a ServerError, got %T %v", name, err, err)
		assert.Equal(t, "ONS_SERVICE_UNSUPPORTED", se.ErrorCode(), name)
		assert.Equal(t, http.StatusBadRequest, se.HttpStatus(), name)
	}
}

func deleteRank(name string) int {
	switch {
	case !strings.HasSuffix(name, "Delete"):
		return 0
	case name == "OnsGroupDelete":
		return 1
	case name == "OnsTopicDelete":
		return 2
	}
	return 3
}
