package cmq

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/cmqsign"
	"github.com/mqmock/mqmock/internal/wire"
)

// maxRequest is the documented request size limit (4000/10420). Bodies up to
// hardCap are still read so that a batch whose messages alone exceed 1 MiB
// gets the more specific 4470/10300 first (cmq.md §11.8).
const (
	maxRequest = 1 << 20
	hardCap    = 4 << 20
)

// arrayNames are the parameters sent as name.n (cmq.md §2.3); a malformed
// index on one of them is refused while decoding (10310).
var arrayNames = []string{"msgBody", "receiptHandle", "msgTag", "filterTag", "bindingKey"}

// signatureWindow bounds the distance between Timestamp and real time
// (unconfirmed for CMQ v2; the same ±300 s as API 3.0, see cmq.md §4.2).
const signatureWindow = 300 * time.Second

// Vendor implements pipeline.Frontend.
func (s *Server) Vendor() string { return "cmq" }

// Catalogue implements pipeline.Frontend.
func (s *Server) Catalogue() *apierr.Catalogue { return Errors }

// Internal implements pipeline.Frontend.
func (s *Server) Internal() *apierr.Def { return ErrServerInternalError }

// NewRequestID makes a request id; CMQ's are opaque strings.
func (s *Server) NewRequestID() string { return uuid.NewString() }

// Decode implements pipeline.Frontend in the order of cmq.md §6: method,
// size, form encoding, duplicate keys. The body is parsed as a form whatever
// its Content-Type says (the Python and Go SDKs send none, Java "*/*").
func (s *Server) Decode(r *http.Request, call *pipeline.Call) error {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return ErrUnexpectedHTTPMethod.New(r.Method)
	}
	body, err := pipeline.ReadBody(r, hardCap)
	if err != nil || len(r.URL.RawQuery) > hardCap {
		return ErrCannotParseRequest.New("request")
	}
	call.Body = body
	if r.Method == http.MethodGet && r.URL.RawQuery == "" {
		return ErrCannotFindParameterInURI.New("Action")
	}
	pairs, err := wire.ParsePairs(r.URL.RawQuery)
	if err != nil {
		return ErrInvalidRequestParameters.New()
	}
	if r.Method == http.MethodPost {
		bp, err := wire.ParsePairs(string(body))
		if err != nil {
			return ErrInvalidRequestParameters.New()
		}
		pairs = append(pairs, bp...)
	}
	call.Pairs = pairs
	if dup := wire.DuplicateKey(pairs, true); dup != "" {
		return ErrParameterNotRepeatable.New(dup)
	}
	// Lookups use trimmed keys: the Go SDK sends "offset " and signs it so.
	for _, p := range pairs {
		call.Params[strings.TrimSpace(p.Key)] = p.Value
	}
	for _, name := range arrayNames {
		var ie *wire.IndexError
		if _, err := wire.Indexed(call.Params, name, 0, 1); errors.As(err, &ie) && ie.Kind == wire.BadIndex {
			return ErrParameterKeyFormatError.New(ie.Key)
		}
	}
	if requestSize(call) > maxRequest && !sizedByMessages(call.Params["Action"]) {
		return ErrCannotParseRequest.New("request")
	}
	call.Action = call.Params["Action"]
	call.Region = call.Params["Region"]
	return nil
}

// requestSize is the raw size of the request: the body of a POST, the
// (re-encoded) query of a GET.
func requestSize(call *pipeline.Call) int {
	if call.Method == http.MethodPost {
		return len(call.Body)
	}
	n := 0
	for _, p := range call.Pairs {
		n += len(url.QueryEscape(p.Key)) + len(url.QueryEscape(p.Value)) + 2
	}
	return n
}

// sizedByMessages names the actions whose 1 MiB rule is checked on the
// decoded message bodies first (4470/10300), then on the raw size (10420).
func sizedByMessages(action string) bool {
	return strings.EqualFold(action, "BatchSendMessage") || strings.EqualFold(action, "BatchPublishMessage")
}

