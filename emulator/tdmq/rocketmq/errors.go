package rocketmq

// The RocketMQ 4.x rows of the TDMQ catalogue. The common codes of API 3.0
// (seed 003) are the protocol's (internal/tcapi) and are named here through
// tcapi.Row; the rows below are this product's own. A row RocketMQ 5.x
// answers too (ResourceNotFound.Instance...) is declared in each product,
// identical, and the front door's catalogue keeps it once (apierr.Union).
//
// API 3.0 answers every error with HTTP 200 and
// {"Response":{"Error":{"Code":…,"Message":…},"RequestId":…}}
// (tencentcloud-api3.md §9), so every row has Status 200 and Code is the
// TencentCloud code itself, which is also its Name.

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// The common codes the 4.x actions answer with.
var (
	errDryRunOperation       = tcapi.Row("DryRunOperation")
	errFailedOperation       = tcapi.Row("FailedOperation")
	errInvalidParameter      = tcapi.Row("InvalidParameter")
	errInvalidParameterValue = tcapi.Row("InvalidParameterValue")
	errLimitExceeded         = tcapi.Row("LimitExceeded")
	errMissingParameter      = tcapi.Row("MissingParameter")
	errRequestLimitExceeded  = tcapi.Row("RequestLimitExceeded")
	errResourceInUse         = tcapi.Row("ResourceInUse")
	errResourceNotFound      = tcapi.Row("ResourceNotFound")
	errUnsupportedOperation  = tcapi.Row("UnsupportedOperation")
)

// API-specific codes not in the seed, with their source. They come from the
// Go SDK's per-action "可能返回的错误码" lists copied into tdmq.md (the
// "Error codes the SDK documents" tables of §6, summarised in §4 and §7.2):
// every non-common code listed on a 4.x action tdmq.md details. The SDK
// gives no English server text, so Message is tdmq.md's English gloss
// (exact server wording unconfirmed). Seed: false marks them as undocumented
// in the seed.

// Not-found codes of the detailed actions (tdmq.md §4).
var (
	// VIP (dedicated) instances; 5.x answers it too.
	errResourceNotFoundInstance = &apierr.Def{Name: "ResourceNotFound.Instance", Code: "ResourceNotFound.Instance", Status: http.StatusOK, Message: "Instance does not exist"}
	// Cluster ID unknown.
	errResourceNotFoundCluster = &apierr.Def{Name: "ResourceNotFound.Cluster", Code: "ResourceNotFound.Cluster", Status: http.StatusOK, Message: "Cluster does not exist"}
	// Listed on topic/role actions beside ResourceNotFound.Cluster.
	errResourceNotFoundBrokerCluster = &apierr.Def{Name: "ResourceNotFound.BrokerCluster", Code: "ResourceNotFound.BrokerCluster", Status: http.StatusOK, Message: "The serving cluster does not exist"}
	// CreateRocketMQTopic(V2) in an unknown namespace.
	errResourceNotFoundNamespace = &apierr.Def{Name: "ResourceNotFound.Namespace", Code: "ResourceNotFound.Namespace", Status: http.StatusOK, Message: "Namespace does not exist"}
	// Misspelt code the SDK really lists (DescribeRocketMQProducers); kept so a
	// scenario can reproduce it.
	errResourceNotFoundNamspace = &apierr.Def{Name: "ResourceNotFound.Namspace", Code: "ResourceNotFound.Namspace", Status: http.StatusOK, Message: "Namespace does not exist"}
	// Environment-role actions on an unknown namespace.
	errResourceNotFoundEnvironment = &apierr.Def{Name: "ResourceNotFound.Environment", Code: "ResourceNotFound.Environment", Status: http.StatusOK, Message: "Environment does not exist"}
	// Modify/DeleteRocketMQEnvironmentRole(s) of an unbound role.
	errResourceNotFoundEnvironmentRole = &apierr.Def{Name: "ResourceNotFound.EnvironmentRole", Code: "ResourceNotFound.EnvironmentRole", Status: http.StatusOK, Message: "Environment role does not exist"}
	errResourceNotFoundTopic           = &apierr.Def{Name: "ResourceNotFound.Topic", Code: "ResourceNotFound.Topic", Status: http.StatusOK, Message: "Topic does not exist"}
	errResourceNotFoundRole            = &apierr.Def{Name: "ResourceNotFound.Role", Code: "ResourceNotFound.Role", Status: http.StatusOK, Message: "Role does not exist"}
)

