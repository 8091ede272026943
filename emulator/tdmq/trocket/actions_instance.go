package trocket

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x instance actions (tdmq.md §5 "Instances").

type createInstanceReq struct {
	InstanceType     *string  `json:"InstanceType" mq:"required"`
	Name             *string  `json:"Name" mq:"required"`
	SkuCode          *string  `json:"SkuCode" mq:"required"`
	VpcList          []vpc    `json:"VpcList" mq:"required"`
	Remark           *string  `json:"Remark"`
	TagList          []*tagIn `json:"TagList"`
	EnablePublic     *bool    `json:"EnablePublic"`
	BillingFlow      *bool    `json:"BillingFlow"`
	Bandwidth        *int64   `json:"Bandwidth"`
	IpRules          []ipRule `json:"IpRules"`
	MessageRetention *int64   `json:"MessageRetention"`
	PayMode          *int64   `json:"PayMode"`
	RenewFlag        *int64   `json:"RenewFlag"`
	TimeSpan         *int64   `json:"TimeSpan"`
	MaxTopicNum      *int64   `json:"MaxTopicNum"`
	ZoneIds          []int64  `json:"ZoneIds"`
}

type createInstanceResp struct {
	InstanceId string `json:"InstanceId"`
}

func (g *Product) createInstance(o op, call *pipeline.Call) (any, error) {
	var req createInstanceReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	typ, name := *req.InstanceType, *req.Name
	if !oneOf(typ, instanceTypes...) {
		return nil, invalid("InstanceType", "one of "+strings.Join(instanceTypes, ", "))
	}
	if !instanceName.MatchString(name) {
		return nil, invalid("Name", "3-64 characters of letters, digits, - and _")
	}
	sku, ok := skuByCode(*req.SkuCode)
	if !ok || sku.InstanceType != typ {
		return nil, invalid("SkuCode", "not a "+typ+" SKU of DescribeProductSKUs")
	}
	if len(req.VpcList) == 0 {
		return nil, invalid("VpcList", "at least one VPC")
	}
	for _, v := range req.VpcList {
		if v.VpcId == "" || v.SubnetId == "" {
			return nil, invalid("VpcList", "VpcId and SubnetId are required")
		}
	}
	if err := checkRemark("Remark", req.Remark); err != nil {
		return nil, err
	}
	if err := firstErr(
		checkRange("MessageRetention", req.MessageRetention, sku.RetentionLowerLimit, sku.RetentionUpperLimit),
		checkRange("MaxTopicNum", req.MaxTopicNum, sku.TopicNumLimit, sku.TopicNumUpperLimit),
		checkRange("PayMode", req.PayMode, 0, 1),
		checkRange("RenewFlag", req.RenewFlag, 0, 1),
		checkRange("TimeSpan", req.TimeSpan, 1, timeSpanMax),
		checkRange("Bandwidth", req.Bandwidth, 0, 1<<20),
	); err != nil {
		return nil, err
	}
	public := req.EnablePublic != nil && *req.EnablePublic
	if public && (req.Bandwidth == nil || *req.Bandwidth <= 0) {
		return nil, invalid("Bandwidth", "must be positive when EnablePublic is true")
	}
	in := &instance{
		owner: o.owner, id: newID("rmq-", 8), name: name, typ: typ, remark: str(req.Remark), sku: sku,
		tags: tags(req.TagList), vpcs: req.VpcList, enablePublic: public, billingFlow: deref(req.BillingFlow),
		bandwidth: derefInt(req.Bandwidth, 0), ipRules: req.IpRules, retention: derefInt(req.MessageRetention, sku.DefaultRetention),
		payMode: derefInt(req.PayMode, 0), renewFlag: derefInt(req.RenewFlag, 0), timeSpan: derefInt(req.TimeSpan, 1),
		topicNumLimit: derefInt(req.MaxTopicNum, sku.TopicNumLimit), zoneIDs: append([]int64{}, req.ZoneIds...),
		created: o.now, readyAt: o.now.Add(g.opts.ReadyAfter), sendReceiveRatio: 0.5,
		topics: map[string]*topic{}, groups: map[string]*group{}, roles: map[string]*role{},
		subs: map[subKey]*sub{}, clients: map[string]*client{}, producers: map[string]map[string]*producer{},
		messages: map[string]*message{},
	}
	if o.dry {
		return nil, nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seq++
	in.seq = g.seq
	g.instances[in.id] = in
	return createInstanceResp{InstanceId: in.id}, nil
}

type instanceIDReq struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
}

