package rocketmq

import (
	"crypto/rand"
	"encoding/base64"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Roles of a cluster and their authorisation on namespaces ("environment
// roles"). Every role action lists InvalidParameterValue.InvalidParams for
// a bad value and MissingParameter.NeedMoreParams for a parameter that is
// present but empty (an absent required one is the common MissingParameter,
// answered before the action runs).

// permTypes are the PermType values (default Cluster).
var permTypes = []string{"Cluster", "TopicAndGroup"}

// permissions are the values of an environment role's Permissions.
var permissions = []string{"produce", "consume"}

func invalidParams(detail string) error {
	return errInvalidParameterValueInvalidParams.New().WithDetail(" (" + detail + ")")
}

func needMore(param string) error {
	return errMissingParameterNeedMoreParams.New().WithDetail(" (" + param + ")")
}

// checkRoleName applies the documented rule: 1–32 characters, letters,
// digits, "-" and "_".
func (g *Product) checkRoleName(name string) error {
	if name == "" {
		return needMore("RoleName")
	}
	if utf8.RuneCountInString(name) > g.store.limits.RoleNameMax || !resourceName.MatchString(name) {
		return invalidParams("RoleName must be 1-" + itoa(g.store.limits.RoleNameMax) + " letters, digits, \"-\" or \"_\"")
	}
	return nil
}

func (g *Product) checkRoleCommon(clusterID string, remark, permType *string) error {
	if clusterID == "" {
		return needMore("ClusterId")
	}
	if remark != nil && utf8.RuneCountInString(*remark) > g.store.limits.RemarkMax {
		return invalidParams("Remark longer than " + itoa(g.store.limits.RemarkMax) + " characters")
	}
	if permType != nil && !inList(*permType, permTypes) {
		return invalidParams("PermType must be Cluster or TopicAndGroup")
	}
	return nil
}

// roleCluster finds the cluster of a role action.
func (g *Product) roleCluster(call *pipeline.Call, id string) (*cluster, error) {
	return g.store.clusterOf(accountOf(call), id, miss{cluster: errResourceNotFoundCluster})
}

// newToken makes a role token shaped like Tencent's (a base64 JSON web
// token payload).
func newToken() string {
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
func (g *Product) createRocketMQRole(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
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
			return nil, invalidParams("RoleGenerateMode must be AUTO or MANUAL")
		}
	}
	if manual && str(req.AccessKey) == "" {
		return nil, needMore("AccessKey")
	}
	if manual && str(req.SecretKey) == "" {
		return nil, needMore("SecretKey")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	if _, dup := c.Roles[req.RoleName]; dup {
		return nil, errResourceInUseRole.New()
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	now := g.now()
	r := &role{Name: req.RoleName, Remark: str(req.Remark), PermType: "Cluster", Created: now, Updated: now, Seq: g.store.next()}
	if req.PermType != nil {
		r.PermType = *req.PermType
	}
	if manual {
		r.AccessKey, r.SecretKey, r.Token = *req.AccessKey, *req.SecretKey, *req.SecretKey
	} else {
		r.Token = newToken()
	}
	c.Roles[r.Name] = r
	return createRocketMQRoleResponse{RoleName: r.Name, Token: r.Token, Remark: r.Remark}, nil
}

// rolePage validates the role lists' Offset and Limit (default 10, at most 20).
func (g *Product) rolePage(offset, limit *int64) (uint64, uint64, error) {
	var o, l int64 = 0, g.store.limits.RoleListDefault
	if offset != nil {
		o = *offset
	}
	if limit != nil && *limit != 0 {
		l = *limit
	}
	if o < 0 || l < 0 || l > g.store.limits.RoleListMax {
		return 0, 0, invalidParams("Offset must be ≥ 0 and Limit 1-" + itoa(int(g.store.limits.RoleListMax)))
	}
	return uint64(o), uint64(l), nil
}

// roleNameFilter reads Filters: only RoleName (exact) is documented.
func roleNameFilter(filters []*filter) ([]string, bool, error) {
	var names []string
	set := false
	for _, f := range filters {
		if f == nil || f.Name == nil || *f.Name != "RoleName" {
			return nil, false, invalidParams("Filters accept only RoleName")
		}
		names = append(names, filterValues(f)...)
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
	TotalCount int64     `json:"TotalCount"`
	RoleSets   []roleOut `json:"RoleSets"`
}

func (g *Product) describeRocketMQRoles(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQRolesRequest
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
	var match []*role
	for _, r := range sorted(c.Roles, func(r *role) uint64 { return r.Seq }) {
		if contains(r.Name, req.RoleName) && (!exactSet || inList(r.Name, exact)) {
			match = append(match, r)
		}
	}
	out := describeRocketMQRolesResponse{TotalCount: int64(len(match)), RoleSets: []roleOut{}}
	for _, r := range page(match, offset, limit) {
		out.RoleSets = append(out.RoleSets, roleOut{
			RoleName: r.Name, Token: r.Token, Remark: r.Remark, CreateTime: stamp(r.Created), UpdateTime: stamp(r.Updated),
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

func (g *Product) modifyRocketMQRole(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQRoleRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.checkRoleName(req.RoleName); err != nil {
		return nil, err
	}
	if err := g.checkRoleCommon(req.ClusterId, req.Remark, req.PermType); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.roleCluster(call, req.ClusterId)
	if err != nil {
		return nil, err
	}
	r, ok := c.Roles[req.RoleName]
	if !ok {
		return nil, errResourceNotFoundRole.New()
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
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
func (g *Product) deleteRocketMQRoles(o op, call *pipeline.Call) (any, error) {
	var req deleteRocketMQRolesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
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
	bound := c.boundRoles()
	for _, name := range req.RoleNames {
		if _, ok := c.Roles[name]; !ok {
			return nil, errResourceNotFoundRole.New().WithDetail(" (" + name + ")")
		}
		if ns, ok := bound[name]; ok {
			return nil, errResourceInUseEnvironmentRole.New().WithDetail(" (" + name + " is authorised on namespace " + ns + ")")
		}
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
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
