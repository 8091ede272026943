// Package cmqclient is a small client for Tencent's legacy CMQ HTTP API,
// written from the API's documentation. The Go module proxy has no Go SDK
// for the legacy API (tencentcloud-sdk-go speaks API 3.0), so Go tests use
// this one; the legacy SDKs of other languages (Java, Python, PHP, from
// Tencent's GitHub) are pointed at the endpoint instead. It sends what the
// official SDKs send (a form POST, or GET, to /v2/index.php with the common
// parameters and an HmacSHA1/HmacSHA256 signature over the raw values) and
// decodes the answer the way they read it (code, message "(module)text",
// requestId, the action's fields). Tests use it to drive the emulator over
// real HTTP.
package cmqclient

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/sign/cmqsign"
)

// DefaultPath is the path every official SDK posts to.
const DefaultPath = "/v2/index.php"

// Client talks to one CMQ endpoint with one key. The zero value is not
// usable: set at least Endpoint, SecretID and SecretKey (or use New).
type Client struct {
	// Endpoint is "http://host:port" (scheme included, as the SDKs take it).
	Endpoint string
	// Path defaults to /v2/index.php.
	Path      string
	SecretID  string
	SecretKey string
	// SignatureMethod is "HmacSHA1" (default) or "HmacSHA256". It is sent as
	// the SignatureMethod parameter, as every SDK does.
	SignatureMethod string
	// Method is "POST" (default) or "GET".
	Method string
	// ZeroBased numbers arrays name.0, name.1... (the TDMQ-CMQ Go SDK and the
	// Node SDKs); the default is 1-based like the other official SDKs.
	ZeroBased bool
	// RequestClient is sent (and signed) like the SDKs' own; "" sends none.
	RequestClient string
	// Timestamp and Nonce are injectable for reproducible requests.
	Timestamp func() int64
	Nonce     func() uint64
	// HTTPClient defaults to a client with a 60 s timeout.
	HTTPClient *http.Client
}

// New returns a client for endpoint ("http://127.0.0.1:9101") and a key.
func New(endpoint, secretID, secretKey string) *Client {
	return &Client{Endpoint: endpoint, SecretID: secretID, SecretKey: secretKey, RequestClient: "mqmock-cmqclient"}
}

// Pair is one parameter as sent: keys go out exactly as given (the Go SDK's
// keys with a trailing space included).
type Pair struct{ Key, Value string }

// Params are an action's parameters: scalars and arrays. Arrays are numbered
// by the client's base when sent.
type Params struct {
	pairs []Pair
	lists []list
}

type list struct {
	name   string
	values []string
}

// P starts a parameter set from alternating keys and values.
func P(kv ...string) *Params {
	p := &Params{}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Set(kv[i], kv[i+1])
	}
	return p
}

// Set adds a scalar parameter.
func (p *Params) Set(key, value string) *Params {
	p.pairs = append(p.pairs, Pair{key, value})
	return p
}

// SetInt adds an integer parameter.
func (p *Params) SetInt(key string, v int64) *Params { return p.Set(key, strconv.FormatInt(v, 10)) }

// List adds an array parameter name.n.
func (p *Params) List(name string, values ...string) *Params {
	p.lists = append(p.lists, list{name, values})
	return p
}

// Pairs expands the parameters with the given array base.
func (p *Params) Pairs(base int) []Pair {
	if p == nil {
		return nil
	}
	out := append([]Pair(nil), p.pairs...)
	for _, l := range p.lists {
		for i, v := range l.values {
			out = append(out, Pair{l.name + "." + strconv.Itoa(base+i), v})
		}
	}
	return out
}

// Call sends one action and decodes the answer. A non-zero code gives the
// decoded Response and an *Error; transport and decoding failures give a
// plain error.
func (c *Client) Call(ctx context.Context, action string, p *Params) (*Response, error) {
	base := 1
	if c.ZeroBased {
		base = 0
	}
	pairs := append([]Pair{{"Action", action}}, p.Pairs(base)...)
	return c.Send(ctx, c.method(), c.Sign(c.method(), c.Common(pairs)))
}

// Common appends the common parameters of §3 (SecretId, Timestamp, Nonce,
// SignatureMethod, RequestClient) to pairs.
func (c *Client) Common(pairs []Pair) []Pair {
	out := append([]Pair(nil), pairs...)
	out = append(out,
		Pair{"SecretId", c.SecretID},
		Pair{"Timestamp", strconv.FormatInt(c.timestamp(), 10)},
		Pair{"Nonce", strconv.FormatUint(c.nonce(), 10)},
		Pair{"SignatureMethod", c.signatureMethod()},
	)
	if c.RequestClient != "" {
		out = append(out, Pair{"RequestClient", c.RequestClient})
	}
	return out
}

// Sign appends the Signature computed as in §4.1: every parameter but
// Signature, sorted by name, raw values, "_" → "." in names, prefixed by
// METHOD + host + path + "?".
func (c *Client) Sign(method string, pairs []Pair) []Pair {
	ps := make([]cmqsign.Param, 0, len(pairs))
	for _, p := range pairs {
		ps = append(ps, cmqsign.Param{Key: p.Key, Value: p.Value})
	}
	sts := cmqsign.StringToSign(method, c.host(), c.path(), ps, true)
	sigMethod := ""
	for _, p := range pairs {
		if p.Key == "SignatureMethod" {
			sigMethod = p.Value
		}
	}
	return append(append([]Pair(nil), pairs...), Pair{"Signature", cmqsign.Sign(c.SecretKey, sigMethod, sts)})
}

