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
// with AutoRetry on).

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr"
)

// Seed 004, "Error code" (last updated Oct 11, 2018), in seed order.
var (
	errOnsSystemError                 = &apierr.Def{Name: "ONS_SYSTEM_ERROR", Code: "ONS_SYSTEM_ERROR", Status: http.StatusInternalServerError, Message: "MQ backend exception", Seed: true, Section: "Error code"}
	errOnsServiceUnsupported          = &apierr.Def{Name: "ONS_SERVICE_UNSUPPORTED", Code: "ONS_SERVICE_UNSUPPORTED", Status: http.StatusBadRequest, Message: "The calling is not supported in the corresponding Region", Seed: true, Section: "Error code"}
	errOnsInvokeError                 = &apierr.Def{Name: "ONS_INVOKE_ERROR", Code: "ONS_INVOKE_ERROR", Status: http.StatusInternalServerError, Message: "Open API interface calling failed", Seed: true, Section: "Error code"}
	errBizFieldCheckInvalid           = &apierr.Def{Name: "BIZ_FIELD_CHECK_INVALID", Code: "BIZ_FIELD_CHECK_INVALID", Status: http.StatusBadRequest, Message: "Parameter verification failed", Seed: true, Section: "Error code"}
	errBizTopicNotFound               = &apierr.Def{Name: "BIZ_TOPIC_NOT_FOUND", Code: "BIZ_TOPIC_NOT_FOUND", Status: http.StatusBadRequest, Message: "Topic is not found", Seed: true, Section: "Error code"}
	errBizSubscriptionNotFound        = &apierr.Def{Name: "BIZ_SUBSCRIPTION_NOT_FOUND", Code: "BIZ_SUBSCRIPTION_NOT_FOUND", Status: http.StatusBadRequest, Message: "The CID of the target subscription relation is not found", Seed: true, Section: "Error code"}
	errBizPublisherExisted            = &apierr.Def{Name: "BIZ_PUBLISHER_EXISTED", Code: "BIZ_PUBLISHER_EXISTED", Status: http.StatusBadRequest, Message: "The specified PID already exists", Seed: true, Section: "Error code"}
	errBizSubscriptionExisted         = &apierr.Def{Name: "BIZ_SUBSCRIPTION_EXISTED", Code: "BIZ_SUBSCRIPTION_EXISTED", Status: http.StatusBadRequest, Message: "The specified CID already exists", Seed: true, Section: "Error code"}
	errBizConsumerNotOnline           = &apierr.Def{Name: "BIZ_CONSUMER_NOT_ONLINE", Code: "BIZ_CONSUMER_NOT_ONLINE", Status: http.StatusBadRequest, Message: "The client of the specified CID is offline", Seed: true, Section: "Error code"}
	errBizNoMessage                   = &apierr.Def{Name: "BIZ_NO_MESSAGE", Code: "BIZ_NO_MESSAGE", Status: http.StatusBadRequest, Message: "No matching message is found for the current query criterion", Seed: true, Section: "Error code"}
	errBizRegionNotFound              = &apierr.Def{Name: "BIZ_REGION_NOT_FOUND", Code: "BIZ_REGION_NOT_FOUND", Status: http.StatusBadRequest, Message: "The requested Region is not found", Seed: true, Section: "Error code"}
	errBizTopicExisted                = &apierr.Def{Name: "BIZ_TOPIC_EXISTED", Code: "BIZ_TOPIC_EXISTED", Status: http.StatusBadRequest, Message: "The specified Topic already exists", Seed: true, Section: "Error code"}
	errBizProducerIdBelongToOtherUser = &apierr.Def{Name: "BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", Code: "BIZ_PRODUCER_ID_BELONG_TO_OTHER_USER", Status: http.StatusBadRequest, Message: "The current PID has been taken by other users", Seed: true, Section: "Error code"}
	errBizConsumerIdBelongToOtherUser = &apierr.Def{Name: "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", Code: "BIZ_CONSUMER_ID_BELONG_TO_OTHER_USER", Status: http.StatusBadRequest, Message: "The current CID has been taken by other users", Seed: true, Section: "Error code"}
	errBizPublishInfoNotFound         = &apierr.Def{Name: "BIZ_PUBLISH_INFO_NOT_FOUND", Code: "BIZ_PUBLISH_INFO_NOT_FOUND", Status: http.StatusBadRequest, Message: "The requested PID is not found", Seed: true, Section: "Error code"}
	errEmpowerExistError              = &apierr.Def{Name: "EMPOWER_EXIST_ERROR", Code: "EMPOWER_EXIST_ERROR", Status: http.StatusBadRequest, Message: "The current authorization relation already exists", Seed: true, Section: "Error code"}
	errEmpowerOwnerCheckError         = &apierr.Def{Name: "EMPOWER_OWNER_CHECK_ERROR", Code: "EMPOWER_OWNER_CHECK_ERROR", Status: http.StatusBadRequest, Message: "The current user is not the owner of the authorized Topic", Seed: true, Section: "Error code"}
)

