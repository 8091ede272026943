package rocketmq

// Environment roles: a role authorised on a namespace with produce and/or
// consume, optionally per topic or group (DetailedPerms).

// permissions are the values of an environment role's Permissions.
var permissions = []string{"produce", "consume"}

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

// bindingSpec is what Create/ModifyRocketMQEnvironmentRole ask for.
type bindingSpec struct {
	environmentID, role, cluster string
	permissions                  []string
	detailedPerms                []*detailedPermIn // nil: not given
}

// checkBinding checks an environment-role request and returns its
// DetailedPerms.
func (s *store) checkBinding(a bindingSpec) ([]detailedPerm, error) {
	if a.environmentID == "" {
		return nil, needMore("EnvironmentId")
	}
	if err := s.checkRoleName(a.role); err != nil {
		return nil, err
	}
	if err := s.checkRoleCommon(a.cluster, nil, nil); err != nil {
		return nil, err
	}
	if err := checkPermissions(a.permissions); err != nil {
		return nil, err
	}
	return detailedPerms(a.detailedPerms)
}

// bindingTarget finds the namespace and role an environment-role request
// names, answering the codes those actions list; the caller holds mu.
func (s *store) bindingTarget(o op, envID, roleName, clusterID string) (*namespace, error) {
	c, err := s.roleCluster(o, clusterID)
	if err != nil {
		return nil, err
	}
	n, ok := c.Namespaces[envID]
	if !ok {
		return nil, errResourceNotFoundEnvironment.New()
	}
	if _, ok := c.Roles[roleName]; !ok {
		return nil, errResourceNotFoundRole.New()
	}
	return n, nil
}

// createEnvironmentRole authorises a role of the cluster on one of its
// namespaces, once.
func (s *store) createEnvironmentRole(o op, a bindingSpec) error {
	perms, err := s.checkBinding(a)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.bindingTarget(o, a.environmentID, a.role, a.cluster)
	if err != nil {
		return err
	}
	if _, dup := n.Bindings[a.role]; dup {
		return errResourceInUseEnvironmentRole.New()
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	b := &binding{Role: a.role, Permissions: append([]string{}, a.permissions...), DetailedPerms: perms, Created: o.now, Updated: o.now, Seq: s.next()}
	n.addBinding(b)
	return nil
}

// modifyEnvironmentRole replaces a binding's permissions (and its
// DetailedPerms, when given).
func (s *store) modifyEnvironmentRole(o op, a bindingSpec) error {
	perms, err := s.checkBinding(a)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.roleCluster(o, a.cluster)
	if err != nil {
		return err
	}
	n, ok := c.Namespaces[a.environmentID]
	if !ok {
		return errResourceNotFoundEnvironmentRole.New()
	}
	b, ok := n.Bindings[a.role]
	if !ok {
		return errResourceNotFoundEnvironmentRole.New()
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	b.Permissions = append([]string{}, a.permissions...)
	if a.detailedPerms != nil {
		b.DetailedPerms = perms
	}
	b.Updated = o.now
	return nil
}

// bindingQuery is DescribeRocketMQEnvironmentRoles' selection and page;
// nil is a value not given.
type bindingQuery struct {
	cluster                 string
	environmentID, roleName *string
	offset, limit           *int64
	filters                 []*filter
}

// describeEnvironmentRoles lists a page of a cluster's bindings (of one
// namespace and one role, when named; both must exist) and how many match
// in all.
func (s *store) describeEnvironmentRoles(o op, q bindingQuery) (int64, []environmentRole, error) {
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
	nss := c.NamespaceOrder
	if e := q.environmentID; e != nil && *e != "" {
		n, ok := c.Namespaces[*e]
		if !ok {
			return 0, nil, errResourceNotFoundEnvironment.New()
		}
		nss = []*namespace{n}
	}
	if r := q.roleName; r != nil && *r != "" {
		if _, ok := c.Roles[*r]; !ok {
			return 0, nil, errResourceNotFoundRole.New()
		}
	}
	// Count every match, render only the page's.
	var total uint64
	out := []environmentRole{}
	for _, n := range nss {
		for _, b := range n.BindingOrder {
			if q.roleName != nil && *q.roleName != "" && b.Role != *q.roleName || exactSet && !inList(b.Role, exact) {
				continue
			}
			if total >= offset && uint64(len(out)) < limit {
				var describe string
				if r, ok := c.Roles[b.Role]; ok {
					describe = r.Remark
				}
				out = append(out, environmentRole{
					EnvironmentId: n.ID, RoleName: b.Role, Permissions: append([]string{}, b.Permissions...),
					RoleDescribe: describe, CreateTime: stamp(b.Created), UpdateTime: stamp(b.Updated),
				})
			}
			total++
		}
	}
	return int64(total), out, nil
}

// deleteEnvironmentRoles removes all the named bindings of a namespace or
// none.
func (s *store) deleteEnvironmentRoles(o op, cluster, environmentID string, roles []string) error {
	if environmentID == "" {
		return needMore("EnvironmentId")
	}
	if len(roles) == 0 {
		return needMore("RoleNames")
	}
	if err := s.checkRoleCommon(cluster, nil, nil); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.roleCluster(o, cluster)
	if err != nil {
		return err
	}
	n, ok := c.Namespaces[environmentID]
	if !ok {
		return errResourceNotFoundEnvironmentRole.New()
	}
	for _, r := range roles {
		if _, ok := n.Bindings[r]; !ok {
			return errResourceNotFoundEnvironmentRole.New().WithDetail(" (" + r + ")")
		}
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	for _, r := range roles {
		n.BindingOrder = without(n.BindingOrder, n.Bindings[r])
		delete(n.Bindings, r)
	}
	return nil
}
