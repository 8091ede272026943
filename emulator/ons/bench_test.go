package ons_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
)

// benchEnv is an emulator whose default instance holds n topics. Requests go
// through the whole ONS handler in process (decode, signature check,
// dispatch, store, envelope), without the network.
func benchEnv(b *testing.B, n int) (*emutest.Env, http.Handler) {
	env := emutest.Start(b, emutest.WithConfig(func(c *emulator.Config) {
		c.ONS.Options = map[string]any{"topicCapacity": 1 << 30}
	}))
	h := env.Handler("ons")
	for i := 0; i < n; i++ {
		status := serve(b, env, h, "OnsTopicCreate", map[string]string{"InstanceId": defaultInstance, "Topic": "topic-" + strconv.Itoa(i), "MessageType": "0"}, i)
		require.Equal(b, http.StatusOK, status)
	}
	return env, h
}

// signed is the query of one request signed as the Go SDK would (unique
// nonce).
func signed(env *emutest.Env, action string, params map[string]string, nonce int) string {
	p := aliyunsign.CommonParams(env.Default.Alibaba.AccessKeyID, action, "2019-02-14", time.Now(), action+strconv.Itoa(nonce))
	p["SignatureType"], p["RegionId"] = "", "cn-hangzhou"
	for k, v := range params {
		p[k] = v
	}
	aliyunsign.SignParams(env.Default.Alibaba.AccessKeySecret, http.MethodPost, p)
	return aliyunsign.EncodeParams(p)
}

func serveQuery(h http.Handler, query string) int {
	r := httptest.NewRequest(http.MethodPost, "/?"+query, nil)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code
}

func serve(b *testing.B, env *emutest.Env, h http.Handler, action string, params map[string]string, nonce int) int {
	return serveQuery(h, signed(env, action, params, nonce))
}

// run signs b.N requests first, so that only the server's work is timed.
func run(b *testing.B, env *emutest.Env, h http.Handler, action string, params func(i int) map[string]string, n int) {
	queries := make([]string, b.N)
	for i := range queries {
		queries[i] = signed(env, action, params(i), n+i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if status := serveQuery(h, queries[i]); status != http.StatusOK {
			b.Fatalf("status %d", status)
		}
	}
}

func BenchmarkOnsTopicCreate(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run("topics="+strconv.Itoa(n), func(b *testing.B) {
			env, h := benchEnv(b, n)
			run(b, env, h, "OnsTopicCreate", func(i int) map[string]string {
				return map[string]string{"InstanceId": defaultInstance, "Topic": "new-" + strconv.Itoa(i), "MessageType": "0"}
			}, n)
		})
	}
}

func BenchmarkOnsTopicList(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run("topics="+strconv.Itoa(n), func(b *testing.B) {
			env, h := benchEnv(b, n)
			run(b, env, h, "OnsTopicList", func(int) map[string]string {
				return map[string]string{"InstanceId": defaultInstance}
			}, n)
		})
	}
}
