package cmq

import (
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/mqmock/mqmock/internal/apierr"
)

// The catalogue is checked against two independent sources: testdata/errors.tsv
// (the seed table as hand-split data) and, when the shared/ tree sits beside
// the repository as in CI, the raw seed file itself. Expectations are never
// derived from the catalogue.

const (
	seedGlob = "../../../shared/seeds/000_*.txt"
	specPath = "../../../shared/specs/cmq.md"
)

// seedRow is one line of testdata/errors.tsv.
type seedRow struct {
	section, code, module, english, chinese, action string
}

func readTSV(t *testing.T) []seedRow {
	t.Helper()
	b, err := os.ReadFile("testdata/errors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if want := "section\tcode\tmodule\tenglish\tchinese\taction"; lines[0] != want {
		t.Fatalf("TSV header %q, want %q", lines[0], want)
	}
	var rows []seedRow
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 6 {
			t.Fatalf("TSV line %d has %d fields, want 6: %q", i+2, len(f), l)
		}
		for j, c := range f {
			if c == "" || strings.TrimSpace(c) != c {
				t.Errorf("TSV line %d field %d empty or padded: %q", i+2, j+1, c)
			}
		}
		rows = append(rows, seedRow{f[0], f[1], f[2], f[3], f[4], f[5]})
	}
	return rows
}

// literalModule matches the seed's "4440(10100)" cells, which render the
// parenthesised number (cmq.md §5.1).
var literalModule = regexp.MustCompile(`^\d+\((\d+)\)$`)

// listMarker is the "(1)"/"(2)" prefix of the two texts of row 10590.
var listMarker = regexp.MustCompile(`^\(\d\)`)

// expectation is one Def a seed row calls for.
type expectation struct {
	code, message, section, seedCode string
}

// expect turns a TSV row into the Defs it requires: code "<code>/<rendered
// module>", one Def per English text (row 10590 joins two with " / ").
func expect(r seedRow) []expectation {
	module, seedCode := r.module, ""
	if m := literalModule.FindStringSubmatch(r.module); m != nil {
		module, seedCode = m[1], r.module
	}
	var out []expectation
	for _, text := range strings.Split(r.english, " / ") {
		out = append(out, expectation{
			code:     r.code + "/" + module,
			message:  listMarker.ReplaceAllString(text, ""),
			section:  r.section,
			seedCode: seedCode,
		})
	}
	return out
}

func TestTSVShape(t *testing.T) {
	rows := readTSV(t)
	if len(rows) != 81 {
		t.Fatalf("TSV has %d rows, want the seed's 81", len(rows))
	}
	// The seed-parsing trap (cmq.md §13): English and Chinese are separated by
	// spaces only and some Chinese cells begin with ASCII words. These are the
	// English texts per the English twin of the seed.
	trap := map[string]string{
		"4100/10080": "secret id status error",
		"4100/10270": "secret id is not existed",
		"4000/10450": "secret id dosen't begin with AKID",
		"4000/10490": "number of filterTag exceed limit",
		"4000/10500": "endpoint format error",
		"4000/10670": "too many filterTag",
		"4450/10610": "number of topics has reached the limit",
		"4510/10570": "url connot contain any blank characters",
		"4000/10470": "receiptHandle error",
		"4000/10680": "too many bindingKey",
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if want, ok := trap[r.code+"/"+r.module]; ok {
			seen[r.code+"/"+r.module] = true
			if r.english != want {
				t.Errorf("%s/%s English %q, want %q", r.code, r.module, r.english, want)
			}
		}
		if strings.IndexFunc(r.english, isCJK) >= 0 {
			t.Errorf("%s/%s English cell holds Chinese: %q", r.code, r.module, r.english)
		}
		if strings.IndexFunc(r.chinese, isCJK) < 0 {
			t.Errorf("%s/%s Chinese cell has no Chinese: %q", r.code, r.module, r.chinese)
		}
	}
	if len(seen) != len(trap) {
		t.Errorf("only %d of the %d trap rows found", len(seen), len(trap))
	}
	// Typos are part of the contract.
	all := ""
	for _, r := range rows {
		all += r.english + "\n"
	}
	for _, typo := range []string{"dosen't", "stragety", "connot", "recieve", "subscribtion", "delimeters", "rewinded"} {
		if !strings.Contains(all, typo) {
			t.Errorf("typo %q lost from the English texts", typo)
		}
	}
}

