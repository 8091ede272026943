package main

import (
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
)

func main() {
	c, _ := onsmqtt.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	c.Domain = "127.0.0.1:9104" // plain HTTP is the SDK's default scheme
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = "post-cn-mqmock00001"
	resp, err := c.ListGroupId(req) // errors are *errors.ServerError: ErrorCode(), HttpStatus(), RequestId()
	fmt.Println(resp, err)
}
