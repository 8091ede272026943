package rocketmq

import (
	"strings"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Virtual (shared) 4.x clusters: CreateRocketMQCluster and the actions that
// read, change and delete any 4.x cluster.

// defaultRegion is reported when a call names none.
const defaultRegion = "ap-guangzhou"

type createRocketMQClusterRequest struct {
	Name    string   `json:"Name" mq:"required"`
	Remark  *string  `json:"Remark"`
	TagList []*tagIn `json:"TagList"`
}

type clusterIDResponse struct {
	ClusterId string `json:"ClusterId"`
}

func (g *Product) createRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQClusterRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.store.limits
	if err := checkName(errInvalidParameter, "Name", req.Name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
		return nil, err
	}
	if err := checkRemark(errInvalidParameter, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	acct := accountOf(call)
	virtual := 0
	for _, c := range g.store.clusters {
		if c.Owner != acct || c.Kind != kindVirtual {
			continue
		}
		if c.Name == req.Name {
			return nil, errResourceInUse.New().WithDetail(" (cluster name " + req.Name + " exists)")
		}
		virtual++
	}
	if virtual >= l.VirtualClusters {
		return nil, errLimitExceededClusters.New()
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	c := g.newCluster(call, kindVirtual, req.Name, str(req.Remark), tagsIn(req.TagList))
	return clusterIDResponse{ClusterId: c.ID}, nil
}

// newCluster inserts a cluster; the caller holds g.store.mu.
func (g *Product) newCluster(call *pipeline.Call, kind clusterKind, name, remark string, tags []tag) *cluster {
	id := "rocketmq-" + randomID(12)
	for g.store.clusters[id] != nil {
		id = "rocketmq-" + randomID(12)
	}
	region := call.Region
	if region == "" {
		region = defaultRegion
	}
	now := g.now()
	c := &cluster{
		ID: id, Name: name, Remark: remark, Owner: accountOf(call), Region: region, Kind: kind, Tags: tags,
		Created: now, ReadyAt: now.Add(g.store.readyAfter), Seq: g.store.next(),
		AclEnabled: true, SendReceiveRatio: 0.5, Retention: 72,
		Namespaces: map[string]*namespace{}, Roles: map[string]*role{},
	}
	g.store.clusters[id] = c
	return c
}

type clusterIDRequest struct {
	ClusterId string `json:"ClusterId" mq:"required"`
}

type describeRocketMQClusterResponse struct {
	ClusterInfo   rocketMQClusterInfo        `json:"ClusterInfo"`
	ClusterConfig rocketMQClusterConfig      `json:"ClusterConfig"`
	ClusterStats  rocketMQClusterRecentStats `json:"ClusterStats"`
}

func (g *Product) describeRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.store.clusterOf(accountOf(call), req.ClusterId, miss{cluster: errResourceNotFoundCluster})
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
func (g *Product) describeRocketMQClusters(o op, call *pipeline.Call) (any, error) {
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
				return nil, errInvalidParameter.New().WithDetail(" (Filters.Name)")
			}
			key := strings.TrimPrefix(*f.Name, "tag:")
			tagFilters = append(tagFilters, &tagFilter{TagKey: &key, TagValues: f.Values})
		}
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	acct := accountOf(call)
	var match []*cluster
	for _, c := range sorted(g.store.clusters, func(c *cluster) uint64 { return c.Seq }) {
		if c.Owner != acct || !contains(c.ID, req.IdKeyword) || !contains(c.Name, req.NameKeyword) {
			continue
		}
		if len(ids) > 0 && !inList(c.ID, ids) {
			continue
		}
		if !matchTags(c.Tags, tagFilters) {
			continue
		}
		match = append(match, c)
	}
	out := describeRocketMQClustersResponse{ClusterList: []rocketMQClusterDetail{}, TotalCount: uint64(len(match))}
	for _, c := range page(match, req.Offset, g.pageSize(req.Limit)) {
		out.ClusterList = append(out.ClusterList, rocketMQClusterDetail{Info: g.info(c), Config: g.config(c), Status: g.status(c)})
	}
	return out, nil
}

// pageSize is Limit, or the default page when Limit is 0.
func (g *Product) pageSize(limit uint64) uint64 {
	if limit == 0 {
		return g.store.limits.ListDefault
	}
	return limit
}

type modifyRocketMQClusterRequest struct {
	ClusterId           string  `json:"ClusterId" mq:"required"`
	ClusterName         *string `json:"ClusterName"`
	Remark              *string `json:"Remark"`
	PublicAccessEnabled *bool   `json:"PublicAccessEnabled"`
}

