// Package journal keeps the most recent calls an emulator served, in a
// bounded ring buffer, with secrets redacted before they are stored.
package journal

import (
	"strings"
	"sync"
	"time"
)

// Entry is one served call.
type Entry struct {
	Seq       uint64            `json:"seq"`
	Time      time.Time         `json:"time"`
	Vendor    string            `json:"vendor"`
	Service   string            `json:"service,omitempty"`
	Account   string            `json:"account,omitempty"`
	Action    string            `json:"action"`
	Params    map[string]string `json:"params,omitempty"`
	RequestID string            `json:"requestId"`
	Status    int               `json:"status"`
	Code      string            `json:"code"` // "" on success
	Fault     string            `json:"fault,omitempty"`
	Duration  time.Duration     `json:"durationNs"`
}

// DefaultSize is the ring's capacity when none is configured.
const DefaultSize = 1000

// Journal is safe for concurrent use.
type Journal struct {
	mu   sync.Mutex
	ring []Entry
	next int
	full bool
	seq  uint64
}

// New makes a journal holding at most size entries (DefaultSize if size <= 0).
func New(size int) *Journal {
	if size <= 0 {
		size = DefaultSize
	}
	return &Journal{ring: make([]Entry, size)}
}

// Add records an entry, redacting its secrets, and returns its sequence number.
func (j *Journal) Add(e Entry) uint64 {
	e.Params = Redact(e.Params)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	j.ring[j.next] = e
	j.next = (j.next + 1) % len(j.ring)
	if j.next == 0 {
		j.full = true
	}
	return e.Seq
}

// Filter selects entries; zero fields match everything.
type Filter struct {
	Vendor string
	Action string
	Limit  int
}

// List returns matching entries, newest first.
func (j *Journal) List(f Filter) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := j.next
	if j.full {
		n = len(j.ring)
	}
	out := []Entry{}
	for i := 0; i < n; i++ {
		e := j.ring[(j.next-1-i+len(j.ring))%len(j.ring)]
		if f.Vendor != "" && e.Vendor != f.Vendor {
			continue
		}
		if f.Action != "" && !strings.EqualFold(e.Action, f.Action) {
			continue
		}
		out = append(out, e)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out
}

// Reset empties the journal.
func (j *Journal) Reset() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	j.next, j.full = 0, false
}

// redacted replaces secret values in the journal.
const redacted = "***"

// Redact returns a copy of params with signatures, tokens and secrets hidden.
// Key ids (SecretId, AccessKeyId) stay: they say which account called.
func Redact(params map[string]string) map[string]string {
	if params == nil {
		return nil
	}
	out := make(map[string]string, len(params))
	for k, v := range params {
		if isSecret(k) {
			v = redacted
		}
		out[k] = v
	}
	return out
}

func isSecret(key string) bool {
	k := strings.ToLower(strings.TrimSpace(key))
	switch k {
	case "signature", "securitytoken", "token", "x-tc-token", "authorization", "password":
		return true
	}
	return strings.Contains(k, "secret") && !strings.HasSuffix(k, "secretid")
}
