package mqtt

import (
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mqmock/mqmock/internal/apierr"
)

// The catalogue is checked against two independent sources: testdata/errors.tsv
// (the seed table as data) and, when the shared/ tree sits beside the
// repository as in CI, the raw seed files 001 (traditional Chinese, a pipe
// table) and 002 (simplified Chinese, cells run together) and aliyun-rpc.md
// for the gateway codes. Expectations are never derived from the catalogue.

const (
	seed001 = "../../../shared/seeds/001_*.txt"
	seed002 = "../../../shared/seeds/002_*.txt"
)

type seedRow struct {
	section string
	status  int
	code    string
	message string
	desc    string
}

func readTSV(t *testing.T) []seedRow {
	t.Helper()
	b, err := os.ReadFile("testdata/errors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if want := "section\thttp\tcode\tmessage\tdescription"; lines[0] != want {
		t.Fatalf("TSV header %q, want %q", lines[0], want)
	}
	var rows []seedRow
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 5 || f[0] == "" || f[2] == "" || f[3] == "" || f[4] == "" {
			t.Fatalf("TSV line %d malformed: %q", i+2, l)
		}
		st, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatalf("TSV line %d: bad status %q", i+2, f[1])
		}
		rows = append(rows, seedRow{f[0], st, f[2], f[3], f[4]})
	}
	count := map[string]int{}
	for _, r := range rows {
		count[r.section]++
	}
	if len(rows) != 17 || count["Token"] != 9 || count["Group ID"] != 8 {
		t.Fatalf("TSV has %d rows %v, want 17 = Token 9 + Group ID 8", len(rows), count)
	}
	return rows
}

func readSeed(t *testing.T, glob string) []string {
	t.Helper()
	paths, _ := filepath.Glob(glob)
	if len(paths) == 0 {
		t.Skip("seed file not present at " + glob)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n")
}

// seedPipeRows parses 001: "| 404 | ApiNotSupport | message | 描述 |" rows
// under "Token相關錯誤碼" / "Group ID相關錯誤碼" headings.
func seedPipeRows(t *testing.T) []seedRow {
	t.Helper()
	row := regexp.MustCompile(`^\| (\d{3}) \| (\S+) \| (.+?) \| (.+) \|$`)
	var rows []seedRow
	section := ""
	for _, l := range readSeed(t, seed001) {
		if s, ok := strings.CutSuffix(l, "相關錯誤碼"); ok {
			section = s
		}
		if m := row.FindStringSubmatch(l); m != nil {
			st, _ := strconv.Atoi(m[1])
			rows = append(rows, seedRow{section, st, m[2], m[3], m[4]})
		}
	}
	return rows
}

// seedRunTogether returns 002's rows ("404ApiNotSupportThe specified…当前…",
// no separators) with their section ("Token相关错误码" headings).
func seedRunTogether(t *testing.T) (lines, sections []string) {
	t.Helper()
	section := ""
	for _, l := range readSeed(t, seed002) {
		if s, ok := strings.CutSuffix(l, "相关错误码"); ok {
			section = s
		}
		if regexp.MustCompile(`^\d{3}[A-Z]`).MatchString(l) {
			lines = append(lines, l)
			sections = append(sections, section)
		}
	}
	return lines, sections
}

// TestTSVMatchesSeedFiles: the TSV is 002 row for row (cells re-joined give
// the raw line), and 001 has the same sections, codes, statuses and messages.
func TestTSVMatchesSeedFiles(t *testing.T) {
	rows := readTSV(t)
	lines, sections := seedRunTogether(t)
	if len(lines) != 17 {
		t.Errorf("002 has %d rows, want 17", len(lines))
	}
	if len(lines) != len(rows) {
		t.Fatalf("002 %d rows, TSV %d", len(lines), len(rows))
	}
	for i, r := range rows {
		if got := strconv.Itoa(r.status) + r.code + r.message + r.desc; got != lines[i] || r.section != sections[i] {
			t.Errorf("row %d:\n TSV %s %q\n 002 %s %q", i+1, r.section, got, sections[i], lines[i])
		}
	}
	trad := seedPipeRows(t)
	if len(trad) != len(rows) {
		t.Fatalf("001 %d rows, TSV %d", len(trad), len(rows))
	}
	for i, r := range rows {
		tr := trad[i]
		if tr.section != r.section || tr.status != r.status || tr.code != r.code || tr.message != r.message {
			t.Errorf("row %d: 001 %s %d %s %q; 002/TSV %s %d %s %q", i+1, tr.section, tr.status, tr.code, tr.message, r.section, r.status, r.code, r.message)
		}
	}
}

// TestSeedRowsHaveDefs is direction (a), from the TSV and from 001.
func TestSeedRowsHaveDefs(t *testing.T) {
	check := func(src string, rows []seedRow) {
		for _, r := range rows {
			d, ok := Catalogue().ByName(r.code)
			if !ok {
				t.Errorf("%s row %s has no Def", src, r.code)
				continue
			}
			if d.Code != r.code || !d.Seed || d.Status != r.status || d.Message != r.message {
				t.Errorf("%s row %s: Def %+v; want Seed, %d, %q", src, r.code, *d, r.status, r.message)
			}
			if !contains(strings.Split(d.Section, ", "), r.section) {
				t.Errorf("%s row %s: Def section %q lacks %q", src, r.code, d.Section, r.section)
			}
		}
	}
	check("TSV", readTSV(t))
	check("001", seedPipeRows(t))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSeedDefsAreDocumented is direction (b): one Seed Def per distinct code;
// a code in both sections has one status and text there, and its Def names
// both sections in seed order.
func TestSeedDefsAreDocumented(t *testing.T) {
	rows := readTSV(t)
	sections := map[string][]string{}
	first := map[string]seedRow{}
	for _, r := range rows {
		if f, ok := first[r.code]; ok && (f.status != r.status || f.message != r.message) {
			t.Errorf("%s differs between sections; one Def cannot hold both", r.code)
		} else if !ok {
			first[r.code] = r
		}
		sections[r.code] = append(sections[r.code], r.section)
	}
	seed := Catalogue().Seed()
	if len(sections) != 14 || len(seed) != 14 {
		t.Errorf("%d distinct seed codes, %d Seed Defs; want 14 each", len(sections), len(seed))
	}
	for _, d := range seed {
		secs, ok := sections[d.Code]
		if !ok {
			t.Errorf("Seed Def %s is not in the seed", d.Code)
			continue
		}
		if want := strings.Join(secs, ", "); d.Section != want {
			t.Errorf("%s: section %q, want %q", d.Code, d.Section, want)
		}
	}
	for _, c := range []string{"InternalError", "InstancePermissionCheckFailed", "PermissionCheckFailed"} {
		if len(sections[c]) != 2 {
			t.Errorf("%s should be in both seed sections, is in %v", c, sections[c])
		}
	}
}

// extras is (f): every code not in the seeds, with its status.
var extras = map[string]int{
	"DeleteGroupIdError":                         500,
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
	"InvalidVersion":                             400,
	"InvalidParameter.Format":                    400,
	"UnsupportedHTTPMethod":                      400,
	"Throttling.User":                            400,
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
	// MQTT answers an unknown action with the seed's ApiNotSupport.
	if _, ok := Catalogue().ByName("InvalidAction.NotFound"); ok {
		t.Error("InvalidAction.NotFound must not be in the MQTT catalogue")
	}
}

// TestCatalogueShape: codes as names, 4xx/5xx statuses (the Go SDK decides
// failure by status alone).
func TestCatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, Catalogue(), catalogtest.Shape{
		Vendor: "mqtt", NameIsCode: true, Status: func(s int) bool { return s >= 400 && s <= 599 },
	})
}

