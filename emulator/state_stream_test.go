package emulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// getURL is a GET answered 200, its body as sent.
func getURL(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}

// The streamed state is, byte for byte, the document encoding every door's
// State makes (the shape GET /_mqmock/state had when it was built whole),
// for all doors and for one; a multi-product door keeps its products in
// name order.
func TestStateIsStreamedAsEncodingWouldMakeIt(t *testing.T) {
	env := emutest.Start(t)
	c := cmqclient.New(env.URL("cmq"), env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
	for _, step := range []struct {
		action string
		p      *cmqclient.Params
	}{
		{"CreateQueue", cmqclient.P("queueName", "streamed")},
		{"CreateTopic", cmqclient.P("topicName", "news")},
		{"Subscribe", cmqclient.P("topicName", "news", "subscriptionName", "s1", "protocol", "queue", "endpoint", "streamed").List("filterTag", "a", "b")},
		{"SendMessage", cmqclient.P("queueName", "streamed", "msgBody", "<&>")},
	} {
		_, err := c.Call(context.Background(), step.action, step.p)
		require.NoError(t, err, step.action)
	}

	all := map[string]any{}
	for _, n := range emulator.Names() {
		all[n] = env.Door(n).State()
	}
	want, err := json.Marshal(all)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(getURL(t, env.URL("cmq")+"/_mqmock/state")))

	for _, n := range emulator.Names() {
		want, err := json.Marshal(map[string]any{n: env.Door(n).State()})
		require.NoError(t, err)
		assert.Equal(t, string(want), string(getURL(t, env.URL("ons")+"/_mqmock/state?vendor="+n)), n)
	}

	var doc struct {
		CMQ struct {
			Queues []struct {
				Name     string `json:"name"`
				Messages struct {
					Active int `json:"active"`
				} `json:"messages"`
			} `json:"queues"`
			Topics []struct {
				Subscriptions []struct {
					FilterTags  []string `json:"filterTags"`
					BindingKeys []string `json:"bindingKeys"`
				} `json:"subscriptions"`
			} `json:"topics"`
		} `json:"cmq"`
	}
	require.NoError(t, json.Unmarshal(getURL(t, env.URL("cmq")+"/_mqmock/state?vendor=cmq"), &doc))
	require.Len(t, doc.CMQ.Queues, 1)
	assert.Equal(t, "streamed", doc.CMQ.Queues[0].Name)
	assert.Equal(t, 1, doc.CMQ.Queues[0].Messages.Active)
	require.Len(t, doc.CMQ.Topics, 1)
	require.Len(t, doc.CMQ.Topics[0].Subscriptions, 1)
	assert.Equal(t, []string{"a", "b"}, doc.CMQ.Topics[0].Subscriptions[0].FilterTags)
	assert.NotNil(t, doc.CMQ.Topics[0].Subscriptions[0].BindingKeys, "no binding keys is [], not null")
}

// A journal page is streamed as {"entries":[…],"next":…}, with "next" only
// when the page is full.
func TestJournalPageIsStreamed(t *testing.T) {
	env := emutest.Start(t)
	c := cmqclient.New(env.URL("cmq"), env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
	for range 3 {
		_, err := c.Call(context.Background(), "ListQueue", nil)
		require.NoError(t, err)
	}
	var page struct {
		Entries []map[string]any `json:"entries"`
		Next    *string          `json:"next"`
	}
	require.NoError(t, json.Unmarshal(getURL(t, env.URL("cmq")+"/_mqmock/journal?vendor=cmq&limit=2"), &page))
	require.Len(t, page.Entries, 2)
	require.NotNil(t, page.Next)
	seq, err := json.Marshal(page.Entries[1]["seq"])
	require.NoError(t, err)
	assert.Equal(t, "before="+string(seq), *page.Next)

	page.Next = nil
	require.NoError(t, json.Unmarshal(getURL(t, env.URL("cmq")+"/_mqmock/journal?vendor=cmq&limit=5"), &page))
	assert.Len(t, page.Entries, 3)
	assert.Nil(t, page.Next)
}
