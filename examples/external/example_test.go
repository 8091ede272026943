package mqmockuser_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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

// call sends a TDMQ action (service tdmq for RocketMQ 4.x, trocket for
// 5.x) to addr through the official TencentCloud Go SDK and returns the
// answer's body.
func call(t *testing.T, addr, id, key, service, version, action string, params map[string]any) string {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = addr, "http"
	client := common.NewCommonClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest(service, version, action)
	if err := req.SetActionParameters(params); err != nil {
		t.Fatal(err)
	}
	resp := tchttp.NewCommonResponse()
	if err := client.Send(req, resp); err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	return string(resp.GetBody())
}

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

// TestResourcesFromAConfigFile starts mqmock with the repository's example
// configuration, whose account declares TDMQ resources, and finds them
// through the SDK with the account's keys as Env.Default gives them.
func TestResourcesFromAConfigFile(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfigFile("../mqmock.yaml"),
		emutest.WithConfig(func(c *emulator.Config) { c.Journal.Size = 100 }))
	var acct *emutest.Account = env.Default
	body := call(t, env.TDMQ, acct.Tencent.SecretID, acct.Tencent.SecretKey, "tdmq", "2020-02-17", "DescribeRocketMQTopics",
		map[string]any{"ClusterId": "rocketmq-teama01", "NamespaceId": "prod", "Offset": 0, "Limit": 20})
	if !strings.Contains(body, `"order-created"`) {
		t.Fatalf("the declared 4.x topic is not listed: %s", body)
	}
}

// TestEmulatorWithoutEmutest builds an emulator the way a program would:
// a configuration loaded as the mqmock command loads it, a field changed by
// selector, free ports, a clock standing still; then starts it, calls it
// and shuts it down.
func TestEmulatorWithoutEmutest(t *testing.T) {
	cfg, err := emulator.LoadConfig("../mqmock.yaml", []string{"MQMOCK_LOG_LEVEL=warn"})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Auth.Verify = true
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	e, err := emulator.New(emulator.OnFreePorts(cfg), emulator.WithTimeSource(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = e.Shutdown(ctx)
	}()
	body := call(t, e.Addr(emulator.TDMQ), "AKIDteamA0000000000000000000000000001", "team-a-secret-key", "trocket", "2023-03-08",
		"DescribeConsumerGroupList", map[string]any{"InstanceId": "rmq-teama01"})
	if !strings.Contains(body, `"shipping"`) {
		t.Fatalf("the declared 5.x group is not listed: %s", body)
	}
}
