package tdmq

import (
	"crypto/rand"
	"encoding/base64"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// Roles of a cluster and their authorisation on namespaces ("environment
// roles"). Every role action lists InvalidParameterValue.InvalidParams for
// a bad value and MissingParameter.NeedMoreParams for a parameter that is
// present but empty (an absent required one is the common MissingParameter,
// answered before the action runs).

// permTypes4 are the PermType values (default Cluster).
var permTypes4 = []string{"Cluster", "TopicAndGroup"}

// permissions4 are the values of an environment role's Permissions.
var permissions4 = []string{"produce", "consume"}

func invalidParams4(detail string) error {
	return ErrInvalidParameterValueInvalidParams.New().WithDetail(" (" + detail + ")")
}

func needMore4(param string) error {
	return ErrMissingParameterNeedMoreParams.New().WithDetail(" (" + param + ")")
}

// checkRoleName applies the documented rule: 1–32 characters, letters,
// digits, "-" and "_".
func (g *gen4) checkRoleName(name string) error {
	if name == "" {
		return needMore4("RoleName")
	}
	if utf8.RuneCountInString(name) > g.limits.RoleNameMax || !resourceName4.MatchString(name) {
		return invalidParams4("RoleName must be 1-" + itoa4(g.limits.RoleNameMax) + " letters, digits, \"-\" or \"_\"")
	}
	return nil
}

func (g *gen4) checkRoleCommon(clusterID string, remark, permType *string) error {
	if clusterID == "" {
		return needMore4("ClusterId")
	}
	if remark != nil && utf8.RuneCountInString(*remark) > g.limits.RemarkMax {
		return invalidParams4("Remark longer than " + itoa4(g.limits.RemarkMax) + " characters")
	}
	if permType != nil && !inList4(*permType, permTypes4) {
		return invalidParams4("PermType must be Cluster or TopicAndGroup")
	}
	return nil
}

// roleCluster finds the cluster of a role action.
func (g *gen4) roleCluster(call *pipeline.Call, id string) (*cluster4, error) {
	return g.clusterOf(owner4(call), id, miss4{cluster: ErrResourceNotFoundCluster})
}

// newToken makes a role token shaped like Tencent's (a base64 JSON web
// token payload).
func newToken4() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	return "eyJrZXlJZCI6" + base64.RawURLEncoding.EncodeToString(b)
}

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

