package rocketmq

import (
	"crypto/rand"
	"encoding/base64"
	"unicode/utf8"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Roles of a cluster. Every role action lists
// InvalidParameterValue.InvalidParams for a bad value and
// MissingParameter.NeedMoreParams for a parameter that is present but empty
// (an absent required one is the common MissingParameter, answered before
// the action runs).

// permTypes are the PermType values (default Cluster).
var permTypes = []string{"Cluster", "TopicAndGroup"}

func invalidParams(detail string) error {
	return errInvalidParameterValueInvalidParams.New().WithDetail(" (" + detail + ")")
}

func needMore(param string) error {
	return errMissingParameterNeedMoreParams.New().WithDetail(" (" + param + ")")
}

// checkRoleName applies the documented rule: 1–32 characters, letters,
// digits, "-" and "_".
func (s *store) checkRoleName(name string) error {
	if name == "" {
		return needMore("RoleName")
	}
	if utf8.RuneCountInString(name) > s.limits.RoleNameMax || !resourceName().MatchString(name) {
		return invalidParams("RoleName must be 1-" + itoa(s.limits.RoleNameMax) + " letters, digits, \"-\" or \"_\"")
	}
	return nil
}

func (s *store) checkRoleCommon(clusterID string, remark, permType *string) error {
	if clusterID == "" {
		return needMore("ClusterId")
	}
	if remark != nil && utf8.RuneCountInString(*remark) > s.limits.RemarkMax {
		return invalidParams("Remark longer than " + itoa(s.limits.RemarkMax) + " characters")
	}
	if permType != nil && !inList(*permType, permTypes) {
		return invalidParams("PermType must be Cluster or TopicAndGroup")
	}
	return nil
}

// roleCluster finds the cluster of a role action; the caller holds mu.
func (s *store) roleCluster(o op, id string) (*cluster, error) {
	return s.clusterOf(o, id, miss{cluster: errResourceNotFoundCluster})
}

// newToken makes a role token shaped like Tencent's (a base64 JSON web
// token payload).
func newToken() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	return "eyJrZXlJZCI6" + base64.RawURLEncoding.EncodeToString(b)
}

// roleSpec is what CreateRocketMQRole asks for; nil is a value not given.
type roleSpec struct {
	cluster, name                             string
	remark, permType, generateMode, accessKey *string
	secretKey                                 *string
}

