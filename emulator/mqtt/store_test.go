package mqtt

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
)

func testStore(t testing.TB, history int) (*store, *account.Account) {
	t.Helper()
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	a, _ := reg.ByName("default")
	return newStore(reg, history, true), a
}

// TestExpiredTokensArePruned: memory stays bounded by the tokens still
// alive; a pruned token answers false exactly as an expired one.
func TestExpiredTokensArePruned(t *testing.T) {
	s, a := testStore(t, 10)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var first string
	for i := 0; i < 50; i++ {
		tok, err := s.applyToken(a, "post-cn-mqmock00001", "mqmock/x", "R", t0.Add(time.Minute), t0)
		require.NoError(t, err)
		if i == 0 {
			first = tok
		}
	}
	require.Len(t, s.tokens, 50)
	later := t0.Add(2 * time.Minute)
	_, err := s.applyToken(a, "post-cn-mqmock00001", "mqmock/x", "R", later.Add(time.Minute), later)
	require.NoError(t, err)
	assert.Len(t, s.tokens, 1, "the 50 expired tokens are gone")
	ok, err := s.tokenValid(a, "post-cn-mqmock00001", first, later)
	require.NoError(t, err)
	assert.False(t, ok)
}

func TestMessageHistoryIsBounded(t *testing.T) {
	s, a := testStore(t, 3)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		_, err := s.sendMessage(a, "post-cn-mqmock00001", "mqmock/x", fmt.Sprint(i), t0)
		require.NoError(t, err)
	}
	var payloads []string
	for _, in := range s.state(t0).Instances {
		if in.InstanceID == "post-cn-mqmock00001" {
			for _, m := range in.Messages {
				payloads = append(payloads, m.Payload)
			}
		}
	}
	assert.Equal(t, []string{"2", "3", "4"}, payloads, "the latest 3, oldest first")
}

func BenchmarkCreateGroup(b *testing.B) {
	s, a := testStore(b, 10)
	now := time.Now()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := s.createGroup(a, "post-cn-mqmock00001", fmt.Sprintf("GID_bench%d", i), now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyAndQueryToken(b *testing.B) {
	s, a := testStore(b, 10)
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		tok, err := s.applyToken(a, "post-cn-mqmock00001", "mqmock/a,mqmock/b", "R,W", now.Add(time.Hour), now)
		if err != nil {
			b.Fatal(err)
		}
		if ok, _ := s.tokenValid(a, "post-cn-mqmock00001", tok, now); !ok {
			b.Fatal("token not valid")
		}
	}
}