func isCJK(r rune) bool { return unicode.Is(unicode.Han, r) }

// seedRecord is one row of the raw seed file, continuation lines included.
type seedRecord struct {
	section, text string
}

var recordStart = regexp.MustCompile(`^(\d{4}) (\d+(?:\(\d+\))?) `)

// readSeed parses the raw seed file; it skips the test when shared/ is absent.
func readSeed(t *testing.T) []seedRecord {
	t.Helper()
	paths, _ := filepath.Glob(seedGlob)
	if len(paths) == 0 {
		t.Skip("seed file not present at " + seedGlob)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	var recs []seedRecord
	section, headers, open := "", 0, false
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimRight(l, "\r")
		switch {
		case strings.HasPrefix(l, "错误码 模块错误码"):
			headers++
			open = false
			if headers == 1 {
				section = "Common"
			} else if headers == 4 {
				// The last table has no heading; cmq.md names it "Module".
				section = "Module"
			}
		case l == "Queue 公共错误码":
			section, open = "Queue common", false
		case l == "Topic 公共错误码":
			section, open = "Topic common", false
		case recordStart.MatchString(l):
			recs = append(recs, seedRecord{section, l})
			open = true
		case strings.TrimSpace(l) == "":
			open = false
		case open:
			recs[len(recs)-1].text += "\n" + l
		}
	}
	return recs
}

func normalise(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, " / ", " "), "\n", " ")
}

// TestTSVMatchesSeedFile: each TSV row is exactly one seed row, in order, and
// the seed has no row the TSV lacks.
func TestTSVMatchesSeedFile(t *testing.T) {
	recs := readSeed(t)
	rows := readTSV(t)
	if len(recs) != 81 {
		t.Fatalf("seed file has %d rows, want 81", len(recs))
	}
	if len(rows) != len(recs) {
		t.Fatalf("TSV has %d rows, seed %d", len(rows), len(recs))
	}
	for i, r := range rows {
		want := normalise(recs[i].text)
		got := normalise(strings.Join([]string{r.code, r.module, r.english, r.chinese, r.action}, " "))
		if got != want {
			t.Errorf("row %d:\n TSV  %q\n seed %q", i+1, got, want)
		}
		if r.section != recs[i].section {
			t.Errorf("row %d (%s/%s): section %q, seed %q", i+1, r.code, r.module, r.section, recs[i].section)
		}
	}
}

// TestSeedFileAgainstCatalogue checks the raw seed straight against the
// catalogue: every seed row starts with the code, module and the English
// message of a Seed Def of that code, and every Seed Def is in some row.
func TestSeedFileAgainstCatalogue(t *testing.T) {
	recs := readSeed(t)
	found := map[*apierr.Def]bool{}
	for _, rec := range recs {
		m := recordStart.FindStringSubmatch(rec.text)
		module := m[2]
		if lm := literalModule.FindStringSubmatch(module); lm != nil {
			module = lm[1]
		}
		rest := normalise(strings.TrimPrefix(rec.text, m[0]))
		hit := false
		for _, d := range catalogue.Seed() {
			if d.Code != m[1]+"/"+module {
				continue
			}
			if strings.HasPrefix(rest, d.Message+" ") || regexp.MustCompile(`(^| )\(\d\)`+regexp.QuoteMeta(d.Message)+" ").MatchString(rest) {
				found[d], hit = true, true
			}
		}
		if !hit {
			t.Errorf("seed row %q has no Seed Def with its code and English text", rec.text)
		}
	}
	for _, d := range catalogue.Seed() {
		if !found[d] {
			t.Errorf("Seed Def %s (%s %q) is in no seed row", d.Name, d.Code, d.Message)
		}
	}
}