type describeInstanceResp struct {
	InstanceType            string              `json:"InstanceType"`
	InstanceId              string              `json:"InstanceId"`
	InstanceName            string              `json:"InstanceName"`
	TopicNum                int64               `json:"TopicNum"`
	TopicNumLimit           int64               `json:"TopicNumLimit"`
	GroupNum                int64               `json:"GroupNum"`
	GroupNumLimit           int64               `json:"GroupNumLimit"`
	MessageRetention        int64               `json:"MessageRetention"`
	RetentionUpperLimit     int64               `json:"RetentionUpperLimit"`
	RetentionLowerLimit     int64               `json:"RetentionLowerLimit"`
	TpsLimit                int64               `json:"TpsLimit"`
	ScaledTpsLimit          int64               `json:"ScaledTpsLimit"`
	MaxMessageDelay         int64               `json:"MaxMessageDelay"`
	CreatedTime             int64               `json:"CreatedTime"`
	SendReceiveRatio        float64             `json:"SendReceiveRatio"`
	TagList                 []tag               `json:"TagList"`
	EndpointList            []endpoint          `json:"EndpointList"`
	TopicQueueNumUpperLimit int64               `json:"TopicQueueNumUpperLimit"`
	TopicQueueNumLowerLimit int64               `json:"TopicQueueNumLowerLimit"`
	Remark                  string              `json:"Remark"`
	InstanceStatus          string              `json:"InstanceStatus"`
	SkuCode                 string              `json:"SkuCode"`
	PayMode                 string              `json:"PayMode"`
	ScaledTpsEnabled        bool                `json:"ScaledTpsEnabled"`
	RenewFlag               int64               `json:"RenewFlag"`
	ExpiryTime              int64               `json:"ExpiryTime"`
	RoleNumLimit            int64               `json:"RoleNumLimit"`
	AclEnabled              bool                `json:"AclEnabled"`
	TopicNumLowerLimit      int64               `json:"TopicNumLowerLimit"`
	TopicNumUpperLimit      int64               `json:"TopicNumUpperLimit"`
	ZoneIds                 []int64             `json:"ZoneIds"`
	NodeCount               int64               `json:"NodeCount"`
	ZoneScheduledList       []zoneScheduledItem `json:"ZoneScheduledList"`
}

func (g *Product) describeInstance(o op, call *pipeline.Call) (any, error) {
	var req instanceIDReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	zones := []zoneScheduledItem{}
	for _, z := range in.zoneIDs {
		zones = append(zones, zoneScheduledItem{ZoneId: strconv.FormatInt(z, 10)})
	}
	return describeInstanceResp{
		InstanceType: in.typ, InstanceId: in.id, InstanceName: in.name,
		TopicNum: int64(len(in.topics)), TopicNumLimit: in.topicNumLimit,
		GroupNum: int64(len(in.groups)), GroupNumLimit: in.sku.GroupNumLimit,
		MessageRetention: in.retention, RetentionUpperLimit: in.sku.RetentionUpperLimit, RetentionLowerLimit: in.sku.RetentionLowerLimit,
		TpsLimit: in.sku.TpsLimit, ScaledTpsLimit: in.sku.TpsLimit * 2, MaxMessageDelay: in.sku.MaxMessageDelay,
		CreatedTime: ms(in.created), SendReceiveRatio: in.sendReceiveRatio, TagList: nonNil(in.tags),
		EndpointList: in.endpoints(call.Region), TopicQueueNumUpperLimit: queueNumMax, TopicQueueNumLowerLimit: queueNumMin,
		Remark: in.remark, InstanceStatus: in.status(o.now), SkuCode: in.sku.SkuCode, PayMode: in.payModeName(),
		ScaledTpsEnabled: in.scaledTps, RenewFlag: in.renewFlag, ExpiryTime: in.expiry(), RoleNumLimit: in.sku.RoleNumLimit,
		AclEnabled: in.acl, TopicNumLowerLimit: in.sku.TopicNumLimit, TopicNumUpperLimit: in.sku.TopicNumUpperLimit,
		ZoneIds: nonNil(in.zoneIDs), NodeCount: 2, ZoneScheduledList: zones,
	}, nil
}

