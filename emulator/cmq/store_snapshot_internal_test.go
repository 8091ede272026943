package cmq

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/clock"
)

// A snapshot taken while receives move messages to a dead-letter queue is
// one instant's state: a message its source marks moved is in the
// dead-letter queue as well (queues saved one after another could save the
// dead-letter queue before a move and the source after it, losing the
// message). Saving while moves hold a source's lock and take its
// dead-letter queue's does not deadlock.
func TestSnapshotWhileMessagesMoveToTheDeadLetterQueue(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := clock.New(clock.WithRealTime(func() time.Time { return base }))
	defer c.Close()
	s := newStore(c, DefaultOptions())
	_, err := s.createQueue("a", "dlq", queueAttrPatch{}, legacyQueueRules())
	require.NoError(t, err)
	// Visible again at once: every second receive moves a message.
	policy := &deadLetterPolicy{DeadLetterQueue: "dlq", Policy: 0, MaxReceiveCount: 1}
	_, err = s.createQueue("a", "src", queueAttrPatch{VisibilityTimeout: ptr[int64](0), DeadLetter: policy}, legacyQueueRules())
	require.NoError(t, err)

	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 300 {
			_, _ = s.sendMessages("a", "src", []string{"m"}, 0)
			_, _ = s.receive(context.Background(), "a", "src", 1, 0)
			_, _ = s.receive(context.Background(), "a", "src", 1, 0)
		}
	}()
	snapshots, moved := 0, 0
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		doc := s.snapshotDoc()
		snapshots++
		queues := map[string]queueSnapshot{}
		for _, q := range doc.Tenants[0].Queues {
			queues[q.Name] = q
		}
		inDLQ := map[string]bool{}
		for _, m := range queues["dlq"].Messages {
			inDLQ[m.ID] = true
		}
		for _, m := range queues["src"].Messages {
			if m.Moved {
				moved++
				require.True(t, inDLQ[m.ID], "snapshot %d: message %s moved out of src is not in dlq", snapshots, m.ID)
			}
		}
	}
	require.NotZero(t, moved, "some snapshot saw a moved message")
}
