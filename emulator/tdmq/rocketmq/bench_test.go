package rocketmq

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Concurrent creates: the duplicate and quota checks and the insert share
// one critical section, so exactly one of many identical creates succeeds
// and no more than the quota are ever created.
func TestRocketMQ4ConcurrentCreates(t *testing.T) {
	h := newHarness(t)
	cl := h.cluster("race")
	h.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"})
	h.p.store.limits.VirtualTopics = 20

	var wg sync.WaitGroup
	var same, distinct atomic.Int32
	for i := 0; i < 40; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, err := h.do("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": "same", "Type": "Normal"}); err == nil {
				same.Add(1)
			}
		}()
		go func(i int) {
			defer wg.Done()
			if _, err := h.do("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": fmt.Sprintf("t-%02d", i), "Type": "Normal"}); err == nil {
				distinct.Add(1)
			}
		}(i)
	}
	wg.Wait()
	assert.Equal(t, int32(1), same.Load())
	assert.Equal(t, int32(19), distinct.Load(), "20 slots, one taken by \"same\"")
	out := h.ok("DescribeRocketMQTopics", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "Offset": 0, "Limit": 100}).(describeRocketMQTopicsResponse)
	assert.Equal(t, uint64(20), out.TotalCount)
}

// benchCluster is a cluster with n topics in namespace "dev".
func benchCluster(b *testing.B, n int) (*harness, string) {
	h := newHarness(b)
	h.p.store.limits.VirtualTopics = 1 << 30
	cl := h.cluster("bench")
	h.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"})
	for i := 0; i < n; i++ {
		h.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": fmt.Sprintf("topic-%06d", i), "Type": "Normal"})
	}
	return h, cl
}

// BenchmarkRocketMQ4CreateTopic creates topics into a namespace that
// already holds 10 or 1000 (handler level: bind, checks, insert).
func BenchmarkRocketMQ4CreateTopic(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			h, cl := benchCluster(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := h.do("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": fmt.Sprintf("new-%09d", i), "Type": "Normal"}); err != nil {
					b.Fatal(err)
				}
				if i%1000 == 999 { // keep the namespace near n topics
					b.StopTimer()
					h.p.store.mu.Lock()
					c := h.p.store.clusters[cl]
					for j := i - 999; j <= i; j++ {
						t, _ := c.Namespaces["dev"].Topics.get(fmt.Sprintf("new-%09d", j))
						c.dropTopic(c.Namespaces["dev"], t)
					}
					h.p.store.mu.Unlock()
					b.StartTimer()
				}
			}
		})
	}
}

// BenchmarkRocketMQ4DescribeTopics lists the first page of 20 out of 10 or
// 1000 topics.
func BenchmarkRocketMQ4DescribeTopics(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			h, cl := benchCluster(b, n)
			params := map[string]any{"ClusterId": cl, "NamespaceId": "dev", "Offset": 0, "Limit": 20}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := h.do("DescribeRocketMQTopics", params); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
