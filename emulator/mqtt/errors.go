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
	"github.com/mqmock/mqmock/internal/aliyunrpc"
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

// Errors is the MQTT catalogue: seed rows in seed order, then the extras.
var Errors = apierr.NewCatalogue("mqtt",
	append([]*apierr.Def{
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
	}, aliyunrpc.GatewayErrors()...)...,
)
