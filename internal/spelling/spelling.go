// Package spelling suggests what a user meant when a name they wrote is
// unknown: a configuration key, a scenario key, an action, an error code.
// One measure for every message that says "did you mean".
package spelling

import "strings"

// Distance is the optimal-string-alignment distance between a and b,
// compared case-insensitively: insertions, deletions, substitutions and a
// swap of neighbours (the commonest typo) each count one edit.
func Distance(a, b string) int {
	x, y := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// Nearest is the candidate closest to word (the alphabetically first of
// equally close ones), or "" when there is none.
func Nearest(word string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := Distance(word, c); bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// Typo is Nearest, but only when word is close enough to it to be a typo of
// it: at most a third of its length, and at most three edits.
func Typo(word string, candidates []string) string {
	best := Nearest(word, candidates)
	if best == "" || Distance(word, best) > max(1, min(3, len([]rune(word))/3)) {
		return ""
	}
	return best
}
