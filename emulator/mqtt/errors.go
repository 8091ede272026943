package mqtt

// This file is the MQTT (Alibaba Message Queue for MQTT, OnsMqtt 2020-04-20)
// error catalogue: the rows of seed 002 (001 is the same table in traditional
// Chinese), kept verbatim in testdata/errors.tsv, then separate, labelled
// lists of codes the seeds do not document.
//
// Code and Name are the vendor code; Status and Message are the seed's
// HttpCode and English 错误信息. The seed has a Token section (9 rows) and a
// Group ID section (8 rows); InternalError, InstancePermissionCheckFailed and
// PermissionCheckFailed appear in both with the same status and text, so they
// are one Def each (Section "Token, Group ID"): 17 rows, 14 Defs. The Defs are
// package-level so handlers can refer to them directly; they must not be
// modified after init.

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Seeds 001/002, Token相关错误码 then Group ID相关错误码, in seed order.
var (
	ErrApiNotSupport          = &apierr.Def{Name: "ApiNotSupport", Code: "ApiNotSupport", Status: http.StatusNotFound, Message: "The specified API is not supported.", Seed: true, Section: "Token"}
	ErrApplyTokenOverFlow     = &apierr.Def{Name: "ApplyTokenOverFlow", Code: "ApplyTokenOverFlow", Status: http.StatusBadRequest, Message: "You have applied for tokens too many times. Please try again later.", Seed: true, Section: "Token"}
	ErrCheckAccountInfoFailed = &apierr.Def{Name: "CheckAccountInfoFailed", Code: "CheckAccountInfoFailed", Status: http.StatusBadRequest, Message: "An error occurred while checking the account information by the STS token.", Seed: true, Section: "Token"}
	// Listed in both sections with the same status and text: one Def.
	ErrInstancePermissionCheckFailed = &apierr.Def{Name: "InstancePermissionCheckFailed", Code: "InstancePermissionCheckFailed", Status: http.StatusBadRequest, Message: "An error occurred while validating the permissions of the instance. Please verify the account that created the instance and its permissions settings.", Seed: true, Section: "Token, Group ID"}
	// Listed in both sections with the same status and text: one Def.
	ErrInternalError        = &apierr.Def{Name: "InternalError", Code: "InternalError", Status: http.StatusInternalServerError, Message: "An error occurred while processing your request. Try again later.", Seed: true, Section: "Token, Group ID"}
	ErrParameterCheckFailed = &apierr.Def{Name: "ParameterCheckFailed", Code: "ParameterCheckFailed", Status: http.StatusBadRequest, Message: "An error occurred while validating the parameters. The parameters may be missing or invalid.", Seed: true, Section: "Token"}
	// Listed in both sections with the same status and text: one Def.
	ErrPermissionCheckFailed = &apierr.Def{Name: "PermissionCheckFailed", Code: "PermissionCheckFailed", Status: http.StatusBadRequest, Message: "An error occurred while validating the resource permissions. Please check the account that created the instance, topic, and GroupId, and check their permission settings.", Seed: true, Section: "Token, Group ID"}
	ErrSystemOverFlow        = &apierr.Def{Name: "SystemOverFlow", Code: "SystemOverFlow", Status: http.StatusInternalServerError, Message: "An error occurred while processing your request. Please try again.", Seed: true, Section: "Token"}
	// Family: the argument is the parameter name (InvalidParameter.ClientId). The
	// message has no %s, so the name shows only in the code.
	ErrInvalidParameterFamily         = &apierr.Def{Name: "InvalidParameter.%s", Code: "InvalidParameter.%s", Status: http.StatusBadRequest, Message: "An error occurred while validating the parameter. The parameter may be missing or invalid.", Seed: true, Section: "Token"}
	ErrCreateGroupIdError             = &apierr.Def{Name: "CreateGroupIdError", Code: "CreateGroupIdError", Status: http.StatusInternalServerError, Message: "Failed to create GroupId. Try again later.", Seed: true, Section: "Group ID"}
	ErrGroupIdAlreadyExsited          = &apierr.Def{Name: "GroupIdAlreadyExsited", Code: "GroupIdAlreadyExsited", Status: http.StatusBadRequest, Message: "The specified GroupId already exists.", Seed: true, Section: "Group ID"}
	ErrGroupIdAlreadyUsedByOtherUsers = &apierr.Def{Name: "GroupIdAlreadyUsedByOtherUsers", Code: "GroupIdAlreadyUsedByOtherUsers", Status: http.StatusBadRequest, Message: "The current GroupId is used by another user. Please change to a different GroupId.", Seed: true, Section: "Group ID"}
	ErrParameterFieldCheckFailed      = &apierr.Def{Name: "ParameterFieldCheckFailed", Code: "ParameterFieldCheckFailed", Status: http.StatusBadRequest, Message: "Failed to validate the parameters. The parameters may be missing or invalid.", Seed: true, Section: "Group ID"}
	ErrInstanceNotFound               = &apierr.Def{Name: "InstanceNotFound", Code: "InstanceNotFound", Status: http.StatusBadRequest, Message: "Failed to find the instance. The instanceId may be invalid.", Seed: true, Section: "Group ID"}
)

