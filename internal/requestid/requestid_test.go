package requestid_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mqmock/mqmock/internal/requestid"
)

func TestIDsAreVersion4UUIDsInEachCase(t *testing.T) {
	s := requestid.New()
	tests := []struct {
		name  string
		make  func() string
		shape *regexp.Regexp
	}{
		{"lower", s.Lower, regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)},
		{"upper", s.Upper, regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 100 {
				assert.Regexp(t, tt.shape, tt.make())
			}
		})
	}
}

// Ids are unique across goroutines and across sources (each seeded on its
// own): 40,000 from two sources and eight goroutines, no repeat.
func TestIDsAreUnique(t *testing.T) {
	a, b := requestid.New(), requestid.New()
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := a
			if g%2 == 1 {
				s = b
			}
			for range 5000 {
				id := strings.ToLower(s.Upper())
				mu.Lock()
				assert.False(t, seen[id], "repeated id %s", id)
				seen[id] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, seen, 40000)
}
