package main

import (
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
)

func main() {
	c, _ := ons.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	cr := requests.NewCommonRequest()
	cr.Product, cr.Version, cr.ApiName = "Ons", "2019-02-14", "OnsMessageSend"
	cr.Domain = "127.0.0.1:9103" // always set it for a CommonRequest
	cr.QueryParams["InstanceId"], cr.QueryParams["Topic"] = "MQ_INST_1000000000000001_mqmock01", "orders"
	cr.QueryParams["Message"], cr.QueryParams["Tag"], cr.QueryParams["Key"] = "hello", "TagA", "order-1"
	resp, err := c.ProcessCommonRequest(cr) // {"RequestId":…,"HelpUrl":"","Data":"<MsgId>"}
	fmt.Println(resp, err)
}