// MQTT-specific code not in the seeds (mqtt.md §4.2).
var (
	// DeleteGroupId failure; only reachable through the fault engine. Source: the
	// DeleteGroupId API page's error table.
	ErrDeleteGroupIdError = &apierr.Def{Name: "DeleteGroupIdError", Code: "DeleteGroupIdError", Status: http.StatusInternalServerError, Message: "Failed to delete GroupId. Try again later."}
)

// Gateway (common POP) codes answered before an action is dispatched
// (aliyun-rpc.md §6, with the evidence for each status and text there). Not in
// the seeds. Left out on purpose: InvalidAction.NotFound (an unknown action is
// the seed's ApiNotSupport, mqtt.md §4.1) and the gateway's InternalError (the
// seed has its own). mqmock's MQTT rate limits use the seed's SystemOverFlow
// and ApplyTokenOverFlow; the Throttling codes are here for fault scenarios.
// InvalidParameter.Format is an exact code, so Resolve prefers it over the
// seed family InvalidParameter.%s with argument "Format".
var (
	// Signature mismatch. The server's string to sign is appended with
	// Error.WithDetail, as the real gateway does (400: real
	// bodies, aliyun-openapi-python-sdk tests).
	ErrSignatureDoesNotMatch = &apierr.Def{Name: "SignatureDoesNotMatch", Code: "SignatureDoesNotMatch", Status: http.StatusBadRequest, Message: "Specified signature is not matched with our calculation. server string to sign is:"}
	// Signature or another signing parameter missing or malformed.
	ErrIncompleteSignature = &apierr.Def{Name: "IncompleteSignature", Code: "IncompleteSignature", Status: http.StatusBadRequest, Message: "The request signature does not conform to Aliyun standards."}
	// Timestamp more than 15 minutes from real time.
	ErrInvalidTimeStampExpired = &apierr.Def{Name: "InvalidTimeStamp.Expired", Code: "InvalidTimeStamp.Expired", Status: http.StatusBadRequest, Message: "Specified time stamp or date value is expired."}
	// Timestamp not ISO 8601.
	ErrInvalidTimeStampFormat = &apierr.Def{Name: "InvalidTimeStamp.Format", Code: "InvalidTimeStamp.Format", Status: http.StatusBadRequest, Message: "Specified time stamp or date value is not well formatted."}
	// Timestamp missing.
	ErrIllegalTimestamp = &apierr.Def{Name: "IllegalTimestamp", Code: "IllegalTimestamp", Status: http.StatusBadRequest, Message: "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied."}
	// SignatureNonce reused within the window.
	ErrSignatureNonceUsed = &apierr.Def{Name: "SignatureNonceUsed", Code: "SignatureNonceUsed", Status: http.StatusBadRequest, Message: "Specified signature nonce was used already."}
	// Unknown AccessKeyId; 404 as real SDK errors show (some pages say 400).
	ErrInvalidAccessKeyIdNotFound = &apierr.Def{Name: "InvalidAccessKeyId.NotFound", Code: "InvalidAccessKeyId.NotFound", Status: http.StatusNotFound, Message: "Specified access key is not found."}
	// AccessKey disabled.
	ErrInvalidAccessKeyIdInactive = &apierr.Def{Name: "InvalidAccessKeyId.Inactive", Code: "InvalidAccessKeyId.Inactive", Status: http.StatusBadRequest, Message: "Specified access key is disabled."}
	// STS AccessKey without SecurityToken; status unconfirmed (400 by analogy with
	// Missing{Param}). Its exact code wins over the Missing%s family in Resolve.
	ErrMissingSecurityToken = &apierr.Def{Name: "MissingSecurityToken", Code: "MissingSecurityToken", Status: http.StatusBadRequest, Message: "SecurityToken is mandatory for this action."}
	// STS token checks (not in aliyun-rpc.md §6). Source: the POP gateway error
	// table repeated in Alibaba product docs (e.g. the FaaS "Error codes" page:
	// 400 InvalidSecurityToken.Expired / .Malformed / .MismatchWithAccessKey with
	// these texts); the official SDKs' retry/raise lists name the same codes.
	ErrInvalidSecurityTokenExpired               = &apierr.Def{Name: "InvalidSecurityToken.Expired", Code: "InvalidSecurityToken.Expired", Status: http.StatusBadRequest, Message: "Specified SecurityToken is expired."}
	ErrInvalidSecurityTokenMalformed             = &apierr.Def{Name: "InvalidSecurityToken.Malformed", Code: "InvalidSecurityToken.Malformed", Status: http.StatusBadRequest, Message: "Specified SecurityToken is malformed."}
	ErrInvalidSecurityTokenMismatchWithAccessKey = &apierr.Def{Name: "InvalidSecurityToken.MismatchWithAccessKey", Code: "InvalidSecurityToken.MismatchWithAccessKey", Status: http.StatusBadRequest, Message: "Specified SecurityToken mismatch with the AccessKey."}
	// SignatureMethod other than HMAC-SHA1.
	ErrInvalidSignatureMethod = &apierr.Def{Name: "InvalidSignatureMethod", Code: "InvalidSignatureMethod", Status: http.StatusBadRequest, Message: "Specified signature method is not valid."}
	// Family: a required parameter is absent; the argument is the parameter name,
	// e.g. MissingInstanceId "InstanceId is mandatory for this action."
	ErrMissingParameterFamily = &apierr.Def{Name: "Missing%s", Code: "Missing%s", Status: http.StatusBadRequest, Message: "%s is mandatory for this action."}
	// Wrong Version for the product (status unconfirmed).
	ErrInvalidVersion = &apierr.Def{Name: "InvalidVersion", Code: "InvalidVersion", Status: http.StatusBadRequest, Message: "Specified parameter Version is not valid."}
	// Format neither JSON nor XML.
	ErrInvalidParameterFormat = &apierr.Def{Name: "InvalidParameter.Format", Code: "InvalidParameter.Format", Status: http.StatusBadRequest, Message: "Specified parameter format is not valid."}
	// HTTP method other than GET/POST (400; some pages say 403, unconfirmed).
	ErrUnsupportedHTTPMethod = &apierr.Def{Name: "UnsupportedHTTPMethod", Code: "UnsupportedHTTPMethod", Status: http.StatusBadRequest, Message: "This http method not supported."}
	// Per-account flow control.
	ErrThrottlingUser = &apierr.Def{Name: "Throttling.User", Code: "Throttling.User", Status: http.StatusBadRequest, Message: "Request was denied due to user flow control."}
	// Per-API flow control (message unconfirmed).
	ErrThrottlingApi = &apierr.Def{Name: "Throttling.Api", Code: "Throttling.Api", Status: http.StatusBadRequest, Message: "Request was denied due to api flow control."}
	// Generic throttling.
	ErrThrottling = &apierr.Def{Name: "Throttling", Code: "Throttling", Status: http.StatusBadRequest, Message: "Request was denied due to request throttling."}
	// Overload.
	ErrServiceUnavailable = &apierr.Def{Name: "ServiceUnavailable", Code: "ServiceUnavailable", Status: http.StatusServiceUnavailable, Message: "The request has failed due to a temporary failure of the server."}
)

