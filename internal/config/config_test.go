package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultsMatchTheDesign(t *testing.T) {
	c := Default()
	assert.Equal(t, "127.0.0.1:9101", c.CMQ.Listen)
	assert.Equal(t, "127.0.0.1:9102", c.TDMQ.Listen)
	assert.Equal(t, "127.0.0.1:9103", c.ONS.Listen)
	assert.Equal(t, "127.0.0.1:9104", c.MQTT.Listen)
	assert.True(t, c.Auth.Verify)
	accts := c.AccountList()
	require.Len(t, accts, 2)
	assert.Equal(t, "AKIDmqmock00000000000000000000000001", accts[0].Tencent.SecretID)
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

func TestFileAndEnvironmentOverride(t *testing.T) {
	p := writeFile(t, "mqmock.yaml", `
cmq: {listen: 0.0.0.0:19101}
auth: {verify: false}
tdmq: {listen: 127.0.0.1:19102, readyAfter: 10s}
accounts:
  - name: team-a
    tencent: {secretId: AKIDteama, secretKey: k, appId: 1250000003}
    alibaba: {accessKeyId: LTAIteama, accessKeySecret: s}
    mqttInstances: [{id: post-cn-teama0001, independentNaming: true, parentTopics: [orders]}]
    flags: {chargeOverdue: true}
`)
	c, err := Load(p, []string{"MQMOCK_ONS_LISTEN=127.0.0.1:19103", "PATH=/bin", "MQMOCK_LOG_LEVEL=debug"})
	require.NoError(t, err)
	assert.Equal(t, "0.0.0.0:19101", c.CMQ.Listen)
	assert.Equal(t, "127.0.0.1:19103", c.ONS.Listen)
	assert.Equal(t, "127.0.0.1:9104", c.MQTT.Listen, "untouched keys keep their defaults")
	assert.False(t, c.Auth.Verify)
	assert.Equal(t, "debug", c.Log.Level)
	assert.Equal(t, map[string]any{"readyAfter": "10s"}, c.TDMQ.Options, "vendor options are left to the vendor, spelt as in the file")
	accts := c.AccountList()
	require.Len(t, accts, 1)
	assert.Equal(t, "team-a", accts[0].Name)
	assert.Equal(t, uint64(1250000003), accts[0].Tencent.AppID)
	assert.True(t, accts[0].MQTTInstances[0].IndependentNaming)
	assert.Equal(t, []string{"orders"}, accts[0].MQTTInstances[0].ParentTopics)
	assert.True(t, accts[0].Flags.ChargeOverdue)
}

func TestBadConfigurationNamesTheKey(t *testing.T) {
	cases := []struct {
		name, file string
		env        []string
		want       string
	}{
		{"unknown top-level key", "lisen: 1\n", nil, `unknown key "lisen"`},
		{"unknown nested key", "auth: {verfy: false}\n", nil, `unknown key "auth.verfy"`},
		{"unknown account key", "accounts: [{name: a, tencent: {secretKy: x}}]\n", nil, `unknown key "accounts[0].tencent.secretKy" (did you mean accounts[0].tencent.secretKey?)`},
		{"port out of range", "cmq: {listen: 127.0.0.1:70000}\n", nil, "cmq.listen"},
		{"not host:port", "ons: {listen: nowhere}\n", nil, "ons.listen"},
		{"bad level", "log: {level: loud}\n", nil, "log.level"},
		{"bad bool", "auth: {verify: maybe}\n", nil, "verify"},
		{"duplicate account", "accounts: [{name: a}, {name: a}]\n", nil, "accounts[1].name"},
		{"unknown env", "", []string{"MQMOCK_AUTH_VERIFI=x"}, "MQMOCK_AUTH_VERIFI: unknown setting (did you mean MQMOCK_AUTH_VERIFY?)"},
		{"bad env port", "", []string{"MQMOCK_MQTT_LISTEN=127.0.0.1:-1"}, "mqtt.listen"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ""
			if tc.file != "" {
				p = writeFile(t, "c.yaml", tc.file)
			}
			_, err := Load(p, tc.env)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "\n", "one clear line")
		})
	}
}

func TestUnreadableFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.yaml")
	p := writeFile(t, "broken.yaml", "cmq: [\n")
	_, err = Load(p, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "broken.yaml")
	assert.NotContains(t, err.Error(), "\n")
}

