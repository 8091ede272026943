package emulator_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/internal/config"
)

// BenchmarkRequestWithFaultRules serves a whole CMQ ListQueue call (decode,
// journal, fault hook, action, envelope; no network) with 0, 10 and 100
// wildcard rules that all fail on a regular-expression match: the fault
// hook's worst-case share of a request. Compare with faults'
// BenchmarkApplyNoMatch for the hook alone.
func BenchmarkRequestWithFaultRules(b *testing.B) {
	for _, n := range []int{0, 10, 100} {
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			cfg := config.Default()
			cfg.Auth.Verify = false
			e, err := emulator.New(emulator.Config(cfg))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = e.Shutdown(b.Context()) })
			h := e.Handler("cmq")
			if n > 0 {
				var doc strings.Builder
				doc.WriteString("rules:\n")
				for i := range n {
					fmt.Fprintf(&doc, "  - {name: r%d, vendor: cmq, action: '*', match: {queueName: '/^orders-%d-/'}, error: ServerInternalError}\n", i, i)
				}
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodPut, "/_mqmock/scenario", strings.NewReader(doc.String()))
				req.Host = "127.0.0.1"
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatal(rec.Body.String())
				}
			}
			form := url.Values{"Action": {"ListQueue"}, "SecretId": {"AKIDmqmock00000000000000000000000001"}, "queueName": {"payments"}}.Encode()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodPost, "/v2/index.php", strings.NewReader(form))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				h.ServeHTTP(rec, req)
				if !strings.Contains(rec.Body.String(), `"code":0`) {
					b.Fatal(rec.Body.String())
				}
			}
		})
	}
}
