package mqtt_test

import (
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// listGroupIDIn calls ListGroupId on the built-in instance through the
// official client made for a region (the SDK sends it as RegionId).
func listGroupIDIn(t *testing.T, env *emutest.Env, region string) error {
	t.Helper()
	c, err := onsmqtt.NewClientWithAccessKey(region, env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.MQTT
	req := onsmqtt.CreateListGroupIdRequest()
	req.Scheme = "http"
	req.InstanceId = defaultInstance
	_, err = c.ListGroupId(req)
	return err
}

// TestRegionIDIsChecked: a RegionId outside the regions MQTT is offered in
// answers InvalidRegionId (400), as ONS answers BIZ_REGION_NOT_FOUND; the
// regions MQTT is offered in are served, ONS's alone are not.
func TestRegionIDIsChecked(t *testing.T) {
	env := emutest.Start(t)
	for _, region := range []string{"cn-hangzhou", "cn-shanghai", "ap-southeast-2", "eu-central-1"} {
		assert.NoError(t, listGroupIDIn(t, env, region), region)
	}
	for _, region := range []string{"xx-nowhere-9", "us-east-1", "me-east-1"} {
		se := serverError(t, listGroupIDIn(t, env, region), "InvalidRegionId", http.StatusBadRequest)
		assert.Equal(t, "The specified RegionId does not exist.", se.Message(), region)
	}
	// Every served action checks it, before its own rules.
	c, err := onsmqtt.NewClientWithAccessKey("xx-nowhere-9", env.Default.Alibaba.AccessKeyID, env.Default.Alibaba.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.MQTT
	req := onsmqtt.CreateCreateGroupIdRequest()
	req.Scheme = "http"
	req.InstanceId, req.GroupId = defaultInstance, "GID_nowhere"
	_, err = c.CreateGroupId(req)
	serverError(t, err, "InvalidRegionId", http.StatusBadRequest)
}

// TestRegionsOption: mqtt.regions replaces the list; a call without
// RegionId (as Node's pop-core sends) is served whatever the list.
func TestRegionsOption(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.MQTT.Options = map[string]any{"regions": []any{"cn-shanghai"}}
	}))
	assert.NoError(t, listGroupIDIn(t, env, "cn-shanghai"))
	serverError(t, listGroupIDIn(t, env, "cn-hangzhou"), "InvalidRegionId", http.StatusBadRequest)
	status, body := raw(t, env, env.Default, "ListGroupId", map[string]string{"InstanceId": defaultInstance})
	assert.Equal(t, http.StatusOK, status, body)
	status, body = raw(t, env, env.Default, "ListGroupId", map[string]string{"InstanceId": defaultInstance, "RegionId": "xx-nowhere-9"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `"Code":"InvalidRegionId"`)
}