// createRocketMQRole: RoleGenerateMode AUTO (default) generates the token;
// MANUAL takes AccessKey and SecretKey, and the SecretKey is the token.
func (g *gen4) createRocketMQRole(call *pipeline.Call) (any, error) {
	var req createRocketMQRoleRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.checkRoleName(req.RoleName); err != nil {
		return nil, err
	}
	if err := g.checkRoleCommon(req.ClusterId, req.Remark, req.PermType); err != nil {
		return nil, err
	}
	manual := false
	if m := req.RoleGenerateMode; m != nil && *m != "" {
		switch *m {
		case "AUTO":
		case "MANUAL":
			manual = true
		default:
			return nil, invalidParams4("RoleGenerateMode must be AUTO or MANUAL")
		}
	}
	if manual && str4(req.AccessKey) == "" {
		return nil, needMore4("AccessKey")
	}
	if manual && str4(req.SecretKey) == "" {
		return nil, needMore4("SecretKey")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	if _, dup := c.Roles[req.RoleName]; dup {
		return nil, ErrResourceInUseRole.New()
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	now := g.now()
	r := &role4{Name: req.RoleName, Remark: str4(req.Remark), PermType: "Cluster", Created: now, Updated: now, Seq: g.next()}
	if req.PermType != nil {
		r.PermType = *req.PermType
	}
	if manual {
		r.AccessKey, r.SecretKey, r.Token = *req.AccessKey, *req.SecretKey, *req.SecretKey
	} else {
		r.Token = newToken4()
	}
	c.Roles[r.Name] = r
	return createRocketMQRoleResponse{RoleName: r.Name, Token: r.Token, Remark: r.Remark}, nil
}

// rolePage validates the role lists' Offset and Limit (default 10, at most 20).
func (g *gen4) rolePage(offset, limit *int64) (uint64, uint64, error) {
	var o, l int64 = 0, g.limits.RoleListDefault
	if offset != nil {
		o = *offset
	}
	if limit != nil && *limit != 0 {
		l = *limit
	}
	if o < 0 || l < 0 || l > g.limits.RoleListMax {
		return 0, 0, invalidParams4("Offset must be ≥ 0 and Limit 1-" + itoa4(int(g.limits.RoleListMax)))
	}
	return uint64(o), uint64(l), nil
}

// roleNameFilter reads Filters: only RoleName (exact) is documented.
func roleNameFilter4(filters []*filter) ([]string, bool, error) {
	var names []string
	set := false
	for _, f := range filters {
		if f == nil || f.Name == nil || *f.Name != "RoleName" {
			return nil, false, invalidParams4("Filters accept only RoleName")
		}
		names = append(names, filterValues4(f)...)
		set = true
	}
	return names, set, nil
}

type describeRocketMQRolesRequest struct {
	Offset    *int64    `json:"Offset" mq:"required"`
	Limit     *int64    `json:"Limit" mq:"required"`
	ClusterId string    `json:"ClusterId" mq:"required"`
	RoleName  *string   `json:"RoleName"`
	Filters   []*filter `json:"Filters"`
}

type describeRocketMQRolesResponse struct {
	TotalCount int64      `json:"TotalCount"`
	RoleSets   []role4Out `json:"RoleSets"`
}

func (g *gen4) describeRocketMQRoles(call *pipeline.Call) (any, error) {
	var req describeRocketMQRolesRequest
	if err := bind(call, &req); err != nil {
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
	var match []*role4
	for _, r := range sorted4(c.Roles, func(r *role4) uint64 { return r.Seq }) {
		if contains4(r.Name, req.RoleName) && (!exactSet || inList4(r.Name, exact)) {
			match = append(match, r)
		}
	}
	out := describeRocketMQRolesResponse{TotalCount: int64(len(match)), RoleSets: []role4Out{}}
	for _, r := range page4(match, offset, limit) {
		out.RoleSets = append(out.RoleSets, role4Out{
			RoleName: r.Name, Token: r.Token, Remark: r.Remark, CreateTime: stamp4(r.Created), UpdateTime: stamp4(r.Updated),
			PermType: r.PermType, TokenType: "Permanent",
		})
	}
	return out, nil
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

func (g *gen4) modifyRocketMQRole(call *pipeline.Call) (any, error) {
	var req modifyRocketMQRoleRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.checkRoleName(req.RoleName); err != nil {
		return nil, err
	}
	if err := g.checkRoleCommon(req.ClusterId, req.Remark, req.PermType); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	r, ok := c.Roles[req.RoleName]
	if !ok {
		return nil, ErrResourceNotFoundRole.New()
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	if req.Remark != nil {
		r.Remark = *req.Remark
	}
	if req.PermType != nil {
		r.PermType = *req.PermType
	}
	r.Updated = g.now()
	return modifyRocketMQRoleResponse{RoleName: r.Name, Remark: r.Remark}, nil
}

type deleteRocketMQRolesRequest struct {
	RoleNames []string `json:"RoleNames" mq:"required"`
	ClusterId string   `json:"ClusterId" mq:"required"`
}

type deleteRocketMQRolesResponse struct {
	RoleNames []string `json:"RoleNames"`
}

// deleteRocketMQRoles deletes all the named roles or none: an unknown one is
// ResourceNotFound.Role, one still bound to a namespace
// ResourceInUse.EnvironmentRole.
func (g *gen4) deleteRocketMQRoles(call *pipeline.Call) (any, error) {
	var req deleteRocketMQRolesRequest
	if err := bind(call, &req); err != nil {
		return nil, err
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
	bound := c.boundRoles()
	for _, name := range req.RoleNames {
		if _, ok := c.Roles[name]; !ok {
			return nil, ErrResourceNotFoundRole.New().WithDetail(" (" + name + ")")
		}
		if ns, ok := bound[name]; ok {
			return nil, ErrResourceInUseEnvironmentRole.New().WithDetail(" (" + name + " is authorised on namespace " + ns + ")")
		}
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	deleted := []string{}
	for _, name := range req.RoleNames {
		if _, ok := c.Roles[name]; ok {
			delete(c.Roles, name)
			deleted = append(deleted, name)
		}
	}
	return deleteRocketMQRolesResponse{RoleNames: deleted}, nil
}

// checkPermissions: a non-empty array of at most 2 of produce/consume.
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

// bindingTarget validates an environment-role request and finds its
// namespace and role; the caller holds g.mu.
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
	if err := bind(call, &req); err != nil {
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
	if err := bind(call, &req); err != nil {
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
	if err := bind(call, &req); err != nil {
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
	if err := bind(call, &req); err != nil {
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
