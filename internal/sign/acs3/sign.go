package acs3

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// SetCommonHeaders sets the x-acs-* headers both cores put on every request
// before signing. Taking the time and nonce as arguments lets tests send
// stale dates and replayed nonces on purpose, as pinning them through
// OpenApiRequest.Headers does with the real cores.
func SetCommonHeaders(h http.Header, action, version string, date time.Time, nonce string) {
	h.Set(HeaderAction, action)
	h.Set(HeaderVersion, version)
	h.Set(HeaderDate, date.UTC().Format(TimeFormat))
	h.Set(HeaderNonce, nonce)
}

// Sign signs req in place the way the Go core (darabonba-openapi v2.1.13)
// does: it sets x-acs-content-sha256 from the body, signs host (req.Host or
// the URL's host, port included), content-type and every x-acs-* header
// present, sorted, with the canonical query of the URL, and sets
// Authorization. Action, version, date, nonce and an STS token
// (x-acs-security-token and x-acs-accesskey-id) are the caller's headers to
// set first. A body is read and put back.
func Sign(req *http.Request, accessKeyID, accessKeySecret string) error {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return err
		}
		_ = req.Body.Close()
		body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		req.ContentLength = int64(len(b))
	}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	req.Header.Set(HeaderContentSHA256, PayloadHash(body))

	host := req.Host
	if host == "" && req.URL != nil {
		host = req.URL.Host
	}
	names := []string{"host"}
	for key := range req.Header {
		name := strings.ToLower(key)
		if (name == "content-type" || strings.HasPrefix(name, acsHeaderPrefix)) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	view := RequestView{Method: req.Method, Host: host, Header: req.Header, Body: body}
	if view.Method == "" {
		view.Method = http.MethodGet
	}
	if req.URL != nil {
		view.Path, view.RawQuery = req.URL.EscapedPath(), req.URL.RawQuery
	}
	sts := StringToSign(CanonicalRequest(view, names))
	auth := Authorization{Algorithm: HMACSHA256, AccessKeyID: accessKeyID, SignedHeaders: names,
		Signature: Signature(accessKeySecret, sts)}
	req.Header.Set("Authorization", auth.String())
	return nil
}
