package tdmq_test

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// faultFn is a pipeline.FaultHook made of a function, standing in for the
// fault engine (a separate package) to reach the codes only faults produce.
type faultFn func(*pipeline.Call) *pipeline.Effect

func (f faultFn) Apply(c *pipeline.Call) *pipeline.Effect { return f(c) }

// sdkErr sends a trocket request with the given client, region and version
// and returns the SDK's error.
func sdkErr(t *testing.T, env *emutest.Env, cred common.CredentialIface, region, version, action string, params p) *tcerr.TencentCloudSDKError {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme, cpf.HttpProfile.ReqTimeout = env.TDMQ, "http", 10
	client := common.NewCommonClient(cred, region, cpf)
	req := tchttp.NewCommonRequest("trocket", version, action)
	require.NoError(t, req.SetActionParameters(params))
	err := client.Send(req, tchttp.NewCommonResponse())
	var se *tcerr.TencentCloudSDKError
	require.True(t, errors.As(err, &se), "%s: want an SDK error, got %v", action, err)
	assert.Regexp(t, tdmqtest.RequestID, se.RequestId)
	return se
}

// TestSeedCommonCodes reproduces every row of seed 003 against trocket:
// the auth and parameter codes by real requests, DryRun, rate limits and
// regions by options, the server-side conditions by real state, and the rest
// (which no request can cause) by a fault rule. Each is asserted through the
// SDK's TencentCloudSDKError (code, message, request id), except the two
// the SDK cannot send (a stale timestamp, a PUT), which go raw.
func TestSeedCommonCodes(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen(), tdmqtest.WithOptions(map[string]any{
		"rateLimits": true, "rateLimitOverrides": map[string]any{"DescribeProductSKUs": 2},
		"regions": []any{"ap-guangzhou", "ap-shanghai"},
	}))
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "codes", "EXPERIMENT", "experiment_500")
	tdmqtest.NewTopic(t, c, id, "orders")
	tdmqtest.NewGroup(t, c, id, "billing")
	for i := range 10 {
		tdmqtest.NewRole(t, c, id, "role-"+string(rune('a'+i)))
	}
	def := env.Default.Tencent
	cred := common.NewCredential(def.SecretID, def.SecretKey)
	reached := map[string]bool{}
	check := func(code string, se *tcerr.TencentCloudSDKError) {
		t.Helper()
		assert.Equal(t, code, se.Code, se.Message)
		d, ok := env.Door("tdmq").Frontend.Catalogue().ByName(code)
		require.True(t, ok)
		assert.True(t, strings.HasPrefix(se.Message, d.Message), "%s: %q", code, se.Message)
		reached[code] = true
	}
	v := tdmq.VersionTRocket
	gz := "ap-guangzhou"

	// Authentication, by real requests.
	check("AuthFailure.InvalidSecretId", sdkErr(t, env, common.NewCredential("XYZmqmock00000000000000000000000001", "k"), gz, v, "DescribeProductSKUs", p{}))
	check("AuthFailure.SecretIdNotFound", sdkErr(t, env, common.NewCredential("AKIDnobody0000000000000000000000000", "k"), gz, v, "DescribeProductSKUs", p{}))
	check("AuthFailure.SignatureFailure", sdkErr(t, env, common.NewCredential(def.SecretID, "wrong"), gz, v, "DescribeProductSKUs", p{}))
	check("AuthFailure.TokenFailure", sdkErr(t, env, common.NewTokenCredential(def.SecretID, def.SecretKey, "stale-token"), gz, v, "DescribeProductSKUs", p{}))
	_, _, stale := send(t, env, rawReq{skew: -time.Hour, action: "DescribeProductSKUs", body: `{}`})
	assert.Equal(t, "AuthFailure.SignatureExpire", errorCode(t, stale))
	reached["AuthFailure.SignatureExpire"] = true
	_, _, put := send(t, env, rawReq{method: http.MethodPut, action: "DescribeProductSKUs", body: `{}`})
	assert.Equal(t, "UnsupportedProtocol", errorCode(t, put))
	reached["UnsupportedProtocol"] = true

	// Routing and parameters, by real requests.
	check("NoSuchVersion", sdkErr(t, env, cred, gz, "2099-01-01", "DescribeInstanceList", p{}))
	check("InvalidAction", sdkErr(t, env, cred, gz, v, "DescribeEverything", p{}))
	check("UnsupportedRegion", sdkErr(t, env, cred, "ap-mars", v, "DescribeInstanceList", p{}))
	check("MissingParameter", sdkErr(t, env, cred, gz, v, "DescribeInstance", p{}))
	check("UnknownParameter", sdkErr(t, env, cred, gz, v, "DescribeInstance", p{"InstanceId": id, "Colour": "red"}))
	check("InvalidParameter", sdkErr(t, env, cred, gz, v, "DescribeTopicList", p{"InstanceId": id, "Offset": "first"}))
	check("InvalidParameterValue", sdkErr(t, env, cred, gz, v, "CreateTopic", p{"InstanceId": id, "Topic": "no spaces", "TopicType": "NORMAL"}))
	check("DryRunOperation", sdkErr(t, env, cred, gz, v, "CreateTopic", p{"InstanceId": id, "Topic": "dry-run", "TopicType": "NORMAL", "DryRun": true}))

	// Server-side conditions, set up for real.
	check("LimitExceeded", sdkErr(t, env, cred, gz, v, "CreateRole", p{"InstanceId": id, "Role": "role-k", "PermRead": true, "PermWrite": true, "Remark": ""}))
	check("ResourceInUse", sdkErr(t, env, cred, gz, v, "DeleteInstance", p{"InstanceId": id}))
	check("FailedOperation", sdkErr(t, env, cred, gz, v, "ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "orders", "ConsumerGroup": "billing", "ResetTimestamp": -1}))
	check("UnsupportedOperation", sdkErr(t, env, cred, gz, v, "DescribeTopicStats", p{"InstanceId": id, "Topic": "orders", "GroupId": "billing"}))

	// Per-action rate limit on the virtual clock: 2/s here by override.
	c.OK("DescribeProductSKUs", nil, nil)
	c.OK("DescribeProductSKUs", nil, nil)
	check("RequestLimitExceeded", sdkErr(t, env, cred, gz, v, "DescribeProductSKUs", p{}))
	env.Advance(time.Second)
	c.OK("DescribeProductSKUs", nil, nil)

	// What no request can cause, by a fault rule (the fault engine's hook).
	for _, code := range []string{"AuthFailure.MFAFailure", "AuthFailure.UnauthorizedOperation", "InternalError",
		"ResourceInsufficient", "ResourceNotFound", "ResourceUnavailable", "UnauthorizedOperation"} {
		d, _ := env.Door("tdmq").Frontend.Catalogue().ByName(code)
		env.SetFaultHook(faultFn(func(call *pipeline.Call) *pipeline.Effect {
			if call.Action == "DescribeInstance" {
				return &pipeline.Effect{Rule: "seed-" + code, Err: d.New()}
			}
			return nil
		}))
		check(code, sdkErr(t, env, cred, gz, v, "DescribeInstance", p{"InstanceId": id}))
	}
	env.SetFaultHook(nil)

	// Every row of the seed's table was reached.
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "tcapi", "testdata", "errors.tsv"))
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		code, _, _ := strings.Cut(line, "\t")
		assert.True(t, reached[code], "seed code %s not reproduced", code)
	}
}

