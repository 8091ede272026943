package ons

// This file is the ONS (Alibaba Message Queue for RocketMQ, Ons 2019-02-14)
// error catalogue: the rows of seed 004, kept verbatim in
// testdata/errors.tsv, then separate, labelled lists of codes the seed does
// not document (ONS-specific extras and the POP gateway's codes).
//
// Code and Name are the vendor code. Message is the seed's "Symptom and
// Cause" text verbatim. The seed gives no HTTP status, so Status is the one
// ons.md §5.1 chose: 500 for the two backend failures, 400 for every
// business code (any non-2xx makes the Go SDK fail; 5xx also makes it retry
// with AutoRetry on). The Defs are package-level so handlers can refer to
// them directly; they must not be modified after init.

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Seed 004, "Error code" (last updated Oct 11, 2018), in seed order.
var (
	ErrOnsSystemError                 = &apierr.Def{Name: "ONS_SYSTEM_ERROR", Code: "ONS_SYSTEM_ERROR", Status: http.StatusInternalServerError, Message: "MQ backend exception", Seed: true, Section: "Error code"}
	ErrOnsServiceUnsupported          = &apierr.Def{Name: "ONS_SERVICE_UNSUPPORTED", Code: "ONS_SERVICE_UNSUPPORTED", Status: http.StatusBadRequest, Message: "The calling is not supported in the corresponding Region", Seed: true, Section: "Error code"}
	ErrOnsInvokeError                 = &apierr.Def{Name: "ONS_INVOKE_ERROR", Code: "ONS_INVOKE_ERROR", Status: http.StatusInternalServerError, Message: "Open API interface calling failed", Seed: true, Section: "Error code"}
	ErrBizFieldCheckInvalid           = &apierr.Def{Name: "BIZ_FIELD_CHECK_INVALID", Code: "BIZ_FIELD_CHECK_INVALID", Status: http.StatusBadRequest, Message: "Parameter verification failed", Seed: true, Section: "Error code"}
	ErrBizTopicNotFound               = &apierr.Def{Name: "BIZ_TOPIC_NOT_FOUND", Code: "BIZ_TOPIC_NOT_FOUND", Status: http.StatusBadRequest, Message: "Topic is not found", Seed: true, Section: "Error code"}
	ErrBizSubscriptionNotFound        = &apierr.Def{Name: "BIZ_SUBSCRIPTION_NOT_FOUND", Code: "BIZ_SUBSCRIPTION_NOT_FOUND", Status: http.StatusBadRequest, Message: "The CID of the target subscription relation is not found", Seed: true, Section: "Error code"}
	ErrBizPublisherExisted            = &apierr.Def{Name: "BIZ_PUBLISHER_EXISTED", Code: "BIZ_PUBLISHER_EXISTED", Status: http.StatusBadRequest, Message: "The specified PID already exists", Seed: true, Section: "Error code"}
	ErrBizSubscriptionExisted         = &apierr.Def{Name: "BIZ_SUBSCRIPTION_EXISTED", Code: "BIZ_SUBSCRIPTION_EXISTED", Status: http.StatusBadRequest, Message: "The specified CID already exists", Seed: true, Section: "Error code"}
	ErrBizConsumerNotOnline           = &apierr.Def{Name: "BIZ_CONSUMER_NOT_ONLINE", Code: "BIZ_CONSUMER_NOT_ONLINE", Status: http.StatusBadRequest, Message: "The client of the specified CID is offline", Seed: true, Section: "Error code"}
	ErrBizNoMessage                   = &apierr.Def{Name: "BIZ_NO_MESSAGE", Code: "BIZ_NO_MESSAGE", Status: http.StatusBadRequest, Message: "No matching message is found for the current query criterion", Seed: true, Section: "Error code"}
	ErrBizRegionNotFound              = &apierr.Def{Name: "BIZ_REGION_NOT_FOUND", Code: "BIZ_REGION_NOT_FOUND", Status: http.StatusBadRequest, Message: "The requested Region is not found", Seed: true, Section: "Error code"}
	ErrBizTopicExisted                = &apierr.Def{Name: "BIZ_TOPIC_EXISTED", Code: "BIZ_TOPIC_EXISTED", Status: http.StatusBadRequest, Message: "The specified Topic already exists", Seed: true, Section: "Error code"}
	ErrBizProducerIdBelongToOtherUser = &apierr.Def{Name: "BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", Code: "BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", Status: http.StatusBadRequest, Message: "The current PID has been taken by other users", Seed: true, Section: "Error code"}
	ErrBizConsumerIdBelongToOtherUser = &apierr.Def{Name: "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", Code: "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", Status: http.StatusBadRequest, Message: "The current CID has been taken by other users", Seed: true, Section: "Error code"}
	ErrBizPublishInfoNotFound         = &apierr.Def{Name: "BIZ_PUBLISH_INFO_NOT_FOUND", Code: "BIZ_PUBLISH_INFO_NOT_FOUND", Status: http.StatusBadRequest, Message: "The requested PID is not found", Seed: true, Section: "Error code"}
	ErrEmpowerExistError              = &apierr.Def{Name: "EMPOWER_EXIST_ERROR", Code: "EMPOWER_EXIST_ERROR", Status: http.StatusBadRequest, Message: "The current authorization relation already exists", Seed: true, Section: "Error code"}
	ErrEmpowerOwnerCheckError         = &apierr.Def{Name: "EMPOWER_OWNER_CHECK_ERROR", Code: "EMPOWER_OWNER_CHECK_ERROR", Status: http.StatusBadRequest, Message: "The current user is not the owner of the authorized Topic", Seed: true, Section: "Error code"}
)

