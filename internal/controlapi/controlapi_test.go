package controlapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type body struct {
	Name  string `json:"name"`
	Count *int   `json:"count"`
}

func TestDecodeJSON(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		wantErr  string // substring; "" means success
		want     body
	}{
		{"an object", `{"name":"q","count":2}`, "", body{Name: "q", Count: ptr(2)}},
		{"whitespace after it", "{\"name\":\"q\"}\n\t ", "", body{Name: "q"}},
		{"a misspelt key", `{"nmae":"q"}`, `unknown field "nmae"`, body{}},
		{"a second value", `{"name":"q"}{"name":"r"}`, "trailing data", body{}},
		{"not JSON", `name=q`, "invalid character", body{}},
		{"empty", ``, "EOF", body{}},
		{"a wrong type", `{"count":"two"}`, "cannot unmarshal", body{}},
		{"over the limit", `{"name":"` + strings.Repeat("x", MaxBody) + `"}`, "request body too large", body{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(w)
			c.Request = httptest.NewRequest(http.MethodPost, "/_mqmock/x", strings.NewReader(tc.in))
			var got body
			err := DecodeJSON(c, &got)
			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestFailAnswersTheErrorShapeAndStops(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	reached := false
	r.GET("/x", func(c *gin.Context) { Fail(c, http.StatusNotFound, `no queue "q"`) }, func(*gin.Context) { reached = true })
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/x", nil))
	assert.Equal(t, http.StatusNotFound, w.Code)
	assert.Equal(t, `{"error":"no queue \"q\""}`, w.Body.String())
	assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
	assert.False(t, reached, "the chain stops at Fail")
}

func ptr[T any](v T) *T { return &v }
