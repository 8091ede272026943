package main

import (
	"fmt"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
)

func main() {
	c, _ := openapi.NewClient(&openapi.Config{
		AccessKeyId:     dara.String("LTAImqmock0000000000001"),
		AccessKeySecret: dara.String("mqmock-secret-key"),
		Endpoint:        dara.String("127.0.0.1:9104"),
		Protocol:        dara.String("http"), // generated SDKs ask for HTTPS otherwise
	})
	res, err := c.CallApi(&openapi.Params{
		Action: dara.String("ListGroupId"), Version: dara.String("2020-04-20"),
		Protocol: dara.String("HTTP"), Pathname: dara.String("/"), Method: dara.String("POST"),
		AuthType: dara.String("AK"), Style: dara.String("RPC"),
		BodyType: dara.String("json"), ReqBodyType: dara.String("formData"),
	}, &openapi.OpenApiRequest{Query: map[string]*string{
		"InstanceId": dara.String("post-cn-mqmock00001"),
	}}, &dara.RuntimeOptions{})
	// res["body"] is the answer; an error is a *tea.SDKError (Code, StatusCode, Message)
	fmt.Println(res["body"], err)
}
