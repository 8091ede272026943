package tdmq

// This file is the TDMQ (TencentCloud API 3.0) error catalogue: the common
// codes of seed 003, kept verbatim in testdata/errors.tsv, then a separate,
// labelled list of the API-specific codes the emulator can return.
//
// API 3.0 answers every error with HTTP 200 and
// {"Response":{"Error":{"Code":…,"Message":…},"RequestId":…}}
// (tencentcloud-api3.md §9), so every Def has Status 200 and Code is the
// TencentCloud code itself, which is also its Name. Messages are the seed's
// English descriptions. The Defs are package-level so handlers can refer to
// them directly; they must not be modified after init.

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// The common codes of API 3.0 (seed 003) are the protocol's (internal/tcapi);
// these names let the handlers answer them.
var (
	ErrAuthFailureInvalidSecretId       = tcapi.Row("AuthFailure.InvalidSecretId")
	ErrAuthFailureMFAFailure            = tcapi.Row("AuthFailure.MFAFailure")
	ErrAuthFailureSecretIdNotFound      = tcapi.Row("AuthFailure.SecretIdNotFound")
	ErrAuthFailureSignatureExpire       = tcapi.Row("AuthFailure.SignatureExpire")
	ErrAuthFailureSignatureFailure      = tcapi.Row("AuthFailure.SignatureFailure")
	ErrAuthFailureTokenFailure          = tcapi.Row("AuthFailure.TokenFailure")
	ErrAuthFailureUnauthorizedOperation = tcapi.Row("AuthFailure.UnauthorizedOperation")
	ErrDryRunOperation                  = tcapi.Row("DryRunOperation")
	ErrFailedOperation                  = tcapi.Row("FailedOperation")
	ErrInternalError                    = tcapi.Row("InternalError")
	ErrInvalidAction                    = tcapi.Row("InvalidAction")
	ErrInvalidParameter                 = tcapi.Row("InvalidParameter")
	ErrInvalidParameterValue            = tcapi.Row("InvalidParameterValue")
	ErrLimitExceeded                    = tcapi.Row("LimitExceeded")
	ErrMissingParameter                 = tcapi.Row("MissingParameter")
	ErrNoSuchVersion                    = tcapi.Row("NoSuchVersion")
	ErrRequestLimitExceeded             = tcapi.Row("RequestLimitExceeded")
	ErrResourceInUse                    = tcapi.Row("ResourceInUse")
	ErrResourceInsufficient             = tcapi.Row("ResourceInsufficient")
	ErrResourceNotFound                 = tcapi.Row("ResourceNotFound")
	ErrResourceUnavailable              = tcapi.Row("ResourceUnavailable")
	ErrUnauthorizedOperation            = tcapi.Row("UnauthorizedOperation")
	ErrUnknownParameter                 = tcapi.Row("UnknownParameter")
	ErrUnsupportedOperation             = tcapi.Row("UnsupportedOperation")
	ErrUnsupportedProtocol              = tcapi.Row("UnsupportedProtocol")
	ErrUnsupportedRegion                = tcapi.Row("UnsupportedRegion")
)

// API-specific codes not in the seed, with their source. They come from the
// Go SDK's per-action "可能返回的错误码" lists copied into tdmq.md (the
// "Error codes the SDK documents" tables, summarised in tdmq.md §4 and §7):
// every non-common code listed on an action tdmq.md details. The SDK gives no
// English server text, so Message is tdmq.md's English gloss (exact server
// wording unconfirmed). Seed: false marks them as undocumented in the seed.