// TestUnauthorizedOperationByAccountFlag: an account configured without CAM
// authorisation gets AuthFailure.UnauthorizedOperation on a valid signature.
func TestUnauthorizedOperationByAccountFlag(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.Accounts = []config.Account{
			{Name: "team", Tencent: config.Tencent{SecretID: "AKIDteam000000000000000000000000001", SecretKey: "team-key", AppID: 1250000009}},
			{Name: "cam", Tencent: config.Tencent{SecretID: "AKIDcam0000000000000000000000000001", SecretKey: "cam-key", AppID: 1250000008}, Flags: config.Flags{NoCAMAuthorization: true}},
			{Name: "sts", Tencent: config.Tencent{SecretID: "AKIDsts0000000000000000000000000001", SecretKey: "sts-key", AppID: 1250000007, Token: "sts-token"}},
		}
	}))
	tdmqtest.NewSDK(t, env, "AKIDcam0000000000000000000000000001", "cam-key").Fail("DescribeInstanceList", nil, "AuthFailure.UnauthorizedOperation")
	tdmqtest.NewSDK(t, env, "AKIDteam000000000000000000000000001", "team-key").OK("DescribeInstanceList", nil, nil)
	// An account that requires an STS token: without it TokenFailure, with it success.
	tdmqtest.NewSDK(t, env, "AKIDsts0000000000000000000000000001", "sts-key").Fail("DescribeInstanceList", nil, "AuthFailure.TokenFailure")
	se := sdkErr(t, env, common.NewTokenCredential("AKIDsts0000000000000000000000000001", "sts-key", "other-token"), "ap-guangzhou", tdmq.VersionTRocket, "DescribeInstanceList", p{})
	assert.Equal(t, "AuthFailure.TokenFailure", se.Code)
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = env.TDMQ, "http"
	client := common.NewCommonClient(common.NewTokenCredential("AKIDsts0000000000000000000000000001", "sts-key", "sts-token"), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("trocket", tdmq.VersionTRocket, "DescribeInstanceList")
	require.NoError(t, req.SetActionParameters(map[string]any{}))
	assert.NoError(t, client.Send(req, tchttp.NewCommonResponse()))
}
