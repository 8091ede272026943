package rocketmq_test

// Golden 4.x envelopes pinned byte for byte (the random RequestId
// substituted), sent as raw TC3-signed POSTs so nothing between the wire and
// the file can hide a difference. Regenerate with -update.

import (
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/sign/tc3"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

var requestIDField = regexp.MustCompile(`"RequestId":"[0-9a-f-]{36}"`)

// post sends one signed tdmq action and returns status, content type and body.
func post(t *testing.T, env *emutest.Env, action, body string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, env.URL("tdmq")+"/", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", "2020-02-17")
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	acct := env.Default.Tencent
	require.NoError(t, tc3.SignRequest(req, acct.SecretID, acct.SecretKey, "tdmq", time.Now().Unix()))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), raw
}

func TestRocketMQ4GoldenEnvelopes(t *testing.T) {
	env := emutest.Start(t)
	_, _, created := post(t, env, "CreateRocketMQCluster", `{"Name":"golden"}`)
	cluster := regexp.MustCompile(`rocketmq-[a-z0-9]{12}`).FindString(string(created))
	require.NotEmpty(t, cluster, string(created))
	for _, tc := range []struct{ file, action, body string }{
		{"describe_clusters_other_page.json", "DescribeRocketMQClusters", `{"Offset":5,"Limit":20}`},
		{"create_role_manual.json", "CreateRocketMQRole", `{"ClusterId":"` + cluster + `","RoleName":"golden-role","Remark":"pinned","RoleGenerateMode":"MANUAL","AccessKey":"ak","SecretKey":"sk-golden"}`},
		{"cluster_not_found.json", "DescribeRocketMQCluster", `{"ClusterId":"rocketmq-000000000000"}`},
		{"role_in_use.json", "CreateRocketMQRole", `{"ClusterId":"` + cluster + `","RoleName":"golden-role"}`},
	} {
		t.Run(tc.file, func(t *testing.T) {
			status, ctype, raw := post(t, env, tc.action, tc.body)
			assert.Equal(t, http.StatusOK, status, "API 3.0 answers errors with 200 too")
			assert.Equal(t, "application/json", ctype)
			require.Regexp(t, requestIDField, string(raw))
			got := requestIDField.ReplaceAll(raw, []byte(`"RequestId":"<request-id>"`))
			path := filepath.Join("testdata", "golden", tc.file)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}
