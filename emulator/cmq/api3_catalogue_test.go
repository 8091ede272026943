package cmq

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/apierr/catalogtest"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// The API 3.0 catalogue is checked against tdmq-cmq.md (the codes of the
// Cmq* actions and the §4 mapping) and tdmq.md §7.2 (the English glosses),
// both read from the shared tree beside the repository; expectations are
// never derived from the catalogue.

const (
	cmqAPI3SpecPath = "../../../shared/specs/tdmq-cmq.md"
	tdmqSpecPath    = "../../../shared/specs/tdmq.md"
)

func readSpec(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skip("spec not present at " + path)
	}
	return string(b)
}

// section is the text of one "## n." section of a spec.
func section(spec, n string) string {
	start := strings.Index(spec, "\n## "+n+". ")
	if start < 0 {
		return ""
	}
	rest := spec[start+1:]
	if end := strings.Index(rest[3:], "\n## "); end >= 0 {
		return rest[:end+3]
	}
	return rest
}

var tcCode = regexp.MustCompile("`([A-Z][A-Za-z]+(?:\\.[A-Z][A-Za-z]+)?)`")

// errorCodes lists the backquoted error codes of a text, in order: a
// common code, or Class.Detail (action, field and type names are
// backquoted too).
func errorCodes(text string) []string {
	var out []string
	for _, m := range tcCode.FindAllStringSubmatch(text, -1) {
		if _, common := tcapi.Common().ByName(m[1]); common || strings.Contains(m[1], ".") {
			out = append(out, m[1])
		}
	}
	return out
}

// mappingRow is one row of tdmq-cmq.md §4.
type mappingRow struct {
	id, situation string
	codes         []string // the API 3.0 code column, in order
}

func mappingRows(t *testing.T, spec string) []mappingRow {
	t.Helper()
	var rows []mappingRow
	for _, l := range strings.Split(section(spec, "4"), "\n") {
		if !strings.HasPrefix(l, "| E") {
			continue
		}
		cells := strings.Split(l, "|")
		require.GreaterOrEqual(t, len(cells), 5, l)
		rows = append(rows, mappingRow{id: strings.TrimSpace(cells[1]), situation: cells[2], codes: errorCodes(cells[3])})
	}
	return rows
}

// TestAPI3CatalogueShape: TencentCloud codes as names, HTTP 200, not from
// a seed, none of them a common code (those are the protocol's).
func TestAPI3CatalogueShape(t *testing.T) {
	catalogtest.CheckShape(t, API3Catalogue(), catalogtest.Shape{
		Vendor:     "cmq-api3",
		Code:       regexp.MustCompile(`^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$`),
		NameIsCode: true,
		Status:     func(s int) bool { return s == http.StatusOK },
	})
	for _, d := range API3Catalogue().All() {
		_, common := tcapi.Common().ByName(d.Name)
		assert.False(t, common, "%s is a common code", d.Name)
		assert.False(t, d.Seed, "%s is in no seed", d.Name)
	}
}

// TestAPI3CatalogueMatchesTheSpec, both ways: every code tdmq-cmq.md names
// for a Cmq* action (the SDK lists of §2 and §8.1, the mapping of §4) is one
// the TDMQ door can answer, and every row of the catalogue is one the spec
// names there; each message is tdmq.md §7.2's English gloss.
func TestAPI3CatalogueMatchesTheSpec(t *testing.T) {
	spec := readSpec(t, cmqAPI3SpecPath)
	named := map[string]bool{}
	add := func(where, text string) {
		codes := errorCodes(text)
		require.NotEmpty(t, codes, "tdmq-cmq.md %s names no code", where)
		for _, c := range codes {
			named[c] = true
		}
	}
	// §2: the SDK's codes, per action (| # | action | legacy | codes | rate |).
	for _, l := range strings.Split(section(spec, "2"), "\n") {
		if cells := strings.Split(l, "|"); len(cells) == 7 && strings.Contains(cells[2], "Cmq") && strings.Contains(cells[4], "`") {
			add("§2 "+strings.TrimSpace(cells[2]), cells[4])
		}
	}
	// §4: the code each rule maps to.
	for _, r := range mappingRows(t, spec) {
		for _, c := range r.codes {
			named[c] = true
		}
	}
	// §8.1: the retired action's one listed code.
	s8 := section(spec, "8")
	add("§8.1", s8[:strings.Index(s8, "### 8.2")])

	for c := range named {
		_, own := API3Catalogue().ByName(c)
		_, common := tcapi.Common().ByName(c)
		assert.True(t, own || common, "tdmq-cmq.md names %s; the TDMQ door cannot answer it", c)
	}
	for _, d := range API3Catalogue().All() {
		assert.True(t, named[d.Code], "%s is in the catalogue but tdmq-cmq.md names it on no Cmq* action", d.Code)
	}

	glosses := codeGlosses(readSpec(t, tdmqSpecPath))
	for _, d := range API3Catalogue().All() {
		assert.Equal(t, glosses[d.Code], d.Message, "%s: message is not tdmq.md's gloss", d.Code)
	}
}

