package cmq

// This file is the CMQ error catalogue: every row of the vendor's error table
// (seed 000, kept verbatim in testdata/errors.tsv) plus a separate, labelled
// list of codes the seed does not document but the API pages do.
//
// Rendering (cmq.md §5.1, §13): an error is answered with HTTP 200 and the body
// {"code":<code>,"message":"(<module>)<English>","requestId":…}. Def.Code is
// "<code>/<module>" with the module as rendered, so a scenario names a row the
// way a user reads it off the wire; Message is the seed's English text, %s
// placeholders included. Module numbers repeat across rows (10660, 10470,
// 10670, 10590, and 10680/10700 with the extras), so Code is not unique: every
// row has its own Def and a distinct Name, and Resolve refuses an ambiguous
// code and lists the names. The Defs are unexported so that nothing outside
// the product can change a row; Catalogue is how other packages see them.

import (
	"net/http"
	"strings"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Common errors (公共错误码): answered by any action.
var (
	errInvalidRequestParameters = &apierr.Def{Name: "InvalidRequestParameters", Code: "4000/10000", Status: http.StatusOK, Message: "invalid request parameters", Seed: true, Section: "Common"}
	errLackedRequiredParameters = &apierr.Def{Name: "LackedRequiredParameters", Code: "4000/10010", Status: http.StatusOK, Message: "lacked of required parameters", Seed: true, Section: "Common"}
	errRequestParametersError   = &apierr.Def{Name: "RequestParametersError", Code: "4000/10110", Status: http.StatusOK, Message: "request parameters error", Seed: true, Section: "Common"}
	errActionNotExisted         = &apierr.Def{Name: "ActionNotExisted", Code: "4000/10280", Status: http.StatusOK, Message: "action is not existed", Seed: true, Section: "Common"}
	errParameterKeyFormatError  = &apierr.Def{Name: "ParameterKeyFormatError", Code: "4000/10310", Status: http.StatusOK, Message: "error: parameter %s key format error", Seed: true, Section: "Common"}
	errNoSuchParameter          = &apierr.Def{Name: "NoSuchParameter", Code: "4000/10320", Status: http.StatusOK, Message: "no such parameter %s", Seed: true, Section: "Common"}
	errParameterNotRepeatable   = &apierr.Def{Name: "ParameterNotRepeatable", Code: "4000/10330", Status: http.StatusOK, Message: "parameter %s is NOT a repeatable parameter", Seed: true, Section: "Common"}
	errParameterOutOfRange      = &apierr.Def{Name: "ParameterOutOfRange", Code: "4000/10350", Status: http.StatusOK, Message: "parameter %s value or length is out of range", Seed: true, Section: "Common"}
	errParameterErrorType       = &apierr.Def{Name: "ParameterErrorType", Code: "4000/10360", Status: http.StatusOK, Message: "parameter %s error type", Seed: true, Section: "Common"}
	errBatchSizeOutOfRange      = &apierr.Def{Name: "BatchSizeOutOfRange", Code: "4000/10370", Status: http.StatusOK, Message: "%s parameter batch size is out of range", Seed: true, Section: "Common"}
	errParameterNotConsequent   = &apierr.Def{Name: "ParameterNotConsequent", Code: "4000/10380", Status: http.StatusOK, Message: "%s parameter is not consequent", Seed: true, Section: "Common"}
	errLackedRequiredParameter  = &apierr.Def{Name: "LackedRequiredParameter", Code: "4000/10390", Status: http.StatusOK, Message: "lacked of required parameter %s", Seed: true, Section: "Common"}
	errCannotFindParameterInURI = &apierr.Def{Name: "CannotFindParameterInURI", Code: "4000/10400", Status: http.StatusOK, Message: "cannot find parameter %s in uri", Seed: true, Section: "Common"}
	errUnexpectedHTTPMethod     = &apierr.Def{Name: "UnexpectedHTTPMethod", Code: "4000/10410", Status: http.StatusOK, Message: "unexpected http %s only GET or POST is supported", Seed: true, Section: "Common"}
	errCannotParseRequest       = &apierr.Def{Name: "CannotParseRequest", Code: "4000/10420", Status: http.StatusOK, Message: "cannot parse %s, or request size is more than 1MB", Seed: true, Section: "Common"}
	errActionNameNotExisted     = &apierr.Def{Name: "ActionNameNotExisted", Code: "4000/10430", Status: http.StatusOK, Message: "action name %s is not existed", Seed: true, Section: "Common"}
	errAssistantAccount         = &apierr.Def{Name: "AssistantAccount", Code: "4000/10440", Status: http.StatusOK, Message: "account illegal, it may be an assistant account", Seed: true, Section: "Common"}
	errNoCAMAuthentication      = &apierr.Def{Name: "NoCAMAuthentication", Code: "4000/10461", Status: http.StatusOK, Message: "no cam authentication", Seed: true, Section: "Common"}
	errAuthenticationFailed     = &apierr.Def{Name: "AuthenticationFailed", Code: "4100/10030", Status: http.StatusOK, Message: "authentication failed", Seed: true, Section: "Common"}
	errSecretIDStatusError      = &apierr.Def{Name: "SecretIDStatusError", Code: "4100/10080", Status: http.StatusOK, Message: "secret id status error", Seed: true, Section: "Common"}
	errSecretIDNotExisted       = &apierr.Def{Name: "SecretIDNotExisted", Code: "4100/10270", Status: http.StatusOK, Message: "secret id is not existed", Seed: true, Section: "Common"}
	errChargeOverdue            = &apierr.Def{Name: "ChargeOverdue", Code: "4300/10040", Status: http.StatusOK, Message: "charge overdue", Seed: true, Section: "Common"}
	errQPSThrottling            = &apierr.Def{Name: "QPSThrottling", Code: "4420/10250", Status: http.StatusOK, Message: "qps throttling", Seed: true, Section: "Common"}
	errFrequencyLimit           = &apierr.Def{Name: "FrequencyLimit", Code: "4480/10460", Status: http.StatusOK, Message: "exceed interface frequency limit, please slow down", Seed: true, Section: "Common"}
	errServerInternalError      = &apierr.Def{Name: "ServerInternalError", Code: "6000/10050", Status: http.StatusOK, Message: "server internal error", Seed: true, Section: "Common"}
)

// Queue common errors (Queue 公共错误码).
var (
	errSecretIDNotAKID = &apierr.Def{Name: "SecretIDNotAKID", Code: "4000/10450", Status: http.StatusOK, Message: "secret id dosen't begin with AKID", Seed: true, Section: "Queue common"}
	// The seed's module cell reads "4440(10100)"; the real service renders the
	// parenthesised number ("(10100)queue is not existed, or deleted", cmq.md §5.1),
	// so Code carries 10100 and SeedCode keeps the literal cell.
	errQueueNotExisted        = &apierr.Def{Name: "QueueNotExisted", Code: "4000/10100", Status: http.StatusOK, Message: "queue is not existed, or deleted", Seed: true, Section: "Queue common", SeedCode: "4440(10100)"}
	errDelaySecondsOutOfRange = &apierr.Def{Name: "DelaySecondsOutOfRange", Code: "4000/10692", Status: http.StatusOK, Message: "delay seconds is out of range", Seed: true, Section: "Queue common"}
	// 6040/10660 is shared with TopicRecreateLockout (different text), so the
	// code alone is ambiguous and scenarios must use the name.
	errQueueRecreateLockout = &apierr.Def{Name: "QueueRecreateLockout", Code: "6040/10660", Status: http.StatusOK, Message: "it will take some time to release resources of previous queue before you create a new one with the same name, please try later", Seed: true, Section: "Queue common"}
	errQueueCannotRewind    = &apierr.Def{Name: "QueueCannotRewind", Code: "6050/10670", Status: http.StatusOK, Message: "your queue cannot be rewinded", Seed: true, Section: "Queue common"}
)

// Topic common errors (Topic 公共错误码).
var (
	errFilterTagNumberExceedLimit = &apierr.Def{Name: "FilterTagNumberExceedLimit", Code: "4000/10490", Status: http.StatusOK, Message: "number of filterTag exceed limit", Seed: true, Section: "Topic common"}
	errEndpointFormatError        = &apierr.Def{Name: "EndpointFormatError", Code: "4000/10500", Status: http.StatusOK, Message: "endpoint format error", Seed: true, Section: "Topic common"}
	errUndefinedProtocol          = &apierr.Def{Name: "UndefinedProtocol", Code: "4000/10510", Status: http.StatusOK, Message: "undefined protocol", Seed: true, Section: "Topic common"}
	errTopicHasSubscriptions      = &apierr.Def{Name: "TopicHasSubscriptions", Code: "4000/10540", Status: http.StatusOK, Message: "there exists subscriptions under this topic, please unsubscribe all of them before DeleteTopic", Seed: true, Section: "Topic common"}
	// Row 10590 holds two English texts ("(1)topic name format error",
	// "(2)subscription name format error"); each is its own Def without the
	// list marker, both under code 4000/10590.
	errTopicNameFormatError                = &apierr.Def{Name: "TopicNameFormatError", Code: "4000/10590", Status: http.StatusOK, Message: "topic name format error", Seed: true, Section: "Topic common"}
	errSubscriptionNameFormatError         = &apierr.Def{Name: "SubscriptionNameFormatError", Code: "4000/10590", Status: http.StatusOK, Message: "subscription name format error", Seed: true, Section: "Topic common"}
	errIllegalEndpoint                     = &apierr.Def{Name: "IllegalEndpoint", Code: "4000/10630", Status: http.StatusOK, Message: "illegal endpoint", Seed: true, Section: "Topic common"}
	errNotifyContentFormatMustBeSimplified = &apierr.Def{Name: "NotifyContentFormatMustBeSimplified", Code: "4000/10640", Status: http.StatusOK, Message: "notifyContentFormat of protocol queue must be SIMPLIFIED", Seed: true, Section: "Topic common"}
	// Module 10670 is also QueueCannotRewind, under code 6050.
	errTooManyFilterTag = &apierr.Def{Name: "TooManyFilterTag", Code: "4000/10670", Status: http.StatusOK, Message: "too many filterTag", Seed: true, Section: "Topic common"}
	errLackOfBindingKey = &apierr.Def{Name: "LackOfBindingKey", Code: "4000/10710", Status: http.StatusOK, Message: "parameters lack of bindingKey", Seed: true, Section: "Topic common"}
	// Module cell "4440(10600)" renders as 10600, as for QueueNotExisted.
	errTopicNotExisted            = &apierr.Def{Name: "TopicNotExisted", Code: "4000/10600", Status: http.StatusOK, Message: "topic is not existed, or deleted", Seed: true, Section: "Topic common", SeedCode: "4440(10600)"}
	errTopicNumberLimit           = &apierr.Def{Name: "TopicNumberLimit", Code: "4450/10610", Status: http.StatusOK, Message: "number of topics has reached the limit", Seed: true, Section: "Topic common"}
	errSubscriptionAlreadyExisted = &apierr.Def{Name: "SubscriptionAlreadyExisted", Code: "4490/10470", Status: http.StatusOK, Message: "subscribtion is already existed", Seed: true, Section: "Topic common"}
	errSubscriptionNumberLimit    = &apierr.Def{Name: "SubscriptionNumberLimit", Code: "4500/10480", Status: http.StatusOK, Message: "number of subscription has reached the limit", Seed: true, Section: "Topic common"}
	errURLContainsBlank           = &apierr.Def{Name: "URLContainsBlank", Code: "4510/10570", Status: http.StatusOK, Message: "url connot contain any blank characters", Seed: true, Section: "Topic common"}
	// Same code as QueueRecreateLockout; see there.
	errTopicRecreateLockout = &apierr.Def{Name: "TopicRecreateLockout", Code: "6040/10660", Status: http.StatusOK, Message: "It will take some time to release resources of previous topic before you can create a new topic with the same name. Please try later.", Seed: true, Section: "Topic common"}
)

// Module errors: the seed's last table, which has no heading (cmq.md calls it "Module").
var (
	// Seed literal: module 4460 (cmq.md §15 records that the live service was
	// seen answering 4460/10210 instead; the seed wins).
	errQueueAlreadyExisted  = &apierr.Def{Name: "QueueAlreadyExisted", Code: "4000/4460", Status: http.StatusOK, Message: "queue is already existed,case insensitive", Seed: true, Section: "Module"}
	errQueueNameFormatError = &apierr.Def{Name: "QueueNameFormatError", Code: "4000/10020", Status: http.StatusOK, Message: "queue name format error", Seed: true, Section: "Module"}
	errMessageBodyEmpty     = &apierr.Def{Name: "MessageBodyEmpty", Code: "4000/10120", Status: http.StatusOK, Message: "message body can't be empty", Seed: true, Section: "Module"}
	// Module 10470 is also SubscriptionAlreadyExisted, under code 4490.
	errReceiptHandleError                     = &apierr.Def{Name: "ReceiptHandleError", Code: "4000/10470", Status: http.StatusOK, Message: "receiptHandle error", Seed: true, Section: "Module"}
	errUndefinedNotifyStrategy                = &apierr.Def{Name: "UndefinedNotifyStrategy", Code: "4000/10520", Status: http.StatusOK, Message: "undefined notify retry stragety", Seed: true, Section: "Module"}
	errUndefinedNotifyContentFormat           = &apierr.Def{Name: "UndefinedNotifyContentFormat", Code: "4000/10530", Status: http.StatusOK, Message: "undefined notify content format", Seed: true, Section: "Module"}
	errTooManyBindingKey                      = &apierr.Def{Name: "TooManyBindingKey", Code: "4000/10680", Status: http.StatusOK, Message: "too many bindingKey", Seed: true, Section: "Module"}
	errTooManyDelimiters                      = &apierr.Def{Name: "TooManyDelimiters", Code: "4000/10691", Status: http.StatusOK, Message: "too many delimeters", Seed: true, Section: "Module"}
	errLackOfRoutingKey                       = &apierr.Def{Name: "LackOfRoutingKey", Code: "4000/10700", Status: http.StatusOK, Message: "parameters lack of routingKey", Seed: true, Section: "Module"}
	errTooManyMsgTag                          = &apierr.Def{Name: "TooManyMsgTag", Code: "4000/10720", Status: http.StatusOK, Message: "too many msgTag", Seed: true, Section: "Module"}
	errConnectionNotAuthenticated             = &apierr.Def{Name: "ConnectionNotAuthenticated", Code: "4100/10031", Status: http.StatusOK, Message: "connection is not authenticated", Seed: true, Section: "Module"}
	errConnectionAlreadyAuthenticated         = &apierr.Def{Name: "ConnectionAlreadyAuthenticated", Code: "4100/10032", Status: http.StatusOK, Message: "connection is already authenticated", Seed: true, Section: "Module"}
	errMessageSizeExceeded                    = &apierr.Def{Name: "MessageSizeExceeded", Code: "4400/10230", Status: http.StatusOK, Message: "exceed maximum message size", Seed: true, Section: "Module"}
	errRetentionNumberReached                 = &apierr.Def{Name: "RetentionNumberReached", Code: "4410/10240", Status: http.StatusOK, Message: "reach maximum retention number of message", Seed: true, Section: "Module"}
	errReceiptHandleInvalid                   = &apierr.Def{Name: "ReceiptHandleInvalid", Code: "4430/10260", Status: http.StatusOK, Message: "receipt handle is invalid", Seed: true, Section: "Module"}
	errQueueNumberLimit                       = &apierr.Def{Name: "QueueNumberLimit", Code: "4450/10220", Status: http.StatusOK, Message: "number of queues has reached the limit", Seed: true, Section: "Module"}
	errTotalMessageSizeExceeded               = &apierr.Def{Name: "TotalMessageSizeExceeded", Code: "4470/10300", Status: http.StatusOK, Message: "total message size exceed 1MB", Seed: true, Section: "Module"}
	errMessageIDInvalid                       = &apierr.Def{Name: "MessageIDInvalid", Code: "4490/10770", Status: http.StatusOK, Message: "message id is invalid", Seed: true, Section: "Module"}
	errMessageOperationNotAllowed             = &apierr.Def{Name: "MessageOperationNotAllowed", Code: "4490/10780", Status: http.StatusOK, Message: "message operation is not allowed", Seed: true, Section: "Module"}
	errTransactionMessageNotSupported         = &apierr.Def{Name: "TransactionMessageNotSupported", Code: "4490/10790", Status: http.StatusOK, Message: "transaction message is not supported", Seed: true, Section: "Module"}
	errSendMessageFailed                      = &apierr.Def{Name: "SendMessageFailed", Code: "6000/10090", Status: http.StatusOK, Message: "send message failed", Seed: true, Section: "Module"}
	errReceiveMessageFailed                   = &apierr.Def{Name: "ReceiveMessageFailed", Code: "6000/10130", Status: http.StatusOK, Message: "recieve message failed", Seed: true, Section: "Module"}
	errDeleteMessageFailed                    = &apierr.Def{Name: "DeleteMessageFailed", Code: "6000/10140", Status: http.StatusOK, Message: "delete message failed", Seed: true, Section: "Module"}
	errDeleteMessagePartiallyFailed           = &apierr.Def{Name: "DeleteMessagePartiallyFailed", Code: "6010/10150", Status: http.StatusOK, Message: "delete message partially failed", Seed: true, Section: "Module"}
	errGetQueueAttributesFailed               = &apierr.Def{Name: "GetQueueAttributesFailed", Code: "6000/10160", Status: http.StatusOK, Message: "get queue attributes failed", Seed: true, Section: "Module"}
	errSetQueueAttributesFailed               = &apierr.Def{Name: "SetQueueAttributesFailed", Code: "6000/10170", Status: http.StatusOK, Message: "set queue attributes failed", Seed: true, Section: "Module"}
	errDeleteQueueFailed                      = &apierr.Def{Name: "DeleteQueueFailed", Code: "6000/10180", Status: http.StatusOK, Message: "delete queue failed", Seed: true, Section: "Module"}
	errListQueueFailed                        = &apierr.Def{Name: "ListQueueFailed", Code: "6000/10190", Status: http.StatusOK, Message: "list queue failed", Seed: true, Section: "Module"}
	errBatchDeleteMessageFailed               = &apierr.Def{Name: "BatchDeleteMessageFailed", Code: "6020/10290", Status: http.StatusOK, Message: "batch delete message failed", Seed: true, Section: "Module"}
	errTopicHasNoSubscription                 = &apierr.Def{Name: "TopicHasNoSubscription", Code: "6030/10650", Status: http.StatusOK, Message: "topic has no subscription, please create a subscription before publishing message", Seed: true, Section: "Module"}
	errNoSubscriptionMatches                  = &apierr.Def{Name: "NoSubscriptionMatches", Code: "6030/10730", Status: http.StatusOK, Message: "no bindingKey or filterTag matches the routingKey or msgTag", Seed: true, Section: "Module"}
	errTransactionConfirmationFailed          = &apierr.Def{Name: "TransactionConfirmationFailed", Code: "6040/10750", Status: http.StatusOK, Message: "transaction confirmation failed", Seed: true, Section: "Module"}
	errTransactionConfirmationPartiallyFailed = &apierr.Def{Name: "TransactionConfirmationPartiallyFailed", Code: "6040/10760", Status: http.StatusOK, Message: "transaction confirmation partially failed", Seed: true, Section: "Module"}
	errTooManyFilterTagOrBindingKey           = &apierr.Def{Name: "TooManyFilterTagOrBindingKey", Code: "6050/10740", Status: http.StatusOK, Message: "too many filterTag or bindingKey", Seed: true, Section: "Module"}
	errTooManyUnackedMessages                 = &apierr.Def{Name: "TooManyUnackedMessages", Code: "6070/10690", Status: http.StatusOK, Message: "too many unacked(inactive) messages or delayed messages", Seed: true, Section: "Module"}
	errNoMessage                              = &apierr.Def{Name: "NoMessage", Code: "7000/10200", Status: http.StatusOK, Message: "no message", Seed: true, Section: "Module"}
)

// API-specific codes not in the seed (cmq.md §13.2), kept apart from the seed
// rows and marked Seed: false. Each names its source.
var (
	// CreateTopic on an existing name: no seed row covers it. Source: the
	// CreateTopic doc page, and the live answer "(4460) (10550)topic is already
	// existed" quoted in public code [OBS].
	errTopicAlreadyExisted = &apierr.Def{Name: "TopicAlreadyExisted", Code: "4460/10550", Status: http.StatusOK, Message: "topic is already existed"}
	// RewindQueue with startConsumeTime outside the retained range. Source: the
	// RewindQueue doc page (D-8407), which reuses module 10680 (the seed's
	// "too many bindingKey"); "vaild" is the doc's spelling.
	errInvalidRewindTime = &apierr.Def{Name: "InvalidRewindTime", Code: "4000/10680", Status: http.StatusOK, Message: "invalid rewind time, you can get the vaild range of that via GetQueueAttributes"}
	// CreateQueue/SetQueueAttributes with rewindSeconds > msgRetentionSeconds.
	// Source: D-8407, which reuses module 10700 (the seed's "parameters lack of
	// routingKey").
	errRewindSecondsExceedRetention = &apierr.Def{Name: "RewindSecondsExceedRetention", Code: "4000/10700", Status: http.StatusOK, Message: "rewindSeconds cannot be greater than msgRetentionSeconds"}
	// A missing subscription has no documented code at all. Emulator choice
	// (cmq.md §13.2), modelled on the seed's 4440(…) not-found rows.
	errSubscriptionNotExisted = &apierr.Def{Name: "SubscriptionNotExisted", Code: "4000/4440", Status: http.StatusOK, Message: "subscription is not existed, or deleted"}
)

// The older Subscribe page's 10580/10620 "subscription name format error" are
// deliberately absent: the seed's 10590 supersedes them (cmq.md §13.2).

// Catalogue is the CMQ catalogue: seed rows in seed order, then the
// extras. Every door that serves CMQ answers with these rows.
func Catalogue() *apierr.Catalogue { return catalogue }

var catalogue = apierr.NewCatalogue("cmq",
	errInvalidRequestParameters,
	errLackedRequiredParameters,
	errRequestParametersError,
	errActionNotExisted,
	errParameterKeyFormatError,
	errNoSuchParameter,
	errParameterNotRepeatable,
	errParameterOutOfRange,
	errParameterErrorType,
	errBatchSizeOutOfRange,
	errParameterNotConsequent,
	errLackedRequiredParameter,
	errCannotFindParameterInURI,
	errUnexpectedHTTPMethod,
	errCannotParseRequest,
	errActionNameNotExisted,
	errAssistantAccount,
	errNoCAMAuthentication,
	errAuthenticationFailed,
	errSecretIDStatusError,
	errSecretIDNotExisted,
	errChargeOverdue,
	errQPSThrottling,
	errFrequencyLimit,
	errServerInternalError,
	errSecretIDNotAKID,
	errQueueNotExisted,
	errDelaySecondsOutOfRange,
	errQueueRecreateLockout,
	errQueueCannotRewind,
	errFilterTagNumberExceedLimit,
	errEndpointFormatError,
	errUndefinedProtocol,
	errTopicHasSubscriptions,
	errTopicNameFormatError,
	errSubscriptionNameFormatError,
	errIllegalEndpoint,
	errNotifyContentFormatMustBeSimplified,
	errTooManyFilterTag,
	errLackOfBindingKey,
	errTopicNotExisted,
	errTopicNumberLimit,
	errSubscriptionAlreadyExisted,
	errSubscriptionNumberLimit,
	errURLContainsBlank,
	errTopicRecreateLockout,
	errQueueAlreadyExisted,
	errQueueNameFormatError,
	errMessageBodyEmpty,
	errReceiptHandleError,
	errUndefinedNotifyStrategy,
	errUndefinedNotifyContentFormat,
	errTooManyBindingKey,
	errTooManyDelimiters,
	errLackOfRoutingKey,
	errTooManyMsgTag,
	errConnectionNotAuthenticated,
	errConnectionAlreadyAuthenticated,
	errMessageSizeExceeded,
	errRetentionNumberReached,
	errReceiptHandleInvalid,
	errQueueNumberLimit,
	errTotalMessageSizeExceeded,
	errMessageIDInvalid,
	errMessageOperationNotAllowed,
	errTransactionMessageNotSupported,
	errSendMessageFailed,
	errReceiveMessageFailed,
	errDeleteMessageFailed,
	errDeleteMessagePartiallyFailed,
	errGetQueueAttributesFailed,
	errSetQueueAttributesFailed,
	errDeleteQueueFailed,
	errListQueueFailed,
	errBatchDeleteMessageFailed,
	errTopicHasNoSubscription,
	errNoSubscriptionMatches,
	errTransactionConfirmationFailed,
	errTransactionConfirmationPartiallyFailed,
	errTooManyFilterTagOrBindingKey,
	errTooManyUnackedMessages,
	errNoMessage,
	errTopicAlreadyExisted,
	errInvalidRewindTime,
	errRewindSecondsExceedRetention,
	errSubscriptionNotExisted,
)

// The second catalogue: CMQ over TencentCloud API 3.0 (service tdmq,
// 2020-02-17, the Cmq* actions of tdmq-cmq.md), which the TDMQ front door
// serves on the same store. API 3.0 answers every error with HTTP 200 and
// {"Response":{"Error":{"Code":…,"Message":…},"RequestId":…}}; a row's Name
// is its TencentCloud code. The common codes are the protocol's
// (internal/tcapi) and are reached through tcapi.Row; the rows below are
// the CMQ-specific codes of the Go SDK's errors.go that the Cmq* actions
// list or tdmq-cmq.md §4 maps a rule to. None is in a seed (Seed: false);
// each Message is tdmq.md §7.2's English gloss, exact server wording
// unconfirmed. A row RocketMQ 4.x declares too (ResourceNotFound.Topic…)
// is identical here, and the door's catalogue keeps it once.

// The common codes the API 3.0 actions answer with.
var (
	errAPI3FailedOperation       = tcapi.Row("FailedOperation")
	errAPI3InvalidParameter      = tcapi.Row("InvalidParameter")
	errAPI3InvalidParameterValue = tcapi.Row("InvalidParameterValue")
	errAPI3LimitExceeded         = tcapi.Row("LimitExceeded")
	errAPI3MissingParameter      = tcapi.Row("MissingParameter")
	errAPI3RequestLimitExceeded  = tcapi.Row("RequestLimitExceeded")
	errAPI3ResourceInUse         = tcapi.Row("ResourceInUse")
	errAPI3ResourceNotFound      = tcapi.Row("ResourceNotFound")
)

// Rules the store enforces (tdmq-cmq.md §4, E2, E4–E6, E9, E10).
var (
	errAPI3ResourceInUseQueue             = &apierr.Def{Name: "ResourceInUse.Queue", Code: "ResourceInUse.Queue", Status: http.StatusOK, Message: "Queue already exists"}
	errAPI3ResourceInUseTopic             = &apierr.Def{Name: "ResourceInUse.Topic", Code: "ResourceInUse.Topic", Status: http.StatusOK, Message: "Duplicate name: topic already exists"}
	errAPI3ResourceInUseSubscription      = &apierr.Def{Name: "ResourceInUse.Subscription", Code: "ResourceInUse.Subscription", Status: http.StatusOK, Message: "Duplicate name: subscription already exists"}
	errAPI3ResourceNotFoundTopic          = &apierr.Def{Name: "ResourceNotFound.Topic", Code: "ResourceNotFound.Topic", Status: http.StatusOK, Message: "Topic does not exist"}
	errAPI3LimitExceededTopics            = &apierr.Def{Name: "LimitExceeded.Topics", Code: "LimitExceeded.Topics", Status: http.StatusOK, Message: "Number of topics under the instance exceeds the limit"}
	errAPI3LimitExceededSubscriptions     = &apierr.Def{Name: "LimitExceeded.Subscriptions", Code: "LimitExceeded.Subscriptions", Status: http.StatusOK, Message: "Number of subscribers under the instance exceeds the limit"}
	errAPI3FailedOperationCmqBackendError = &apierr.Def{Name: "FailedOperation.CmqBackendError", Code: "FailedOperation.CmqBackendError", Status: http.StatusOK, Message: "CMQ backend service error"}
)

// Backend failures the Cmq* actions' SDK lists name (tdmq-cmq.md §2, E28):
// the emulator models no backend, so only a fault rule answers them.
var (
	errAPI3FailedOperationCreateCluster       = &apierr.Def{Name: "FailedOperation.CreateCluster", Code: "FailedOperation.CreateCluster", Status: http.StatusOK, Message: "Failed to create the cluster"}
	errAPI3FailedOperationCreateTopic         = &apierr.Def{Name: "FailedOperation.CreateTopic", Code: "FailedOperation.CreateTopic", Status: http.StatusOK, Message: "Failed to create the topic"}
	errAPI3FailedOperationSetRetentionPolicy  = &apierr.Def{Name: "FailedOperation.SetRetentionPolicy", Code: "FailedOperation.SetRetentionPolicy", Status: http.StatusOK, Message: "Failed to set the retention policy"}
	errAPI3FailedOperationSetTTL              = &apierr.Def{Name: "FailedOperation.SetTTL", Code: "FailedOperation.SetTTL", Status: http.StatusOK, Message: "Failed to set message TTL"}
	errAPI3FailedOperationDeleteCluster       = &apierr.Def{Name: "FailedOperation.DeleteCluster", Code: "FailedOperation.DeleteCluster", Status: http.StatusOK, Message: "Failed to delete the cluster"}
	errAPI3FailedOperationDeleteTopics        = &apierr.Def{Name: "FailedOperation.DeleteTopics", Code: "FailedOperation.DeleteTopics", Status: http.StatusOK, Message: "Failed to delete topics"}
	errAPI3FailedOperationCreateSubscription  = &apierr.Def{Name: "FailedOperation.CreateSubscription", Code: "FailedOperation.CreateSubscription", Status: http.StatusOK, Message: "Failed to create the subscription"}
	errAPI3FailedOperationDeleteSubscriptions = &apierr.Def{Name: "FailedOperation.DeleteSubscriptions", Code: "FailedOperation.DeleteSubscriptions", Status: http.StatusOK, Message: "Failed to delete subscriptions"}
	errAPI3InternalErrorBrokerService         = &apierr.Def{Name: "InternalError.BrokerService", Code: "InternalError.BrokerService", Status: http.StatusOK, Message: "Broker service exception"}
	errAPI3ResourceNotFoundEnvironment        = &apierr.Def{Name: "ResourceNotFound.Environment", Code: "ResourceNotFound.Environment", Status: http.StatusOK, Message: "Environment does not exist"}
	errAPI3ResourceUnavailableCreateFailed    = &apierr.Def{Name: "ResourceUnavailable.CreateFailed", Code: "ResourceUnavailable.CreateFailed", Status: http.StatusOK, Message: "Delivery (provisioning) exception"}
	errAPI3ResourceUnavailableFundRequired    = &apierr.Def{Name: "ResourceUnavailable.FundRequired", Code: "ResourceUnavailable.FundRequired", Status: http.StatusOK, Message: "Account must be topped up to continue"}
	// The one code the retired DescribeCmqDeadLetterSourceQueues listed
	// (tdmq-cmq.md §8.1).
	errAPI3ResourceNotFoundCluster = &apierr.Def{Name: "ResourceNotFound.Cluster", Code: "ResourceNotFound.Cluster", Status: http.StatusOK, Message: "Cluster does not exist"}
)

// API3Catalogue is the CMQ rows of API 3.0 (the common codes are
// tcapi.Common's): what the TDMQ door adds to its catalogue for the Cmq*
// actions.
func API3Catalogue() *apierr.Catalogue { return api3Catalogue }

var api3Catalogue = apierr.NewCatalogue("cmq-api3",
	errAPI3ResourceInUseQueue,
	errAPI3ResourceInUseTopic,
	errAPI3ResourceInUseSubscription,
	errAPI3ResourceNotFoundTopic,
	errAPI3LimitExceededTopics,
	errAPI3LimitExceededSubscriptions,
	errAPI3FailedOperationCmqBackendError,
	errAPI3FailedOperationCreateCluster,
	errAPI3FailedOperationCreateTopic,
	errAPI3FailedOperationSetRetentionPolicy,
	errAPI3FailedOperationSetTTL,
	errAPI3FailedOperationDeleteCluster,
	errAPI3FailedOperationDeleteTopics,
	errAPI3FailedOperationCreateSubscription,
	errAPI3FailedOperationDeleteSubscriptions,
	errAPI3InternalErrorBrokerService,
	errAPI3ResourceNotFoundEnvironment,
	errAPI3ResourceUnavailableCreateFailed,
	errAPI3ResourceUnavailableFundRequired,
	errAPI3ResourceNotFoundCluster,
)

// api3Row is the API 3.0 row a store rule (a legacy row) is answered with
// on the Cmq* actions: tdmq-cmq.md §4, an emulator choice throughout. A
// refusal with no 3.0 code of its own is FailedOperation; the legacy text
// rides along as the message's detail (api3Detail) so users recognise the
// rule. PublishCmqMsg answers a missing topic with ResourceNotFound (E2b):
// its handler says so.
func api3Row(legacy *apierr.Def) *apierr.Def {
	switch legacy {
	case errQueueNotExisted, errSubscriptionNotExisted: // E1, E3
		return errAPI3ResourceNotFound
	case errTopicNotExisted: // E2
		return errAPI3ResourceNotFoundTopic
	case errQueueAlreadyExisted: // E4
		return errAPI3ResourceInUseQueue
	case errTopicAlreadyExisted: // E5
		return errAPI3ResourceInUseTopic
	case errSubscriptionAlreadyExisted: // E6
		return errAPI3ResourceInUseSubscription
	case errQueueRecreateLockout, errTopicRecreateLockout: // E7
		return errAPI3ResourceInUse
	case errQueueNumberLimit: // E8
		return errAPI3LimitExceeded
	case errTopicNumberLimit: // E9
		return errAPI3LimitExceededTopics
	case errSubscriptionNumberLimit: // E10
		return errAPI3LimitExceededSubscriptions
	case errLackOfRoutingKey, errLackOfBindingKey, errLackedRequiredParameter: // E18, E21
		return errAPI3MissingParameter
	case errParameterErrorType:
		return errAPI3InvalidParameter
	case errQPSThrottling, errFrequencyLimit:
		return errAPI3RequestLimitExceeded
	case errMessageSizeExceeded, errTotalMessageSizeExceeded, errMessageBodyEmpty, errDelaySecondsOutOfRange, // E12, E13, E15
		errTooManyFilterTag, errFilterTagNumberExceedLimit, errTooManyBindingKey, errTooManyMsgTag, // E19
		errTooManyFilterTagOrBindingKey, errTooManyDelimiters, errParameterOutOfRange,
		errUndefinedProtocol, errEndpointFormatError, errURLContainsBlank, errIllegalEndpoint, // E20
		errUndefinedNotifyStrategy, errUndefinedNotifyContentFormat, errNotifyContentFormatMustBeSimplified,
		errInvalidRewindTime, errRewindSecondsExceedRetention, // E23
		errRequestParametersError, // E24, E25
		errQueueNameFormatError, errTopicNameFormatError, errSubscriptionNameFormatError:
		return errAPI3InvalidParameterValue
	}
	// E11, E14, E16, E17, E22 and anything else the store refuses.
	return errAPI3FailedOperation
}

// api3Detail is a legacy error as its own API renders it, "(<module>)<text>"
// (cmq.md §5.1), appended to the API 3.0 message.
func api3Detail(e *apierr.Error) string {
	_, module, _ := strings.Cut(e.Code(), "/")
	return " (" + module + ")" + e.Message()
}
