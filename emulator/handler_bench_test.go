package emulator_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// The server's own work per call, without the network: each benchmark
// serves prebuilt signed requests straight to a door's http.Handler and the
// same number of form POSTs to the bare gin baseline, and reports the
// door's CPU time per call as a multiple of the baseline's
// ("x-bare-handler"). This is the figure to profile (-cpuprofile): the
// loopback benchmarks (Ratio*) add the same socket work to both sides.
//
//	go test -run XXX -bench Handler -cpuprofile cpu.out ./emulator/

// bareHandler is the baseline's handler: it parses the form and answers a
// fixed JSON document, the least any front door has to do (bareGin serves
// it over loopback).
func bareHandler() http.Handler {
	r := gin.New()
	fixed := []byte(`{"code":0,"message":"","requestId":"bare-gin-00000000","totalCount":0,"queueList":[]}`)
	r.POST("/*path", func(c *gin.Context) {
		if err := c.Request.ParseForm(); err != nil {
			c.Status(http.StatusBadRequest)
			return
		}
		_ = c.PostForm("Action")
		c.Data(http.StatusOK, "application/json; charset=utf-8", fixed)
	})
	return r
}

// nullWriter is a ResponseWriter that keeps nothing: the cost measured is
// the handler's, not a recorder's.
type nullWriter struct {
	h      http.Header
	status int
}

func (w *nullWriter) Header() http.Header         { return w.h }
func (w *nullWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *nullWriter) WriteHeader(code int)        { w.status = code }

// handlerRatio serves b.N prebuilt requests of c to door's handler and b.N
// baseline requests to bare gin, in two timed halves of one run.
func handlerRatio(b *testing.B, env interface{ Handler(string) http.Handler }, door string, c caller) {
	gin.SetMode(gin.ReleaseMode)
	h := env.Handler(door)
	bare := bareHandler()
	reqs := make([]*http.Request, b.N)
	bodies := make([]string, b.N)
	for i := range reqs {
		reqs[i] = c.next()
		buf := new(strings.Builder)
		if reqs[i].Body != nil {
			_, _ = ioCopy(buf, reqs[i])
		}
		bodies[i] = buf.String()
	}
	// One checked call first: a failing call fails the run.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, withBody(reqs[0], bodies[0]))
	if !c.ok(rec.Code, rec.Body.Bytes()) {
		b.Fatalf("call: status %d: %s", rec.Code, rec.Body.String())
	}
	b.ReportAllocs()
	b.ResetTimer()
	// Alternating call by call, so load on a shared machine falls on both.
	var bareT, callT int64
	for i := range b.N {
		t0 := nowNanos()
		r, _ := http.NewRequest(http.MethodPost, "/v2/index.php", strings.NewReader(bareForm))
		r.Header.Set("Content-Type", formType)
		bare.ServeHTTP(&nullWriter{h: http.Header{}}, r)
		t1 := nowNanos()
		h.ServeHTTP(&nullWriter{h: http.Header{}}, withBody(reqs[i], bodies[i]))
		t2 := nowNanos()
		bareT += t1 - t0
		callT += t2 - t1
	}
	b.ReportMetric(float64(callT)/float64(b.N), "mqmock-ns/call")
	b.ReportMetric(float64(bareT)/float64(b.N), "bare-ns/call")
	b.ReportMetric(float64(callT)/float64(bareT), "x-bare-handler")
}

func BenchmarkHandlerCMQSendMessage(b *testing.B) {
	env := start(b)
	createQueue(b, env, "perf")
	handlerRatio(b, env, emulator.CMQ, cmqCaller(b, env, "SendMessage", cmqParams("queueName", "perf", "msgBody", "hello")))
}

func BenchmarkHandlerCMQListQueue(b *testing.B) {
	env := start(b)
	handlerRatio(b, env, emulator.CMQ, cmqCaller(b, env, "ListQueue", nil))
}

func BenchmarkHandlerTDMQDescribeInstanceList(b *testing.B) {
	env := start(b)
	handlerRatio(b, env, emulator.TDMQ, tc3Caller(b, env, "DescribeInstanceList", trocketVer, `{}`))
}

func BenchmarkHandlerONSInstanceInServiceList(b *testing.B) {
	env := start(b)
	handlerRatio(b, env, emulator.ONS, aliyunCaller(b, env, env.ONS, "OnsInstanceInServiceList", "2019-02-14", nil))
}

func BenchmarkHandlerMQTTListGroupID(b *testing.B) {
	env := start(b)
	handlerRatio(b, env, emulator.MQTT, aliyunCaller(b, env, env.MQTT, "ListGroupId", "2020-04-20", map[string]string{"InstanceId": mqttInstance}))
}

func ioCopy(dst *strings.Builder, r *http.Request) (int64, error) { return io.Copy(dst, r.Body) }

func withBody(r *http.Request, body string) *http.Request {
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(strings.NewReader(body))
	r2.ContentLength = int64(len(body))
	return r2
}

func nowNanos() int64 { return time.Now().UnixNano() }

func createQueue(b *testing.B, env *emutest.Env, name string) {
	if _, err := cmqclient.New("http://"+env.CMQ, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey).
		Call(context.Background(), "CreateQueue", cmqclient.P("queueName", name)); err != nil {
		b.Fatal(err)
	}
}

func cmqParams(kv ...string) *cmqclient.Params { return cmqclient.P(kv...) }