func TestDecodeOptions(t *testing.T) {
	type opts struct {
		ReadyAfter time.Duration `mapstructure:"readyAfter"`
		MaxTopics  int           `mapstructure:"maxTopics"`
	}
	o := opts{MaxTopics: 1000}
	require.NoError(t, DecodeOptions("tdmq", map[string]any{"readyafter": "10s"}, &o))
	assert.Equal(t, 10*time.Second, o.ReadyAfter)
	assert.Equal(t, 1000, o.MaxTopics, "defaults survive")
	err := DecodeOptions("tdmq", map[string]any{"readyafer": "10s"}, &o)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown key "tdmq.readyafer"`)
	err = DecodeOptions("tdmq", map[string]any{"readyafter": "soon"}, &o)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tdmq")
}

// MQMOCK_CONFIG and MQMOCK_SCENARIOS say where settings are; the command
// reads them, and Load neither refuses them nor takes them as settings.
func TestWhereVariablesAreKnownButNotSettings(t *testing.T) {
	for _, env := range [][]string{
		{EnvConfig + "=/nowhere.yaml"},
		{EnvScenarios + "=a.yaml,b.yaml"},
	} {
		c, err := Load("", env)
		require.NoError(t, err, env)
		assert.Equal(t, Default(), c)
	}
	_, err := Load("", []string{"MQMOCK_CONFIGS=x"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), EnvConfig, "the list of known variables names it")
	names := EnvNames()
	assert.Contains(t, names, EnvConfig)
	assert.Contains(t, names, EnvScenarios)
	assert.Contains(t, names, "MQMOCK_CONTROL_TOKEN")
	assert.IsIncreasing(t, names)
}

// viper lower-cases keys; errors give back the file's spelling and the
// nearest valid key.
func TestUnknownKeysKeepTheUsersSpellingAndOfferTheNearest(t *testing.T) {
	cases := []struct {
		name, file string
		want       string
	}{
		{"top level", "Contrl: {enabled: true}\n", `line 1: unknown key "Contrl" (did you mean control?)`},
		{"nested, a swap", "log:\n  levle: info\n", `line 2: unknown key "log.levle" (did you mean log.level?)`},
		{"camel case kept", "auth: {verify: true}\njournal: {maxByte: 65536}\n", `line 2: unknown key "journal.maxByte" (did you mean journal.maxBytes?)`},
		{"in a list", "accounts:\n  - name: a\n  - name: b\n    onsInstances:\n      - id: x\n        nmae: y\n", `line 6: unknown key "accounts[1].onsInstances[0].nmae" (did you mean accounts[1].onsInstances[0].name?)`},
		{"nothing near", "server: {colour: blue}\n", `line 1: unknown key "server.colour"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, "c.yaml", tc.file)
			_, err := Load(p, nil)
			require.Error(t, err)
			assert.Equal(t, "config file "+p+" "+tc.want, err.Error())
		})
	}
}

// A product's options are decoded by the product; they reach it in the
// file's spelling, so its unknown key is reported as written too, with the
// nearest of its options (or of the section's own keys).
func TestProductOptionsKeepTheUsersSpelling(t *testing.T) {
	type opts struct {
		MaxQueues  int           `mapstructure:"maxQueues"`
		ReadyAfter time.Duration `mapstructure:"readyAfter"`
	}
	cases := []struct {
		name, file string
		want       string
	}{
		{"a typo", "tdmq:\n  listen: 127.0.0.1:0\n  maxQueus: 3\n", `config: unknown key "tdmq.maxQueus" (did you mean tdmq.maxQueues?)`},
		{"near the section's listen", "tdmq: {listn: 127.0.0.1:0}\n", `config: unknown key "tdmq.listn" (did you mean tdmq.listen?)`},
		{"nothing near", "tdmq: {Colour: blue}\n", `config: unknown key "tdmq.Colour"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(writeFile(t, "c.yaml", tc.file), nil)
			require.NoError(t, err, "the section's options are the product's to check")
			o := opts{}
			err = DecodeOptions("tdmq", c.TDMQ.Options, &o)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
	c, err := Load(writeFile(t, "c.yaml", "tdmq: {MaxQueues: 7, readyafter: 2s}\n"), nil)
	require.NoError(t, err)
	o := opts{}
	require.NoError(t, DecodeOptions("tdmq", c.TDMQ.Options, &o), "keys match whatever their case")
	assert.Equal(t, opts{MaxQueues: 7, ReadyAfter: 2 * time.Second}, o)
}

func TestMalformedYAMLNamesTheLineAtFault(t *testing.T) {
	cases := []struct {
		name, file string
		line       string
	}{
		{"a key indented less than its mapping", "log:\n  level: info\n format: json\n", `line 3: did not find expected key ("format: json")`},
		{"a tab", "log:\n  level: info\n\tformat: json\n", `line 3: found a tab character`},
		{"an unclosed list", "auth: {verify: true}\ncmq: [1, 2\nlog: {level: info}\n", `line 2: did not find expected ',' or ']'`},
		{"after a list on two lines", "control:\n  allowedHosts: [a,\n    b]\nlog: {level: info\n", `line 4:`},
		{"a mapping value where none may be", "a: b: c\n", `line 1: mapping values are not allowed`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, "c.yaml", tc.file)
			_, err := Load(p, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "config file "+p+" "+tc.line)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}