// varName is the naming rule: "err" + the code with dots dropped; families are
// errInvalidParameterFamily and errMissingParameterFamily.
func varName(code string) string {
	switch code {
	case "InvalidParameter.%s":
		return "errInvalidParameterFamily"
	case "Missing%s":
		return "errMissingParameterFamily"
	}
	return "err" + strings.ReplaceAll(code, ".", "")
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
		"InternalError":           errInternalError,
		"ApiNotSupport":           errApiNotSupport,
		"InvalidParameter.%s":     errInvalidParameterFamily,                // by name
		"InvalidParameter.Format": gatewayDef(t, "InvalidParameter.Format"), // exact code beats the family
		"MissingSecurityToken":    gatewayDef(t, "MissingSecurityToken"),
	} {
		d, args, err := Catalogue().Resolve(ref)
		if err != nil || d != want || args != nil {
			t.Errorf("Resolve(%q) = %v, %v, %v; want %s", ref, d, args, err, want.Name)
		}
	}
	d, args, err := Catalogue().Resolve("InvalidParameter.ClientId")
	if err != nil || d != errInvalidParameterFamily || len(args) != 1 || args[0] != "ClientId" {
		t.Fatalf("Resolve(InvalidParameter.ClientId) = %v, %v, %v", d, args, err)
	}
	e := d.New(args...)
	if e.Code() != "InvalidParameter.ClientId" || e.Message() != "An error occurred while validating the parameter. The parameter may be missing or invalid." {
		t.Errorf("family renders %q %q", e.Code(), e.Message())
	}
	if d, args, err := Catalogue().Resolve("MissingGroupId"); err != nil || d != gatewayDef(t, "Missing%s") || len(args) != 1 || args[0] != "GroupId" {
		t.Errorf("Resolve(MissingGroupId) = %v, %v, %v", d, args, err)
	}
	d, _, err = Catalogue().Resolve("InstanceNotFund")
	if err == nil {
		t.Fatalf("Resolve(unknown) = %s; want an error", d.Name)
	}
	if !strings.Contains(err.Error(), "nearest") || !strings.Contains(err.Error(), "InstanceNotFound") {
		t.Errorf("Resolve(unknown) error %q should list InstanceNotFound", err)
	}
}
