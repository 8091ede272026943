package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Environment roles: a role authorised on a namespace with produce and/or
// consume, optionally per topic or group (DetailedPerms).

// checkPermissions: a non-empty array of at most 2 of produce/consume.
func checkPermissions(perms []string) error {
	if len(perms) == 0 {
		return needMore("Permissions")
	}
	if len(perms) > 2 {
		return invalidParams("Permissions holds at most produce and consume")
	}
	seen := map[string]bool{}
	for _, p := range perms {
		if !inList(p, permissions) || seen[p] {
			return invalidParams("Permissions holds at most produce and consume, once each")
		}
		seen[p] = true
	}
	return nil
}

func detailedPerms(in []*detailedPermIn) ([]detailedPerm, error) {
	out := make([]detailedPerm, 0, len(in))
	for _, d := range in {
		if d == nil {
			continue
		}
		if d.ResourceType != "Topic" && d.ResourceType != "Group" {
			return nil, invalidParams("DetailedPerms.ResourceType must be Topic or Group")
		}
		if d.Resource == "" {
			return nil, needMore("DetailedPerms.Resource")
		}
		out = append(out, detailedPerm{Resource: d.Resource, PermWrite: d.PermWrite, PermRead: d.PermRead, ResourceType: d.ResourceType, Remark: str(d.Remark)})
	}
	return out, nil
}

type environmentRoleRequest struct {
	EnvironmentId string            `json:"EnvironmentId" mq:"required"`
	RoleName      string            `json:"RoleName" mq:"required"`
	Permissions   []string          `json:"Permissions" mq:"required"`
	ClusterId     string            `json:"ClusterId" mq:"required"`
	DetailedPerms []*detailedPermIn `json:"DetailedPerms"`
}

// bindingTarget finds the namespace and role an environment-role request
// names, answering the codes those actions list; the caller holds g.store.mu.
func (g *Product) bindingTarget(call *pipeline.Call, envID, role, clusterID string) (*namespace, error) {
	c, err := g.roleCluster(call, clusterID)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[envID]
	if !ok {
		return nil, errResourceNotFoundEnvironment.New()
	}
	if _, ok := c.Roles[role]; !ok {
		return nil, errResourceNotFoundRole.New()
	}
	return n, nil
}

func (g *Product) checkBinding(req *environmentRoleRequest) ([]detailedPerm, error) {
	if req.EnvironmentId == "" {
		return nil, needMore("EnvironmentId")
	}
	if err := g.checkRoleName(req.RoleName); err != nil {
		return nil, err
	}
	if err := g.checkRoleCommon(req.ClusterId, nil, nil); err != nil {
		return nil, err
	}
	if err := checkPermissions(req.Permissions); err != nil {
		return nil, err
	}
	return detailedPerms(req.DetailedPerms)
}

func (g *Product) createRocketMQEnvironmentRole(o op, call *pipeline.Call) (any, error) {
	var req environmentRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	perms, err := g.checkBinding(&req)
	if err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	n, err := g.bindingTarget(call, req.EnvironmentId, req.RoleName, req.ClusterId)
	if err != nil {
		return nil, err
	}
	if _, dup := n.Bindings[req.RoleName]; dup {
		return nil, errResourceInUseEnvironmentRole.New()
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	now := g.now()
	n.Bindings[req.RoleName] = &binding{Role: req.RoleName, Permissions: append([]string{}, req.Permissions...), DetailedPerms: perms, Created: now, Updated: now, Seq: g.store.next()}
	return struct{}{}, nil
}

func (g *Product) modifyRocketMQEnvironmentRole(o op, call *pipeline.Call) (any, error) {
	var req environmentRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	perms, err := g.checkBinding(&req)
	if err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[req.EnvironmentId]
	if !ok {
		return nil, errResourceNotFoundEnvironmentRole.New()
	}
	b, ok := n.Bindings[req.RoleName]
	if !ok {
		return nil, errResourceNotFoundEnvironmentRole.New()
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	b.Permissions = append([]string{}, req.Permissions...)
	if req.DetailedPerms != nil {
		b.DetailedPerms = perms
	}
	b.Updated = g.now()
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
	if err := g.checkRoleCommon(req.ClusterId, nil, nil); err != nil {
		return nil, err
	}
	offset, limit, err := g.rolePage(req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	exact, exactSet, err := roleNameFilter(req.Filters)
	if err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	nss := sorted(c.Namespaces, func(n *namespace) uint64 { return n.Seq })
	if e := req.EnvironmentId; e != nil && *e != "" {
		n, ok := c.Namespaces[*e]
		if !ok {
			return nil, errResourceNotFoundEnvironment.New()
		}
		nss = []*namespace{n}
	}
	if r := req.RoleName; r != nil && *r != "" {
		if _, ok := c.Roles[*r]; !ok {
			return nil, errResourceNotFoundRole.New()
		}
	}
	var match []environmentRole
	for _, n := range nss {
		for _, b := range sorted(n.Bindings, func(b *binding) uint64 { return b.Seq }) {
			if req.RoleName != nil && *req.RoleName != "" && b.Role != *req.RoleName || exactSet && !inList(b.Role, exact) {
				continue
			}
			var describe string
			if r, ok := c.Roles[b.Role]; ok {
				describe = r.Remark
			}
			match = append(match, environmentRole{
				EnvironmentId: n.ID, RoleName: b.Role, Permissions: append([]string{}, b.Permissions...),
				RoleDescribe: describe, CreateTime: stamp(b.Created), UpdateTime: stamp(b.Updated),
			})
		}
	}
	out := describeRocketMQEnvironmentRolesResponse{TotalCount: int64(len(match)), EnvironmentRoleSets: []environmentRole{}}
	out.EnvironmentRoleSets = append(out.EnvironmentRoleSets, page(match, offset, limit)...)
	return out, nil
}

type deleteRocketMQEnvironmentRolesRequest struct {
	EnvironmentId string   `json:"EnvironmentId" mq:"required"`
	RoleNames     []string `json:"RoleNames" mq:"required"`
	ClusterId     string   `json:"ClusterId" mq:"required"`
}

// deleteRocketMQEnvironmentRoles removes all the named bindings or none.
func (g *Product) deleteRocketMQEnvironmentRoles(o op, call *pipeline.Call) (any, error) {
	var req deleteRocketMQEnvironmentRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.EnvironmentId == "" {
		return nil, needMore("EnvironmentId")
	}
	if len(req.RoleNames) == 0 {
		return nil, needMore("RoleNames")
	}
	if err := g.checkRoleCommon(req.ClusterId, nil, nil); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[req.EnvironmentId]
	if !ok {
		return nil, errResourceNotFoundEnvironmentRole.New()
	}
	for _, r := range req.RoleNames {
		if _, ok := n.Bindings[r]; !ok {
			return nil, errResourceNotFoundEnvironmentRole.New().WithDetail(" (" + r + ")")
		}
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	for _, r := range req.RoleNames {
		delete(n.Bindings, r)
	}
	return struct{}{}, nil
}
