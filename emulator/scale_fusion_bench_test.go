package emulator_test

import (
	"net/http"
	"testing"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// fusionScaleEnv is an emulator whose default account holds n 4.x clusters
// and n 5.x instances in one region, created alternately: the fusion list
// merges the two generations.
func fusionScaleEnv(b *testing.B, hc *http.Client, n int) *emutest.Env {
	env := start(b, emutest.WithOptions("tdmq", map[string]any{"rocketmq4": map[string]any{"virtualClusters": 1 << 20}}))
	for i := range n {
		mustCall(b, hc, tc3ServiceCaller(b, env, "tdmq", tdmqVersion, "CreateRocketMQCluster", p{"Name": padded("cluster-", i)}))
		mustCall(b, hc, tc3ServiceCaller(b, env, "trocket", trocketVer, "CreateInstance", p{"InstanceType": "BASIC", "Name": padded("inst-", i),
			"SkuCode": "basic_1k", "VpcList": []p{{"VpcId": "vpc-bench", "SubnetId": "subnet-bench"}}}))
	}
	return env
}

// BenchmarkScaleFusionMixed: DescribeFusionInstanceList's first page over
// n 4.x clusters and n 5.x instances costs the same at 1000 as at 10 (the
// 5.x-only fixture of BenchmarkScaleProductsTRocket leaves the 4.x side
// out). Filtered, it matches every row, as every filtered list does.
//
//	GIN_MODE=release go test -run XXX -bench 'ScaleFusionMixed' -benchtime 1000x ./emulator/
func BenchmarkScaleFusionMixed(b *testing.B) {
	hc := perfClient(b)
	runScale(b, hc, fusionScaleEnv(b, hc, scaleSmall), fusionScaleEnv(b, hc, scaleLarge), []scaleCase[*emutest.Env]{
		{"DescribeFusionInstanceList", func(b *testing.B, env *emutest.Env) caller {
			return tc3ServiceCaller(b, env, "trocket", trocketVer, "DescribeFusionInstanceList", p{"Offset": 0, "Limit": 10})
		}},
	})
}