// ONS-specific codes not in the seed (ons.md §5.2).
var (
	// Unknown InstanceId. Source: the updated zh revision of the same error page
	// (doc-detail/44425, "当前指定的实例找不到"); terraform's OnsInstanceNotExist. Status
	// unconfirmed.
	ErrInstanceNotFound = &apierr.Def{Name: "INSTANCE_NOT_FOUND", Code: "INSTANCE_NOT_FOUND", Status: http.StatusBadRequest, Message: "The specified instance is not found."}
	// OnsInstanceDelete of an instance that still has topics or groups. Source:
	// terraform retries this code on OnsInstanceDelete. Neither status nor text is
	// documented; the message is mqmock's wording.
	ErrInstanceNotEmpty = &apierr.Def{Name: "INSTANCE_NOT_EMPTY", Code: "INSTANCE_NOT_EMPTY", Status: http.StatusBadRequest, Message: "The specified instance is not empty."}
	// Resource owned by another account. Source: terraform expects it from
	// OnsTopicDelete/OnsGroupDelete/OnsTopicList/OnsGroupList/OnsTopicStatus; text
	// from the public enum (没有权限操作或者资源不存在). Status unconfirmed.
	ErrAuthResourceOwnerError = &apierr.Def{Name: "AUTH_RESOURCE_OWNER_ERROR", Code: "AUTH_RESOURCE_OWNER_ERROR", Status: http.StatusBadRequest, Message: "No permission to operate, or the resource does not exist."}
)

// Gateway (common POP) codes answered before an action is dispatched
// (aliyun-rpc.md §6, with the evidence for each status and text there). Not in
// the seed. Throttling.User is the code mqmock uses for ONS rate limits, since
// terraform-provider-alicloud retries exactly that code on every ONS call
// (ons.md §5.2). The gateway's own InternalError is left out: ONS answers
// internal failures with the seed's ONS_SYSTEM_ERROR.
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
	// Unknown Action (code and text from the Dysmsapi tables; 404 is the status of
	// the equivalent InvalidApi.NotFound, unconfirmed for this code).
	ErrInvalidActionNotFound = &apierr.Def{Name: "InvalidAction.NotFound", Code: "InvalidAction.NotFound", Status: http.StatusNotFound, Message: "Specified api is not found, please check your url and method"}
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

// ErrInvalidSecurityTokenMismatch is the short name the request pipeline uses
// for a SecurityToken that does not belong to the AccessKeyId; it is the same
// Def as ErrInvalidSecurityTokenMismatchWithAccessKey.
var ErrInvalidSecurityTokenMismatch = ErrInvalidSecurityTokenMismatchWithAccessKey

// Errors is the ONS catalogue: seed rows in seed order, then the extras.
var Errors = apierr.NewCatalogue("ons",
	ErrOnsSystemError,
	ErrOnsServiceUnsupported,
	ErrOnsInvokeError,
	ErrBizFieldCheckInvalid,
	ErrBizTopicNotFound,
	ErrBizSubscriptionNotFound,
	ErrBizPublisherExisted,
	ErrBizSubscriptionExisted,
	ErrBizConsumerNotOnline,
	ErrBizNoMessage,
	ErrBizRegionNotFound,
	ErrBizTopicExisted,
	ErrBizProducerIdBelongToOtherUser,
	ErrBizConsumerIdBelongToOtherUser,
	ErrBizPublishInfoNotFound,
	ErrEmpowerExistError,
	ErrEmpowerOwnerCheckError,
	ErrInstanceNotFound,
	ErrInstanceNotEmpty,
	ErrAuthResourceOwnerError,
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
	ErrInvalidActionNotFound,
	ErrInvalidVersion,
	ErrInvalidParameterFormat,
	ErrUnsupportedHTTPMethod,
	ErrThrottlingUser,
	ErrThrottlingApi,
	ErrThrottling,
	ErrServiceUnavailable,
)