func (in *instance) payModeName() string {
	if in.payMode == 1 {
		return "PREPAID"
	}
	return "POSTPAID"
}

// expiry is the prepaid end (creation + TimeSpan months); 0 for postpaid.
func (in *instance) expiry() int64 {
	if in.payMode != 1 {
		return 0
	}
	return ms(in.created.AddDate(0, int(in.timeSpan), 0))
}

// endpoints are the VPC access points, plus the public one when enabled.
// The addresses are illustrative: mqmock serves no RocketMQ protocol.
func (in *instance) endpoints(region string) []endpoint {
	if region == "" {
		region = "ap-guangzhou"
	}
	out := []endpoint{}
	for _, v := range in.vpcs {
		out = append(out, endpoint{Type: "VPC", Status: "OPEN", EndpointUrl: in.id + "." + region + ".rocketmq.mqmock.local:8080",
			VpcId: v.VpcId, SubnetId: v.SubnetId, IpRules: []ipRule{}})
	}
	if in.enablePublic {
		out = append(out, endpoint{Type: "PUBLIC", Status: "OPEN", PayMode: in.payModeName(),
			EndpointUrl: in.id + "-public." + region + ".rocketmq.mqmock.local:8080", Bandwidth: in.bandwidth,
			IpRules: nonNil(in.ipRules), BillingFlow: in.billingFlow})
	}
	return out
}

func (in *instance) item(now time.Time) instanceItem {
	return instanceItem{
		InstanceId: in.id, InstanceName: in.name, Version: version, InstanceType: in.typ, InstanceStatus: in.status(now),
		TopicNumLimit: in.topicNumLimit, GroupNumLimit: in.sku.GroupNumLimit, PayMode: in.payModeName(), ExpiryTime: in.expiry(),
		Remark: in.remark, TopicNum: int64(len(in.topics)), GroupNum: int64(len(in.groups)), TagList: nonNil(in.tags),
		SkuCode: in.sku.SkuCode, TpsLimit: in.sku.TpsLimit, ScaledTpsLimit: in.sku.TpsLimit * 2, MessageRetention: in.retention,
		MaxMessageDelay: in.sku.MaxMessageDelay, RenewFlag: in.renewFlag,
	}
}

// version is the Version of a 5.x instance, the value the
// DescribeFusionInstanceList "Version" filter selects 5.x clusters with ("4"
// selects 4.x); the exact string a real server returns is unconfirmed.
const version = "5"

