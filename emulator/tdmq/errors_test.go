package tdmq

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mqmock/mqmock/internal/apierr/catalogtest"

	"github.com/mqmock/mqmock/internal/apierr"
)

// The catalogue is checked against two independent sources: testdata/errors.tsv
// (the seed table as data) and, when the shared/ tree sits beside the
// repository as in CI, the raw seed file and tdmq.md. Expectations are never
// derived from the catalogue.

const (
	seedGlob = "../../../shared/seeds/003_*.txt"
	specPath = "../../../shared/specs/tdmq.md"
	// exampleMessage is the message of the seed's worked error response, which
	// the catalogue uses for AuthFailure.SignatureFailure instead of the table's
	// "Signature error.".
	exampleMessage = "The provided credentials could not be validated. Please ensure your signature is correct."
)

type seedRow struct{ code, description string }

func readTSV(t *testing.T) []seedRow {
	t.Helper()
	b, err := os.ReadFile("testdata/errors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if want := "code\tdescription"; lines[0] != want {
		t.Fatalf("TSV header %q, want %q", lines[0], want)
	}
	var rows []seedRow
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 2 || f[0] == "" || f[1] == "" {
			t.Fatalf("TSV line %d malformed: %q", i+2, l)
		}
		rows = append(rows, seedRow{f[0], f[1]})
	}
	if len(rows) != 26 {
		t.Fatalf("TSV has %d rows, want the seed's 26", len(rows))
	}
	return rows
}

// readSeed returns the raw seed file; it skips the test when shared/ is absent.
func readSeed(t *testing.T) string {
	t.Helper()
	paths, _ := filepath.Glob(seedGlob)
	if len(paths) == 0 {
		t.Skip("seed file not present at " + seedGlob)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r", "")
}

// seedTable parses the "Error Code Description" table: one "Code text" line
// per row (codes contain no spaces), ending at the first blank line.
func seedTable(t *testing.T, seed string) []seedRow {
	t.Helper()
	_, table, ok := strings.Cut(seed, "\nError Code Description\n")
	if !ok {
		t.Fatal("seed has no \"Error Code Description\" table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var rows []seedRow
	for _, l := range strings.Split(table, "\n") {
		code, desc, _ := strings.Cut(l, " ")
		rows = append(rows, seedRow{code, desc})
	}
	return rows
}

func expectedMessage(r seedRow) string {
	if r.code == "AuthFailure.SignatureFailure" {
		return exampleMessage
	}
	return r.description
}

func TestTSVMatchesSeedFile(t *testing.T) {
	seed := readSeed(t)
	got, want := readTSV(t), seedTable(t, seed)
	if len(want) != 26 {
		t.Errorf("seed table has %d rows, want 26", len(want))
	}
	if len(got) != len(want) {
		t.Fatalf("TSV %d rows, seed %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: TSV %q, seed %q", i+1, got[i], want[i])
		}
	}
	// The replacement message must really be the seed's example for that code.
	ex := regexp.MustCompile(`"Code": "([^"]+)",\s*"Message": "([^"]+)"`).FindStringSubmatch(seed)
	if ex == nil || ex[1] != "AuthFailure.SignatureFailure" || ex[2] != exampleMessage {
		t.Errorf("seed example error = %q, want AuthFailure.SignatureFailure with %q", ex, exampleMessage)
	}
}

// TestSeedRowsHaveDefs is direction (a), against the TSV and the raw seed.
func TestSeedRowsHaveDefs(t *testing.T) {
	check := func(src string, rows []seedRow) {
		for _, r := range rows {
			d, ok := Errors.ByName(r.code)
			if !ok {
				t.Errorf("%s row %s has no Def", src, r.code)
				continue
			}
			if d.Code != r.code || !d.Seed || d.Status != http.StatusOK || d.Message != expectedMessage(r) || d.Section != "Common Error Codes" {
				t.Errorf("%s row %s: Def %+v; want Code %s, Seed, 200, %q", src, r.code, *d, r.code, expectedMessage(r))
			}
		}
	}
	check("TSV", readTSV(t))
	check("seed", seedTable(t, readSeed(t)))
}

// TestSeedDefsAreDocumented is direction (b).
func TestSeedDefsAreDocumented(t *testing.T) {
	rows := readTSV(t)
	doc := map[string]bool{}
	for _, r := range rows {
		doc[r.code] = true
	}
	seed := Errors.Seed()
	if len(seed) != len(rows) {
		t.Errorf("%d Seed Defs for %d seed rows", len(seed), len(rows))
	}
	for _, d := range seed {
		if !doc[d.Code] {
			t.Errorf("Seed Def %s is not in the seed", d.Code)
		}
	}
}

// TestExtras is (f): the API-specific codes are present, not Seed, and are
// what tdmq.md documents.
func TestExtras(t *testing.T) {
	for _, c := range []*apierr.Def{
		ErrResourceNotFoundInstance, ErrResourceNotFoundCluster, ErrResourceNotFoundNamespace,
		ErrResourceNotFoundTopic, ErrResourceNotFoundGroup, ErrResourceNotFoundRole,
		ErrResourceNotFoundMessage, ErrResourceNotFoundEnvironment, ErrResourceNotFoundEnvironmentRole,
		ErrResourceInUseRole, ErrResourceInUseEnvironmentRole, ErrUnsupportedOperationResourceAlreadyExists,
		ErrLimitExceededTopicNum, ErrLimitExceededClusters, ErrFailedOperationInstanceNotReady,
		ErrFailedOperationRoleInUse, ErrUnsupportedOperationInstanceTopicNumDowngrade,
		ErrInvalidParameterPartition, ErrInvalidParameterValueInvalidParams,
		ErrMissingParameterNeedMoreParams, ErrUnsupportedOperationUnsupportedConsumerType,
	} {
		if d, ok := Errors.ByName(c.Name); !ok || d != c {
			t.Errorf("%s not in the catalogue", c.Name)
		}
	}
	for _, d := range Errors.Extra() {
		if d.Status != http.StatusOK || d.Seed {
			t.Errorf("extra %s: status %d Seed %v", d.Code, d.Status, d.Seed)
		}
	}
	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Skip("spec not present at " + specPath)
	}
	glosses, listed := specCodes(string(b))
	for _, d := range Errors.Extra() {
		if !glosses[d.Code][d.Message] {
			t.Errorf("extra %s: message %q is not a tdmq.md gloss for it (%v)", d.Code, d.Message, glosses[d.Code])
		}
	}
	// Completeness: every code an action of tdmq.md lists is in the catalogue.
	for code := range listed {
		if _, ok := Errors.ByName(code); !ok {
			t.Errorf("tdmq.md lists %s on an action; not in the catalogue", code)
		}
	}
}

// specCodes reads tdmq.md's per-action "Error codes the SDK documents" tables
// (| `Code` | gloss |) and the §7 catalogues (| `Code` | zh | gloss | …|). It
// returns the glosses per code and the codes listed on actions.
func specCodes(spec string) (map[string]map[string]bool, map[string]bool) {
	glosses, listed := map[string]map[string]bool{}, map[string]bool{}
	sic := regexp.MustCompile(`\s*\(sic[^)]*\)$`)
	add := func(code, gloss string) {
		if glosses[code] == nil {
			glosses[code] = map[string]bool{}
		}
		glosses[code][gloss] = true
		glosses[code][sic.ReplaceAllString(gloss, "")] = true
	}
	row := regexp.MustCompile("^\\| `([A-Za-z.]+)` \\|(.*)\\|$")
	inAction := false
	for _, l := range strings.Split(spec, "\n") {
		switch {
		case strings.HasPrefix(l, "Error codes the SDK documents"):
			inAction = true
			continue
		case strings.HasPrefix(l, "#"):
			inAction = false
		}
		m := row.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		cells := strings.Split(m[2], "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if inAction && len(cells) == 1 {
			add(m[1], cells[0])
			listed[m[1]] = true
		} else if len(cells) == 3 {
			add(m[1], cells[1])
		}
	}
	return glosses, listed
}

// TestCatalogueShape: TencentCloud codes as names, HTTP 200 (API 3.0 answers
// every error with 200).
func TestCatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, Errors, catalogtest.Shape{
		Vendor:     "tdmq",
		Code:       regexp.MustCompile(`^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$`),
		NameIsCode: true,
		Status:     func(s int) bool { return s == http.StatusOK },
	})
}

