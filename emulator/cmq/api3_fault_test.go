package cmq_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// putScenario replaces the active fault rules through the control API.
func putScenario(t *testing.T, env *emutest.Env, yaml string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, env.URL("tdmq")+"/_mqmock/scenario", strings.NewReader(yaml))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
}

type coverage struct {
	Vendors map[string]struct {
		Returned []struct {
			Name    string
			ByRule  int64
			ByFault int64
		}
	}
}

// counts is how often the door answered a code, by rule and by fault.
func (c coverage) counts(door, code string) (byRule, byFault int64) {
	for _, r := range c.Vendors[door].Returned {
		if r.Name == code {
			return r.ByRule, r.ByFault
		}
	}
	return 0, 0
}

// TestAPI3FaultRules: a scenario reaches the Cmq* actions by front door and
// action name, answers with a code only the Cmq* actions' SDK lists name,
// leaves the legacy door's CreateQueue alone, and the coverage report counts
// the faults and the rules' own answers under tdmq.
func TestAPI3FaultRules(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	legacy := clientFor(env, env.Default)
	putScenario(t, env, `
name: cmq-api3-faults
rules:
  - name: create-queue-backend
    vendor: tdmq
    action: CreateCmqQueue
    error: FailedOperation.CreateCluster
    times: 1
  - name: topics-backend
    vendor: tdmq
    service: tdmq
    action: DescribeCmqTopics
    error: FailedOperation.CmqBackendError
  - name: publish-throttled
    vendor: tdmq
    action: PublishCmqMsg
    throttle: {rate: 1/s}
`)
	e := a.fail("CreateCmqQueue", p{"QueueName": "orders"}, "FailedOperation.CreateCluster")
	assert.Equal(t, "Failed to create the cluster", e.Message)
	a.queue("orders", nil) // times: 1
	a.fail("CreateCmqQueue", p{"QueueName": "orders"}, "ResourceInUse.Queue")
	a.fail("DescribeCmqTopics", p{}, "FailedOperation.CmqBackendError")
	call(t, legacy, "CreateQueue", cmqclient.P("queueName", "legacy-q")) // another door

	a.topic("news", nil)
	a.subscribe("news", "s", p{"Protocol": "queue", "Endpoint": "orders"})
	a.ok("PublishCmqMsg", p{"TopicName": "news", "MsgContent": "1"}, &sent{})
	a.fail("PublishCmqMsg", p{"TopicName": "news", "MsgContent": "2"}, "RequestLimitExceeded")
	env.Advance(time.Second)
	a.ok("PublishCmqMsg", p{"TopicName": "news", "MsgContent": "3"}, &sent{})

	var cov coverage
	getJSON(t, env.URL("tdmq")+"/_mqmock/coverage?vendor=tdmq", &cov)
	byRule, byFault := cov.counts("tdmq", "FailedOperation.CreateCluster")
	assert.Equal(t, []int64{0, 1}, []int64{byRule, byFault})
	byRule, byFault = cov.counts("tdmq", "FailedOperation.CmqBackendError")
	assert.Equal(t, []int64{0, 1}, []int64{byRule, byFault})
	byRule, byFault = cov.counts("tdmq", "ResourceInUse.Queue")
	assert.Equal(t, []int64{1, 0}, []int64{byRule, byFault})
	byRule, byFault = cov.counts("tdmq", "RequestLimitExceeded")
	assert.Equal(t, []int64{0, 1}, []int64{byRule, byFault})
}

// TestAPI3ScenarioFile: a start-up scenario file names the Cmq* actions too
// (env.LoadScenarios, as mqmock --scenario does).
func TestAPI3ScenarioFile(t *testing.T) {
	env := emutest.Start(t)
	file := filepath.Join(t.TempDir(), "cmq.yaml")
	require.NoError(t, os.WriteFile(file, []byte(`
rules:
  - {name: no-detail, vendor: tdmq, action: DescribeCmqQueueDetail, match: {QueueName: /^secret-/}, error: ResourceUnavailable}
`), 0o600))
	require.NoError(t, env.LoadScenarios([]string{file}))
	a := api3Default(t, env)
	a.queue("secret-q", nil)
	a.queue("open-q", nil)
	a.fail("DescribeCmqQueueDetail", p{"QueueName": "secret-q"}, "ResourceUnavailable")
	a.detail("open-q")
}

// TestAPI3RateLimits: with CMQ's rate limits on, the documented per-account
// rates of the Cmq* actions answer RequestLimitExceeded on the virtual
// clock; an action with no documented rate is unlimited.
func TestAPI3RateLimits(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"rateLimits": true}
	}))
	a := api3Default(t, env)
	for i := range 20 {
		a.queue("q"+string(rune('a'+i)), nil)
	}
	a.fail("CreateCmqQueue", p{"QueueName": "over"}, "RequestLimitExceeded")
	other := api3Other(t, env)
	other.queue("theirs", nil) // per account
	for range 30 {
		a.ok("DescribeCmqQueues", nil, &queueList{})
	}
	env.Advance(time.Second)
	a.queue("over", nil)
	// A reset of the product empties the buckets.
	for range 20 {
		a.ok("SendCmqMsg", p{"QueueName": "qa", "MsgContent": "x", "DelaySeconds": 0}, &sent{})
	}
	a.fail("SendCmqMsg", p{"QueueName": "qa", "MsgContent": "x", "DelaySeconds": 0}, "RequestLimitExceeded")
	post(t, env.URL("cmq")+"/_mqmock/reset?vendor=cmq")
	a.queue("qa", nil)
	a.ok("SendCmqMsg", p{"QueueName": "qa", "MsgContent": "x", "DelaySeconds": 0}, &sent{})
}

// TestAPI3DeadLetterSourceQueuesSwitch: the retired action is served by
// default and answers InvalidAction, as the real service presumably does,
// with cmq.deadLetterSourceQueues off (tdmq-cmq.md §8.1).
func TestAPI3DeadLetterSourceQueuesSwitch(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) {
		c.CMQ.Options = map[string]any{"deadLetterSourceQueues": false}
	}))
	a := api3Default(t, env)
	a.queue("dlq", nil)
	a.fail("DescribeCmqDeadLetterSourceQueues", p{"DeadLetterQueueName": "dlq"}, "InvalidAction")
	assert.NotContains(t, env.Door("tdmq").Actions(), "DescribeCmqDeadLetterSourceQueues")
	assert.Contains(t, env.Door("tdmq").Actions(), "DescribeCmqQueues")
}
