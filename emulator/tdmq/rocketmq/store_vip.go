package rocketmq

import (
	"strconv"
	"time"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Dedicated (VIP) 4.x clusters. With GeneralSkuCode the instance is a
// "general" cluster, whose only namespace is the fixed tdmq_default.

// Documented bounds of a dedicated instance (tdmq.md §6).
const (
	minStorageGB = 200
	minNodes     = 2
	maxNodes     = 20
)

// Retention bounds of a dedicated instance, in hours (emulator choice
// within the documented 1–7 days of 4.x).
const (
	minRetentionHours = 24
	maxRetentionHours = 168
)

// vipInstanceSpec is what CreateRocketMQVipInstance asks for; nil is a
// value not given.
type vipInstanceSpec struct {
	name, spec     string
	storageSize    int64
	zoneIDs        []string
	vpc            vpc
	timeSpan       int64
	nodeCount      *int64
	generalSkuCode *string
	enablePublic   *bool
	bandwidth      *int64
	tags           []tag
}

// createVipInstance checks the name, spec, storage, term, nodes, zones and
// public bandwidth, then inserts a dedicated (or, with GeneralSkuCode,
// general) cluster and returns its id.
func (s *store) createVipInstance(o op, a vipInstanceSpec) (string, error) {
	l := s.limits
	bad := func(detail string) error { return errInvalidParameterValue.New().WithDetail(" (" + detail + ")") }
	if err := checkName(errInvalidParameterValue, "Name", a.name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
		return "", err
	}
	if _, ok := vipSpecs[a.spec]; !ok {
		return "", bad("Spec must be one of rocket-vip-basic-0 … rocket-vip-basic-4")
	}
	if a.storageSize < minStorageGB {
		return "", bad("StorageSize must be at least 200 GB")
	}
	if a.timeSpan < 1 {
		return "", bad("TimeSpan must be at least 1 month")
	}
	nodes := int64(minNodes)
	if a.nodeCount != nil {
		nodes = *a.nodeCount
		if nodes < minNodes || nodes > maxNodes {
			return "", bad("NodeCount must be 2-20")
		}
	}
	if len(a.zoneIDs) == 0 {
		return "", bad("ZoneIds must name at least one zone")
	}
	zones := make([]int64, 0, len(a.zoneIDs))
	for _, z := range a.zoneIDs {
		n, err := strconv.ParseInt(z, 10, 64)
		if err != nil || n < 0 {
			return "", bad("ZoneIds are numeric zone ids such as 100001")
		}
		zones = append(zones, n)
	}
	if a.enablePublic != nil && *a.enablePublic && (a.bandwidth == nil || *a.bandwidth <= 0) {
		return "", errMissingParameter.New().WithDetail(" (Bandwidth is required when EnablePublic is true)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kind := kindDedicated
	if a.generalSkuCode != nil && *a.generalSkuCode != "" {
		kind = kindGeneral
	}
	if o.dry {
		return "", errDryRunOperation.New()
	}
	c := s.newCluster(o, kind, a.name, "", a.tags)
	c.Spec, c.GeneralSkuCode, c.StorageSize, c.NodeCount = a.spec, str(a.generalSkuCode), a.storageSize, nodes
	c.ZoneIDs, c.TimeSpan = zones, a.timeSpan
	c.Vpc = a.vpc
	c.PublicAccessEnabled = a.enablePublic != nil && *a.enablePublic
	if kind == kindGeneral {
		c.addNamespace(newNamespace(defaultNamespace, "", c.Created, s.next()))
	}
	return c.ID, nil
}

// vipFilter matches one Filters entry. The SDK names the conditions
// ("instance ids", "instance name", "status") without spelling them, so
// the names are matched without regard to case: InstanceIds/InstanceId
// (exact), InstanceName (fuzzy), Status (numeric status).
func vipFilter(f *filter) (func(c *cluster, status uint64) bool, error) {
	if f == nil || f.Name == nil {
		return nil, errInvalidParameter.New().WithDetail(" (Filters.Name)")
	}
	vals := tcdata.Strings(f.Values)
	switch lower(*f.Name) {
	case "instanceids", "instanceid":
		return func(c *cluster, _ uint64) bool { return inList(c.ID, vals) }, nil
	case "instancename":
		return func(c *cluster, _ uint64) bool {
			for _, v := range vals {
				if contains(c.Name, &v) {
					return true
				}
			}
			return false
		}, nil
	case "status":
		return func(_ *cluster, status uint64) bool { return inList(strconv.FormatUint(status, 10), vals) }, nil
	}
	return nil, errInvalidParameter.New().WithDetail(" (unknown filter " + *f.Name + ")")
}

// describeVipInstances lists the account's dedicated and general clusters
// that pass every filter, and how many do in all.
func (s *store) describeVipInstances(o op, filters []*filter, offset, limit *uint64) (uint64, []rocketMQVipInstance, error) {
	var preds []func(*cluster, uint64) bool
	for _, f := range filters {
		p, err := vipFilter(f)
		if err != nil {
			return 0, nil, err
		}
		preds = append(preds, p)
	}
	var from, size uint64
	if offset != nil {
		from = *offset
	}
	if limit != nil {
		size = *limit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var keep func(*cluster) bool
	if len(preds) > 0 {
		keep = func(c *cluster) bool {
			for _, p := range preds {
				if !p(c, uint64(status(c, o.now))) {
					return false
				}
			}
			return true
		}
	}
	total, pg := filterPage(s.scoped(o).vip, from, s.pageSize(size), keep)
	out := []rocketMQVipInstance{}
	for _, c := range pg {
		out = append(out, vipInstance(c, o.now))
	}
	return total, out, nil
}

// vipInstance renders RocketMQVipInstance; the caller holds mu.
func vipInstance(c *cluster, now time.Time) rocketMQVipInstance {
	sp := vipSpecs[c.Spec]
	return rocketMQVipInstance{
		InstanceId: c.ID, InstanceName: c.Name, InstanceVersion: "4.9.4", Status: uint64(status(c, now)),
		NodeCount: uint64(c.NodeCount), ConfigDisplay: sp.Display, MaxTps: sp.MaxTps, MaxBandWidth: sp.MaxBandWidth,
		MaxStorage: uint64(c.StorageSize), ExpireTime: ms(c.Created.AddDate(0, int(c.TimeSpan), 0)), PayMode: 1,
		Remark: c.Remark, SpecName: c.Spec, MaxRetention: maxRetentionHours, MinRetention: minRetentionHours,
		Retention: c.Retention, AclEnabled: c.AclEnabled,
	}
}

// vipOf finds a dedicated cluster; a virtual one is no instance. The caller
// holds mu.
func (s *store) vipOf(o op, id string) (*cluster, error) {
	c, err := s.clusterOf(o, id, miss{cluster: errResourceNotFoundInstance})
	if err != nil {
		return nil, err
	}
	if c.Kind == kindVirtual {
		return nil, errResourceNotFoundInstance.New()
	}
	return c, nil
}

// describeVipInstanceDetail reports a dedicated cluster and its
// configuration, its nodes spread over its zones (the first zone takes
// the remainder).
func (s *store) describeVipInstanceDetail(o op, id string) (rocketMQClusterInfo, rocketMQInstanceConfig, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.vipOf(o, id)
	if err != nil {
		return rocketMQClusterInfo{}, rocketMQInstanceConfig{}, err
	}
	nsMax, topicMax, groupMax := c.quotas(s.limits)
	sp := vipSpecs[c.Spec]
	perZone := uint64(c.NodeCount) / uint64(len(c.ZoneIDs))
	nodes := make([]instanceNodeDistribution, 0, len(c.ZoneIDs))
	for i, z := range c.ZoneIDs {
		n := perZone
		if i == 0 {
			n += uint64(c.NodeCount) % uint64(len(c.ZoneIDs))
		}
		zone := strconv.FormatInt(z, 10)
		nodes = append(nodes, instanceNodeDistribution{ZoneName: c.shownRegion() + "-zone-" + zone, ZoneId: zone, NodeCount: n, ZoneStatus: "NORMAL"})
	}
	return s.info(c, o.now), rocketMQInstanceConfig{
		MaxTpsPerNamespace: sp.MaxTps, MaxNamespaceNum: uint64(nsMax), UsedNamespaceNum: uint64(len(c.Namespaces)),
		MaxTopicNum: uint64(topicMax), UsedTopicNum: uint64(c.topicCount()), MaxGroupNum: uint64(groupMax), UsedGroupNum: uint64(c.groupCount()),
		ConfigDisplay: sp.Display, NodeCount: uint64(c.NodeCount), NodeDistribution: nodes, TopicDistribution: distribution(c),
		MaxQueuesPerTopic: s.limits.MaxPartitions, MaxRetention: maxRetentionHours, MinRetention: minRetentionHours, Retention: c.Retention,
		TopicNumLowerLimit: int64(topicMax), TopicNumUpperLimit: int64(topicMax), SendReceiveRatio: c.SendReceiveRatio,
		TpsLimit: int64(sp.MaxTps), GeneralSkuCode: c.GeneralSkuCode,
	}, nil
}

// vipInstanceChange is what ModifyRocketMQInstance changes; nil keeps a
// value.
type vipInstanceChange struct {
	name, remark             *string
	messageRetention         *int64
	enableDeletionProtection *bool
	sendReceiveRatio         *float64
	aclEnabled               *bool
}

// modifyVipInstance checks the name, remark, retention (24–168 hours) and
// send/receive ratio (0–1), then changes a dedicated cluster.
func (s *store) modifyVipInstance(o op, id string, a vipInstanceChange) error {
	l := s.limits
	if a.name != nil {
		if err := checkName(errInvalidParameterValue, "Name", *a.name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
			return err
		}
	}
	if err := checkRemark(errInvalidParameterValue, a.remark, l.RemarkMax); err != nil {
		return err
	}
	if r := a.messageRetention; r != nil && (*r < minRetentionHours || *r > maxRetentionHours) {
		return errInvalidParameterValue.New().WithDetail(" (MessageRetention must be 24-168 hours)")
	}
	if r := a.sendReceiveRatio; r != nil && (*r < 0 || *r > 1) {
		return errInvalidParameterValue.New().WithDetail(" (SendReceiveRatio must be 0-1)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.vipOf(o, id)
	if err != nil {
		return err
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	if a.name != nil {
		c.Name = *a.name
	}
	if a.remark != nil {
		c.Remark = *a.remark
	}
	if a.messageRetention != nil {
		c.Retention = *a.messageRetention
	}
	if a.enableDeletionProtection != nil {
		c.EnableDeletionProtection = *a.enableDeletionProtection
	}
	if a.sendReceiveRatio != nil {
		c.SendReceiveRatio = *a.sendReceiveRatio
	}
	if a.aclEnabled != nil {
		c.AclEnabled = *a.aclEnabled
	}
	return nil
}

// deleteVipInstance deletes a dedicated cluster and its contents; deletion
// protection refuses it (FailedOperation, the code the action lists).
func (s *store) deleteVipInstance(o op, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.vipOf(o, id)
	if err != nil {
		return err
	}
	if c.EnableDeletionProtection {
		return errFailedOperation.New().WithDetail(" (deletion protection is enabled)")
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	s.removeCluster(c)
	return nil
}
