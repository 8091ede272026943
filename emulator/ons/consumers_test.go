package ons_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Consumer presence and backlog come from the control API; the consumer
// actions report them, and sent messages add to the backlog.
func TestConsumersDrivenByControlAPI(t *testing.T) {
	f := newFx(t)
	inst := defaultInstance
	f.mustTopic(inst, "orders")
	f.mustTopic(inst, "audit")
	f.mustGroup(inst, "GID_orders")
	c := f.c

	accumulate := func() *ons.OnsConsumerAccumulateResponse {
		r := ons.CreateOnsConsumerAccumulateRequest()
		r.InstanceId, r.GroupId, r.Detail = inst, "GID_orders", requests.NewBoolean(true)
		resp, err := c.OnsConsumerAccumulate(r)
		require.NoError(t, err)
		return resp
	}
	statusReq := func(jstack bool) *ons.OnsConsumerStatusRequest {
		r := ons.CreateOnsConsumerStatusRequest()
		r.InstanceId, r.GroupId, r.Detail, r.NeedJstack = inst, "GID_orders", requests.NewBoolean(true), requests.NewBoolean(jstack)
		return r
	}

	// Offline, nothing subscribed.
	acc := accumulate()
	assert.False(t, acc.Data.Online)
	assert.Zero(t, acc.Data.TotalDiff)
	st, err := c.OnsConsumerStatus(statusReq(false))
	require.NoError(t, err)
	assert.False(t, st.Data.Online)
	assert.Empty(t, st.Data.ConnectionSet.ConnectionDo)
	_, err = c.OnsConsumerStatus(statusReq(true))
	requireServerError(t, err, "BIZ_CONSUMER_NOT_ONLINE", http.StatusBadRequest)

	// Subscribed while offline: messages pile up, filtered by tag.
	status, body := f.control(http.MethodPut, "/instances/"+inst+"/groups/GID_orders/consumers",
		map[string]any{"subscriptions": []map[string]string{{"topic": "orders", "subString": "TagA||TagB"}, {"topic": "audit"}}})
	require.Equal(t, http.StatusOK, status, body)
	f.mustSend(inst, "orders", "a", "TagA", "")
	f.mustSend(inst, "orders", "c", "TagC", "")
	f.mustSend(inst, "audit", "x", "", "")
	f.env.Advance(90 * time.Second)
	acc = accumulate()
	assert.EqualValues(t, 2, acc.Data.TotalDiff, "TagC is filtered out")
	assert.GreaterOrEqual(t, acc.Data.DelayTime, int64(90_000), "the oldest pending message is 90 s old on the virtual clock")
	require.Len(t, acc.Data.DetailInTopicList.DetailInTopicDo, 2)
	assert.Equal(t, "audit", acc.Data.DetailInTopicList.DetailInTopicDo[0].Topic)
	assert.EqualValues(t, 1, acc.Data.DetailInTopicList.DetailInTopicDo[1].TotalDiff)

	sub := ons.CreateOnsGroupSubDetailRequest()
	sub.InstanceId, sub.GroupId = inst, "GID_orders"
	detail, err := c.OnsGroupSubDetail(sub)
	require.NoError(t, err)
	assert.False(t, detail.Data.Online)
	assert.Equal(t, "CLUSTERING", detail.Data.MessageModel)
	require.Len(t, detail.Data.SubscriptionDataList.SubscriptionDataListItem, 2)
	assert.Equal(t, "TagA||TagB", detail.Data.SubscriptionDataList.SubscriptionDataListItem[1].SubString)

	ts := ons.CreateOnsTopicSubDetailRequest()
	ts.InstanceId, ts.Topic = inst, "orders"
	tsub, err := c.OnsTopicSubDetail(ts)
	require.NoError(t, err)
	require.Len(t, tsub.Data.SubscriptionDataList.SubscriptionDataListItem, 1)
	assert.Equal(t, "GID_orders", tsub.Data.SubscriptionDataList.SubscriptionDataListItem[0].GroupId)

	// Online with 3 clients, broadcasting, and an explicit backlog.
	status, body = f.control(http.MethodPut, "/instances/"+inst+"/groups/GID_orders/consumers",
		map[string]any{"online": true, "clients": 3, "messageModel": "BROADCASTING", "consumeTps": 2.5})
	require.Equal(t, http.StatusOK, status, body)
	status, body = f.control(http.MethodPut, "/instances/"+inst+"/groups/GID_orders/accumulation",
		map[string]any{"topic": "orders", "totalDiff": 40, "delayTime": 5000})
	require.Equal(t, http.StatusOK, status, body)
	st, err = c.OnsConsumerStatus(statusReq(true))
	require.NoError(t, err)
	assert.True(t, st.Data.Online)
	assert.True(t, st.Data.RebalanceOK)
	assert.Equal(t, "BROADCASTING", st.Data.ConsumeModel)
	assert.EqualValues(t, 41, st.Data.TotalDiff)
	assert.Equal(t, 2.5, st.Data.ConsumeTps)
	assert.Len(t, st.Data.ConnectionSet.ConnectionDo, 3)
	assert.Len(t, st.Data.ConsumerConnectionInfoList.ConsumerConnectionInfoDo, 3)
	conn := ons.CreateOnsConsumerGetConnectionRequest()
	conn.InstanceId, conn.GroupId = inst, "GID_orders"
	conns, err := c.OnsConsumerGetConnection(conn)
	require.NoError(t, err)
	assert.Len(t, conns.Data.ConnectionList.ConnectionDo, 3)

	// Skipping to the latest offset clears the topic's backlog.
	reset := ons.CreateOnsConsumerResetOffsetRequest()
	reset.InstanceId, reset.GroupId, reset.Topic, reset.Type = inst, "GID_orders", "orders", requests.NewInteger(0)
	_, err = c.OnsConsumerResetOffset(reset)
	require.NoError(t, err)
	acc = accumulate()
	assert.EqualValues(t, 1, acc.Data.TotalDiff, "only audit's message is left")

	// Offline again.
	status, _ = f.control(http.MethodPut, "/instances/"+inst+"/groups/GID_orders/consumers", map[string]any{"online": false})
	require.Equal(t, http.StatusOK, status)
	_, err = c.OnsConsumerGetConnection(conn)
	requireServerError(t, err, "BIZ_CONSUMER_NOT_ONLINE", http.StatusBadRequest)
}

