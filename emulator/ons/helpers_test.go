package ons_test

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Built-in instances without a namespace (design.md).
const (
	defaultInstance = "MQ_INST_1000000000000001_mqmock01"
	otherInstance   = "MQ_INST_1000000000000002_mqmock02"
)

// client is an official ONS client for acct pointed at the emulator.
func client(t testing.TB, env *emutest.Env, acct *emutest.Account) *ons.Client {
	t.Helper()
	return clientWithSecret(t, env, acct.Alibaba.AccessKeyID, acct.Alibaba.AccessKeySecret)
}

func clientWithSecret(t testing.TB, env *emutest.Env, keyID, secret string) *ons.Client {
	t.Helper()
	cfg := sdk.NewConfig().WithScheme("HTTP").WithTimeout(10 * time.Second)
	c, err := ons.NewClientWithOptions("cn-hangzhou", cfg, credentials.NewAccessKeyCredential(keyID, secret))
	require.NoError(t, err)
	c.Domain = env.ONS
	return c
}

// common calls an action through requests.CommonRequest (GET, as the SDK
// defaults), the only way the Go SDK reaches OnsMessageSend.
func common(t testing.TB, env *emutest.Env, c *ons.Client, action string, params map[string]string) (map[string]any, error) {
	t.Helper()
	cr := requests.NewCommonRequest()
	cr.Product, cr.Version, cr.ApiName = "Ons", "2019-02-14", action
	cr.Domain = env.ONS
	cr.Scheme = "http"
	for k, v := range params {
		cr.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(cr)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	require.NoError(t, json.Unmarshal(resp.GetHttpContentBytes(), &out))
	return out, nil
}

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

// requireServerError asserts that err is the SDK's ServerError with code and
// status, and a request id of the gateway's shape; it returns the error.
func requireServerError(t testing.TB, err error, code string, status int) *sdkerrors.ServerError {
	t.Helper()
	require.Error(t, err)
	var se *sdkerrors.ServerError
	require.True(t, errors.As(err, &se), "want *errors.ServerError, got %T: %v", err, err)
	assert.Equal(t, code, se.ErrorCode(), se.Message())
	assert.Equal(t, status, se.HttpStatus())
	assert.Regexp(t, requestIDPattern, se.RequestId())
	return se
}

// raw sends a hand-signed request as the Go SDK would (empty SignatureType,
// RegionId) and returns status and body.
func raw(t testing.TB, env *emutest.Env, method string, acct *emutest.Account, action string, params map[string]string) (int, []byte) {
	t.Helper()
	p := aliyunsign.CommonParams(acct.Alibaba.AccessKeyID, action, "2019-02-14", time.Now(), uuid.NewString())
	p["SignatureType"] = ""
	p["RegionId"] = "cn-hangzhou"
	for k, v := range params {
		p[k] = v
	}
	aliyunsign.SignParams(acct.Alibaba.AccessKeySecret, method, p)
	req, err := http.NewRequest(method, env.URL("ons")+"/?"+aliyunsign.EncodeParams(p), nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, b
}

var createTimes = regexp.MustCompile(`"CreateTime":[0-9]+`)

var requestIDInBody = regexp.MustCompile(`[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}`)

// golden compares body (request ids replaced by a placeholder) with
// testdata/golden/name, byte for byte.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	got := requestIDInBody.ReplaceAll(body, []byte("REQUEST-ID"))
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}

// uniq makes a name unique per test and call, within the name rules.
func uniq(t testing.TB, prefix string) string {
	return prefix + strings.ReplaceAll(uuid.NewString()[:8], "-", "")
}
