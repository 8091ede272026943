package tdmq_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/tdmq"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
	"github.com/mqmock/mqmock/emulator/tdmq/trocket"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

const specPath = "../../../shared/specs/tdmq.md"

// doorCatalogue is the door's catalogue: the common codes and both
// products' rows (a door built from the zero Env).
func doorCatalogue(t *testing.T) *apierr.Catalogue {
	t.Helper()
	d, err := tdmq.NewDoor(pipeline.Env{}, nil)
	require.NoError(t, err)
	return d.Frontend.Catalogue()
}

// TestCatalogueShape: TencentCloud codes as names, HTTP 200 (API 3.0 answers
// every error with 200), the 26 common codes first and from the seed.
func TestCatalogueShape(t *testing.T) {
	cat := doorCatalogue(t)
	catalogtest.CheckShape(t, cat, catalogtest.Shape{
		Vendor:     "tdmq",
		Code:       regexp.MustCompile(`^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$`),
		NameIsCode: true,
		Status:     func(s int) bool { return s == http.StatusOK },
	})
	assert.Equal(t, tcapi.Common().All(), cat.All()[:26])
	assert.Len(t, cat.Seed(), 26)
}

// TestEveryListedCodeIsCatalogued: every code tdmq.md lists on an action is
// one the door can answer.
func TestEveryListedCodeIsCatalogued(t *testing.T) {
	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Skip("spec not present at " + specPath)
	}
	cat := doorCatalogue(t)
	_, listed := tdmqtest.SpecCodes(string(b))
	require.NotEmpty(t, listed)
	for section, codes := range listed {
		for code := range codes {
			_, ok := cat.ByName(code)
			assert.True(t, ok, "tdmq.md §%s lists %s on an action; not in the catalogue", section, code)
		}
	}
}

// TestChineseTextsAreCatalogueCodes: every Chinese text of the products'
// codes belongs to a code of the door (the common codes' texts are
// internal/tcapi's, checked there).
func TestChineseTextsAreCatalogueCodes(t *testing.T) {
	cat := doorCatalogue(t)
	for code := range trocket.Chinese() {
		_, ok := cat.ByName(code)
		assert.True(t, ok, "%s is not a catalogue code", code)
	}
}

// TestResolve: a scenario names a row of any product, or a common one.
func TestResolve(t *testing.T) {
	cat := doorCatalogue(t)
	for ref, want := range map[string]string{
		"AuthFailure.SignatureFailure": "AuthFailure.SignatureFailure",
		"ResourceNotFound.Topic":       "ResourceNotFound.Topic",
		"ResourceNotFound.Cluster":     "ResourceNotFound.Cluster",
		"ResourceNotFound.Group":       "ResourceNotFound.Group",
		"ResourceInUse.Queue":          "ResourceInUse.Queue",
		"LimitExceeded.Subscriptions":  "LimitExceeded.Subscriptions",
		"ResourceNotFound":             "ResourceNotFound",
		"UnsupportedProtocol":          "UnsupportedProtocol",
	} {
		d, args, err := cat.Resolve(ref)
		if assert.NoError(t, err, ref) {
			assert.Equal(t, want, d.Name)
			assert.Nil(t, args)
		}
	}
	d, _, err := cat.Resolve("ResourceNotFound.Topik")
	require.Error(t, err, "Resolve(unknown) = %v", d)
	assert.True(t, strings.Contains(err.Error(), "nearest") && strings.Contains(err.Error(), "ResourceNotFound.Topic"), err.Error())
}
