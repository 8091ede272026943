package journal

import (
	"fmt"
	"strings"
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

func TestValuesKeysAndActionsAreTruncatedVisibly(t *testing.T) {
	j := NewBounded(Limits{ValueBytes: 8})
	j.Add(Entry{Action: strings.Repeat("A", 20), Params: map[string]string{strings.Repeat("k", 30): strings.Repeat("v", 1000), "short": "ok"}})
	e := j.List(Filter{})[0]
	assert.Equal(t, "AAAAAAAA…(truncated, 20 bytes)", e.Action)
	assert.Equal(t, "ok", e.Params["short"])
	assert.Equal(t, "vvvvvvvv…(truncated, 1000 bytes)", e.Params["kkkkkkkk…(truncated, 30 bytes)"])
}

func TestTruncateKeepsRunesWhole(t *testing.T) {
	assert.Equal(t, "é…(truncated, 6 bytes)", Truncate("ééé", 3), "a 2-byte rune is not split")
	assert.Equal(t, "abc", Truncate("abc", 3))
}

func TestParametersPerEntryAreCapped(t *testing.T) {
	j := NewBounded(Limits{Params: 3})
	params := map[string]string{}
	for i := 0; i < 10; i++ {
		params[fmt.Sprintf("p%02d", i)] = "x"
	}
	j.Add(Entry{Action: "A", Params: params})
	e := j.List(Filter{})[0]
	assert.Len(t, e.Params, 4, "three kept and the count of the rest")
	assert.Equal(t, "x", e.Params["p00"], "the first keys in order are kept")
	assert.Equal(t, "7 more parameters not kept", e.Params["…"])
}

func TestTheByteBudgetEvictsTheOldest(t *testing.T) {
	j := NewBounded(Limits{Entries: 1000, Bytes: 4 * 1024, ValueBytes: 1024})
	for i := 0; i < 100; i++ {
		j.Add(Entry{Action: "Send", Params: map[string]string{"body": strings.Repeat("x", 1000)}})
	}
	assert.LessOrEqual(t, j.Bytes(), int64(4*1024))
	entries := j.List(Filter{})
	assert.NotEmpty(t, entries)
	assert.Less(t, len(entries), 5, "only what fits in the budget stays")
	assert.Equal(t, uint64(100), entries[0].Seq, "the newest stays")
	j.Reset()
	assert.Zero(t, j.Bytes())
	assert.Empty(t, j.List(Filter{}))
}

func TestListPagesWithBefore(t *testing.T) {
	j := New(10)
	for i := 0; i < 5; i++ {
		j.Add(Entry{Action: "A"})
	}
	page := j.List(Filter{Limit: 2})
	require.Len(t, page, 2)
	assert.Equal(t, []uint64{5, 4}, []uint64{page[0].Seq, page[1].Seq})
	page = j.List(Filter{Limit: 2, Before: page[1].Seq})
	assert.Equal(t, []uint64{3, 2}, []uint64{page[0].Seq, page[1].Seq})
}
