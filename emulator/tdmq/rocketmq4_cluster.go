package tdmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Virtual (shared) 4.x clusters: CreateRocketMQCluster and the actions that
// read, change and delete any 4.x cluster.

// defaultRegion4 is reported when a call names none.
const defaultRegion4 = "ap-guangzhou"

type createRocketMQClusterRequest struct {
	Name    string    `json:"Name" mq:"required"`
	Remark  *string   `json:"Remark"`
	TagList []*tagIn4 `json:"TagList"`
}

type clusterIDResponse4 struct {
	ClusterId string `json:"ClusterId"`
}

func (g *gen4) createRocketMQCluster(call *pipeline.Call) (any, error) {
	var req createRocketMQClusterRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.limits
	if err := checkName4(ErrInvalidParameter, "Name", req.Name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
		return nil, err
	}
	if err := checkRemark4(ErrInvalidParameter, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	acct := owner4(call)
	virtual := 0
	for _, c := range g.clusters {
		if c.Owner != acct || c.Kind != kindVirtual4 {
			continue
		}
		if c.Name == req.Name {
			return nil, ErrResourceInUse.New().WithDetail(" (cluster name " + req.Name + " exists)")
		}
		virtual++
	}
	if virtual >= l.VirtualClusters {
		return nil, ErrLimitExceededClusters.New()
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	c := g.newCluster(call, kindVirtual4, req.Name, str4(req.Remark), tagsIn4(req.TagList))
	return clusterIDResponse4{ClusterId: c.ID}, nil
}

// newCluster inserts a cluster; the caller holds g.mu.
func (g *gen4) newCluster(call *pipeline.Call, kind clusterKind4, name, remark string, tags []tag4) *cluster4 {
	id := "rocketmq-" + randomID4(12)
	for g.clusters[id] != nil {
		id = "rocketmq-" + randomID4(12)
	}
	region := call.Region
	if region == "" {
		region = defaultRegion4
	}
	now := g.now()
	c := &cluster4{
		ID: id, Name: name, Remark: remark, Owner: owner4(call), Region: region, Kind: kind, Tags: tags,
		Created: now, ReadyAt: now.Add(g.s.opts.ReadyAfter), Seq: g.next(),
		AclEnabled: true, SendReceiveRatio: 0.5, Retention: 72,
		Namespaces: map[string]*namespace4{}, Roles: map[string]*role4{},
	}
	g.clusters[id] = c
	return c
}

type clusterIDRequest4 struct {
	ClusterId string `json:"ClusterId" mq:"required"`
}

type describeRocketMQClusterResponse struct {
	ClusterInfo   rocketMQClusterInfo        `json:"ClusterInfo"`
	ClusterConfig rocketMQClusterConfig      `json:"ClusterConfig"`
	ClusterStats  rocketMQClusterRecentStats `json:"ClusterStats"`
}

func (g *gen4) describeRocketMQCluster(call *pipeline.Call) (any, error) {
	var req clusterIDRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.clusterOf(owner4(call), req.ClusterId, miss4{cluster: ErrResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	return describeRocketMQClusterResponse{ClusterInfo: g.info(c), ClusterConfig: g.config(c), ClusterStats: g.stats(c)}, nil
}

type describeRocketMQClustersRequest struct {
	Offset        uint64    `json:"Offset" mq:"required"`
	Limit         uint64    `json:"Limit" mq:"required"`
	IdKeyword     *string   `json:"IdKeyword"`
	NameKeyword   *string   `json:"NameKeyword"`
	ClusterIdList []*string `json:"ClusterIdList"`
	IsTagFilter   *bool     `json:"IsTagFilter"`
	Filters       []*filter `json:"Filters"`
}

type describeRocketMQClustersResponse struct {
	ClusterList []rocketMQClusterDetail `json:"ClusterList"`
	TotalCount  uint64                  `json:"TotalCount"`
}

// describeRocketMQClusters lists every 4.x cluster of the account (virtual
// and dedicated, like the console). Filters are tag filters ("Currently, you
// can filter only by tag"): Name is the tag key (a "tag:" prefix is
// accepted), Values its accepted values; they apply when IsTagFilter is true.
func (g *gen4) describeRocketMQClusters(call *pipeline.Call) (any, error) {
	var req describeRocketMQClustersRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	var ids []string
	for _, id := range req.ClusterIdList {
		if id != nil {
			ids = append(ids, *id)
		}
	}
	var tagFilters []*tagFilter
	if req.IsTagFilter != nil && *req.IsTagFilter {
		for _, f := range req.Filters {
			if f == nil || f.Name == nil {
				return nil, ErrInvalidParameter.New().WithDetail(" (Filters.Name)")
			}
			key := strings.TrimPrefix(*f.Name, "tag:")
			tagFilters = append(tagFilters, &tagFilter{TagKey: &key, TagValues: f.Values})
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	acct := owner4(call)
	var match []*cluster4
	for _, c := range sorted4(g.clusters, func(c *cluster4) uint64 { return c.Seq }) {
		if c.Owner != acct || !contains4(c.ID, req.IdKeyword) || !contains4(c.Name, req.NameKeyword) {
			continue
		}
		if len(ids) > 0 && !inList4(c.ID, ids) {
			continue
		}
		if !matchTags4(c.Tags, tagFilters) {
			continue
		}
		match = append(match, c)
	}
	out := describeRocketMQClustersResponse{ClusterList: []rocketMQClusterDetail{}, TotalCount: uint64(len(match))}
	for _, c := range page4(match, req.Offset, g.pageSize(req.Limit)) {
		out.ClusterList = append(out.ClusterList, rocketMQClusterDetail{Info: g.info(c), Config: g.config(c), Status: g.status(c)})
	}
	return out, nil
}

// pageSize is Limit, or the default page when Limit is 0.
func (g *gen4) pageSize(limit uint64) uint64 {
	if limit == 0 {
		return g.limits.ListDefault
	}
	return limit
}

type modifyRocketMQClusterRequest struct {
	ClusterId           string  `json:"ClusterId" mq:"required"`
	ClusterName         *string `json:"ClusterName"`
	Remark              *string `json:"Remark"`
	PublicAccessEnabled *bool   `json:"PublicAccessEnabled"`
}

func (g *gen4) modifyRocketMQCluster(call *pipeline.Call) (any, error) {
	var req modifyRocketMQClusterRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.limits
	if req.ClusterName != nil {
		if err := checkName4(ErrInvalidParameter, "ClusterName", *req.ClusterName, l.ClusterNameMin, l.ClusterNameMax); err != nil {
			return nil, err
		}
	}
	if err := checkRemark4(ErrInvalidParameter, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	acct := owner4(call)
	c, err := g.clusterOf(acct, req.ClusterId, miss4{cluster: ErrResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	if req.ClusterName != nil {
		for _, o := range g.clusters {
			if o != c && o.Owner == acct && o.Kind == kindVirtual4 && c.Kind == kindVirtual4 && o.Name == *req.ClusterName {
				return nil, ErrResourceInUse.New().WithDetail(" (cluster name " + o.Name + " exists)")
			}
		}
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	if req.ClusterName != nil {
		c.Name = *req.ClusterName
	}
	if req.Remark != nil {
		c.Remark = *req.Remark
	}
	if req.PublicAccessEnabled != nil {
		c.PublicAccessEnabled = *req.PublicAccessEnabled
	}
	return struct{}{}, nil
}

// deleteRocketMQCluster deletes a virtual cluster with everything in it (no
// action documents a "cluster not empty" code). Dedicated clusters are
// deleted with DeleteRocketMQVipInstance.
func (g *gen4) deleteRocketMQCluster(call *pipeline.Call) (any, error) {
	var req clusterIDRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.clusterOf(owner4(call), req.ClusterId, miss4{cluster: ErrResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	if c.Kind != kindVirtual4 {
		return nil, ErrUnsupportedOperation.New().WithDetail(" (a dedicated cluster is deleted with DeleteRocketMQVipInstance)")
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	delete(g.clusters, c.ID)
	return struct{}{}, nil
}

// status is RocketMQClusterDetail.Status / InstanceStatus: 0 creating, 1 normal.
func (g *gen4) status(c *cluster4) int64 {
	if c.ready(g.now()) {
		return 1
	}
	return 0
}

// info renders RocketMQClusterInfo.
func (g *gen4) info(c *cluster4) rocketMQClusterInfo {
	host := c.ID + ".rocketmq." + c.Region
	vpcs := []vpc4{}
	if c.Vpc.VpcId != "" {
		vpcs = append(vpcs, c.Vpc)
	}
	zones := append([]int64{}, c.ZoneIDs...)
	var zone int64
	if len(zones) > 0 {
		zone = zones[0]
	}
	return rocketMQClusterInfo{
		ClusterId: c.ID, ClusterName: c.Name, Region: c.Region, CreateTime: ms4(c.Created), Remark: c.Remark,
		PublicEndPoint: "http://" + host + ".public.tencenttdmq.com:9876", VpcEndPoint: "http://" + host + ".qcloud.tencenttdmq.com:5098",
		SupportNamespaceEndpoint: c.Kind == kindVirtual4, Vpcs: vpcs, IsVip: c.Kind != kindVirtual4, RocketMQFlag: true,
		Status: 1, HttpPublicEndpoint: "http://" + host + ".public.tencenttdmq.com:8080", HttpVpcEndpoint: "http://" + host + ".qcloud.tencenttdmq.com:8080",
		InternalEndpoint: host + ".internal.tencenttdmq.com:9876", HttpInternalEndpoint: "http://" + host + ".internal.tencenttdmq.com:8080",
		AclEnabled: c.AclEnabled, VpcId: c.Vpc.VpcId, InstanceStatus: g.status(c), ZoneId: zone, ZoneIds: zones,
		EnableDeletionProtection: c.EnableDeletionProtection,
	}
}

// config renders RocketMQClusterConfig.
func (g *gen4) config(c *cluster4) rocketMQClusterConfig {
	nsMax, topicMax, groupMax := c.quotas(g.limits)
	return rocketMQClusterConfig{
		MaxTpsPerNamespace: 5000, MaxNamespaceNum: uint64(nsMax), UsedNamespaceNum: uint64(len(c.Namespaces)),
		MaxTopicNum: uint64(topicMax), UsedTopicNum: uint64(c.topicCount()), MaxGroupNum: uint64(groupMax), UsedGroupNum: uint64(c.groupCount()),
		MaxRetentionTime: uint64(g.limits.Retention.Milliseconds()), MaxLatencyTime: uint64(g.limits.MaxDelay.Milliseconds()),
		MaxQueuesPerTopic: g.limits.MaxPartitions, TopicDistribution: distribution4(c), MaxRoleNum: g.limits.MaxRoles, MaxTpsLimit: 5000,
	}
}

// stats renders RocketMQClusterRecentStats from the messages still retained.
func (g *gen4) stats(c *cluster4) rocketMQClusterRecentStats {
	var produced uint64
	now := g.now()
	for _, n := range c.Namespaces {
		for _, t := range n.Topics.byName {
			produced += uint64(len(t.live(now, g.limits.Retention)))
		}
	}
	return rocketMQClusterRecentStats{TopicNum: uint64(c.topicCount()), ProducedMsgNum: produced, AccumulativeMsgNum: produced}
}
