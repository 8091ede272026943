package ons_test

import (
	"errors"
	"strconv"
	"sync"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Both accounts race to create the same Group IDs and topic names in the
// shared space: each name is won exactly once, every loser gets the
// documented code, and nothing else happens (checks and inserts are one
// critical section).
func TestConcurrentCreatesInTheSharedSpace(t *testing.T) {
	f := newFx(t)
	const names = 10
	const workers = 8 // per account; the SDK client is not safe for concurrent use
	type outcome struct {
		account, code string
	}
	var mu sync.Mutex
	results := map[string][]outcome{}
	var wg sync.WaitGroup
	for w := 0; w < 2*workers; w++ {
		acct, inst := f.env.Default, defaultInstance
		if w%2 == 1 {
			acct, inst = f.env.Other, otherInstance
		}
		c := client(t, f.env, acct)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < names; i++ {
				for _, name := range []string{"GID_race" + strconv.Itoa(i), "race-topic-" + strconv.Itoa(i)} {
					var err error
					if name[0] == 'G' {
						err = createGroup(c, inst, name)
					} else {
						err = createTopic(c, inst, name, 0)
					}
					code := "ok"
					var se *sdkerrors.ServerError
					if errors.As(err, &se) {
						code = se.ErrorCode()
					} else if err != nil {
						code = err.Error()
					}
					mu.Lock()
					results[name] = append(results[name], outcome{acct.Name, code})
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	require.Len(t, results, 2*names)
	for name, outs := range results {
		require.Len(t, outs, 2*workers, name)
		winner := ""
		for _, o := range outs {
			if o.code == "ok" {
				assert.Empty(t, winner, "%s won twice", name)
				winner = o.account
			}
		}
		require.NotEmpty(t, winner, name)
		for _, o := range outs {
			switch {
			case o.code == "ok":
			case name[0] != 'G':
				assert.Equal(t, "BIZ_TOPIC_EXISTED", o.code, name)
			case o.account == winner:
				assert.Equal(t, "BIZ_SUBSCRIPTION_EXISTED", o.code, name)
			default:
				assert.Equal(t, "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", o.code, name)
			}
		}
	}
}
