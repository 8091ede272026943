package ons_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	eons "github.com/mqmock/mqmock/emulator/ons"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// The ons: configuration section and what it changes.

// Regions and actions configured as unsupported answer the seed's
// ONS_SERVICE_UNSUPPORTED; a region not served at all BIZ_REGION_NOT_FOUND.
func TestUnsupportedByConfiguration(t *testing.T) {
	f := newFx(t, emutest.WithConfig(func(c *config.Config) {
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
	f := newFx(t, emutest.WithConfig(func(c *config.Config) { c.ONS.Options = map[string]any{"rateLimits": true} }))
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

func TestConfiguredInstanceIdsAreChecked(t *testing.T) {
	for name, accts := range map[string][]account.Account{
		"empty id": {{Name: "a", ONSInstances: []account.ONSInstance{{ID: ""}}}},
		"used twice": {
			{Name: "a", Alibaba: account.Alibaba{AccessKeyID: "LTAIa"}, ONSInstances: []account.ONSInstance{{ID: "MQ_INST_1_x"}}},
			{Name: "b", Alibaba: account.Alibaba{AccessKeyID: "LTAIb"}, ONSInstances: []account.ONSInstance{{ID: "MQ_INST_1_x"}}},
		},
	} {
		reg, err := account.NewRegistry(accts)
		require.NoError(t, err, name)
		_, err = eons.New(pipeline.Env{Accounts: reg, Clock: clock.New()})
		assert.Error(t, err, name)
	}
}
