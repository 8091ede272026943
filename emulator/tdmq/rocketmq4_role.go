package tdmq

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

// newToken4 makes a role token shaped like Tencent's (a base64 JSON web
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

// roleNameFilter4 reads Filters: only RoleName (exact) is documented.
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
	if err := tcapi.Bind(call, &req); err != nil {
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
	if err := tcapi.Bind(call, &req); err != nil {
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
