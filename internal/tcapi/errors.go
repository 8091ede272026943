package tcapi

// The common error codes of TencentCloud API 3.0 (seed 003, "Common Error
// Codes", that every action of every service can return), kept verbatim in
// testdata/errors.tsv. A front door's catalogue is these rows plus those of
// the products behind it (apierr.Union).
//
// API 3.0 answers every error with HTTP 200 and
// {"Response":{"Error":{"Code":…,"Message":…},"RequestId":…}}
// (tencentcloud-api3.md §9), so every row has Status 200 and its Code is the
// TencentCloud code itself, which is also its Name. Messages are the seed's
// English descriptions.

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Seed 003, "Common Error Codes" (that all actions can return), in seed order.
var (
	errAuthFailureInvalidSecretId  = &apierr.Def{Name: "AuthFailure.InvalidSecretId", Code: "AuthFailure.InvalidSecretId", Status: http.StatusOK, Message: "Invalid key (not a TencentCloud API key type).", Seed: true, Section: "Common Error Codes"}
	errAuthFailureMFAFailure       = &apierr.Def{Name: "AuthFailure.MFAFailure", Code: "AuthFailure.MFAFailure", Status: http.StatusOK, Message: "MFA failed.", Seed: true, Section: "Common Error Codes"}
	errAuthFailureSecretIdNotFound = &apierr.Def{Name: "AuthFailure.SecretIdNotFound", Code: "AuthFailure.SecretIdNotFound", Status: http.StatusOK, Message: "The key does not exist.", Seed: true, Section: "Common Error Codes"}
	errAuthFailureSignatureExpire  = &apierr.Def{Name: "AuthFailure.SignatureExpire", Code: "AuthFailure.SignatureExpire", Status: http.StatusOK, Message: "Signature expired.", Seed: true, Section: "Common Error Codes"}
	// The seed's table says "Signature error."; its worked error response shows
	// what the service actually sends for this code, and SDK users compare
	// against that, so the catalogue carries the example's message instead.
	errAuthFailureSignatureFailure      = &apierr.Def{Name: "AuthFailure.SignatureFailure", Code: "AuthFailure.SignatureFailure", Status: http.StatusOK, Message: "The provided credentials could not be validated. Please ensure your signature is correct.", Seed: true, Section: "Common Error Codes"}
	errAuthFailureTokenFailure          = &apierr.Def{Name: "AuthFailure.TokenFailure", Code: "AuthFailure.TokenFailure", Status: http.StatusOK, Message: "Token error.", Seed: true, Section: "Common Error Codes"}
	errAuthFailureUnauthorizedOperation = &apierr.Def{Name: "AuthFailure.UnauthorizedOperation", Code: "AuthFailure.UnauthorizedOperation", Status: http.StatusOK, Message: "The request does not have CAM authorization.", Seed: true, Section: "Common Error Codes"}
	errDryRunOperation                  = &apierr.Def{Name: "DryRunOperation", Code: "DryRunOperation", Status: http.StatusOK, Message: "DryRun Operation. It means that the request would have succeeded, but the DryRun parameter was used.", Seed: true, Section: "Common Error Codes"}
	errFailedOperation                  = &apierr.Def{Name: "FailedOperation", Code: "FailedOperation", Status: http.StatusOK, Message: "Operation failed.", Seed: true, Section: "Common Error Codes"}
	errInternalError                    = &apierr.Def{Name: "InternalError", Code: "InternalError", Status: http.StatusOK, Message: "Internal error.", Seed: true, Section: "Common Error Codes"}
	errInvalidAction                    = &apierr.Def{Name: "InvalidAction", Code: "InvalidAction", Status: http.StatusOK, Message: "The API does not exist.", Seed: true, Section: "Common Error Codes"}
	errInvalidParameter                 = &apierr.Def{Name: "InvalidParameter", Code: "InvalidParameter", Status: http.StatusOK, Message: "Incorrect parameter.", Seed: true, Section: "Common Error Codes"}
	errInvalidParameterValue            = &apierr.Def{Name: "InvalidParameterValue", Code: "InvalidParameterValue", Status: http.StatusOK, Message: "Invalid parameter value.", Seed: true, Section: "Common Error Codes"}
	errLimitExceeded                    = &apierr.Def{Name: "LimitExceeded", Code: "LimitExceeded", Status: http.StatusOK, Message: "Quota limit exceeded.", Seed: true, Section: "Common Error Codes"}
	errMissingParameter                 = &apierr.Def{Name: "MissingParameter", Code: "MissingParameter", Status: http.StatusOK, Message: "A parameter is missing.", Seed: true, Section: "Common Error Codes"}
	errNoSuchVersion                    = &apierr.Def{Name: "NoSuchVersion", Code: "NoSuchVersion", Status: http.StatusOK, Message: "The API version does not exist.", Seed: true, Section: "Common Error Codes"}
	errRequestLimitExceeded             = &apierr.Def{Name: "RequestLimitExceeded", Code: "RequestLimitExceeded", Status: http.StatusOK, Message: "The number of requests exceeds the frequency limit.", Seed: true, Section: "Common Error Codes"}
	errResourceInUse                    = &apierr.Def{Name: "ResourceInUse", Code: "ResourceInUse", Status: http.StatusOK, Message: "Resource is in use.", Seed: true, Section: "Common Error Codes"}
	errResourceInsufficient             = &apierr.Def{Name: "ResourceInsufficient", Code: "ResourceInsufficient", Status: http.StatusOK, Message: "Insufficient resource.", Seed: true, Section: "Common Error Codes"}
	errResourceNotFound                 = &apierr.Def{Name: "ResourceNotFound", Code: "ResourceNotFound", Status: http.StatusOK, Message: "The resource does not exist.", Seed: true, Section: "Common Error Codes"}
	errResourceUnavailable              = &apierr.Def{Name: "ResourceUnavailable", Code: "ResourceUnavailable", Status: http.StatusOK, Message: "Resource is unavailable.", Seed: true, Section: "Common Error Codes"}
	errUnauthorizedOperation            = &apierr.Def{Name: "UnauthorizedOperation", Code: "UnauthorizedOperation", Status: http.StatusOK, Message: "Unauthorized operation.", Seed: true, Section: "Common Error Codes"}
	errUnknownParameter                 = &apierr.Def{Name: "UnknownParameter", Code: "UnknownParameter", Status: http.StatusOK, Message: "Unknown parameter.", Seed: true, Section: "Common Error Codes"}
	errUnsupportedOperation             = &apierr.Def{Name: "UnsupportedOperation", Code: "UnsupportedOperation", Status: http.StatusOK, Message: "Unsupported operation.", Seed: true, Section: "Common Error Codes"}
	errUnsupportedProtocol              = &apierr.Def{Name: "UnsupportedProtocol", Code: "UnsupportedProtocol", Status: http.StatusOK, Message: "HTTPS request method error. Only GET and POST requests are supported.", Seed: true, Section: "Common Error Codes"}
	errUnsupportedRegion                = &apierr.Def{Name: "UnsupportedRegion", Code: "UnsupportedRegion", Status: http.StatusOK, Message: "API does not support the requested region.", Seed: true, Section: "Common Error Codes"}
)