// Not-found codes of the detailed actions (tdmq.md §4).
var (
	// 5.x instance ID unknown; also 4.x VIP instances.
	ErrResourceNotFoundInstance = &apierr.Def{Name: "ResourceNotFound.Instance", Code: "ResourceNotFound.Instance", Status: http.StatusOK, Message: "Instance does not exist"}
	// 4.x cluster ID unknown.
	ErrResourceNotFoundCluster = &apierr.Def{Name: "ResourceNotFound.Cluster", Code: "ResourceNotFound.Cluster", Status: http.StatusOK, Message: "Cluster does not exist"}
	// Listed on 4.x topic/role actions beside ResourceNotFound.Cluster.
	ErrResourceNotFoundBrokerCluster = &apierr.Def{Name: "ResourceNotFound.BrokerCluster", Code: "ResourceNotFound.BrokerCluster", Status: http.StatusOK, Message: "The serving cluster does not exist"}
	// 4.x CreateRocketMQTopic(V2) in an unknown namespace.
	ErrResourceNotFoundNamespace = &apierr.Def{Name: "ResourceNotFound.Namespace", Code: "ResourceNotFound.Namespace", Status: http.StatusOK, Message: "Namespace does not exist"}
	// Misspelt code the SDK really lists (DescribeRocketMQProducers); kept so a
	// scenario can reproduce it.
	ErrResourceNotFoundNamspace = &apierr.Def{Name: "ResourceNotFound.Namspace", Code: "ResourceNotFound.Namspace", Status: http.StatusOK, Message: "Namespace does not exist"}
	// 4.x environment-role actions on an unknown namespace.
	ErrResourceNotFoundEnvironment = &apierr.Def{Name: "ResourceNotFound.Environment", Code: "ResourceNotFound.Environment", Status: http.StatusOK, Message: "Environment does not exist"}
	// Modify/DeleteRocketMQEnvironmentRole(s) of an unbound role.
	ErrResourceNotFoundEnvironmentRole = &apierr.Def{Name: "ResourceNotFound.EnvironmentRole", Code: "ResourceNotFound.EnvironmentRole", Status: http.StatusOK, Message: "Environment role does not exist"}
	ErrResourceNotFoundTopic           = &apierr.Def{Name: "ResourceNotFound.Topic", Code: "ResourceNotFound.Topic", Status: http.StatusOK, Message: "Topic does not exist"}
	// 5.x consumer group unknown.
	ErrResourceNotFoundGroup = &apierr.Def{Name: "ResourceNotFound.Group", Code: "ResourceNotFound.Group", Status: http.StatusOK, Message: "Consumer group does not exist, check and retry"}
	ErrResourceNotFoundRole  = &apierr.Def{Name: "ResourceNotFound.Role", Code: "ResourceNotFound.Role", Status: http.StatusOK, Message: "Role does not exist"}
	// 5.x DescribeMessage/DescribeMessageTrace.
	ErrResourceNotFoundMessage = &apierr.Def{Name: "ResourceNotFound.Message", Code: "ResourceNotFound.Message", Status: http.StatusOK, Message: "Message does not exist"}
	// Listed on DescribeProductSKUs/DescribeRoleList/DescribeProducerList.
	ErrResourceNotFoundMigrationTask = &apierr.Def{Name: "ResourceNotFound.MigrationTask", Code: "ResourceNotFound.MigrationTask", Status: http.StatusOK, Message: "Migration task does not exist"}
)

