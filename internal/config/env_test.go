package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type limitsOpts struct {
	VirtualTopics int `mapstructure:"virtualTopics"`
}

type vendorOpts struct {
	MaxQueues int           `mapstructure:"maxQueues"`
	Lockout   time.Duration `mapstructure:"recreateLockout"`
	Strict    bool          `mapstructure:"strictParameters"`
	Nested    limitsOpts    `mapstructure:"rocketmq4"`
	Regions   []string      `mapstructure:"regions"`
}

// Every vendor option has a variable, matched case-insensitively onto the
// option's camelCase key, over the file's value; nested options too.
func TestVendorOptionsFromTheEnvironment(t *testing.T) {
	p := writeFile(t, "c.yaml", "cmq:\n  maxQueues: 7\n  strictParameters: true\ntdmq:\n  rocketmq4: {virtualTopics: 3}\n")
	c, err := Load(p, []string{"MQMOCK_CMQ_MAXQUEUES=2", "MQMOCK_CMQ_RECREATELOCKOUT=5s", "MQMOCK_TDMQ_ROCKETMQ4_VIRTUALTOPICS=5"})
	require.NoError(t, err)
	var o vendorOpts
	require.NoError(t, DecodeOptions("cmq", c.CMQ.Options, &o))
	assert.Equal(t, vendorOpts{MaxQueues: 2, Lockout: 5 * time.Second, Strict: true}, o, "the variable wins over the file; the file's other keys stay")
	var n vendorOpts
	require.NoError(t, DecodeOptions("tdmq", c.TDMQ.Options, &n))
	assert.Equal(t, 5, n.Nested.VirtualTopics)

	c, err = Load("", []string{"MQMOCK_TDMQ_ROCKETMQ4_VIRTUALTOPICS=9"})
	require.NoError(t, err)
	n = vendorOpts{}
	require.NoError(t, DecodeOptions("tdmq", c.TDMQ.Options, &n))
	assert.Equal(t, 9, n.Nested.VirtualTopics, "no file")
}

// A variable that names no option is refused naming it and the nearest
// valid variable.
func TestUnknownVariablesOfferTheNearest(t *testing.T) {
	c, err := Load("", []string{"MQMOCK_CMQ_MAXQUEUS=2"})
	require.NoError(t, err, "the vendor checks its own options")
	var o vendorOpts
	err = DecodeOptions("cmq", c.CMQ.Options, &o)
	require.Error(t, err)
	assert.Equal(t, "environment variable MQMOCK_CMQ_MAXQUEUS: unknown setting (did you mean MQMOCK_CMQ_MAXQUEUES?)", err.Error())

	c, err = Load("", []string{"MQMOCK_TDMQ_ROCKETMQ_VIRTUALTOPICS=2"})
	require.NoError(t, err)
	err = DecodeOptions("tdmq", c.TDMQ.Options, &o)
	require.Error(t, err)
	assert.Equal(t, "environment variable MQMOCK_TDMQ_ROCKETMQ_VIRTUALTOPICS: unknown setting (did you mean MQMOCK_TDMQ_ROCKETMQ4_VIRTUALTOPICS?)", err.Error())

	_, err = Load("", []string{"MQMOCK_LOG_LEVLE=debug"})
	require.Error(t, err)
	assert.Equal(t, "environment variable MQMOCK_LOG_LEVLE: unknown setting (did you mean MQMOCK_LOG_LEVEL?)", err.Error())
}

// Every scalar key of the global sections has a variable, TLS's too.
func TestEveryGlobalScalarHasAVariable(t *testing.T) {
	c, err := Load("", []string{"MQMOCK_TLS_ENABLED=true", "MQMOCK_TLS_CAFILE=/tmp/ca.pem", "MQMOCK_SERVER_IDLETIMEOUT=2m"})
	require.NoError(t, err)
	assert.True(t, c.TLS.Enabled)
	assert.Equal(t, "/tmp/ca.pem", c.TLS.CAFile)
	assert.Equal(t, 2*time.Minute, c.Server.IdleTimeout)
	assert.Equal(t, "tls.certFile", EnvKey("MQMOCK_TLS_CERTFILE"))
	assert.Equal(t, []EnvVar{{"MQMOCK_CMQ_MAXQUEUES", "cmq.maxQueues"}, {"MQMOCK_CMQ_RECREATELOCKOUT", "cmq.recreateLockout"},
		{"MQMOCK_CMQ_ROCKETMQ4_VIRTUALTOPICS", "cmq.rocketmq4.virtualTopics"}, {"MQMOCK_CMQ_STRICTPARAMETERS", "cmq.strictParameters"}},
		OptionEnv("cmq", &vendorOpts{}), "scalars only")
}

