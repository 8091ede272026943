package tcv1

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

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