// Verify implements pipeline.Frontend (cmq.md §4.2), then the account flags
// that put an account into states no request can produce.
func (s *Server) Verify(r *http.Request, call *pipeline.Call) error {
	p := call.Params
	call.CredentialID = p["SecretId"]
	if !s.env.Verify {
		if a, ok := s.env.Accounts.BySecretID(p["SecretId"]); ok {
			call.Account = a
		} else if all := s.env.Accounts.All(); len(all) > 0 {
			call.Account = all[0]
		}
		return nil
	}
	for _, k := range []string{"SecretId", "Signature", "Timestamp", "Nonce"} {
		if p[k] == "" {
			return ErrLackedRequiredParameters.New()
		}
	}
	if !strings.HasPrefix(p["SecretId"], "AKID") {
		return ErrSecretIDNotAKID.New()
	}
	acct, ok := s.env.Accounts.BySecretID(p["SecretId"])
	if !ok {
		return ErrSecretIDNotExisted.New()
	}
	if acct.Tencent.Disabled {
		return ErrSecretIDStatusError.New()
	}
	ts, err := strconv.ParseInt(p["Timestamp"], 10, 64)
	if err != nil {
		return ErrAuthenticationFailed.New()
	}
	if d := s.now().Sub(time.Unix(ts, 0)); d > signatureWindow || d < -signatureWindow {
		return ErrAuthenticationFailed.New()
	}
	params := make([]cmqsign.Param, len(call.Pairs))
	for i, pr := range call.Pairs {
		params[i] = cmqsign.Param{Key: pr.Key, Value: pr.Value}
	}
	if !cmqsign.Verify(acct.Tencent.SecretKey, cmqsign.RequestView{Method: r.Method, Host: r.Host, Path: r.URL.EscapedPath(), Params: params}) {
		return ErrAuthenticationFailed.New()
	}
	// A temporary key is only good with its session token (the TDMQ-CMQ Go
	// SDK sends it as Token); no CMQ code is documented for a wrong one.
	if tok := acct.Tencent.Token; tok != "" && subtle.ConstantTimeCompare([]byte(p["Token"]), []byte(tok)) != 1 {
		return ErrAuthenticationFailed.New()
	}
	switch {
	case acct.Flags.ChargeOverdue:
		return ErrChargeOverdue.New()
	case acct.Flags.AssistantAccount:
		return ErrAssistantAccount.New()
	case acct.Flags.NoCAMAuthorization:
		return ErrNoCAMAuthentication.New()
	}
	call.Account = acct
	return nil
}

// Route implements pipeline.Frontend; action names match case-insensitively.
func (s *Server) Route(call *pipeline.Call) (pipeline.Handler, error) {
	if call.Action == "" {
		return nil, ErrActionNotExisted.New()
	}
	h, ok := s.actions.Lookup(call.Action)
	if !ok {
		return nil, ErrActionNameNotExisted.New(call.Action)
	}
	if s.opts.StrictParameters {
		if k := s.unknownParameter(call); k != "" {
			return nil, ErrNoSuchParameter.New(k)
		}
	}
	if err := s.limits.check(call); err != nil {
		return nil, err
	}
	return h, nil
}

// Write implements pipeline.Frontend: HTTP 200 always; code a JSON number,
// message "(module)text" on errors, requestId a string, then the action's
// fields (or the error's extra fields, like a batch delete's errorList).
func (s *Server) Write(w http.ResponseWriter, call *pipeline.Call, result any, aerr *apierr.Error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	code, message := 0, ""
	var fields []byte
	var err error
	if aerr == nil {
		if fields, err = pipeline.ObjectBody(result); err != nil {
			aerr = ErrServerInternalError.New()
		}
	}
	if aerr != nil {
		code, message = renderError(aerr)
		fields, _ = pipeline.ObjectBody(aerr.Fields)
	}
	out := make([]byte, 0, len(fields)+96)
	out = append(out, `{"code":`...)
	out = strconv.AppendInt(out, int64(code), 10)
	out = append(out, `,"message":`...)
	out = appendJSONString(out, message)
	out = append(out, `,"requestId":`...)
	out = appendJSONString(out, call.RequestID)
	if len(fields) > 0 {
		out = append(out, ',')
		out = append(out, fields...)
	}
	out = append(out, '}')
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// renderError turns a catalogue error (Code "4000/10100") into the numeric
// code and the "(10100)queue is not existed, or deleted" message.
func renderError(e *apierr.Error) (int, string) {
	c, module, _ := strings.Cut(e.Code(), "/")
	code, err := strconv.Atoi(c)
	if err != nil {
		code = 6000
	}
	return code, "(" + module + ")" + e.Message()
}

// appendJSONString appends s as a JSON string. Messages echo what clients
// sent (an unknown action's name), which may be any bytes: encoding/json
// escapes what JSON needs and turns invalid UTF-8 into U+FFFD, where Go's
// own quoting (\xff) would break every SDK's JSON parser.
func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}
