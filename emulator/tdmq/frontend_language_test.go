package tdmq_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// TestHonorLanguage: with tdmq.honorLanguage the Go SDK's default
// X-TC-Language zh-CN gets the Chinese texts; en-US, or the option off, gets
// the catalogue's English.
func TestHonorLanguage(t *testing.T) {
	on := emutest.Start(t, withTDMQOptions(map[string]any{"honorLanguage": true}))
	zh := defaultSDK(t, on) // profile.NewClientProfile() sends zh-CN
	_, err := zh.call("trocket", "DescribeInstance", p{"InstanceId": "rmq-missing1"})
	assert.Equal(t, "实例不存在。 (rmq-missing1)", sdkMessage(err))
	_, err = zh.call("trocket", "DescribeNothing", nil)
	assert.Equal(t, "接口不存在。", sdkMessage(err))

	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme, cpf.Language = on.TDMQ, "http", "en-US"
	en := &sdk{t: t, client: common.NewCommonClient(common.NewCredential(on.Default.Tencent.SecretID, on.Default.Tencent.SecretKey), "ap-guangzhou", cpf)}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	en.client.WithHttpTransport(tr)
	t.Cleanup(tr.CloseIdleConnections)
	_, err = en.call("trocket", "DescribeInstance", p{"InstanceId": "rmq-missing1"})
	assert.Equal(t, "Instance does not exist (rmq-missing1)", sdkMessage(err))

	off := emutest.Start(t)
	_, err = defaultSDK(t, off).call("trocket", "DescribeNothing", nil)
	assert.Equal(t, "The API does not exist.", sdkMessage(err))
}

func sdkMessage(err error) string {
	type messaged interface{ GetMessage() string }
	if e, ok := err.(messaged); ok {
		return e.GetMessage()
	}
	return ""
}
