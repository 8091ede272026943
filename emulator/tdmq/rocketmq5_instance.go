package tdmq

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// 5.x instance actions (tdmq.md §5 "Instances").

type createInstance5Req struct {
	InstanceType     *string   `json:"InstanceType" mq:"required"`
	Name             *string   `json:"Name" mq:"required"`
	SkuCode          *string   `json:"SkuCode" mq:"required"`
	VpcList          []vpc5    `json:"VpcList" mq:"required"`
	Remark           *string   `json:"Remark"`
	TagList          []*tag    `json:"TagList"`
	EnablePublic     *bool     `json:"EnablePublic"`
	BillingFlow      *bool     `json:"BillingFlow"`
	Bandwidth        *int64    `json:"Bandwidth"`
	IpRules          []ipRule5 `json:"IpRules"`
	MessageRetention *int64    `json:"MessageRetention"`
	PayMode          *int64    `json:"PayMode"`
	RenewFlag        *int64    `json:"RenewFlag"`
	TimeSpan         *int64    `json:"TimeSpan"`
	MaxTopicNum      *int64    `json:"MaxTopicNum"`
	ZoneIds          []int64   `json:"ZoneIds"`
}

type createInstance5Resp struct {
	InstanceId string `json:"InstanceId"`
}

func (g *gen5) createInstance(op *op5, call *pipeline.Call) (any, error) {
	var req createInstance5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	typ, name := *req.InstanceType, *req.Name
	if !oneOf5(typ, instanceTypes5...) {
		return nil, invalid5("InstanceType", "one of "+strings.Join(instanceTypes5, ", "))
	}
	if !instanceName5.MatchString(name) {
		return nil, invalid5("Name", "3-64 characters of letters, digits, - and _")
	}
	sku, ok := skuByCode5(*req.SkuCode)
	if !ok || sku.InstanceType != typ {
		return nil, invalid5("SkuCode", "not a "+typ+" SKU of DescribeProductSKUs")
	}
	if len(req.VpcList) == 0 {
		return nil, invalid5("VpcList", "at least one VPC")
	}
	for _, v := range req.VpcList {
		if v.VpcId == "" || v.SubnetId == "" {
			return nil, invalid5("VpcList", "VpcId and SubnetId are required")
		}
	}
	if err := checkRemark5("Remark", req.Remark); err != nil {
		return nil, err
	}
	if err := firstErr5(
		checkRange5("MessageRetention", req.MessageRetention, sku.RetentionLowerLimit, sku.RetentionUpperLimit),
		checkRange5("MaxTopicNum", req.MaxTopicNum, sku.TopicNumLimit, sku.TopicNumUpperLimit),
		checkRange5("PayMode", req.PayMode, 0, 1),
		checkRange5("RenewFlag", req.RenewFlag, 0, 1),
		checkRange5("TimeSpan", req.TimeSpan, 1, timeSpanMax5),
		checkRange5("Bandwidth", req.Bandwidth, 0, 1<<20),
	); err != nil {
		return nil, err
	}
	public := req.EnablePublic != nil && *req.EnablePublic
	if public && (req.Bandwidth == nil || *req.Bandwidth <= 0) {
		return nil, invalid5("Bandwidth", "must be positive when EnablePublic is true")
	}
	in := &instance5{
		owner: op.owner, id: newID5("rmq-", 8), name: name, typ: typ, remark: str5(req.Remark), sku: sku,
		tags: tags5(req.TagList), vpcs: req.VpcList, enablePublic: public, billingFlow: deref5(req.BillingFlow),
		bandwidth: derefInt5(req.Bandwidth, 0), ipRules: req.IpRules, retention: derefInt5(req.MessageRetention, sku.DefaultRetention),
		payMode: derefInt5(req.PayMode, 0), renewFlag: derefInt5(req.RenewFlag, 0), timeSpan: derefInt5(req.TimeSpan, 1),
		topicNumLimit: derefInt5(req.MaxTopicNum, sku.TopicNumLimit), zoneIDs: append([]int64{}, req.ZoneIds...),
		created: op.now, readyAt: op.now.Add(g.s.opts.ReadyAfter), sendReceiveRatio: 0.5,
		topics: map[string]*topic5{}, groups: map[string]*group5{}, roles: map[string]*role5{},
		subs: map[subKey5]*sub5{}, clients: map[string]*client5{}, producers: map[string]map[string]*producer5{},
		messages: map[string]*message5{},
	}
	if op.dry {
		return nil, nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seq++
	in.seq = g.seq
	g.instances[in.id] = in
	return createInstance5Resp{InstanceId: in.id}, nil
}

type instanceID5Req struct {
	InstanceId *string `json:"InstanceId" mq:"required"`
}

type describeInstance5Resp struct {
	InstanceType            string               `json:"InstanceType"`
	InstanceId              string               `json:"InstanceId"`
	InstanceName            string               `json:"InstanceName"`
	TopicNum                int64                `json:"TopicNum"`
	TopicNumLimit           int64                `json:"TopicNumLimit"`
	GroupNum                int64                `json:"GroupNum"`
	GroupNumLimit           int64                `json:"GroupNumLimit"`
	MessageRetention        int64                `json:"MessageRetention"`
	RetentionUpperLimit     int64                `json:"RetentionUpperLimit"`
	RetentionLowerLimit     int64                `json:"RetentionLowerLimit"`
	TpsLimit                int64                `json:"TpsLimit"`
	ScaledTpsLimit          int64                `json:"ScaledTpsLimit"`
	MaxMessageDelay         int64                `json:"MaxMessageDelay"`
	CreatedTime             int64                `json:"CreatedTime"`
	SendReceiveRatio        float64              `json:"SendReceiveRatio"`
	TagList                 []tag5               `json:"TagList"`
	EndpointList            []endpoint5          `json:"EndpointList"`
	TopicQueueNumUpperLimit int64                `json:"TopicQueueNumUpperLimit"`
	TopicQueueNumLowerLimit int64                `json:"TopicQueueNumLowerLimit"`
	Remark                  string               `json:"Remark"`
	InstanceStatus          string               `json:"InstanceStatus"`
	SkuCode                 string               `json:"SkuCode"`
	PayMode                 string               `json:"PayMode"`
	ScaledTpsEnabled        bool                 `json:"ScaledTpsEnabled"`
	RenewFlag               int64                `json:"RenewFlag"`
	ExpiryTime              int64                `json:"ExpiryTime"`
	RoleNumLimit            int64                `json:"RoleNumLimit"`
	AclEnabled              bool                 `json:"AclEnabled"`
	TopicNumLowerLimit      int64                `json:"TopicNumLowerLimit"`
	TopicNumUpperLimit      int64                `json:"TopicNumUpperLimit"`
	ZoneIds                 []int64              `json:"ZoneIds"`
	NodeCount               int64                `json:"NodeCount"`
	ZoneScheduledList       []zoneScheduledItem5 `json:"ZoneScheduledList"`
}

func (g *gen5) describeInstance(op *op5, call *pipeline.Call) (any, error) {
	var req instanceID5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	zones := []zoneScheduledItem5{}
	for _, z := range in.zoneIDs {
		zones = append(zones, zoneScheduledItem5{ZoneId: strconv.FormatInt(z, 10)})
	}
	return describeInstance5Resp{
		InstanceType: in.typ, InstanceId: in.id, InstanceName: in.name,
		TopicNum: int64(len(in.topics)), TopicNumLimit: in.topicNumLimit,
		GroupNum: int64(len(in.groups)), GroupNumLimit: in.sku.GroupNumLimit,
		MessageRetention: in.retention, RetentionUpperLimit: in.sku.RetentionUpperLimit, RetentionLowerLimit: in.sku.RetentionLowerLimit,
		TpsLimit: in.sku.TpsLimit, ScaledTpsLimit: in.sku.TpsLimit * 2, MaxMessageDelay: in.sku.MaxMessageDelay,
		CreatedTime: ms5(in.created), SendReceiveRatio: in.sendReceiveRatio, TagList: nonNil5(in.tags),
		EndpointList: in.endpoints(call.Region), TopicQueueNumUpperLimit: queueNumMax5, TopicQueueNumLowerLimit: queueNumMin5,
		Remark: in.remark, InstanceStatus: in.status(op.now), SkuCode: in.sku.SkuCode, PayMode: in.payModeName(),
		ScaledTpsEnabled: in.scaledTps, RenewFlag: in.renewFlag, ExpiryTime: in.expiry(), RoleNumLimit: in.sku.RoleNumLimit,
		AclEnabled: in.acl, TopicNumLowerLimit: in.sku.TopicNumLimit, TopicNumUpperLimit: in.sku.TopicNumUpperLimit,
		ZoneIds: nonNil5(in.zoneIDs), NodeCount: 2, ZoneScheduledList: zones,
	}, nil
}

func (in *instance5) payModeName() string {
	if in.payMode == 1 {
		return "PREPAID"
	}
	return "POSTPAID"
}

// expiry is the prepaid end (creation + TimeSpan months); 0 for postpaid.
func (in *instance5) expiry() int64 {
	if in.payMode != 1 {
		return 0
	}
	return ms5(in.created.AddDate(0, int(in.timeSpan), 0))
}

// endpoints are the VPC access points, plus the public one when enabled.
// The addresses are illustrative: mqmock serves no RocketMQ protocol.
func (in *instance5) endpoints(region string) []endpoint5 {
	if region == "" {
		region = "ap-guangzhou"
	}
	out := []endpoint5{}
	for _, v := range in.vpcs {
		out = append(out, endpoint5{Type: "VPC", Status: "OPEN", EndpointUrl: in.id + "." + region + ".rocketmq.mqmock.local:8080",
			VpcId: v.VpcId, SubnetId: v.SubnetId, IpRules: []ipRule5{}})
	}
	if in.enablePublic {
		out = append(out, endpoint5{Type: "PUBLIC", Status: "OPEN", PayMode: in.payModeName(),
			EndpointUrl: in.id + "-public." + region + ".rocketmq.mqmock.local:8080", Bandwidth: in.bandwidth,
			IpRules: nonNil5(in.ipRules), BillingFlow: in.billingFlow})
	}
	return out
}

func (in *instance5) item(now time.Time) instanceItem5 {
	return instanceItem5{
		InstanceId: in.id, InstanceName: in.name, Version: version5, InstanceType: in.typ, InstanceStatus: in.status(now),
		TopicNumLimit: in.topicNumLimit, GroupNumLimit: in.sku.GroupNumLimit, PayMode: in.payModeName(), ExpiryTime: in.expiry(),
		Remark: in.remark, TopicNum: int64(len(in.topics)), GroupNum: int64(len(in.groups)), TagList: nonNil5(in.tags),
		SkuCode: in.sku.SkuCode, TpsLimit: in.sku.TpsLimit, ScaledTpsLimit: in.sku.TpsLimit * 2, MessageRetention: in.retention,
		MaxMessageDelay: in.sku.MaxMessageDelay, RenewFlag: in.renewFlag,
	}
}

// version5 is the Version of a 5.x instance, the value the
// DescribeFusionInstanceList "Version" filter selects 5.x clusters with ("4"
// selects 4.x); the exact string a real server returns is unconfirmed.
const version5 = "5"

type describeInstanceList5Req struct {
	Filters    []*filter    `json:"Filters"`
	TagFilters []*tagFilter `json:"TagFilters"`
	Offset     *int64       `json:"Offset"`
	Limit      *int64       `json:"Limit"`
}

type describeInstanceList5Resp struct {
	TotalCount int64           `json:"TotalCount"`
	Data       []instanceItem5 `json:"Data"`
}

// matchingInstances applies an instance list's Filters and TagFilters.
func (g *gen5) matchingInstances(op *op5, req *describeInstanceList5Req) ([]*instance5, error) {
	fs, err := filters5(req.Filters, "InstanceName", "InstanceId", "InstanceType", "InstanceStatus")
	if err != nil {
		return nil, err
	}
	var out []*instance5
	for _, in := range g.sortedInstances() {
		if in.owner == op.owner && fs.fuzzy("InstanceName", in.name) && fs.exact("InstanceId", in.id) &&
			fs.exact("InstanceType", in.typ) && fs.exact("InstanceStatus", in.status(op.now)) &&
			tagsMatch5(req.TagFilters, in.tags) {
			out = append(out, in)
		}
	}
	return out, nil
}

func (g *gen5) describeInstanceList(op *op5, call *pipeline.Call) (any, error) {
	var req describeInstanceList5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	all, err := g.matchingInstances(op, &req)
	if err != nil {
		return nil, err
	}
	from, to, err := page5(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	resp := describeInstanceList5Resp{TotalCount: int64(len(all)), Data: []instanceItem5{}}
	for _, in := range all[from:to] {
		resp.Data = append(resp.Data, in.item(op.now))
	}
	return resp, nil
}

type describeFusionInstanceList5Resp struct {
	TotalCount int64                 `json:"TotalCount"`
	Data       []fusionInstanceItem5 `json:"Data"`
}

// describeFusionInstanceList lists the account's clusters of both
// generations (tdmq.md §5), filtered alike and ordered by creation time.
func (g *gen5) describeFusionInstanceList(op *op5, call *pipeline.Call) (any, error) {
	var req describeInstanceList5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	fs, err := filters5(req.Filters, "InstanceName", "InstanceId", "InstanceType", "InstanceStatus", "Version")
	if err != nil {
		return nil, err
	}
	// 4.x first, outside this generation's lock: the two stores never hold
	// each other's locks.
	items := g.s.v4.fusionItems(op.owner, op.now)
	g.mu.Lock()
	for _, in := range g.sortedInstances() {
		if in.owner == op.owner {
			items = append(items, fusionInstanceItem5{
				instanceItem5: in.item(op.now), ZoneIds: nonNil5(in.zoneIDs), EnableDeletionProtection: in.deletionProtect,
				CreateTime: ms5(in.created), ScaledTpsEnabled: in.scaledTps,
			})
		}
	}
	g.mu.Unlock()
	var all []fusionInstanceItem5
	for _, it := range items {
		if fs.fuzzy("InstanceName", it.InstanceName) && fs.exact("InstanceId", it.InstanceId) &&
			fs.exact("InstanceType", it.InstanceType) && fs.exact("InstanceStatus", it.InstanceStatus) &&
			fs.exact("Version", it.Version) && tagsMatch5(req.TagFilters, it.TagList) {
			all = append(all, it)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].CreateTime != all[j].CreateTime {
			return all[i].CreateTime < all[j].CreateTime
		}
		return all[i].InstanceId < all[j].InstanceId
	})
	from, to, err := page5(req.Offset, req.Limit, len(all))
	if err != nil {
		return nil, err
	}
	return describeFusionInstanceList5Resp{TotalCount: int64(len(all)), Data: append([]fusionInstanceItem5{}, all[from:to]...)}, nil
}

type modifyInstance5Req struct {
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

func (g *gen5) modifyInstance(op *op5, call *pipeline.Call) (any, error) {
	var req modifyInstance5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if req.Name != nil && !instanceName5.MatchString(*req.Name) {
		return nil, invalid5("Name", "3-64 characters of letters, digits, - and _")
	}
	if err := checkRemark5("Remark", req.Remark); err != nil {
		return nil, err
	}
	if r := req.SendReceiveRatio; r != nil && (*r <= 0 || *r >= 1) {
		return nil, invalid5("SendReceiveRatio", "between 0 and 1")
	}
	var zones []int64
	for _, z := range strs5(req.ZoneIds) {
		n, err := strconv.ParseInt(z, 10, 64)
		if err != nil || n < 0 {
			return nil, invalid5("ZoneIds", "zone ids are numbers")
		}
		zones = append(zones, n)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if err := in.ready(op.now); err != nil {
		return nil, err
	}
	sku := in.sku
	if req.SkuCode != nil {
		s, ok := skuByCode5(*req.SkuCode)
		if !ok || s.InstanceType != in.typ {
			return nil, invalid5("SkuCode", "not a "+in.typ+" SKU of DescribeProductSKUs")
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
			return nil, invalid5("ExtraTopicNum", "a non-negative integer")
		}
		limit = sku.TopicNumLimit + n
	}
	if limit < int64(len(in.topics)) {
		return nil, ErrUnsupportedOperationInstanceTopicNumDowngrade.New().WithDetail(
			" (" + strconv.Itoa(len(in.topics)) + " topics in use, asked for " + strconv.FormatInt(limit, 10) + ")")
	}
	if limit < sku.TopicNumLimit || limit > sku.TopicNumUpperLimit {
		return nil, invalid5("MaxTopicNum", "must be between "+strconv.FormatInt(sku.TopicNumLimit, 10)+" and "+strconv.FormatInt(sku.TopicNumUpperLimit, 10))
	}
	if err := checkRange5("MessageRetention", req.MessageRetention, sku.RetentionLowerLimit, sku.RetentionUpperLimit); err != nil {
		return nil, err
	}
	if op.dry {
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
func (g *gen5) deleteInstance(op *op5, call *pipeline.Call) (any, error) {
	var req instanceID5Req
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.lookupInstance5(op.owner, *req.InstanceId)
	if err != nil {
		return nil, err
	}
	if n := len(in.topics) + len(in.groups) + len(in.roles); n > 0 {
		return nil, ErrResourceInUse.New().WithDetail(" (" + strconv.Itoa(len(in.topics)) + " topics, " +
			strconv.Itoa(len(in.groups)) + " consumer groups, " + strconv.Itoa(len(in.roles)) + " roles remain)")
	}
	if in.deletionProtect {
		return nil, ErrFailedOperation.New().WithDetail(" (deletion protection is enabled)")
	}
	if op.dry {
		return nil, nil
	}
	delete(g.instances, in.id)
	return struct{}{}, nil
}

type describeProductSKUs5Resp struct {
	Data []productSKU5 `json:"Data"`
}

func (g *gen5) describeProductSKUs(op *op5, call *pipeline.Call) (any, error) {
	var req struct{}
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	resp := describeProductSKUs5Resp{Data: make([]productSKU5, 0, len(skus5))}
	for i := range skus5 {
		resp.Data = append(resp.Data, skus5[i].product())
	}
	return resp, nil
}

// Small helpers for optional parameters and never-null lists.

func deref5(p *bool) bool { return p != nil && *p }

func derefInt5(p *int64, def int64) int64 {
	if p == nil {
		return def
	}
	return *p
}

func nonNil5[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func firstErr5(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