// ONS-specific codes not in the seed (ons.md §5.2).
var (
	// Unknown InstanceId. Source: the updated zh revision of the same error page
	// (doc-detail/44425, "当前指定的实例找不到"); terraform's OnsInstanceNotExist. Status
	// unconfirmed.
	errInstanceNotFound = &apierr.Def{Name: "INSTANCE_NOT_FOUND", Code: "INSTANCE_NOT_FOUND", Status: http.StatusBadRequest, Message: "The specified instance is not found."}
	// OnsInstanceDelete of an instance that still has topics or groups. Source:
	// terraform retries this code on OnsInstanceDelete. Neither status nor text is
	// documented; the message is mqmock's wording.
	errInstanceNotEmpty = &apierr.Def{Name: "INSTANCE_NOT_EMPTY", Code: "INSTANCE_NOT_EMPTY", Status: http.StatusBadRequest, Message: "The specified instance is not empty."}
	// Resource owned by another account. Source: terraform expects it from
	// OnsTopicDelete/OnsGroupDelete/OnsTopicList/OnsGroupList/OnsTopicStatus; text
	// from the public enum (没有权限操作或者资源不存在). Status unconfirmed.
	errAuthResourceOwnerError = &apierr.Def{Name: "AUTH_RESOURCE_OWNER_ERROR", Code: "AUTH_RESOURCE_OWNER_ERROR", Status: http.StatusBadRequest, Message: "No permission to operate, or the resource does not exist."}
)

// ONS answers an unknown action with the gateway code below (not in
// the seed); the gateway's other codes come from aliyunrpc.GatewayErrors.
var (
	// Unknown Action (code and text from the Dysmsapi tables; 404 is the status of
	// the equivalent InvalidApi.NotFound, unconfirmed for this code).
	errInvalidActionNotFound = &apierr.Def{Name: "InvalidAction.NotFound", Code: "InvalidAction.NotFound", Status: http.StatusNotFound, Message: "Specified api is not found, please check your url and method"}
)

// catalogue holds every row: seed rows in seed order, then the extras.
var catalogue = apierr.NewCatalogue("ons",
	append([]*apierr.Def{
		errOnsSystemError,
		errOnsServiceUnsupported,
		errOnsInvokeError,
		errBizFieldCheckInvalid,
		errBizTopicNotFound,
		errBizSubscriptionNotFound,
		errBizPublisherExisted,
		errBizSubscriptionExisted,
		errBizConsumerNotOnline,
		errBizNoMessage,
		errBizRegionNotFound,
		errBizTopicExisted,
		errBizProducerIdBelongToOtherUser,
		errBizConsumerIdBelongToOtherUser,
		errBizPublishInfoNotFound,
		errEmpowerExistError,
		errEmpowerOwnerCheckError,
		errInstanceNotFound,
		errInstanceNotEmpty,
		errAuthResourceOwnerError,
		errInvalidActionNotFound,
	}, aliyunrpc.GatewayErrors()...)...,
)

// Catalogue is the ONS catalogue. The rows are unexported values reached
// through it, so no caller outside the package can change one.
func Catalogue() *apierr.Catalogue { return catalogue }

// The gateway's rows that ONS's own actions answer with. The protocol
// declares them; ONS takes them from its catalogue, which holds them all.
var (
	errThrottlingUser             = gatewayRow("Throttling.User")
	errMissingParameterFamily     = gatewayRow("Missing%s")
	errInvalidAccessKeyIdNotFound = gatewayRow("InvalidAccessKeyId.NotFound")
)

// gatewayRow finds a gateway row by name; a missing one is a programming
// error every test run catches.
func gatewayRow(name string) *apierr.Def {
	d, ok := catalogue.ByName(name)
	if !ok {
		panic("ons catalogue: no gateway row " + name)
	}
	return d
}
