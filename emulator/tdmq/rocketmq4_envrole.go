package tdmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Environment roles: a role authorised on a namespace with produce and/or
// consume, optionally per topic or group (DetailedPerms).

// checkPermissions4: a non-empty array of at most 2 of produce/consume.
func checkPermissions4(perms []string) error {
	if len(perms) == 0 {
		return needMore4("Permissions")
	}
	if len(perms) > 2 {
		return invalidParams4("Permissions holds at most produce and consume")
	}
	seen := map[string]bool{}
	for _, p := range perms {
		if !inList4(p, permissions4) || seen[p] {
			return invalidParams4("Permissions holds at most produce and consume, once each")
		}
		seen[p] = true
	}
	return nil
}

func detailedPerms4(in []*detailedPermIn4) ([]detailedPerm4, error) {
	out := make([]detailedPerm4, 0, len(in))
	for _, d := range in {
		if d == nil {
			continue
		}
		if d.ResourceType != "Topic" && d.ResourceType != "Group" {
			return nil, invalidParams4("DetailedPerms.ResourceType must be Topic or Group")
		}
		if d.Resource == "" {
			return nil, needMore4("DetailedPerms.Resource")
		}
		out = append(out, detailedPerm4{Resource: d.Resource, PermWrite: d.PermWrite, PermRead: d.PermRead, ResourceType: d.ResourceType, Remark: str4(d.Remark)})
	}
	return out, nil
}

type environmentRoleRequest4 struct {
	EnvironmentId string             `json:"EnvironmentId" mq:"required"`
	RoleName      string             `json:"RoleName" mq:"required"`
	Permissions   []string           `json:"Permissions" mq:"required"`
	ClusterId     string             `json:"ClusterId" mq:"required"`
	DetailedPerms []*detailedPermIn4 `json:"DetailedPerms"`
}

// bindingTarget finds the namespace and role an environment-role request
// names, answering the codes those actions list; the caller holds g.mu.
func (g *gen4) bindingTarget(call *pipeline.Call, envID, role, clusterID string) (*namespace4, error) {
	c, err := g.roleCluster(call, clusterID)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[envID]
	if !ok {
		return nil, ErrResourceNotFoundEnvironment.New()
	}
	if _, ok := c.Roles[role]; !ok {
		return nil, ErrResourceNotFoundRole.New()
	}
	return n, nil
}

func (g *gen4) checkBinding(req *environmentRoleRequest4) ([]detailedPerm4, error) {
	if req.EnvironmentId == "" {
		return nil, needMore4("EnvironmentId")
	}
	if err := g.checkRoleName(req.RoleName); err != nil {
		return nil, err
	}
	if err := g.checkRoleCommon(req.ClusterId, nil, nil); err != nil {
		return nil, err
	}
	if err := checkPermissions4(req.Permissions); err != nil {
		return nil, err
	}
	return detailedPerms4(req.DetailedPerms)
}

func (g *gen4) createRocketMQEnvironmentRole(call *pipeline.Call) (any, error) {
	var req environmentRoleRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	perms, err := g.checkBinding(&req)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	n, err := g.bindingTarget(call, req.EnvironmentId, req.RoleName, req.ClusterId)
	if err != nil {
		return nil, err
	}
	if _, dup := n.Bindings[req.RoleName]; dup {
		return nil, ErrResourceInUseEnvironmentRole.New()
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	now := g.now()
	n.Bindings[req.RoleName] = &binding4{Role: req.RoleName, Permissions: append([]string{}, req.Permissions...), DetailedPerms: perms, Created: now, Updated: now, Seq: g.next()}
	return struct{}{}, nil
}

func (g *gen4) modifyRocketMQEnvironmentRole(call *pipeline.Call) (any, error) {
	var req environmentRoleRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	perms, err := g.checkBinding(&req)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[req.EnvironmentId]
	if !ok {
		return nil, ErrResourceNotFoundEnvironmentRole.New()
	}
	b, ok := n.Bindings[req.RoleName]
	if !ok {
		return nil, ErrResourceNotFoundEnvironmentRole.New()
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
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
	TotalCount          int64              `json:"TotalCount"`
	EnvironmentRoleSets []environmentRole4 `json:"EnvironmentRoleSets"`
}

func (g *gen4) describeRocketMQEnvironmentRoles(call *pipeline.Call) (any, error) {
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
	exact, exactSet, err := roleNameFilter4(req.Filters)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	nss := sorted4(c.Namespaces, func(n *namespace4) uint64 { return n.Seq })
	if e := req.EnvironmentId; e != nil && *e != "" {
		n, ok := c.Namespaces[*e]
		if !ok {
			return nil, ErrResourceNotFoundEnvironment.New()
		}
		nss = []*namespace4{n}
	}
	if r := req.RoleName; r != nil && *r != "" {
		if _, ok := c.Roles[*r]; !ok {
			return nil, ErrResourceNotFoundRole.New()
		}
	}
	var match []environmentRole4
	for _, n := range nss {
		for _, b := range sorted4(n.Bindings, func(b *binding4) uint64 { return b.Seq }) {
			if req.RoleName != nil && *req.RoleName != "" && b.Role != *req.RoleName || exactSet && !inList4(b.Role, exact) {
				continue
			}
			var describe string
			if r, ok := c.Roles[b.Role]; ok {
				describe = r.Remark
			}
			match = append(match, environmentRole4{
				EnvironmentId: n.ID, RoleName: b.Role, Permissions: append([]string{}, b.Permissions...),
				RoleDescribe: describe, CreateTime: stamp4(b.Created), UpdateTime: stamp4(b.Updated),
			})
		}
	}
	out := describeRocketMQEnvironmentRolesResponse{TotalCount: int64(len(match)), EnvironmentRoleSets: []environmentRole4{}}
	out.EnvironmentRoleSets = append(out.EnvironmentRoleSets, page4(match, offset, limit)...)
	return out, nil
}

type deleteRocketMQEnvironmentRolesRequest struct {
	EnvironmentId string   `json:"EnvironmentId" mq:"required"`
	RoleNames     []string `json:"RoleNames" mq:"required"`
	ClusterId     string   `json:"ClusterId" mq:"required"`
}

// deleteRocketMQEnvironmentRoles removes all the named bindings or none.
func (g *gen4) deleteRocketMQEnvironmentRoles(call *pipeline.Call) (any, error) {
	var req deleteRocketMQEnvironmentRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.EnvironmentId == "" {
		return nil, needMore4("EnvironmentId")
	}
	if len(req.RoleNames) == 0 {
		return nil, needMore4("RoleNames")
	}
	if err := g.checkRoleCommon(req.ClusterId, nil, nil); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[req.EnvironmentId]
	if !ok {
		return nil, ErrResourceNotFoundEnvironmentRole.New()
	}
	for _, r := range req.RoleNames {
		if _, ok := n.Bindings[r]; !ok {
			return nil, ErrResourceNotFoundEnvironmentRole.New().WithDetail(" (" + r + ")")
		}
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	for _, r := range req.RoleNames {
		delete(n.Bindings, r)
	}
	return struct{}{}, nil
}
