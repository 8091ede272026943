package faults

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/apierr"
)

func newTestCoverage() *Coverage {
	return NewCoverage([]string{"alpha", "beta"}, map[string]*apierr.Catalogue{"alpha": alphaCat, "beta": betaCat})
}

func TestCoverageCountsByRuleAndByFault(t *testing.T) {
	c := newTestCoverage()
	c.Observe(call("alpha", "X"), nil) // a success counts nothing
	c.Observe(call("alpha", "X"), alphaBadName.New())
	c.Observe(call("alpha", "X"), alphaBadName.New())
	faulted := alphaBadName.New()
	faulted.Fault = "some-rule"
	c.Observe(call("alpha", "X"), faulted)
	c.Observe(call("alpha", "X"), alphaExtra.New())
	stray := &apierr.Def{Name: "Stray", Code: "Stray", Status: http.StatusOK}
	c.Observe(call("alpha", "X"), stray.New())

	rep, ok := c.Report("")
	require.True(t, ok)
	a := rep.Vendors["alpha"]
	assert.Equal(t, []CodeCount{
		{Name: "BadName", Code: "4000/200", ByRule: 2, ByFault: 1, Documented: true},
		{Name: "Extra", Code: "4000/999", ByRule: 1},
		{Name: "Stray", Code: "Stray", ByRule: 1},
	}, a.Returned)
	assert.Equal(t, []CodeRef{
		{Name: "Internal", Code: "6000/100", Documented: true},
		{Name: "BadNameAgain", Code: "4000/200", Documented: true},
		{Name: "QPS", Code: "4420/300", Documented: true},
	}, a.Never)
	assert.Equal(t, 4, a.Documented)
	assert.Equal(t, 1, a.DocumentedReturned)
	assert.Len(t, rep.Vendors["beta"].Never, 3)
	assert.Empty(t, rep.Vendors["beta"].Returned)

	only, ok := c.Report("beta")
	require.True(t, ok)
	assert.Len(t, only.Vendors, 1)
	_, ok = c.Report("gamma")
	assert.False(t, ok)

	var b strings.Builder
	require.NoError(t, rep.WriteText(&b, []string{"alpha", "beta"}))
	text := b.String()
	assert.Regexp(t, `(?m)^alpha\s+BadName\s+4000/200\s+2\s+1\s+yes$`, text)
	assert.Regexp(t, `(?m)^alpha\s+QPS\s+4420/300\s+0\s+0\s+yes$`, text)
	assert.Contains(t, text, "alpha: 1 of 4 documented codes returned (3 rows never returned)")
	assert.Contains(t, text, "beta: 0 of 3 documented codes returned (3 rows never returned)")

	c.Reset()
	rep, _ = c.Report("alpha")
	assert.Empty(t, rep.Vendors["alpha"].Returned)
	assert.Len(t, rep.Vendors["alpha"].Never, 5)
}

// A row two products behind one door both declare is one row of the door's
// catalogue (apierr.Union keeps one copy): the other product's copy counts
// as it; a row that only shares the name does not.
func TestCoverageCountsATwinAsTheDoorsRow(t *testing.T) {
	c := newTestCoverage()
	twin := *alphaExtra
	c.Observe(call("alpha", "X"), twin.New())
	impostor := *alphaExtra
	impostor.Message = "something else"
	c.Observe(call("alpha", "X"), impostor.New())

	rep, ok := c.Report("alpha")
	require.True(t, ok)
	assert.Equal(t, []CodeCount{
		{Name: "Extra", Code: "4000/999", ByRule: 1},
		{Name: "Extra", Code: "4000/999", ByRule: 1},
	}, rep.Vendors["alpha"].Returned, "the twin is the catalogue's row, the impostor a stray")
	assert.Len(t, rep.Vendors["alpha"].Never, 4)
}
