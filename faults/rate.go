package faults

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

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
