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
