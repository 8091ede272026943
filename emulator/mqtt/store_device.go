package mqtt

import (
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// Device credentials ("one device, one secret"), sessions and sent messages.

// credentialView is DeviceCredential of the Go SDK.
type credentialView struct {
	ClientID              string `json:"ClientId"`
	InstanceID            string `json:"InstanceId"`
	DeviceAccessKeyID     string `json:"DeviceAccessKeyId"`
	DeviceAccessKeySecret string `json:"DeviceAccessKeySecret"`
	CreateTime            int64  `json:"CreateTime"`
	UpdateTime            int64  `json:"UpdateTime"`
}

func (c *credential) view(in *instance) credentialView {
	return credentialView{c.clientID, in.id, c.keyID, c.keySecret, c.created.UnixMilli(), c.updated.UnixMilli()}
}

// registerCredential creates the device's credential or replaces it with a
// new one: "a device has only one credential; calling Register repeatedly
// keeps the most recent one" (RegisterDeviceCredential doc).
func (s *store) registerCredential(caller *account.Account, instanceID, clientID string, now time.Time) (credentialView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return credentialView{}, err
	}
	c := &credential{clientID: clientID, keyID: newDeviceKey(), keySecret: newDeviceKey(), created: now, updated: now}
	in.credentials[clientID] = c
	return c.view(in), nil
}

// getCredential: an unregistered client is InvalidParameter.ClientId
// (mqtt.md §3.10, the spec's suggestion for an unconfirmed case).
func (s *store) getCredential(caller *account.Account, instanceID, clientID string) (credentialView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return credentialView{}, err
	}
	c, ok := in.credentials[clientID]
	if !ok {
		return credentialView{}, errInvalidParameterFamily.New("ClientId")
	}
	return c.view(in), nil
}

// refreshCredential keeps the key id and the creation time and issues a
// new secret.
func (s *store) refreshCredential(caller *account.Account, instanceID, clientID string, now time.Time) (credentialView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return credentialView{}, err
	}
	c, ok := in.credentials[clientID]
	if !ok {
		return credentialView{}, errInvalidParameterFamily.New("ClientId")
	}
	c.keySecret = newDeviceKey()
	c.updated = now
	return c.view(in), nil
}

// unregisterCredential is idempotent.
func (s *store) unregisterCredential(caller *account.Account, instanceID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return err
	}
	delete(in.credentials, clientID)
	return nil
}

// onlineStatus reports each client's online flag, in the order asked.
func (s *store) onlineStatus(caller *account.Account, instanceID string, clientIDs []string) ([]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(clientIDs))
	for i, c := range clientIDs {
		out[i] = in.online[c]
	}
	return out, nil
}

// sendMessage records a message to a topic under one of the instance's
// parent topics (another topic: PermissionCheckFailed, mqtt.md §3.9).
func (s *store) sendMessage(caller *account.Account, instanceID, topic, payload string, now time.Time) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return "", err
	}
	if !s.topicAllowed(in, topic) {
		return "", errPermissionCheckFailed.New()
	}
	m := message{id: newMessageID(), topic: topic, payload: payload, sent: now}
	if len(in.messages) >= s.history {
		in.messages = append(in.messages[:0], in.messages[len(in.messages)-s.history+1:]...)
	}
	in.messages = append(in.messages, m)
	return m.id, nil
}
