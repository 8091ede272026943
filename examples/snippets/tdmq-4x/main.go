package main

import (
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

func main() {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = "127.0.0.1:9102"
	cpf.HttpProfile.Scheme = "http"
	c := common.NewCommonClient(common.NewCredential("AKIDmqmock00000000000000000000000001", "mqmock-secret-key"), "ap-guangzhou", cpf)

	req := tchttp.NewCommonRequest("tdmq", "2020-02-17", "CreateRocketMQCluster")
	_ = req.SetActionParameters(map[string]any{"Name": "orders"})
	resp := tchttp.NewCommonResponse()
	err := c.Send(req, resp) // errors are *errors.TencentCloudSDKError: GetCode(), GetMessage(), GetRequestId()
	// resp.GetBody(): {"Response":{"ClusterId":"rocketmq-…","RequestId":"…"}}
	fmt.Println(string(resp.GetBody()), err)
}
