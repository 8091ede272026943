package mqtt

import (
	"fmt"
	"sort"
	"strings"
)

// Options are the keys of the "mqtt" configuration section besides listen:
//
//	mqtt:
//	  rateLimits: true          # enforce the documented per-account QPS
//	  qps: {ApplyToken: 5}      # override one action's limit (calls per second)
//	  messageHistory: 1000      # SendMessage messages kept per instance
//	  checkParentTopics: true   # topics must sit under an instance's parentTopics
//	  regions: [cn-hangzhou]    # the RegionIds served (default: every public MQTT region)
type Options struct {
	// RateLimits turns on the documented per-account QPS of every action
	// (mqtt.md §5.3, each action's Rate in actions.go): ApplyToken beyond its
	// limit answers ApplyTokenOverFlow, any other action SystemOverFlow. Off
	// by default, like limits.rateLimits.
	RateLimits bool `mapstructure:"rateLimits"`
	// QPS overrides documented limits by action name (case-insensitive,
	// because viper lower-cases keys). A test sets a tiny limit to reach the
	// overflow codes with a handful of calls.
	QPS map[string]float64 `mapstructure:"qps"`
	// MessageHistory is how many sent messages each instance keeps for the
	// state view (oldest dropped first).
	MessageHistory int `mapstructure:"messageHistory"`
	// CheckParentTopics makes SendMessage topics and ApplyToken resources
	// outside the instance's parent topics PermissionCheckFailed (the topic
	// does not exist on the instance). Turn it off to accept any topic on
	// instances whose parent topics nobody configured.
	CheckParentTopics bool `mapstructure:"checkParentTopics"`
	// Regions are the RegionIds served: a call naming another answers
	// InvalidRegionId; a call naming none (Node's pop-core sends none) is in
	// the default region, cn-hangzhou, and served, as on ONS.
	Regions []string `mapstructure:"regions"`
}

// defaultRegions are the public regions the OnsMqtt 2020-04-20 API is
// offered in: the "endpoints" of its OpenAPI metadata (api.aliyun.com),
// cn-hangzhou first as in ONS's list (emulator/ons/options.go). They differ
// from ONS's: MQTT has ap-southeast-2 (Sydney) and lacks ap-south-1,
// eu-west-1, us-east-1 and me-east-1. The metadata's finance and government
// regions (cn-shanghai-finance-1, cn-shenzhen-finance-1,
// cn-hangzhou-finance, cn-north-2-gov-1) are left out, as ONS leaves its
// out; the regions option adds them.
var defaultRegions = []string{
	"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote",
	"cn-hongkong", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5", "ap-northeast-1",
	"eu-central-1", "us-west-1",
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options {
	return Options{MessageHistory: 1000, CheckParentTopics: true, Regions: append([]string(nil), defaultRegions...)}
}

// rates resolves the qps option against the actions that have a documented
// rate (their rows in actions.go): each key names one of them,
// case-insensitively because viper lower-cases keys, and gives a positive
// rate in calls per second. Anything else is a configuration error naming
// the key.
func (o Options) rates(rated []string) (map[string]float64, error) {
	keys := make([]string, 0, len(o.QPS))
	for k := range o.QPS {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]float64, len(keys))
	for _, k := range keys {
		action := ""
		for _, name := range rated {
			if strings.EqualFold(name, k) {
				action = name
			}
		}
		if action == "" {
			return nil, fmt.Errorf("config key mqtt.qps.%s: not an MQTT action", k)
		}
		if v := o.QPS[k]; v <= 0 {
			return nil, fmt.Errorf("config key mqtt.qps.%s: %v is not a positive rate", k, v)
		}
		out[action] = o.QPS[k]
	}
	return out, nil
}

// validate checks what needs no action table; the qps keys are checked
// against it (rates).
func (o Options) validate() error {
	if o.MessageHistory < 1 || o.MessageHistory > 1_000_000 {
		return fmt.Errorf("config key mqtt.messageHistory: %d is not between 1 and 1000000", o.MessageHistory)
	}
	if len(o.Regions) == 0 {
		return fmt.Errorf("config key mqtt.regions: must list at least one region")
	}
	return nil
}
