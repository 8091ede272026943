package emulator_test

import (
	"io/fs"
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/scenarios"
)

func TestSwitchingAFaultRuleOffAndOn(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, "rules: [{name: groups-throttled, vendor: mqtt, action: ListGroupId, error: Throttling.User, times: 5}]")
	c := mqttClient(t, env)
	var se *errors.ServerError
	require.ErrorAs(t, listGroupID(c), &se)
	assert.Equal(t, "Throttling.User", se.ErrorCode())

	var rule struct {
		Name     string `json:"name"`
		Hits     int64  `json:"hits"`
		Disabled bool   `json:"disabled"`
	}
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/scenario/switch", "application/json", `{"rule":"groups-throttled","enabled":false}`, &rule))
	assert.Equal(t, "groups-throttled", rule.Name)
	assert.True(t, rule.Disabled)
	assert.Equal(t, int64(1), rule.Hits)
	require.NoError(t, listGroupID(c), "off: the call is served")
	var raw string
	control(t, env, http.MethodGet, "/_mqmock/scenario", "", "", &raw)
	assert.Contains(t, raw, `"disabled":true`)

	var raw2 string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/scenario/switch", "application/json", `{"rule":"groups-throttled","enabled":true}`, &raw2))
	assert.NotContains(t, raw2, "disabled")
	require.ErrorAs(t, listGroupID(c), &se, "on again")
	assert.Equal(t, int64(2), hitsOf(t, env, "groups-throttled"))

	var refusal struct{ Error string }
	assert.Equal(t, http.StatusNotFound, control(t, env, http.MethodPost, "/_mqmock/scenario/switch", "", `{"rule":"nope","enabled":false}`, &refusal))
	assert.Contains(t, refusal.Error, `"nope"`)
	for _, bad := range []string{`{"rule":"groups-throttled"}`, `{"enabled":true}`, `{"rule":"groups-throttled","enabled":"no"}`, `{"rule":"x","enabled":true,"extra":1}`, `nope`} {
		assert.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPost, "/_mqmock/scenario/switch", "", bad, &refusal), bad)
	}
}

func TestAddingARuleKeepsTheOthers(t *testing.T) {
	env := emutest.Start(t)
	scenario(t, env, "name: base\nrules: [{name: first, vendor: cmq, action: ListQueue, error: \"6000/10130\", times: 3}]")
	assert.Equal(t, 6000, cmqCall(t, env, "ListQueue", nil).Code)

	var valid struct{ Valid bool }
	add := "rules: [{name: second, vendor: cmq, action: ListTopic, drop: true}]"
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/scenario?dryRun=true", "application/yaml", add, &valid))
	assert.True(t, valid.Valid)
	assert.Equal(t, []string{"first"}, ruleNames(getScenario(t, env)), "a dry run adds nothing")

	var refusal struct{ Error string }
	require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPost, "/_mqmock/scenario?dryRun=true", "application/yaml",
		"rules: [{name: first, vendor: cmq, action: ListTopic, drop: true}]", &refusal))
	assert.Contains(t, refusal.Error, "already used", "the dry run checks against the rules in force")

	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/_mqmock/scenario", "application/json",
		`{"rules":[{"name":"second","vendor":"cmq","action":"ListTopic","drop":true}]}`, nil))
	s := getScenario(t, env)
	assert.Equal(t, []string{"first", "second"}, ruleNames(s))
	assert.Equal(t, int64(1), s.Rules[0].Hits, "the rules in force keep their counters")
	assert.Equal(t, "POST /_mqmock/scenario", s.Rules[1].Source)
	assert.Equal(t, 6000, cmqCall(t, env, "ListQueue", nil).Code)
	assert.Equal(t, int64(2), hitsOf(t, env, "first"))
}

func TestTheDoorsListTheirActionsAndCodes(t *testing.T) {
	env := emutest.Start(t)
	var out struct {
		Doors []struct {
			Name, Title, Protocol, APIs, Path, Address, URL string
			Services                                        []string
			Actions                                         []string
			Codes                                           []struct {
				Name, Code, Message string
				Status              int
				Documented          bool
			}
		}
	}
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/doors", "", "", &out))
	require.Len(t, out.Doors, len(emulator.FrontDoors()))
	for i, want := range emulator.FrontDoors() {
		d := out.Doors[i]
		assert.Equal(t, want.Name, d.Name, "in port order")
		assert.Equal(t, want.Title, d.Title)
		assert.Equal(t, want.Protocol, d.Protocol)
		assert.Equal(t, env.Addr(want.Name), d.Address)
		assert.Equal(t, env.URL(want.Name)+want.Path, d.URL)
		assert.Equal(t, env.Door(want.Name).Actions(), d.Actions, want.Name)
		cat := env.Door(want.Name).Frontend.Catalogue().All()
		require.Len(t, d.Codes, len(cat), want.Name)
		for k, def := range cat {
			assert.Equal(t, def.Name, d.Codes[k].Name)
			assert.Equal(t, def.Code, d.Codes[k].Code)
			assert.Equal(t, def.Status, d.Codes[k].Status)
			assert.Equal(t, def.Seed, d.Codes[k].Documented)
		}
	}
	assert.Equal(t, []string{"tdmq", "trocket"}, out.Doors[1].Services, "the door with two APIs names them (a rule's service:)")
	assert.Empty(t, out.Doors[0].Services)
}

func TestTheReadyScenariosAreServed(t *testing.T) {
	env := emutest.Start(t)
	var list struct {
		Scenarios []struct {
			File, Name, Description string
			Rules                   int
		}
	}
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/scenarios", "", "", &list))
	files, err := fs.Glob(scenarios.FS, "*.yaml")
	require.NoError(t, err)
	require.Len(t, list.Scenarios, len(files))
	for _, s := range list.Scenarios {
		assert.NotEmpty(t, s.Name, s.File)
		assert.NotEmpty(t, s.Description, s.File)
		assert.Positive(t, s.Rules, s.File)
		want, err := scenarios.FS.ReadFile(s.File)
		require.NoError(t, err)
		var got string
		require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/scenarios/"+s.File, "", "", &got))
		assert.Equal(t, string(want), got)
		// What the dashboard's one click does: load it as it is.
		require.Equal(t, http.StatusOK, control(t, env, http.MethodPut, "/_mqmock/scenario", "application/yaml", got, nil), s.File)
		assert.Equal(t, s.Name, getScenario(t, env).Name)
	}
	for _, bad := range []string{"nope.yaml", "..%2Fgo.mod", "doc.go"} {
		var refusal struct{ Error string }
		assert.Equal(t, http.StatusNotFound, control(t, env, http.MethodGet, "/_mqmock/scenarios/"+bad, "", "", &refusal), bad)
	}
}

func TestTheAccountsAreListedWithoutSecrets(t *testing.T) {
	env := emutest.Start(t)
	var raw string
	require.Equal(t, http.StatusOK, control(t, env, http.MethodGet, "/_mqmock/accounts", "", "", &raw))
	for _, a := range env.Accounts().All() {
		assert.Contains(t, raw, `"name":"`+a.Name+`"`)
		assert.Contains(t, raw, a.Tencent.SecretID)
		assert.Contains(t, raw, a.Alibaba.AccessKeyID)
		for _, m := range a.MQTTInstances {
			assert.Contains(t, raw, m.ID)
		}
		assert.NotContains(t, raw, a.Tencent.SecretKey)
		assert.NotContains(t, raw, a.Alibaba.AccessKeySecret)
	}
}
