package journal

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// Subscription receives the entries added to a journal after it was made,
// in sequence order, through a buffer of its own. Add never waits for a
// subscriber: when the buffer is full the entry is dropped for that
// subscriber alone and counted, so a slow reader (a browser tab in the
// background, a stalled script) costs the calls nothing.
type Subscription struct {
	j       *Journal
	c       chan Entry
	dropped atomic.Uint64
	closed  bool // under j.mu
}

// Subscribe starts a subscription with room for buffer entries (at least
// one). Close it when done: until then Add keeps offering it entries.
func (j *Journal) Subscribe(buffer int) *Subscription {
	s := &Subscription{j: j, c: make(chan Entry, max(buffer, 1))}
	j.mu.Lock()
	j.subs[s] = struct{}{}
	j.mu.Unlock()
	return s
}

// C delivers the entries; it is closed by Close.
func (s *Subscription) C() <-chan Entry { return s.c }

// Dropped counts the entries this subscriber missed because its buffer
// was full.
func (s *Subscription) Dropped() uint64 { return s.dropped.Load() }

// Close ends the subscription and closes C. It may be called more than
// once.
func (s *Subscription) Close() {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	delete(s.j.subs, s)
	close(s.c)
}

// Subscribers counts the open subscriptions.
func (j *Journal) Subscribers() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.subs)
}

// answerFields finds "key": "value" in JSON and <Key>value</ in XML, the
// two shapes the vendors answer in. It works on a cut answer too, which a
// JSON decoder would refuse.
//
// Compiled when first needed, not at start: its counted repetitions make it
// the costliest expression of the program (about 3 ms and 120 KB), and only
// an answer that names a secret is ever matched against it.
var answerFields = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"([^"\\]{1,128})"\s*:\s*"((?:[^"\\]|\\.)*)"|<([A-Za-z_][\w.-]{0,127})>([^<]*)</`)
})

// RedactAnswer hides the values of secret fields (the same keys Redact
// hides in parameters) in a JSON or XML answer: a device credential's
// secret, an issued token.
func RedactAnswer(a string) string {
	// An answer that names no secret key (most of them) is kept as it is,
	// without a regular expression pass over it.
	if !mentionsSecret(a) {
		return a
	}
	var b strings.Builder
	last := 0
	for _, m := range answerFields().FindAllStringSubmatchIndex(a, -1) {
		key, val := 2, 4
		if m[2] < 0 {
			key, val = 6, 8
		}
		if !isSecret(a[m[key]:m[key+1]]) || m[val] == m[val+1] {
			continue
		}
		b.WriteString(a[last:m[val]])
		b.WriteString(redacted)
		last = m[val+1]
	}
	if last == 0 {
		return a
	}
	b.WriteString(a[last:])
	return b.String()
}

// secretWords are what a secret field's name contains (isSecret's words).
var secretWords = [...]string{"secret", "token", "password", "signature", "authorization"}

// mentionsSecret reports whether a contains one of secretWords in any case,
// without copying a: it runs on every call's answer.
func mentionsSecret(a string) bool {
	for i := 0; i < len(a); i++ {
		c := a[i] | 0x20 // ASCII lower case; the words are ASCII
		for _, w := range secretWords {
			if c == w[0] && len(a)-i >= len(w) && strings.EqualFold(a[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}
