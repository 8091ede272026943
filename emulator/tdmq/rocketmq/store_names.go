package rocketmq

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/apierr"
)

// vipSpec is one dedicated-cluster specification. Which spec gets which of
// the documented 200–500 topics and 2000–5000 groups is an emulator choice,
// as are the TPS and bandwidth figures it reports.
type vipSpec struct {
	Display      string
	Topics       int
	Groups       int
	MaxTps       uint64
	MaxBandWidth uint64
}

var vipSpecs = map[string]vipSpec{
	"rocket-vip-basic-0": {"General", 200, 2000, 2000, 40},
	"rocket-vip-basic-1": {"Basic", 300, 3000, 4000, 80},
	"rocket-vip-basic-2": {"Standard", 400, 4000, 6000, 120},
	"rocket-vip-basic-3": {"Advanced I", 500, 5000, 8000, 160},
	"rocket-vip-basic-4": {"Advanced II", 500, 5000, 10000, 200},
}

// resourceName is the documented 4.x name alphabet: letters, digits, "-"
// and "_" (clusters, namespaces, topics, groups, roles).
var resourceName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]+$`) })

// checkName validates a name's alphabet and length, answering bad with a
// detail naming the parameter.
func checkName(bad *apierr.Def, param, name string, min, max int) error {
	n := utf8.RuneCountInString(name)
	if n < min || n > max {
		return bad.New().WithDetail(" (" + param + " must be " + itoa(min) + "-" + itoa(max) + " characters)")
	}
	if !resourceName().MatchString(name) {
		return bad.New().WithDetail(" (" + param + " may contain only letters, digits, \"-\" and \"_\")")
	}
	return nil
}

// checkRemark validates an optional remark's length.
func checkRemark(bad *apierr.Def, remark *string, max int) error {
	if remark != nil && utf8.RuneCountInString(*remark) > max {
		return bad.New().WithDetail(" (Remark longer than " + itoa(max) + " characters)")
	}
	return nil
}

func lower(s string) string { return strings.ToLower(s) }