type listOpts struct {
	Regions   []string       `mapstructure:"regions"`
	Overrides map[string]int `mapstructure:"rateLimitOverrides"`
	QPS       map[string]float64
	Nested    struct {
		Actions []string `mapstructure:"actions"`
	} `mapstructure:"rocketmq4"`
	Entries []struct {
		ID string `mapstructure:"id"`
	} `mapstructure:"entries"`
}

// A list setting's variable is a comma-separated list, a map's
// comma-separated name=value pairs; either replaces the file's value
// whole. Lists of structured entries have no variable: the config file
// holds them.
func TestListSettingsFromTheEnvironment(t *testing.T) {
	p := writeFile(t, "c.yaml", "control: {allowedHosts: [from-file]}\ntdmq:\n  regions: [ap-chengdu]\n  rateLimitOverrides: {DescribeRocketMQClusters: 1}\n")
	c, err := Load(p, []string{"MQMOCK_CONTROL_ALLOWEDHOSTS=mqmock, mqmock.local", "MQMOCK_TDMQ_REGIONS=ap-guangzhou,ap-shanghai",
		"MQMOCK_TDMQ_RATELIMITOVERRIDES=DescribeRocketMQClusters=3, CreateRocketMQTopicV2=0", "MQMOCK_TDMQ_ROCKETMQ4_ACTIONS=a,,b"})
	require.NoError(t, err)
	assert.Equal(t, []string{"mqmock", "mqmock.local"}, c.Control.AllowedHosts)
	var o listOpts
	require.NoError(t, DecodeOptions("tdmq", c.TDMQ.Options, &o))
	assert.Equal(t, []string{"ap-guangzhou", "ap-shanghai"}, o.Regions)
	assert.Equal(t, map[string]int{"DescribeRocketMQClusters": 3, "CreateRocketMQTopicV2": 0}, o.Overrides)
	assert.Equal(t, []string{"a", "b"}, o.Nested.Actions)

	c, err = Load("", []string{"MQMOCK_CONTROL_ALLOWEDHOSTS=", "MQMOCK_TDMQ_REGIONS="})
	require.NoError(t, err)
	assert.Empty(t, c.Control.AllowedHosts)
	o = listOpts{}
	require.NoError(t, DecodeOptions("tdmq", c.TDMQ.Options, &o))
	assert.Empty(t, o.Regions, "an empty value is an empty list")

	c, err = Load("", []string{"MQMOCK_TDMQ_RATELIMITOVERRIDES=DescribeRocketMQClusters"})
	require.NoError(t, err)
	err = DecodeOptions("tdmq", c.TDMQ.Options, &listOpts{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"DescribeRocketMQClusters" is not name=value`)

	_, err = Load("", []string{"MQMOCK_CONTROL_ALLOWEDHOST=x"})
	require.Error(t, err)
	assert.Equal(t, "environment variable MQMOCK_CONTROL_ALLOWEDHOST: unknown setting (did you mean MQMOCK_CONTROL_ALLOWEDHOSTS?)", err.Error())

	assert.Equal(t, []ListVar{{"MQMOCK_CONTROL_ALLOWEDHOSTS", "control.allowedHosts", FormList}}, ListEnv(), "scenarios is MQMOCK_SCENARIOS, the command's")
	assert.Equal(t, []ListVar{{"MQMOCK_TDMQ_RATELIMITOVERRIDES", "tdmq.rateLimitOverrides", FormPairs},
		{"MQMOCK_TDMQ_REGIONS", "tdmq.regions", FormList}, {"MQMOCK_TDMQ_ROCKETMQ4_ACTIONS", "tdmq.rocketmq4.actions", FormList}},
		OptionListEnv("tdmq", &listOpts{}), "a field with no tag has no key")
	keys := []string{}
	for _, k := range FileOnly(map[string]any{"tdmq": &listOpts{}}) {
		keys = append(keys, k.Key)
		assert.Contains(t, k.Why, "config file")
	}
	assert.Equal(t, []string{"accounts", "tdmq.entries"}, keys)
}
