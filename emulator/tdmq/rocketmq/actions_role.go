package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Roles of a cluster (store_role.go).

type createRocketMQRoleRequest struct {
	RoleName         string  `json:"RoleName" mq:"required"`
	ClusterId        string  `json:"ClusterId" mq:"required"`
	Remark           *string `json:"Remark"`
	PermType         *string `json:"PermType"`
	RoleGenerateMode *string `json:"RoleGenerateMode"`
	AccessKey        *string `json:"AccessKey"`
	SecretKey        *string `json:"SecretKey"`
}

type createRocketMQRoleResponse struct {
	RoleName string `json:"RoleName"`
	Token    string `json:"Token"`
	Remark   string `json:"Remark"`
}

func (g *Product) createRocketMQRole(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	r, err := g.store.createRole(o, roleSpec{
		cluster: req.ClusterId, name: req.RoleName, remark: req.Remark, permType: req.PermType,
		generateMode: req.RoleGenerateMode, accessKey: req.AccessKey, secretKey: req.SecretKey,
	})
	if err != nil {
		return nil, err
	}
	return createRocketMQRoleResponse{RoleName: r.Name, Token: r.Token, Remark: r.Remark}, nil
}

type describeRocketMQRolesRequest struct {
	Offset    *int64    `json:"Offset" mq:"required"`
	Limit     *int64    `json:"Limit" mq:"required"`
	ClusterId string    `json:"ClusterId" mq:"required"`
	RoleName  *string   `json:"RoleName"`
	Filters   []*filter `json:"Filters"`
}

type describeRocketMQRolesResponse struct {
	TotalCount int64     `json:"TotalCount"`
	RoleSets   []roleOut `json:"RoleSets"`
}

func (g *Product) describeRocketMQRoles(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, roles, err := g.store.describeRoles(o, roleQuery{
		cluster: req.ClusterId, offset: req.Offset, limit: req.Limit, name: req.RoleName, filters: req.Filters,
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQRolesResponse{TotalCount: total, RoleSets: roles}, nil
}

type modifyRocketMQRoleRequest struct {
	RoleName  string  `json:"RoleName" mq:"required"`
	ClusterId string  `json:"ClusterId" mq:"required"`
	Remark    *string `json:"Remark"`
	PermType  *string `json:"PermType"`
}

type modifyRocketMQRoleResponse struct {
	RoleName string `json:"RoleName"`
	Remark   string `json:"Remark"`
}

func (g *Product) modifyRocketMQRole(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	r, err := g.store.modifyRole(o, req.ClusterId, req.RoleName, req.Remark, req.PermType)
	if err != nil {
		return nil, err
	}
	return modifyRocketMQRoleResponse{RoleName: r.Name, Remark: r.Remark}, nil
}

type deleteRocketMQRolesRequest struct {
	RoleNames []string `json:"RoleNames" mq:"required"`
	ClusterId string   `json:"ClusterId" mq:"required"`
}

type deleteRocketMQRolesResponse struct {
	RoleNames []string `json:"RoleNames"`
}

func (g *Product) deleteRocketMQRoles(o op, call *pipeline.Call) (any, error) {
	var req deleteRocketMQRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	deleted, err := g.store.deleteRoles(o, req.ClusterId, req.RoleNames)
	if err != nil {
		return nil, err
	}
	return deleteRocketMQRolesResponse{RoleNames: deleted}, nil
}
