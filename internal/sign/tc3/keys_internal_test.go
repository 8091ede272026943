package tc3

import (
	"encoding/hex"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The derived keys of spec §5.3 / §5.4 are asserted one step at a time so a
// regression points at the step that broke.
func TestDeriveKeysSpecVectors(t *testing.T) {
	tests := []struct {
		name                                     string
		service                                  string
		secretDate, secretService, secretSigning string
	}{
		{"§5.3 trocket", "trocket",
			"343bd79ad22231159d865a0f67d621259bb77d15d786dbd775ca92c97b62507d",
			"eb2f5f0b078a14784824c98793a0f1f49fcffd3bf299505489a45181b2e3fed4",
			"15cae6496070e46d366cc42312bfa2e0b199fa24d2674aac272777c67bc1c969"},
		{"§5.4 127", "127",
			"343bd79ad22231159d865a0f67d621259bb77d15d786dbd775ca92c97b62507d",
			"7b61076602bc5a59081d6466623737dedacd2a353995d5b879a17f12bc018f25",
			"264099f56da8b49ad382fc183fe6a6105d0dddffc13b8864c9bcf9d2d91b625c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, s, k := deriveKeys("mqmock-secret-key", "2023-11-14", tt.service)
			assert.Equal(t, tt.secretDate, hex.EncodeToString(d))
			assert.Equal(t, tt.secretService, hex.EncodeToString(s))
			assert.Equal(t, tt.secretSigning, hex.EncodeToString(k))
		})
	}
}

func TestStripPort(t *testing.T) {
	tests := []struct{ in, want string }{
		{"127.0.0.1:9102", "127.0.0.1"},
		{"127.0.0.1", "127.0.0.1"},
		{"localhost:9102", "localhost"},
		{"example.com:", "example.com"},
		{"[::1]:9102", "[::1]"},
		{"[::1]", "[::1]"},
		{"::1", "::1"},
		{"host:http", "host:http"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, stripPort(tt.in))
		})
	}
}

// A verified signature's key is kept and used again; a signature that fails
// adds nothing (a caller without the secret cannot grow the set), and the
// set never holds more than maxKeys.
func TestKeysKeepOnlyVerifiedKeysAndStayBounded(t *testing.T) {
	in := Input{Method: "POST", URI: "/", Headers: map[string]string{"content-type": "application/json", "host": "h"},
		SignedHeaders: "content-type;host", Payload: []byte(`{}`), Timestamp: 1700000000, Service: "trocket"}
	view := RequestView{Method: "POST", Path: "/", Host: "h", Body: []byte(`{}`), Timestamp: in.Timestamp,
		Header: func(n string) string { return map[string]string{"content-type": "application/json"}[n] }}
	auth := Authorization{Date: Date(in.Timestamp), Service: in.Service, SignedHeaders: in.SignedHeaders}
	var k Keys

	auth.Signature = Sign("right", in)
	assert.False(t, k.Verify("wrong", auth, view))
	assert.Empty(t, k.keys, "a failed verification keeps no key")

	assert.True(t, k.Verify("right", auth, view))
	assert.Len(t, k.keys, 1)
	id := keyID{"right", auth.Date, auth.Service}
	// A planted key proves the second call uses the kept one.
	k.keys[id] = signer(signingKey("other", auth.Date, auth.Service))
	assert.False(t, k.Verify("right", auth, view), "the kept key is used, not derived again")
	k.keys[id] = signer(signingKey("right", auth.Date, auth.Service))
	assert.True(t, k.Verify("right", auth, view))

	for i := range maxKeys + 10 {
		k.remember(keyID{secret: string(rune('a'+i%26)) + string(rune(i)), date: "d", service: "s"}, nil)
		assert.LessOrEqual(t, len(k.keys), maxKeys)
	}
}

// The kept key's MACs are shared by concurrent calls and reused from call to
// call: a wrong signature between right ones, and right ones in parallel,
// each get their own answer (a MAC carrying state from an earlier call, or
// shared by two at once, would not).
func TestKeysReuseMACsSafely(t *testing.T) {
	in := Input{Method: "POST", URI: "/", Headers: map[string]string{"content-type": "application/json", "host": "h"},
		SignedHeaders: "content-type;host", Payload: []byte(`{}`), Timestamp: 1700000000, Service: "trocket"}
	view := RequestView{Method: "POST", Path: "/", Host: "h", Body: []byte(`{}`), Timestamp: in.Timestamp,
		Header: func(n string) string { return map[string]string{"content-type": "application/json"}[n] }}
	right := Authorization{Date: Date(in.Timestamp), Service: in.Service, SignedHeaders: in.SignedHeaders, Signature: Sign("right", in)}
	other := in
	other.Payload = []byte(`{"a":1}`)
	wrong := right
	wrong.Signature = Sign("right", other) // right key, another body
	var k Keys
	require.True(t, k.Verify("right", right, view))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if (g+i)%3 == 0 {
					assert.False(t, k.Verify("right", wrong, view))
				} else {
					assert.True(t, k.Verify("right", right, view))
				}
			}
		}()
	}
	wg.Wait()
	assert.Len(t, k.keys, 1)
}
