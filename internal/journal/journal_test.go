package journal

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRingKeepsNewestFirstAndBounded(t *testing.T) {
	j := New(3)
	for i := 1; i <= 5; i++ {
		j.Add(Entry{Vendor: "alpha", Action: fmt.Sprintf("A%d", i)})
	}
	got := j.List(Filter{})
	require.Len(t, got, 3)
	assert.Equal(t, []string{"A5", "A4", "A3"}, []string{got[0].Action, got[1].Action, got[2].Action})
	assert.Equal(t, uint64(5), got[0].Seq)
}

func TestFilter(t *testing.T) {
	j := New(10)
	j.Add(Entry{Vendor: "alpha", Action: "ListQueue"})
	j.Add(Entry{Vendor: "beta", Action: "ListTopics"})
	j.Add(Entry{Vendor: "alpha", Action: "SendMessage"})
	assert.Len(t, j.List(Filter{Vendor: "alpha"}), 2)
	assert.Len(t, j.List(Filter{Action: "listqueue"}), 1)
	assert.Len(t, j.List(Filter{Limit: 1}), 1)
	j.Reset()
	assert.Empty(t, j.List(Filter{}))
}

func TestSecretsAreRedacted(t *testing.T) {
	j := New(2)
	j.Add(Entry{Params: map[string]string{
		"Signature": "abc", "SecretId": "AKIDx", "AccessKeyId": "LTAIx", "SecurityToken": "t",
		"AccessKeySecret": "s", "DeviceAccessKeySecret": "d", "queueName": "q",
	}})
	p := j.List(Filter{})[0].Params
	assert.Equal(t, map[string]string{
		"Signature": "***", "SecretId": "AKIDx", "AccessKeyId": "LTAIx", "SecurityToken": "***",
		"AccessKeySecret": "***", "DeviceAccessKeySecret": "***", "queueName": "q",
	}, p)
}

func TestConcurrentAdd(t *testing.T) {
	j := New(100)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				j.Add(Entry{Vendor: "gamma"})
			}
		}()
	}
	wg.Wait()
	got := j.List(Filter{})
	assert.Len(t, got, 100)
	assert.Equal(t, uint64(1000), got[0].Seq)
}
