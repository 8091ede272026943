package cmq

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tclegacy"
	"github.com/mqmock/mqmock/internal/wire"
)

// nameRe is the rule for queue, topic and subscription names (cmq.md §7.1).
var nameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{0,63}$`)

// params reads an action's parameters with CMQ's error rules. Lookups use
// the trimmed keys the frontend stored.
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
			return ErrLackedRequiredParameter.New(n)
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
		return nil, ErrParameterOutOfRange.New(name)
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
		return nil, ErrParameterErrorType.New(name)
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
			return nil, ErrParameterKeyFormatError.New(ie.Key)
		}
		return nil, ErrParameterNotConsequent.New(name)
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
		return nil, ErrBatchSizeOutOfRange.New(name)
	}
	return vs, nil
}

// checkName applies §7.1 with the action's own format error.
func checkName(name string, format *apierr.Def) error {
	if !nameRe.MatchString(name) {
		return format.New()
	}
	return nil
}

// checkBodies: every body present and non-empty (10120).
func checkBodies(bodies []string) error {
	if len(bodies) == 0 {
		return ErrMessageBodyEmpty.New()
	}
	for _, b := range bodies {
		if b == "" {
			return ErrMessageBodyEmpty.New()
		}
	}
	return nil
}

// checkBatchSize: Σ decoded bodies ≤ 1 MiB (10300), then the raw request
// ≤ 1 MiB (10420), in that order (cmq.md §11.8).
func checkBatchSize(call *pipeline.Call, bodies []string) error {
	total := 0
	for _, b := range bodies {
		total += len(b)
	}
	if total > maxBatchBytes {
		return ErrTotalMessageSizeExceeded.New()
	}
	if tclegacy.Oversized(call) {
		return ErrCannotParseRequest.New("request")
	}
	return nil
}

// checkTags: each filterTag/msgTag at most 16 characters (10350).
func checkTags(name string, tags []string) error {
	for _, t := range tags {
		if len([]rune(t)) > maxTagLen {
			return ErrParameterOutOfRange.New(name)
		}
	}
	return nil
}

// checkKeys: each bindingKey/routingKey at most 64 bytes (10350) and 15
// dots (10691).
func checkKeys(name string, keys []string) error {
	for _, k := range keys {
		if len(k) > maxKeyLen {
			return ErrParameterOutOfRange.New(name)
		}
	}
	for _, k := range keys {
		if strings.Count(k, ".") > maxKeyDots {
			return ErrTooManyDelimiters.New()
		}
	}
	return nil
}

// checkEndpoint applies Subscribe's endpoint rules in the spec's order:
// blanks (10570), shape (10500), length (10630).
func checkEndpoint(protocol, endpoint string) error {
	if strings.IndexFunc(endpoint, unicode.IsSpace) >= 0 {
		return ErrURLContainsBlank.New()
	}
	switch protocol {
	case "http", "https":
		u, err := url.Parse(endpoint)
		if err != nil || u.Scheme != protocol || !strings.HasPrefix(endpoint, protocol+"://") || u.Host == "" || u.Hostname() == "" {
			return ErrEndpointFormatError.New()
		}
	case "queue":
		if strings.Contains(endpoint, "://") {
			return ErrEndpointFormatError.New()
		}
	}
	if len(endpoint) > maxEndpointLen {
		return ErrIllegalEndpoint.New()
	}
	return nil
}

// enumOr reads an optional enum with a default; bad values get def's error.
func (p params) enumOr(name, def string, bad *apierr.Def, allowed ...string) (string, error) {
	v := p.str(name)
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
