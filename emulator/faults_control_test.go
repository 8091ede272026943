package emulator_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

func TestScenarioEndpoint(t *testing.T) {
	env := emutest.Start(t)
	var raw string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/scenario", "", "", &raw))
	assert.JSONEq(t, `{"rules":[]}`, raw)

	yaml := `
name: flaky-orders
seed: 42
rules:
  - name: receive-fails-twice
    vendor: cmq
    action: ReceiveMessage
    match: {account: AKIDmqmock00000000000000000000000001, queueName: /^orders-/}
    error: "6000/10130"
    times: 2
`
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", yaml, &raw))
	assert.JSONEq(t, `{"name":"flaky-orders","seed":42,
		"sources":[{"source":"PUT /_mqmock/scenario","name":"flaky-orders","seed":42,"rules":1}],
		"rules":[{"name":"receive-fails-twice","vendor":"cmq","action":"ReceiveMessage",
			"match":{"account":"AKIDmqmock00000000000000000000000001","queueName":"/^orders-/"},
			"error":"6000/10130","times":2,"source":"PUT /_mqmock/scenario","hits":0,"matched":0}]}`, raw)

	r := cmqCall(t, env, "ReceiveMessage", map[string]string{"queueName": "orders-7"})
	assert.Equal(t, 6000, r.Code)
	assert.Equal(t, int64(1), hitsOf(t, env, "receive-fails-twice"))

	// A bad document is refused with the reason; the active one stays, counters and all.
	var refusal struct{ Error string }
	bad := strings.Replace(yaml, `"6000/10130"`, `"6000/1013"`, 1)
	require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPut, "/_mqmock/scenario", "text/yaml", bad, &refusal))
	assert.Contains(t, refusal.Error, `scenario PUT /_mqmock/scenario: rule "receive-fails-twice" (rules[0]): error: cmq has no documented error "6000/1013"; nearest: `)
	assert.Contains(t, refusal.Error, "6000/10130")
	assert.Contains(t, refusal.Error, "the active scenario is unchanged")
	assert.Equal(t, int64(1), hitsOf(t, env, "receive-fails-twice"))

	// Ambiguous CMQ module codes list the names to choose from.
	require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/x-yaml",
		"rules: [{name: r, vendor: cmq, action: '*', error: '6040/10660'}]", &refusal))
	assert.Contains(t, refusal.Error, "use one of the names QueueRecreateLockout, TopicRecreateLockout")

	require.Equal(t, http.StatusUnsupportedMediaType, control(t, env, http.MethodPut, "/_mqmock/scenario", "multipart/form-data; boundary=x", yaml, &refusal))
	assert.Contains(t, refusal.Error, "must be YAML")
	require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/json", "  ", &refusal))
	assert.Contains(t, refusal.Error, "empty")

	// dryRun checks without replacing.
	var valid struct{ Valid bool }
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario?dryRun=true", "application/yaml",
		"rules: [{name: other, vendor: ons, action: '*', drop: true}]", &valid))
	assert.True(t, valid.Valid)
	require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPut, "/_mqmock/scenario?dryRun=true", "application/yaml", bad, &refusal))
	assert.Contains(t, refusal.Error, `"6000/1013"`)
	assert.Equal(t, []string{"receive-fails-twice"}, ruleNames(getScenario(t, env)))

	// JSON takes the same shape, and replaces the set with fresh counters.
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/json",
		`{"rules":[{"name":"j","vendor":"tdmq","service":"trocket","action":"DescribeInstanceList","error":"InternalError"}]}`, nil))
	s := getScenario(t, env)
	require.Len(t, s.Rules, 1)
	assert.Equal(t, "j", s.Rules[0].Name)

	require.Equal(t, http.StatusOK, control(t, env, http.MethodDelete, "/_mqmock/scenario", "", "", &raw))
	assert.JSONEq(t, `{"rules":[]}`, raw)
	assert.NoError(t, describeInstanceList(tdmqClient(env, 10)))
}

