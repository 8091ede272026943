package emulator_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// Every vendor lists its actions, so a scenario naming an action the vendor
// does not serve (a typo) is refused at load with the nearest real ones.
func TestScenarioActionTyposAreRefusedForEveryVendor(t *testing.T) {
	env := emutest.Start(t)
	for _, tc := range []struct{ vendor, typo, nearest string }{
		{"cmq", "RecieveMessage", "ReceiveMessage"},
		{"tdmq", "DescribeTopicLst", "DescribeTopicList"},
		{"ons", "OnsTopicCreat", "OnsTopicCreate"},
		{"mqtt", "ApplyTokn", "ApplyToken"},
	} {
		t.Run(tc.vendor, func(t *testing.T) {
			var refusal struct{ Error string }
			status := control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml",
				"rules: [{name: typo, vendor: "+tc.vendor+", action: "+tc.typo+", drop: true}]", &refusal)
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, refusal.Error, tc.typo)
			assert.Contains(t, refusal.Error, tc.nearest)
		})
	}
	// Both TDMQ generations' actions are accepted.
	var ok struct{ Error string }
	assert.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml",
		"rules: [{name: a, vendor: tdmq, action: CreateRocketMQCluster, drop: true}, {name: b, vendor: tdmq, action: CreateInstance, drop: true}]", &ok), ok.Error)
}
