package tc3

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// DefaultSignedHeaders is what both official SDKs sign.
const DefaultSignedHeaders = "content-type;host"

// SignRequest signs req in place the way the Go SDK (common@v1.3.210) does:
// canonical URI "/", host with its port, SignedHeaders "content-type;host",
// the raw query as it will be sent. It sets X-TC-Timestamp and Authorization
// and, if unset, the Content-Type the SDK would use. The caller picks the
// timestamp so tests can hand-sign requests from the past or the future;
// X-TC-Action, X-TC-Version and X-TC-Region stay the caller's business
// because they are not signed. A body is read and put back.
//
// Setting the X-TC-Content-SHA256: UNSIGNED-PAYLOAD header beforehand signs
// without hashing the body, as the SDK's UnsignedPayload option does.
func SignRequest(req *http.Request, secretID, secretKey, service string, timestamp int64) error {
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
	if req.Header.Get("Content-Type") == "" {
		ct := "application/json"
		if req.Method == http.MethodGet {
			ct = "application/x-www-form-urlencoded"
		}
		req.Header.Set("Content-Type", ct)
	}
	host := req.Host
	if host == "" && req.URL != nil {
		host = req.URL.Host
	}
	rawQuery := ""
	if req.URL != nil {
		rawQuery = req.URL.RawQuery
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	in := Input{
		Method:          method,
		URI:             "/",
		RawQuery:        rawQuery,
		Headers:         map[string]string{"content-type": req.Header.Get("Content-Type"), "host": host},
		SignedHeaders:   DefaultSignedHeaders,
		Payload:         body,
		UnsignedPayload: req.Header.Get(ContentSHA256Header) == UnsignedPayload,
		Timestamp:       timestamp,
		Service:         service,
	}
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(timestamp, 10))
	req.Header.Set("Authorization", AuthorizationHeader(secretID, secretKey, in))
	return nil
}
