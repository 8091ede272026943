package faults

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkApplyNoMatch measures the fault hook on a call no rule matches,
// the cost every request pays once a scenario is loaded. "actions" rules name
// other actions (the index skips them); "wildcards" rules apply to every
// action and fail on a regular-expression match, the worst case.
func BenchmarkApplyNoMatch(b *testing.B) {
	for _, kind := range []string{"actions", "wildcards"} {
		for _, n := range []int{0, 10, 100} {
			b.Run(fmt.Sprintf("%s/rules=%d", kind, n), func(b *testing.B) {
				var doc strings.Builder
				doc.WriteString("rules:\n")
				for i := range n {
					if kind == "actions" {
						fmt.Fprintf(&doc, "  - {name: r%d, vendor: alpha, action: Action%d, error: Internal}\n", i, i)
					} else {
						fmt.Fprintf(&doc, "  - {name: r%d, vendor: alpha, action: '*', match: {queueName: '/^orders-%d-/'}, error: Internal}\n", i, i)
					}
				}
				if n == 0 {
					doc.WriteString("  []\n")
				}
				e := newTestEngine(b, nil, doc.String())
				c := call("alpha", "SendMessage", "queueName", "payments", "msgBody", "hello")
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if e.Apply(c) != nil {
						b.Fatal("a rule matched")
					}
				}
			})
		}
	}
}
