package ons

import (
	"errors"
	"time"
)

// Options are the keys of the "ons" configuration section besides listen.
// Every default is the figure ons.md §6 gives (or, where the docs are silent,
// the choice it recommends); each can be changed where users could disagree.
type Options struct {
	// Regions are the OnsRegionIds served (OnsRegionList); a RegionId outside
	// them answers BIZ_REGION_NOT_FOUND.
	Regions []string `mapstructure:"regions"`
	// UnsupportedRegions answer ONS_SERVICE_UNSUPPORTED to every action
	// called with that RegionId ("the calling is not supported in the
	// corresponding Region"). They must also be listed in Regions to be known.
	UnsupportedRegions []string `mapstructure:"unsupportedRegions"`
	// UnsupportedActions answer ONS_SERVICE_UNSUPPORTED in every region.
	UnsupportedActions []string `mapstructure:"unsupportedActions"`
	// MaxInstances per account and region (older OnsInstanceCreate doc: 8).
	MaxInstances int `mapstructure:"maxInstances"`
	// TopicCapacity is the topic quota of each instance (doc example 50).
	TopicCapacity int `mapstructure:"topicCapacity"`
	// MaxTps is what OnsInstanceBaseInfo reports (doc example 5000).
	MaxTps int64 `mapstructure:"maxTps"`
	// MaxGroups per instance (4.x Limits page: 1,000).
	MaxGroups int `mapstructure:"maxGroups"`
	// GroupIDPrefix requires Group IDs to start with GID_/GID- (or the
	// seed-era CID_/CID-/PID_/PID-) and be 7–64 characters, as terraform, ROS
	// and the seed-era service do. false applies the current doc's looser
	// rule: 2–64 characters of [A-Za-z0-9_-].
	GroupIDPrefix bool `mapstructure:"groupIdPrefix"`
	// RateLimits enforces the documented per-account rate of each action
	// (ons.md §6.3, each action's Rate in actions.go) on the virtual clock,
	// answering Throttling.User. Off by default, like limits.rateLimits.
	RateLimits bool `mapstructure:"rateLimits"`
	// Retention is how long sent messages stay queryable (Limits page: 3 days),
	// measured on the virtual clock.
	Retention time.Duration `mapstructure:"retention"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options {
	return Options{
		Regions:       []string{"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote", "cn-hongkong", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-northeast-1", "ap-south-1", "eu-central-1", "eu-west-1", "us-west-1", "us-east-1", "me-east-1"},
		MaxInstances:  8,
		TopicCapacity: 50,
		MaxTps:        5000,
		MaxGroups:     1000,
		GroupIDPrefix: true,
		Retention:     72 * time.Hour,
	}
}

// regionName is the display name OnsRegionList reports for a region id
// (the id itself for one it does not know).
func regionName(id string) string {
	switch id {
	case "cn-hangzhou":
		return "China (Hangzhou)"
	case "cn-shanghai":
		return "China (Shanghai)"
	case "cn-beijing":
		return "China (Beijing)"
	case "cn-shenzhen":
		return "China (Shenzhen)"
	case "cn-qingdao":
		return "China (Qingdao)"
	case "cn-zhangjiakou":
		return "China (Zhangjiakou)"
	case "cn-huhehaote":
		return "China (Hohhot)"
	case "cn-hongkong":
		return "China (Hong Kong)"
	case "ap-southeast-1":
		return "Singapore"
	case "ap-southeast-3":
		return "Malaysia (Kuala Lumpur)"
	case "ap-southeast-5":
		return "Indonesia (Jakarta)"
	case "ap-northeast-1":
		return "Japan (Tokyo)"
	case "ap-south-1":
		return "India (Mumbai)"
	case "eu-central-1":
		return "Germany (Frankfurt)"
	case "eu-west-1":
		return "UK (London)"
	case "us-west-1":
		return "US (Silicon Valley)"
	case "us-east-1":
		return "US (Virginia)"
	case "me-east-1":
		return "UAE (Dubai)"
	}
	return id
}

// validate refuses options no request could work with.
func (o Options) validate() error {
	switch {
	case len(o.Regions) == 0:
		return errors.New("config section ons: regions must list at least one region")
	case o.MaxInstances < 0, o.TopicCapacity < 0, o.MaxGroups < 0:
		return errors.New("config section ons: maxInstances, topicCapacity and maxGroups must not be negative")
	case o.Retention <= 0:
		return errors.New("config section ons: retention must be positive")
	}
	return nil
}
