package main

import (
	"encoding/json"
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

type describeInstanceListRequest struct {
	*tchttp.BaseRequest
	Filters []*struct {
		Name   *string   `name:"Name"`
		Values []*string `name:"Values"`
	} `name:"Filters"`
	Limit *int64 `name:"Limit"`
}
type rawResponse struct {
	*tchttp.BaseResponse
	Response json.RawMessage `json:"Response"`
}

func main() {
	cred := common.NewCredential("AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = "127.0.0.1:9102"
	cpf.HttpProfile.Scheme = "http"
	cpf.SignMethod = "HmacSHA256" // or "HmacSHA1"
	c := common.NewCommonClient(cred, "ap-guangzhou", cpf)
	req := &describeInstanceListRequest{BaseRequest: &tchttp.BaseRequest{}, Limit: common.Int64Ptr(10)}
	req.Init().WithApiInfo("trocket", "2023-03-08", "DescribeInstanceList")
	resp := &rawResponse{BaseResponse: &tchttp.BaseResponse{}}
	err := c.Send(req, resp) // a fresh request per call: the SDK keeps parameters in it
	fmt.Println(string(resp.Response), err)
}
