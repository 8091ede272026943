package rocketmq

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Virtual (shared) 4.x clusters: CreateRocketMQCluster and the rules of the
// actions that read, change and delete any 4.x cluster.

// defaultRegion is the region answers name for a cluster created by a call
// that named none (its Region, endpoints and zones). The cluster still
// belongs to the region "" (op.sees): a call naming ap-guangzhou does not
// find it, as a call naming none does not find ap-guangzhou's.
const defaultRegion = "ap-guangzhou"

// shownRegion is the region answers name for the cluster.
func (c *cluster) shownRegion() string {
	if c.Region == "" {
		return defaultRegion
	}
	return c.Region
}

// clusterSpec is what CreateRocketMQCluster asks for.
type clusterSpec struct {
	name   string
	remark *string
	tags   []tag
}

// createCluster checks the name and remark, then, with the name new among
// the account's virtual clusters in the call's region and room under their
// quota, inserts the cluster and returns its id. Both the name and the
// quota are per account and region: the limits page (tdmq.md §3, 1493/115875)
// gives the virtual cluster quota "per region", and a name is what the
// console lists the clusters of one region by.
func (s *store) createCluster(o op, a clusterSpec) (string, error) {
	l := s.limits
	if err := checkName(errInvalidParameter, "Name", a.name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
		return "", err
	}
	if err := checkRemark(errInvalidParameter, a.remark, l.RemarkMax); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	virtual := 0
	for _, c := range s.scoped(o).all {
		if c.Kind != kindVirtual {
			continue
		}
		if c.Name == a.name {
			return "", errResourceInUse.New().WithDetail(" (cluster name " + a.name + " exists)")
		}
		virtual++
	}
	if virtual >= l.VirtualClusters {
		return "", errLimitExceededClusters.New()
	}
	if o.dry {
		return "", errDryRunOperation.New()
	}
	c := s.newCluster(o, kindVirtual, a.name, str(a.remark), a.tags)
	return c.ID, nil
}

// newCluster inserts a cluster of the caller's account and region; the
// caller holds mu. Ids are unique across accounts and regions.
func (s *store) newCluster(o op, kind clusterKind, name, remark string, tags []tag) *cluster {
	id := "rocketmq-" + randomID(12)
	for s.clusters[id] != nil {
		id = "rocketmq-" + randomID(12)
	}
	c := &cluster{
		ID: id, Name: name, Remark: remark, Owner: o.owner, Region: o.region, Kind: kind, Tags: tags,
		Created: o.now, ReadyAt: o.now.Add(s.readyAfter), Seq: s.next(),
		AclEnabled: true, SendReceiveRatio: 0.5, Retention: 72,
		Namespaces: map[string]*namespace{}, Roles: map[string]*role{},
	}
	s.addCluster(c)
	return c
}

