package ons_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	eons "github.com/mqmock/mqmock/emulator/ons"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// The ons: configuration section and what it changes.

// Regions and actions configured as unsupported answer the seed's
// ONS_SERVICE_UNSUPPORTED; a region not served at all BIZ_REGION_NOT_FOUND.
func TestUnsupportedByConfiguration(t *testing.T) {
	f := newFx(t, emutest.WithConfig(func(c *emulator.Config) {
		c.ONS.Options = map[string]any{
			"regions":            []any{"cn-hangzhou", "cn-beijing"},
			"unsupportedRegions": []any{"cn-beijing"},
			"unsupportedActions": []any{"OnsTopicList"},
		}
	}))
	regions, err := f.c.OnsRegionList(ons.CreateOnsRegionListRequest())
	require.NoError(t, err)
	require.Len(t, regions.Data.RegionDo, 2)
	assert.Equal(t, "cn-hangzhou", regions.Data.RegionDo[0].OnsRegionId)
	assert.Equal(t, "China (Hangzhou)", regions.Data.RegionDo[0].RegionName)

	tl := ons.CreateOnsTopicListRequest()
	tl.InstanceId = defaultInstance
	_, err = f.c.OnsTopicList(tl)
	requireServerError(t, err, "ONS_SERVICE_UNSUPPORTED", http.StatusBadRequest)

	for region, code := range map[string]string{"cn-beijing": "ONS_SERVICE_UNSUPPORTED", "cn-shanghai": "BIZ_REGION_NOT_FOUND"} {
		c, err := ons.NewClientWithAccessKey(region, f.env.Default.Alibaba.AccessKeyID, f.env.Default.Alibaba.AccessKeySecret)
		require.NoError(t, err)
		c.Domain = f.env.ONS
		_, err = c.OnsRegionList(ons.CreateOnsRegionListRequest())
		requireServerError(t, err, code, http.StatusBadRequest)
	}
}

func TestBadOptionsRefuseToStart(t *testing.T) {
	for name, opts := range map[string]map[string]any{
		"unknown key":    {"topicCapacityy": 5},
		"no regions":     {"regions": []any{}},
		"zero retention": {"retention": "0s"},
	} {
		_, err := eons.New(pipeline.Env{Options: opts})
		assert.Error(t, err, name)
	}
}

// With rateLimits on, the documented per-account rate answers
// Throttling.User until the virtual clock moves past the window.
func TestRateLimitsOnTheVirtualClock(t *testing.T) {
	f := newFx(t, emutest.WithConfig(func(c *emulator.Config) { c.ONS.Options = map[string]any{"rateLimits": true} }))
	f.mustTopic(defaultInstance, "orders")
	page := func(c *ons.Client) error {
		r := ons.CreateOnsMessagePageQueryByTopicRequest()
		r.InstanceId, r.Topic = defaultInstance, "orders"
		r.BeginTime, r.EndTime = requests.NewInteger(0), requests.NewInteger64(1<<50)
		_, err := c.OnsMessagePageQueryByTopic(r)
		return err
	}
	for i := 0; i < 10; i++ { // 10 per minute; an empty topic answers BIZ_NO_MESSAGE
		requireServerError(t, page(f.c), "BIZ_NO_MESSAGE", http.StatusBadRequest)
	}
	requireServerError(t, page(f.c), "Throttling.User", http.StatusBadRequest)
	requireServerError(t, page(client(t, f.env, f.env.Other)), "AUTH_RESOURCE_OWNER_ERROR", http.StatusBadRequest)
	f.env.Advance(61 * time.Second)
	requireServerError(t, page(f.c), "BIZ_NO_MESSAGE", http.StatusBadRequest)
}

// The global limits.rateLimits switch turns on ONS's documented per-account
// rates too (OnsTopicStatus: 1 per second → Throttling.User).
func TestGlobalRateLimitsSwitch(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(c *emulator.Config) { c.Limits.RateLimits = true }))
	c := client(t, env, env.Default)
	status := func() error {
		req := ons.CreateOnsTopicStatusRequest()
		req.InstanceId, req.Topic = "MQ_INST_1000000000000001_mqmock01", "no-such-topic"
		_, err := c.OnsTopicStatus(req)
		return err
	}
	requireServerError(t, status(), "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
	requireServerError(t, status(), "Throttling.User", http.StatusBadRequest)
	env.Advance(time.Second)
	requireServerError(t, status(), "BIZ_TOPIC_NOT_FOUND", http.StatusBadRequest)
}
