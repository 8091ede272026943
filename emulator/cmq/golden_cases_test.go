package cmq_test

import (
	"testing"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
)

// goldenCases are the envelopes pinned byte for byte, in order: later cases
// use the state earlier ones made (ids come from a per-emulator sequence).
func goldenCases(t *testing.T, c *cmqclient.Client) []goldenCase {
	P := func(kv ...string) func() *cmqclient.Params {
		return func() *cmqclient.Params { return cmqclient.P(kv...) }
	}
	var handle string
	return []goldenCase{
		{file: "list_queue_empty.txt", action: "ListQueue"},
		{file: "authentication_failed.txt", action: "ListQueue", badKey: true},
		{file: "action_name_not_existed.txt", action: "PurgeQueue"},
		{file: "create_queue.txt", action: "CreateQueue", params: P("queueName", "golden")},
		{file: "queue_already_existed.txt", action: "CreateQueue", params: P("queueName", "GOLDEN")},
		{file: "queue_not_existed.txt", action: "GetQueueAttributes", params: P("queueName", "missing")},
		{file: "send_message.txt", action: "SendMessage", params: P("queueName", "golden", "msgBody", "hello world", "delaySeconds", "0")},
		{file: "get_queue_attributes.txt", action: "GetQueueAttributes", params: P("queueName", "golden")},
		{file: "receive_message.txt", action: "ReceiveMessage", params: P("queueName", "golden", "pollingWaitSeconds", "0")},
		{file: "no_message.txt", action: "ReceiveMessage", params: P("queueName", "golden", "pollingWaitSeconds", "0")},
		{file: "batch_delete_partially_failed.txt", action: "BatchDeleteMessage", params: func() *cmqclient.Params {
			call(t, c, "SendMessage", cmqclient.P("queueName", "golden", "msgBody", "second"))
			r := call(t, c, "BatchReceiveMessage", cmqclient.P("queueName", "golden", "numOfMsg", "1"))
			handle = field[[]map[string]any](t, r, "msgInfoList")[0]["receiptHandle"].(string)
			return cmqclient.P("queueName", "golden").List("receiptHandle", handle, "99999", "x-y")
		}},
		{file: "missing_parameter.txt", action: "SendMessage", params: P("msgBody", "m")},
	}
}