func (g *Product) modifyRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQClusterRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.store.limits
	if req.ClusterName != nil {
		if err := checkName(errInvalidParameter, "ClusterName", *req.ClusterName, l.ClusterNameMin, l.ClusterNameMax); err != nil {
			return nil, err
		}
	}
	if err := checkRemark(errInvalidParameter, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	acct := accountOf(call)
	c, err := g.store.clusterOf(acct, req.ClusterId, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	if req.ClusterName != nil {
		for _, o := range g.store.clusters {
			if o != c && o.Owner == acct && o.Kind == kindVirtual && c.Kind == kindVirtual && o.Name == *req.ClusterName {
				return nil, errResourceInUse.New().WithDetail(" (cluster name " + o.Name + " exists)")
			}
		}
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
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
func (g *Product) deleteRocketMQCluster(o op, call *pipeline.Call) (any, error) {
	var req clusterIDRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.store.clusterOf(accountOf(call), req.ClusterId, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	if c.Kind != kindVirtual {
		return nil, errUnsupportedOperation.New().WithDetail(" (a dedicated cluster is deleted with DeleteRocketMQVipInstance)")
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	delete(g.store.clusters, c.ID)
	return struct{}{}, nil
}

// status is RocketMQClusterDetail.Status / InstanceStatus: 0 creating, 1 normal.
func (g *Product) status(c *cluster) int64 {
	if c.ready(g.now()) {
		return 1
	}
	return 0
}

// info renders RocketMQClusterInfo.
func (g *Product) info(c *cluster) rocketMQClusterInfo {
	host := c.ID + ".rocketmq." + c.Region
	vpcs := []vpc{}
	if c.Vpc.VpcId != "" {
		vpcs = append(vpcs, c.Vpc)
	}
	zones := append([]int64{}, c.ZoneIDs...)
	var zone int64
	if len(zones) > 0 {
		zone = zones[0]
	}
	return rocketMQClusterInfo{
		ClusterId: c.ID, ClusterName: c.Name, Region: c.Region, CreateTime: ms(c.Created), Remark: c.Remark,
		PublicEndPoint: "http://" + host + ".public.tencenttdmq.com:9876", VpcEndPoint: "http://" + host + ".qcloud.tencenttdmq.com:5098",
		SupportNamespaceEndpoint: c.Kind == kindVirtual, Vpcs: vpcs, IsVip: c.Kind != kindVirtual, RocketMQFlag: true,
		Status: 1, HttpPublicEndpoint: "http://" + host + ".public.tencenttdmq.com:8080", HttpVpcEndpoint: "http://" + host + ".qcloud.tencenttdmq.com:8080",
		InternalEndpoint: host + ".internal.tencenttdmq.com:9876", HttpInternalEndpoint: "http://" + host + ".internal.tencenttdmq.com:8080",
		AclEnabled: c.AclEnabled, VpcId: c.Vpc.VpcId, InstanceStatus: g.status(c), ZoneId: zone, ZoneIds: zones,
		EnableDeletionProtection: c.EnableDeletionProtection,
	}
}

// config renders RocketMQClusterConfig.
func (g *Product) config(c *cluster) rocketMQClusterConfig {
	nsMax, topicMax, groupMax := c.quotas(g.store.limits)
	return rocketMQClusterConfig{
		MaxTpsPerNamespace: 5000, MaxNamespaceNum: uint64(nsMax), UsedNamespaceNum: uint64(len(c.Namespaces)),
		MaxTopicNum: uint64(topicMax), UsedTopicNum: uint64(c.topicCount()), MaxGroupNum: uint64(groupMax), UsedGroupNum: uint64(c.groupCount()),
		MaxRetentionTime: uint64(g.store.limits.Retention.Milliseconds()), MaxLatencyTime: uint64(g.store.limits.MaxDelay.Milliseconds()),
		MaxQueuesPerTopic: g.store.limits.MaxPartitions, TopicDistribution: distribution(c), MaxRoleNum: g.store.limits.MaxRoles, MaxTpsLimit: 5000,
	}
}

// stats renders RocketMQClusterRecentStats from the messages still retained.
func (g *Product) stats(c *cluster) rocketMQClusterRecentStats {
	var produced uint64
	now := g.now()
	for _, n := range c.Namespaces {
		for _, t := range n.Topics.byName {
			produced += uint64(len(t.live(now, g.store.limits.Retention)))
		}
	}
	return rocketMQClusterRecentStats{TopicNum: uint64(c.topicCount()), ProducedMsgNum: produced, AccumulativeMsgNum: produced}
}
