// Package journal keeps the most recent calls an emulator served, bounded in
// entries and in bytes, with secrets redacted and long values truncated
// before they are stored.
package journal

import (
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Entry is one served call.
type Entry struct {
	Seq     uint64    `json:"seq"`
	Time    time.Time `json:"time"`
	Vendor  string    `json:"vendor"`
	Service string    `json:"service,omitempty"`
	Account string    `json:"account,omitempty"`
	// Credential is the key id a call refused before authentication
	// claimed; such a call keeps no parameters.
	Credential string            `json:"credential,omitempty"`
	Action     string            `json:"action"`
	Params     map[string]string `json:"params,omitempty"`
	RequestID  string            `json:"requestId"`
	Status     int               `json:"status"`
	Code       string            `json:"code"` // "" on success
	Fault      string            `json:"fault,omitempty"`
	Duration   time.Duration     `json:"durationNs"`
	// Answer is the start of the body the call was answered with, secrets
	// redacted, cut at Limits.AnswerBytes; AnswerBytes is the whole body's
	// size, so a reader can tell a cut answer from a short one.
	Answer      string `json:"answer,omitempty"`
	AnswerBytes int    `json:"answerBytes,omitempty"`
}

// Limits bound what the journal holds: anyone who can reach a port can make
// calls, signed or not, so it is bounded in bytes as well as in entries.
type Limits struct {
	// Entries is the most entries kept (DefaultSize when zero).
	Entries int
	// Bytes is the most bytes of parameters, names and values kept over
	// all entries (DefaultBytes when zero); the oldest entries go first.
	Bytes int64
	// ValueBytes truncates each key and value (DefaultValueBytes when zero).
	ValueBytes int
	// Params is the most parameters kept per entry (DefaultParams when
	// zero).
	Params int
	// AnswerBytes is the most bytes of an answer kept per entry
	// (DefaultAnswerBytes when zero).
	AnswerBytes int
}

// The defaults: 1000 calls, 16 MB, 1 KB a value, 100 parameters a call, 4
// KB of an answer.
const (
	DefaultSize        = 1000
	DefaultBytes       = 16 << 20
	DefaultValueBytes  = 1 << 10
	DefaultParams      = 100
	DefaultAnswerBytes = 4 << 10
)

// entryOverhead is what an entry costs besides its parameters (its fixed
// fields and strings), so that many empty calls count too.
const entryOverhead = 256

// Journal is safe for concurrent use.
type Journal struct {
	limits Limits

	mu    sync.Mutex
	ring  []record // a circular buffer: count entries from start
	size  []int64  // each entry's cost, parallel to ring
	start int
	count int
	bytes int64
	seq   uint64
	// subs are told every entry as it is added (Subscribe).
	subs map[*Subscription]struct{}
}

// New makes a journal holding at most size entries (DefaultSize if size <= 0).
func New(size int) *Journal { return NewBounded(Limits{Entries: size}) }

// NewBounded makes a journal with the given limits (zero fields take the
// defaults).
func NewBounded(l Limits) *Journal {
	if l.Entries <= 0 {
		l.Entries = DefaultSize
	}
	if l.Bytes <= 0 {
		l.Bytes = DefaultBytes
	}
	if l.ValueBytes <= 0 {
		l.ValueBytes = DefaultValueBytes
	}
	if l.Params <= 0 {
		l.Params = DefaultParams
	}
	if l.AnswerBytes <= 0 {
		l.AnswerBytes = DefaultAnswerBytes
	}
	return &Journal{limits: l, ring: make([]record, l.Entries), size: make([]int64, l.Entries), subs: map[*Subscription]struct{}{}}
}

// AnswerLimit is how many bytes of an answer an entry keeps: what a caller
// needs to capture of a response body, and no more.
func (j *Journal) AnswerLimit() int { return j.limits.AnswerBytes }

// Add records an entry, redacting its secrets and truncating what is over
// the limits, and returns its sequence number.
func (j *Journal) Add(e Entry) uint64 {
	params, paramBytes := j.pack(e.Params)
	e.Params = nil
	// Decoders cut parameters out of the request's bytes: a kept substring
	// would keep the whole request alive, so every string is copied.
	e.Action = keep(e.Action, j.limits.ValueBytes)
	e.Credential = keep(e.Credential, j.limits.ValueBytes)
	e.Service = keep(e.Service, j.limits.ValueBytes)
	e.Account = keep(e.Account, j.limits.ValueBytes)
	e.RequestID = keep(e.RequestID, j.limits.ValueBytes)
	// The pipeline captures no more of an answer than the limit, which is
	// redacted when read; a longer one (a caller of its own) is made
	// readable now, so that what is held stays bounded.
	answered := false
	if len(e.Answer) > j.limits.AnswerBytes {
		e.Answer, answered = j.answer(e.Answer, e.AnswerBytes), true
	}
	cost := int64(entryOverhead + len(e.Action) + len(e.Credential) + len(e.Account) + len(e.Answer) + paramBytes)
	rec := record{entry: e, params: params, answered: answered}
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.count > 0 && (j.count == len(j.ring) || j.bytes+cost > j.limits.Bytes) {
		j.bytes -= j.size[j.start]
		j.ring[j.start], j.size[j.start] = record{}, 0
		j.start = (j.start + 1) % len(j.ring)
		j.count--
	}
	j.seq++
	rec.entry.Seq = j.seq
	at := (j.start + j.count) % len(j.ring)
	j.ring[at], j.size[at] = rec, cost
	j.count++
	j.bytes += cost
	if len(j.subs) > 0 {
		// Under the lock, so every subscriber sees entries in sequence
		// order and none is sent to after Close; a full buffer drops,
		// never waits.
		out := j.entry(rec)
		for s := range j.subs {
			select {
			case s.c <- out:
			default:
				s.dropped.Add(1)
			}
		}
	}
	return rec.entry.Seq
}

// record is an entry as the journal holds it: its parameters packed into
// one string (see pack), so that keeping a call costs one allocation for
// them instead of a map's several, and the map is built only for a reader.
type record struct {
	entry  Entry
	params string
	// answered is set when entry.Answer is already as readers see it.
	answered bool
}

// entry is the record as readers see it, secrets hidden: values of
// secret parameters, secret fields of the answer (cut at the limit once
// redacted).
func (j *Journal) entry(r record) Entry {
	e := r.entry
	if !r.answered {
		e.Answer = j.answer(e.Answer, e.AnswerBytes)
	}
	if r.params == "" {
		return e
	}
	e.Params = map[string]string{}
	p := r.params
	if p == emptyParams {
		return e
	}
	for len(p) > 0 {
		var k, v string
		k, p = unpackString(p)
		v, p = unpackString(p)
		if isSecret(k) {
			v = redacted
		}
		e.Params[k] = v
	}
	return e
}

// answer is what an entry keeps of an answer whose whole size is total:
// secrets redacted, cut at the limit, and marked when anything was cut.
func (j *Journal) answer(a string, total int) string {
	if a == "" {
		return ""
	}
	// Cut if the caller kept only the start, or if it is over the limit
	// once redacted (a redacted value may be shorter or longer).
	cut := total > len(a)
	a = RedactAnswer(a)
	if len(a) > j.limits.AnswerBytes {
		a, cut = a[:runeStart(a, j.limits.AnswerBytes)], true
	}
	if cut {
		return a + "…(truncated, " + strconv.Itoa(max(total, len(a))) + " bytes)"
	}
	// Kept as given: the pipeline hands over a copy of its own (string of
	// the bytes it captured), never a slice of a request or a buffer.
	return a
}

// runeStart is the largest cut at or below max that does not split a rune.
func runeStart(s string, max int) int {
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return cut
}

// moreParams is the key under which an entry says how many parameters it
// left out.
const moreParams = "…"

// pack truncates every key and value to the value limit, keeps at most the
// parameter limit (in key order, so the same call keeps the same ones) and
// writes what is kept into one string, each key and value preceded by its
// length as a uvarint; a nil map packs to "" and a non-nil one to at least
// a marker, so readers see the nil/empty difference too. Decoders cut
// parameters out of the request's bytes, so the copy also keeps an entry
// from holding its request alive. Secrets are hidden when an entry is read
// (record.entry), not here: most entries are never read, and this runs on
// every call. It returns the packed string and the bytes of keys and
// values kept (what the byte budget counts).
func (j *Journal) pack(params map[string]string) (string, int) {
	if params == nil {
		return "", 0
	}
	if len(params) == 0 {
		return emptyParams, 0
	}
	// Two passes over what is kept: the first sizes the string exactly, so
	// the second writes it in one allocation that is the string itself
	// (strings.Builder), with no slack held and no copy made.
	size, kept := 0, 0
	j.keptParams(params, func(k, v string) {
		size += uvarintLen(len(k)) + len(k) + uvarintLen(len(v)) + len(v)
		kept += len(k) + len(v)
	})
	var b strings.Builder
	b.Grow(size)
	var n [binary.MaxVarintLen64]byte
	j.keptParams(params, func(k, v string) {
		b.Write(binary.AppendUvarint(n[:0], uint64(len(k))))
		b.WriteString(k)
		b.Write(binary.AppendUvarint(n[:0], uint64(len(v))))
		b.WriteString(v)
	})
	return b.String(), kept
}

// keptParams calls keep with each parameter the journal keeps, truncated:
// all of them, or the first Params by name and a note of how many more.
func (j *Journal) keptParams(params map[string]string, keep func(k, v string)) {
	add := func(k, v string) {
		if len(k) > j.limits.ValueBytes && isSecret(k) {
			v = redacted // the word that makes it secret may be cut off
		}
		keep(Truncate(k, j.limits.ValueBytes), Truncate(v, j.limits.ValueBytes))
	}
	if len(params) <= j.limits.Params {
		for k, v := range params {
			add(k, v)
		}
		return
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys[:j.limits.Params] {
		add(k, params[k])
	}
	// The note is the journal's own, kept whole whatever the value limit.
	keep(moreParams, strconv.Itoa(len(keys)-j.limits.Params)+" more parameters not kept")
}

// uvarintLen is the length of n written as a uvarint.
func uvarintLen(n int) int {
	l := 1
	for ; n >= 0x80; n >>= 7 {
		l++
	}
	return l
}

// emptyParams is the packed form of an empty, non-nil map: a key and value
// of length zero, which no decoder produces (every key has a name).
const emptyParams = "\x00\x00"

// unpackString reads one length-prefixed string off the front of p.
func unpackString(p string) (string, string) {
	n, w := binary.Uvarint([]byte(p[:min(len(p), binary.MaxVarintLen64)]))
	if w <= 0 || uint64(len(p)-w) < n {
		return "", "" // never written so: stop reading
	}
	return p[w : w+int(n)], p[w+int(n):]
}

// keep is what the journal stores of s: truncated, and never sharing
// memory with the request it came from.
func keep(s string, max int) string { return strings.Clone(Truncate(s, max)) }

// Truncate shortens s to at most max bytes (on a rune boundary) and says
// how much was cut, so a truncated value never passes for the real one.
func Truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return s[:runeStart(s, max)] + "…(truncated, " + strconv.Itoa(len(s)) + " bytes)"
}

// Filter selects entries; zero fields match everything.
type Filter struct {
	Vendor string
	Action string
	// Errors keeps only calls answered with an error or hit by a fault.
	Errors bool
	Limit  int
	// Before keeps only entries older than this sequence number (paging:
	// pass the last Seq of the previous page).
	Before uint64
	// After keeps only entries newer than this sequence number (a stream
	// picking up where it left off).
	After uint64
}

// Match reports whether an entry passes the filter (Limit aside).
func (f Filter) Match(e Entry) bool {
	switch {
	case f.Before != 0 && e.Seq >= f.Before, f.After != 0 && e.Seq <= f.After:
		return false
	case f.Vendor != "" && e.Vendor != f.Vendor:
		return false
	case f.Action != "" && !strings.EqualFold(e.Action, f.Action):
		return false
	case f.Errors && e.Code == "" && e.Fault == "" && e.Status < 400:
		return false
	}
	return true
}

// List returns matching entries, newest first.
func (j *Journal) List(f Filter) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := []Entry{}
	for i := j.count - 1; i >= 0; i-- {
		r := j.ring[(j.start+i)%len(j.ring)]
		if f.After != 0 && r.entry.Seq <= f.After {
			break // older still from here on
		}
		if !f.Match(r.entry) {
			continue
		}
		out = append(out, j.entry(r))
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out
}

// Bytes is what the entries held cost, as the byte budget counts it.
func (j *Journal) Bytes() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.bytes
}

// Reset empties the journal.
func (j *Journal) Reset() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	clear(j.size)
	j.start, j.count, j.bytes = 0, 0, 0
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
	k := strings.TrimSpace(key)
	for _, s := range [...]string{"signature", "securitytoken", "token", "x-tc-token", "authorization", "password"} {
		if strings.EqualFold(k, s) {
			return true
		}
	}
	// Case-insensitive without lowering a copy: this runs for every
	// parameter of every call.
	const secret, secretID = "secret", "secretid"
	if len(k) >= len(secretID) && strings.EqualFold(k[len(k)-len(secretID):], secretID) {
		return false
	}
	for i := 0; i+len(secret) <= len(k); i++ {
		if strings.EqualFold(k[i:i+len(secret)], secret) {
			return true
		}
	}
	return false
}
