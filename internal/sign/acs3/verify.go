package acs3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/sign/hmacpool"
)

// RequestView is the part of a received request that the signature covers.
type RequestView struct {
	Method string
	// Path is the escaped path (r.URL.EscapedPath()); "" counts as "/".
	Path string
	// RawQuery is the query as received; it is decoded and re-encoded.
	RawQuery string
	// Host is the Host header as received (net/http moves it to r.Host).
	Host string
	// Header holds the other headers; names are matched case-insensitively
	// (the Go core sends "x-acs-action", net/http stores "X-Acs-Action").
	Header http.Header
	// Body is the raw body, de-chunked, exactly as the client sent it.
	Body []byte
}

// Reason says why Verify or ParseAuthorization refused a request. Each maps
// to one answer of spec §5; Code gives it.
type Reason int

const (
	// MalformedAuthorization: the Authorization header is not
	// "ACS3-… Credential=…,SignedHeaders=…,Signature=…". → IncompleteSignature.
	MalformedAuthorization Reason = iota + 1
	// UnsupportedAlgorithm: a well-formed header with an algorithm mqmock
	// does not verify (ACS3-HMAC-SM3, ACS3-RSA-SHA256, an unknown ACS3-*).
	// Distinct from a mismatch so the answer can say so; the code is
	// SignatureDoesNotMatch (spec §5, emulator choice).
	UnsupportedAlgorithm
	// MissingHeader: a header every V3 request carries (host, x-acs-action,
	// x-acs-version, x-acs-date, x-acs-content-sha256) is absent, or a header
	// listed in SignedHeaders was not received. → IncompleteSignature; a
	// front door may prefer its own code for a missing x-acs-action or
	// x-acs-date (Error.Header names it).
	MissingHeader
	// UnsignedHeader: a header that must be signed — one of the above, or
	// any host, content-type or x-acs-* header present (the document's "every
	// common header present must be signed") — is not in SignedHeaders.
	// → IncompleteSignature.
	UnsignedHeader
	// ContentHashMismatch: x-acs-content-sha256 is not the SHA-256 of the
	// body received, i.e. the body changed after signing.
	// → SignatureDoesNotMatch (emulator choice; the gateway's answer is not
	// documented).
	ContentHashMismatch
	// SignatureMismatch: the signature is not the server's; Error carries
	// the server's string to sign and canonical request.
	// → SignatureDoesNotMatch.
	SignatureMismatch
)

func (r Reason) String() string {
	switch r {
	case MalformedAuthorization:
		return "malformed Authorization"
	case UnsupportedAlgorithm:
		return "unsupported algorithm"
	case MissingHeader:
		return "missing header"
	case UnsignedHeader:
		return "unsigned header"
	case ContentHashMismatch:
		return "content hash mismatch"
	case SignatureMismatch:
		return "signature mismatch"
	}
	return "no reason"
}

// Code is the Alibaba error code spec §5 gives for the reason ("" for none).
func (r Reason) Code() string {
	switch r {
	case MalformedAuthorization, MissingHeader, UnsignedHeader:
		return "IncompleteSignature"
	case UnsupportedAlgorithm, ContentHashMismatch, SignatureMismatch:
		return "SignatureDoesNotMatch"
	}
	return ""
}

// Error is every failure of this package.
type Error struct {
	Reason Reason
	// Header is the header concerned (MissingHeader, UnsignedHeader).
	Header string
	// Algorithm is the refused algorithm (UnsupportedAlgorithm).
	Algorithm string
	// ServerStringToSign and ServerCanonicalRequest are what the server
	// signed (SignatureMismatch), for a message in the form reported for the
	// real gateway: "server StringToSign is [...] server CanonicalRequest is
	// [...]". Neither core parses it, so it is free for users to read.
	ServerStringToSign     string
	ServerCanonicalRequest string
	// Detail is a human explanation.
	Detail string
}

func (e *Error) Error() string {
	msg := "acs3: " + e.Reason.String()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// ReasonOf returns the Reason of an error from this package, 0 otherwise.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return 0
}

// requiredHeaders are sent and signed by both cores on every request; a
// client that leaves one out cannot be a V3 client the gateway accepts.
// x-acs-signature-nonce is not here: the document lists it as optional (it
// must still be signed when sent, like every x-acs-* header).
func requiredHeaders() []string {
	return []string{"host", HeaderAction, HeaderVersion, HeaderDate, HeaderContentSHA256}
}

// Verify checks r against auth in the order of spec §6.2: algorithm, signed
// header set, content hash, signature. It returns nil or an *Error.
//
// The canonical query is tried in each form a known client writes names in
// (Go core, Node core, Alibaba's document; one form for ordinary names),
// until one matches: each comparison is constant-time, and the forms and
// their order are public, so stopping tells a caller only which form its
// own request had.
func Verify(accessKeySecret string, auth Authorization, r RequestView) error {
	return NewVerifier().Verify(accessKeySecret, auth, r)
}

