package cmq

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/clock"
)

// modelMessage is a message as the rules describe it, for a model that
// finds the next message by scanning in enqueue order (what the store did
// before it kept heaps).
type modelMessage struct {
	body      string
	visibleAt time.Time
	handle    string
	deleted   bool
}

// The store delivers what a scan in enqueue order would, whatever mix of
// delayed sends, batch receives, deletes (current and stale handles),
// visibility timeouts and clock moves (back as well as forward) comes.
func TestDeliveryOrderMatchesAScanInEnqueueOrder(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(seed, 17))
			base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			c := clock.New(clock.WithRealTime(func() time.Time { return base }))
			defer c.Close()
			s := newStore(c, DefaultOptions())
			_, err := s.createQueue("a", "q", queueAttrPatch{VisibilityTimeout: ptr[int64](5)}, legacyQueueRules())
			require.NoError(t, err)
			var model []*modelMessage
			var handles []string
			for step := range 400 {
				now := c.Now()
				switch op := rnd.IntN(10); {
				case op < 4:
					delay := int64(0)
					if rnd.IntN(3) == 0 {
						delay = int64(rnd.IntN(8))
					}
					body := "m" + strconv.Itoa(step)
					_, err := s.sendMessages("a", "q", []string{body}, delay)
					require.NoError(t, err)
					model = append(model, &modelMessage{body: body, visibleAt: now.Add(time.Duration(delay) * time.Second)})
				case op < 7:
					n := 1 + rnd.IntN(4)
					var want []*modelMessage
					for _, m := range model {
						if len(want) < n && !m.deleted && !now.Before(m.visibleAt) {
							want = append(want, m)
						}
					}
					got, err := s.receive(context.Background(), "a", "q", n, 0)
					if len(want) == 0 {
						require.Error(t, err, "step %d", step)
						continue
					}
					require.NoError(t, err, "step %d", step)
					require.Len(t, got, len(want), "step %d", step)
					for i, m := range want {
						require.Equal(t, m.body, got[i].MsgBody, "step %d, message %d", step, i)
						m.visibleAt, m.handle = now.Add(5*time.Second), got[i].ReceiptHandle
						handles = append(handles, m.handle)
					}
				case op < 9 && len(handles) > 0:
					h := handles[rnd.IntN(len(handles))]
					var target *modelMessage
					for _, m := range model {
						if m.handle == h && !m.deleted && now.Before(m.visibleAt) {
							target = m
						}
					}
					err := s.deleteMessage("a", "q", h)
					require.Equal(t, target != nil, err == nil, "step %d: delete %s: %v", step, h, err)
					if target != nil {
						target.deleted, target.handle = true, ""
					}
				default:
					d := time.Duration(rnd.IntN(7)-1) * time.Second
					base = base.Add(d)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
