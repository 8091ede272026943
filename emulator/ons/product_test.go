package ons_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	eons "github.com/mqmock/mqmock/emulator/ons"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// TestZeroEnvWorks: a door built from a zero Env has its own clock and no
// accounts; a call is answered (no account: InvalidAccessKeyId.NotFound),
// never a panic.
func TestZeroEnvWorks(t *testing.T) {
	door, err := eons.NewDoor(pipeline.Env{})
	require.NoError(t, err)
	q := url.Values{"Action": {"OnsRegionList"}, "Version": {eons.Version}, "AccessKeyId": {"nobody"}}
	rec := httptest.NewRecorder()
	pipeline.New(door.Frontend, pipeline.Hooks{}).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
	assert.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"Code":"InvalidAccessKeyId.NotFound"`)
	assert.NotPanics(t, func() { door.Reset(); _ = door.State() })
}
