package orders_test

import (
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"

	"github.com/mqmock/mqmock/emulator/emutest"
)

func TestOrders(t *testing.T) {
	env := emutest.Start(t) // all four vendors on free ports, stopped at cleanup
	a := env.Default.Alibaba
	client, err := ons.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	client.Domain = env.ONS       // "127.0.0.1:NNNNN"
	env.Advance(31 * time.Second) // move the virtual clock: no sleeping past lockouts
	if _, err := client.OnsInstanceInServiceList(ons.CreateOnsInstanceInServiceListRequest()); err != nil {
		t.Fatal(err)
	}
}