// createRole checks the name, cluster, remark, type and generation mode,
// then, with the name new in the cluster, inserts the role and returns a
// copy. RoleGenerateMode AUTO (default) generates the token; MANUAL takes
// AccessKey and SecretKey, and the SecretKey is the token.
func (s *store) createRole(o op, a roleSpec) (role, error) {
	if err := s.checkRoleName(a.name); err != nil {
		return role{}, err
	}
	if err := s.checkRoleCommon(a.cluster, a.remark, a.permType); err != nil {
		return role{}, err
	}
	manual := false
	if m := a.generateMode; m != nil && *m != "" {
		switch *m {
		case "AUTO":
		case "MANUAL":
			manual = true
		default:
			return role{}, invalidParams("RoleGenerateMode must be AUTO or MANUAL")
		}
	}
	if manual && str(a.accessKey) == "" {
		return role{}, needMore("AccessKey")
	}
	if manual && str(a.secretKey) == "" {
		return role{}, needMore("SecretKey")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.roleCluster(o, a.cluster)
	if err != nil {
		return role{}, err
	}
	if _, dup := c.Roles[a.name]; dup {
		return role{}, errResourceInUseRole.New()
	}
	if o.dry {
		return role{}, errDryRunOperation.New()
	}
	r := &role{Name: a.name, Remark: str(a.remark), PermType: "Cluster", Created: o.now, Updated: o.now, Seq: s.next()}
	if a.permType != nil {
		r.PermType = *a.permType
	}
	if manual {
		r.AccessKey, r.SecretKey, r.Token = *a.accessKey, *a.secretKey, *a.secretKey
	} else {
		r.Token = newToken()
	}
	c.addRole(r)
	return *r, nil
}

// rolePage validates the role lists' Offset and Limit (default 10, at most 20).
func (s *store) rolePage(offset, limit *int64) (uint64, uint64, error) {
	var o, l int64 = 0, s.limits.RoleListDefault
	if offset != nil {
		o = *offset
	}
	if limit != nil && *limit != 0 {
		l = *limit
	}
	if o < 0 || l < 0 || l > s.limits.RoleListMax {
		return 0, 0, invalidParams("Offset must be ≥ 0 and Limit 1-" + itoa(int(s.limits.RoleListMax)))
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
		names = append(names, tcdata.Strings(f.Values)...)
		set = true
	}
	return names, set, nil
}

// roleQuery is DescribeRocketMQRoles' selection and page; nil is a value
// not given.
type roleQuery struct {
	cluster       string
	offset, limit *int64
	name          *string // fuzzy
	filters       []*filter
}

// describeRoles lists a page of a cluster's roles and how many match in all.
func (s *store) describeRoles(o op, q roleQuery) (int64, []roleOut, error) {
	if err := s.checkRoleCommon(q.cluster, nil, nil); err != nil {
		return 0, nil, err
	}
	offset, limit, err := s.rolePage(q.offset, q.limit)
	if err != nil {
		return 0, nil, err
	}
	exact, exactSet, err := roleNameFilter(q.filters)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.roleCluster(o, q.cluster)
	if err != nil {
		return 0, nil, err
	}
	var keep func(*role) bool
	if q.name != nil || exactSet {
		keep = func(r *role) bool { return contains(r.Name, q.name) && (!exactSet || inList(r.Name, exact)) }
	}
	total, pg := filterPage(c.RoleOrder, offset, limit, keep)
	out := []roleOut{}
	for _, r := range pg {
		out = append(out, roleOut{
			RoleName: r.Name, Token: r.Token, Remark: r.Remark, CreateTime: stamp(r.Created), UpdateTime: stamp(r.Updated),
			PermType: r.PermType, TokenType: "Permanent",
		})
	}
	return int64(total), out, nil
}

// modifyRole checks the name, cluster, remark and type, then changes a
// role and returns a copy.
func (s *store) modifyRole(o op, cluster, name string, remark, permType *string) (role, error) {
	if err := s.checkRoleName(name); err != nil {
		return role{}, err
	}
	if err := s.checkRoleCommon(cluster, remark, permType); err != nil {
		return role{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.roleCluster(o, cluster)
	if err != nil {
		return role{}, err
	}
	r, ok := c.Roles[name]
	if !ok {
		return role{}, errResourceNotFoundRole.New()
	}
	if o.dry {
		return role{}, errDryRunOperation.New()
	}
	if remark != nil {
		r.Remark = *remark
	}
	if permType != nil {
		r.PermType = *permType
	}
	r.Updated = o.now
	return *r, nil
}

// deleteRoles deletes all the named roles or none, and returns the names
// deleted: an unknown one is ResourceNotFound.Role, one still bound to a
// namespace ResourceInUse.EnvironmentRole.
func (s *store) deleteRoles(o op, cluster string, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, needMore("RoleNames")
	}
	if err := s.checkRoleCommon(cluster, nil, nil); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.roleCluster(o, cluster)
	if err != nil {
		return nil, err
	}
	bound := c.boundRoles()
	for _, name := range names {
		if _, ok := c.Roles[name]; !ok {
			return nil, errResourceNotFoundRole.New().WithDetail(" (" + name + ")")
		}
		if ns, ok := bound[name]; ok {
			return nil, errResourceInUseEnvironmentRole.New().WithDetail(" (" + name + " is authorised on namespace " + ns + ")")
		}
	}
	if o.dry {
		return nil, errDryRunOperation.New()
	}
	deleted := []string{}
	for _, name := range names {
		if r, ok := c.Roles[name]; ok {
			delete(c.Roles, name)
			c.RoleOrder = without(c.RoleOrder, r)
			deleted = append(deleted, name)
		}
	}
	return deleted, nil
}
