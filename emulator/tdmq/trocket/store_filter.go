package trocket

import (
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Paging, Filters and TagFilters of the 5.x list actions (tdmq.md §2).

// page returns the [from, to) window of n items for Offset/Limit (defaults
// 0 and 20); a negative value is InvalidParameterValue.
func page(offset, limit *int64, n int) (int, int, error) {
	off, lim, err := window(offset, limit)
	if err != nil {
		return 0, 0, err
	}
	from := min(off, int64(n))
	to := from + min(lim, int64(n)-from)
	return int(from), int(to), nil
}

// window reads Offset/Limit (defaults 0 and 20); a negative value is
// InvalidParameterValue.
func window(offset, limit *int64) (off, lim int64, err error) {
	off, lim = 0, defaultLimit
	if offset != nil {
		off = *offset
	}
	if limit != nil {
		lim = *limit
	}
	if off < 0 {
		return 0, 0, invalid("Offset", "must not be negative")
	}
	if lim < 0 {
		return 0, 0, invalid("Limit", "must not be negative")
	}
	return off, lim, nil
}

// pageOf counts the items keep accepts and returns those inside the
// Offset/Limit window, in the items' order, without collecting every match
// (a list with 1000 resources costs no more than its page and a scan). A
// nil keep accepts every item: then nothing is scanned at all. The page may
// share the items' array; the caller reads it under the lock.
func pageOf[T any](items []T, offset, limit *int64, keep func(T) bool) (int, []T, error) {
	if keep == nil {
		from, to, err := page(offset, limit, len(items))
		if err != nil {
			return 0, nil, err
		}
		return len(items), items[from:to], nil
	}
	off, lim, err := window(offset, limit)
	if err != nil {
		return 0, nil, err
	}
	var total int64
	var out []T
	for _, it := range items {
		if !keep(it) {
			continue
		}
		if total >= off && int64(len(out)) < lim {
			out = append(out, it)
		}
		total++
	}
	return int(total), out, nil
}

// empty tells whether a list query selects by nothing but paging.
func (fs filterSet) empty(tfs []*tagFilter) bool {
	if len(fs) > 0 {
		return false
	}
	for _, tf := range tfs {
		if tf != nil {
			return false
		}
	}
	return true
}

// filterSet is a request's Filters, checked against the names an action
// accepts: an unknown name is InvalidParameterValue (emulator choice, so a
// typo does not silently match everything).
type filterSet map[string][]string

func filters(fs []*filter, allowed ...string) (filterSet, error) {
	out := filterSet{}
	for _, f := range fs {
		if f == nil {
			continue
		}
		name := str(f.Name)
		if !oneOf(name, allowed...) {
			return nil, invalid("Filters.Name", "unsupported filter "+name+"; supported: "+strings.Join(allowed, ", "))
		}
		out[name] = append(out[name], tcdata.Strings(f.Values)...)
	}
	return out, nil
}

// fuzzy: the value contains any of the filter's values (none given = match).
func (fs filterSet) fuzzy(name, v string) bool {
	vals, ok := fs[name]
	if !ok || len(vals) == 0 {
		return true
	}
	for _, x := range vals {
		if strings.Contains(v, x) {
			return true
		}
	}
	return false
}

// exact: the value equals one of the filter's values (multi-select).
func (fs filterSet) exact(name, v string) bool {
	vals, ok := fs[name]
	if !ok || len(vals) == 0 {
		return true
	}
	return oneOf(v, vals...)
}

func sortSubs(in *instance, ks []subKey) {
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].topic != ks[j].topic {
			return ks[i].topic < ks[j].topic
		}
		return ks[i].group < ks[j].group
	})
}

// str dereferences an optional string parameter.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
