package ons_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

// benchEnv is an emulator whose default instance holds n topics. Requests go
// through the whole ONS handler in process (decode, signature check,
// dispatch, store, envelope), without the network.
func benchEnv(b *testing.B, n int) (*emutest.Env, http.Handler) {
	env := emutest.Start(b, emutest.WithConfig(func(c *config.Config) {
		c.ONS.Options = map[string]any{"topicCapacity": 1 << 30}
	}))
	h := env.Handler("ons")
	for i := 0; i < n; i++ {
		status := serve(b, env, h, "OnsTopicCreate", map[string]string{"InstanceId": defaultInstance, "Topic": "topic-" + strconv.Itoa(i), "MessageType": "0"}, i)
		require.Equal(b, http.StatusOK, status)
	}
	return env, h
}

// serve signs one request as the Go SDK would (unique nonce) and serves it.
func serve(b *testing.B, env *emutest.Env, h http.Handler, action string, params map[string]string, nonce int) int {
	p := aliyunsign.CommonParams(env.Default.Alibaba.AccessKeyID, action, "2019-02-14", time.Now(), action+strconv.Itoa(nonce))
	p["SignatureType"], p["RegionId"] = "", "cn-hangzhou"
	for k, v := range params {
		p[k] = v
	}
	aliyunsign.SignParams(env.Default.Alibaba.AccessKeySecret, http.MethodPost, p)
	r := httptest.NewRequest(http.MethodPost, "/?"+aliyunsign.EncodeParams(p), nil)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code
}

func BenchmarkOnsTopicCreate(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run("topics="+strconv.Itoa(n), func(b *testing.B) {
			env, h := benchEnv(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				status := serve(b, env, h, "OnsTopicCreate", map[string]string{"InstanceId": defaultInstance, "Topic": "new-" + strconv.Itoa(i), "MessageType": "0"}, n+i)
				if status != http.StatusOK {
					b.Fatalf("status %d", status)
				}
			}
		})
	}
}

func BenchmarkOnsTopicList(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run("topics="+strconv.Itoa(n), func(b *testing.B) {
			env, h := benchEnv(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if status := serve(b, env, h, "OnsTopicList", map[string]string{"InstanceId": defaultInstance}, n+i); status != http.StatusOK {
					b.Fatalf("status %d", status)
				}
			}
		})
	}
}
