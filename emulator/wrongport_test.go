package emulator_test

import (
	"context"
	"errors"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// TestAClientAtTheWrongPortIsToldWhichPortServesIt: every official client
// aimed at another door's port gets an error its own SDK raises, whose
// message names the port that serves it, never a success or an answer it
// cannot parse.
func TestAClientAtTheWrongPortIsToldWhichPortServesIt(t *testing.T) {
	env := emutest.Start(t)
	onsAt := func(addr string) error {
		a := env.Default.Alibaba
		c, err := ons.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
		require.NoError(t, err)
		c.Domain = addr
		req := ons.CreateOnsInstanceInServiceListRequest()
		req.Scheme = "http"
		_, err = c.OnsInstanceInServiceList(req)
		return err
	}
	mqttAt := func(addr string) error {
		a := env.Default.Alibaba
		c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
		require.NoError(t, err)
		c.Domain = addr
		req := onsmqtt.CreateListGroupIdRequest()
		req.Scheme = "http"
		req.InstanceId = "post-cn-mqmock00001"
		_, err = c.ListGroupId(req)
		return err
	}
	tdmqAt := func(addr string) error {
		cpf := profile.NewClientProfile()
		cpf.HttpProfile.Endpoint = addr
		cpf.HttpProfile.Scheme = "http"
		a := env.Default.Tencent
		c := common.NewCommonClient(common.NewCredential(a.SecretID, a.SecretKey), "ap-guangzhou", cpf)
		return describeInstanceList(c)
	}
	cmqAt := func(addr string) (int, string, error) {
		c := cmqclient.New("http://"+addr, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
		r, err := c.Call(context.Background(), "ListQueue", nil)
		if r == nil {
			return 0, "", err
		}
		return r.Code, r.Message, err
	}
	alibaba := func(t *testing.T, err error, serves string) {
		var se *sdkerrors.ServerError
		require.True(t, errors.As(err, &se), "an Alibaba server error, got %v", err)
		assert.Equal(t, "InvalidAction.WrongPort", se.ErrorCode())
		assert.Contains(t, se.Message(), serves)
	}
	tencent := func(t *testing.T, err error, serves string) {
		var te *tcerr.TencentCloudSDKError
		require.True(t, errors.As(err, &te), "a TencentCloud error, got %v", err)
		assert.Equal(t, "InvalidAction.WrongPort", te.Code)
		assert.Contains(t, te.Message, serves)
	}

	t.Run("ONS client at the TDMQ port", func(t *testing.T) { alibaba(t, onsAt(env.TDMQ), "ONS is served at "+env.ONS) })
	t.Run("ONS client at the CMQ port", func(t *testing.T) { alibaba(t, onsAt(env.CMQ), "ONS is served at "+env.ONS) })
	t.Run("ONS client at the MQTT port", func(t *testing.T) { alibaba(t, onsAt(env.MQTT), "ONS is served at "+env.ONS) })
	t.Run("MQTT client at the ONS port", func(t *testing.T) { alibaba(t, mqttAt(env.ONS), "MQTT is served at "+env.MQTT) })
	t.Run("TDMQ client at the ONS port", func(t *testing.T) { tencent(t, tdmqAt(env.ONS), "TDMQ is served at "+env.TDMQ) })
	t.Run("TDMQ client at the CMQ port", func(t *testing.T) { tencent(t, tdmqAt(env.CMQ), "TDMQ is served at "+env.TDMQ) })
	t.Run("CMQ client at the TDMQ port", func(t *testing.T) {
		code, msg, _ := cmqAt(env.TDMQ)
		assert.Equal(t, 4000, code)
		assert.Contains(t, msg, "CMQ is served at "+env.CMQ)
	})
	t.Run("and at the right ports, nothing changes", func(t *testing.T) {
		assert.NoError(t, onsAt(env.ONS))
		assert.NoError(t, mqttAt(env.MQTT))
		assert.NoError(t, tdmqAt(env.TDMQ))
		code, _, err := cmqAt(env.CMQ)
		assert.NoError(t, err)
		assert.Zero(t, code)
	})
}
