package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Environment roles: a role authorised on a namespace (store_envrole.go).

type environmentRoleRequest struct {
	EnvironmentId string            `json:"EnvironmentId" mq:"required"`
	RoleName      string            `json:"RoleName" mq:"required"`
	Permissions   []string          `json:"Permissions" mq:"required"`
	ClusterId     string            `json:"ClusterId" mq:"required"`
	DetailedPerms []*detailedPermIn `json:"DetailedPerms"`
}

func (req *environmentRoleRequest) spec() bindingSpec {
	return bindingSpec{
		environmentID: req.EnvironmentId, role: req.RoleName, cluster: req.ClusterId,
		permissions: req.Permissions, detailedPerms: req.DetailedPerms,
	}
}

func (g *Product) createRocketMQEnvironmentRole(o op, call *pipeline.Call) (any, error) {
	var req environmentRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.createEnvironmentRole(o, req.spec()); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (g *Product) modifyRocketMQEnvironmentRole(o op, call *pipeline.Call) (any, error) {
	var req environmentRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.modifyEnvironmentRole(o, req.spec()); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQEnvironmentRolesRequest struct {
	ClusterId     string    `json:"ClusterId" mq:"required"`
	EnvironmentId *string   `json:"EnvironmentId"`
	Offset        *int64    `json:"Offset"`
	Limit         *int64    `json:"Limit"`
	RoleName      *string   `json:"RoleName"`
	Filters       []*filter `json:"Filters"`
}

type describeRocketMQEnvironmentRolesResponse struct {
	TotalCount          int64             `json:"TotalCount"`
	EnvironmentRoleSets []environmentRole `json:"EnvironmentRoleSets"`
}

func (g *Product) describeRocketMQEnvironmentRoles(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQEnvironmentRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, sets, err := g.store.describeEnvironmentRoles(o, bindingQuery{
		cluster: req.ClusterId, environmentID: req.EnvironmentId, roleName: req.RoleName,
		offset: req.Offset, limit: req.Limit, filters: req.Filters,
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQEnvironmentRolesResponse{TotalCount: total, EnvironmentRoleSets: sets}, nil
}

type deleteRocketMQEnvironmentRolesRequest struct {
	EnvironmentId string   `json:"EnvironmentId" mq:"required"`
	RoleNames     []string `json:"RoleNames" mq:"required"`
	ClusterId     string   `json:"ClusterId" mq:"required"`
}

func (g *Product) deleteRocketMQEnvironmentRoles(o op, call *pipeline.Call) (any, error) {
	var req deleteRocketMQEnvironmentRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.deleteEnvironmentRoles(o, req.ClusterId, req.EnvironmentId, req.RoleNames); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
