package tdmq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// TestHonorLanguage: with tdmq.honorLanguage the Go SDK's default
// X-TC-Language zh-CN gets the Chinese texts; en-US, or the option off, gets
// the catalogue's English.
func TestHonorLanguage(t *testing.T) {
	on := emutest.Start(t, tdmqtest.WithOptions(map[string]any{"honorLanguage": true}))
	zh := tdmqtest.DefaultSDK(t, on) // profile.NewClientProfile() sends zh-CN
	_, err := zh.Call("trocket", "DescribeInstance", p{"InstanceId": "rmq-missing1"})
	assert.Equal(t, "实例不存在。 (rmq-missing1)", sdkMessage(err))
	_, err = zh.Call("trocket", "DescribeNothing", nil)
	assert.Equal(t, "接口不存在。", sdkMessage(err))

	en := tdmqtest.NewSDK(t, on, on.Default.Tencent.SecretID, on.Default.Tencent.SecretKey,
		func(cpf *profile.ClientProfile) { cpf.Language = "en-US" })
	_, err = en.Call("trocket", "DescribeInstance", p{"InstanceId": "rmq-missing1"})
	assert.Equal(t, "Instance does not exist (rmq-missing1)", sdkMessage(err))

	off := emutest.Start(t)
	_, err = tdmqtest.DefaultSDK(t, off).Call("trocket", "DescribeNothing", nil)
	assert.Equal(t, "The API does not exist.", sdkMessage(err))
}

func sdkMessage(err error) string {
	type messaged interface{ GetMessage() string }
	if e, ok := err.(messaged); ok {
		return e.GetMessage()
	}
	return ""
}
