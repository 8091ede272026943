package emulator

import (
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
)

// Config is mqmock's whole configuration, as the mqmock command reads it
// from a file and MQMOCK_* variables (README "Configuration" lists the
// keys). A module outside this repository gets one from DefaultConfig or
// LoadConfig and may change a field by selector (cfg.Auth.Verify = false);
// the file's format is the contract, so accounts and resources are best
// written there.
//
// It is a type defined over the internal configuration, not an alias and
// not a copy: an alias would make New's parameter the internal type itself
// (whose package other modules cannot name, and whose documentation they
// cannot import), and a public copy of every section would be a second
// definition of each key to keep in step with the file's. As a defined
// type, this repository's own code converts with emulator.Config(cfg), and
// no exported function here takes an internal type.
type Config config.Config

// DefaultConfig is the configuration with no file and no MQMOCK_*
// variables: the built-in accounts, the default ports.
func DefaultConfig() Config { return Config(config.Default()) }

// LoadConfig reads the configuration as the mqmock command does: the file
// at path (none when empty), then the MQMOCK_* variables of environ
// (os.Environ() form; nil for none), over the built-in values. A mistake is
// one line naming the key as written, with the nearest valid one.
func LoadConfig(path string, environ []string) (Config, error) {
	c, err := config.Load(path, environ)
	return Config(c), err
}

// WithTimeSource gives the emulator's virtual clock a source of real time
// other than the machine's: the virtual clock reads now() plus the offset
// the control API and tests move it by. A source that returns one instant
// makes a clock that stands still until moved.
func WithTimeSource(now func() time.Time) Option {
	return func(o *options) { o.timeSource = now }
}

// clockOf is the clock an emulator built with o runs on.
func (o options) clockOf(panicked func(any)) *clock.Clock {
	opts := []clock.Option{clock.WithPanicHandler(panicked)}
	if o.timeSource != nil {
		opts = append(opts, clock.WithRealTime(o.timeSource))
	}
	return clock.New(opts...)
}
