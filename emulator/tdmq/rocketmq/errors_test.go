package rocketmq_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mqmock/mqmock/emulator/tdmq/rocketmq"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
	"github.com/mqmock/mqmock/internal/tcapi"
)

const specPath = "../../../../shared/specs/tdmq.md"

// TestEveryDefVarCatalogued parses errors.go: every err… var holding an
// *apierr.Def is in the catalogue and named "err" + the code without dots.
// The common rows are internal/tcapi's, checked there.
func TestEveryDefVarCatalogued(t *testing.T) {
	catalogtest.VarsCatalogued(t, rocketmq.Catalogue(), func(name string) string { return "err" + strings.ReplaceAll(name, ".", "") }, "errors.go")
}

// TestCatalogueShape: TencentCloud codes as names, HTTP 200, none of them a
// common code.
func TestCatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, rocketmq.Catalogue(), catalogtest.Shape{
		Vendor:     "rocketmq",
		Code:       regexp.MustCompile(`^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$`),
		NameIsCode: true,
		Status:     func(s int) bool { return s == http.StatusOK },
	})
	for _, d := range rocketmq.Catalogue().All() {
		_, common := tcapi.Common().ByName(d.Name)
		assert.False(t, common, "%s is a common code", d.Name)
	}
}

// TestExtras: the API-specific codes are present, not Seed, and are what
// tdmq.md documents; every code tdmq.md lists on a 4.x action (§6) is one
// this product or the protocol declares.
func TestExtras(t *testing.T) {
	cat := rocketmq.Catalogue()
	for _, code := range []string{
		"ResourceNotFound.Instance", "ResourceNotFound.Cluster", "ResourceNotFound.Namespace", "ResourceNotFound.Topic",
		"ResourceNotFound.Role", "ResourceNotFound.Environment", "ResourceNotFound.EnvironmentRole", "ResourceInUse.Role",
		"ResourceInUse.EnvironmentRole", "LimitExceeded.Clusters", "FailedOperation.InstanceNotReady", "FailedOperation.RoleInUse",
		"InvalidParameter.Partition", "InvalidParameterValue.InvalidParams", "MissingParameter.NeedMoreParams",
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
	if len(listed["6"]) == 0 {
		t.Fatal("tdmq.md §6 lists no codes")
	}
	for code := range listed["6"] {
		_, own := cat.ByName(code)
		_, common := tcapi.Common().ByName(code)
		assert.True(t, own || common, "tdmq.md lists %s on a 4.x action; not in the catalogue", code)
	}
}