// TestSeedRowsHaveDefs is direction (a): every TSV row has its Seed Def(s).
func TestSeedRowsHaveDefs(t *testing.T) {
	for _, r := range readTSV(t) {
		for _, e := range expect(r) {
			var match []*apierr.Def
			for _, d := range catalogue.All() {
				if d.Code == e.code && d.Message == e.message {
					match = append(match, d)
				}
			}
			if len(match) != 1 {
				t.Errorf("%s %q: %d Defs, want 1", e.code, e.message, len(match))
				continue
			}
			d := match[0]
			if !d.Seed {
				t.Errorf("%s: seed row not marked Seed", d.Name)
			}
			if d.Status != http.StatusOK {
				t.Errorf("%s: status %d, want 200 (CMQ answers errors with HTTP 200)", d.Name, d.Status)
			}
			if d.Section != e.section {
				t.Errorf("%s: section %q, want %q", d.Name, d.Section, e.section)
			}
			if d.SeedCode != e.seedCode {
				t.Errorf("%s: SeedCode %q, want %q", d.Name, d.SeedCode, e.seedCode)
			}
		}
	}
}

// TestSeedDefsAreDocumented is direction (b): nothing undocumented is Seed.
func TestSeedDefsAreDocumented(t *testing.T) {
	want := map[expectation]int{}
	n := 0
	for _, r := range readTSV(t) {
		for _, e := range expect(r) {
			want[expectation{code: e.code, message: e.message}]++
			n++
		}
	}
	if n != 82 {
		t.Errorf("81 seed rows should call for 82 Defs (10590 holds two texts), got %d", n)
	}
	seed := catalogue.Seed()
	if len(seed) != n {
		t.Errorf("catalogue has %d Seed Defs, seed rows call for %d", len(seed), n)
	}
	for _, d := range seed {
		if want[expectation{code: d.Code, message: d.Message}] != 1 {
			t.Errorf("Seed Def %s (%s %q) matches no seed row", d.Name, d.Code, d.Message)
		}
	}
}

// TestExtras is (f): the codes of cmq.md §13.2, and only they, are extras.
func TestExtras(t *testing.T) {
	want := map[string]string{ // name -> code + " " + message
		"TopicAlreadyExisted":          "4460/10550 topic is already existed",
		"InvalidRewindTime":            "4000/10680 invalid rewind time, you can get the vaild range of that via GetQueueAttributes",
		"RewindSecondsExceedRetention": "4000/10700 rewindSeconds cannot be greater than msgRetentionSeconds",
		"SubscriptionNotExisted":       "4000/4440 subscription is not existed, or deleted",
	}
	extra := catalogue.Extra()
	if len(extra) != len(want) {
		t.Errorf("%d extras, want %d", len(extra), len(want))
	}
	for _, d := range extra {
		if got := d.Code + " " + d.Message; got != want[d.Name] {
			t.Errorf("extra %s = %q, want %q", d.Name, got, want[d.Name])
		}
		if d.Seed || d.Status != http.StatusOK {
			t.Errorf("extra %s: Seed %v status %d, want false/200", d.Name, d.Seed, d.Status)
		}
	}
	spec, err := os.ReadFile(specPath)
	if err != nil {
		t.Skip("spec not present at " + specPath)
	}
	for _, d := range extra {
		if !strings.Contains(string(spec), d.Message) {
			t.Errorf("extra %s: message %q not in cmq.md", d.Name, d.Message)
		}
	}
}

// TestCatalogueShape: CamelCase names, <code>/<module> codes, HTTP 200
// (CMQ answers every error with 200).
func TestCatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, catalogue, catalogtest.Shape{
		Vendor: "cmq",
		Name:   regexp.MustCompile(`^[A-Z][A-Za-z0-9]+$`),
		Code:   regexp.MustCompile(`^\d{4}/\d{4,5}$`),
		Status: func(s int) bool { return s == http.StatusOK },
	})
}

