package cmq

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/mqmock/mqmock/internal/apierr"
)

// This file holds CMQ's fixed limits and the rules that need no state:
// name formats, ranges, message and filter shapes. Quotas and existence are
// checked by the store under its lock; options.go holds the limits a
// deployment can change.

// Fixed limits that no deployment changes (cmq.md §7.2).
const (
	maxBatch            = 16
	maxBatchBytes       = 1 << 20
	maxTags             = 5
	maxTagLen           = 16
	maxKeyLen           = 64
	maxKeyDots          = 15
	maxEndpointLen      = 500
	maxNameLen          = 64
	topicRetention      = 86400
	backoffRetries      = 3
	exponentialAttempts = 176
	exponentialCap      = 512 * time.Second
	maxConcurrentPushes = 64
)

// Documented ranges of queue and topic attributes (cmq.md §8.1, §9.1); the
// smallest maxMsgHeapNum is an option.
const (
	maxMsgHeapNumLimit     = 1_000_000_000
	maxPollingWaitSeconds  = 30
	minVisibilityTimeout   = 1
	maxVisibilityTimeout   = 43200
	minMaxMsgSize          = 1024
	maxMaxMsgSize          = 1048576
	minMsgRetentionSeconds = 60
	maxMsgRetentionSeconds = 1296000
	maxRewindSeconds       = 1296000
	defaultTopicMsgSize    = 65536
)

// API 3.0's own ranges and defaults where they differ from the legacy ones
// (tdmq-cmq.md §5.1, §6.1, §10.4, §10.5).
const (
	api3QueueMaxMsgSize         = 1048576
	api3QueueMsgRetention       = 3600
	api3MinQueueRetention       = 30
	api3MaxQueueRetention       = 43200
	api3TopicMaxMsgSize         = 1048576
	api3MinTopicRetention       = 60
	api3MaxTopicRetention       = topicRetention
	api3MaxMsgTagLen            = 64
	minMaxReceiveCount          = 1
	maxMaxReceiveCount          = 1000
	minMaxTimeToLive            = 300
	maxMaxTimeToLive            = 43200
	maxDeadLetterSources        = 6
	api3MinRetentionSizeInMB    = 10240
	api3MaxRetentionSizeInMB    = 512000
	startConsumeTimeMillisecond = 1_000_000_000_000
)

// Paging of the list actions (cmq.md §8.2, §9.4, §10.6): the largest offset
// and limit, and the limit when none (or 0) is sent.
const (
	maxListOffset             = 1<<31 - 1
	maxListLimit              = 50
	maxSubscriptionListOffset = 1000
	maxSubscriptionListLimit  = 100
	defaultListLimit          = 20
)

// checkName applies §7.1 (a letter, then up to 63 letters, digits or
// dashes) with the action's own format error.
func checkName(name string, format *apierr.Def) error {
	if !validName(name, false) {
		return format.New()
	}
	return nil
}

// validName: a letter, then up to 63 letters, digits, dashes and, where
// API 3.0 creates the resource, underscores (tdmq-cmq.md §3.4). Names are
// checked only on create, so a name with "_" made through API 3.0 is
// reached by both APIs.
func validName(name string, underscore bool) bool {
	if name == "" || len(name) > maxNameLen || !isLetter(name[0]) {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !isLetter(c) && (c < '0' || c > '9') && c != '-' && (!underscore || c != '_') {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// checkDelay: delaySeconds within 0..MaxDelaySeconds (10692).
func checkDelay(d int64, o Options) error {
	if d < 0 || d > int64(o.MaxDelaySeconds) {
		return errDelaySecondsOutOfRange.New()
	}
	return nil
}

// checkBodies: every body present and non-empty (10120).
func checkBodies(bodies []string) error {
	if len(bodies) == 0 {
		return errMessageBodyEmpty.New()
	}
	for _, b := range bodies {
		if b == "" {
			return errMessageBodyEmpty.New()
		}
	}
	return nil
}

// checkBatchBytes: the decoded bodies of a batch total at most 1 MiB
// (10300), checked before the raw size of the request (cmq.md §11.8).
func checkBatchBytes(bodies []string) error {
	total := 0
	for _, b := range bodies {
		total += len(b)
	}
	if total > maxBatchBytes {
		return errTotalMessageSizeExceeded.New()
	}
	return nil
}

// checkTags: each filterTag/msgTag at most 16 characters (10350).
func checkTags(name string, tags []string) error {
	for _, t := range tags {
		if len([]rune(t)) > maxTagLen {
			return errParameterOutOfRange.New(name)
		}
	}
	return nil
}

// checkKeys: each bindingKey/routingKey at most 64 bytes (10350) and 15
// dots (10691).
func checkKeys(name string, keys []string) error {
	for _, k := range keys {
		if len(k) > maxKeyLen {
			return errParameterOutOfRange.New(name)
		}
	}
	for _, k := range keys {
		if strings.Count(k, ".") > maxKeyDots {
			return errTooManyDelimiters.New()
		}
	}
	return nil
}

// checkFilterCounts: at most 5 filterTag (tooManyTags: 10670 on Subscribe,
// 10490 on SetSubscriptionAttributes), at most 5 bindingKey (10680), and at
// most 5 together (6050/10740).
func checkFilterCounts(tags, keys []string, tooManyTags *apierr.Def) error {
	switch {
	case len(tags) > maxTags:
		return tooManyTags.New()
	case len(keys) > maxTags:
		return errTooManyBindingKey.New()
	case len(tags)+len(keys) > maxTags:
		return errTooManyFilterTagOrBindingKey.New()
	}
	return nil
}

// checkFilters applies a subscription's filter rules: the counts (too many
// filterTag answers tooManyTags), lengths (10350) and dots (10691).
func checkFilters(tags, keys []string, tooManyTags *apierr.Def) error {
	if err := checkFilterCounts(tags, keys, tooManyTags); err != nil {
		return err
	}
	if err := checkTags("filterTag", tags); err != nil {
		return err
	}
	return checkKeys("bindingKey", keys)
}

// checkEndpoint applies Subscribe's endpoint rules in the spec's order:
// blanks (10570), shape (10500), length (10630).
func checkEndpoint(protocol, endpoint string) error {
	if strings.IndexFunc(endpoint, unicode.IsSpace) >= 0 {
		return errURLContainsBlank.New()
	}
	switch protocol {
	case "http", "https":
		u, err := url.Parse(endpoint)
		if err != nil || u.Scheme != protocol || !strings.HasPrefix(endpoint, protocol+"://") || u.Host == "" || u.Hostname() == "" {
			return errEndpointFormatError.New()
		}
	case "queue":
		if strings.Contains(endpoint, "://") {
			return errEndpointFormatError.New()
		}
	}
	if len(endpoint) > maxEndpointLen {
		return errIllegalEndpoint.New()
	}
	return nil
}

// takeResourceToken spends one call of the queue's or topic's rate
// (qpsPerResource → 4420/10250) when rate limits are on. A call that names
// neither is not counted; the buckets are per account and keep their own
// lock, so a throttled call never waits for the store.
func (s *store) takeResourceToken(acct, queue, topic string) error {
	if queue == "" && topic == "" {
		return nil
	}
	if !s.resources.Take(acct+"\x00"+queue+"\x00"+topic, s.resourceRate, s.clock.Now()) {
		return errQPSThrottling.New()
	}
	return nil
}
