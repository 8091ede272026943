package orders_test

import (
	"context"
	"errors"
	"testing"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

func TestSend(t *testing.T) {
	ctx := context.Background()
	env := emutest.Start(t)
	c := cmqclient.New(env.URL(emulator.CMQ), env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
	if _, err := c.Call(ctx, "CreateQueue", cmqclient.P("queueName", "orders")); err != nil {
		t.Fatal(err)
	}
	r, err := c.Call(ctx, "SendMessage", cmqclient.P("queueName", "orders", "msgBody", "hi"))
	var e *cmqclient.Error // code, module, message, request id on failure
	if errors.As(err, &e) {
		t.Fatalf("code %d: %v", e.Code, e)
	}
	t.Log(r.Fields["msgId"])
}
