package trocket

// The RocketMQ 5.x rows of the TDMQ catalogue. The common codes of API 3.0
// (seed 003) are the protocol's (internal/tcapi) and are named here through
// tcapi.Row; the rows below are this product's own. A row RocketMQ 4.x
// answers too (ResourceNotFound.Instance...) is declared in each product,
// identical, and the front door's catalogue keeps it once (apierr.Union).
//
// API 3.0 answers every error with HTTP 200 and
// {"Response":{"Error":{"Code":…,"Message":…},"RequestId":…}}
// (tencentcloud-api3.md §9), so every row has Status 200 and Code is the
// TencentCloud code itself, which is also its Name.

import (
	"maps"
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// The common codes the 5.x actions answer with.
var (
	errDryRunOperation       = tcapi.Row("DryRunOperation")
	errFailedOperation       = tcapi.Row("FailedOperation")
	errInvalidParameterValue = tcapi.Row("InvalidParameterValue")
	errLimitExceeded         = tcapi.Row("LimitExceeded")
	errMissingParameter      = tcapi.Row("MissingParameter")
	errRequestLimitExceeded  = tcapi.Row("RequestLimitExceeded")
	errResourceInUse         = tcapi.Row("ResourceInUse")
	errUnsupportedOperation  = tcapi.Row("UnsupportedOperation")
)

// API-specific codes not in the seed: the codes of the trocket SDK's
// errors.go (tdmq.md §7.1) and the per-action "Error codes the SDK
// documents" tables of §5. The SDK gives no English server text, so Message
// is tdmq.md's English gloss (exact server wording unconfirmed). Seed: false
// marks them as undocumented in the seed.

// Not-found codes (tdmq.md §4).
var (
	// Instance ID unknown; 4.x answers it too (VIP instances).
	errResourceNotFoundInstance = &apierr.Def{Name: "ResourceNotFound.Instance", Code: "ResourceNotFound.Instance", Status: http.StatusOK, Message: "Instance does not exist"}
	errResourceNotFoundTopic    = &apierr.Def{Name: "ResourceNotFound.Topic", Code: "ResourceNotFound.Topic", Status: http.StatusOK, Message: "Topic does not exist"}
	// Consumer group unknown.
	errResourceNotFoundGroup = &apierr.Def{Name: "ResourceNotFound.Group", Code: "ResourceNotFound.Group", Status: http.StatusOK, Message: "Consumer group does not exist, check and retry"}
	errResourceNotFoundRole  = &apierr.Def{Name: "ResourceNotFound.Role", Code: "ResourceNotFound.Role", Status: http.StatusOK, Message: "Role does not exist"}
	// DescribeMessage/DescribeMessageTrace.
	errResourceNotFoundMessage = &apierr.Def{Name: "ResourceNotFound.Message", Code: "ResourceNotFound.Message", Status: http.StatusOK, Message: "Message does not exist"}
	// Listed on DescribeProductSKUs/DescribeRoleList/DescribeProducerList.
	errResourceNotFoundMigrationTask = &apierr.Def{Name: "ResourceNotFound.MigrationTask", Code: "ResourceNotFound.MigrationTask", Status: http.StatusOK, Message: "Migration task does not exist"}
	// ModifyInstanceEndpoint (declined by the emulator; reachable by faults).
	errResourceNotFoundEndpoint = &apierr.Def{Name: "ResourceNotFound.Endpoint", Code: "ResourceNotFound.Endpoint", Status: http.StatusOK, Message: "Access point does not exist"}
)

// Duplicates, quotas and state conflicts (tdmq.md §4).
var (
	// Create with an existing name.
	errUnsupportedOperationResourceAlreadyExists = &apierr.Def{Name: "UnsupportedOperation.ResourceAlreadyExists", Code: "UnsupportedOperation.ResourceAlreadyExists", Status: http.StatusOK, Message: "Resource already exists, check and retry"}
	// CreateTopic over the instance quota.
	errLimitExceededTopicNum = &apierr.Def{Name: "LimitExceeded.TopicNum", Code: "LimitExceeded.TopicNum", Status: http.StatusOK, Message: "Topic count limit reached"}
	// ModifyInstance.
	errUnsupportedOperationInstanceTopicNumDowngrade = &apierr.Def{Name: "UnsupportedOperation.InstanceTopicNumDowngrade", Code: "UnsupportedOperation.InstanceTopicNumDowngrade", Status: http.StatusOK, Message: "Instance topic count cannot be lowered below the amount already used"}
	// VerifyMessageConsumption.
	errUnsupportedOperationUnsupportedConsumerType = &apierr.Def{Name: "UnsupportedOperation.UnsupportedConsumerType", Code: "UnsupportedOperation.UnsupportedConsumerType", Status: http.StatusOK, Message: "Current consumer type does not support this operation"}
	// Creating in an instance that is still CREATING; 4.x answers it too.
	errFailedOperationInstanceNotReady = &apierr.Def{Name: "FailedOperation.InstanceNotReady", Code: "FailedOperation.InstanceNotReady", Status: http.StatusOK, Message: "Instance not ready yet, retry later"}
	// CreateTopic/CreateRole.
	errOperationDenied = &apierr.Def{Name: "OperationDenied", Code: "OperationDenied", Status: http.StatusOK, Message: "Operation denied"}
)

// catalogue is the 5.x rows, in the order above.
var catalogue = apierr.NewCatalogue("trocket",
	errResourceNotFoundInstance,
	errResourceNotFoundTopic,
	errResourceNotFoundGroup,
	errResourceNotFoundRole,
	errResourceNotFoundMessage,
	errResourceNotFoundMigrationTask,
	errResourceNotFoundEndpoint,
	errUnsupportedOperationResourceAlreadyExists,
	errLimitExceededTopicNum,
	errUnsupportedOperationInstanceTopicNumDowngrade,
	errUnsupportedOperationUnsupportedConsumerType,
	errFailedOperationInstanceNotReady,
	errOperationDenied,
)

// Catalogue is RocketMQ 5.x's own rows (the common codes are tcapi.Common's).
func Catalogue() *apierr.Catalogue { return catalogue }

// chinese are the Chinese texts of the trocket codes, from the SDK's
// errors.go (tdmq.md §7.1), for tdmq.honorLanguage.
var chinese = map[string]string{
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

// Chinese is a copy of the Chinese texts of the 5.x codes, by code.
func Chinese() map[string]string { return maps.Clone(chinese) }
