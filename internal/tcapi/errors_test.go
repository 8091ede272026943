package tcapi

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
)

// TestEveryCommonRowIsDeclaredOnce parses errors.go: every err… var holding
// an *apierr.Def is a common row, named "err" + the code without dots.
func TestEveryCommonRowIsDeclaredOnce(t *testing.T) {
	catalogtest.VarsCatalogued(t, Common(), func(name string) string { return "err" + strings.ReplaceAll(name, ".", "") }, "errors.go")
}

// TestCommonShape: TencentCloud codes as names, HTTP 200, all from the seed.
func TestCommonShape(t *testing.T) {
	catalogtest.CheckShape(t, Common(), catalogtest.Shape{
		Vendor:     "common",
		Code:       regexp.MustCompile(`^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$`),
		NameIsCode: true,
		Status:     func(s int) bool { return s == http.StatusOK },
	})
	if n := len(Common().Extra()); n != 0 {
		t.Errorf("%d common rows are not from the seed", n)
	}
}

func TestRowPanicsOnAnUnknownCode(t *testing.T) {
	if Row("InvalidParameter") != errInvalidParameter {
		t.Fatal("Row does not find a common code")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Row of an unknown code must panic")
		}
	}()
	Row("ResourceNotFound.Topic")
}
