package ons_test

import (
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// create instance → topic → group → list/status → delete, in the wrong order
// first (refused, nothing lost), then the right one.
func TestLifecycle(t *testing.T) {
	f := newFx(t)
	c := f.c

	create := ons.CreateOnsInstanceCreateRequest()
	create.InstanceName, create.Remark = "orders-prod", "the orders"
	created, err := c.OnsInstanceCreate(create)
	require.NoError(t, err)
	inst := created.Data.InstanceId
	assert.Regexp(t, `^MQ_INST_1000000000000001_[A-Za-z0-9]{8}$`, inst)
	assert.Equal(t, 1, created.Data.InstanceType)

	info := ons.CreateOnsInstanceBaseInfoRequest()
	info.InstanceId = inst
	base, err := c.OnsInstanceBaseInfo(info)
	require.NoError(t, err)
	assert.Equal(t, "orders-prod", base.InstanceBaseInfo.InstanceName)
	assert.Equal(t, "the orders", base.InstanceBaseInfo.Remark)
	assert.True(t, base.InstanceBaseInfo.IndependentNaming, "instances made by the API have a namespace")
	assert.Equal(t, 50, base.InstanceBaseInfo.TopicCapacity)
	assert.Equal(t, 5, base.InstanceBaseInfo.InstanceStatus)
	assert.Contains(t, base.InstanceBaseInfo.Endpoints.TcpEndpoint, inst)

	upd := ons.CreateOnsInstanceUpdateRequest()
	upd.InstanceId, upd.InstanceName = inst, "orders-renamed"
	_, err = c.OnsInstanceUpdate(upd)
	require.NoError(t, err)

	list, err := c.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	require.NoError(t, err)
	names := map[string]string{}
	for _, in := range list.Data.InstanceVO {
		names[in.InstanceId] = in.InstanceName
	}
	assert.Equal(t, map[string]string{defaultInstance: "mqmock-default", inst: "orders-renamed"}, names)

	require.NoError(t, createTopic(c, inst, "orders", 0))
	require.NoError(t, createTopic(c, inst, "orders-fifo", 2))
	f.mustGroup(inst, "GID_orders")

	tl := ons.CreateOnsTopicListRequest()
	tl.InstanceId = inst
	topics, err := c.OnsTopicList(tl)
	require.NoError(t, err)
	require.Len(t, topics.Data.PublishInfoDo, 2)
	first := topics.Data.PublishInfoDo[0]
	assert.Equal(t, "orders", first.Topic)
	assert.Equal(t, inst, first.InstanceId)
	assert.Equal(t, 1, first.Relation)
	assert.Equal(t, "1000000000000001", first.Owner)
	assert.Equal(t, 2, topics.Data.PublishInfoDo[1].MessageType)
	tl.Topic = "fifo"
	filtered, err := c.OnsTopicList(tl)
	require.NoError(t, err)
	require.Len(t, filtered.Data.PublishInfoDo, 1, "the Topic filter matches a substring")
	assert.Equal(t, "orders-fifo", filtered.Data.PublishInfoDo[0].Topic)
	require.NoError(t, createTopic(c, inst, "a-orders-fifo", 0))
	tl.Topic = "orders-fifo"
	filtered, err = c.OnsTopicList(tl)
	require.NoError(t, err)
	require.Len(t, filtered.Data.PublishInfoDo, 2)
	assert.Equal(t, "orders-fifo", filtered.Data.PublishInfoDo[0].Topic, "the exact match comes first (terraform reads the first row)")
	td0 := ons.CreateOnsTopicDeleteRequest()
	td0.InstanceId, td0.Topic = inst, "a-orders-fifo"
	_, err = c.OnsTopicDelete(td0)
	require.NoError(t, err)

	st := ons.CreateOnsTopicStatusRequest()
	st.InstanceId, st.Topic = inst, "orders"
	status, err := c.OnsTopicStatus(st)
	require.NoError(t, err)
	assert.Equal(t, 6, status.Data.Perm)
	assert.Zero(t, status.Data.TotalCount)
	assert.Zero(t, status.Data.LastTimeStamp, "0 while the topic is empty")
	f.mustSend(inst, "orders", "one", "", "")
	f.mustSend(inst, "orders", "two", "", "")
	status, err = c.OnsTopicStatus(st)
	require.NoError(t, err)
	assert.EqualValues(t, 2, status.Data.TotalCount)
	assert.NotZero(t, status.Data.LastTimeStamp)

	tu := ons.CreateOnsTopicUpdateRequest()
	tu.InstanceId, tu.Topic, tu.Perm = inst, "orders", requests.NewInteger(2)
	_, err = c.OnsTopicUpdate(tu)
	require.NoError(t, err)
	status, err = c.OnsTopicStatus(st)
	require.NoError(t, err)
	assert.Equal(t, 2, status.Data.Perm)

	gl := ons.CreateOnsGroupListRequest()
	gl.InstanceId = inst
	groups, err := c.OnsGroupList(gl)
	require.NoError(t, err)
	require.Len(t, groups.Data.SubscribeInfoDo, 1)
	assert.Equal(t, "GID_orders", groups.Data.SubscribeInfoDo[0].GroupId)
	assert.Equal(t, "tcp", groups.Data.SubscribeInfoDo[0].GroupType, "tcp by default")

	// Wrong order: the instance still holds topics and a group.
	del := ons.CreateOnsInstanceDeleteRequest()
	del.InstanceId = inst
	_, err = c.OnsInstanceDelete(del)
	requireServerError(t, err, "INSTANCE_NOT_EMPTY", http.StatusBadRequest)
	_, err = c.OnsInstanceBaseInfo(info)
	require.NoError(t, err, "a refused delete leaves the instance")

	// Right order.
	gd := ons.CreateOnsGroupDeleteRequest()
	gd.InstanceId, gd.GroupId = inst, "GID_orders"
	_, err = c.OnsGroupDelete(gd)
	require.NoError(t, err)
	_, err = c.OnsInstanceDelete(del)
	requireServerError(t, err, "INSTANCE_NOT_EMPTY", http.StatusBadRequest)
	for _, name := range []string{"orders", "orders-fifo"} {
		td := ons.CreateOnsTopicDeleteRequest()
		td.InstanceId, td.Topic = inst, name
		_, err = c.OnsTopicDelete(td)
		require.NoError(t, err)
	}
	_, err = c.OnsTopicStatus(st)
	requireServerError(t, err, "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
	_, err = c.OnsInstanceDelete(del)
	require.NoError(t, err)
	_, err = c.OnsInstanceBaseInfo(info)
	requireServerError(t, err, "INSTANCE_NOT_FOUND", http.StatusBadRequest)
	_, err = c.OnsInstanceDelete(del)
	requireServerError(t, err, "INSTANCE_NOT_FOUND", http.StatusBadRequest)
}

func TestMissingInstanceIdIsGatewayMissingParameter(t *testing.T) {
	f := newFx(t)
	req := ons.CreateOnsTopicListRequest()
	_, err := f.c.OnsTopicList(req)
	se := requireServerError(t, err, "MissingInstanceId", http.StatusBadRequest)
	assert.Equal(t, "InstanceId is mandatory for this action.", se.Message())
}

func TestResetForgetsWhatTheAPICreated(t *testing.T) {
	f := newFx(t)
	inst := f.createInstance("to-forget")
	f.mustTopic(defaultInstance, "kept-until-reset")
	require.NoError(t, f.env.Reset("ons"))
	list, err := f.c.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	require.NoError(t, err)
	require.Len(t, list.Data.InstanceVO, 1)
	assert.Equal(t, defaultInstance, list.Data.InstanceVO[0].InstanceId)
	assert.NotEqual(t, inst, list.Data.InstanceVO[0].InstanceId)
	require.NoError(t, createTopic(f.c, defaultInstance, "kept-until-reset", 0), "the shared name is free again")
}

// MessageType, Perm and GroupType outside their documented sets.
func TestValueRules(t *testing.T) {
	f := newFx(t)
	for _, mt := range []int{3, 6, -1} {
		requireServerError(t, createTopic(f.c, defaultInstance, "typed", mt), "BIZ_FIELD_CHECK_INVALID", http.StatusBadRequest)
	}
	f.mustTopic(defaultInstance, "typed")
	for _, perm := range []int{0, 1, 7} {
		r := ons.CreateOnsTopicUpdateRequest()
		r.InstanceId, r.Topic, r.Perm = defaultInstance, "typed", requests.NewInteger(perm)
		_, err := f.c.OnsTopicUpdate(r)
		requireServerError(t, err, "BIZ_FIELD_CHECK_INVALID", http.StatusBadRequest)
	}
	g := ons.CreateOnsGroupCreateRequest()
	g.InstanceId, g.GroupId, g.GroupType = defaultInstance, "GID_typed", "grpc"
	_, err := f.c.OnsGroupCreate(g)
	requireServerError(t, err, "BIZ_FIELD_CHECK_INVALID", http.StatusBadRequest)
	// A send to a subscribe-only topic is refused.
	r := ons.CreateOnsTopicUpdateRequest()
	r.InstanceId, r.Topic, r.Perm = defaultInstance, "typed", requests.NewInteger(4)
	_, err = f.c.OnsTopicUpdate(r)
	require.NoError(t, err)
	_, err = f.send(f.c, defaultInstance, "typed", "x", "", "")
	requireServerError(t, err, "BIZ_FIELD_CHECK_INVALID", http.StatusBadRequest)
}
