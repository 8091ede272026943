package trocket

import (
	"strings"
)

// Roles (tdmq.md §5 "Roles"): a role is an AccessKey/SecretKey pair with
// cluster-wide or per-topic/group permissions.

var (
	permTypes         = []string{"Cluster", "TopicAndGroup"}
	roleGenerateModes = []string{"AUTO", "MANUAL"}
	permResourceTypes = []string{"Topic", "Group"}
)

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

// roleSpec is what CreateRole asks for; nil is a value not given.
type roleSpec struct {
	instanceID, name     string
	permRead, permWrite  bool
	remark               string
	permType             *string
	perms                []detailedRolePerm
	generateMode         *string
	accessKey, secretKey *string
}

// createRole checks the name and the key mode (AUTO generates the keys,
// MANUAL takes them), then, in a RUNNING instance with room under the SKU's
// role quota, inserts the role. An AccessKey another role of the instance
// holds is ResourceInUse.
func (s *store) createRole(o op, a roleSpec) error {
	name := a.name
	if !roleName().MatchString(name) {
		return invalid("Role", "1-32 characters of letters, digits, _ and -")
	}
	if err := checkRemark("Remark", &a.remark); err != nil {
		return err
	}
	mode := "AUTO"
	if a.generateMode != nil {
		mode = *a.generateMode
	}
	if !oneOf(mode, roleGenerateModes...) {
		return invalid("RoleGenerateMode", "AUTO or MANUAL")
	}
	ak, sk := "ak"+newID("", 29), newID("", 32)
	if mode == "MANUAL" {
		if str(a.accessKey) == "" || str(a.secretKey) == "" {
			return errMissingParameter.New().WithDetail(" (AccessKey and SecretKey are required in MANUAL mode)")
		}
		ak, sk = *a.accessKey, *a.secretKey
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, a.instanceID)
	if err != nil {
		return err
	}
	if err := in.ready(o.now); err != nil {
		return err
	}
	if _, dup := in.roles[name]; dup {
		return errUnsupportedOperationResourceAlreadyExists.New().WithDetail(" (role " + name + ")")
	}
	// A MANUAL AccessKey another role already holds: ResourceInUse (the SDK
	// lists it on CreateRole beside the duplicate-name code).
	for _, r := range in.roles {
		if r.accessKey == ak {
			return errResourceInUse.New().WithDetail(" (AccessKey is used by role " + r.name + ")")
		}
	}
	if int64(len(in.roles)) >= in.sku.RoleNumLimit {
		return errLimitExceeded.New().WithDetail(" (roles)")
	}
	if err := checkPerms(in, a.permType, a.perms); err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	r := &role{
		seq: in.next(), name: name, permRead: a.permRead, permWrite: a.permWrite, accessKey: ak, secretKey: sk,
		remark: a.remark, permType: derefStr(a.permType, "Cluster"), perms: a.perms, created: o.now, modified: o.now,
	}
	in.addRole(r)
	return nil
}

// describeRoleList lists an instance's roles that match (Filters: RoleName,
// AccessKey) in creation order, and how many match in all.
func (s *store) describeRoleList(o op, instanceID string, q listQuery) (int64, []roleItem, error) {
	fs, err := filters(q.filters, "RoleName", "AccessKey")
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return 0, nil, err
	}
	var keep func(*role) bool
	if len(fs) > 0 {
		keep = func(r *role) bool { return fs.fuzzy("RoleName", r.name) && fs.fuzzy("AccessKey", r.accessKey) }
	}
	total, pg, err := pageOf(in.roleList, q.offset, q.limit, keep)
	if err != nil {
		return 0, nil, err
	}
	items := []roleItem{}
	for _, r := range pg {
		items = append(items, roleItem{RoleName: r.name, PermRead: r.permRead, PermWrite: r.permWrite,
			AccessKey: r.accessKey, SecretKey: r.secretKey, Remark: r.remark, CreatedTime: ms(r.created),
			ModifiedTime: ms(r.modified), PermType: r.permType, DetailedRolePerms: nonNil(r.perms)})
	}
	return int64(total), items, nil
}

// roleChange is what ModifyRole asks for; nil is a value not given.
type roleChange struct {
	permRead, permWrite bool
	permType            *string
	remark              *string
	perms               []detailedRolePerm
}

// modifyRole changes a role's permissions. Without a new PermType the
// role's own applies, and without new DetailedPerms too its own are kept.
func (s *store) modifyRole(o op, instanceID, name string, a roleChange) error {
	if err := checkRemark("Remark", a.remark); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	r, err := in.role(name)
	if err != nil {
		return err
	}
	permType := a.permType
	if permType == nil {
		permType = &r.permType
	}
	perms := a.perms
	if perms == nil && a.permType == nil {
		perms = r.perms
	}
	if err := checkPerms(in, permType, perms); err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	r.permRead, r.permWrite, r.permType, r.perms, r.modified = a.permRead, a.permWrite, *permType, perms, o.now
	if a.remark != nil {
		r.remark = *a.remark
	}
	return nil
}

// deleteRole removes a role.
func (s *store) deleteRole(o op, instanceID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, instanceID)
	if err != nil {
		return err
	}
	r, err := in.role(name)
	if err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	delete(in.roles, r.name)
	in.roleList = without(in.roleList, r)
	return nil
}

func derefStr(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}
