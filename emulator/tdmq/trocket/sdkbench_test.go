package trocket_test

// End-to-end benchmarks through the official SDK over loopback HTTP, to set
// beside the in-process ones of unit_test.go: the difference is
// the SDK's signing and the HTTP round trip.

import (
	"fmt"
	"testing"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

func benchInstance(b *testing.B, topics int) (*tdmqtest.SDK, string) {
	env := emutest.Start(b)
	c := tdmqtest.DefaultSDK(b, env)
	raw, err := c.Call("trocket", "CreateInstance", p{"InstanceType": "PLATINUM", "Name": "bench", "SkuCode": "platinum_1w",
		"VpcList": vpc, "MaxTopicNum": 10000})
	if err != nil {
		b.Fatal(err)
	}
	var out struct{ InstanceId string }
	tdmqtest.StrictDecode(b, raw, &struct {
		InstanceId *string
		RequestId  string
	}{InstanceId: &out.InstanceId})
	for i := range topics {
		if _, err := c.Call("trocket", "CreateTopic", p{"InstanceId": out.InstanceId, "Topic": fmt.Sprintf("topic-%04d", i), "TopicType": "NORMAL"}); err != nil {
			b.Fatal(err)
		}
	}
	return c, out.InstanceId
}

func BenchmarkSDKCreateTopic(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			c, id := benchInstance(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := c.Call("trocket", "CreateTopic", p{"InstanceId": id, "Topic": "bench-new", "TopicType": "NORMAL"}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if _, err := c.Call("trocket", "DeleteTopic", p{"InstanceId": id, "Topic": "bench-new"}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

func BenchmarkSDKDescribeTopicList(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			c, id := benchInstance(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := c.Call("trocket", "DescribeTopicList", p{"InstanceId": id, "Offset": 0, "Limit": 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
