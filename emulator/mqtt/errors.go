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
// are one Def each (Section "Token, Group ID"): 17 rows, 14 Defs.

import (
	"net/http"

	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr"
)

// Seeds 001/002, Token相关错误码 then Group ID相关错误码, in seed order.
var (
	errApiNotSupport          = &apierr.Def{Name: "ApiNotSupport", Code: "ApiNotSupport", Status: http.StatusNotFound, Message: "The specified API is not supported.", Seed: true, Section: "Token"}
	errApplyTokenOverFlow     = &apierr.Def{Name: "ApplyTokenOverFlow", Code: "ApplyTokenOverFlow", Status: http.StatusBadRequest, Message: "You have applied for tokens too many times. Please try again later.", Seed: true, Section: "Token"}
	errCheckAccountInfoFailed = &apierr.Def{Name: "CheckAccountInfoFailed", Code: "CheckAccountInfoFailed", Status: http.StatusBadRequest, Message: "An error occurred while checking the account information by the STS token.", Seed: true, Section: "Token"}
	// Listed in both sections with the same status and text: one Def.
	errInstancePermissionCheckFailed = &apierr.Def{Name: "InstancePermissionCheckFailed", Code: "InstancePermissionCheckFailed", Status: http.StatusBadRequest, Message: "An error occurred while validating the permissions of the instance. Please verify the account that created the instance and its permissions settings.", Seed: true, Section: "Token, Group ID"}
	// Listed in both sections with the same status and text: one Def.
	errInternalError        = &apierr.Def{Name: "InternalError", Code: "InternalError", Status: http.StatusInternalServerError, Message: "An error occurred while processing your request. Try again later.", Seed: true, Section: "Token, Group ID"}
	errParameterCheckFailed = &apierr.Def{Name: "ParameterCheckFailed", Code: "ParameterCheckFailed", Status: http.StatusBadRequest, Message: "An error occurred while validating the parameters. The parameters may be missing or invalid.", Seed: true, Section: "Token"}
	// Listed in both sections with the same status and text: one Def.
	errPermissionCheckFailed = &apierr.Def{Name: "PermissionCheckFailed", Code: "PermissionCheckFailed", Status: http.StatusBadRequest, Message: "An error occurred while validating the resource permissions. Please check the account that created the instance, topic, and GroupId, and check their permission settings.", Seed: true, Section: "Token, Group ID"}
	errSystemOverFlow        = &apierr.Def{Name: "SystemOverFlow", Code: "SystemOverFlow", Status: http.StatusInternalServerError, Message: "An error occurred while processing your request. Please try again.", Seed: true, Section: "Token"}
	// Family: the argument is the parameter name (InvalidParameter.ClientId). The
	// message has no %s, so the name shows only in the code.
	errInvalidParameterFamily         = &apierr.Def{Name: "InvalidParameter.%s", Code: "InvalidParameter.%s", Status: http.StatusBadRequest, Message: "An error occurred while validating the parameter. The parameter may be missing or invalid.", Seed: true, Section: "Token"}
	errCreateGroupIdError             = &apierr.Def{Name: "CreateGroupIdError", Code: "CreateGroupIdError", Status: http.StatusInternalServerError, Message: "Failed to create GroupId. Try again later.", Seed: true, Section: "Group ID"}
	errGroupIdAlreadyExsited          = &apierr.Def{Name: "GroupIdAlreadyExsited", Code: "GroupIdAlreadyExsited", Status: http.StatusBadRequest, Message: "The specified GroupId already exists.", Seed: true, Section: "Group ID"}
	errGroupIdAlreadyUsedByOtherUsers = &apierr.Def{Name: "GroupIdAlreadyUsedByOtherUsers", Code: "GroupIdAlreadyUsedByOtherUsers", Status: http.StatusBadRequest, Message: "The current GroupId is used by another user. Please change to a different GroupId.", Seed: true, Section: "Group ID"}
	errParameterFieldCheckFailed      = &apierr.Def{Name: "ParameterFieldCheckFailed", Code: "ParameterFieldCheckFailed", Status: http.StatusBadRequest, Message: "Failed to validate the parameters. The parameters may be missing or invalid.", Seed: true, Section: "Group ID"}
	errInstanceNotFound               = &apierr.Def{Name: "InstanceNotFound", Code: "InstanceNotFound", Status: http.StatusBadRequest, Message: "Failed to find the instance. The instanceId may be invalid.", Seed: true, Section: "Group ID"}
)

// MQTT-specific code not in the seeds (mqtt.md §4.2).
var (
	// DeleteGroupId failure; only reachable through the fault engine. Source: the
	// DeleteGroupId API page's error table.
	errDeleteGroupIdError = &apierr.Def{Name: "DeleteGroupIdError", Code: "DeleteGroupIdError", Status: http.StatusInternalServerError, Message: "Failed to delete GroupId. Try again later."}
)

// catalogue holds every row: seed rows in seed order, then the extras.
var catalogue = apierr.NewCatalogue("mqtt",
	append([]*apierr.Def{
		errApiNotSupport,
		errApplyTokenOverFlow,
		errCheckAccountInfoFailed,
		errInstancePermissionCheckFailed,
		errInternalError,
		errParameterCheckFailed,
		errPermissionCheckFailed,
		errSystemOverFlow,
		errInvalidParameterFamily,
		errCreateGroupIdError,
		errGroupIdAlreadyExsited,
		errGroupIdAlreadyUsedByOtherUsers,
		errParameterFieldCheckFailed,
		errInstanceNotFound,
		errDeleteGroupIdError,
	}, aliyunrpc.GatewayErrors()...)...,
)

// The gateway's rows that MQTT's own rules answer with. The protocol
// declares them; MQTT takes them from its catalogue, which holds them all.
var errInvalidRegionId = gatewayRow("InvalidRegionId")

// gatewayRow finds a gateway row by name; a missing one is a programming
// error every test run catches.
func gatewayRow(name string) *apierr.Def {
	d, ok := catalogue.ByName(name)
	if !ok {
		panic("mqtt catalogue: no gateway row " + name)
	}
	return d
}

// Catalogue is the MQTT catalogue. The rows are unexported values reached
// through it, so no caller outside the package can change one.
func Catalogue() *apierr.Catalogue { return catalogue }