// Duplicates, quotas and state conflicts (tdmq.md §4).
var (
	// 5.x create with an existing name.
	ErrUnsupportedOperationResourceAlreadyExists = &apierr.Def{Name: "UnsupportedOperation.ResourceAlreadyExists", Code: "UnsupportedOperation.ResourceAlreadyExists", Status: http.StatusOK, Message: "Resource already exists, check and retry"}
	// 4.x CreateRocketMQRole duplicate.
	ErrResourceInUseRole = &apierr.Def{Name: "ResourceInUse.Role", Code: "ResourceInUse.Role", Status: http.StatusOK, Message: "Role already exists"}
	// 4.x duplicate environment role; also DeleteRocketMQRoles of a still-bound role.
	ErrResourceInUseEnvironmentRole = &apierr.Def{Name: "ResourceInUse.EnvironmentRole", Code: "ResourceInUse.EnvironmentRole", Status: http.StatusOK, Message: "Environment role already exists"}
	// 5.x CreateTopic over the instance quota.
	ErrLimitExceededTopicNum = &apierr.Def{Name: "LimitExceeded.TopicNum", Code: "LimitExceeded.TopicNum", Status: http.StatusOK, Message: "Topic count limit reached"}
	// 4.x CreateRocketMQCluster over quota.
	ErrLimitExceededClusters = &apierr.Def{Name: "LimitExceeded.Clusters", Code: "LimitExceeded.Clusters", Status: http.StatusOK, Message: "Number of clusters under the instance exceeds the limit"}
	// 5.x ModifyInstance.
	ErrUnsupportedOperationInstanceTopicNumDowngrade = &apierr.Def{Name: "UnsupportedOperation.InstanceTopicNumDowngrade", Code: "UnsupportedOperation.InstanceTopicNumDowngrade", Status: http.StatusOK, Message: "Instance topic count cannot be lowered below the amount already used"}
	// 5.x VerifyMessageConsumption.
	ErrUnsupportedOperationUnsupportedConsumerType = &apierr.Def{Name: "UnsupportedOperation.UnsupportedConsumerType", Code: "UnsupportedOperation.UnsupportedConsumerType", Status: http.StatusOK, Message: "Current consumer type does not support this operation"}
	ErrFailedOperationInstanceNotReady             = &apierr.Def{Name: "FailedOperation.InstanceNotReady", Code: "FailedOperation.InstanceNotReady", Status: http.StatusOK, Message: "Instance not ready yet, retry later"}
	// 4.x DeleteRocketMQNamespace with roles still bound.
	ErrFailedOperationRoleInUse = &apierr.Def{Name: "FailedOperation.RoleInUse", Code: "FailedOperation.RoleInUse", Status: http.StatusOK, Message: "Associated role data must be removed first"}
	// 5.x CreateTopic/CreateRole.
	ErrOperationDenied = &apierr.Def{Name: "OperationDenied", Code: "OperationDenied", Status: http.StatusOK, Message: "Operation denied"}
)

// Parameter validation (tdmq.md §4).
var (
	// 4.x topic PartitionNum.
	ErrInvalidParameterPartition = &apierr.Def{Name: "InvalidParameter.Partition", Code: "InvalidParameter.Partition", Status: http.StatusOK, Message: "Wrong partition count"}
	// Every 4.x role action.
	ErrInvalidParameterValueInvalidParams = &apierr.Def{Name: "InvalidParameterValue.InvalidParams", Code: "InvalidParameterValue.InvalidParams", Status: http.StatusOK, Message: "Parameter value out of the allowed range"}
	// Every 4.x role action.
	ErrMissingParameterNeedMoreParams = &apierr.Def{Name: "MissingParameter.NeedMoreParams", Code: "MissingParameter.NeedMoreParams", Status: http.StatusOK, Message: "Required parameter not passed"}
)

