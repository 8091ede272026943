package emulator_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/sign/aliyunsign"
	"github.com/mqmock/mqmock/internal/sign/cmqsign"
	"github.com/mqmock/mqmock/internal/sign/tc3"
)

// The benchmarks of issue 17's measurement (docs/performance.md): each
// front-door benchmark drives a bare gin server and one signed, verified
// emulator call alternately in the same loop, over loopback with keep-alive,
// and reports the call's latency as a multiple of the bare server's
// ("x-bare-gin"); the scale benchmarks report the per-call latency with
// 1000 queues as a multiple of the latency with 10 ("x-at-10"). A ratio
// measured in one run holds on a noisy machine where absolute figures do
// not. Only the round trip is timed for the ratio: building and signing a
// request (client work) happens outside the timed span.
//
//	go test -run XXX -bench 'Ratio|Scale' ./emulator/

// bareGin answers a form POST with a fixed JSON document after parsing the
// form, which is the least any front door has to do.
func bareGin(b *testing.B) string {
	b.Helper()
	srv := httptest.NewServer(bareHandler())
	b.Cleanup(srv.Close)
	return srv.URL
}

// start is emutest.Start on a frozen clock (no rate limits, no token
// expiry), with gin in release mode so that routes are not printed.
// Signatures are verified: WithoutVerify is not used.
func start(b *testing.B, opts ...emutest.Option) *emutest.Env {
	b.Helper()
	gin.SetMode(gin.ReleaseMode)
	return emutest.Start(b, append([]emutest.Option{emutest.Frozen()}, opts...)...)
}

// perfClient is the one HTTP client of every benchmark: keep-alive on
// loopback, enough idle connections for the servers of one run.
func perfClient(b *testing.B) *http.Client {
	tr := &http.Transport{MaxIdleConns: 16, MaxIdleConnsPerHost: 4, IdleConnTimeout: time.Minute}
	b.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// roundTrip sends req, reads the whole answer and returns its status, body and
// the time the round trip took.
func roundTrip(hc *http.Client, req *http.Request) (int, []byte, time.Duration, error) {
	t0 := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, 0, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, body, time.Since(t0), err
}

// newRequest builds a request; only the benchmark's own mistakes fail it.
func newRequest(b *testing.B, method, url, contentType, body string) *http.Request {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	return req
}

// caller builds the next signed request of one kind and says whether an
// answer is a success.
type caller struct {
	next func() *http.Request
	ok   func(status int, body []byte) bool
}

const formType = "application/x-www-form-urlencoded"

// bareForm is the baseline's request body: the size and shape of a signed
// CMQ call.
const bareForm = "Action=ListQueue&SecretId=AKIDmqmock00000000000000000000000001&Timestamp=1700000000&Nonce=123456789&SignatureMethod=HmacSHA256&RequestClient=mqmock-cmqclient&Signature=0123456789abcdef0123456789abcdef0123456789ab%3D"

// ratio alternates the bare-gin baseline and c in one b.Loop. Both answers
// are checked once before the loop and every time inside it (after the
// timed span), so a failing call fails the run instead of being measured.
func ratio(b *testing.B, c caller) {
	gin.SetMode(gin.ReleaseMode)
	hc := perfClient(b)
	bare := bareGin(b) + "/v2/index.php"
	check := func(name string, req *http.Request, ok func(int, []byte) bool) {
		status, body, _, err := roundTrip(hc, req)
		if err != nil || !ok(status, body) {
			b.Fatalf("%s: status %d, err %v: %s", name, status, err, body)
		}
	}
	check("bare gin", newRequest(b, http.MethodPost, bare, formType, bareForm), func(s int, _ []byte) bool { return s == http.StatusOK })
	check("call", c.next(), c.ok)

	var bareT, callT []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		status, _, d, err := roundTrip(hc, newRequest(b, http.MethodPost, bare, formType, bareForm))
		if err != nil || status != http.StatusOK {
			b.Fatalf("bare gin: status %d, err %v", status, err)
		}
		bareT = append(bareT, d)
		req := c.next()
		status, body, d, err := roundTrip(hc, req)
		if err != nil || !c.ok(status, body) {
			b.Fatalf("call: status %d, err %v: %s", status, err, body)
		}
		callT = append(callT, d)
	}
	// Medians, not sums: on a shared machine a few calls that waited for
	// the CPU swing a ratio of sums by tens of percent either way.
	bm, cm := median(bareT), median(callT)
	b.ReportMetric(float64(bm.Nanoseconds()), "bare-ns/call")
	b.ReportMetric(float64(cm.Nanoseconds()), "mqmock-ns/call")
	b.ReportMetric(float64(cm)/float64(bm), "x-bare-gin")
}

