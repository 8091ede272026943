package tcapi

// TencentCloud API 3.0 signature v1 (tencentcloud-api3.md, section
// "TencentCloud API 3.0 signature v1"): what the SDKs send when
// ClientProfile.SignMethod is HmacSHA1 or HmacSHA256. No X-TC-* header and
// no Authorization; every parameter — Action, Version, Region, Timestamp,
// Nonce, SecretId, SignatureMethod, Signature, Language, RequestClient,
// Token and the action's own, flattened (Filters.0.Values.0=a, Limit=20) —
// travels in a GET query or an application/x-www-form-urlencoded POST body.
// The call then goes through the same routing and the same actions as a
// TC3 call: the flattened parameters are rebuilt by Bind from the action's
// request struct.

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/tcv1"
	"github.com/mqmock/mqmock/internal/wire"
)

// v1Common are the parameters of signature v1 that are not the action's: the
// ones TC3 carries in headers, and the signature's own (v1.4 step 1).
var v1Common = map[string]bool{
	"Action": true, "Version": true, "Region": true, "Timestamp": true, "Nonce": true,
	"SecretId": true, "SignatureMethod": true, "Signature": true, "Language": true,
	"RequestClient": true, "Token": true,
}

// formType is the only content type of a signature v1 POST.
const formType = "application/x-www-form-urlencoded"

// signedV1 reports whether Decode took the call as signature v1: only then
// are the form pairs kept (never nil, even for an empty form).
func signedV1(call *pipeline.Call) bool { return call.Pairs != nil }

// decodeV1 decodes r when it is a signature v1 request and reports whether
// it was. A request with an Authorization or an X-TC-Action header is TC3's,
// whatever its body; so is a GET whose query names neither Action nor
// Signature (an API 3.0 GET carries only the action's parameters). A POST is
// v1 by its form content type; a POST query string is ignored, as the real
// service ignores it.
func (f *Frontend) decodeV1(r *http.Request, call *pipeline.Call) (bool, error) {
	if r.Header.Get("Authorization") != "" || r.Header.Get("X-TC-Action") != "" {
		return false, nil
	}
	var pairs []wire.Pair
	if r.Method == http.MethodGet {
		if len(r.URL.RawQuery) > maxGetQuery {
			return false, nil // refused by the API 3.0 path, with the same words
		}
		p, err := wire.ParsePairs(r.URL.RawQuery)
		if err != nil || !hasKey(p, "Action") && !hasKey(p, "Signature") {
			return false, nil
		}
		pairs = p
	} else {
		mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if !strings.EqualFold(mediaType, formType) {
			return false, nil
		}
		body, err := pipeline.ReadBody(r, maxV1PostBody)
		if errors.Is(err, pipeline.ErrBodyTooLarge) {
			return true, errInvalidParameter.New().WithDetail(" (form body larger than 1 MB)")
		} else if err != nil {
			return true, errInvalidParameter.New()
		}
		call.Body = body
		if pairs, err = wire.ParsePairs(string(body)); err != nil {
			return true, errInvalidParameter.New().WithDetail(" (malformed form body)")
		}
	}
	// Neither SDK repeats a name; which of two values counts would be a guess
	// (and the signature covers both).
	if k := wire.DuplicateKey(pairs, false); k != "" {
		return true, errInvalidParameter.New().WithDetail(" (" + k + " sent twice)")
	}
	call.Pairs = append(make([]wire.Pair, 0, len(pairs)), pairs...)
	flat := wire.Flat{}
	for _, p := range pairs {
		call.Params[p.Key] = p.Value
		if !v1Common[p.Key] {
			flat[p.Key] = p.Value
		}
	}
	call.Tree = flat
	call.Action = call.Params["Action"]
	call.Version = call.Params["Version"]
	call.Region = call.Params["Region"]
	return true, f.routed(call, "Action", "Version")
}

func hasKey(pairs []wire.Pair, key string) bool {
	for _, p := range pairs {
		if p.Key == key {
			return true
		}
	}
	return false
}

// verifyV1 checks a signature v1 call in the order of the spec's v1.10:
// Signature present → SecretId known → Timestamp fresh → signature → token
// → account flags, with the same accounts, window and codes as TC3. A
// missing Signature or a SignatureMethod other than HmacSHA1/HmacSHA256 is
// AuthFailure.SignatureFailure; a missing SecretId, Timestamp or Nonce is
// MissingParameter (v1.7's emulator choices). The Nonce is not checked for
// reuse (v1.6).
func (f *Frontend) verifyV1(r *http.Request, call *pipeline.Call) error {
	p := call.Params
	secretID := p["SecretId"]
	call.CredentialID = secretID
	if !f.cfg.Verify {
		f.unverified(call, secretID)
		return nil
	}
	if p["Signature"] == "" {
		return errAuthFailureSignatureFailure.New()
	}
	if secretID == "" {
		return errMissingParameter.New().WithDetail(" (SecretId)")
	}
	if !strings.HasPrefix(secretID, "AKID") {
		return errAuthFailureInvalidSecretId.New()
	}
	acct, ok := f.accountBySecretID(secretID)
	if !ok || acct.Tencent.Disabled {
		return errAuthFailureSecretIdNotFound.New()
	}
	for _, name := range []string{"Timestamp", "Nonce"} {
		if _, sent := p[name]; !sent {
			return errMissingParameter.New().WithDetail(" (" + name + ")")
		}
	}
	ts, err := strconv.ParseInt(p["Timestamp"], 10, 64)
	if err != nil {
		return errAuthFailureSignatureFailure.New()
	}
	if !f.fresh(ts) {
		return errAuthFailureSignatureExpire.New()
	}
	// An absent SignatureMethod means HmacSHA1, as the SDKs and Tencent's
	// documents read it; anything else named is refused.
	if m, sent := p["SignatureMethod"]; sent && m != tcv1.MethodSHA1 && m != tcv1.MethodSHA256 {
		return errAuthFailureSignatureFailure.New()
	}
	params := make([]tcv1.Param, len(call.Pairs))
	for i, pr := range call.Pairs {
		params[i] = tcv1.Param{Key: pr.Key, Value: pr.Value}
	}
	if !tcv1.Verify(acct.Tencent.SecretKey, tcv1.RequestView{
		Method: r.Method, Host: r.Host, Path: r.URL.EscapedPath(), Params: params,
	}) {
		return errAuthFailureSignatureFailure.New()
	}
	return f.admit(call, acct, p["Token"])
}
