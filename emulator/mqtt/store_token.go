package mqtt

import (
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// pruneEvery bounds how often expired tokens are swept from memory. A
// swept token answers QueryToken false exactly as an expired one does.
const pruneEvery = time.Minute

// applyToken issues a token for topics of the instance. Every resource's
// parent topic must belong to the instance (PermissionCheckFailed).
func (s *store) applyToken(caller *account.Account, instanceID string, resources []string, actions string, expires, now time.Time) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return "", err
	}
	for _, r := range resources {
		if !s.topicAllowed(in, r) {
			return "", errPermissionCheckFailed.New()
		}
	}
	s.pruneTokens(now)
	t := &issuedToken{value: newTokenValue(), instance: in, resources: resources, actions: actions, applied: now, expires: expires}
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
