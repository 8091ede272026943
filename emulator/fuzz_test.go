package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/internal/config"
)

// lockedBuffer collects log output from concurrent handlers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// FuzzVendorRequests: whatever arrives at a vendor port — any method, path,
// query, body and content type — the answer is the vendor's JSON envelope
// with a status its SDKs can parse, and no handler panicked on the way
// (a recovered panic still answers an envelope, so the log is checked too).
// Signatures are not checked here so inputs reach the actions.
func FuzzVendorRequests(f *testing.F) {
	seeds := []struct {
		vendor      uint8
		method, raw string
		body        string
		ctype       string
	}{
		{0, "POST", "/v2/index.php", "Action=CreateQueue&queueName=q1", ""},
		{0, "POST", "/v2/index.php", "Action=SendMessage&queueName=q1&msgBody=x&delaySeconds=5", ""},
		{0, "POST", "/v2/index.php", "Action=BatchReceiveMessage&queueName=q1&numOfMsg=16&pollingWaitSeconds=1", ""},
		{0, "GET", "/?Action=Subscribe&topicName=t&subscriptionName=s&protocol=queue&endpoint=q1&bindingKey.1=a.%23", "", ""},
		{0, "POST", "/v2/index.php", "Action=PublishMessage&topicName=t&msgBody=m&routingKey=a.b", ""},
		{1, "POST", "/", `{"InstanceType":"EXPERIMENT","Name":"abc","SkuCode":"experiment_500","VpcList":[{"VpcId":"v","SubnetId":"s"}]}`, "application/json"},
		{1, "POST", "/", `{"Offset":0,"Limit":20,"Filters":[{"Name":"InstanceName","Values":["a"]}]}`, "application/json"},
		{1, "GET", "/?Offset=0&Limit=1&Filters.0.Name=x", "", ""},
		{2, "POST", "/?Action=OnsTopicCreate&Version=2019-02-14&InstanceId=MQ_INST_1000000000000001_mqmock01&Topic=abc&MessageType=0", "", ""},
		{2, "POST", "/", "Action=OnsGroupList&Version=2019-02-14&InstanceId=MQ_INST_1000000000000001_mqmock01", "application/x-www-form-urlencoded"},
		{3, "POST", "/?Action=ApplyToken&Version=2020-04-20&InstanceId=post-cn-mqmock00001&Resources=mqmock%2Fa&Actions=R&ExpireTime=9999999999999", "", ""},
		{3, "GET", "/?Action=BatchQuerySessionByClientIds&Version=2020-04-20&InstanceId=post-cn-mqmock00001&ClientIdList.1=GID_a%40%40%40d", "", ""},
	}
	tdmqActions := []string{"CreateInstance", "DescribeInstanceList", "CreateTopic", "DescribeTopicList", "CreateRocketMQCluster", "DescribeRocketMQClusters", "SendMessage"}
	for i, s := range seeds {
		f.Add(s.vendor, s.method, s.raw, []byte(s.body), s.ctype, tdmqActions[i%len(tdmqActions)])
	}

	cfg := config.Default()
	cfg.Auth.Verify = false
	logs := &lockedBuffer{}
	e, err := emulator.New(emulator.Config(cfg), emulator.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelError}))))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = e.Shutdown(context.Background()) })

	f.Fuzz(func(t *testing.T, vendor uint8, method, rawURL string, body []byte, ctype, tcAction string) {
		name := emulator.Names()[int(vendor)%len(emulator.Names())]
		if !strings.HasPrefix(rawURL, "/") || strings.HasPrefix(rawURL, "/_mqmock") {
			rawURL = "/" + strings.TrimPrefix(rawURL, "/_mqmock")
		}
		req, err := http.NewRequest(method, "http://127.0.0.1"+rawURL, bytes.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if name == "tdmq" {
			req.Header.Set("X-TC-Action", tcAction)
			req.Header.Set("X-TC-Version", []string{"2023-03-08", "2020-02-17"}[len(tcAction)%2])
		}
		// A long poll must not stall the fuzzer; the request's context ends it.
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		rec := httptest.NewRecorder()
		before := len(logs.String())
		e.Handler(name).ServeHTTP(rec, req.WithContext(ctx))

		if rec.Code < 200 || rec.Code > 599 {
			t.Fatalf("%s answered status %d", name, rec.Code)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s %q answered a non-JSON body %q", name, method, rawURL, rec.Body.String())
		}
		if logged := logs.String()[before:]; strings.Contains(logged, "panic") {
			t.Fatalf("%s %s %q body %q: a handler panicked: %s", name, method, rawURL, body, logged)
		}
	})
}