// common is the catalogue of the rows above, in seed order.
var common = apierr.NewCatalogue("common",
	errAuthFailureInvalidSecretId,
	errAuthFailureMFAFailure,
	errAuthFailureSecretIdNotFound,
	errAuthFailureSignatureExpire,
	errAuthFailureSignatureFailure,
	errAuthFailureTokenFailure,
	errAuthFailureUnauthorizedOperation,
	errDryRunOperation,
	errFailedOperation,
	errInternalError,
	errInvalidAction,
	errInvalidParameter,
	errInvalidParameterValue,
	errLimitExceeded,
	errMissingParameter,
	errNoSuchVersion,
	errRequestLimitExceeded,
	errResourceInUse,
	errResourceInsufficient,
	errResourceNotFound,
	errResourceUnavailable,
	errUnauthorizedOperation,
	errUnknownParameter,
	errUnsupportedOperation,
	errUnsupportedProtocol,
	errUnsupportedRegion,
)

// Common is the catalogue of the common codes, in seed order.
func Common() *apierr.Catalogue { return common }

// Row is one common row by its code; products take the common codes they
// answer with through it. An unknown code panics: a programming error every
// test run catches.
func Row(code string) *apierr.Def {
	d, ok := common.ByName(code)
	if !ok {
		panic("tcapi: no common code " + code)
	}
	return d
}
