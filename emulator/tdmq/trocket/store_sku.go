package trocket

// The 5.x product SKUs: what DescribeProductSKUs reports and what quotas an
// instance of each SKU gets. The ranges per edition are the documented ones
// (tdmq.md §3, limits page 1493/115875): topics EXPERIMENT 50, BASIC 100–999,
// PRO 300–999, PLATINUM 1000–10000; groups EXPERIMENT 500, BASIC 1000–2000,
// PRO 3000–10000, PLATINUM 10000–100000; retention EXPERIMENT 1–3 days,
// others 1–7 days (default 3); max delay EXPERIMENT 7 days, BASIC/PRO 40
// days, PLATINUM 1 year. Only "experiment_500" appears in the spec's examples;
// the other SKU codes and their TPS are the emulator's choice (unconfirmed).

// sku is one row of DescribeProductSKUs.
type sku struct {
	InstanceType        string
	SkuCode             string
	TpsLimit            int64
	TopicNumLimit       int64 // included in the price; the default and minimum MaxTopicNum
	TopicNumUpperLimit  int64 // the maximum MaxTopicNum
	GroupNumLimit       int64
	DefaultRetention    int64 // hours
	RetentionLowerLimit int64
	RetentionUpperLimit int64
	MaxMessageDelay     int64 // hours
	RoleNumLimit        int64
}

const (
	day  = 24
	year = 365 * day
)

// skus is the SKU table in DescribeProductSKUs order.
var skus = []sku{
	{"EXPERIMENT", "experiment_500", 500, 50, 50, 500, 3 * day, day, 3 * day, 7 * day, 10},
	{"BASIC", "basic_1k", 1000, 100, 999, 1000, 3 * day, day, 7 * day, 40 * day, 100},
	{"BASIC", "basic_2k", 2000, 100, 999, 1500, 3 * day, day, 7 * day, 40 * day, 100},
	{"BASIC", "basic_4k", 4000, 100, 999, 2000, 3 * day, day, 7 * day, 40 * day, 100},
	{"PRO", "pro_4k", 4000, 300, 999, 3000, 3 * day, day, 7 * day, 40 * day, 300},
	{"PRO", "pro_1w", 10000, 300, 999, 6000, 3 * day, day, 7 * day, 40 * day, 300},
	{"PRO", "pro_2w", 20000, 300, 999, 10000, 3 * day, day, 7 * day, 40 * day, 300},
	{"PLATINUM", "platinum_1w", 10000, 1000, 10000, 10000, 3 * day, day, 7 * day, year, 1000},
	{"PLATINUM", "platinum_5w", 50000, 1000, 10000, 50000, 3 * day, day, 7 * day, year, 1000},
	{"PLATINUM", "platinum_10w", 100000, 1000, 10000, 100000, 3 * day, day, 7 * day, year, 1000},
}

// instanceTypes are the documented InstanceType values.
var instanceTypes = []string{"EXPERIMENT", "BASIC", "PRO", "PLATINUM"}

// skuByCode finds a SKU; the table is tiny, so a scan is fine.
func skuByCode(code string) (*sku, bool) {
	for i := range skus {
		if skus[i].SkuCode == code {
			return &skus[i], true
		}
	}
	return nil, false
}

// productSKU is the API's ProductSKU data type.
type productSKU struct {
	InstanceType        string     `json:"InstanceType"`
	SkuCode             string     `json:"SkuCode"`
	TpsLimit            int64      `json:"TpsLimit"`
	ScaledTpsLimit      int64      `json:"ScaledTpsLimit"`
	TopicNumLimit       int64      `json:"TopicNumLimit"`
	GroupNumLimit       int64      `json:"GroupNumLimit"`
	DefaultRetention    int64      `json:"DefaultRetention"`
	RetentionUpperLimit int64      `json:"RetentionUpperLimit"`
	RetentionLowerLimit int64      `json:"RetentionLowerLimit"`
	MaxMessageDelay     int64      `json:"MaxMessageDelay"`
	OnSale              bool       `json:"OnSale"`
	PriceTags           []priceTag `json:"PriceTags"`
	TopicNumUpperLimit  int64      `json:"TopicNumUpperLimit"`
}

// priceTag is the API's PriceTag data type.
type priceTag struct {
	Name string `json:"Name"`
	Step int64  `json:"Step"`
}

func (s *sku) product() productSKU {
	return productSKU{
		InstanceType: s.InstanceType, SkuCode: s.SkuCode, TpsLimit: s.TpsLimit,
		ScaledTpsLimit: s.TpsLimit * 2, TopicNumLimit: s.TopicNumLimit, GroupNumLimit: s.GroupNumLimit,
		DefaultRetention: s.DefaultRetention, RetentionUpperLimit: s.RetentionUpperLimit,
		RetentionLowerLimit: s.RetentionLowerLimit, MaxMessageDelay: s.MaxMessageDelay, OnSale: true,
		PriceTags:          []priceTag{{Name: "tps", Step: s.TpsLimit}, {Name: "stepTps", Step: 1000}},
		TopicNumUpperLimit: s.TopicNumUpperLimit,
	}
}

// productSKUs is DescribeProductSKUs' list, in table order.
func productSKUs() []productSKU {
	out := make([]productSKU, 0, len(skus))
	for i := range skus {
		out = append(out, skus[i].product())
	}
	return out
}
