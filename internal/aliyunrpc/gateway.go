package aliyunrpc

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
)

// The POP gateway's own codes, answered before an action is dispatched
// (aliyun-rpc.md §6, with the evidence for each status and text there). They
// belong to the protocol, not to a product: every catalogue served over this
// protocol includes them through GatewayErrors (a product answering one of
// them from its own rules takes the row from its catalogue), and Errors falls
// back to them. None is in a seed; products keep their own internal-error and
// unknown-action rows. Unexported, so no caller can change a row.
var (
	// Signature mismatch. The server's string to sign is appended with
	// Error.WithDetail, as the real gateway does (400: real
	// bodies, aliyun-openapi-python-sdk tests).
	errSignatureDoesNotMatch = &apierr.Def{Name: "SignatureDoesNotMatch", Code: "SignatureDoesNotMatch", Status: http.StatusBadRequest, Message: "Specified signature is not matched with our calculation. server string to sign is:"}
	// Signature or another signing parameter missing or malformed.
	errIncompleteSignature = &apierr.Def{Name: "IncompleteSignature", Code: "IncompleteSignature", Status: http.StatusBadRequest, Message: "The request signature does not conform to Aliyun standards."}
	// Timestamp more than 15 minutes from real time.
	errInvalidTimeStampExpired = &apierr.Def{Name: "InvalidTimeStamp.Expired", Code: "InvalidTimeStamp.Expired", Status: http.StatusBadRequest, Message: "Specified time stamp or date value is expired."}
	// Timestamp not ISO 8601.
	errInvalidTimeStampFormat = &apierr.Def{Name: "InvalidTimeStamp.Format", Code: "InvalidTimeStamp.Format", Status: http.StatusBadRequest, Message: "Specified time stamp or date value is not well formatted."}
	// Timestamp missing.
	errIllegalTimestamp = &apierr.Def{Name: "IllegalTimestamp", Code: "IllegalTimestamp", Status: http.StatusBadRequest, Message: "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied."}
	// SignatureNonce reused within the window.
	errSignatureNonceUsed = &apierr.Def{Name: "SignatureNonceUsed", Code: "SignatureNonceUsed", Status: http.StatusBadRequest, Message: "Specified signature nonce was used already."}
	// Unknown AccessKeyId; 404 as real SDK errors show (some pages say 400).
	errInvalidAccessKeyIdNotFound = &apierr.Def{Name: "InvalidAccessKeyId.NotFound", Code: "InvalidAccessKeyId.NotFound", Status: http.StatusNotFound, Message: "Specified access key is not found."}
	// AccessKey disabled.
	errInvalidAccessKeyIdInactive = &apierr.Def{Name: "InvalidAccessKeyId.Inactive", Code: "InvalidAccessKeyId.Inactive", Status: http.StatusBadRequest, Message: "Specified access key is disabled."}
	// STS AccessKey without SecurityToken; status unconfirmed (400 by analogy with
	// Missing{Param}). Its exact code wins over the Missing%s family in Resolve.
	errMissingSecurityToken = &apierr.Def{Name: "MissingSecurityToken", Code: "MissingSecurityToken", Status: http.StatusBadRequest, Message: "SecurityToken is mandatory for this action."}
	// STS token checks (not in aliyun-rpc.md §6). Source: the POP gateway error
	// table repeated in Alibaba product docs (e.g. the FaaS "Error codes" page:
	// 400 InvalidSecurityToken.Expired / .Malformed / .MismatchWithAccessKey with
	// these texts); the official SDKs' retry/raise lists name the same codes.
	errInvalidSecurityTokenExpired               = &apierr.Def{Name: "InvalidSecurityToken.Expired", Code: "InvalidSecurityToken.Expired", Status: http.StatusBadRequest, Message: "Specified SecurityToken is expired."}
	errInvalidSecurityTokenMalformed             = &apierr.Def{Name: "InvalidSecurityToken.Malformed", Code: "InvalidSecurityToken.Malformed", Status: http.StatusBadRequest, Message: "Specified SecurityToken is malformed."}
	errInvalidSecurityTokenMismatchWithAccessKey = &apierr.Def{Name: "InvalidSecurityToken.MismatchWithAccessKey", Code: "InvalidSecurityToken.MismatchWithAccessKey", Status: http.StatusBadRequest, Message: "Specified SecurityToken mismatch with the AccessKey."}
	// A V3 algorithm mqmock does not verify: ACS3-HMAC-SM3 (no SM3 in the
	// standard library or the module's dependencies) and ACS3-RSA-SHA256
	// (mqmock accounts have no key pair). mqmock's own row, not the
	// gateway's: what the gateway answers is unconfirmed (aliyun-v3.md §4,
	// §5 suggest SignatureDoesNotMatch, which would hide the reason; a
	// catalogue keeps one row per code). 400 as every signing refusal.
	errUnsupportedSignatureAlgorithm = &apierr.Def{Name: "UnsupportedSignatureAlgorithm", Code: "UnsupportedSignatureAlgorithm", Status: http.StatusBadRequest, Message: "Specified signature algorithm %s is not supported: mqmock verifies ACS3-HMAC-SHA256 only, the default of the SDK cores; leave Config.SignatureAlgorithm unset."}
	// A RegionId outside the regions a product is offered in, for products
	// whose API documents no region code of its own (MQTT; ONS has
	// BIZ_REGION_NOT_FOUND). An emulator choice: the OnsMqtt 2020-04-20 API
	// metadata lists no region error, so the code, the status and the text
	// are mqmock's, modelled on the POP gateway's region rows of other
	// products (ECS/VPC error tables: InvalidRegionId.NotFound, 400 or 404,
	// "The specified RegionId does not exist.").
	// A request of this protocol that reached another door's port, answered
	// in this protocol's envelope so its SDK raises it; the detail names the
	// port that serves it. Emulator choice: InvalidAction.NotFound's status
	// (404) with a sub-code of its own.
	errInvalidActionWrongPort = &apierr.Def{Name: "InvalidAction.WrongPort", Code: "InvalidAction.WrongPort", Status: http.StatusNotFound, Message: "The specified action is not served on this port."}
	errInvalidRegionId        = &apierr.Def{Name: "InvalidRegionId", Code: "InvalidRegionId", Status: http.StatusBadRequest, Message: "The specified RegionId does not exist."}
	// SignatureMethod other than HMAC-SHA1.
	errInvalidSignatureMethod = &apierr.Def{Name: "InvalidSignatureMethod", Code: "InvalidSignatureMethod", Status: http.StatusBadRequest, Message: "Specified signature method is not valid."}
	// Family: a required parameter is absent; the argument is the parameter name,
	// e.g. MissingInstanceId "InstanceId is mandatory for this action."
	errMissingParameterFamily = &apierr.Def{Name: "Missing%s", Code: "Missing%s", Status: http.StatusBadRequest, Message: "%s is mandatory for this action."}
	// Wrong Version for the product (status unconfirmed).
	errInvalidVersion = &apierr.Def{Name: "InvalidVersion", Code: "InvalidVersion", Status: http.StatusBadRequest, Message: "Specified parameter Version is not valid."}
	// Format neither JSON nor XML.
	errInvalidParameterFormat = &apierr.Def{Name: "InvalidParameter.Format", Code: "InvalidParameter.Format", Status: http.StatusBadRequest, Message: "Specified parameter format is not valid."}
	// HTTP method other than GET/POST (400; some pages say 403, unconfirmed).
	errUnsupportedHTTPMethod = &apierr.Def{Name: "UnsupportedHTTPMethod", Code: "UnsupportedHTTPMethod", Status: http.StatusBadRequest, Message: "This http method not supported."}
	// Per-account flow control.
	errThrottlingUser = &apierr.Def{Name: "Throttling.User", Code: "Throttling.User", Status: http.StatusBadRequest, Message: "Request was denied due to user flow control."}
	// Per-API flow control (message unconfirmed).
	errThrottlingApi = &apierr.Def{Name: "Throttling.Api", Code: "Throttling.Api", Status: http.StatusBadRequest, Message: "Request was denied due to api flow control."}
	// Generic throttling.
	errThrottling = &apierr.Def{Name: "Throttling", Code: "Throttling", Status: http.StatusBadRequest, Message: "Request was denied due to request throttling."}
	// Overload.
	errServiceUnavailable = &apierr.Def{Name: "ServiceUnavailable", Code: "ServiceUnavailable", Status: http.StatusServiceUnavailable, Message: "The request has failed due to a temporary failure of the server."}
)

// GatewayErrors lists the gateway rows for a product's catalogue (its
// labelled extras).
func GatewayErrors() []*apierr.Def {
	return []*apierr.Def{
		errSignatureDoesNotMatch,
		errIncompleteSignature,
		errInvalidTimeStampExpired,
		errInvalidTimeStampFormat,
		errIllegalTimestamp,
		errSignatureNonceUsed,
		errInvalidAccessKeyIdNotFound,
		errInvalidAccessKeyIdInactive,
		errMissingSecurityToken,
		errInvalidSecurityTokenExpired,
		errInvalidSecurityTokenMalformed,
		errInvalidSecurityTokenMismatchWithAccessKey,
		errInvalidSignatureMethod,
		errUnsupportedSignatureAlgorithm,
		errInvalidRegionId,
		errInvalidActionWrongPort,
		errMissingParameterFamily,
		errInvalidVersion,
		errInvalidParameterFormat,
		errUnsupportedHTTPMethod,
		errThrottlingUser,
		errThrottlingApi,
		errThrottling,
		errServiceUnavailable,
	}
}