// Send sends already-built pairs with method (POST puts them in the body,
// anything else in the query) and decodes the answer.
func (c *Client) Send(ctx context.Context, method string, pairs []Pair) (*Response, error) {
	enc := Encode(pairs)
	u := strings.TrimSuffix(c.Endpoint, "/") + c.path()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(enc)
	} else {
		u += "?" + enc
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return c.Do(req)
}

// Do sends a hand-made request and decodes the answer.
func (c *Client) Do(req *http.Request) (*Response, error) {
	hc := c.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return Decode(resp.StatusCode, raw)
}

// Encode URL-encodes pairs in order; values with "+" for space like the
// SDKs' URLEncoder/urlencode, keys as given (escaped only where needed).
func Encode(pairs []Pair) string {
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.Key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.Value))
	}
	return b.String()
}

func (c *Client) method() string {
	if c.Method == "" {
		return http.MethodPost
	}
	return strings.ToUpper(c.Method)
}

func (c *Client) path() string {
	if c.Path == "" {
		return DefaultPath
	}
	return c.Path
}

// host is the endpoint without its scheme and trailing "/", which is what
// every SDK signs (§4.1 step 5).
func (c *Client) host() string {
	h := strings.TrimPrefix(strings.TrimPrefix(c.Endpoint, "http://"), "https://")
	return strings.TrimSuffix(h, "/")
}

func (c *Client) signatureMethod() string {
	if c.SignatureMethod == "" {
		return cmqsign.MethodSHA1
	}
	return c.SignatureMethod
}

func (c *Client) timestamp() int64 {
	if c.Timestamp != nil {
		return c.Timestamp()
	}
	return time.Now().Unix()
}

func (c *Client) nonce() uint64 {
	if c.Nonce != nil {
		return c.Nonce()
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.BigEndian.Uint64(b[:])>>1 + 1
}

// Response is a decoded CMQ answer.
type Response struct {
	HTTPStatus int
	Code       int
	// Message is the whole message field, "(10100)queue is not existed, or deleted" on errors.
	Message   string
	RequestID string
	// Raw is the body exactly as received.
	Raw []byte
	// Fields are every top-level member (envelope fields included).
	Fields map[string]json.RawMessage
}

// Decode parses a body the way the SDKs do: JSON object, numeric code,
// string message and requestId (§5). A non-zero code also returns *Error.
func Decode(status int, raw []byte) (*Response, error) {
	r := &Response{HTTPStatus: status, Raw: raw}
	if err := json.Unmarshal(raw, &r.Fields); err != nil {
		return r, fmt.Errorf("cmqclient: HTTP %d, body is not a JSON object: %v: %q", status, err, truncate(raw))
	}
	var code json.Number
	if err := unmarshalField(r.Fields, "code", &code); err != nil {
		return r, err
	}
	if strings.HasPrefix(string(r.Fields["code"]), `"`) {
		// The Go SDK asserts float64 and panics on a string.
		return r, fmt.Errorf("cmqclient: code is a JSON string, not a number: %s", r.Fields["code"])
	}
	n, err := strconv.Atoi(code.String())
	if err != nil {
		return r, fmt.Errorf("cmqclient: code %q is not an integer", code)
	}
	r.Code = n
	if err := unmarshalField(r.Fields, "message", &r.Message); err != nil {
		return r, err
	}
	if err := unmarshalField(r.Fields, "requestId", &r.RequestID); err != nil {
		return r, err
	}
	if status != http.StatusOK {
		return r, fmt.Errorf("cmqclient: HTTP status %d (the SDKs treat any non-200 as a transport failure)", status)
	}
	if r.Code != 0 {
		e := &Error{Code: r.Code, RawMessage: r.Message, Message: r.Message, RequestID: r.RequestID, Response: r}
		if rest, ok := strings.CutPrefix(r.Message, "("); ok {
			if mod, text, ok := strings.Cut(rest, ")"); ok {
				if _, err := strconv.Atoi(mod); err == nil {
					e.Module, e.Message = mod, text
				}
			}
		}
		return r, e
	}
	return r, nil
}

func unmarshalField(fields map[string]json.RawMessage, name string, dst any) error {
	v, ok := fields[name]
	if !ok {
		return fmt.Errorf("cmqclient: answer has no %q field", name)
	}
	dec := json.NewDecoder(strings.NewReader(string(v)))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("cmqclient: field %q: %v", name, err)
	}
	return nil
}

// Into decodes the answer's fields into v (a struct with json tags).
func (r *Response) Into(v any) error { return json.Unmarshal(r.Raw, v) }

// Keys lists the answer's top-level members, sorted.
func (r *Response) Keys() []string {
	out := make([]string, 0, len(r.Fields))
	for k := range r.Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Error is a CMQ error answer (code != 0).
type Error struct {
	Code int
	// Module is the number in the message's parentheses ("10100"), "" if none.
	Module string
	// Message is the English text after the module ("queue is not existed, or deleted").
	Message string
	// RawMessage is the message field as received.
	RawMessage string
	RequestID  string
	// Response is the whole answer (a batch delete's errorList is in it).
	Response *Response
}

// Error implements error in the Go SDK's wording.
func (e *Error) Error() string {
	return fmt.Sprintf("code: %d, message: %s, requestId: %s", e.Code, e.RawMessage, e.RequestID)
}

// CodeModule is "code/module", the form catalogue rows and scenarios use.
func (e *Error) CodeModule() string { return strconv.Itoa(e.Code) + "/" + e.Module }

func truncate(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}
