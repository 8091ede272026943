package cmq_test

import (
	"context"
	"testing"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// End-to-end benchmarks: signed requests through the test client over real
// HTTP, the way users drive the emulator. store_bench_test.go measures the
// store alone.

func BenchmarkSendMessage(b *testing.B) {
	env := emutest.Start(b)
	c := clientFor(env, env.Default)
	createQueue(b, c, "bench")
	p := cmqclient.P("queueName", "bench", "msgBody", "a message of some sixty-four bytes, give or take a few bytes", "delaySeconds", "0")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := c.Call(context.Background(), "SendMessage", p); err != nil {
			b.Fatal(err)
		}
		if i%10000 == 9999 {
			b.StopTimer()
			cmq.DrainQueues(cmqProduct(env))
			b.StartTimer()
		}
	}
}

func BenchmarkReceiveAndDeleteMessage(b *testing.B) {
	env := emutest.Start(b)
	c := clientFor(env, env.Default)
	createQueue(b, c, "bench")
	fill := cmqclient.P("queueName", "bench").List("msgBody", tags(16, "message-")...)
	recv := cmqclient.P("queueName", "bench", "pollingWaitSeconds", "0")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%16 == 0 {
			b.StopTimer()
			call(b, c, "BatchSendMessage", fill)
			b.StartTimer()
		}
		r, err := c.Call(context.Background(), "ReceiveMessage", recv)
		if err != nil {
			b.Fatal(err)
		}
		h := field[string](b, r, "receiptHandle")
		if _, err := c.Call(context.Background(), "DeleteMessage", cmqclient.P("queueName", "bench", "receiptHandle", h)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPublishMessageFanOut500(b *testing.B) {
	env := emutest.Start(b)
	c := clientFor(env, env.Default)
	call(b, c, "CreateTopic", cmqclient.P("topicName", "wide"))
	for i := range 500 {
		queueSub(b, c, "wide", "q"+n(i), nil)
	}
	p := cmqclient.P("topicName", "wide", "msgBody", "to everyone")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := c.Call(context.Background(), "PublishMessage", p); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 {
			b.StopTimer()
			cmq.DrainQueues(cmqProduct(env))
			b.StartTimer()
		}
	}
}