// Duplicates, quotas and state conflicts (tdmq.md §4).
var (
	// CreateRocketMQRole duplicate.
	errResourceInUseRole = &apierr.Def{Name: "ResourceInUse.Role", Code: "ResourceInUse.Role", Status: http.StatusOK, Message: "Role already exists"}
	// Duplicate environment role; also DeleteRocketMQRoles of a still-bound role.
	errResourceInUseEnvironmentRole = &apierr.Def{Name: "ResourceInUse.EnvironmentRole", Code: "ResourceInUse.EnvironmentRole", Status: http.StatusOK, Message: "Environment role already exists"}
	// CreateRocketMQCluster over quota.
	errLimitExceededClusters = &apierr.Def{Name: "LimitExceeded.Clusters", Code: "LimitExceeded.Clusters", Status: http.StatusOK, Message: "Number of clusters under the instance exceeds the limit"}
	// Creating in a cluster that is still CREATING; 5.x answers it too.
	errFailedOperationInstanceNotReady = &apierr.Def{Name: "FailedOperation.InstanceNotReady", Code: "FailedOperation.InstanceNotReady", Status: http.StatusOK, Message: "Instance not ready yet, retry later"}
	// DeleteRocketMQNamespace with roles still bound.
	errFailedOperationRoleInUse = &apierr.Def{Name: "FailedOperation.RoleInUse", Code: "FailedOperation.RoleInUse", Status: http.StatusOK, Message: "Associated role data must be removed first"}
)

// Parameter validation (tdmq.md §4).
var (
	// Topic PartitionNum.
	errInvalidParameterPartition = &apierr.Def{Name: "InvalidParameter.Partition", Code: "InvalidParameter.Partition", Status: http.StatusOK, Message: "Wrong partition count"}
	// Every role action.
	errInvalidParameterValueInvalidParams = &apierr.Def{Name: "InvalidParameterValue.InvalidParams", Code: "InvalidParameterValue.InvalidParams", Status: http.StatusOK, Message: "Parameter value out of the allowed range"}
	// Every role action.
	errMissingParameterNeedMoreParams = &apierr.Def{Name: "MissingParameter.NeedMoreParams", Code: "MissingParameter.NeedMoreParams", Status: http.StatusOK, Message: "Required parameter not passed"}
)