// TestRequiredVars pins the rows the front door and the rate limits answer with.
func TestRequiredVars(t *testing.T) {
	for _, c := range []struct {
		def  *apierr.Def
		code string
	}{
		{errInvalidRequestParameters, "4000/10000"}, {errLackedRequiredParameters, "4000/10010"},
		{errRequestParametersError, "4000/10110"}, {errActionNotExisted, "4000/10280"},
		{errParameterKeyFormatError, "4000/10310"}, {errNoSuchParameter, "4000/10320"},
		{errParameterNotRepeatable, "4000/10330"}, {errParameterOutOfRange, "4000/10350"},
		{errParameterErrorType, "4000/10360"}, {errBatchSizeOutOfRange, "4000/10370"},
		{errParameterNotConsequent, "4000/10380"}, {errLackedRequiredParameter, "4000/10390"},
		{errCannotFindParameterInURI, "4000/10400"}, {errUnexpectedHTTPMethod, "4000/10410"},
		{errCannotParseRequest, "4000/10420"}, {errActionNameNotExisted, "4000/10430"},
		{errAssistantAccount, "4000/10440"}, {errNoCAMAuthentication, "4000/10461"},
		{errAuthenticationFailed, "4100/10030"}, {errSecretIDStatusError, "4100/10080"},
		{errSecretIDNotExisted, "4100/10270"}, {errChargeOverdue, "4300/10040"},
		{errQPSThrottling, "4420/10250"}, {errFrequencyLimit, "4480/10460"},
		{errServerInternalError, "6000/10050"}, {errSecretIDNotAKID, "4000/10450"},
		{errListQueueFailed, "6000/10190"}, {errQueueNotExisted, "4000/10100"},
		{errTopicNotExisted, "4000/10600"}, {errNoMessage, "7000/10200"},
	} {
		if c.def.Code != c.code {
			t.Errorf("%s: code %s, want %s", c.def.Name, c.def.Code, c.code)
		}
		if d, ok := catalogue.ByName(c.def.Name); !ok || d != c.def {
			t.Errorf("%s: var not the catalogue's Def", c.def.Name)
		}
	}
}

// TestEveryDefVarCatalogued parses errors.go: every err… var holding an
// *apierr.Def is in one of the two catalogues under its Name, and the var is
// "err"+Name for a legacy row, "errAPI3"+code without dots for an API 3.0
// one (unexported: no other package can change a row).
func TestEveryDefVarCatalogued(t *testing.T) {
	both := apierr.Union("cmq", catalogue, api3Catalogue)
	catalogtest.VarsCatalogued(t, both, func(name string) string {
		if strings.Contains(name, ".") {
			return "errAPI3" + strings.ReplaceAll(name, ".", "")
		}
		return "err" + name
	}, "errors.go")
}

// TestResolve is (e).
func TestResolve(t *testing.T) {
	for ref, want := range map[string]*apierr.Def{
		"QueueNotExisted":      errQueueNotExisted,
		"4000/10100":           errQueueNotExisted,
		"7000/10200":           errNoMessage,
		"4000/10390":           errLackedRequiredParameter,
		"4460/10550":           errTopicAlreadyExisted,
		"TopicRecreateLockout": errTopicRecreateLockout,
		"InvalidRewindTime":    errInvalidRewindTime,
	} {
		d, args, err := catalogue.Resolve(ref)
		if err != nil || d != want || args != nil {
			t.Errorf("Resolve(%q) = %v, %v, %v; want %s", ref, d, args, err, want.Name)
		}
	}
	// Module codes that repeat with different texts must be refused, naming
	// every candidate.
	for ref, names := range map[string][]string{
		"6040/10660": {"QueueRecreateLockout", "TopicRecreateLockout"},
		"4000/10590": {"TopicNameFormatError", "SubscriptionNameFormatError"},
		"4000/10680": {"TooManyBindingKey", "InvalidRewindTime"},
		"4000/10700": {"LackOfRoutingKey", "RewindSecondsExceedRetention"},
	} {
		d, _, err := catalogue.Resolve(ref)
		if err == nil {
			t.Errorf("Resolve(%q) = %s; want an ambiguity error", ref, d.Name)
			continue
		}
		for _, n := range names {
			if !strings.Contains(err.Error(), n) {
				t.Errorf("Resolve(%q) error %q does not list %s", ref, err, n)
			}
		}
	}
	d, _, err := catalogue.Resolve("4000/10001")
	if err == nil {
		t.Fatalf("Resolve(unknown) = %s; want an error", d.Name)
	}
	if !strings.Contains(err.Error(), "nearest") || !strings.Contains(err.Error(), "4000/10000") {
		t.Errorf("Resolve(unknown) error %q should list the nearest code 4000/10000", err)
	}
}

// TestRendering spot-checks messages as the envelope writer will fill them.
func TestRendering(t *testing.T) {
	if got := errLackedRequiredParameter.New("queueName").Message(); got != "lacked of required parameter queueName" {
		t.Errorf("10390 rendered %q", got)
	}
	if got := errUnexpectedHTTPMethod.New("PUT").Message(); got != "unexpected http PUT only GET or POST is supported" {
		t.Errorf("10410 rendered %q", got)
	}
}