func TestControlAPIErrors(t *testing.T) {
	f := newFx(t)
	f.mustGroup(defaultInstance, "GID_ctl")
	cases := []struct {
		path   string
		body   any
		status int
	}{
		{"/instances/MQ_INST_nope/groups/GID_ctl/consumers", map[string]any{"online": true}, http.StatusNotFound},
		{"/instances/" + defaultInstance + "/groups/GID_nope/consumers", map[string]any{"online": true}, http.StatusNotFound},
		{"/instances/" + defaultInstance + "/groups/GID_ctl/consumers", map[string]any{"onlin": true}, http.StatusBadRequest},
		{"/instances/" + defaultInstance + "/groups/GID_ctl/consumers", map[string]any{"messageModel": "SOMETIMES"}, http.StatusBadRequest},
		{"/instances/" + defaultInstance + "/groups/GID_ctl/consumers", map[string]any{"subscriptions": []map[string]string{{"topic": "nope"}}}, http.StatusNotFound},
		{"/instances/" + defaultInstance + "/groups/GID_ctl/accumulation", map[string]any{"totalDiff": 1}, http.StatusBadRequest},
		{"/instances/" + defaultInstance + "/groups/GID_ctl/accumulation", map[string]any{"topic": "nope", "totalDiff": 1}, http.StatusNotFound},
	}
	for _, tc := range cases {
		status, body := f.control(http.MethodPut, tc.path, tc.body)
		assert.Equal(t, tc.status, status, "%s %v", tc.path, tc.body)
		assert.NotEmpty(t, body["error"], tc.path)
	}
	// A refused change changed nothing.
	status, body := f.control(http.MethodGet, "/instances/"+defaultInstance+"/groups/GID_ctl/consumers", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, false, body["online"])
	assert.Equal(t, "CLUSTERING", body["messageModel"])
}

