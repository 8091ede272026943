package cmq

import (
	"context"
	"strconv"
	"testing"

	"github.com/mqmock/mqmock/internal/clock"
)

// Store-only benchmarks: the cost of the rules without HTTP and signing.

func benchStore(b *testing.B) *store {
	c := clock.New()
	b.Cleanup(c.Close)
	return newStore(c, DefaultOptions())
}

func BenchmarkStoreSend(b *testing.B) {
	s := benchStore(b)
	if _, err := s.createQueue("a", "q", queueAttrPatch{}, legacyQueueRules()); err != nil {
		b.Fatal(err)
	}
	body := []string{"a message of some sixty-four bytes, give or take a few bytes"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := s.sendMessages("a", "q", body, 0); err != nil {
			b.Fatal(err)
		}
		if i%10000 == 9999 {
			b.StopTimer()
			if err := s.clearQueue("a", "q"); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
}

func BenchmarkStoreReceiveAndDelete(b *testing.B) {
	s := benchStore(b)
	if _, err := s.createQueue("a", "q", queueAttrPatch{}, legacyQueueRules()); err != nil {
		b.Fatal(err)
	}
	body := []string{"m"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.sendMessages("a", "q", body, 0); err != nil {
			b.Fatal(err)
		}
		got, err := s.receive(context.Background(), "a", "q", 1, 0)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.deleteMessage("a", "q", got[0].ReceiptHandle); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStorePublishFanOut500(b *testing.B) {
	s := benchStore(b)
	if _, err := s.createTopic("a", topicSpec{name: "t", maxMsgSize: 65536, filterType: filterTags, retention: topicRetention}); err != nil {
		b.Fatal(err)
	}
	for i := range 500 {
		name := "q" + strconv.Itoa(i)
		if _, err := s.createQueue("a", name, queueAttrPatch{}, legacyQueueRules()); err != nil {
			b.Fatal(err)
		}
		spec := subscriptionSpec{topic: "t", name: "s" + strconv.Itoa(i), protocol: "queue", endpoint: name,
			notifyStrategy: exponentialDecayRetry, notifyContentFormat: formatSimplified}
		if _, err := s.subscribe("a", spec); err != nil {
			b.Fatal(err)
		}
	}
	pub := publication{topic: "t", bodies: []string{"to everyone"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := s.publish("a", 1, pub, "r"); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 {
			b.StopTimer()
			for _, q := range s.tenants["a"].queues {
				q.clearLocked()
			}
			b.StartTimer()
		}
	}
}
