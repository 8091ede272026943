package main

import (
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
)

func main() {
	oc, _ := ons.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	oc.Domain = "127.0.0.1:9103"
	resp, err := oc.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest())
	fmt.Println(resp, err)

	mc, _ := onsmqtt.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	mc.Domain = "127.0.0.1:9104"
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = "post-cn-mqmock00001"
	groups, err := mc.ListGroupId(req) // errors are *errors.ServerError
	fmt.Println(groups, err)
}
