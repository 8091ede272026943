package aliyunrpc

import (
	"errors"
	"net/http"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/acs3"
)

// Signature V3 (ACS3-HMAC-SHA256), as shared/specs/aliyun-v3.md describes
// it: what the current SDK cores (Go darabonba-openapi/v2, npm
// @alicloud/openapi-client) send by default. Only the front of the protocol
// differs from v1 — where the action, version, time, nonce and token travel,
// and how the signature is made. The call the actions see is the same: the
// parameters (query ∪ form body), call.Action, call.Version and RegionId.

// unsigned explains an IncompleteSignature for a request carrying neither
// signature.
const unsigned = "(mqmock: neither an ACS3-HMAC-SHA256 Authorization header nor a Signature parameter was sent)"

// isV3 tells whether a request is signed with V3: its Authorization header
// starts with "ACS3-". Anything else is judged by the v1 rules.
func isV3(h http.Header) bool { return acs3.IsV3(h.Get("Authorization")) }

// decodeV3 finishes Decode for a V3 request: action and version come from
// x-acs-action and x-acs-version (the cores send no Action or Version
// parameter). With signatures checked they are judged once the signature is
// (aliyun-v3.md §6: a missing x-acs-action is an incomplete signature before
// it is a missing action); without, at once, as for v1.
func (f *Frontend) decodeV3(r *http.Request, call *pipeline.Call) error {
	call.Action = r.Header.Get(acs3.HeaderAction)
	call.Version = r.Header.Get(acs3.HeaderVersion)
	if f.cfg.Verify {
		return nil
	}
	return f.checkCall(call)
}

// verifyV3 is Verify for a V3 request, in the order of aliyun-v3.md §6:
// Authorization well-formed → AccessKeyId known → x-acs-date fresh →
// algorithm, signed headers, body hash and signature (acs3.Verify) → nonce
// unused → key enabled → STS token → version and action.
func (f *Frontend) verifyV3(r *http.Request, call *pipeline.Call) error {
	e := f.cfg.Errors
	auth, perr := acs3.ParseAuthorization(r.Header.Get("Authorization"))
	call.CredentialID = auth.AccessKeyID
	if !f.cfg.Verify {
		call.Account = f.accountOrDefault(auth.AccessKeyID)
		return nil
	}
	if perr != nil {
		return e.IncompleteSignature.New().WithDetail(detailOf(perr))
	}
	acct, ok := f.account(auth.AccessKeyID)
	if !ok {
		return e.KeyNotFound.New()
	}
	// A missing or unreadable date is a format error, as the spec chooses;
	// acs3.Verify would call a missing one an incomplete signature.
	date := strings.TrimSpace(r.Header.Get(acs3.HeaderDate))
	t, err := parseTimestamp(date)
	if err != nil {
		return e.TimestampFormat.New()
	}
	if d := f.cfg.Now().Sub(t); d > Window || d < -Window {
		return e.TimestampExpired.New()
	}

	key := f.cfg.Credentials(acct)
	view := acs3.RequestView{
		Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery,
		Host: r.Host, Header: r.Header, Body: call.Body,
	}
	if err := f.v3.Verify(key.Secret, auth, view); err != nil {
		var ae *acs3.Error
		if errors.As(err, &ae) && ae.ServerCanonicalRequest != "" {
			call.Reason = ae.Reason.String() + "; the server's canonical request:\n" + ae.ServerCanonicalRequest
		}
		return f.refuseV3(err, auth, view)
	}

	token := r.Header.Values(acs3.HeaderSecurityToken)
	tokenValue := ""
	if len(token) > 0 {
		tokenValue = token[0]
	}
	if err := f.checkKey(auth.AccessKeyID, r.Header.Get(acs3.HeaderNonce), key, tokenValue, len(token) > 0); err != nil {
		return err
	}
	call.Account = acct
	return f.checkCall(call)
}

// refuseV3 turns an acs3 failure into its catalogue row (aliyun-v3.md §5).
func (f *Frontend) refuseV3(err error, auth acs3.Authorization, view acs3.RequestView) error {
	e := f.cfg.Errors
	var ae *acs3.Error
	if !errors.As(err, &ae) {
		return e.Internal.New()
	}
	switch ae.Reason {
	case acs3.UnsupportedAlgorithm:
		return e.UnsupportedAlgorithm.New(auth.Algorithm)
	case acs3.SignatureMismatch:
		return f.mismatch(serverSide(ae.ServerStringToSign, ae.ServerCanonicalRequest, ""))
	case acs3.ContentHashMismatch:
		// The body changed after signing: show what the server signed
		// (its payload hash is the last line) and say why.
		cr := acs3.CanonicalRequest(view, auth.SignedHeaders)
		return f.mismatch(serverSide(acs3.StringToSign(cr), cr, ae.Detail))
	default: // MalformedAuthorization, MissingHeader, UnsignedHeader
		return e.IncompleteSignature.New().WithDetail(detailOf(err))
	}
}

// serverSide renders what the server signed the way the real gateway writes
// it after its V3 text ("server StringToSign is [...], server CanonicalRequest
// is [...]"): here the string to sign comes right after v1's marker, so the
// one row serves both signatures.
func serverSide(stringToSign, canonicalRequest, why string) string {
	s := stringToSign + ", server CanonicalRequest is [" + canonicalRequest + "]"
	if why != "" {
		s += " (mqmock: " + why + ")"
	}
	return s
}

// detailOf is the explanation acs3 gives, appended to an IncompleteSignature
// message: the gateway says only that the signature does not conform.
func detailOf(err error) string {
	var ae *acs3.Error
	if errors.As(err, &ae) && ae.Detail != "" {
		return " (mqmock: " + ae.Detail + ")"
	}
	return ""
}