func TestCoverageReport(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, "rules: [{name: overflow, vendor: mqtt, action: ListGroupId, error: SystemOverFlow, times: 1}]")
	c := mqttClient(t, env)
	require.Error(t, listGroupID(c)) // by a fault
	require.NoError(t, listGroupID(c))
	// By a rule of the emulator: an unknown CMQ action.
	assert.Equal(t, 4000, cmqCall(t, env, "NoSuchAction", nil).Code)

	type row struct {
		Name       string `json:"name"`
		Code       string `json:"code"`
		ByRule     int64  `json:"byRule"`
		ByFault    int64  `json:"byFault"`
		Documented bool   `json:"documented"`
	}
	var rep struct {
		Vendors map[string]struct {
			Returned           []row `json:"returned"`
			Never              []row `json:"never"`
			Documented         int   `json:"documented"`
			DocumentedReturned int   `json:"documentedReturned"`
		} `json:"vendors"`
	}
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/coverage", "", "", &rep))
	require.Len(t, rep.Vendors, 4)
	mq := rep.Vendors["mqtt"]
	assert.Equal(t, []row{{Name: "SystemOverFlow", Code: "SystemOverFlow", ByFault: 1, Documented: true}}, mq.Returned)
	assert.Equal(t, len(env.Catalogues()["mqtt"].All())-1, len(mq.Never))
	assert.Equal(t, len(env.Catalogues()["mqtt"].Seed()), mq.Documented)
	assert.Equal(t, 1, mq.DocumentedReturned)
	cmq := rep.Vendors["cmq"]
	require.Len(t, cmq.Returned, 1)
	assert.Equal(t, int64(1), cmq.Returned[0].ByRule)
	assert.Equal(t, int64(0), cmq.Returned[0].ByFault)
	assert.Empty(t, rep.Vendors["tdmq"].Returned)

	var text string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/coverage?format=text&vendor=mqtt", "", "", &text))
	assert.Regexp(t, `(?m)^VENDOR\s+NAME\s+CODE\s+BY RULE\s+BY FAULT\s+DOCUMENTED$`, text)
	assert.Regexp(t, `(?m)^mqtt\s+SystemOverFlow\s+SystemOverFlow\s+0\s+1\s+yes$`, text)
	assert.Contains(t, text, "mqtt: 1 of ")
	assert.NotContains(t, text, "cmq")

	var refusal struct{ Error string }
	assert.Equal(t, http.StatusBadRequest, control(t, env, http.MethodGet, "/_mqmock/coverage?vendor=sqs", "", "", &refusal))
	assert.Equal(t, http.StatusBadRequest, control(t, env, http.MethodGet, "/_mqmock/coverage?format=xml", "", "", &refusal))

	// A reset clears coverage, the scenario and its counters.
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/reset", "", "", nil))
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/coverage", "", "", &rep))
	for v, vc := range rep.Vendors {
		assert.Empty(t, vc.Returned, v)
	}
	assert.Empty(t, getScenario(t, env).Rules)
}

// reloads collects the outcome of every reload of a changed scenario file.
func reloads(t *testing.T, env *emutest.Env) <-chan error {
	ch := make(chan error, 16)
	emulator.OnScenarioReload(env.Emulator, func(err error) { ch <- err })
	return ch
}

func nextReload(t *testing.T, ch <-chan error) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the changed scenario file was not reloaded")
		return nil
	}
}

func TestStartupScenariosReloadOnChange(t *testing.T) {
	env := emutest.Start(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "faults.yaml")
	v1 := "name: v1\nrules: [{name: first, vendor: mqtt, action: ListGroupId, error: SystemOverFlow}]\n"
	require.NoError(t, os.WriteFile(file, []byte(v1), 0o600))
	require.NoError(t, env.LoadScenarios([]string{file}))
	ch := reloads(t, env)
	s := getScenario(t, env)
	require.Len(t, s.Rules, 1)
	assert.Equal(t, file, s.Rules[0].Source)
	c := mqttClient(t, env)
	require.Error(t, listGroupID(c))

	// A good edit is applied.
	v2 := "name: v2\nrules: [{name: second, vendor: mqtt, action: ListGroupId, error: InternalError}]\n"
	require.NoError(t, os.WriteFile(file, []byte(v2), 0o600))
	for nextReload(t, ch) != nil {
	}
	assert.Equal(t, "v2", getScenario(t, env).Name)

	// A bad edit is refused and logged; v2 stays in force, whole.
	require.NoError(t, os.WriteFile(file, []byte("name: v3\nrules: [{name: third, vendor: mqtt, action: ListGroupId, error: NoSuchCode}]\n"), 0o600))
	// (An editor's save may be seen half-written first: wait for the whole.)
	err := nextReload(t, ch)
	for err != nil && !strings.Contains(err.Error(), "NoSuchCode") {
		err = nextReload(t, ch)
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "scenario "+file+`: rule "third" (rules[0]): error: mqtt has no documented error "NoSuchCode"; nearest:`)
	assert.Equal(t, "v2", getScenario(t, env).Name)
	assert.Equal(t, int64(0), hitsOf(t, env, "second"))

	// A reset that clears scenarios keeps watching: the next edit loads again.
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/reset?clearScenarios=true", "", "", nil))
	assert.Empty(t, getScenario(t, env).Rules)
	require.NoError(t, os.WriteFile(file, []byte(v1), 0o600))
	for nextReload(t, ch) != nil {
	}
	assert.Equal(t, "v1", getScenario(t, env).Name)
}

