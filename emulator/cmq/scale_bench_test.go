package cmq

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/jsonstream"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// The benchmarks of issue 17's CMQ targets, each a ratio measured in one
// run (so it holds on a noisy machine), times as the median of batches of
// 64 calls:
//
//	go test -run XXX -bench 'Retained|Scale|Deep|Beside|StateAnswer' -benchtime 2000x ./emulator/cmq/
//
//   - BenchmarkRetainedSubscriptions / BenchmarkRetainedMessages (target 4):
//     heap retained after runtime.GC per subscription and per stored
//     message, created through the CMQ door's handler in-process, so the
//     strings a request decodes to are kept the way the API keeps them.
//   - BenchmarkScaleListGet (target 5): each list and get action against a
//     product with 1000 queues and 1000 topics and against one with 10,
//     alternately; x-at-10 is the first's cost ÷ the second's.
//   - BenchmarkDeepQueue (target 6): receive + delete on queues 1 k, 20 k
//     and 300 k deep; x-300k-vs-20k is the 300 k rate ÷ the 20 k rate.
//   - BenchmarkStateAnswer (target 7): the heap the control API's state
//     answer needs at its peak, streamed and encoded whole.
//   - BenchmarkSendBesideDeepDrain (target 6): a send to one queue while a
//     300 k-deep queue of the same account is drained, against the same
//     send while a 1 k-deep one is; x-beside-shallow is the first ÷ the
//     second.

// frozenClock stands still, so no rule's time passes during a benchmark.
func frozenClock(b *testing.B) *clock.Clock {
	base := time.Now()
	c := clock.New(clock.WithRealTime(func() time.Time { return base }))
	b.Cleanup(c.Close)
	return c
}

// benchProduct is a CMQ product on a frozen clock with the zero
// environment's other parts (no accounts, no signatures).
func benchProduct(b *testing.B, opts map[string]any) *Product {
	b.Helper()
	c := frozenClock(b)
	p, err := New(pipeline.Env{Clock: c, Options: opts})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(p.Close)
	return p
}

