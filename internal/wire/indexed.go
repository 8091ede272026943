package wire

import (
	"sort"
	"strconv"
	"strings"
)

// IndexErrorKind says what is wrong with an indexed array parameter.
type IndexErrorKind int

const (
	// BadIndex: a suffix that is not a non-negative decimal (Name.x, Name.).
	BadIndex IndexErrorKind = iota + 1
	// NotConsecutive: a gap, or a first index other than the allowed bases.
	NotConsecutive
)

// IndexError is returned by Indexed.
type IndexError struct {
	Kind IndexErrorKind
	Name string // the array's name
	Key  string // the offending key
}

func (e *IndexError) Error() string {
	if e.Kind == BadIndex {
		return "parameter " + e.Key + " has a malformed index"
	}
	return "parameter " + e.Name + " is not consecutive"
}

// Indexed collects the array name.N from params in numeric index order. The
// indices must be one run starting at one of bases (CMQ allows 0 or 1,
// Alibaba 1, TencentCloud 0). An absent array is nil, no error.
func Indexed(params map[string]string, name string, bases ...int) ([]string, error) {
	prefix := name + "."
	type item struct {
		i int
		v string
	}
	var items []item
	for k, v := range params {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok || strings.Contains(rest, ".") {
			continue
		}
		i, err := strconv.Atoi(rest)
		if err != nil || i < 0 || rest != strconv.Itoa(i) {
			return nil, &IndexError{Kind: BadIndex, Name: name, Key: k}
		}
		items = append(items, item{i, v})
	}
	if len(items) == 0 {
		return nil, nil
	}
	sort.Slice(items, func(a, b int) bool { return items[a].i < items[b].i })
	okBase := false
	for _, b := range bases {
		okBase = okBase || items[0].i == b
	}
	if !okBase {
		return nil, &IndexError{Kind: NotConsecutive, Name: name}
	}
	out := make([]string, len(items))
	for n, it := range items {
		if it.i != items[0].i+n {
			return nil, &IndexError{Kind: NotConsecutive, Name: name}
		}
		out[n] = it.v
	}
	return out, nil
}