type describeInstanceListReq struct {
	Filters    []*filter    `json:"Filters"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
}

type describeInstanceListResp struct {
	TotalCount int64          `json:"TotalCount"`
	Data       []instanceItem `json:"Data"`
}

// matchingInstances applies an instance list's Filters and TagFilters.
func (g *Product) matchingInstances(o op, req *describeInstanceListReq) ([]*instance, error) {
	fs, err := filters(req.Filters, "InstanceName", "InstanceId", "InstanceType", "InstanceStatus")
	if err != nil {
		return nil, err
	}
	var out []*instance
	for _, in := range g.sortedInstances() {
		if in.owner == o.owner && fs.fuzzy("InstanceName", in.name) && fs.exact("InstanceId", in.id) &&
			fs.exact("InstanceType", in.typ) && fs.exact("InstanceStatus", in.status(o.now)) &&
			tagsMatch(req.TagFilters, in.tags) {
			out = append(out, in)
		}
	}
	return out, nil
}

func (g *Product) describeInstanceList(o op, call *pipeline.Call) (any, error) {
	var req describeInstanceListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	all, err := g.matchingInstances(o, &req)
	if err != nil {
		return nil, err
	}
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeInstanceListResp{TotalCount: int64(len(all)), Data: []instanceItem{}}
	for _, in := range all[from:to] {
		resp.Data = append(resp.Data, in.item(o.now))
	}
	return resp, nil
}

type describeFusionInstanceListResp struct {
	TotalCount int64                `json:"TotalCount"`
	Data       []fusionInstanceItem `json:"Data"`
}

// describeFusionInstanceList lists the account's clusters of both
// generations (tdmq.md §5), filtered alike and ordered by creation time.
func (g *Product) describeFusionInstanceList(o op, call *pipeline.Call) (any, error) {
	var req describeInstanceListReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters(req.Filters, "InstanceName", "InstanceId", "InstanceType", "InstanceStatus", "Version")
	if err != nil {
		return nil, err
	}
	// The other products' instances first, outside this product's lock: two
	// products never hold each other's locks.
	var items []fusionInstanceItem
	for _, other := range g.others(o.owner, o.now) {
		items = append(items, other.item())
	}
	g.mu.Lock()
	for _, in := range g.sortedInstances() {
		if in.owner == o.owner {
			items = append(items, fusionInstanceItem{
				instanceItem: in.item(o.now), ZoneIds: nonNil(in.zoneIDs), EnableDeletionProtection: in.deletionProtect,
				CreateTime: ms(in.created), ScaledTpsEnabled: in.scaledTps,
			})
		}
	}
	g.mu.Unlock()
	var all []fusionInstanceItem
	for _, it := range items {
		if fs.fuzzy("InstanceName", it.InstanceName) && fs.exact("InstanceId", it.InstanceId) &&
			fs.exact("InstanceType", it.InstanceType) && fs.exact("InstanceStatus", it.InstanceStatus) &&
			fs.exact("Version", it.Version) && tagsMatch(req.TagFilters, it.TagList) {
			all = append(all, it)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].CreateTime != all[j].CreateTime {
			return all[i].CreateTime < all[j].CreateTime
		}
		return all[i].InstanceId < all[j].InstanceId
	})
	from, to, err := page(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	return describeFusionInstanceListResp{TotalCount: int64(len(all)), Data: append([]fusionInstanceItem{}, all[from:to]...)}, nil
}

type modifyInstanceReq struct {
	InstanceId               *string   `json:"InstanceId" mq:"required"`
	Name                     *string   `json:"Name"`
	Remark                   *string   `json:"Remark"`
	SendReceiveRatio         *float64  `json:"SendReceiveRatio"`
	SkuCode                  *string   `json:"SkuCode"`
	MessageRetention         *int64    `json:"MessageRetention"`
	ScaledTpsEnabled         *bool     `json:"ScaledTpsEnabled"`
	AclEnabled               *bool     `json:"AclEnabled"`
	MaxTopicNum              *int64    `json:"MaxTopicNum"`
	ExtraTopicNum            *string   `json:"ExtraTopicNum"`
	EnableDeletionProtection *bool     `json:"EnableDeletionProtection"`
	ZoneIds                  []*string `json:"ZoneIds"`
}

func (g *Product) modifyInstance(o op, call *pipeline.Call) (any, error) {
	var req modifyInstanceReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Name != nil && !instanceName.MatchString(*req.Name) {
		return nil, invalid("Name", "3-64 characters of letters, digits, - and _")
	}
	if err := checkRemark("Remark", req.Remark); err != nil {
		return nil, err
	}
	if r := req.SendReceiveRatio; r != nil && (*r <= 0 || *r >= 1) {
		return nil, invalid("SendReceiveRatio", "between 0 and 1")
	}
	var zones []int64
	for _, z := range strs(req.ZoneIds) {
		n, err := strconv.ParseInt(z, 10, 64)
		if err != nil || n < 0 {
			return nil, invalid("ZoneIds", "zone ids are numbers")
		}
		zones = append(zones, n)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if err := in.ready(o.now); err != nil {
		return nil, err
	}
	sku := in.sku
	if req.SkuCode != nil {
		s, ok := skuByCode(*req.SkuCode)
		if !ok || s.InstanceType != in.typ {
			return nil, invalid("SkuCode", "not a "+in.typ+" SKU of DescribeProductSKUs")
		}
		sku = s
	}
	limit := max(in.topicNumLimit, sku.TopicNumLimit)
	limit = min(limit, sku.TopicNumUpperLimit)
	if req.MaxTopicNum != nil {
		limit = *req.MaxTopicNum
	}
	if req.ExtraTopicNum != nil {
		n, err := strconv.ParseInt(*req.ExtraTopicNum, 10, 64)
		if err != nil || n < 0 {
			return nil, invalid("ExtraTopicNum", "a non-negative integer")
		}
		limit = sku.TopicNumLimit + n
	}
	if limit < int64(len(in.topics)) {
		return nil, errUnsupportedOperationInstanceTopicNumDowngrade.New().WithDetail(
			" (" + strconv.Itoa(len(in.topics)) + " topics in use, asked for " + strconv.FormatInt(limit, 10) + ")")
	}
	if limit < sku.TopicNumLimit || limit > sku.TopicNumUpperLimit {
		return nil, invalid("MaxTopicNum", "must be between "+strconv.FormatInt(sku.TopicNumLimit, 10)+" and "+strconv.FormatInt(sku.TopicNumUpperLimit, 10))
	}
	if err := checkRange("MessageRetention", req.MessageRetention, sku.RetentionLowerLimit, sku.RetentionUpperLimit); err != nil {
		return nil, err
	}
	if o.dry {
		return nil, nil
	}
	in.sku, in.topicNumLimit = sku, limit
	if req.Name != nil {
		in.name = *req.Name
	}
	if req.Remark != nil {
		in.remark = *req.Remark
	}
	if req.SendReceiveRatio != nil {
		in.sendReceiveRatio = *req.SendReceiveRatio
	}
	if req.MessageRetention != nil {
		in.retention = *req.MessageRetention
	}
	if req.ScaledTpsEnabled != nil {
		in.scaledTps = *req.ScaledTpsEnabled
	}
	if req.AclEnabled != nil {
		in.acl = *req.AclEnabled
	}
	if req.EnableDeletionProtection != nil {
		in.deletionProtect = *req.EnableDeletionProtection
	}
	if req.ZoneIds != nil {
		in.zoneIDs = zones
	}
	return struct{}{}, nil
}

// deleteInstance refuses an instance that still holds topics, groups or
// roles (ResourceInUse; the API doc: "Topics, consumer groups, and roles in
// use should be deleted first") and one with deletion protection on
// (FailedOperation, emulator choice).
func (g *Product) deleteInstance(o op, call *pipeline.Call) (any, error) {
	var req instanceIDReq
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance(o.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if n := len(in.topics) + len(in.groups) + len(in.roles); n > 0 {
		return nil, errResourceInUse.New().WithDetail(" (" + strconv.Itoa(len(in.topics)) + " topics, " +
			strconv.Itoa(len(in.groups)) + " consumer groups, " + strconv.Itoa(len(in.roles)) + " roles remain)")
	}
	if in.deletionProtect {
		return nil, errFailedOperation.New().WithDetail(" (deletion protection is enabled)")
	}
	if o.dry {
		return nil, nil
	}
	delete(g.instances, in.id)
	return struct{}{}, nil
}

type describeProductSKUsResp struct {
	Data []productSKU `json:"Data"`
}

func (g *Product) describeProductSKUs(o op, call *pipeline.Call) (any, error) {
	var req struct{}
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	resp := describeProductSKUsResp{Data: make([]productSKU, 0, len(skus))}
	for i := range skus {
		resp.Data = append(resp.Data, skus[i].product())
	}
	return resp, nil
}

// Small helpers for optional parameters and never-null lists.

func deref(p *bool) bool { return p != nil && *p }

func derefInt(p *int64, def int64) int64 {
	if p == nil {
		return def
	}
	return *p
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