// Backend failures the SDK lists; only reachable through the fault engine.
var (
	ErrFailedOperationCallTrade              = &apierr.Def{Name: "FailedOperation.CallTrade", Code: "FailedOperation.CallTrade", Status: http.StatusOK, Message: "Exception calling the billing/trade service"}
	ErrFailedOperationCreateCluster          = &apierr.Def{Name: "FailedOperation.CreateCluster", Code: "FailedOperation.CreateCluster", Status: http.StatusOK, Message: "Failed to create the cluster"}
	ErrFailedOperationDeleteCluster          = &apierr.Def{Name: "FailedOperation.DeleteCluster", Code: "FailedOperation.DeleteCluster", Status: http.StatusOK, Message: "Failed to delete the cluster"}
	ErrFailedOperationCreateTopic            = &apierr.Def{Name: "FailedOperation.CreateTopic", Code: "FailedOperation.CreateTopic", Status: http.StatusOK, Message: "Failed to create the topic"}
	ErrFailedOperationDeleteTopics           = &apierr.Def{Name: "FailedOperation.DeleteTopics", Code: "FailedOperation.DeleteTopics", Status: http.StatusOK, Message: "Failed to delete topics"}
	ErrFailedOperationCreateRole             = &apierr.Def{Name: "FailedOperation.CreateRole", Code: "FailedOperation.CreateRole", Status: http.StatusOK, Message: "Failed to create the role"}
	ErrFailedOperationUpdateRole             = &apierr.Def{Name: "FailedOperation.UpdateRole", Code: "FailedOperation.UpdateRole", Status: http.StatusOK, Message: "Failed to update the role"}
	ErrFailedOperationDeleteRoles            = &apierr.Def{Name: "FailedOperation.DeleteRoles", Code: "FailedOperation.DeleteRoles", Status: http.StatusOK, Message: "Failed to delete roles"}
	ErrFailedOperationCreateSecretKey        = &apierr.Def{Name: "FailedOperation.CreateSecretKey", Code: "FailedOperation.CreateSecretKey", Status: http.StatusOK, Message: "Failed to create the secret key"}
	ErrFailedOperationSaveSecretKey          = &apierr.Def{Name: "FailedOperation.SaveSecretKey", Code: "FailedOperation.SaveSecretKey", Status: http.StatusOK, Message: "Failed to save the secret key"}
	ErrFailedOperationCreateEnvironmentRole  = &apierr.Def{Name: "FailedOperation.CreateEnvironmentRole", Code: "FailedOperation.CreateEnvironmentRole", Status: http.StatusOK, Message: "Failed to create the environment role"}
	ErrFailedOperationUpdateEnvironmentRole  = &apierr.Def{Name: "FailedOperation.UpdateEnvironmentRole", Code: "FailedOperation.UpdateEnvironmentRole", Status: http.StatusOK, Message: "Failed to update the environment role"}
	ErrFailedOperationDeleteEnvironmentRoles = &apierr.Def{Name: "FailedOperation.DeleteEnvironmentRoles", Code: "FailedOperation.DeleteEnvironmentRoles", Status: http.StatusOK, Message: "Failed to delete environment roles"}
	ErrFailedOperationSetTTL                 = &apierr.Def{Name: "FailedOperation.SetTTL", Code: "FailedOperation.SetTTL", Status: http.StatusOK, Message: "Failed to set message TTL"}
	ErrInternalErrorIllegalMessage           = &apierr.Def{Name: "InternalError.IllegalMessage", Code: "InternalError.IllegalMessage", Status: http.StatusOK, Message: "Internal error"}
	ErrInternalErrorSystemError              = &apierr.Def{Name: "InternalError.SystemError", Code: "InternalError.SystemError", Status: http.StatusOK, Message: "System error"}
	ErrResourceUnavailableCreateFailed       = &apierr.Def{Name: "ResourceUnavailable.CreateFailed", Code: "ResourceUnavailable.CreateFailed", Status: http.StatusOK, Message: "Delivery (provisioning) exception"}
	ErrResourceUnavailableFundRequired       = &apierr.Def{Name: "ResourceUnavailable.FundRequired", Code: "ResourceUnavailable.FundRequired", Status: http.StatusOK, Message: "Account must be topped up to continue"}
)

// --- 5.x (trocket) additions ---
// The one code of the trocket SDK's errors.go (tdmq.md §7.1) not yet above,
// so a fault scenario can name every 5.x code.
var (
	// ModifyInstanceEndpoint (declined by the emulator; reachable by faults).
	ErrResourceNotFoundEndpoint = &apierr.Def{Name: "ResourceNotFound.Endpoint", Code: "ResourceNotFound.Endpoint", Status: http.StatusOK, Message: "Access point does not exist"}
)

