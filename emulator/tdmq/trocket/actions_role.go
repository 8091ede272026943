package trocket

import (
	"sort"
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x role actions (tdmq.md §5 "Roles"): a role is an AccessKey/SecretKey
// pair with cluster-wide or per-topic/group permissions.

var (
	permTypes         = []string{"Cluster", "TopicAndGroup"}
	roleGenerateModes = []string{"AUTO", "MANUAL"}
	permResourceTypes = []string{"Topic", "Group"}
)

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

// checkPerms validates PermType and DetailedPerms against the instance's
// topics and groups (an unknown resource is ResourceNotFound.Topic/.Group).
func checkPerms(in *instance, permType *string, perms []detailedRolePerm) error {
	pt := "Cluster"
	if permType != nil {
		pt = *permType
	}
	if !oneOf(pt, permTypes...) {
		return invalid("PermType", "one of "+strings.Join(permTypes, ", "))
	}
	if pt == "TopicAndGroup" && len(perms) == 0 {
		return errMissingParameter.New().WithDetail(" (DetailedPerms is required when PermType is TopicAndGroup)")
	}
	for _, p := range perms {
		if !oneOf(p.ResourceType, permResourceTypes...) {
			return invalid("DetailedPerms.ResourceType", "Topic or Group")
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

func (g *Product) createRole(o op, call *pipeline.Call) (any, error) {
	var req createRoleReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	name := *req.Role
	if !roleName.MatchString(name) {
		return nil, invalid("Role", "1-32 characters of letters, digits, _ and -")
	}
	if err := checkRemark("Remark", req.Remark); err != nil {
		return nil, err
	}
	mode := "AUTO"
	if req.RoleGenerateMode != nil {
		mode = *req.RoleGenerateMode
	}
	if !oneOf(mode, roleGenerateModes...) {
		return nil, invalid("RoleGenerateMode", "AUTO or MANUAL")
	}
	ak, sk := "ak"+newID("", 29), newID("", 32)
	if mode == "MANUAL" {
		if str(req.AccessKey) == "" || str(req.SecretKey) == "" {
			return nil, errMissingParameter.New().WithDetail(" (AccessKey and SecretKey are required in MANUAL mode)")
		}
		ak, sk = *req.AccessKey, *req.SecretKey
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if err := in.ready(o.now); err != nil {
		return nil, err
	}
	if _, dup := in.roles[name]; dup {
		return nil, errUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (role " + name + ")")
	}
	// A MANUAL AccessKey another role already holds: ResourceInUse (the SDK
	// lists it on CreateRole beside the duplicate-name code).
	for _, r := range in.roles {
		if r.accessKey == ak {
			return nil, errResourceInUse.New().WithDetail(" (AccessKey is used by role " + r.name + ")")
		}
	}
	if int64(len(in.roles)) >= in.sku.RoleNumLimit {
		return nil, errLimitExceeded.New().WithDetail(" (roles)")
	}
	if err := checkPerms(in, req.PermType, req.DetailedPerms); err != nil {
		return nil, err
	}
	if o.dry {
		return nil, nil
	}
	in.roles[name] = &role{
		seq: in.next(), name: name, permRead: *req.PermRead, permWrite: *req.PermWrite, accessKey: ak, secretKey: sk,
		remark: *req.Remark, permType: derefStr(req.PermType, "Cluster"), perms: req.DetailedPerms, created: o.now, modified: o.now,
	}
	return createRoleResp{Role: name}, nil
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
	fs, err := filters(req.Filters, "RoleName", "AccessKey")
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	var all []*role
	for _, r := range in.roles {
		if fs.fuzzy("RoleName", r.name) && fs.fuzzy("AccessKey", r.accessKey) {
			all = append(all, r)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].seq < all[j].seq })
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeRoleListResp{TotalCount: int64(len(all)), Data: []roleItem{}}
	for _, r := range all[from:to] {
		resp.Data = append(resp.Data, roleItem{RoleName: r.name, PermRead: r.permRead, PermWrite: r.permWrite,
			AccessKey: r.accessKey, SecretKey: r.secretKey, Remark: r.remark, CreatedTime: ms(r.created),
			ModifiedTime: ms(r.modified), PermType: r.permType, DetailedRolePerms: nonNil(r.perms)})
	}
	return resp, nil
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
	if err := checkRemark("Remark", req.Remark); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
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
	if err := checkPerms(in, permType, perms); err != nil {
		return nil, err
	}
	if o.dry {
		return nil, nil
	}
	r.permRead, r.permWrite, r.permType, r.perms, r.modified = *req.PermRead, *req.PermWrite, *permType, perms, o.now
	if req.Remark != nil {
		r.remark = *req.Remark
	}
	return struct{}{}, nil
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
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	r, err := in.role(*req.Role)
	if err != nil {
		return nil, err
	}
	if o.dry {
		return nil, nil
	}
	delete(in.roles, r.name)
	return struct{}{}, nil
}

func derefStr(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}
