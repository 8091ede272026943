package main

import (
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

func main() {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = "127.0.0.1:9102" // host:port, no scheme
	cpf.HttpProfile.Scheme = "http"
	c := common.NewCommonClient(common.NewCredential("AKIDmqmock00000000000000000000000001", "mqmock-secret-key"), "ap-guangzhou", cpf)

	req := tchttp.NewCommonRequest("trocket", "2023-03-08", "CreateInstance")
	_ = req.SetActionParameters(map[string]any{"InstanceType": "BASIC", "Name": "orders", "SkuCode": "basic_1k",
		"VpcList": []map[string]any{{"VpcId": "vpc-1", "SubnetId": "subnet-1"}}})
	resp := tchttp.NewCommonResponse()
	err := c.Send(req, resp) // errors: *errors.TencentCloudSDKError (Code, Message, RequestId)
	// resp.GetBody(): {"Response":{"InstanceId":"rmq-…","RequestId":"…"}}
	fmt.Println(string(resp.GetBody()), err)
}
