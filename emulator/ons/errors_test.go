package ons

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"

	"github.com/mqmock/mqmock/internal/apierr"
)

// The catalogue is checked against two independent sources: testdata/errors.tsv
// (the seed table as hand-split data) and, when the shared/ tree sits beside
// the repository as in CI, the raw seed file and the specs (ons.md for the
// chosen statuses, aliyun-rpc.md for the gateway codes). Expectations are
// never derived from the catalogue.

const (
	seedGlob = "../../../shared/seeds/004_*.txt"
	onsSpec  = "../../../shared/specs/ons.md"
)

// chosenStatus is ons.md §5.1: the seed gives no status; backend failures 500,
// every business code 400.
func chosenStatus(code string) int {
	switch code {
	case "ONS_SYSTEM_ERROR", "ONS_INVOKE_ERROR":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

type seedRow struct{ code, symptom, solution string }

func readTSV(t *testing.T) []seedRow {
	t.Helper()
	b, err := os.ReadFile("testdata/errors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if want := "code\tsymptom\tsolution"; lines[0] != want {
		t.Fatalf("TSV header %q, want %q", lines[0], want)
	}
	var rows []seedRow
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			t.Fatalf("TSV line %d malformed: %q", i+2, l)
		}
		rows = append(rows, seedRow{f[0], f[1], f[2]})
	}
	if len(rows) != 17 {
		t.Fatalf("TSV has %d rows, want the seed's 17", len(rows))
	}
	return rows
}

// seedLines returns the raw rows of the seed's table ("CODE symptom solution",
// separated by spaces only); it skips the test when shared/ is absent.
func seedLines(t *testing.T) []string {
	t.Helper()
	paths, _ := filepath.Glob(seedGlob)
	if len(paths) == 0 {
		t.Skip("seed file not present at " + seedGlob)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	in := false
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n") {
		switch {
		case l == "Error Code Symptom and Cause Solution":
			in = true
		case in && regexp.MustCompile(`^[A-Z]+(_[A-Z]+)+ `).MatchString(l):
			out = append(out, l)
		case in && strings.TrimSpace(l) != "":
			in = false
		}
	}
	return out
}

// TestTSVMatchesSeedFile: each TSV row re-joined is exactly one seed line, in
// order, and the seed has no line the TSV lacks.
func TestTSVMatchesSeedFile(t *testing.T) {
	lines, rows := seedLines(t), readTSV(t)
	if len(lines) != 17 {
		t.Errorf("seed table has %d rows, want 17", len(lines))
	}
	if len(lines) != len(rows) {
		t.Fatalf("seed %d rows, TSV %d", len(lines), len(rows))
	}
	for i, r := range rows {
		if got := r.code + " " + r.symptom + " " + r.solution; got != lines[i] {
			t.Errorf("row %d:\n TSV  %q\n seed %q", i+1, got, lines[i])
		}
	}
}

// TestSeedRowsHaveDefs is direction (a), from the TSV and from the raw seed
// (each seed line must begin with the Def's code and message).
func TestSeedRowsHaveDefs(t *testing.T) {
	for _, r := range readTSV(t) {
		d, ok := Catalogue().ByName(r.code)
		if !ok {
			t.Errorf("seed row %s has no Def", r.code)
			continue
		}
		if d.Code != r.code || !d.Seed || d.Message != r.symptom || d.Status != chosenStatus(r.code) || d.Section != "Error code" {
			t.Errorf("%s: Def %+v; want Seed, %q, status %d", r.code, *d, r.symptom, chosenStatus(r.code))
		}
	}
	for _, l := range seedLines(t) {
		code, _, _ := strings.Cut(l, " ")
		d, ok := Catalogue().ByName(code)
		if !ok || !strings.HasPrefix(l, d.Code+" "+d.Message+" ") {
			t.Errorf("seed line %q has no Def with its code and symptom", l)
		}
	}
}

// TestSeedDefsAreDocumented is direction (b).
func TestSeedDefsAreDocumented(t *testing.T) {
	rows := readTSV(t)
	doc := map[string]bool{}
	for _, r := range rows {
		doc[r.code] = true
	}
	seed := Catalogue().Seed()
	if len(seed) != len(rows) {
		t.Errorf("%d Seed Defs for %d seed rows", len(seed), len(rows))
	}
	for _, d := range seed {
		if !doc[d.Code] {
			t.Errorf("Seed Def %s is not in the seed", d.Code)
		}
	}
}

// TestStatusesMatchSpec: the chosen statuses and messages are ons.md §5.1's.
func TestStatusesMatchSpec(t *testing.T) {
	b, err := os.ReadFile(onsSpec)
	if err != nil {
		t.Skip("spec not present at " + onsSpec)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\| ([^|]+) \\| (\\d{3}) \\|")
	n := 0
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		n++
		d, ok := Catalogue().ByName(m[1])
		if !ok || !d.Seed {
			t.Errorf("ons.md §5.1 row %s is not a Seed Def", m[1])
			continue
		}
		if st, _ := strconv.Atoi(m[3]); d.Status != st || d.Message != m[2] || chosenStatus(m[1]) != st {
			t.Errorf("%s: Def %d %q, ons.md %s %q", m[1], d.Status, d.Message, m[3], m[2])
		}
	}
	if n != 17 {
		t.Errorf("parsed %d rows of ons.md §5.1, want 17", n)
	}
}