func TestLoadScenariosRefusesABadFile(t *testing.T) {
	env := emutest.Start(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(good, []byte("rules: [{name: g, vendor: ons, action: '*', drop: true}]"), 0o600))
	require.NoError(t, os.WriteFile(bad, []byte("rules: [{name: b, vendor: ons, action: '*', error: ONS_SYSTEM_EROR}]"), 0o600))
	err := env.LoadScenarios([]string{good, bad})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "scenario "+bad+`: rule "b" (rules[0]): error: ons has no documented error "ONS_SYSTEM_EROR"; nearest: ONS_SYSTEM_ERROR`)
	assert.Empty(t, getScenario(t, env).Rules, "nothing of a refused set is applied")

	err = env.LoadScenarios([]string{filepath.Join(dir, "missing.yaml")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.yaml: no such file or directory")
}

func ruleNames(s snapshot) []string {
	var out []string
	for _, r := range s.Rules {
		out = append(out, r.Name)
	}
	return out
}

// A reset returns to the start-up configuration: the start-up scenarios stay
// in force with fresh counters, a rule put through the control API goes,
// and the last refused reload is visible in GET /_mqmock/scenario and in
// health.
func TestResetRestoresStartupScenarios(t *testing.T) {
	env := emutest.Start(t)
	file := filepath.Join(t.TempDir(), "faults.yaml")
	startup := "name: startup\nrules: [{name: boot, vendor: mqtt, action: ListGroupId, error: SystemOverFlow}]\n"
	require.NoError(t, os.WriteFile(file, []byte(startup), 0o600))
	require.NoError(t, env.LoadScenarios([]string{file}))
	ch := reloads(t, env)
	require.Error(t, listGroupID(mqttClient(t, env)))
	require.Equal(t, int64(1), hitsOf(t, env, "boot"))

	require.NoError(t, env.Reset(""))
	s := getScenario(t, env)
	require.Len(t, s.Rules, 1, "the start-up rule is still in force")
	assert.Equal(t, "boot", s.Rules[0].Name)
	assert.Equal(t, int64(0), hitsOf(t, env, "boot"), "with fresh counters")
	require.Error(t, listGroupID(mqttClient(t, env)))

	// A rule put through the control API lasts until the next reset.
	put := "name: put\nrules: [{name: later, vendor: ons, action: OnsTopicList, error: Throttling.User}]\n"
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", put, nil))
	require.Equal(t, "put", getScenario(t, env).Name)
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/reset", "", "", nil))
	assert.Equal(t, "startup", getScenario(t, env).Name, "reset puts the start-up scenarios back")

	// A refused edit shows in the scenario view and in health.
	require.NoError(t, os.WriteFile(file, []byte("rules: [{name: bad, vendor: mqtt, action: ListGroupId, error: NoSuchCode}]\n"), 0o600))
	err := nextReload(t, ch)
	for err != nil && !strings.Contains(err.Error(), "NoSuchCode") {
		err = nextReload(t, ch)
	}
	require.Error(t, err)
	var view struct {
		LastRefusedReload struct{ Error string } `json:"lastRefusedReload"`
	}
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/scenario", "", "", &view))
	assert.Contains(t, view.LastRefusedReload.Error, "NoSuchCode")
	var health struct {
		LastRefusedReload struct{ Error string } `json:"lastRefusedReload"`
	}
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/health", "", "", &health))
	assert.Contains(t, health.LastRefusedReload.Error, "NoSuchCode")

	// clearScenarios leaves no rule at all.
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/reset?clearScenarios=true", "", "", nil))
	assert.Empty(t, getScenario(t, env).Rules)
}

// TestGivenScenariosStayThroughFileReloads: documents handed to
// LoadScenarioSources (emutest.WithScenario) come after the start-up files
// and stay when a changed file is reloaded.
func TestGivenScenariosStayThroughFileReloads(t *testing.T) {
	given := "name: given\nrules: [{name: from-bytes, vendor: mqtt, action: ListGroupId, error: SystemOverFlow}]\n"
	env := emutest.Start(t, emutest.WithScenario("given.yaml", []byte(given)))
	file := filepath.Join(t.TempDir(), "faults.yaml")
	v1 := "name: v1\nrules: [{name: first, vendor: mqtt, action: ApplyToken, error: InternalError}]\n"
	require.NoError(t, os.WriteFile(file, []byte(v1), 0o600))
	require.NoError(t, env.LoadScenarios([]string{file}))
	ch := reloads(t, env)
	names := func() []string {
		var out []string
		for _, r := range getScenario(t, env).Rules {
			out = append(out, r.Name+"@"+r.Source)
		}
		return out
	}
	assert.Equal(t, []string{"first@" + file, "from-bytes@given.yaml"}, names())

	v2 := "name: v2\nrules: [{name: second, vendor: mqtt, action: ApplyToken, error: InternalError}]\n"
	require.NoError(t, os.WriteFile(file, []byte(v2), 0o600))
	for nextReload(t, ch) != nil {
	}
	assert.Equal(t, []string{"second@" + file, "from-bytes@given.yaml"}, names())
	require.NoError(t, env.Reset(""))
	assert.Equal(t, []string{"second@" + file, "from-bytes@given.yaml"}, names())
}
