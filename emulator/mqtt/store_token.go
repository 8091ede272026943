package mqtt

import (
	"crypto/rand"
	"encoding/base64"
	"sort"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// pruneEvery bounds how often expired tokens are swept from memory. A
// swept token answers QueryToken false exactly as an expired one does.
const pruneEvery = time.Minute

// Token limits (ApplyToken doc, document_detail/54276).
const (
	maxTokenTopics   = 100
	minTokenValidity = 60 * time.Second
	maxTokenDays     = 30
)

// applyToken issues a token for topics of the instance. expires must be at
// least a minute after now (the virtual clock) and is silently capped at
// 30 days; resources are up to 100 comma-separated topics, wildcards
// allowed; actions R, W or R,W. Then every resource's parent topic must
// belong to the instance (PermissionCheckFailed).
func (s *store) applyToken(caller *account.Account, instanceID, resources, actions string, expires, now time.Time) (string, error) {
	if expires.Before(now.Add(minTokenValidity)) {
		return "", invalidParameter("ExpireTime")
	}
	if limit := now.Add(maxTokenDays * 24 * time.Hour); expires.After(limit) {
		expires = limit
	}
	topics, ok := parseResources(resources)
	if !ok {
		return "", invalidParameter("Resources")
	}
	actions, ok = parseActions(actions)
	if !ok {
		return "", invalidParameter("Actions")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return "", err
	}
	for _, r := range topics {
		if !s.topicAllowed(in, r) {
			return "", errPermissionCheckFailed.New()
		}
	}
	s.pruneTokens(now)
	t := &issuedToken{value: newTokenValue(), instance: in, resources: topics, actions: actions, applied: now, expires: expires}
	s.tokens[t.value] = t
	return t.value, nil
}

func (s *store) pruneTokens(now time.Time) {
	if now.Sub(s.lastPrune) < pruneEvery {
		return
	}
	s.lastPrune = now
	for v, t := range s.tokens {
		if !now.Before(t.expires) {
			delete(s.tokens, v)
		}
	}
}

// tokenValid is QueryToken's TokenStatus: the token exists for this
// instance, is not revoked and has not expired. Anything else is false,
// not an error (mqtt.md §3.2).
func (s *store) tokenValid(caller *account.Account, instanceID, value string, now time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return false, err
	}
	t, ok := s.tokens[value]
	return ok && t.instance == in && !t.revoked && now.Before(t.expires), nil
}

// revokeToken succeeds for unknown tokens and tokens of other instances
// alike, changing nothing then (mqtt.md §3.3).
func (s *store) revokeToken(caller *account.Account, instanceID, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return err
	}
	if t, ok := s.tokens[value]; ok && t.instance == in {
		t.revoked = true
	}
	return nil
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

// newTokenValue is an opaque token like the doc's
// "LzMT+XLFl5s/YWJ/MlDz4t/Lq5HC1iGU1P28HAMaxYxn8aQbALNtml7QZKl9L9kP".
func newTokenValue() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}
