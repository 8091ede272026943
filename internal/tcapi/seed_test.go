package tcapi

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The common rows are checked against two independent sources:
// testdata/errors.tsv (the seed table as data) and, when the shared/ tree
// sits beside the repository as in CI, the raw seed file. Expectations are
// never derived from the catalogue.

const (
	seedGlob = "../../../shared/seeds/003_*.txt"
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
			d, ok := Common().ByName(r.code)
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
	seed := Common().Seed()
	if len(seed) != len(rows) {
		t.Errorf("%d Seed Defs for %d seed rows", len(seed), len(rows))
	}
	for _, d := range seed {
		if !doc[d.Code] {
			t.Errorf("Seed Def %s is not in the seed", d.Code)
		}
	}
}
