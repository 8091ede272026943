package tdmq_test

// Golden tests: one success and one error envelope pinned byte for byte
// (the random RequestId substituted), with status and content type.

import (
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden files")

var ridJSON = regexp.MustCompile(`"RequestId":"[0-9a-f-]{36}"`)

func TestGoldenEnvelopes(t *testing.T) {
	env := emutest.Start(t)
	for _, tc := range []struct {
		file string
		req  rawReq
	}{
		{"describe_instance_list_empty.json", rawReq{body: `{"Offset":0,"Limit":20}`}},
		{"invalid_action.json", rawReq{action: "DescribeNothing", body: `{}`}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			status, raw, _ := send(t, env, tc.req)
			assert.Equal(t, http.StatusOK, status)
			require.Regexp(t, ridJSON, string(raw))
			got := ridJSON.ReplaceAll(raw, []byte(`"RequestId":"<request-id>"`))
			path := filepath.Join("testdata", "golden", tc.file)
			if *updateGolden {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}
