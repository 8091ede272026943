package faults

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// bucket is a token bucket refilled on the virtual clock: capacity burst,
// one token every per/count. It is not safe for concurrent use; the rule's
// lock guards it.
type bucket struct {
	burst    float64
	perToken time.Duration
	tokens   float64
	last     time.Time
	started  bool
}

func newBucket(count int, per time.Duration, burst int) *bucket {
	return &bucket{burst: float64(burst), perToken: per / time.Duration(count), tokens: float64(burst)}
}

// take refills for the virtual time elapsed since the last call and takes
// one token, reporting whether there was one.
func (b *bucket) take(now time.Time) bool {
	if !b.started {
		b.started, b.last = true, now
	}
	if el := now.Sub(b.last); el > 0 {
		b.tokens = math.Min(b.burst, b.tokens+float64(el)/float64(b.perToken))
		b.last = now
	} else if el < 0 {
		// The clock was set back (a reset): start measuring from here.
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true
	}
	return false
}

// parseRate reads "5/s", "300/m", "2/h", "10/100ms", "1/2s" or a bare
// number (per second).
func parseRate(s string) (count int, per time.Duration, err error) {
	s = strings.TrimSpace(s)
	num, unit, found := strings.Cut(s, "/")
	if !found {
		unit = "s"
	}
	count, err = strconv.Atoi(strings.TrimSpace(num))
	if err != nil || count < 1 {
		return 0, 0, fmt.Errorf("rate %q: want a positive whole number of calls per unit, like \"5/s\", \"300/m\" or \"1/2s\"", s)
	}
	switch u := strings.TrimSpace(unit); u {
	case "s", "sec", "second":
		per = time.Second
	case "m", "min", "minute":
		per = time.Minute
	case "h", "hour":
		per = time.Hour
	default:
		d, derr := time.ParseDuration(u)
		if derr != nil || d <= 0 {
			return 0, 0, fmt.Errorf("rate %q: the unit must be s, m, h or a duration like 100ms", s)
		}
		per = d
	}
	if per/time.Duration(count) <= 0 {
		return 0, 0, fmt.Errorf("rate %q is too high", s)
	}
	return count, per, nil
}