// extras is (f): every code not in the seed, with its status (ons.md §5.2,
// aliyun-rpc.md §6, and the STS token codes of the POP gateway).
var extras = map[string]int{
	"INSTANCE_NOT_FOUND":                         400,
	"INSTANCE_NOT_EMPTY":                         400,
	"AUTH_RESOURCE_OWNER_ERROR":                  400,
	"Throttling.User":                            400,
	"SignatureDoesNotMatch":                      400,
	"IncompleteSignature":                        400,
	"InvalidTimeStamp.Expired":                   400,
	"InvalidTimeStamp.Format":                    400,
	"IllegalTimestamp":                           400,
	"SignatureNonceUsed":                         400,
	"InvalidAccessKeyId.NotFound":                404,
	"InvalidAccessKeyId.Inactive":                400,
	"MissingSecurityToken":                       400,
	"InvalidSecurityToken.Expired":               400,
	"InvalidSecurityToken.Malformed":             400,
	"InvalidSecurityToken.MismatchWithAccessKey": 400,
	"InvalidSignatureMethod":                     400,
	"UnsupportedSignatureAlgorithm":              400,
	"InvalidRegionId":                            400,
	"InvalidAction.WrongPort":                    404,
	"Missing%s":                                  400,
	"InvalidAction.NotFound":                     404,
	"InvalidVersion":                             400,
	"InvalidParameter.Format":                    400,
	"UnsupportedHTTPMethod":                      400,
	"Throttling.Api":                             400,
	"Throttling":                                 400,
	"ServiceUnavailable":                         503,
}

func TestExtras(t *testing.T) {
	got := Catalogue().Extra()
	if len(got) != len(extras) {
		t.Errorf("%d extras, want %d", len(got), len(extras))
	}
	for _, d := range got {
		if st, ok := extras[d.Code]; !ok || d.Status != st || d.Seed {
			t.Errorf("extra %s: status %d Seed %v; want listed, status %d, not Seed", d.Code, d.Status, d.Seed, st)
		}
	}
	for code := range extras {
		if _, ok := Catalogue().ByName(code); !ok {
			t.Errorf("extra %s missing", code)
		}
	}
}

// TestCatalogueShape: codes as names, 4xx/5xx statuses (the Go SDK decides
// failure by status alone).
func TestCatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, Catalogue(), catalogtest.Shape{
		Vendor: "ons", NameIsCode: true, Status: func(s int) bool { return s >= 400 && s <= 599 },
	})
}

// varName is the naming rule: "err" + the code CamelCased, dots and
// underscores dropped (ONS_SYSTEM_ERROR -> errOnsSystemError); the family is
// errMissingParameterFamily.
func varName(code string) string {
	if code == "Missing%s" {
		return "errMissingParameterFamily"
	}
	out := "err"
	for _, p := range regexp.MustCompile(`[._]`).Split(code, -1) {
		if strings.Contains(code, "_") {
			p = strings.ToLower(p)
		}
		out += strings.ToUpper(p[:1]) + p[1:]
	}
	return out
}

// TestEveryDefVarCatalogued parses errors.go and the gateway rows (declared
// once for both Alibaba products, in aliyunrpc): every err… var holding an
// *apierr.Def is in the catalogue and follows the naming rule.
func TestEveryDefVarCatalogued(t *testing.T) {
	catalogtest.VarsCatalogued(t, Catalogue(), varName, "errors.go", "../../internal/aliyunrpc/gateway.go")
}

// gatewayDef is the gateway's own row of that name, found in the protocol's
// list rather than in this catalogue, so that Resolve is checked against it.
func gatewayDef(t *testing.T, name string) *apierr.Def {
	t.Helper()
	for _, d := range aliyunrpc.GatewayErrors() {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("the gateway has no row %s", name)
	return nil
}

// TestResolve is (e).
func TestResolve(t *testing.T) {
	for ref, want := range map[string]*apierr.Def{
		"BIZ_TOPIC_NOT_FOUND":  errBizTopicNotFound,
		"MissingSecurityToken": gatewayDef(t, "MissingSecurityToken"), // exact code beats the family
		"Throttling.User":      gatewayDef(t, "Throttling.User"),
	} {
		d, args, err := Catalogue().Resolve(ref)
		if err != nil || d != want || args != nil {
			t.Errorf("Resolve(%q) = %v, %v, %v; want %s", ref, d, args, err, want.Name)
		}
	}
	d, args, err := Catalogue().Resolve("MissingInstanceId")
	if err != nil || d != gatewayDef(t, "Missing%s") || len(args) != 1 || args[0] != "InstanceId" {
		t.Fatalf("Resolve(MissingInstanceId) = %v, %v, %v", d, args, err)
	}
	e := d.New(args...)
	if e.Code() != "MissingInstanceId" || e.Message() != "InstanceId is mandatory for this action." {
		t.Errorf("family renders %q %q", e.Code(), e.Message())
	}
	d, _, err = Catalogue().Resolve("BIZ_TOPIC_NOT_FOUNDX")
	if err == nil {
		t.Fatalf("Resolve(unknown) = %s; want an error", d.Name)
	}
	if !strings.Contains(err.Error(), "nearest") || !strings.Contains(err.Error(), "BIZ_TOPIC_NOT_FOUND") {
		t.Errorf("Resolve(unknown) error %q should list BIZ_TOPIC_NOT_FOUND", err)
	}
}