// declaredClusterID is an id a declaration may give a cluster: the prefix
// and alphabet of the ids the API hands out, any length up to 32.
var declaredClusterID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^rocketmq-[a-z0-9]{1,32}$`) })

// declareCluster makes the cluster just created under the generated id a
// declared one (accounts[].resources): it takes the id the declaration
// names, which must look like an API id and be nobody's, and is RUNNING at
// once, as a cluster made before the emulator started would be.
func (s *store) declareCluster(generated, id string) error {
	if !declaredClusterID().MatchString(id) {
		return errInvalidParameterValue.New().WithDetail(" (clusterId must be rocketmq- followed by 1-32 lower-case letters and digits)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.clusters[generated]
	if c == nil {
		return errResourceNotFoundCluster.New()
	}
	if id != generated && s.clusters[id] != nil {
		return errResourceInUse.New().WithDetail(" (cluster id " + id + " exists)")
	}
	delete(s.clusters, generated)
	c.ID, c.ReadyAt = id, c.Created
	s.clusters[id] = c
	// The id is part of the (creation, id) order the fusion list reads.
	s.scopes[scope{c.Owner, c.Region}].byCreated.Invalidate()
	return nil
}

// describeCluster reports a cluster (virtual or dedicated).
func (s *store) describeCluster(o op, id string) (rocketMQClusterInfo, rocketMQClusterConfig, rocketMQClusterRecentStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.clusterOf(o, id, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return rocketMQClusterInfo{}, rocketMQClusterConfig{}, rocketMQClusterRecentStats{}, err
	}
	return s.info(c, o.now), s.config(c), s.stats(c, o.now), nil
}

// clusterQuery is DescribeRocketMQClusters' selection and page.
type clusterQuery struct {
	offset, limit          uint64
	idKeyword, nameKeyword *string
	ids                    []*string
	isTagFilter            *bool
	filters                []*filter
}

// describeClusters lists every 4.x cluster of the account in the call's
// region (virtual and dedicated, like the console) and how many match in all. Filters are tag
// filters ("Currently, you can filter only by tag"): Name is the tag key (a
// "tag:" prefix is accepted), Values its accepted values; they apply when
// IsTagFilter is true.
func (s *store) describeClusters(o op, q clusterQuery) (uint64, []rocketMQClusterDetail, error) {
	var ids []string
	for _, id := range q.ids {
		if id != nil {
			ids = append(ids, *id)
		}
	}
	var tagFilters []*tagFilter
	if q.isTagFilter != nil && *q.isTagFilter {
		for _, f := range q.filters {
			if f == nil || f.Name == nil {
				return 0, nil, errInvalidParameter.New().WithDetail(" (Filters.Name)")
			}
			key := strings.TrimPrefix(*f.Name, "tag:")
			tagFilters = append(tagFilters, &tagFilter{TagKey: &key, TagValues: f.Values})
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var keep func(*cluster) bool
	if q.idKeyword != nil || q.nameKeyword != nil || len(ids) > 0 || len(tagFilters) > 0 {
		keep = func(c *cluster) bool {
			return contains(c.ID, q.idKeyword) && contains(c.Name, q.nameKeyword) &&
				(len(ids) == 0 || inList(c.ID, ids)) && tcdata.TagsMatch(c.Tags, tagFilters)
		}
	}
	total, pg := filterPage(s.scoped(o).all, q.offset, s.pageSize(q.limit), keep)
	out := []rocketMQClusterDetail{}
	for _, c := range pg {
		out = append(out, rocketMQClusterDetail{Info: s.info(c, o.now), Config: s.config(c), Status: status(c, o.now)})
	}
	return total, out, nil
}

// pageSize is Limit, or the default page when Limit is 0.
func (s *store) pageSize(limit uint64) uint64 {
	if limit == 0 {
		return s.limits.ListDefault
	}
	return limit
}

// clusterChange is what ModifyRocketMQCluster changes; nil keeps a value.
type clusterChange struct {
	name, remark        *string
	publicAccessEnabled *bool
}

// modifyCluster renames a cluster (a virtual one's name stays unique among
// the account's virtual clusters in its region) and changes its remark and public access.
func (s *store) modifyCluster(o op, id string, a clusterChange) error {
	l := s.limits
	if a.name != nil {
		if err := checkName(errInvalidParameter, "ClusterName", *a.name, l.ClusterNameMin, l.ClusterNameMax); err != nil {
			return err
		}
	}
	if err := checkRemark(errInvalidParameter, a.remark, l.RemarkMax); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.clusterOf(o, id, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return err
	}
	if a.name != nil {
		for _, other := range s.clusters {
			if other != c && o.sees(other) && other.Kind == kindVirtual && c.Kind == kindVirtual && other.Name == *a.name {
				return errResourceInUse.New().WithDetail(" (cluster name " + other.Name + " exists)")
			}
		}
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
	if a.publicAccessEnabled != nil {
		c.PublicAccessEnabled = *a.publicAccessEnabled
	}
	return nil
}

// deleteCluster deletes a virtual cluster with everything in it (no action
// documents a "cluster not empty" code). Dedicated clusters are deleted
// with DeleteRocketMQVipInstance.
func (s *store) deleteCluster(o op, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.clusterOf(o, id, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return err
	}
	if c.Kind != kindVirtual {
		return errUnsupportedOperation.New().WithDetail(" (a dedicated cluster is deleted with DeleteRocketMQVipInstance)")
	}
	if o.dry {
		return errDryRunOperation.New()
	}
	s.removeCluster(c)
	return nil
}

// status is RocketMQClusterDetail.Status / InstanceStatus: 0 creating, 1 normal.
func status(c *cluster, now time.Time) int64 {
	if c.ready(now) {
		return 1
	}
	return 0
}

// info renders RocketMQClusterInfo; the caller holds mu.
func (s *store) info(c *cluster, now time.Time) rocketMQClusterInfo {
	host := c.ID + ".rocketmq." + c.shownRegion()
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
		ClusterId: c.ID, ClusterName: c.Name, Region: c.shownRegion(), CreateTime: ms(c.Created), Remark: c.Remark,
		PublicEndPoint: "http://" + host + ".public.tencenttdmq.com:9876", VpcEndPoint: "http://" + host + ".qcloud.tencenttdmq.com:5098",
		SupportNamespaceEndpoint: c.Kind == kindVirtual, Vpcs: vpcs, IsVip: c.Kind != kindVirtual, RocketMQFlag: true,
		Status: 1, HttpPublicEndpoint: "http://" + host + ".public.tencenttdmq.com:8080", HttpVpcEndpoint: "http://" + host + ".qcloud.tencenttdmq.com:8080",
		InternalEndpoint: host + ".internal.tencenttdmq.com:9876", HttpInternalEndpoint: "http://" + host + ".internal.tencenttdmq.com:8080",
		AclEnabled: c.AclEnabled, VpcId: c.Vpc.VpcId, InstanceStatus: status(c, now), ZoneId: zone, ZoneIds: zones,
		EnableDeletionProtection: c.EnableDeletionProtection,
	}
}

// config renders RocketMQClusterConfig; the caller holds mu.
func (s *store) config(c *cluster) rocketMQClusterConfig {
	nsMax, topicMax, groupMax := c.quotas(s.limits)
	return rocketMQClusterConfig{
		MaxTpsPerNamespace: 5000, MaxNamespaceNum: uint64(nsMax), UsedNamespaceNum: uint64(len(c.Namespaces)),
		MaxTopicNum: uint64(topicMax), UsedTopicNum: uint64(c.topicCount()), MaxGroupNum: uint64(groupMax), UsedGroupNum: uint64(c.groupCount()),
		MaxRetentionTime: uint64(s.limits.Retention.Milliseconds()), MaxLatencyTime: uint64(s.limits.MaxDelay.Milliseconds()),
		MaxQueuesPerTopic: s.limits.MaxPartitions, TopicDistribution: distribution(c), MaxRoleNum: s.limits.MaxRoles, MaxTpsLimit: 5000,
	}
}

// stats renders RocketMQClusterRecentStats from the messages still
// retained; the caller holds mu.
func (s *store) stats(c *cluster, now time.Time) rocketMQClusterRecentStats {
	var produced uint64
	for _, n := range c.Namespaces {
		for _, t := range n.Topics.byName {
			produced += uint64(len(t.live(now, s.limits.Retention)))
		}
	}
	return rocketMQClusterRecentStats{TopicNum: uint64(c.topicCount()), ProducedMsgNum: produced, AccumulativeMsgNum: produced}
}