// Verifier is Verify keeping, for each secret it verifies with, HMACs
// already keyed for the next call (hmacpool). Its secrets are the caller's
// configured ones, looked up by the request's AccessKeyId. Make one with
// NewVerifier.
type Verifier struct{ macs *hmacpool.Cache }

// NewVerifier makes a Verifier.
func NewVerifier() *Verifier { return &Verifier{macs: hmacpool.NewCache(keyed)} }

// keyed is V3's MAC: HMAC-SHA256 keyed with the secret as is.
func keyed(secret string) *hmacpool.Keyed { return hmacpool.NewKeyed(sha256.New, []byte(secret)) }

// Verify is the package's Verify.
func (v *Verifier) Verify(accessKeySecret string, auth Authorization, r RequestView) error {
	if auth.Algorithm != HMACSHA256 {
		return &Error{Reason: UnsupportedAlgorithm, Algorithm: auth.Algorithm,
			Detail: auth.Algorithm + " is not verified by mqmock; sign with " + HMACSHA256 + ", the SDK default"}
	}
	if err := checkSignedHeaders(auth.SignedHeaders, r); err != nil {
		return err
	}
	payloadHash := PayloadHash(r.Body)
	if sent := strings.TrimSpace(strings.Join(headerValues(r.Header, HeaderContentSHA256), ",")); !strings.EqualFold(sent, payloadHash) {
		return &Error{Reason: ContentHashMismatch, Header: HeaderContentSHA256,
			Detail: "x-acs-content-sha256 is " + sent + " but the body received hashes to " + payloadHash}
	}

	want, err := hex.DecodeString(auth.Signature)
	if err != nil || len(want) == 0 {
		return &Error{Reason: MalformedAuthorization, Detail: "Signature is not hex"}
	}
	uri := canonicalURI(r.Path)
	values := canonicalHeaderValues(r, auth.SignedHeaders)
	k := v.macs.For(accessKeySecret)
	sc := k.Get()
	defer k.Put(sc)
	var sum [sha256.Size]byte
	var first, firstSTS string
	ok := false
	for i, query := range canonicalQueries(parseQuery(r.RawQuery)) {
		cr := canonicalRequest(r.Method, uri, query, auth.SignedHeaders, values, payloadHash)
		sts := StringToSign(cr)
		if i == 0 {
			first, firstSTS = cr, sts
		}
		sc.MAC.Reset()
		_, _ = io.WriteString(sc.MAC, sts)
		if hmac.Equal(sc.MAC.Sum(sum[:0]), want) {
			ok = true
			break
		}
	}
	if !ok {
		return &Error{Reason: SignatureMismatch, ServerStringToSign: firstSTS, ServerCanonicalRequest: first,
			Detail: "the signature does not match the server's calculation"}
	}
	return nil
}

// checkSignedHeaders enforces spec §3's rule on SignedHeaders: the headers
// every V3 request carries are present and signed, every host, content-type
// and x-acs-* header present is signed, and every signed header was received.
func checkSignedHeaders(signed []string, r RequestView) error {
	isSigned := make(map[string]bool, len(signed))
	for _, name := range signed {
		isSigned[name] = true
	}
	present := func(name string) bool {
		if name == "host" {
			return r.Host != ""
		}
		return len(headerValues(r.Header, name)) > 0
	}
	for _, name := range requiredHeaders() {
		if !present(name) {
			return &Error{Reason: MissingHeader, Header: name, Detail: name + " is required and was not sent"}
		}
		if !isSigned[name] {
			return &Error{Reason: UnsignedHeader, Header: name, Detail: name + " must be in SignedHeaders"}
		}
	}
	var mustSign []string
	for key := range r.Header {
		name := strings.ToLower(key)
		if name == "content-type" || strings.HasPrefix(name, acsHeaderPrefix) {
			mustSign = append(mustSign, name)
		}
	}
	sort.Strings(mustSign) // the first offender named is the same every time
	for _, name := range mustSign {
		if !isSigned[name] {
			return &Error{Reason: UnsignedHeader, Header: name,
				Detail: name + " was sent but is not in SignedHeaders; every host, content-type and x-acs-* header must be signed"}
		}
	}
	for _, name := range signed {
		if !present(name) {
			return &Error{Reason: MissingHeader, Header: name, Detail: name + " is in SignedHeaders but was not sent"}
		}
	}
	return nil
}

// headerValues collects the values of name whatever the case of the map's
// keys: net/http canonicalises them, but a view built by hand (tests, a
// front door copying headers) may hold "x-acs-action" verbatim.
func headerValues(h http.Header, name string) []string {
	var vs []string
	for key, values := range h {
		if strings.EqualFold(key, name) {
			vs = append(vs, values...)
		}
	}
	return vs
}
