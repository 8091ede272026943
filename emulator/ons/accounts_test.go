package ons_test

import (
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two accounts: instances without a namespace share one space of names
// across accounts; instances with one do not; nobody sees or touches another
// account's resources.
func TestTwoAccounts(t *testing.T) {
	f := newFx(t)
	mine := f.c
	theirs := client(t, f.env, f.env.Other)

	t.Run("shared space: a Group ID held by the other account", func(t *testing.T) {
		require.NoError(t, createGroup(theirs, otherInstance, "GID_taken"))
		require.NoError(t, createGroup(theirs, otherInstance, "PID_taken"))
		requireServerError(t, createGroup(mine, defaultInstance, "GID_taken"), "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", http.StatusBadRequest)
	})
	t.Run("shared space: the seed-era CID prefix counts as a consumer id", func(t *testing.T) {
		require.NoError(t, createGroup(theirs, otherInstance, "CID-legacy"))
		requireServerError(t, createGroup(mine, defaultInstance, "CID-legacy"), "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", http.StatusBadRequest)
	})
	t.Run("shared space: a producer id held by the other account", func(t *testing.T) {
		requireServerError(t, createGroup(mine, defaultInstance, "PID_taken"), "BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", http.StatusBadRequest)
	})
	t.Run("shared space: a topic name held by the other account", func(t *testing.T) {
		require.NoError(t, createTopic(theirs, otherInstance, "their-topic", 0))
		requireServerError(t, createTopic(mine, defaultInstance, "their-topic", 0), "BIZ_TOPIC_EXISTED", http.StatusBadRequest)
	})
	t.Run("freed names can be taken", func(t *testing.T) {
		r := ons.CreateOnsGroupDeleteRequest()
		r.InstanceId, r.GroupId = otherInstance, "GID_taken"
		_, err := theirs.OnsGroupDelete(r)
		require.NoError(t, err)
		require.NoError(t, createGroup(mine, defaultInstance, "GID_taken"))
	})
	t.Run("namespace instances do not collide", func(t *testing.T) {
		a := f.createInstance("ns-mine")
		req := ons.CreateOnsInstanceCreateRequest()
		req.InstanceName = "ns-theirs"
		created, err := theirs.OnsInstanceCreate(req)
		require.NoError(t, err)
		b := created.Data.InstanceId
		require.NoError(t, createTopic(mine, a, "their-topic", 0), "shared-space names are free in a namespace")
		require.NoError(t, createTopic(theirs, b, "their-topic", 0))
		require.NoError(t, createGroup(mine, a, "GID_taken"))
		require.NoError(t, createGroup(theirs, b, "GID_taken"))
		// Within one namespace instance a name is either a topic or a group.
		require.NoError(t, createGroup(mine, a, "PID_dual"))
		requireServerError(t, createTopic(mine, a, "PID_dual", 0), "BIZ_TOPIC_EXISTED", http.StatusBadRequest)
	})
	t.Run("lists show only the caller's instances", func(t *testing.T) {
		list, err := theirs.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
		require.NoError(t, err)
		for _, in := range list.Data.InstanceVO {
			assert.Contains(t, in.InstanceId, "MQ_INST_1000000000000002_")
		}
	})
	t.Run("another account's instance is off limits", func(t *testing.T) {
		tl := ons.CreateOnsTopicListRequest()
		tl.InstanceId = otherInstance
		_, err := mine.OnsTopicList(tl)
		requireServerError(t, err, "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
		td := ons.CreateOnsTopicDeleteRequest()
		td.InstanceId, td.Topic = otherInstance, "their-topic"
		_, err = mine.OnsTopicDelete(td)
		requireServerError(t, err, "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
		del := ons.CreateOnsInstanceDeleteRequest()
		del.InstanceId = otherInstance
		_, err = mine.OnsInstanceDelete(del)
		requireServerError(t, err, "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
		// Nothing was lost.
		st := ons.CreateOnsTopicStatusRequest()
		st.InstanceId, st.Topic = otherInstance, "their-topic"
		_, err = theirs.OnsTopicStatus(st)
		require.NoError(t, err)
	})
}
