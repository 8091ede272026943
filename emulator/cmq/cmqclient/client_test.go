package cmqclient_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
)

// The worked example of cmq.md §4.3, sent through the client.
func TestSignsTheSpecExample(t *testing.T) {
	tests := []struct {
		method, sigMethod, want string
	}{
		{"POST", "HmacSHA1", "5f7521To8T+f1RIo8/xmIHtcIhQ="},
		{"POST", "HmacSHA256", "PzJ1BQfdpLD7rmMVxgeIoKvklDU56d6qo6v9RgVtGFs="},
		{"GET", "HmacSHA1", "8vupdTPPf0F3n1rUs9j2U2knwaY="},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.sigMethod, func(t *testing.T) {
			var got url.Values
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, tt.method, r.Method)
				assert.Equal(t, cmqclient.DefaultPath, r.URL.Path)
				raw := r.URL.RawQuery
				if r.Method == http.MethodPost {
					b, _ := io.ReadAll(r.Body)
					raw = string(b)
				}
				got, _ = url.ParseQuery(raw)
				_, _ = io.WriteString(w, `{"code":0,"message":"","requestId":"r1","msgId":"42"}`)
			}))
			defer srv.Close()
			c := cmqclient.New(srv.URL, "AKIDmqmock00000000000000000000000001", "mqmock-secret-key")
			c.RequestClient = "SDK_Python_1.3"
			c.Method, c.SignatureMethod = tt.method, tt.sigMethod
			c.Timestamp = func() int64 { return 1700000000 }
			c.Nonce = func() uint64 { return 2889712707 }
			// The test server listens elsewhere; sign for the spec's host.
			c.Endpoint = "http://127.0.0.1:9101"
			pairs := c.Sign(c.Method, c.Common([]cmqclient.Pair{{Key: "Action", Value: "SendMessage"}, {Key: "delaySeconds", Value: "0"},
				{Key: "msgBody", Value: "hello world"}, {Key: "queueName", Value: "test-queue"}}))
			c.Endpoint = srv.URL
			r, err := c.Send(context.Background(), tt.method, pairs)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.Get("Signature"))
			assert.Equal(t, "hello world", got.Get("msgBody"))
			assert.Equal(t, "r1", r.RequestID)
			assert.Equal(t, []string{"code", "message", "msgId", "requestId"}, r.Keys())
		})
	}
}

func TestArraysBase(t *testing.T) {
	p := cmqclient.P("queueName", "q").List("msgBody", "a", "b")
	assert.Equal(t, []cmqclient.Pair{{"queueName", "q"}, {"msgBody.1", "a"}, {"msgBody.2", "b"}}, p.Pairs(1))
	assert.Equal(t, []cmqclient.Pair{{"queueName", "q"}, {"msgBody.0", "a"}, {"msgBody.1", "b"}}, p.Pairs(0))
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		code    int
		module  string
		message string
		wantErr bool
	}{
		{"success", 200, `{"code":0,"message":"","requestId":"r"}`, 0, "", "", false},
		{"error", 200, `{"code":4000,"message":"(10100)queue is not existed, or deleted","requestId":"r"}`, 4000, "10100", "queue is not existed, or deleted", true},
		{"error without module", 200, `{"code":6000,"message":"oops","requestId":"r"}`, 6000, "", "oops", true},
		{"code not a number", 200, `{"code":"0","message":"","requestId":"r"}`, 0, "", "", true},
		{"no requestId", 200, `{"code":0,"message":""}`, 0, "", "", true},
		{"not JSON", 502, `<html>`, 0, "", "", true},
		{"non-200", 500, `{"code":0,"message":"","requestId":"r"}`, 0, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cmqclient.Decode(tt.status, []byte(tt.body))
			assert.Equal(t, tt.wantErr, err != nil, "%v", err)
			if e, ok := err.(*cmqclient.Error); ok {
				assert.Equal(t, tt.code, e.Code)
				assert.Equal(t, tt.module, e.Module)
				assert.Equal(t, tt.message, e.Message)
				assert.Equal(t, "r", e.RequestID)
			}
		})
	}
}
