package pipeline

import (
	"bytes"
	"encoding/json"
	"log/slog"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
)

// Env is what every product and front door is built from. Each emulator makes its own,
// so two emulators in one process never share state.
type Env struct {
	Clock    *clock.Clock
	Accounts *account.Registry
	// Verify turns signature checking on (auth.verify).
	Verify bool
	// RateLimits turns on every vendor's documented per-action rate limits
	// (limits.rateLimits); a vendor section may also turn on its own.
	RateLimits bool
	Logger     *slog.Logger
	// Options is the vendor's own section of the configuration beyond
	// "listen", decoded by the vendor (unknown keys are its errors to report).
	Options map[string]any
}

// ObjectBody marshals v (a struct or map) and returns the JSON object's
// members without the enclosing braces, so envelope writers can splice their
// own fields around an action's result. A nil v gives "".
func ObjectBody(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return nil, &json.UnsupportedTypeError{}
	}
	return bytes.TrimSpace(b[1 : len(b)-1]), nil
}
