package cmq

import (
	"errors"
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/wire"
)

// params reads an action's parameters with CMQ's error rules for missing,
// mistyped, out-of-range and malformed-array parameters. Lookups use the
// trimmed keys the front door stored.
type params struct{ call *pipeline.Call }

func paramsOf(call *pipeline.Call) params { return params{call} }

// str returns a parameter ("" when absent).
func (p params) str(name string) string { return p.call.Params[name] }

// has reports whether a parameter was sent, even empty.
func (p params) has(name string) bool { return p.call.Has(name) }

// required answers 10390 for the first of names that is absent or empty.
func (p params) required(names ...string) error {
	for _, n := range names {
		if p.str(n) == "" {
			return errLackedRequiredParameter.New(n)
		}
	}
	return nil
}

// optInt reads an optional Int: nil when absent, 10360 when not an integer,
// 10350 when outside [lo, hi].
func (p params) optInt(name string, lo, hi int64) (*int64, error) {
	v, err := p.optIntType(name)
	if err != nil || v == nil {
		return v, err
	}
	if *v < lo || *v > hi {
		return nil, errParameterOutOfRange.New(name)
	}
	return v, nil
}

// optIntType reads an optional Int without a range.
func (p params) optIntType(name string) (*int64, error) {
	s, ok := p.call.Params[name]
	if !ok {
		return nil, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return nil, errParameterErrorType.New(name)
	}
	return &n, nil
}

// intOr reads an optional Int with a default.
func (p params) intOr(name string, def, lo, hi int64) (int64, error) {
	v, err := p.optInt(name, lo, hi)
	if err != nil {
		return 0, err
	}
	if v == nil {
		return def, nil
	}
	return *v, nil
}

// list reads the array name.n (base 0 or 1, consecutive); nil when absent.
func (p params) list(name string) ([]string, error) {
	vs, err := wire.Indexed(p.call.Params, name, 0, 1)
	var ie *wire.IndexError
	if errors.As(err, &ie) {
		if ie.Kind == wire.BadIndex {
			return nil, errParameterKeyFormatError.New(ie.Key)
		}
		return nil, errParameterNotConsequent.New(name)
	}
	return vs, err
}

// batch reads a 1..16 array (msgBody, receiptHandle): absent → missing,
// more than 16 → 10370.
func (p params) batch(name string) ([]string, error) {
	vs, err := p.list(name)
	if err != nil {
		return nil, err
	}
	if len(vs) > maxBatch {
		return nil, errBatchSizeOutOfRange.New(name)
	}
	return vs, nil
}

// enumOr reads an optional enum with a default; bad values get def's error.
func (p params) enumOr(name, def string, bad *apierr.Def, allowed ...string) (string, error) {
	return enumOr(p.str(name), def, bad, allowed...)
}

// enumOr checks an optional enum value ("" is def); bad values get bad.
func enumOr(v, def string, bad *apierr.Def, allowed ...string) (string, error) {
	if v == "" {
		return def, nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", bad.New()
}
