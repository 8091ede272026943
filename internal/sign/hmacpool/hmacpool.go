// Package hmacpool reuses HMACs already keyed. Keying an HMAC hashes two
// blocks and allocates its digests and pads; a verifier that keys one with
// the same few secrets on every call does that work again each time (a
// third of what a verified call allocated, issue 17).
package hmacpool

import (
	"crypto/hmac"
	"hash"
	"sync"
)

// Scratch is one call's keyed MAC, reset, and a buffer for what it signs.
type Scratch struct {
	MAC hash.Hash
	Buf []byte
}

// maxBuf is the largest buffer a returned Scratch keeps: a string to sign
// is a few hundred bytes, and a rare long one should not stay pinned.
const maxBuf = 4 << 10

// Keyed hands out Scratches whose MAC is keyed with one key; safe for
// concurrent use.
type Keyed struct{ pool sync.Pool }

// NewKeyed makes a Keyed for HMAC over h with key.
func NewKeyed(h func() hash.Hash, key []byte) *Keyed {
	k := &Keyed{}
	k.pool.New = func() any { return &Scratch{MAC: hmac.New(h, key), Buf: make([]byte, 0, 512)} }
	return k
}

// Get returns a Scratch with its MAC reset and Buf empty. Give it back with
// Put once the sum is read.
func (k *Keyed) Get() *Scratch {
	s := k.pool.Get().(*Scratch)
	s.MAC.Reset()
	s.Buf = s.Buf[:0]
	return s
}

// Put returns s for reuse; the caller must not touch it afterwards. A
// caller that grew Buf stores the grown slice in s.Buf first.
func (k *Keyed) Put(s *Scratch) {
	if cap(s.Buf) > maxBuf {
		s.Buf = make([]byte, 0, 512)
	}
	k.pool.Put(s)
}

// maxKeys bounds a Cache.
const maxKeys = 256

// Cache keeps a Keyed per secret. Its secrets are the configured accounts'
// (a caller looks one up once the request's key id names an account, never
// takes it from the request), so it stays as small as the configuration;
// it is bounded all the same, cleared when full. Make one with NewCache.
type Cache struct {
	keyed func(secret string) *Keyed
	mu    sync.Mutex
	m     map[string]*Keyed
}

// NewCache makes a Cache; keyed builds the Keyed for a secret (the key may
// be derived from it, as Alibaba's v1 appends "&").
func NewCache(keyed func(secret string) *Keyed) *Cache {
	return &Cache{keyed: keyed, m: map[string]*Keyed{}}
}

// For returns the Keyed of secret, made with the Cache's function on first
// use.
func (c *Cache) For(secret string) *Keyed {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k, ok := c.m[secret]; ok {
		return k
	}
	if len(c.m) >= maxKeys {
		clear(c.m)
	}
	k := c.keyed(secret)
	c.m[secret] = k
	return k
}
