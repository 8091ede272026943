package cmq_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// clientFor returns a cmqclient signed with acct's Tencent key.
func clientFor(env *emutest.Env, acct *emutest.Account) *cmqclient.Client {
	return cmqclient.New(env.URL("cmq"), acct.Tencent.SecretID, acct.Tencent.SecretKey)
}

// call sends an action and requires success.
func call(t testing.TB, c *cmqclient.Client, action string, p *cmqclient.Params) *cmqclient.Response {
	t.Helper()
	r, err := c.Call(context.Background(), action, p)
	require.NoError(t, err, "%s", action)
	require.Equal(t, 0, r.Code)
	return r
}

// callErr sends an action and requires a CMQ error answer.
func callErr(t testing.TB, c *cmqclient.Client, action string, p *cmqclient.Params) *cmqclient.Error {
	t.Helper()
	_, err := c.Call(context.Background(), action, p)
	var e *cmqclient.Error
	require.True(t, errors.As(err, &e), "%s: want a CMQ error, got %v", action, err)
	return e
}

// assertCMQError checks code, module and English text, and that the
// request id is present.
func assertCMQError(t testing.TB, e *cmqclient.Error, code int, module, message string) {
	t.Helper()
	assert.Equal(t, code, e.Code, "code (%s)", e.RawMessage)
	assert.Equal(t, module, e.Module, "module (%s)", e.RawMessage)
	assert.Equal(t, message, e.Message)
	assert.NotEmpty(t, e.RequestID)
	assert.Equal(t, http.StatusOK, e.Response.HTTPStatus)
}

// field decodes one top-level member of an answer.
func field[T any](t testing.TB, r *cmqclient.Response, name string) T {
	t.Helper()
	var v T
	raw, ok := r.Fields[name]
	require.True(t, ok, "answer has no %q: %s", name, r.Raw)
	require.NoError(t, json.Unmarshal(raw, &v), "field %q: %s", name, raw)
	return v
}

// createQueue creates a queue with optional attributes (key, value pairs).
func createQueue(t testing.TB, c *cmqclient.Client, name string, kv ...string) {
	t.Helper()
	call(t, c, "CreateQueue", cmqclient.P(append([]string{"queueName", name}, kv...)...))
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }
