package mqtt

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// TestZeroEnvWorks: a door built from a zero Env serves the built-in
// instances through the pipeline (constructors take options; the zero
// value works), and two doors never share state.
func TestZeroEnvWorks(t *testing.T) {
	a, err := NewDoor(pipeline.Env{})
	require.NoError(t, err)
	b, err := NewDoor(pipeline.Env{})
	require.NoError(t, err)
	create := func(d *frontdoor.Door) int {
		q := url.Values{"Action": {"CreateGroupId"}, "Version": {Version}, "AccessKeyId": {"LTAImqmock0000000000001"},
			"InstanceId": {"post-cn-mqmock00001"}, "GroupId": {"GID_zero"}}
		rec := httptest.NewRecorder()
		pipeline.New(d.Frontend, pipeline.Hooks{}).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
		return rec.Code
	}
	assert.Equal(t, http.StatusOK, create(a))
	assert.Equal(t, http.StatusBadRequest, create(a), "duplicate in the same server")
	assert.Equal(t, http.StatusOK, create(b), "another server has its own state")
}
