package mqmockuser_test

import (
	"errors"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/scenarios"
)

const (
	secretID  = "AKIDexample00000000000000000000000001"
	secretKey = "example-secret"
)

// describeInstanceList calls TDMQ for RocketMQ 5.x (trocket)
// DescribeInstanceList through the official TencentCloud Go SDK.
func describeInstanceList(env *emutest.Env) error {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = env.TDMQ
	cpf.HttpProfile.Scheme = "http"
	client := common.NewCommonClient(common.NewCredential(secretID, secretKey), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("trocket", "2023-03-08", "DescribeInstanceList")
	if err := req.SetActionParameters(map[string]any{}); err != nil {
		return err
	}
	return client.Send(req, tchttp.NewCommonResponse())
}

// TestEmulatorFromAnotherModule starts mqmock with an account of its own, a
// frozen clock, a per-door option and a ready scenario from scenarios.FS,
// then calls it through the SDK: 20 calls pass, the 21st in the same
// (frozen) second is throttled as the scenario says.
func TestEmulatorFromAnotherModule(t *testing.T) {
	env := emutest.Start(t,
		emutest.WithAccounts(emutest.Account{
			Name:    "example",
			Tencent: emutest.Tencent{SecretID: secretID, SecretKey: secretKey, AppID: 1300000042},
			Alibaba: emutest.Alibaba{AccessKeyID: "LTAIexample000000001", AccessKeySecret: secretKey, UID: "1000000000000042"},
		}),
		emutest.Frozen(),
		emutest.WithOptions(emulator.CMQ, map[string]any{"maxQueues": 10}),
		emutest.WithScenarioFS(scenarios.FS, "tdmq-throttled.yaml"),
	)
	for i := range 20 {
		if err := describeInstanceList(env); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	err := describeInstanceList(env)
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) || sdkErr.Code != "RequestLimitExceeded" {
		t.Fatalf("call 21: want RequestLimitExceeded, got %v", err)
	}
}