// legacyDoor serves p's legacy API in-process (decode, route, handle and
// envelope, without a socket); a call that does not succeed fails b.
func legacyDoor(b *testing.B, p *Product) func(form url.Values) {
	h := pipeline.New(NewDoor(p).Frontend, pipeline.Hooks{Clock: p.env.Clock})
	return func(form url.Values) {
		req := httptest.NewRequest(http.MethodPost, "/v2/index.php", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"code":0`) {
			b.Fatalf("%s: status %d: %s", form.Get("Action"), rec.Code, rec.Body)
		}
	}
}

// retainedHeap is the live heap after two collections.
func retainedHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkRetainedSubscriptions creates 100 topics × 500 queue
// subscriptions (issue 17's shape at a tenth of its 1000 topics) through the
// legacy door, each subscription with a name and endpoint like a user's,
// and reports the heap they retain: bytes per subscription and that figure
// times 500 000 (target: < 200 MB for 1000 × 500).
func BenchmarkRetainedSubscriptions(b *testing.B) {
	const topics, subs = 100, 500
	p := benchProduct(b, map[string]any{"maxTopics": topics, "maxQueues": subs})
	serve := legacyDoor(b, p)
	for i := range subs {
		serve(url.Values{"Action": {"CreateQueue"}, "queueName": {"consumer-queue-" + strconv.Itoa(i)}})
	}
	before := retainedHeap()
	for t := range topics {
		topic := "orders-topic-" + strconv.Itoa(t)
		serve(url.Values{"Action": {"CreateTopic"}, "topicName": {topic}})
		for s := range subs {
			serve(url.Values{"Action": {"Subscribe"}, "topicName": {topic}, "subscriptionName": {"subscription-" + strconv.Itoa(s)},
				"protocol": {"queue"}, "endpoint": {"consumer-queue-" + strconv.Itoa(s)}, "notifyStrategy": {"EXPONENTIAL_DECAY_RETRY"}})
		}
	}
	per := float64(retainedHeap()-before) / (topics * subs)
	for b.Loop() {
	}
	runtime.KeepAlive(p)
	b.ReportMetric(per, "B/subscription")
	b.ReportMetric(per*1000*500/1e6, "MB-at-1000x500")
}

// BenchmarkRetainedMessages sends 100 000 five-byte messages through the
// legacy door and reports the heap each retains beyond its body (target:
// ≤ 300 bytes).
func BenchmarkRetainedMessages(b *testing.B) {
	const n = 100_000
	p := benchProduct(b, nil)
	serve := legacyDoor(b, p)
	serve(url.Values{"Action": {"CreateQueue"}, "queueName": {"retained"}})
	before := retainedHeap()
	for range n / 16 {
		form := url.Values{"Action": {"BatchSendMessage"}, "queueName": {"retained"}}
		for j := range 16 {
			form.Set("msgBody."+strconv.Itoa(j+1), "hello")
		}
		serve(form)
	}
	per := float64(retainedHeap()-before)/n - float64(len("hello"))
	for b.Loop() {
	}
	runtime.KeepAlive(p)
	b.ReportMetric(per, "B/message-beyond-body")
}

// scaleProduct holds n queues and n topics in the zero account; every topic
// has five subscriptions (two queue, three http), queue i sends its dead
// letters to queue 0 for i in 1..3, so every list and get has something to
// report.
func scaleProduct(b *testing.B, n int) *Product {
	b.Helper()
	p := benchProduct(b, map[string]any{"maxQueues": n, "maxTopics": n, "deadLetterSourceQueues": true})
	s := p.store
	for i := range n {
		var patch queueAttrPatch
		if i >= 1 && i <= 3 {
			patch.DeadLetter = &deadLetterPolicy{DeadLetterQueue: "queue-0", MaxReceiveCount: 3}
		}
		if _, err := s.createQueue("", "queue-"+strconv.Itoa(i), patch, legacyQueueRules()); err != nil {
			b.Fatal(err)
		}
	}
	for i := range n {
		topic := "topic-" + strconv.Itoa(i)
		if _, err := s.createTopic("", topicSpec{name: topic, maxMsgSize: defaultTopicMsgSize, filterType: filterTags, retention: topicRetention}); err != nil {
			b.Fatal(err)
		}
		for j := range 5 {
			spec := subscriptionSpec{topic: topic, name: "sub-" + strconv.Itoa(j), protocol: "http", endpoint: "http://127.0.0.1:1/push",
				notifyStrategy: exponentialDecayRetry, notifyContentFormat: formatJSON}
			if j < 2 {
				spec.protocol, spec.endpoint, spec.notifyContentFormat = "queue", "queue-"+strconv.Itoa((i+j)%n), formatSimplified
			}
			if _, err := s.subscribe("", spec); err != nil {
				b.Fatal(err)
			}
		}
	}
	if _, err := s.sendMessages("", "queue-5", []string{"one", "two", "three"}, 0); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkScaleListGet times each list and get action (handler and JSON
// rendering of its answer; decoding and the envelope do not depend on the
// store) against 1000 queues and 1000 topics and against 10, alternately.
// Lists ask for pages of at most 5, so both answers are the same size.
func BenchmarkScaleListGet(b *testing.B) {
	legacy := func(h func(*Product) pipeline.Handler, kv ...string) func(*Product) (any, error) {
		params := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			params[kv[i]] = kv[i+1]
		}
		return func(p *Product) (any, error) { return h(p)(&pipeline.Call{Params: params}) }
	}
	api3 := func(h func(*Product) pipeline.Handler, tree string) func(*Product) (any, error) {
		return func(p *Product) (any, error) {
			dec := json.NewDecoder(strings.NewReader(tree))
			dec.UseNumber()
			var m map[string]any
			if err := dec.Decode(&m); err != nil {
				return nil, err
			}
			return h(p)(&pipeline.Call{Tree: m})
		}
	}
	cases := []struct {
		name string
		call func(*Product) (any, error)
	}{
		{"ListQueue", legacy(func(p *Product) pipeline.Handler { return p.listQueue }, "limit", "5")},
		{"ListQueueOffset", legacy(func(p *Product) pipeline.Handler { return p.listQueue }, "offset", "3", "limit", "5")},
		{"ListTopic", legacy(func(p *Product) pipeline.Handler { return p.listTopic }, "offset", "3", "limit", "5")},
		{"ListSubscriptionByTopic", legacy(func(p *Product) pipeline.Handler { return p.listSubscriptionByTopic }, "topicName", "topic-7")},
		{"GetQueueAttributes", legacy(func(p *Product) pipeline.Handler { return p.getQueueAttributes }, "queueName", "queue-0")},
		{"GetTopicAttributes", legacy(func(p *Product) pipeline.Handler { return p.getTopicAttributes }, "topicName", "topic-7")},
		{"GetSubscriptionAttributes", legacy(func(p *Product) pipeline.Handler { return p.getSubscriptionAttributes }, "topicName", "topic-7", "subscriptionName", "sub-3")},
		{"DescribeCmqQueues", api3(func(p *Product) pipeline.Handler { return p.describeCmqQueues }, `{"Limit":5}`)},
		{"DescribeCmqQueuesByNames", api3(func(p *Product) pipeline.Handler { return p.describeCmqQueues }, `{"QueueNameList":["queue-5","queue-0"]}`)},
		{"DescribeCmqQueueDetail", api3(func(p *Product) pipeline.Handler { return p.describeCmqQueueDetail }, `{"QueueName":"queue-0"}`)},
		{"DescribeCmqTopics", api3(func(p *Product) pipeline.Handler { return p.describeCmqTopics }, `{"Offset":2,"Limit":5}`)},
		{"DescribeCmqTopicsByNames", api3(func(p *Product) pipeline.Handler { return p.describeCmqTopics }, `{"TopicNameList":["topic-5","topic-1"]}`)},
		{"DescribeCmqTopicDetail", api3(func(p *Product) pipeline.Handler { return p.describeCmqTopicDetail }, `{"TopicName":"topic-7"}`)},
		{"DescribeCmqSubscriptionDetail", api3(func(p *Product) pipeline.Handler { return p.describeCmqSubscriptionDetail }, `{"TopicName":"topic-7"}`)},
		{"DescribeCmqSubscriptionDetailByQueue", api3(func(p *Product) pipeline.Handler { return p.describeCmqSubscriptionDetail }, `{"QueryType":"queue","QueueName":"queue-5"}`)},
		{"DescribeCmqDeadLetterSourceQueues", api3(func(p *Product) pipeline.Handler { return p.describeCmqDeadLetterSourceQueues }, `{"DeadLetterQueueName":"queue-0"}`)},
	}
	small, large := scaleProduct(b, 10), scaleProduct(b, 1000)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			once := func(p *Product) time.Duration {
				t0 := time.Now()
				v, err := c.call(p)
				if err == nil {
					_, err = json.Marshal(v)
				}
				d := time.Since(t0)
				if err != nil {
					b.Fatal(err)
				}
				return d
			}
			var small10, large10 batches
			b.ReportAllocs()
			for b.Loop() {
				small10.add(once(small))
				large10.add(once(large))
			}
			b.ReportMetric(small10.median(), "at10-ns/call")
			b.ReportMetric(large10.median(), "at1000-ns/call")
			b.ReportMetric(large10.median()/small10.median(), "x-at-10")
		})
	}
}

// batches sums durations in batches of batchSize and keeps each batch's
// mean: the median batch is a per-call figure that a burst of load on a
// shared machine (a few slow batches) does not move, where a plain mean
// would.
type batches struct {
	means []float64
	sum   time.Duration
	n     int
}

const batchSize = 64

func (bs *batches) add(d time.Duration) {
	bs.sum += d
	bs.n++
	if bs.n == batchSize {
		bs.means = append(bs.means, float64(bs.sum.Nanoseconds())/batchSize)
		bs.sum, bs.n = 0, 0
	}
}

// median is the median batch's mean in nanoseconds (of the partial batch
// when there is no whole one).
func (bs *batches) median() float64 {
	if len(bs.means) == 0 {
		return float64(bs.sum.Nanoseconds()) / float64(max(bs.n, 1))
	}
	m := slices.Clone(bs.means)
	slices.Sort(m)
	return m[len(m)/2]
}

// deepStore is a store with one queue ("deep") holding depth messages.
func deepStore(b *testing.B, depth int) *store {
	b.Helper()
	s := newStore(frozenClock(b), DefaultOptions())
	if _, err := s.createQueue("a", "deep", queueAttrPatch{}, legacyQueueRules()); err != nil {
		b.Fatal(err)
	}
	bodies := make([]string, 16)
	for i := range bodies {
		bodies[i] = "a message body"
	}
	for i := 0; i < depth; i += len(bodies) {
		if _, err := s.sendMessages("a", "deep", bodies[:min(len(bodies), depth-i)], 0); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// receiveDelete receives one message of q and deletes it, then sends one so
// the depth stays; it returns the time the receive and delete took.
func receiveDelete(b *testing.B, s *store, q string) time.Duration {
	t0 := time.Now()
	got, err := s.receive(context.Background(), "a", q, 1, 0)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.deleteMessage("a", q, got[0].ReceiptHandle); err != nil {
		b.Fatal(err)
	}
	d := time.Since(t0)
	if _, err := s.sendMessages("a", q, []string{"a message body"}, 0); err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkDeepQueue drains queues 1 k, 20 k and 300 k deep alternately
// (each kept at its depth) and reports each receive + delete rate and the
// 300 k rate as a multiple of the 20 k and 1 k rates (target ≥ 0.8).
func BenchmarkDeepQueue(b *testing.B) {
	depths := []int{1_000, 20_000, 300_000}
	stores := make([]*store, len(depths))
	for i, d := range depths {
		stores[i] = deepStore(b, d)
	}
	spent := make([]batches, len(depths))
	b.ReportAllocs()
	for b.Loop() {
		for i, s := range stores {
			spent[i].add(receiveDelete(b, s, "deep"))
		}
	}
	rate := func(i int) float64 { return 1e9 / spent[i].median() }
	b.ReportMetric(rate(0), "per-s-at-1k")
	b.ReportMetric(rate(1), "per-s-at-20k")
	b.ReportMetric(rate(2), "per-s-at-300k")
	b.ReportMetric(rate(2)/rate(1), "x-300k-vs-20k")
	b.ReportMetric(rate(2)/rate(0), "x-300k-vs-1k")
}

// BenchmarkSendBesideDeepDrain times a send to queue "other" of a store whose
// 300 k-deep queue another goroutine drains, and of a store whose 1 k-deep
// queue is drained the same way, alternately; x-beside-shallow is the first
// send's latency ÷ the second's (target ≈ 1: a deep queue does not slow
// another).
func BenchmarkSendBesideDeepDrain(b *testing.B) {
	deep, shallow := deepStore(b, 300_000), deepStore(b, 1_000)
	for _, s := range []*store{deep, shallow} {
		if _, err := s.createQueue("a", "other", queueAttrPatch{}, legacyQueueRules()); err != nil {
			b.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, s := range []*store{deep, shallow} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					receiveDelete(b, s, "deep")
				}
			}
		}()
	}
	send := func(s *store) time.Duration {
		t0 := time.Now()
		if _, err := s.sendMessages("a", "other", []string{"beside"}, 0); err != nil {
			b.Error(err)
		}
		return time.Since(t0)
	}
	var deepT, shallowT batches
	for i := 0; b.Loop(); i++ {
		deepT.add(send(deep))
		shallowT.add(send(shallow))
		if i%10000 == 9999 {
			b.StopTimer()
			for _, s := range []*store{deep, shallow} {
				if err := s.clearQueue("a", "other"); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(deepT.median(), "beside-deep-ns/send")
	b.ReportMetric(shallowT.median(), "beside-shallow-ns/send")
	b.ReportMetric(deepT.median()/shallowT.median(), "x-beside-shallow")
}

// heapSampler is an io.Writer that counts what is written and samples the
// live heap (after a collection, so garbage already made is not counted)
// every sampleEvery bytes, keeping the largest sample.
type heapSampler struct {
	written, nextSample int64
	peak                uint64
}

const sampleEvery = 1 << 20

func (h *heapSampler) Write(p []byte) (int, error) {
	h.written += int64(len(p))
	if h.written >= h.nextSample {
		h.nextSample = h.written + sampleEvery
		h.sample()
	}
	return len(p), nil
}

func (h *heapSampler) sample() { h.peak = max(h.peak, retainedHeap()) }

// BenchmarkStateAnswer writes the control API's state of 200 topics × 500
// subscriptions (about 22 MB of JSON) streamed, as GET /_mqmock/state does,
// and encoded whole, as it did, and reports the live heap each needed
// beyond the store's own at its peak (target 7: the streamed answer's stays
// small whatever the state's size).
func BenchmarkStateAnswer(b *testing.B) {
	const topics, subs = 200, 500
	p := benchProduct(b, map[string]any{"maxTopics": topics})
	s := p.store
	if _, err := s.createQueue("", "consumer", queueAttrPatch{}, legacyQueueRules()); err != nil {
		b.Fatal(err)
	}
	for t := range topics {
		topic := "orders-topic-" + strconv.Itoa(t)
		if _, err := s.createTopic("", topicSpec{name: topic, maxMsgSize: defaultTopicMsgSize, filterType: filterTags, retention: topicRetention}); err != nil {
			b.Fatal(err)
		}
		for j := range subs {
			spec := subscriptionSpec{topic: topic, name: "subscription-" + strconv.Itoa(j), protocol: "queue", endpoint: "consumer",
				notifyStrategy: exponentialDecayRetry, notifyContentFormat: formatSimplified, filterTags: []string{"tag"}}
			if _, err := s.subscribe("", spec); err != nil {
				b.Fatal(err)
			}
		}
	}
	extra := func(write func(h *heapSampler)) (peak, size float64) {
		base := retainedHeap()
		h := &heapSampler{}
		write(h)
		h.sample()
		return float64(h.peak) - float64(base), float64(h.written)
	}
	// Measured once: each answer takes seconds with a collection per
	// megabyte, and its peak does not vary between rounds.
	streamed, size := extra(func(h *heapSampler) {
		w := jsonstream.New(h)
		p.WriteState(w)
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	})
	whole, _ := extra(func(h *heapSampler) {
		doc, err := json.Marshal(p.State())
		if err != nil {
			b.Fatal(err)
		}
		_, _ = h.Write(doc)
	})
	for b.Loop() {
	}
	b.ReportMetric(size/1e6, "doc-MB")
	b.ReportMetric(streamed/1e6, "streamed-peak-MB")
	b.ReportMetric(whole/1e6, "whole-peak-MB")
	b.ReportMetric(streamed/size, "streamed-peak-x-doc")
}
