package emulator_test

import (
	"io/fs"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/scenarios"
)

// TestCMQFlakyReceiveScenario runs the ready file as a user would: two
// failures on "orders-" queues, then every fifth call, and other queues
// untouched.
func TestCMQFlakyReceiveScenario(t *testing.T) {
	env := emutest.Start(t)
	body, err := fs.ReadFile(scenarios.FS, "cmq-flaky-receive.yaml")
	require.NoError(t, err)
	var msg string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", string(body), &msg), msg)

	var got []bool
	for range 12 {
		r := cmqCall(t, env, "ReceiveMessage", map[string]string{"queueName": "orders-1", "pollingWaitSeconds": "0"})
		got = append(got, r.Code == 6000 && r.Message == "(10130)recieve message failed")
	}
	// Calls 1-2 by receive-fails-twice; the rest reach receive-fails-every-5th
	// from call 3 on, which fires on its 5th and 10th: calls 7 and 12.
	assert.Equal(t, []bool{true, true, false, false, false, false, true, false, false, false, false, true}, got)
	assert.Equal(t, int64(2), hitsOf(t, env, "receive-fails-twice"))
	assert.Equal(t, int64(2), hitsOf(t, env, "receive-fails-every-5th"))

	r := cmqCall(t, env, "ReceiveMessage", map[string]string{"queueName": "payments", "pollingWaitSeconds": "0"})
	assert.NotEqual(t, "(10130)recieve message failed", r.Message, "other queues are not matched")
}
