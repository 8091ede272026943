// Package requestid makes the request ids front doors answer every call
// with: random (version 4) UUIDs, as the vendors' gateways write them.
//
// They come from a ChaCha8 generator per source, seeded once from the
// runtime's generator (which the operating system seeds at process start)
// rather than from crypto/rand per id: an id must be unique, not secret,
// and reading the kernel's generator for each call was a system call on
// every request. Seeding from crypto/rand instead cost each start 0.45 ms,
// the set-up of its generator with its self-tests (issue 17).
package requestid

import (
	"encoding/binary"
	"math/rand/v2"
	"sync"

	"github.com/google/uuid"
)

// Source makes ids; safe for concurrent use. Each front door has its own,
// so two emulators share nothing.
type Source struct {
	mu  sync.Mutex
	rng *rand.ChaCha8
}

// New seeds a source from the runtime's generator.
func New() *Source {
	var seed [32]byte
	for i := 0; i < len(seed); i += 8 {
		binary.LittleEndian.PutUint64(seed[i:], rand.Uint64())
	}
	return &Source{rng: rand.NewChaCha8(seed)}
}

// Read fills b with the generator's bytes (io.Reader, for uuid).
func (s *Source) Read(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.Read(b)
}

// UUID is a new version-4 UUID.
func (s *Source) UUID() uuid.UUID {
	u, err := uuid.NewRandomFromReader(s)
	if err != nil {
		panic(err) // ChaCha8 does not fail
	}
	return u
}

// Lower is a new id as 8-4-4-4-12 lower-case hex (Tencent's form).
func (s *Source) Lower() string { return s.UUID().String() }

// Upper is a new id in upper-case hex (Alibaba's form), written so at once
// rather than upper-casing a copy.
func (s *Source) Upper() string {
	const digits = "0123456789ABCDEF"
	u := s.UUID()
	var b [36]byte
	n := 0
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b[n] = '-'
			n++
		}
		b[n], b[n+1] = digits[c>>4], digits[c&0x0f]
		n += 2
	}
	return string(b[:])
}