// Errors is the MQTT catalogue: seed rows in seed order, then the extras.
var Errors = apierr.NewCatalogue("mqtt",
	ErrApiNotSupport,
	ErrApplyTokenOverFlow,
	ErrCheckAccountInfoFailed,
	ErrInstancePermissionCheckFailed,
	ErrInternalError,
	ErrParameterCheckFailed,
	ErrPermissionCheckFailed,
	ErrSystemOverFlow,
	ErrInvalidParameterFamily,
	ErrCreateGroupIdError,
	ErrGroupIdAlreadyExsited,
	ErrGroupIdAlreadyUsedByOtherUsers,
	ErrParameterFieldCheckFailed,
	ErrInstanceNotFound,
	ErrDeleteGroupIdError,
	ErrSignatureDoesNotMatch,
	ErrIncompleteSignature,
	ErrInvalidTimeStampExpired,
	ErrInvalidTimeStampFormat,
	ErrIllegalTimestamp,
	ErrSignatureNonceUsed,
	ErrInvalidAccessKeyIdNotFound,
	ErrInvalidAccessKeyIdInactive,
	ErrMissingSecurityToken,
	ErrInvalidSecurityTokenExpired,
	ErrInvalidSecurityTokenMalformed,
	ErrInvalidSecurityTokenMismatchWithAccessKey,
	ErrInvalidSignatureMethod,
	ErrMissingParameterFamily,
	ErrInvalidVersion,
	ErrInvalidParameterFormat,
	ErrUnsupportedHTTPMethod,
	ErrThrottlingUser,
	ErrThrottlingApi,
	ErrThrottling,
	ErrServiceUnavailable,
)
