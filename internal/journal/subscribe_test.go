package journal

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSubscribersSeeEntriesInOrder(t *testing.T) {
	j := New(10)
	j.Add(Entry{Action: "Before"})
	s := j.Subscribe(8)
	defer s.Close()
	j.Add(Entry{Action: "A", Params: map[string]string{"Signature": "x"}})
	j.Add(Entry{Action: "B"})
	a, b := <-s.C(), <-s.C()
	assert.Equal(t, []string{"A", "B"}, []string{a.Action, b.Action}, "only entries added after Subscribe, in order")
	assert.Equal(t, []uint64{2, 3}, []uint64{a.Seq, b.Seq})
	assert.Equal(t, "***", a.Params["Signature"], "subscribers get the redacted entry the journal keeps")
}

func TestASlowSubscriberDropsAndAddNeverWaits(t *testing.T) {
	j := New(100)
	slow := j.Subscribe(2)
	defer slow.Close()
	fast := j.Subscribe(100)
	defer fast.Close()
	for i := 0; i < 10; i++ {
		j.Add(Entry{Action: "A"}) // nobody reads: this would block if Add waited
	}
	assert.Equal(t, uint64(8), slow.Dropped(), "a full buffer drops and counts")
	assert.Zero(t, fast.Dropped(), "one slow reader costs the others nothing")
	assert.Equal(t, uint64(1), (<-slow.C()).Seq, "what fitted is kept, oldest first")
	assert.Len(t, fast.C(), 10)
}

func TestCloseUnsubscribesAndClosesTheChannel(t *testing.T) {
	j := New(10)
	s := j.Subscribe(1)
	assert.Equal(t, 1, j.Subscribers())
	s.Close()
	s.Close() // twice is fine
	assert.Zero(t, j.Subscribers())
	j.Add(Entry{Action: "A"}) // no send on a closed channel
	_, open := <-s.C()
	assert.False(t, open)
}

func TestSubscribeRacesAddAndClose(t *testing.T) {
	j := New(10)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				j.Add(Entry{Action: "A"})
			}
		}()
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				s := j.Subscribe(4)
				s.Close()
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, j.Subscribers())
}

func TestFilterMatchAndAfter(t *testing.T) {
	j := New(10)
	j.Add(Entry{Vendor: "alpha", Action: "A", Status: 200})
	j.Add(Entry{Vendor: "alpha", Action: "B", Status: 400, Code: "Bad"})
	j.Add(Entry{Vendor: "beta", Action: "A", Status: 200, Fault: "slow"})
	j.Add(Entry{Vendor: "beta", Action: "A", Status: 200})
	errs := j.List(Filter{Errors: true})
	require.Len(t, errs, 2)
	assert.Equal(t, []uint64{3, 2}, []uint64{errs[0].Seq, errs[1].Seq}, "an error code or a fault")
	after := j.List(Filter{After: 2})
	assert.Equal(t, []uint64{4, 3}, []uint64{after[0].Seq, after[1].Seq})
	assert.True(t, Filter{Vendor: "beta", Action: "a"}.Match(Entry{Vendor: "beta", Action: "A"}))
	assert.False(t, Filter{Vendor: "beta"}.Match(Entry{Vendor: "alpha"}))
}

func TestAnswersAreRedactedCutAndMarked(t *testing.T) {
	j := NewBounded(Limits{AnswerBytes: 64})
	ans := `{"RequestId":"r1","Token":"abc","DeviceAccessKeySecret":"s3cr3t","TokenStatus":true}`
	j.Add(Entry{Answer: ans, AnswerBytes: len(ans)})
	got := j.List(Filter{})[0].Answer
	assert.True(t, strings.HasPrefix(got, `{"RequestId":"r1","Token":"***","DeviceAccessKeySecret":"***"`), got)
	assert.True(t, strings.HasSuffix(got, "…(truncated, 84 bytes)"), "a cut answer says how long it was: %s", got)

	short := `{"Token":"a-long-token-value-that-is-redacted-to-three-stars","x":1}`
	j.Add(Entry{Answer: short, AnswerBytes: len(short)})
	assert.Equal(t, `{"Token":"***","x":1}`, j.List(Filter{})[0].Answer, "shorter once redacted is not cut")
	j.Add(Entry{Answer: `{"a":1`, AnswerBytes: 5000})
	assert.Equal(t, `{"a":1…(truncated, 5000 bytes)`, j.List(Filter{})[0].Answer, "the caller kept only the start")

	xml := `<Response><Token>abc</Token><TokenStatus>true</TokenStatus></Response>`
	assert.Equal(t, `<Response><Token>***</Token><TokenStatus>true</TokenStatus></Response>`, RedactAnswer(xml))

	plain := `{"code":0,"message":"","queueName":"orders"}`
	assert.Equal(t, plain, RedactAnswer(plain))
}

func TestMentionsSecret(t *testing.T) {
	for in, want := range map[string]bool{
		`{"RequestId":"x","TopicList":[]}`: false,
		`{"SecurityToken":"abc"}`:          true,
		`{"accessKeySecret":"abc"}`:        true,
		`<Password>p</Password>`:           true,
		`{"Signature":"s"}`:                true,
		`{"AUTHORIZATION":"a"}`:            true,
		`{"tok":"en"}`:                     false,
		``:                                 false,
	} {
		if got := mentionsSecret(in); got != want {
			t.Errorf("mentionsSecret(%q) = %v, want %v", in, got, want)
		}
	}
}

func BenchmarkRedactAnswerWithoutSecrets(b *testing.B) {
	a := `{"RequestId":"0f0e","TotalCount":1,"QueueList":[{"QueueName":"orders","MaxMsgHeapNum":10000000,"PollingWaitSeconds":0}]}`
	for b.Loop() {
		RedactAnswer(a)
	}
}
