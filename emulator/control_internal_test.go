package emulator

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
)

func TestControlRecoveryAnswersJSON(t *testing.T) {
	var logs bytes.Buffer
	r := gin.New()
	r.Use(controlRecovery(slog.New(slog.NewTextHandler(&logs, nil))))
	r.GET("/_mqmock/boom", func(*gin.Context) { panic("kaboom") })
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/_mqmock/boom", nil))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"error":"internal error in the control API"}`, rec.Body.String())
	assert.Contains(t, logs.String(), "kaboom")
}
