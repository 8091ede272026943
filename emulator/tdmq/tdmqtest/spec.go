package tdmqtest

import (
	"regexp"
	"strings"
)

// SpecCodes reads tdmq.md's per-action "Error codes the SDK documents"
// tables (| `Code` | gloss |) and the §7 catalogues (| `Code` | zh | gloss |
// …|). It returns the glosses per code, and per service section ("## 5."
// trocket, "## 6." tdmq) the codes listed on that section's actions.
func SpecCodes(spec string) (glosses map[string]map[string]bool, listed map[string]map[string]bool) {
	glosses, listed = map[string]map[string]bool{}, map[string]map[string]bool{}
	sic := regexp.MustCompile(`\s*\(sic[^)]*\)$`)
	add := func(code, gloss string) {
		if glosses[code] == nil {
			glosses[code] = map[string]bool{}
		}
		glosses[code][gloss] = true
		glosses[code][sic.ReplaceAllString(gloss, "")] = true
	}
	row := regexp.MustCompile("^\\| `([A-Za-z.]+)` \\|(.*)\\|$")
	section := regexp.MustCompile(`^## (\d+)\. `)
	inAction, current := false, ""
	for _, l := range strings.Split(spec, "\n") {
		if m := section.FindStringSubmatch(l); m != nil {
			current = m[1]
		}
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
			if listed[current] == nil {
				listed[current] = map[string]bool{}
			}
			listed[current][m[1]] = true
		} else if len(cells) == 3 {
			add(m[1], cells[1])
		}
	}
	return glosses, listed
}
