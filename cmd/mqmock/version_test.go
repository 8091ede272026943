package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
)

func TestResolveBuild(t *testing.T) {
	vcs := func(rev, modified string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}
		bi.Settings = []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
		return bi
	}
	cases := []struct {
		name               string
		stampedV, stampedC string
		bi                 *debug.BuildInfo
		wantV, wantC       string
	}{
		{"stamped", "1.2.3", "abc", vcs("def", "false"), "1.2.3", "abc"},
		{"checkout build", "", "", vcs("def", "false"), emulator.Version, "def"},
		{"dirty checkout", "", "", vcs("def", "true"), emulator.Version, "def-dirty"},
		{"go install @version", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "0.2.0", "dev"},
		{"nothing known", "", "", nil, emulator.Version, "dev"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, c := resolveBuild(tc.stampedV, tc.stampedC, tc.bi)
			assert.Equal(t, tc.wantV, v)
			assert.Equal(t, tc.wantC, c)
		})
	}
}

func TestVersionFlag(t *testing.T) {
	r := cli([]string{"--version"}, nil)
	require.Equal(t, 0, r.code, r.stderr)
	v, c := buildInfo()
	assert.Equal(t, "mqmock "+v+" (commit "+c+")\n", r.stdout)
}

// The -X flags of the Dockerfile and README reach --version.
func TestVersionIsStampedByTheLinker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mqmock")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=9.8.7 -X main.commit=0123abc", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	out, err = exec.Command(bin, "--version").Output()
	require.NoError(t, err)
	assert.Equal(t, "mqmock 9.8.7 (commit 0123abc)\n", string(out))
}

func TestHealthNamesVersionAndCommit(t *testing.T) {
	addr := startServer(t, []string{"--config", freeConfig(t)}, nil)
	resp, err := http.Get("http://" + addr + "/_mqmock/health")
	require.NoError(t, err)
	defer resp.Body.Close()
	var h map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&h))
	v, c := buildInfo()
	assert.Equal(t, v, h["version"])
	assert.Equal(t, c, h["commit"])
	for _, k := range []string{"status", "ready", "vendors"} {
		assert.Contains(t, h, k, "the existing keys stay")
	}
}

func TestConfigAndScenariosFromTheEnvironment(t *testing.T) {
	door := emulator.Names()[0]
	scenario := writeFile(t, "s.yaml", "rules: [{name: from-env, vendor: "+door+", action: ListQueue, error: ServerInternalError}]\n")
	other := writeFile(t, "t.yaml", "rules: [{name: from-env-too, vendor: "+door+", action: SendMessage, error: ServerInternalError}]\n")
	addr := startServer(t, nil, []string{"MQMOCK_CONFIG=" + freeConfig(t), "MQMOCK_SCENARIOS=" + scenario + ", " + other})
	tg := (&clientFlags{addr: addr}).mustTarget(t)
	data, err := tg.do(t.Context(), http.MethodGet, "/_mqmock/scenario", "", nil)
	require.NoError(t, err)
	assert.Contains(t, string(data), "from-env")
	assert.Contains(t, string(data), "from-env-too")

	// --config wins over MQMOCK_CONFIG; a missing file named by either stops the start.
	gone := filepath.Join(t.TempDir(), "gone.yaml")
	r := cli(nil, []string{"MQMOCK_CONFIG=" + gone})
	assertOneLineFailure(t, r, 1, "gone.yaml")
	r = cli([]string{"--config", gone}, []string{"MQMOCK_CONFIG=" + freeConfig(t)})
	assertOneLineFailure(t, r, 1, "gone.yaml")
	r = cli([]string{"--config", freeConfig(t)}, []string{"MQMOCK_SCENARIOS=" + gone})
	assertOneLineFailure(t, r, 1, "gone.yaml")
	assert.False(t, strings.Contains(r.stderr, "unknown setting"))
	_ = os.Remove(gone)
}