// Errors is the TDMQ catalogue: seed rows in seed order, then the extras.
var Errors = apierr.NewCatalogue("tdmq",
	ErrAuthFailureInvalidSecretId,
	ErrAuthFailureMFAFailure,
	ErrAuthFailureSecretIdNotFound,
	ErrAuthFailureSignatureExpire,
	ErrAuthFailureSignatureFailure,
	ErrAuthFailureTokenFailure,
	ErrAuthFailureUnauthorizedOperation,
	ErrDryRunOperation,
	ErrFailedOperation,
	ErrInternalError,
	ErrInvalidAction,
	ErrInvalidParameter,
	ErrInvalidParameterValue,
	ErrLimitExceeded,
	ErrMissingParameter,
	ErrNoSuchVersion,
	ErrRequestLimitExceeded,
	ErrResourceInUse,
	ErrResourceInsufficient,
	ErrResourceNotFound,
	ErrResourceUnavailable,
	ErrUnauthorizedOperation,
	ErrUnknownParameter,
	ErrUnsupportedOperation,
	ErrUnsupportedProtocol,
	ErrUnsupportedRegion,
	ErrResourceNotFoundInstance,
	ErrResourceNotFoundCluster,
	ErrResourceNotFoundBrokerCluster,
	ErrResourceNotFoundNamespace,
	ErrResourceNotFoundNamspace,
	ErrResourceNotFoundEnvironment,
	ErrResourceNotFoundEnvironmentRole,
	ErrResourceNotFoundTopic,
	ErrResourceNotFoundGroup,
	ErrResourceNotFoundRole,
	ErrResourceNotFoundMessage,
	ErrResourceNotFoundMigrationTask,
	ErrUnsupportedOperationResourceAlreadyExists,
	ErrResourceInUseRole,
	ErrResourceInUseEnvironmentRole,
	ErrLimitExceededTopicNum,
	ErrLimitExceededClusters,
	ErrUnsupportedOperationInstanceTopicNumDowngrade,
	ErrUnsupportedOperationUnsupportedConsumerType,
	ErrFailedOperationInstanceNotReady,
	ErrFailedOperationRoleInUse,
	ErrOperationDenied,
	ErrInvalidParameterPartition,
	ErrInvalidParameterValueInvalidParams,
	ErrMissingParameterNeedMoreParams,
	ErrFailedOperationCallTrade,
	ErrFailedOperationCreateCluster,
	ErrFailedOperationDeleteCluster,
	ErrFailedOperationCreateTopic,
	ErrFailedOperationDeleteTopics,
	ErrFailedOperationCreateRole,
	ErrFailedOperationUpdateRole,
	ErrFailedOperationDeleteRoles,
	ErrFailedOperationCreateSecretKey,
	ErrFailedOperationSaveSecretKey,
	ErrFailedOperationCreateEnvironmentRole,
	ErrFailedOperationUpdateEnvironmentRole,
	ErrFailedOperationDeleteEnvironmentRoles,
	ErrFailedOperationSetTTL,
	ErrInternalErrorIllegalMessage,
	ErrInternalErrorSystemError,
	ErrResourceUnavailableCreateFailed,
	ErrResourceUnavailableFundRequired,
	// --- 5.x (trocket) additions ---
	ErrResourceNotFoundEndpoint,
)

// productChinese are the Chinese texts of the trocket codes, from the SDK's
// errors.go (tdmq.md §7.1), for tdmq.honorLanguage. Read-only.
var productChinese = map[string]string{
	"FailedOperation.InstanceNotReady":               "实例未就绪，请稍后重试。",
	"LimitExceeded.TopicNum":                         "已达到主题数上限。",
	"OperationDenied":                                "操作被拒绝。",
	"ResourceNotFound.Endpoint":                      "接入点不存在。",
	"ResourceNotFound.Group":                         "消费组不存在，请检查后重试。",
	"ResourceNotFound.Instance":                      "实例不存在。",
	"ResourceNotFound.Message":                       "消息不存在。",
	"ResourceNotFound.MigrationTask":                 "迁移任务不存在，请检查后重试。",
	"ResourceNotFound.Role":                          "角色不存在，请检查后重试。",
	"ResourceNotFound.Topic":                         "主题不存在，请检查后重试。",
	"UnsupportedOperation.InstanceTopicNumDowngrade": "实例Topic数量不能调整到已使用额度以下。",
	"UnsupportedOperation.ResourceAlreadyExists":     "资源已存在，请检查后重试。",
	"UnsupportedOperation.UnsupportedConsumerType":   "当前消费者类型不支持此操作。",
}
