package tdmq

import (
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x role actions (tdmq.md §5 "Roles"): a role is an AccessKey/SecretKey
// pair with cluster-wide or per-topic/group permissions.

var (
	permTypes5         = []string{"Cluster", "TopicAndGroup"}
	roleGenerateModes5 = []string{"AUTO", "MANUAL"}
	permResourceTypes5 = []string{"Topic", "Group"}
)

type createRole5Req struct {
	InstanceId       *string             `json:"InstanceId" mq:"required"`
	Role             *string             `json:"Role" mq:"required"`
	PermWrite        *bool               `json:"PermWrite" mq:"required"`
	PermRead         *bool               `json:"PermRead" mq:"required"`
	Remark           *string             `json:"Remark" mq:"required"`
	PermType         *string             `json:"PermType"`
	DetailedPerms    []detailedRolePerm5 `json:"DetailedPerms"`
	RoleGenerateMode *string             `json:"RoleGenerateMode"`
	AccessKey        *string             `json:"AccessKey"`
	SecretKey        *string             `json:"SecretKey"`
}

type createRole5Resp struct {
	Role string `json:"Role"`
}

// checkPerms5 validates PermType and DetailedPerms against the instance's
// topics and groups (an unknown resource is ResourceNotFound.Topic/.Group).
func checkPerms5(in *instance5, permType *string, perms []detailedRolePerm5) error {
	pt := "Cluster"
	if permType != nil {
		pt = *permType
	}
	if !oneOf5(pt, permTypes5...) {
		return invalid5("PermType", "one of "+strings.Join(permTypes5, ", "))
	}
	if pt == "TopicAndGroup" && len(perms) == 0 {
		return ErrMissingParameter.New().WithDetail(" (DetailedPerms is required when PermType is TopicAndGroup)")
	}
	for _, p := range perms {
		if !oneOf5(p.ResourceType, permResourceTypes5...) {
			return invalid5("DetailedPerms.ResourceType", "Topic or Group")
		}
		if p.ResourceType == "Topic" {
			if _, err := in.topic(p.Resource); err != nil {
				return err
			}
		} else if _, err := in.group(p.Resource); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen5) createRole(op *op5, call *pipeline.Call) (any, error) {
	var req createRole5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	name := *req.Role
	if !roleName5.MatchString(name) {
		return nil, invalid5("Role", "1-32 characters of letters, digits, _ and -")
	}
	if err := checkRemark5("Remark", req.Remark); err != nil {
		return nil, err
	}
	mode := "AUTO"
	if req.RoleGenerateMode != nil {
		mode = *req.RoleGenerateMode
	}
	if !oneOf5(mode, roleGenerateModes5...) {
		return nil, invalid5("RoleGenerateMode", "AUTO or MANUAL")
	}
	ak, sk := "ak"+newID5("", 29), newID5("", 32)
	if mode == "MANUAL" {
		if str5(req.AccessKey) == "" || str5(req.SecretKey) == "" {
			return nil, ErrMissingParameter.New().WithDetail(" (AccessKey and SecretKey are required in MANUAL mode)")
		}
		ak, sk = *req.AccessKey, *req.SecretKey
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if err := in.ready(op.now); err != nil {
		return nil, err
	}
	if _, dup := in.roles[name]; dup {
		return nil, ErrUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (role " + name + ")")
	}
	// A MANUAL AccessKey another role already holds: ResourceInUse (the SDK
	// lists it on CreateRole beside the duplicate-name code).
	for _, r := range in.roles {
		if r.accessKey == ak {
			return nil, ErrResourceInUse.New().WithDetail(" (AccessKey is used by role " + r.name + ")")
		}
	}
	if int64(len(in.roles)) >= in.sku.RoleNumLimit {
		return nil, ErrLimitExceeded.New().WithDetail(" (roles)")
	}
	if err := checkPerms5(in, req.PermType, req.DetailedPerms); err != nil {
		return nil, err
	}
	if op.dry {
		return nil, nil
	}
	in.roles[name] = &role5{
		seq: in.next(), name: name, permRead: *req.PermRead, permWrite: *req.PermWrite, accessKey: ak, secretKey: sk,
		remark: *req.Remark, permType: derefStr5(req.PermType, "Cluster"), perms: req.DetailedPerms, created: op.now, modified: op.now,
	}
	return createRole5Resp{Role: name}, nil
}

type describeRoleList5Req struct {
	InstanceId *string   `json:"InstanceId" mq:"required"`
	Offset     *int64    `json:"Offset"`
	Limit      *int64    `json:"Limit"`
	Filters    []*filter `json:"Filters"`
}

type describeRoleList5Resp struct {
	TotalCount int64       `json:"TotalCount"`
	Data       []roleItem5 `json:"Data"`
}

func (g *gen5) describeRoleList(op *op5, call *pipeline.Call) (any, error) {
	var req describeRoleList5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "RoleName", "AccessKey")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	var all []*role5
	for _, r := range in.roles {
		if fs.fuzzy("RoleName", r.name) && fs.fuzzy("AccessKey", r.accessKey) {
			all = append(all, r)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].seq < all[j].seq })
	from, to, err := page5(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeRoleList5Resp{TotalCount: int64(len(all)), Data: []roleItem5{}}
	for _, r := range all[from:to] {
		resp.Data = append(resp.Data, roleItem5{RoleName: r.name, PermRead: r.permRead, PermWrite: r.permWrite,
			AccessKey: r.accessKey, SecretKey: r.secretKey, Remark: r.remark, CreatedTime: ms5(r.created),
			ModifiedTime: ms5(r.modified), PermType: r.permType, DetailedRolePerms: nonNil5(r.perms)})
	}
	return resp, nil
}

type modifyRole5Req struct {
	InstanceId    *string             `json:"InstanceId" mq:"required"`
	Role          *string             `json:"Role" mq:"required"`
	PermRead      *bool               `json:"PermRead" mq:"required"`
	PermWrite     *bool               `json:"PermWrite" mq:"required"`
	PermType      *string             `json:"PermType"`
	Remark        *string             `json:"Remark"`
	DetailedPerms []detailedRolePerm5 `json:"DetailedPerms"`
}

func (g *gen5) modifyRole(op *op5, call *pipeline.Call) (any, error) {
	var req modifyRole5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := checkRemark5("Remark", req.Remark); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	r, err := in.role(*req.Role)
	if err != nil {
		return nil, err
	}
	permType := req.PermType
	if permType == nil {
		permType = &r.permType
	}
	perms := req.DetailedPerms
	if perms == nil && req.PermType == nil {
		perms = r.perms
	}
	if err := checkPerms5(in, permType, perms); err != nil {
		return nil, err
	}
	if op.dry {
		return nil, nil
	}
	r.permRead, r.permWrite, r.permType, r.perms, r.modified = *req.PermRead, *req.PermWrite, *permType, perms, op.now
	if req.Remark != nil {
		r.remark = *req.Remark
	}
	return struct{}{}, nil
}

type roleRef5Req struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
	Role       *string `json:"Role" mq:"required"`
}

func (g *gen5) deleteRole(op *op5, call *pipeline.Call) (any, error) {
	var req roleRef5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	r, err := in.role(*req.Role)
	if err != nil {
		return nil, err
	}
	if op.dry {
		return nil, nil
	}
	delete(in.roles, r.name)
	return struct{}{}, nil
}

func derefStr5(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}
