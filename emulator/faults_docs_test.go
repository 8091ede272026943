package emulator_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// TestDocsExamplesLoad keeps docs/faults.md honest: every one-line rule of
// its YAML examples, and its full document example, loads into a real
// emulator (so every code, key and value shown is valid).
func TestDocsExamplesLoad(t *testing.T) {
	b, err := os.ReadFile("../docs/faults.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(b), -1)
	require.NotEmpty(t, blocks)
	env := emutest.Start(t)
	var oneLiners []string
	full := 0
	for _, blk := range blocks {
		body := blk[1]
		if strings.Contains(body, "rules:") {
			full++
			var refusal struct{ Error string }
			assert.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", body, &refusal), refusal.Error)
			continue
		}
		for _, line := range strings.Split(body, "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "- {") {
				oneLiners = append(oneLiners, "  "+l)
			}
		}
	}
	assert.Equal(t, 2, full, "the document example and the anchors example")
	require.Greater(t, len(oneLiners), 15)
	var refusal struct{ Error string }
	assert.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", "rules:\n"+strings.Join(oneLiners, "\n"), &refusal), refusal.Error)
	assert.Len(t, getScenario(t, env).Rules, len(oneLiners))
}

// TestReadmeScenarioLoads keeps the README's scenario example valid.
func TestReadmeScenarioLoads(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```yaml\n(name: .*?)```").FindAllStringSubmatch(string(b), -1)
	require.Len(t, blocks, 1, "one full scenario document in the README")
	env := emutest.Start(t)
	var refusal struct{ Error string }
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", blocks[0][1], &refusal), refusal.Error)
	effects := map[string]bool{}
	for _, line := range strings.Split(blocks[0][1], "\n") {
		for _, e := range []string{"error:", "latency:", "throttle:", "drop:", "reset:", "timeout:", "status:"} {
			if strings.Contains(line, e) {
				effects[e] = true
			}
		}
	}
	assert.Len(t, effects, 7, "one example per effect")
	assert.Len(t, getScenario(t, env).Rules, 7)
}
