package rocketmq

import (
	"strconv"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Dedicated (VIP) 4.x clusters. With GeneralSkuCode the instance is a
// "general" cluster, whose only namespace is the fixed tdmq_default.

type createRocketMQVipInstanceRequest struct {
	Name                   string              `json:"Name" mq:"required"`
	Spec                   string              `json:"Spec" mq:"required"`
	StorageSize            int64               `json:"StorageSize" mq:"required"`
	ZoneIds                []string            `json:"ZoneIds" mq:"required"`
	VpcInfo                vpcIn               `json:"VpcInfo" mq:"required"`
	TimeSpan               int64               `json:"TimeSpan" mq:"required"`
	NodeCount              *int64              `json:"NodeCount"`
	GeneralSkuCode         *string             `json:"GeneralSkuCode"`
	SupportsMigrateToCloud *bool               `json:"SupportsMigrateToCloud"`
	EnablePublic           *bool               `json:"EnablePublic"`
	Bandwidth              *int64              `json:"Bandwidth"`
	IpRules                []*publicAccessRule `json:"IpRules"`
	Tags                   []*tagIn            `json:"Tags"`
}

// Documented bounds of a dedicated instance (tdmq.md §6).
const (
	minStorageGB = 200
	minNodes     = 2
	maxNodes     = 20
)

func (g *Product) createRocketMQVipInstance(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQVipInstanceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.store.limits
	bad := func(detail string) error { return errInvalidParameterValue.New().WithDetail(" (" + detail + ")") }
	if err := checkName(errInvalidParameterValue, "Name", req.Name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
		return nil, err
	}
	if _, ok := vipSpecs[req.Spec]; !ok {
		return nil, bad("Spec must be one of rocket-vip-basic-0 … rocket-vip-basic-4")
	}
	if req.StorageSize < minStorageGB {
		return nil, bad("StorageSize must be at least 200 GB")
	}
	if req.TimeSpan < 1 {
		return nil, bad("TimeSpan must be at least 1 month")
	}
	nodes := int64(minNodes)
	if req.NodeCount != nil {
		nodes = *req.NodeCount
		if nodes < minNodes || nodes > maxNodes {
			return nil, bad("NodeCount must be 2-20")
		}
	}
	if len(req.ZoneIds) == 0 {
		return nil, bad("ZoneIds must name at least one zone")
	}
	zones := make([]int64, 0, len(req.ZoneIds))
	for _, z := range req.ZoneIds {
		n, err := strconv.ParseInt(z, 10, 64)
		if err != nil || n < 0 {
			return nil, bad("ZoneIds are numeric zone ids such as 100001")
		}
		zones = append(zones, n)
	}
	if req.EnablePublic != nil && *req.EnablePublic && (req.Bandwidth == nil || *req.Bandwidth <= 0) {
		return nil, errMissingParameter.New().WithDetail(" (Bandwidth is required when EnablePublic is true)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	kind := kindDedicated
	if req.GeneralSkuCode != nil && *req.GeneralSkuCode != "" {
		kind = kindGeneral
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	c := g.newCluster(call, kind, req.Name, "", tagsIn(req.Tags))
	c.Spec, c.GeneralSkuCode, c.StorageSize, c.NodeCount = req.Spec, str(req.GeneralSkuCode), req.StorageSize, nodes
	c.ZoneIDs, c.TimeSpan = zones, req.TimeSpan
	c.Vpc = vpc{VpcId: req.VpcInfo.VpcId, SubnetId: req.VpcInfo.SubnetId}
	c.PublicAccessEnabled = req.EnablePublic != nil && *req.EnablePublic
	if kind == kindGeneral {
		c.Namespaces[defaultNamespace] = newNamespace(defaultNamespace, "", c.Created, g.store.next())
	}
	return clusterIDResponse{ClusterId: c.ID}, nil
}

type describeRocketMQVipInstancesRequest struct {
	Filters []*filter `json:"Filters"`
	Limit   *uint64   `json:"Limit"`
	Offset  *uint64   `json:"Offset"`
}

type describeRocketMQVipInstancesResponse struct {
	TotalCount uint64                `json:"TotalCount"`
	Instances  []rocketMQVipInstance `json:"Instances"`
}

// vipFilter matches one Filters entry. The SDK names the conditions
// ("instance ids", "instance name", "status") without spelling them, so
// the names are matched without regard to case: InstanceIds/InstanceId
// (exact), InstanceName (fuzzy), Status (numeric status).
func vipFilter(f *filter) (func(c *cluster, status uint64) bool, error) {
	if f == nil || f.Name == nil {
		return nil, errInvalidParameter.New().WithDetail(" (Filters.Name)")
	}
	vals := filterValues(f)
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

func (g *Product) describeRocketMQVipInstances(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQVipInstancesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	var preds []func(*cluster, uint64) bool
	for _, f := range req.Filters {
		p, err := vipFilter(f)
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	var offset, limit uint64
	if req.Offset != nil {
		offset = *req.Offset
	}
	if req.Limit != nil {
		limit = *req.Limit
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	acct := accountOf(call)
	var match []*cluster
next:
	for _, c := range sorted(g.store.clusters, func(c *cluster) uint64 { return c.Seq }) {
		if c.Owner != acct || c.Kind == kindVirtual {
			continue
		}
		for _, p := range preds {
			if !p(c, uint64(g.status(c))) {
				continue next
			}
		}
		match = append(match, c)
	}
	out := describeRocketMQVipInstancesResponse{TotalCount: uint64(len(match)), Instances: []rocketMQVipInstance{}}
	for _, c := range page(match, offset, g.pageSize(limit)) {
		out.Instances = append(out.Instances, g.vipInstance(c))
	}
	return out, nil
}

// Retention bounds of a dedicated instance, in hours (emulator choice
// within the documented 1–7 days of 4.x).
const (
	minRetentionHours = 24
	maxRetentionHours = 168
)

func (g *Product) vipInstance(c *cluster) rocketMQVipInstance {
	s := vipSpecs[c.Spec]
	return rocketMQVipInstance{
		InstanceId: c.ID, InstanceName: c.Name, InstanceVersion: "4.9.4", Status: uint64(g.status(c)),
		NodeCount: uint64(c.NodeCount), ConfigDisplay: s.Display, MaxTps: s.MaxTps, MaxBandWidth: s.MaxBandWidth,
		MaxStorage: uint64(c.StorageSize), ExpireTime: ms(c.Created.AddDate(0, int(c.TimeSpan), 0)), PayMode: 1,
		Remark: c.Remark, SpecName: c.Spec, MaxRetention: maxRetentionHours, MinRetention: minRetentionHours,
		Retention: c.Retention, AclEnabled: c.AclEnabled,
	}
}

type describeRocketMQVipInstanceDetailResponse struct {
	ClusterInfo    rocketMQClusterInfo    `json:"ClusterInfo"`
	InstanceConfig rocketMQInstanceConfig `json:"InstanceConfig"`
}

// vipOf finds a dedicated cluster; a virtual one is no instance.
func (g *Product) vipOf(owner, id string) (*cluster, error) {
	c, err := g.store.clusterOf(owner, id, miss{cluster: errResourceNotFoundInstance})
	if err != nil {
		return nil, err
	}
	if c.Kind == kindVirtual {
		return nil, errResourceNotFoundInstance.New()
	}
	return c, nil
}

func (g *Product) describeRocketMQVipInstanceDetail(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.vipOf(accountOf(call), req.ClusterId)
	if err != nil {
		return nil, err
	}
	nsMax, topicMax, groupMax := c.quotas(g.store.limits)
	s := vipSpecs[c.Spec]
	perZone := uint64(c.NodeCount) / uint64(len(c.ZoneIDs))
	nodes := make([]instanceNodeDistribution, 0, len(c.ZoneIDs))
	for i, z := range c.ZoneIDs {
		n := perZone
		if i == 0 {
			n += uint64(c.NodeCount) % uint64(len(c.ZoneIDs))
		}
		id := strconv.FormatInt(z, 10)
		nodes = append(nodes, instanceNodeDistribution{ZoneName: c.Region + "-zone-" + id, ZoneId: id, NodeCount: n, ZoneStatus: "NORMAL"})
	}
	return describeRocketMQVipInstanceDetailResponse{
		ClusterInfo: g.info(c),
		InstanceConfig: rocketMQInstanceConfig{
			MaxTpsPerNamespace: s.MaxTps, MaxNamespaceNum: uint64(nsMax), UsedNamespaceNum: uint64(len(c.Namespaces)),
			MaxTopicNum: uint64(topicMax), UsedTopicNum: uint64(c.topicCount()), MaxGroupNum: uint64(groupMax), UsedGroupNum: uint64(c.groupCount()),
			ConfigDisplay: s.Display, NodeCount: uint64(c.NodeCount), NodeDistribution: nodes, TopicDistribution: distribution(c),
			MaxQueuesPerTopic: g.store.limits.MaxPartitions, MaxRetention: maxRetentionHours, MinRetention: minRetentionHours, Retention: c.Retention,
			TopicNumLowerLimit: int64(topicMax), TopicNumUpperLimit: int64(topicMax), SendReceiveRatio: c.SendReceiveRatio,
			TpsLimit: int64(s.MaxTps), GeneralSkuCode: c.GeneralSkuCode,
		},
	}, nil
}

type modifyRocketMQInstanceRequest struct {
	InstanceId               string   `json:"InstanceId" mq:"required"`
	Name                     *string  `json:"Name"`
	Remark                   *string  `json:"Remark"`
	MessageRetention         *int64   `json:"MessageRetention"`
	EnableDeletionProtection *bool    `json:"EnableDeletionProtection"`
	SendReceiveRatio         *float64 `json:"SendReceiveRatio"`
	AclEnabled               *bool    `json:"AclEnabled"`
}

func (g *Product) modifyRocketMQInstance(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQInstanceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.store.limits
	if req.Name != nil {
		if err := checkName(errInvalidParameterValue, "Name", *req.Name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
			return nil, err
		}
	}
	if err := checkRemark(errInvalidParameterValue, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	if r := req.MessageRetention; r != nil && (*r < minRetentionHours || *r > maxRetentionHours) {
		return nil, errInvalidParameterValue.New().WithDetail(" (MessageRetention must be 24-168 hours)")
	}
	if r := req.SendReceiveRatio; r != nil && (*r < 0 || *r > 1) {
		return nil, errInvalidParameterValue.New().WithDetail(" (SendReceiveRatio must be 0-1)")
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.vipOf(accountOf(call), req.InstanceId)
	if err != nil {
		return nil, err
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	if req.Name != nil {
		c.Name = *req.Name
	}
	if req.Remark != nil {
		c.Remark = *req.Remark
	}
	if req.MessageRetention != nil {
		c.Retention = *req.MessageRetention
	}
	if req.EnableDeletionProtection != nil {
		c.EnableDeletionProtection = *req.EnableDeletionProtection
	}
	if req.SendReceiveRatio != nil {
		c.SendReceiveRatio = *req.SendReceiveRatio
	}
	if req.AclEnabled != nil {
		c.AclEnabled = *req.AclEnabled
	}
	return struct{}{}, nil
}

// deleteRocketMQVipInstance deletes a dedicated cluster and its contents;
// deletion protection refuses it (FailedOperation, the code the action lists).
func (g *Product) deleteRocketMQVipInstance(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.vipOf(accountOf(call), req.ClusterId)
	if err != nil {
		return nil, err
	}
	if c.EnableDeletionProtection {
		return nil, errFailedOperation.New().WithDetail(" (deletion protection is enabled)")
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	delete(g.store.clusters, c.ID)
	return struct{}{}, nil
}
