package main

import (
	"context"
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
)

func main() {
	ctx := context.Background()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = "127.0.0.1:9102"
	cpf.HttpProfile.Scheme = "http"
	c := common.NewCommonClient(common.NewCredential("AKIDmqmock00000000000000000000000001", "mqmock-secret-key"), "ap-guangzhou", cpf)

	req := tchttp.NewCommonRequest("tdmq", "2020-02-17", "CreateCmqQueue")
	_ = req.SetActionParameters(map[string]any{"QueueName": "orders", "VisibilityTimeout": 30})
	resp := tchttp.NewCommonResponse()
	err := c.Send(req, resp) // {"Response":{"QueueId":"queue-…","RequestId":"…"}}
	fmt.Println(string(resp.GetBody()), err)

	req = tchttp.NewCommonRequest("tdmq", "2020-02-17", "SendCmqMsg")
	_ = req.SetActionParameters(map[string]any{"QueueName": "orders", "MsgContent": "hello", "DelaySeconds": 0})
	err = c.Send(req, tchttp.NewCommonResponse()) // {"Response":{"Result":true,"MsgId":"…",…}}
	fmt.Println(err)

	// The same queue through the legacy API:
	legacy := cmqclient.New("http://127.0.0.1:9101", "AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
	r, err := legacy.Call(ctx, "ReceiveMessage", cmqclient.P("queueName", "orders")) // msgBody "hello"
	fmt.Println(r, err)
}