// codeGlosses reads the English glosses of tdmq.md's §7 catalogues
// (| `Code` | zh | English gloss | actions |).
func codeGlosses(spec string) map[string]string {
	row := regexp.MustCompile("^\\| `([A-Za-z.]+)` \\|([^|]*)\\|([^|]*)\\|")
	out := map[string]string{}
	for _, l := range strings.Split(section(spec, "7"), "\n") {
		if m := row.FindStringSubmatch(l); m != nil {
			out[m[1]] = strings.TrimSpace(m[3])
		}
	}
	return out
}

// legacyCode is a legacy rule's code as §4 quotes it, "(4000/10100)".
var legacyCode = regexp.MustCompile(`\((\d{4}/\d{4,5})[,)]`)

// TestAPI3RowsFollowTheMapping: every legacy rule tdmq-cmq.md §4 quotes by
// its code is answered with the row's first API 3.0 code, and every row
// with a legacy code is reached; a legacy rule the spec does not quote is
// still answered with a code of the door.
func TestAPI3RowsFollowTheMapping(t *testing.T) {
	// Rows sharing a legacy code with a rule the 3.0 path never applies.
	notOnThe3Path := map[string]bool{
		// API 3.0 decouples rewindSeconds from msgRetentionSeconds (§10.6):
		// 4000/10700 on 3.0 is only E18's missing routing key.
		"RewindSecondsExceedRetention": true,
	}
	spec := readSpec(t, cmqAPI3SpecPath)
	rows := mappingRows(t, spec)
	require.Len(t, rows, 29, "E1–E28 and E2b")
	checked := 0
	for _, r := range rows {
		m := legacyCode.FindStringSubmatch(r.situation)
		if m == nil {
			continue
		}
		require.NotEmpty(t, r.codes, r.id)
		var defs []*apierr.Def
		for _, d := range Catalogue().All() {
			if d.Code == m[1] && !notOnThe3Path[d.Name] {
				defs = append(defs, d)
			}
		}
		require.NotEmpty(t, defs, "%s quotes %s: no legacy row has it", r.id, m[1])
		for _, d := range defs {
			assert.Equal(t, r.codes[0], api3Row(d).Code, "%s: legacy %s (%s)", r.id, d.Name, d.Code)
			checked++
		}
	}
	assert.GreaterOrEqual(t, checked, 20)
	door := apierr.Union("door", tcapi.Common(), API3Catalogue())
	for _, d := range Catalogue().All() {
		row := api3Row(d)
		got, ok := door.ByName(row.Name)
		assert.True(t, ok && got == row, "legacy %s maps to %s, not a row of the door", d.Name, row.Name)
	}
}

// TestAPI3Detail: the legacy text rides along as "(module)text".
func TestAPI3Detail(t *testing.T) {
	e := errTopicHasSubscriptions.New()
	assert.Equal(t, " (10540)there exists subscriptions under this topic, please unsubscribe all of them before DeleteTopic", api3Detail(e))
	assert.Equal(t, " (10350)parameter MsgTag value or length is out of range", api3Detail(errParameterOutOfRange.New("MsgTag")))
}
