package trocket

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Name and value rules of 5.x (tdmq.md §3). The SDK documents none of them
// with a specific code, so a violation is InvalidParameterValue (§4 last row:
// "unconfirmed which one"), with the offending parameter in the message.

// The expressions are compiled when first used, not at start: counted
// repetitions ({3,64}) compile into as many copies of their class, and the
// process is ready sooner without them.
var (
	// Instance and consumer group names: 3–64 of letters, digits, "-", "_".
	instanceName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{3,64}$`) })
	groupName    = instanceName
	// Topic names: letters, digits, "%", "-", "_"; the length bounds come from
	// Options.TopicNameMaxLen (current limits page: 100; the older naming
	// convention: 64).
	topicChars = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9%_-]+$`) })
	// Role names: 1–32 of letters, digits, "_", "-".
	roleName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`) })
)

const (
	remarkMax        = 128
	topicNameMin     = 3
	queueNumMin      = 3
	queueNumMax      = 16
	maxRetryMax      = 1000
	autoExpireMin    = 30 // minutes (ModifyTopic.AutoExpireTime)
	autoExpireMax    = 720
	recentMsgMax     = 1024
	messageBodyMax   = 4 << 20 // 4 MB (limits page)
	defaultLimit     = 20
	timeSpanMax      = 60
	messagesPerTopic = 10000 // kept per topic; older ones age out first
)

// invalid is the InvalidParameterValue for one parameter.
func invalid(param, why string) error {
	return errInvalidParameterValue.New().WithDetail(" (" + param + ": " + why + ")")
}

func checkRemark(param string, p *string) error {
	if p != nil && utf8.RuneCountInString(*p) > remarkMax {
		return invalid(param, "at most 128 characters")
	}
	return nil
}

func checkRange(param string, p *int64, lo, hi int64) error {
	if p != nil && (*p < lo || *p > hi) {
		return invalid(param, "must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10))
	}
	return nil
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// checkTopicName applies the topic rule with the configured maximum length.
func (s *store) checkTopicName(name string) error {
	max := s.topicNameMaxLen
	if max <= 0 {
		max = 100
	}
	if n := len(name); n < topicNameMin || n > max || !topicChars().MatchString(name) {
		return invalid("Topic", strconv.Itoa(topicNameMin)+"-"+strconv.Itoa(max)+" characters of letters, digits, %, - and _")
	}
	return nil
}

// reservedTopic reports the names RocketMQ keeps for itself (retry and
// dead-letter topics): creating one is OperationDenied (emulator choice).
func reservedTopic(name string) bool {
	return strings.HasPrefix(name, "%RETRY%") || strings.HasPrefix(name, "%DLQ%")
}
