package tdmq_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// lowerCamel is the one naming style of GET /_mqmock/state, as in every
// other door's view.
var lowerCamel = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)

func keysOf(v any, path string, bad *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if !lowerCamel.MatchString(k) {
				*bad = append(*bad, path+"."+k)
			}
			keysOf(e, path+"."+k, bad)
		}
	case []any:
		for _, e := range x {
			keysOf(e, path+"[]", bad)
		}
	}
}

// TestStateUsesOneNamingStyle: both generations' resources in the state
// view are named in lowerCamel, as the other doors' are.
func TestStateUsesOneNamingStyle(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	newCluster(t, c, "state-style")
	tdmqtest.NewInstance(t, c, "state-style", "BASIC", "basic_1k")
	resp, err := http.Get(env.URL("tdmq") + "/_mqmock/state?vendor=tdmq")
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var state map[string]map[string]map[string][]any
	require.NoError(t, json.Unmarshal(raw, &state), string(raw))
	require.Len(t, state["tdmq"]["rocketmq4"]["clusters"], 1)
	require.Len(t, state["tdmq"]["rocketmq5"]["instances"], 1)
	var tree any
	require.NoError(t, json.Unmarshal(raw, &tree))
	var bad []string
	keysOf(tree, "", &bad)
	assert.Empty(t, bad, "keys not in lowerCamel")
}
