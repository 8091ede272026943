package ons

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLimiterSlidingWindow(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(map[string]rate{"A": {2, time.Second}}, func() time.Time { return now })
	assert.True(t, l.allow("x", "A"))
	now = now.Add(500 * time.Millisecond)
	assert.True(t, l.allow("x", "A"))
	assert.False(t, l.allow("x", "A"), "third call within one second")
	assert.True(t, l.allow("y", "A"), "per account")
	assert.True(t, l.allow("x", "B"), "unlimited action")
	now = now.Add(500 * time.Millisecond) // the first call leaves the window
	assert.True(t, l.allow("x", "A"))
	assert.False(t, l.allow("x", "A"))
	l.reset()
	assert.True(t, l.allow("x", "A"))
}

func TestDocumentedRates(t *testing.T) {
	r := documentedRates()
	assert.Equal(t, rate{1, time.Second}, r["OnsTopicStatus"], "the only 1-QPS ONS action")
	assert.Equal(t, rate{10, time.Minute}, r["OnsMessagePageQueryByTopic"])
	_, limited := r["OpenOnsService"]
	assert.False(t, limited)
}
