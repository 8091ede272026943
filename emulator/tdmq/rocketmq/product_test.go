package rocketmq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/tdmq/rocketmq"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// TestZeroEnvWorks: the product built from the zero Env (no clock, no
// accounts, no options) serves every action without panicking: creating a
// cluster reads the clock it made for itself.
func TestZeroEnvWorks(t *testing.T) {
	p, err := rocketmq.New(pipeline.Env{}, rocketmq.DefaultOptions())
	require.NoError(t, err)
	create, ok := p.Table().Lookup("CreateRocketMQCluster")
	require.True(t, ok)
	var res any
	require.NotPanics(t, func() { res, err = create(&pipeline.Call{Tree: map[string]any{"Name": "zero"}}) })
	require.NoError(t, err)
	assert.NotNil(t, res)
	for _, name := range p.Table().Names() {
		h, _ := p.Table().Lookup(name)
		assert.NotPanics(t, func() {
			if _, err := h(&pipeline.Call{Tree: map[string]any{}}); err != nil {
				_, ok := apierr.As(err)
				assert.True(t, ok, "%s: %v is not a catalogue error", name, err)
			}
		}, name)
	}
	assert.NotPanics(t, func() { p.State(); p.Reset() })
}

// TestBadLimitsAreRefused: limits no cluster could work with stop New.
func TestBadLimitsAreRefused(t *testing.T) {
	opts := rocketmq.DefaultOptions()
	opts.Limits.TopicNameMin = 0
	_, err := rocketmq.New(pipeline.Env{}, opts)
	assert.ErrorContains(t, err, "tdmq.rocketmq4")
}
