package tdmq

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Name and value rules of 5.x (tdmq.md §3). The SDK documents none of them
// with a specific code, so a violation is InvalidParameterValue (§4 last row:
// "unconfirmed which one"), with the offending parameter in the message.

var (
	// Instance and consumer group names: 3–64 of letters, digits, "-", "_".
	instanceName5 = regexp.MustCompile(`^[A-Za-z0-9_-]{3,64}$`)
	groupName5    = instanceName5
	// Topic names: letters, digits, "%", "-", "_"; the length bounds come from
	// Options.TopicNameMaxLen (current limits page: 100; the older naming
	// convention: 64).
	topicChars5 = regexp.MustCompile(`^[A-Za-z0-9%_-]+$`)
	// Role names: 1–32 of letters, digits, "_", "-".
	roleName5 = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
)

const (
	remarkMax5       = 128
	topicNameMin5    = 3
	queueNumMin5     = 3
	queueNumMax5     = 16
	maxRetryMax5     = 1000
	autoExpireMin5   = 30 // minutes (ModifyTopic.AutoExpireTime)
	autoExpireMax5   = 720
	recentMsgMax5    = 1024
	messageBodyMax5  = 4 << 20 // 4 MB (limits page)
	defaultLimit5    = 20
	timeSpanMax5     = 60
	messagesPerTopic = 10000 // kept per topic; older ones age out first
)

// invalid5 is the InvalidParameterValue for one parameter.
func invalid5(param, why string) error {
	return ErrInvalidParameterValue.New().WithDetail(" (" + param + ": " + why + ")")
}

func checkRemark5(param string, p *string) error {
	if p != nil && utf8.RuneCountInString(*p) > remarkMax5 {
		return invalid5(param, "at most 128 characters")
	}
	return nil
}

func checkRange5(param string, p *int64, lo, hi int64) error {
	if p != nil && (*p < lo || *p > hi) {
		return invalid5(param, "must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10))
	}
	return nil
}

func oneOf5(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// checkTopicName5 applies the topic rule with the configured maximum length.
func (g *gen5) checkTopicName5(name string) error {
	max := g.s.opts.TopicNameMaxLen
	if max <= 0 {
		max = 100
	}
	if n := len(name); n < topicNameMin5 || n > max || !topicChars5.MatchString(name) {
		return invalid5("Topic", strconv.Itoa(topicNameMin5)+"-"+strconv.Itoa(max)+" characters of letters, digits, %, - and _")
	}
	return nil
}

// reservedTopic5 reports the names RocketMQ keeps for itself (retry and
// dead-letter topics): creating one is OperationDenied (emulator choice).
func reservedTopic5(name string) bool {
	return strings.HasPrefix(name, "%RETRY%") || strings.HasPrefix(name, "%DLQ%")
}
