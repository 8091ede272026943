package main

import (
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

func main() {
	cred := common.NewCredential("AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = "127.0.0.1:9102" // host:port, no scheme
	cpf.HttpProfile.Scheme = "http"
	client := common.NewCommonClient(cred, "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("trocket", "2023-03-08", "DescribeInstanceList")
	_ = req.SetActionParameters(map[string]any{"Offset": 0, "Limit": 20})
	resp := tchttp.NewCommonResponse()
	err := client.Send(req, resp) // errors are *errors.TencentCloudSDKError
	fmt.Println(string(resp.GetBody()), err)
}
