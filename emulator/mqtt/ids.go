package mqtt

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Identifiers in the shapes the service's docs show. crypto/rand keeps
// them unguessable and needs no shared state between emulators.

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newTokenValue is an opaque token like the doc's
// "LzMT+XLFl5s/YWJ/MlDz4t/Lq5HC1iGU1P28HAMaxYxn8aQbALNtml7QZKl9L9kP".
func newTokenValue() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

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
