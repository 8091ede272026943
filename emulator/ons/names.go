package ons

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name rules of ons.md §6.1. Each returns whether the value is acceptable;
// the actions answer BIZ_FIELD_CHECK_INVALID otherwise.

func isNameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func allNameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// validTopic: 3–64 of [A-Za-z0-9_-], not starting with CID or GID (reserved
// for Group IDs).
func validTopic(name string) bool {
	if len(name) < 3 || len(name) > 64 || !allNameChars(name) {
		return false
	}
	return !strings.HasPrefix(name, "CID") && !strings.HasPrefix(name, "GID")
}

// groupPrefixes are the accepted Group ID prefixes under the strict rule: the
// current GID and the seed era's CID (consumer) and PID (producer).
var groupPrefixes = [...]string{"GID_", "GID-", "CID_", "CID-", "PID_", "PID-"}

// validGroupID applies the strict (prefix, 7–64) or the loose (2–64) rule.
func validGroupID(id string, strict bool) bool {
	if !allNameChars(id) {
		return false
	}
	if !strict {
		return len(id) >= 2 && len(id) <= 64
	}
	if len(id) < 7 || len(id) > 64 {
		return false
	}
	for _, p := range groupPrefixes {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// isProducerID tells a seed-era producer id (PID_/PID-), whose errors are the
// PID rows of the seed.
func isProducerID(id string) bool {
	return strings.HasPrefix(id, "PID_") || strings.HasPrefix(id, "PID-")
}

// validInstanceName: 3–64 characters (not bytes) of Chinese characters,
// letters, digits, - and _.
func validInstanceName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 3 || n > 64 || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r < utf8.RuneSelf {
			if !isNameChar(byte(r)) {
				return false
			}
		} else if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// validRemark bounds a remark by characters (terraform's limits; the API docs
// give none, so an empty remark is always fine).
func validRemark(s string, max int) bool {
	return utf8.ValidString(s) && utf8.RuneCountInString(s) <= max
}

// Remark limits (ons.md §6.1).
const (
	topicRemarkMax    = 128
	groupRemarkMax    = 256
	instanceRemarkMax = 128
)

// validMessageType: 0 normal, 1 partitionally ordered, 2 globally ordered,
// 4 transactional, 5 scheduled/delayed.
func validMessageType(t int) bool { return t == 0 || t == 1 || t == 2 || t == 4 || t == 5 }

// validPerm: 2 publish, 4 subscribe, 6 both.
func validPerm(p int) bool { return p == 2 || p == 4 || p == 6 }

// validTag: key 1–64, value ≤ 128, the key not starting with a reserved
// prefix.
func validTag(key, value string) bool {
	if key == "" || utf8.RuneCountInString(key) > 64 || utf8.RuneCountInString(value) > 128 {
		return false
	}
	for _, p := range []string{"aliyun", "acs:", "http://", "https://"} {
		if strings.HasPrefix(key, p) {
			return false
		}
	}
	return true
}
