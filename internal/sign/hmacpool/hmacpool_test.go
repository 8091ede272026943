package hmacpool

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"hash"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sum(h func() hash.Hash, key, msg string) []byte {
	m := hmac.New(h, []byte(key))
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// A reused Scratch answers as a fresh HMAC does, whatever the previous
// call left in it (a written but unsummed MAC, a filled buffer), and from
// many goroutines at once.
func TestKeyedReusesCleanly(t *testing.T) {
	k := NewKeyed(sha256.New, []byte("secret"))
	s := k.Get()
	s.MAC.Write([]byte("left over"))
	s.Buf = append(s.Buf, "left over"...)
	k.Put(s)

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				msg := fmt.Sprintf("call %d of %d", i, g)
				s := k.Get()
				assert.Empty(t, s.Buf)
				s.Buf = append(s.Buf, msg...)
				s.MAC.Write(s.Buf)
				assert.Equal(t, sum(sha256.New, "secret", msg), s.MAC.Sum(nil))
				k.Put(s)
			}
		}()
	}
	wg.Wait()
}

func TestPutDropsALargeBuffer(t *testing.T) {
	k := NewKeyed(sha1.New, []byte("k"))
	s := k.Get()
	s.Buf = make([]byte, 0, maxBuf+1)
	k.Put(s)
	assert.LessOrEqual(t, cap(s.Buf), maxBuf)
}

func TestCacheKeysBySecretAndStaysBounded(t *testing.T) {
	made := 0
	c := NewCache(func(secret string) *Keyed {
		made++
		return NewKeyed(sha1.New, []byte(secret+"&"))
	})
	a := c.For("a")
	require.Same(t, a, c.For("a"), "kept")
	s := a.Get()
	s.MAC.Write([]byte("sts"))
	assert.Equal(t, sum(sha1.New, "a&", "sts"), s.MAC.Sum(nil), "keyed as the function says")
	a.Put(s)
	assert.NotSame(t, a, c.For("b"))
	for i := range maxKeys * 2 {
		c.For(fmt.Sprint(i))
		assert.LessOrEqual(t, len(c.m), maxKeys)
	}
	assert.Equal(t, 2+maxKeys*2, made)
}