// TestEveryDefVarCatalogued parses errors.go: every Err… var holding an
// *apierr.Def is in the catalogue and named "Err" + the code without dots.
// The common (seed) rows are declared by internal/tcapi and checked there.
func TestEveryDefVarCatalogued(t *testing.T) {
	own := apierr.NewCatalogue("tdmq", Errors.Extra()...)
	catalogtest.VarsCatalogued(t, own, func(name string) string { return "Err" + strings.ReplaceAll(name, ".", "") }, "errors.go")
}

// TestResolve is (e).
func TestResolve(t *testing.T) {
	for ref, want := range map[string]*apierr.Def{
		"AuthFailure.SignatureFailure": ErrAuthFailureSignatureFailure,
		"ResourceNotFound.Topic":       ErrResourceNotFoundTopic,
		"ResourceNotFound":             ErrResourceNotFound,
		"UnsupportedProtocol":          ErrUnsupportedProtocol,
	} {
		d, args, err := Errors.Resolve(ref)
		if err != nil || d != want || args != nil {
			t.Errorf("Resolve(%q) = %v, %v, %v; want %s", ref, d, args, err, want.Name)
		}
	}
	d, _, err := Errors.Resolve("ResourceNotFound.Topik")
	if err == nil {
		t.Fatalf("Resolve(unknown) = %s; want an error", d.Name)
	}
	if !strings.Contains(err.Error(), "nearest") || !strings.Contains(err.Error(), "ResourceNotFound.Topic") {
		t.Errorf("Resolve(unknown) error %q should list ResourceNotFound.Topic", err)
	}
}