// Messages: sent through OnsMessageSend (CommonRequest), found by id, key and
// time range, and gone once the retention period passes on the virtual clock.
func TestMessages(t *testing.T) {
	f := newFx(t)
	f.mustTopic(defaultInstance, "orders")
	before := time.Now().Add(-time.Minute).UnixMilli()
	id := f.mustSend(defaultInstance, "orders", "hello world", "TagA", "order-1")
	for i := 0; i < 6; i++ {
		f.mustSend(defaultInstance, "orders", "more", "", "")
	}
	c := f.c

	get := ons.CreateOnsMessageGetByMsgIdRequest()
	get.InstanceId, get.Topic, get.MsgId = defaultInstance, "orders", id
	got, err := c.OnsMessageGetByMsgId(get)
	require.NoError(t, err)
	assert.Equal(t, id, got.Data.MsgId)
	assert.Equal(t, "hello world", got.Data.Body)
	assert.Equal(t, "orders", got.Data.Topic)
	assert.Contains(t, got.Data.PropertyList.MessageProperty, ons.MessageProperty{Name: "TAGS", Value: "TagA"})
	assert.Contains(t, got.Data.PropertyList.MessageProperty, ons.MessageProperty{Name: "KEYS", Value: "order-1"})

	det := ons.CreateOnsMessageDetailRequest()
	det.InstanceId, det.Topic, det.MsgId = defaultInstance, "orders", id
	detail, err := c.OnsMessageDetail(det)
	require.NoError(t, err)
	assert.Equal(t, "hello world", detail.Data.Body)
	assert.Contains(t, detail.Data.PropertyList, ons.MessageProperty{Name: "KEYS", Value: "order-1"}, "a bare array here")

	byKey := ons.CreateOnsMessageGetByKeyRequest()
	byKey.InstanceId, byKey.Topic, byKey.Key = defaultInstance, "orders", "order-1"
	keyed, err := c.OnsMessageGetByKey(byKey)
	require.NoError(t, err)
	require.Len(t, keyed.Data.OnsRestMessageDo, 1)
	assert.Equal(t, id, keyed.Data.OnsRestMessageDo[0].MsgId)

	page := ons.CreateOnsMessagePageQueryByTopicRequest()
	page.InstanceId, page.Topic = defaultInstance, "orders"
	page.BeginTime, page.EndTime = requests.NewInteger64(before), requests.NewInteger64(time.Now().Add(time.Minute).UnixMilli())
	page.PageSize, page.CurrentPage = requests.NewInteger(5), requests.NewInteger(2)
	paged, err := c.OnsMessagePageQueryByTopic(page)
	require.NoError(t, err)
	assert.EqualValues(t, 2, paged.MsgFoundDo.MaxPageCount)
	assert.EqualValues(t, 2, paged.MsgFoundDo.CurrentPage)
	assert.Len(t, paged.MsgFoundDo.MsgFoundList.OnsRestMessageDo, 2)

	f.env.Advance(73 * time.Hour)
	_, err = c.OnsMessageGetByMsgId(get)
	requireServerError(t, err, "BIZ_NO_MESSAGE", http.StatusBadRequest)
	_, err = c.OnsMessageGetByKey(byKey)
	requireServerError(t, err, "BIZ_NO_MESSAGE", http.StatusBadRequest)
	st := ons.CreateOnsTopicStatusRequest()
	st.InstanceId, st.Topic = defaultInstance, "orders"
	status, err := c.OnsTopicStatus(st)
	require.NoError(t, err)
	assert.Zero(t, status.Data.TotalCount, "expired after the 3-day retention")

	_, err = f.send(c, defaultInstance, "nope", "x", "", "")
	requireServerError(t, err, "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
	_, err = common(t, f.env, c, "OnsMessageSend", map[string]string{"InstanceId": defaultInstance, "Topic": "orders"})
	requireServerError(t, err, "MissingMessage", http.StatusBadRequest)
}

func TestTags(t *testing.T) {
	f := newFx(t)
	f.mustTopic(defaultInstance, "tagged")
	f.mustTopic(defaultInstance, "plain")
	c := f.c
	tag := ons.CreateTagResourcesRequest()
	tag.ResourceType, tag.InstanceId, tag.ResourceId = "TOPIC", defaultInstance, &[]string{"tagged"}
	tag.Tag = &[]ons.TagResourcesTag{{Key: "env", Value: "prod"}, {Key: "team", Value: "pay"}}
	_, err := c.TagResources(tag)
	require.NoError(t, err)

	tl := ons.CreateOnsTopicListRequest()
	tl.InstanceId = defaultInstance
	tl.Tag = &[]ons.OnsTopicListTag{{Key: "env", Value: "prod"}}
	topics, err := c.OnsTopicList(tl)
	require.NoError(t, err)
	require.Len(t, topics.Data.PublishInfoDo, 1)
	assert.Equal(t, "tagged", topics.Data.PublishInfoDo[0].Topic)
	assert.Len(t, topics.Data.PublishInfoDo[0].Tags.Tag, 2)

	list := ons.CreateListTagResourcesRequest()
	list.ResourceType, list.InstanceId = "TOPIC", defaultInstance
	listed, err := c.ListTagResources(list)
	require.NoError(t, err)
	assert.Len(t, listed.TagResources, 2)

	untag := ons.CreateUntagResourcesRequest()
	untag.ResourceType, untag.InstanceId, untag.ResourceId, untag.TagKey = "TOPIC", defaultInstance, &[]string{"tagged"}, &[]string{"env"}
	_, err = c.UntagResources(untag)
	require.NoError(t, err)
	topics, err = c.OnsTopicList(tl)
	require.NoError(t, err)
	assert.Empty(t, topics.Data.PublishInfoDo)

	bad := ons.CreateTagResourcesRequest()
	bad.ResourceType, bad.InstanceId, bad.ResourceId = "TOPIC", defaultInstance, &[]string{"tagged", "missing"}
	bad.Tag = &[]ons.TagResourcesTag{{Key: "k", Value: "v"}}
	_, err = c.TagResources(bad)
	requireServerError(t, err, "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
	listed, err = c.ListTagResources(list)
	require.NoError(t, err)
	assert.Len(t, listed.TagResources, 1, "all or nothing: tagged kept only team")
	bad.Tag = &[]ons.TagResourcesTag{{Key: "aliyun:x", Value: "v"}}
	bad.ResourceId = &[]string{"tagged"}
	_, err = c.TagResources(bad)
	requireServerError(t, err, "BIZ_FIELD_CHECK_INVALID", http.StatusBadRequest)
}

func TestConsumerTimeSpan(t *testing.T) {
	f := newFx(t)
	f.mustTopic(defaultInstance, "orders")
	f.mustGroup(defaultInstance, "GID_orders")
	span := func() *ons.OnsConsumerTimeSpanResponse {
		r := ons.CreateOnsConsumerTimeSpanRequest()
		r.InstanceId, r.GroupId, r.Topic = defaultInstance, "GID_orders", "orders"
		resp, err := f.c.OnsConsumerTimeSpan(r)
		require.NoError(t, err)
		return resp
	}
	empty := span()
	assert.Zero(t, empty.Data.MinTimeStamp)
	assert.Zero(t, empty.Data.MaxTimeStamp)
	f.mustSend(defaultInstance, "orders", "first", "", "")
	f.env.Advance(time.Hour)
	f.mustSend(defaultInstance, "orders", "second", "", "")
	status, body := f.control(http.MethodPut, "/instances/"+defaultInstance+"/groups/GID_orders/accumulation",
		map[string]any{"topic": "orders", "lastConsumed": 1700000000000})
	require.Equal(t, http.StatusOK, status, body)
	got := span()
	assert.Equal(t, "orders", got.Data.Topic)
	assert.InDelta(t, time.Hour.Milliseconds(), got.Data.MaxTimeStamp-got.Data.MinTimeStamp, 1000)
	assert.EqualValues(t, 1700000000000, got.Data.ConsumeTimeStamp)
}
