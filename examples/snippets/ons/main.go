package main

import (
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
)

func main() {
	c, _ := ons.NewClientWithAccessKey("cn-hangzhou", "LTAImqmock0000000000001", "mqmock-secret-key")
	c.Domain = "127.0.0.1:9103" // plain HTTP is the SDK's default scheme
	req := ons.CreateOnsTopicCreateRequest()
	req.InstanceId, req.Topic, req.MessageType = "MQ_INST_1000000000000001_mqmock01", "orders", requests.NewInteger(0)
	_, err := c.OnsTopicCreate(req) // errors are *errors.ServerError: ErrorCode(), HttpStatus(), RequestId()
	fmt.Println(err)
}
