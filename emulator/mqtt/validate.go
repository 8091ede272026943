package mqtt

import (
	"regexp"
	"sort"
	"strings"
)

// Name rules of the MQTT service (mqtt.md §5.1). They know nothing of HTTP
// or of the error codes; actions map a false to the family's code.

var (
	groupIDPattern  = regexp.MustCompile(`^GID[_-][A-Za-z0-9_-]+$`)
	clientIDPattern = regexp.MustCompile(`^GID[_-][A-Za-z0-9_-]+@@@[A-Za-z0-9_-]+$`)
	levelPattern    = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

const (
	maxNameLen       = 64
	minGroupIDLen    = 7
	maxTokenTopics   = 100
	maxBatchClients  = 10
	maxPayloadBytes  = 64 * 1024
	minTokenValidity = 60 // seconds
	maxTokenDays     = 30
)

// validGroupID: GID_ or GID- prefix, letters, digits, - and _, 7–64 chars
// (CreateGroupId doc).
func validGroupID(s string) bool {
	return len(s) >= minGroupIDLen && len(s) <= maxNameLen && groupIDPattern.MatchString(s)
}

// validClientID: <GroupId>@@@<DeviceId>, at most 64 chars (Limits page).
func validClientID(s string) bool {
	return len(s) <= maxNameLen && clientIDPattern.MatchString(s)
}

// validTopic is a topic a message is sent to: levels of [A-Za-z0-9_-]
// separated by "/", at most 64 chars, no wildcards (Limits page).
func validTopic(s string) bool {
	if s == "" || len(s) > maxNameLen {
		return false
	}
	for _, level := range strings.Split(s, "/") {
		if !levelPattern.MatchString(level) {
			return false
		}
	}
	return true
}

// validTopicFilter is a token resource: a topic whose levels after the
// parent may be the wildcards "+" (one level) or "#" (the last level, any
// depth), as in the ApplyToken doc's "TopicA/+".
func validTopicFilter(s string) bool {
	if s == "" || len(s) > maxNameLen {
		return false
	}
	levels := strings.Split(s, "/")
	for i, level := range levels {
		switch {
		case i > 0 && level == "+":
		case i > 0 && level == "#" && i == len(levels)-1:
		case levelPattern.MatchString(level):
		default:
			return false
		}
	}
	return true
}

// parentTopic is a topic's first level, the part an instance must own.
func parentTopic(topic string) string {
	p, _, _ := strings.Cut(topic, "/")
	return p
}

// parseResources splits ApplyToken's comma-separated Resources, checks each
// and returns them sorted and without duplicates (the doc asks clients to
// sort them; mqmock accepts any order and normalizes).
func parseResources(s string) ([]string, bool) {
	parts := strings.Split(s, ",")
	if len(parts) > maxTokenTopics {
		return nil, false
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if !validTopicFilter(p) {
			return nil, false
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, true
}

// parseActions accepts R, W and both in either order, normalized to "R",
// "W" or "R,W".
func parseActions(s string) (string, bool) {
	switch s {
	case "R", "W":
		return s, true
	case "R,W", "W,R":
		return "R,W", true
	}
	return "", false
}
