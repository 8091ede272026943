package trocket

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x role actions (tdmq.md §5 "Roles").

type createRoleReq struct {
	InstanceId       *string            `json:"InstanceId" mq:"required"`
	Role             *string            `json:"Role" mq:"required"`
	PermWrite        *bool              `json:"PermWrite" mq:"required"`
	PermRead         *bool              `json:"PermRead" mq:"required"`
	Remark           *string            `json:"Remark" mq:"required"`
	PermType         *string            `json:"PermType"`
	DetailedPerms    []detailedRolePerm `json:"DetailedPerms"`
	RoleGenerateMode *string            `json:"RoleGenerateMode"`
	AccessKey        *string            `json:"AccessKey"`
	SecretKey        *string            `json:"SecretKey"`
}

type createRoleResp struct {
	Role string `json:"Role"`
}

func (g *Product) createRole(o op, call *pipeline.Call) (any, error) {
	var req createRoleReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.createRole(o, roleSpec{
		instanceID: *req.InstanceId, name: *req.Role, permRead: *req.PermRead, permWrite: *req.PermWrite, remark: *req.Remark,
		permType: req.PermType, perms: req.DetailedPerms, generateMode: req.RoleGenerateMode, accessKey: req.AccessKey,
		secretKey: req.SecretKey,
	})
	if err != nil || o.dry {
		return nil, err
	}
	return createRoleResp{Role: *req.Role}, nil
}

type describeRoleListReq struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Offset     *int64    `json:"Offset"`
	Limit      *int64    `json:"Limit"`
	Filters    []*filter `json:"Filters"`
}

type describeRoleListResp struct {
	TotalCount int64      `json:"TotalCount"`
	Data       []roleItem `json:"Data"`
}

func (g *Product) describeRoleList(o op, call *pipeline.Call) (any, error) {
	var req describeRoleListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	q := listQuery{filters: req.Filters, offset: req.Offset, limit: req.Limit}
	total, items, err := g.store.describeRoleList(o, *req.InstanceId, q)
	if err != nil {
		return nil, err
	}
	return describeRoleListResp{TotalCount: total, Data: items}, nil
}

type modifyRoleReq struct {
	InstanceId    *string            `json:"InstanceId" mq:"required"`
	Role          *string            `json:"Role" mq:"required"`
	PermRead      *bool              `json:"PermRead" mq:"required"`
	PermWrite     *bool              `json:"PermWrite" mq:"required"`
	PermType      *string            `json:"PermType"`
	Remark        *string            `json:"Remark"`
	DetailedPerms []detailedRolePerm `json:"DetailedPerms"`
}

func (g *Product) modifyRole(o op, call *pipeline.Call) (any, error) {
	var req modifyRoleReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.modifyRole(o, *req.InstanceId, *req.Role, roleChange{
		permRead: *req.PermRead, permWrite: *req.PermWrite, permType: req.PermType, remark: req.Remark, perms: req.DetailedPerms,
	}))
}

type roleRefReq struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
	Role       *string `json:"Role" mq:"required"`
}

func (g *Product) deleteRole(o op, call *pipeline.Call) (any, error) {
	var req roleRefReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	return done(o, g.store.deleteRole(o, *req.InstanceId, *req.Role))
}
