package tdmq

import (
	"strconv"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Dedicated (VIP) 4.x clusters. With GeneralSkuCode the instance is a
// "general" cluster, whose only namespace is the fixed tdmq_default.

type createRocketMQVipInstanceRequest struct {
	Name                   string               `json:"Name" mq:"required"`
	Spec                   string               `json:"Spec" mq:"required"`
	StorageSize            int64                `json:"StorageSize" mq:"required"`
	ZoneIds                []string             `json:"ZoneIds" mq:"required"`
	VpcInfo                vpcIn4               `json:"VpcInfo" mq:"required"`
	TimeSpan               int64                `json:"TimeSpan" mq:"required"`
	NodeCount              *int64               `json:"NodeCount"`
	GeneralSkuCode         *string              `json:"GeneralSkuCode"`
	SupportsMigrateToCloud *bool                `json:"SupportsMigrateToCloud"`
	EnablePublic           *bool                `json:"EnablePublic"`
	Bandwidth              *int64               `json:"Bandwidth"`
	IpRules                []*publicAccessRule4 `json:"IpRules"`
	Tags                   []*tagIn4            `json:"Tags"`
}

// Documented bounds of a dedicated instance (tdmq.md §6).
const (
	minStorageGB4 = 200
	minNodes4     = 2
	maxNodes4     = 20
)

func (g *gen4) createRocketMQVipInstance(call *pipeline.Call) (any, error) {
	var req createRocketMQVipInstanceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.limits
	bad := func(detail string) error { return ErrInvalidParameterValue.New().WithDetail(" (" + detail + ")") }
	if err := checkName4(ErrInvalidParameterValue, "Name", req.Name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
		return nil, err
	}
	if _, ok := vipSpecs4[req.Spec]; !ok {
		return nil, bad("Spec must be one of rocket-vip-basic-0 … rocket-vip-basic-4")
	}
	if req.StorageSize < minStorageGB4 {
		return nil, bad("StorageSize must be at least 200 GB")
	}
	if req.TimeSpan < 1 {
		return nil, bad("TimeSpan must be at least 1 month")
	}
	nodes := int64(minNodes4)
	if req.NodeCount != nil {
		nodes = *req.NodeCount
		if nodes < minNodes4 || nodes > maxNodes4 {
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
		return nil, ErrMissingParameter.New().WithDetail(" (Bandwidth is required when EnablePublic is true)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	kind := kindDedicated4
	if req.GeneralSkuCode != nil && *req.GeneralSkuCode != "" {
		kind = kindGeneral4
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	c := g.newCluster(call, kind, req.Name, "", tagsIn4(req.Tags))
	c.Spec, c.GeneralSkuCode, c.StorageSize, c.NodeCount = req.Spec, str4(req.GeneralSkuCode), req.StorageSize, nodes
	c.ZoneIDs, c.TimeSpan = zones, req.TimeSpan
	c.Vpc = vpc4{VpcId: req.VpcInfo.VpcId, SubnetId: req.VpcInfo.SubnetId}
	c.PublicAccessEnabled = req.EnablePublic != nil && *req.EnablePublic
	if kind == kindGeneral4 {
		c.Namespaces[defaultNamespace4] = newNamespace4(defaultNamespace4, "", c.Created, g.next())
	}
	return clusterIDResponse4{ClusterId: c.ID}, nil
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

// vipFilter4 matches one Filters entry. The SDK names the conditions
// ("instance ids", "instance name", "status") without spelling them, so
// the names are matched without regard to case: InstanceIds/InstanceId
// (exact), InstanceName (fuzzy), Status (numeric status).
func vipFilter4(f *filter) (func(c *cluster4, status uint64) bool, error) {
	if f == nil || f.Name == nil {
		return nil, ErrInvalidParameter.New().WithDetail(" (Filters.Name)")
	}
	vals := filterValues4(f)
	switch lower4(*f.Name) {
	case "instanceids", "instanceid":
		return func(c *cluster4, _ uint64) bool { return inList4(c.ID, vals) }, nil
	case "instancename":
		return func(c *cluster4, _ uint64) bool {
			for _, v := range vals {
				if contains4(c.Name, &v) {
					return true
				}
			}
			return false
		}, nil
	case "status":
		return func(_ *cluster4, status uint64) bool { return inList4(strconv.FormatUint(status, 10), vals) }, nil
	}
	return nil, ErrInvalidParameter.New().WithDetail(" (unknown filter " + *f.Name + ")")
}

func (g *gen4) describeRocketMQVipInstances(call *pipeline.Call) (any, error) {
	var req describeRocketMQVipInstancesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	var preds []func(*cluster4, uint64) bool
	for _, f := range req.Filters {
		p, err := vipFilter4(f)
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
	g.mu.Lock()
	defer g.mu.Unlock()
	acct := owner4(call)
	var match []*cluster4
next:
	for _, c := range sorted4(g.clusters, func(c *cluster4) uint64 { return c.Seq }) {
		if c.Owner != acct || c.Kind == kindVirtual4 {
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
	for _, c := range page4(match, offset, g.pageSize(limit)) {
		out.Instances = append(out.Instances, g.vipInstance(c))
	}
	return out, nil
}

// Retention bounds of a dedicated instance, in hours (emulator choice
// within the documented 1–7 days of 4.x).
const (
	minRetentionHours4 = 24
	maxRetentionHours4 = 168
)

func (g *gen4) vipInstance(c *cluster4) rocketMQVipInstance {
	s := vipSpecs4[c.Spec]
	return rocketMQVipInstance{
		InstanceId: c.ID, InstanceName: c.Name, InstanceVersion: "4.9.4", Status: uint64(g.status(c)),
		NodeCount: uint64(c.NodeCount), ConfigDisplay: s.Display, MaxTps: s.MaxTps, MaxBandWidth: s.MaxBandWidth,
		MaxStorage: uint64(c.StorageSize), ExpireTime: ms4(c.Created.AddDate(0, int(c.TimeSpan), 0)), PayMode: 1,
		Remark: c.Remark, SpecName: c.Spec, MaxRetention: maxRetentionHours4, MinRetention: minRetentionHours4,
		Retention: c.Retention, AclEnabled: c.AclEnabled,
	}
}

type describeRocketMQVipInstanceDetailResponse struct {
	ClusterInfo    rocketMQClusterInfo    `json:"ClusterInfo"`
	InstanceConfig rocketMQInstanceConfig `json:"InstanceConfig"`
}

// vipOf finds a dedicated cluster; a virtual one is no instance.
func (g *gen4) vipOf(owner, id string) (*cluster4, error) {
	c, err := g.clusterOf(owner, id, miss4{cluster: ErrResourceNotFoundInstance})
	if err != nil {
		return nil, err
	}
	if c.Kind == kindVirtual4 {
		return nil, ErrResourceNotFoundInstance.New()
	}
	return c, nil
}

func (g *gen4) describeRocketMQVipInstanceDetail(call *pipeline.Call) (any, error) {
	var req clusterIDRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.vipOf(owner4(call), req.ClusterId)
	if err != nil {
		return nil, err
	}
	nsMax, topicMax, groupMax := c.quotas(g.limits)
	s := vipSpecs4[c.Spec]
	perZone := uint64(c.NodeCount) / uint64(len(c.ZoneIDs))
	nodes := make([]instanceNodeDistribution4, 0, len(c.ZoneIDs))
	for i, z := range c.ZoneIDs {
		n := perZone
		if i == 0 {
			n += uint64(c.NodeCount) % uint64(len(c.ZoneIDs))
		}
		id := strconv.FormatInt(z, 10)
		nodes = append(nodes, instanceNodeDistribution4{ZoneName: c.Region + "-zone-" + id, ZoneId: id, NodeCount: n, ZoneStatus: "NORMAL"})
	}
	return describeRocketMQVipInstanceDetailResponse{
		ClusterInfo: g.info(c),
		InstanceConfig: rocketMQInstanceConfig{
			MaxTpsPerNamespace: s.MaxTps, MaxNamespaceNum: uint64(nsMax), UsedNamespaceNum: uint64(len(c.Namespaces)),
			MaxTopicNum: uint64(topicMax), UsedTopicNum: uint64(c.topicCount()), MaxGroupNum: uint64(groupMax), UsedGroupNum: uint64(c.groupCount()),
			ConfigDisplay: s.Display, NodeCount: uint64(c.NodeCount), NodeDistribution: nodes, TopicDistribution: distribution4(c),
			MaxQueuesPerTopic: g.limits.MaxPartitions, MaxRetention: maxRetentionHours4, MinRetention: minRetentionHours4, Retention: c.Retention,
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

func (g *gen4) modifyRocketMQInstance(call *pipeline.Call) (any, error) {
	var req modifyRocketMQInstanceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.limits
	if req.Name != nil {
		if err := checkName4(ErrInvalidParameterValue, "Name", *req.Name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
			return nil, err
		}
	}
	if err := checkRemark4(ErrInvalidParameterValue, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	if r := req.MessageRetention; r != nil && (*r < minRetentionHours4 || *r > maxRetentionHours4) {
		return nil, ErrInvalidParameterValue.New().WithDetail(" (MessageRetention must be 24-168 hours)")
	}
	if r := req.SendReceiveRatio; r != nil && (*r < 0 || *r > 1) {
		return nil, ErrInvalidParameterValue.New().WithDetail(" (SendReceiveRatio must be 0-1)")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.vipOf(owner4(call), req.InstanceId)
	if err != nil {
		return nil, err
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
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
func (g *gen4) deleteRocketMQVipInstance(call *pipeline.Call) (any, error) {
	var req clusterIDRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.vipOf(owner4(call), req.ClusterId)
	if err != nil {
		return nil, err
	}
	if c.EnableDeletionProtection {
		return nil, ErrFailedOperation.New().WithDetail(" (deletion protection is enabled)")
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	delete(g.clusters, c.ID)
	return struct{}{}, nil
}
