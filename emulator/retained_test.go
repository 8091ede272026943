package emulator_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/journal"
)

func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestOversizedCallsRetainNoMemory: anyone who can reach a port can send
// calls with no valid signature, each megabytes of parameters; what the
// emulator keeps of them (the journal) must stay within a small fixed budget
// however many arrive. With verification off the same calls are accepted as
// authenticated: their parameters are kept, truncated, never the request.
func TestOversizedCallsRetainNoMemory(t *testing.T) {
	for _, verify := range []bool{true, false} {
		t.Run(map[bool]string{true: "unsigned", false: "verification off"}[verify], func(t *testing.T) {
			cfg := config.Default()
			cfg.Auth.Verify = verify
			retainedAfterOversizedCalls(t, cfg, verify)
		})
	}
}

func retainedAfterOversizedCalls(t *testing.T, cfg config.Config, unsigned bool) {
	e, err := emulator.New(emulator.Config(cfg))
	require.NoError(t, err)
	big := strings.Repeat("x", 512<<10)
	bodies := map[string]func() *http.Request{
		emulator.CMQ: func() *http.Request {
			q := url.Values{"Action": {"SendMessage"}, "queueName": {"q"}, "msgBody": {big}, "SecretId": {"AKIDnobody"}, "Signature": {"bad"}}
			return httptest.NewRequest(http.MethodPost, "/v2/index.php", strings.NewReader(q.Encode()))
		},
		emulator.TDMQ: func() *http.Request {
			// A flattened array of many small values costs most per byte.
			var b strings.Builder
			b.WriteString(`{"Filters":[`)
			for i := 0; i < 4000; i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(`{"Name":"x","Values":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]}`)
			}
			b.WriteString(`]}`)
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(b.String()))
			r.Header.Set("X-TC-Action", "DescribeInstanceList")
			r.Header.Set("X-TC-Version", "2023-03-08")
			r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential=AKIDnobody/2026-01-01/trocket/tc3_request, SignedHeaders=content-type;host, Signature=00")
			return r
		},
		emulator.ONS: func() *http.Request {
			q := url.Values{"Action": {"OnsTopicList"}, "Version": {"2019-02-14"}, "AccessKeyId": {"LTAInobody"}, "Signature": {"bad"}, "Pad": {big}}
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(q.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		},
	}
	send := func(rounds int) {
		for door, req := range bodies {
			for i := 0; i < rounds; i++ {
				rec := httptest.NewRecorder()
				e.Handler(door).ServeHTTP(rec, req())
				require.NotEmpty(t, rec.Body.Bytes(), "%s answers", door)
			}
		}
	}
	// One round first: what the first call of each kind sets up once (pools,
	// encoders) is not what N calls retain.
	send(1)
	before := heapAfterGC()
	send(10)
	after := heapAfterGC()
	retained := int64(after) - int64(before)
	t.Logf("retained after 30 more oversized calls: %d KB; journal %d KB", retained>>10, e.Journal().Bytes()>>10)
	assert.Less(t, retained, int64(3<<20), "retained heap")
	if unsigned {
		assert.Less(t, e.Journal().Bytes(), int64(256<<10), "unsigned calls keep no parameters")
	} else {
		assert.LessOrEqual(t, e.Journal().Bytes(), cfg.Journal.MaxBytes, "the journal's byte budget")
	}
	assert.Len(t, e.Journal().List(journal.Filter{}), 33, "every call is still journalled")
}