// median is the middle of ds (which it sorts).
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// cmqCaller signs CMQ calls HmacSHA256 with the default account's key.
func cmqCaller(b *testing.B, env *emutest.Env, action string, p *cmqclient.Params) caller {
	c := cmqclient.New("http://"+env.CMQ, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
	c.SignatureMethod = cmqsign.MethodSHA256
	url := "http://" + env.CMQ + cmqclient.DefaultPath
	return caller{
		next: func() *http.Request {
			pairs := append([]cmqclient.Pair{{Key: "Action", Value: action}}, p.Pairs(1)...)
			return newRequest(b, http.MethodPost, url, formType, cmqclient.Encode(c.Sign(http.MethodPost, c.Common(pairs))))
		},
		ok: func(status int, body []byte) bool {
			r, err := cmqclient.Decode(status, body)
			return err == nil && status == http.StatusOK && r.Code == 0
		},
	}
}

// tc3Caller signs TDMQ 5.x (trocket) calls TC3 as the Go SDK does.
func tc3Caller(b *testing.B, env *emutest.Env, action, version, body string) caller {
	a := env.Default.Tencent
	return caller{
		next: func() *http.Request {
			req := newRequest(b, http.MethodPost, "http://"+env.TDMQ+"/", "application/json", body)
			req.Header.Set("X-TC-Action", action)
			req.Header.Set("X-TC-Version", version)
			req.Header.Set("X-TC-Region", "ap-guangzhou")
			if err := tc3.SignRequest(req, a.SecretID, a.SecretKey, "trocket", time.Now().Unix()); err != nil {
				b.Fatal(err)
			}
			return req
		},
		ok: func(status int, body []byte) bool {
			return status == http.StatusOK && strings.Contains(string(body), `"Response"`) && !strings.Contains(string(body), `"Error"`)
		},
	}
}

// aliyunCaller signs Alibaba RPC calls v1 (HMAC-SHA1, unique nonce), form
// body, as the Go SDK's common parameters plus RegionId.
func aliyunCaller(b *testing.B, env *emutest.Env, addr, action, version string, params map[string]string) caller {
	a := env.Default.Alibaba
	var nonce atomic.Int64
	// Unique per caller: two callers of one emulator must not send the
	// same nonce (SignatureNonceUsed).
	prefix := "perf-" + uuid.NewString() + "-"
	return caller{
		next: func() *http.Request {
			p := aliyunsign.CommonParams(a.AccessKeyID, action, version, time.Now(), prefix+strconv.FormatInt(nonce.Add(1), 10))
			p["RegionId"] = "cn-hangzhou"
			for k, v := range params {
				p[k] = v
			}
			aliyunsign.SignParams(a.AccessKeySecret, http.MethodPost, p)
			return newRequest(b, http.MethodPost, "http://"+addr+"/", formType, aliyunsign.EncodeParams(p))
		},
		ok: func(status int, body []byte) bool {
			return status == http.StatusOK && strings.Contains(string(body), `"RequestId"`) && !strings.Contains(string(body), `"Code"`)
		},
	}
}

func BenchmarkRatioCMQListQueue(b *testing.B) {
	env := start(b)
	ratio(b, cmqCaller(b, env, "ListQueue", nil))
}

func BenchmarkRatioCMQSendMessage(b *testing.B) {
	env := start(b)
	if _, err := cmqclient.New("http://"+env.CMQ, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey).
		Call(context.Background(), "CreateQueue", cmqclient.P("queueName", "perf")); err != nil {
		b.Fatal(err)
	}
	ratio(b, cmqCaller(b, env, "SendMessage", cmqclient.P("queueName", "perf", "msgBody", "hello")))
}

func BenchmarkRatioTDMQDescribeInstanceList(b *testing.B) {
	env := start(b)
	ratio(b, tc3Caller(b, env, "DescribeInstanceList", trocketVer, `{}`))
}

func BenchmarkRatioONSInstanceInServiceList(b *testing.B) {
	env := start(b)
	ratio(b, aliyunCaller(b, env, env.ONS, "OnsInstanceInServiceList", "2019-02-14", nil))
}

func BenchmarkRatioMQTTListGroupID(b *testing.B) {
	env := start(b)
	ratio(b, aliyunCaller(b, env, env.MQTT, "ListGroupId", "2020-04-20", map[string]string{"InstanceId": mqttInstance}))
}

// scaleEnv is an emulator whose default account holds n CMQ queues
// (perf-0 … perf-<n-1>), created through the API.
func scaleEnv(b *testing.B, n int) *emutest.Env {
	env := start(b, emutest.WithConfig(func(c *emulator.Config) {
		if c.CMQ.Options == nil {
			c.CMQ.Options = map[string]any{}
		}
		c.CMQ.Options["maxQueues"] = n + 10
	}))
	c := cmqclient.New("http://"+env.CMQ, env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
	c.HTTPClient = perfClient(b)
	for i := range n {
		if _, err := c.Call(context.Background(), "CreateQueue", cmqclient.P("queueName", "perf-"+strconv.Itoa(i))); err != nil {
			b.Fatalf("CreateQueue %d: %v", i, err)
		}
	}
	return env
}

// BenchmarkScaleCMQ times one call against an account with 10 queues and
// the same call against one with 1000, alternately in one loop, and reports
// the second as a multiple of the first ("x-at-10"; issue 17 target ≤ 1.2).
func BenchmarkScaleCMQ(b *testing.B) {
	calls := []struct {
		name   string
		action string
		params *cmqclient.Params
	}{
		// A page of 10: both accounts answer the same number of rows, so
		// what differs is only what the other 990 queues cost.
		{"ListQueue", "ListQueue", cmqclient.P("limit", "10")},
		{"GetQueueAttributes", "GetQueueAttributes", cmqclient.P("queueName", "perf-5")},
	}
	for _, call := range calls {
		b.Run(call.name, func(b *testing.B) {
			small, large := scaleEnv(b, 10), scaleEnv(b, 1000)
			hc := perfClient(b)
			cs := cmqCaller(b, small, call.action, call.params)
			cl := cmqCaller(b, large, call.action, call.params)
			for _, c := range []caller{cs, cl} {
				status, body, _, err := roundTrip(hc, c.next())
				if err != nil || !c.ok(status, body) {
					b.Fatalf("%s: status %d, err %v: %s", call.name, status, err, body)
				}
			}
			var smallT, largeT []time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				status, body, d, err := roundTrip(hc, cs.next())
				if err != nil || !cs.ok(status, body) {
					b.Fatalf("10 queues: status %d, err %v: %s", status, err, body)
				}
				smallT = append(smallT, d)
				status, body, d, err = roundTrip(hc, cl.next())
				if err != nil || !cl.ok(status, body) {
					b.Fatalf("1000 queues: status %d, err %v: %s", status, err, body)
				}
				largeT = append(largeT, d)
			}
			sm, lm := median(smallT), median(largeT)
			b.ReportMetric(float64(sm.Nanoseconds()), "at10-ns/call")
			b.ReportMetric(float64(lm.Nanoseconds()), "at1000-ns/call")
			b.ReportMetric(float64(lm)/float64(sm), "x-at-10")
		})
	}
}
