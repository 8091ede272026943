package rocketmq

// Namespaces of 4.x clusters. General clusters have exactly one, the fixed
// tdmq_default, which can be neither created nor deleted.

// defaultNamespaceTTL is what Ttl and RetentionTime report when not set
// (both are documented as disused): 3 days in milliseconds.
const defaultNamespaceTTL = uint64(72 * 3600 * 1000)

// namespaceSpec is what CreateRocketMQNamespace asks for; nil is a value
// not given.
type namespaceSpec struct {
	clusterID, id      string
	ttl, retentionTime *uint64
	remark             *string
}

// createNamespace checks the name and remark, then, in a RUNNING cluster
// that is not a general one, with the name new and room under the
// cluster's namespace quota, inserts the namespace.
func (s *store) createNamespace(o op, a namespaceSpec) error {
	l := s.limits
	if err := checkName(errInvalidParameter, "NamespaceId", a.id, l.NamespaceNameMin, l.NamespaceNameMax); err != nil {
		return err
	}
	if err := checkRemark(errInvalidParameter, a.remark, l.RemarkMax); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.clusterOf(o, a.clusterID, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return err
	}
	if !c.ready(o.now) {
		return errFailedOperationInstanceNotReady.New()
	}
	if c.Kind == kindGeneral {
		return errUnsupportedOperation.New().WithDetail(" (a general cluster has only the namespace " + defaultNamespace + ")")
	}
	if _, dup := c.Namespaces[a.id]; dup {
		return errResourceInUse.New().WithDetail(" (namespace " + a.id + " exists)")
	}
	if max, _, _ := c.quotas(l); len(c.Namespaces) >= max {
		return errLimitExceeded.New().WithDetail(" (at most " + itoa(max) + " namespaces per cluster)")
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	n := newNamespace(a.id, str(a.remark), o.now, s.next())
	if a.ttl != nil {
		n.Ttl = *a.ttl
	}
	if a.retentionTime != nil {
		n.RetentionTime = *a.retentionTime
	}
	c.addNamespace(n)
	return nil
}

// describeNamespaces lists a page of a cluster's namespaces whose id
// contains keyword, and how many do in all.
func (s *store) describeNamespaces(o op, clusterID string, offset, limit uint64, keyword *string) (uint64, []rocketMQNamespace, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.clusterOf(o, clusterID, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return 0, nil, err
	}
	var keep func(*namespace) bool
	if keyword != nil {
		keep = func(n *namespace) bool { return contains(n.ID, keyword) }
	}
	total, pg := filterPage(c.NamespaceOrder, offset, s.pageSize(limit), keep)
	out := []rocketMQNamespace{}
	for _, n := range pg {
		host := n.ID + "." + c.ID + ".rocketmq." + c.shownRegion()
		out = append(out, rocketMQNamespace{
			NamespaceId: n.ID, Ttl: n.Ttl, RetentionTime: n.RetentionTime, Remark: n.Remark,
			PublicEndpoint: "http://" + host + ".public.tencenttdmq.com:9876", VpcEndpoint: "http://" + host + ".qcloud.tencenttdmq.com:5098",
			InternalEndpoint: host + ".internal.tencenttdmq.com:9876",
		})
	}
	return total, out, nil
}

// namespaceChange is what ModifyRocketMQNamespace changes; nil keeps a
// value.
type namespaceChange struct {
	ttl, retentionTime  *uint64
	remark              *string
	publicAccessEnabled *bool
}

// modifyNamespace checks the remark and changes a namespace.
func (s *store) modifyNamespace(o op, clusterID, id string, a namespaceChange) error {
	if err := checkRemark(errInvalidParameter, a.remark, s.limits.RemarkMax); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, n, err := s.namespaceOf(o, clusterID, id, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound})
	if err != nil {
		return err
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	if a.ttl != nil {
		n.Ttl = *a.ttl
	}
	if a.retentionTime != nil {
		n.RetentionTime = *a.retentionTime
	}
	if a.remark != nil {
		n.Remark = *a.remark
	}
	if a.publicAccessEnabled != nil {
		n.PublicAccessEnabled = *a.publicAccessEnabled
	}
	return nil
}

// deleteNamespace refuses while roles are bound to the namespace
// (FailedOperation.RoleInUse); its topics and groups go with it.
func (s *store) deleteNamespace(o op, clusterID, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, n, err := s.namespaceOf(o, clusterID, id, miss{cluster: errResourceNotFound, namespace: errResourceNotFound})
	if err != nil {
		return err
	}
	if c.Kind == kindGeneral {
		return errUnsupportedOperation.New().WithDetail(" (" + defaultNamespace + " of a general cluster cannot be deleted)")
	}
	if len(n.Bindings) > 0 {
		return errFailedOperationRoleInUse.New()
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	c.dropNamespace(n)
	return nil
}
