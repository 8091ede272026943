package mqtt

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/account"
)

// Device credentials ("one device, one secret"), sessions and sent messages.

var clientIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^GID[_-][A-Za-z0-9_-]+@@@[A-Za-z0-9_-]+$`) })

// Limits page: a session query names at most 10 clients, a message carries
// at most 64 KB.
const (
	maxBatchClients = 10
	maxPayloadBytes = 64 * 1024
)

// validClientID: <GroupId>@@@<DeviceId>, at most 64 chars (Limits page).
func validClientID(s string) bool {
	return len(s) <= maxNameLen && clientIDPattern().MatchString(s)
}

// checkClientID refuses a client id its rule does not allow.
func checkClientID(clientID string) error {
	if !validClientID(clientID) {
		return invalidParameter("ClientId")
	}
	return nil
}

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
	if err := checkClientID(clientID); err != nil {
		return credentialView{}, err
	}
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
	if err := checkClientID(clientID); err != nil {
		return credentialView{}, err
	}
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
	if err := checkClientID(clientID); err != nil {
		return credentialView{}, err
	}
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
	if err := checkClientID(clientID); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceOf(caller, instanceID)
	if err != nil {
		return err
	}
	delete(in.credentials, clientID)
	return nil
}

// online reports whether one client is online.
func (s *store) online(caller *account.Account, instanceID, clientID string) (bool, error) {
	if err := checkClientID(clientID); err != nil {
		return false, err
	}
	online, err := s.onlineStatus(caller, instanceID, []string{clientID})
	if err != nil {
		return false, err
	}
	return online[0], nil
}

// onlineList reports each client's online flag, in the order asked: at
// most 10 clients, each a valid client id ("each call can query at most 10
// clients"; any fault is InvalidParameter.ClientIdList).
func (s *store) onlineList(caller *account.Account, instanceID string, clientIDs []string) ([]bool, error) {
	if len(clientIDs) > maxBatchClients {
		return nil, invalidParameter("ClientIdList")
	}
	for _, id := range clientIDs {
		if !validClientID(id) {
			return nil, invalidParameter("ClientIdList")
		}
	}
	return s.onlineStatus(caller, instanceID, clientIDs)
}

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

// sendMessage records a message: a full topic (no wildcards) under one of
// the instance's parent topics (another topic: PermissionCheckFailed,
// mqtt.md §3.9) and a payload of at most 64 KB.
func (s *store) sendMessage(caller *account.Account, instanceID, topic, payload string, now time.Time) (string, error) {
	if !validTopic(topic) {
		return "", invalidParameter("MqttTopic")
	}
	if len(payload) > maxPayloadBytes {
		return "", invalidParameter("Payload")
	}
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

// Identifiers in the shapes the service's docs show. crypto/rand keeps
// them unguessable and needs no shared state between emulators.

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newDeviceKey is "DC." + 22 alphanumerics, the shape of both
// DeviceAccessKeyId and DeviceAccessKeySecret in the doc examples.
func newDeviceKey() string {
	b := make([]byte, 22)
	_, _ = rand.Read(b)
	var sb strings.Builder
	sb.WriteString("DC.")
	for _, c := range b {
		sb.WriteByte(alnum[int(c)%len(alnum)])
	}
	return sb.String()
}

// newMessageID is 32 upper-case hex digits, as in the SendMessage doc.
func newMessageID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}