// Backend failures the SDK lists; only reachable through the fault engine.
var (
	errFailedOperationCallTrade              = &apierr.Def{Name: "FailedOperation.CallTrade", Code: "FailedOperation.CallTrade", Status: http.StatusOK, Message: "Exception calling the billing/trade service"}
	errFailedOperationCreateCluster          = &apierr.Def{Name: "FailedOperation.CreateCluster", Code: "FailedOperation.CreateCluster", Status: http.StatusOK, Message: "Failed to create the cluster"}
	errFailedOperationDeleteCluster          = &apierr.Def{Name: "FailedOperation.DeleteCluster", Code: "FailedOperation.DeleteCluster", Status: http.StatusOK, Message: "Failed to delete the cluster"}
	errFailedOperationCreateTopic            = &apierr.Def{Name: "FailedOperation.CreateTopic", Code: "FailedOperation.CreateTopic", Status: http.StatusOK, Message: "Failed to create the topic"}
	errFailedOperationDeleteTopics           = &apierr.Def{Name: "FailedOperation.DeleteTopics", Code: "FailedOperation.DeleteTopics", Status: http.StatusOK, Message: "Failed to delete topics"}
	errFailedOperationCreateRole             = &apierr.Def{Name: "FailedOperation.CreateRole", Code: "FailedOperation.CreateRole", Status: http.StatusOK, Message: "Failed to create the role"}
	errFailedOperationUpdateRole             = &apierr.Def{Name: "FailedOperation.UpdateRole", Code: "FailedOperation.UpdateRole", Status: http.StatusOK, Message: "Failed to update the role"}
	errFailedOperationDeleteRoles            = &apierr.Def{Name: "FailedOperation.DeleteRoles", Code: "FailedOperation.DeleteRoles", Status: http.StatusOK, Message: "Failed to delete roles"}
	errFailedOperationCreateSecretKey        = &apierr.Def{Name: "FailedOperation.CreateSecretKey", Code: "FailedOperation.CreateSecretKey", Status: http.StatusOK, Message: "Failed to create the secret key"}
	errFailedOperationSaveSecretKey          = &apierr.Def{Name: "FailedOperation.SaveSecretKey", Code: "FailedOperation.SaveSecretKey", Status: http.StatusOK, Message: "Failed to save the secret key"}
	errFailedOperationCreateEnvironmentRole  = &apierr.Def{Name: "FailedOperation.CreateEnvironmentRole", Code: "FailedOperation.CreateEnvironmentRole", Status: http.StatusOK, Message: "Failed to create the environment role"}
	errFailedOperationUpdateEnvironmentRole  = &apierr.Def{Name: "FailedOperation.UpdateEnvironmentRole", Code: "FailedOperation.UpdateEnvironmentRole", Status: http.StatusOK, Message: "Failed to update the environment role"}
	errFailedOperationDeleteEnvironmentRoles = &apierr.Def{Name: "FailedOperation.DeleteEnvironmentRoles", Code: "FailedOperation.DeleteEnvironmentRoles", Status: http.StatusOK, Message: "Failed to delete environment roles"}
	errFailedOperationSetTTL                 = &apierr.Def{Name: "FailedOperation.SetTTL", Code: "FailedOperation.SetTTL", Status: http.StatusOK, Message: "Failed to set message TTL"}
	errInternalErrorIllegalMessage           = &apierr.Def{Name: "InternalError.IllegalMessage", Code: "InternalError.IllegalMessage", Status: http.StatusOK, Message: "Internal error"}
	errInternalErrorSystemError              = &apierr.Def{Name: "InternalError.SystemError", Code: "InternalError.SystemError", Status: http.StatusOK, Message: "System error"}
	errResourceUnavailableCreateFailed       = &apierr.Def{Name: "ResourceUnavailable.CreateFailed", Code: "ResourceUnavailable.CreateFailed", Status: http.StatusOK, Message: "Delivery (provisioning) exception"}
	errResourceUnavailableFundRequired       = &apierr.Def{Name: "ResourceUnavailable.FundRequired", Code: "ResourceUnavailable.FundRequired", Status: http.StatusOK, Message: "Account must be topped up to continue"}
)

// catalogue is the 4.x rows, in the order above.
var catalogue = apierr.NewCatalogue("rocketmq",
	errResourceNotFoundInstance,
	errResourceNotFoundCluster,
	errResourceNotFoundBrokerCluster,
	errResourceNotFoundNamespace,
	errResourceNotFoundNamspace,
	errResourceNotFoundEnvironment,
	errResourceNotFoundEnvironmentRole,
	errResourceNotFoundTopic,
	errResourceNotFoundRole,
	errResourceInUseRole,
	errResourceInUseEnvironmentRole,
	errLimitExceededClusters,
	errFailedOperationInstanceNotReady,
	errFailedOperationRoleInUse,
	errInvalidParameterPartition,
	errInvalidParameterValueInvalidParams,
	errMissingParameterNeedMoreParams,
	errFailedOperationCallTrade,
	errFailedOperationCreateCluster,
	errFailedOperationDeleteCluster,
	errFailedOperationCreateTopic,
	errFailedOperationDeleteTopics,
	errFailedOperationCreateRole,
	errFailedOperationUpdateRole,
	errFailedOperationDeleteRoles,
	errFailedOperationCreateSecretKey,
	errFailedOperationSaveSecretKey,
	errFailedOperationCreateEnvironmentRole,
	errFailedOperationUpdateEnvironmentRole,
	errFailedOperationDeleteEnvironmentRoles,
	errFailedOperationSetTTL,
	errInternalErrorIllegalMessage,
	errInternalErrorSystemError,
	errResourceUnavailableCreateFailed,
	errResourceUnavailableFundRequired,
)

// Catalogue is RocketMQ 4.x's own rows (the common codes are tcapi.Common's).
func Catalogue() *apierr.Catalogue { return catalogue }
