package trocket_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/emulator/tdmq/trocket"
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
	"github.com/mqmock/mqmock/internal/tcapi"
)

const specPath = "../../../../shared/specs/tdmq.md"

// TestEveryDefVarCatalogued parses errors.go: every err… var holding an
// *apierr.Def is in the catalogue and named "err" + the code without dots.
// The common rows are internal/tcapi's, checked there.
func TestEveryDefVarCatalogued(t *testing.T) {
	catalogtest.VarsCatalogued(t, trocket.Catalogue(), func(name string) string { return "err" + strings.ReplaceAll(name, ".", "") }, "errors.go")
}

// TestCatalogueShape: TencentCloud codes as names, HTTP 200, none of them a
// common code.
func TestCatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, trocket.Catalogue(), catalogtest.Shape{
		Vendor:     "trocket",
		Code:       regexp.MustCompile(`^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$`),
		NameIsCode: true,
		Status:     func(s int) bool { return s == http.StatusOK },
	})
	for _, d := range trocket.Catalogue().All() {
		_, common := tcapi.Common().ByName(d.Name)
		assert.False(t, common, "%s is a common code", d.Name)
	}
}

// TestExtras: the API-specific codes are present, not Seed, and are what
// tdmq.md documents; every code tdmq.md lists on a 5.x action (§5) is one
// this product or the protocol declares.
func TestExtras(t *testing.T) {
	cat := trocket.Catalogue()
	for _, code := range []string{
		"ResourceNotFound.Instance", "ResourceNotFound.Topic", "ResourceNotFound.Group", "ResourceNotFound.Role",
		"ResourceNotFound.Message", "UnsupportedOperation.ResourceAlreadyExists", "LimitExceeded.TopicNum",
		"FailedOperation.InstanceNotReady", "UnsupportedOperation.InstanceTopicNumDowngrade",
		"UnsupportedOperation.UnsupportedConsumerType",
	} {
		_, ok := cat.ByName(code)
		assert.True(t, ok, "%s not in the catalogue", code)
	}
	for _, d := range cat.All() {
		if d.Status != http.StatusOK || d.Seed {
			t.Errorf("extra %s: status %d Seed %v", d.Code, d.Status, d.Seed)
		}
	}
	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Skip("spec not present at " + specPath)
	}
	glosses, listed := tdmqtest.SpecCodes(string(b))
	for _, d := range cat.All() {
		if !glosses[d.Code][d.Message] {
			t.Errorf("extra %s: message %q is not a tdmq.md gloss for it (%v)", d.Code, d.Message, glosses[d.Code])
		}
	}
	if len(listed["5"]) == 0 {
		t.Fatal("tdmq.md §5 lists no codes")
	}
	for code := range listed["5"] {
		_, own := cat.ByName(code)
		_, common := tcapi.Common().ByName(code)
		assert.True(t, own || common, "tdmq.md lists %s on a 5.x action; not in the catalogue", code)
	}
}

// TestChineseTextsAreCatalogueCodes: every Chinese text belongs to a 5.x
// row, and Chinese hands out a copy.
func TestChineseTextsAreCatalogueCodes(t *testing.T) {
	zh := trocket.Chinese()
	for code := range zh {
		_, ok := trocket.Catalogue().ByName(code)
		assert.True(t, ok, "%s is not a catalogue code", code)
	}
	zh["ResourceNotFound.Instance"] = "changed"
	assert.NotEqual(t, "changed", trocket.Chinese()["ResourceNotFound.Instance"])
}
