package pipeline_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

var (
	errSlow     = &apierr.Def{Name: "Slow", Code: "Slow", Status: http.StatusTooManyRequests, Message: "slow down"}
	errOwnSlow  = &apierr.Def{Name: "OwnSlow", Code: "OwnSlow", Status: http.StatusTooManyRequests, Message: "own"}
	errDeclined = &apierr.Def{Name: "Declined", Code: "Declined", Status: http.StatusNotImplemented, Message: "not emulated"}
)

func codeOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	e, ok := apierr.As(err)
	require.True(t, ok, "%v is a catalogue error", err)
	return e.Code()
}

func TestTableRowsCarryRateThrottleAndDecline(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	served := 0
	h := func(*pipeline.Call) (any, error) { served++; return "ok", nil }
	rows := []pipeline.Action{
		{Name: "Free", Handle: h},
		{Name: "Two", Handle: h, Rate: ratelimit.Per(2, time.Second)},
		{Name: "Own", Handle: h, Rate: ratelimit.Per(1, time.Second), Throttle: errOwnSlow},
		{Name: "Gone", Declined: true},
	}
	spec := pipeline.TableSpec{Throttle: errSlow, Decline: func(*pipeline.Call) error { return errDeclined.New() }}
	off := pipeline.NewTable(spec, rows...)
	spec.Now = func() time.Time { return now }
	on := pipeline.NewTable(spec, rows...)
	alice := &pipeline.Call{Account: &account.Account{Name: "alice"}}
	bob := &pipeline.Call{Account: &account.Account{Name: "bob"}}

	call := func(tb *pipeline.Table, name string, c *pipeline.Call) string {
		hd, ok := tb.Lookup(name)
		require.True(t, ok, name)
		_, err := hd(c)
		return codeOf(t, err)
	}
	tests := []struct {
		name   string
		table  *pipeline.Table
		action string
		call   *pipeline.Call
		want   string
	}{
		{"declined answers Decline", on, "Gone", alice, "Declined"},
		{"declined with limits off too", off, "Gone", alice, "Declined"},
		{"first of two", on, "Two", alice, ""},
		{"second of two", on, "Two", alice, ""},
		{"third is throttled with the table's row", on, "Two", alice, "Slow"},
		{"another account has its own bucket", on, "Two", bob, ""},
		{"own row", on, "Own", alice, ""},
		{"own row throttled", on, "Own", alice, "OwnSlow"},
		{"unrated is free", on, "Free", alice, ""},
		{"limits off: rates ignored", off, "Own", alice, ""},
		{"limits off: again", off, "Own", alice, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, call(tt.table, tt.action, tt.call)) })
	}
	now = now.Add(time.Second)
	assert.Equal(t, "", call(on, "Two", alice), "the clock refills")
	assert.Equal(t, "", call(on, "Own", alice))
	assert.Equal(t, "OwnSlow", call(on, "Own", alice))
	on.ResetLimits()
	assert.Equal(t, "", call(on, "Own", alice), "ResetLimits empties the buckets")

	def, own := on.Throttling()
	assert.Same(t, errSlow, def)
	assert.Equal(t, map[string]*apierr.Def{"Own": errOwnSlow}, own)
}

// A table whose rate limit answers a row of its own keeps its throttling
// row for faults.
func TestRateThrottleAnswersRatesOnly(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h := func(*pipeline.Call) (any, error) { return "ok", nil }
	tb := pipeline.NewTable(pipeline.TableSpec{Now: func() time.Time { return now }, Throttle: errSlow, RateThrottle: errOwnSlow},
		pipeline.Action{Name: "A", Handle: h, Rate: ratelimit.Per(1, time.Second)})
	hd, _ := tb.Lookup("A")
	_, err := hd(&pipeline.Call{})
	require.NoError(t, err)
	_, err = hd(&pipeline.Call{})
	assert.Equal(t, "OwnSlow", codeOf(t, err), "a rate answers the rate's row")
	def, own := tb.Throttling()
	assert.Same(t, errSlow, def, "faults answer the throttling row")
	assert.Empty(t, own)
}

func TestTableRefusesIncompleteRows(t *testing.T) {
	h := func(*pipeline.Call) (any, error) { return nil, nil }
	assert.Panics(t, func() { pipeline.NewTable(pipeline.TableSpec{}, pipeline.Action{Name: "X", Declined: true}) }, "declined without Decline")
	assert.Panics(t, func() {
		pipeline.NewTable(pipeline.TableSpec{Now: time.Now}, pipeline.Action{Name: "X", Handle: h, Rate: ratelimit.Per(1, time.Second)})
	}, "a rate with no throttle row")
}
