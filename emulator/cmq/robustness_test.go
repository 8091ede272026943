package cmq_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// Bad input always gets a documented envelope: every action, sent nothing
// or nonsense, answers a CMQ error that is not the internal error (which is
// what a panic would become), and leaves the state usable.
func TestEveryActionSurvivesBadInput(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	createQueue(t, c, "q")
	call(t, c, "CreateTopic", cmqclient.P("topicName", "t"))
	inputs := map[string]*cmqclient.Params{
		"nothing": nil,
		"nonsense": cmqclient.P("queueName", "q", "topicName", "t", "subscriptionName", "s", "msgBody", "m",
			"numOfMsg", "many", "pollingWaitSeconds", "-5", "delaySeconds", "soon", "maxMsgSize", "huge",
			"filterType", "9", "startConsumeTime", "yesterday", "receiptHandle", "", "protocol", "queue", "endpoint", "",
			"offset", "-1", "limit", "1e3", "msgBody.0", "", "msgBody.2", "x", "filterTag.1", "", "bindingKey.7", "k"),
		"empty values": cmqclient.P("queueName", "", "topicName", "", "subscriptionName", "", "msgBody", "", "receiptHandle", "", "routingKey", ""),
	}
	names := env.Door("cmq").Actions()
	require.NotEmpty(t, names)
	for _, action := range names {
		for label, p := range inputs {
			t.Run(action+"/"+label, func(t *testing.T) {
				r, err := c.Call(t.Context(), action, p)
				if err == nil {
					// Some actions legitimately succeed (ListQueue with nothing).
					assert.Equal(t, 0, r.Code)
					return
				}
				var e *cmqclient.Error
				require.ErrorAs(t, err, &e)
				assert.NotEqual(t, "6000/10050", e.CodeModule(), "internal error: %s", e.RawMessage)
			})
		}
	}
	// Still serving (the nonsense DeleteQueue really deleted "q").
	createQueue(t, c, "after")
	call(t, c, "SendMessage", cmqclient.P("queueName", "after", "msgBody", "m"))
	assert.Equal(t, "m", receive(t, c, "after").MsgBody)
}
