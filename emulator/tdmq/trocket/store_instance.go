package trocket

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/tcdata"
)

// Instances (tdmq.md §5 "Instances"): the rules of creating, changing,
// listing and deleting them.

// version is the Version of a 5.x instance, the value the
// DescribeFusionInstanceList "Version" filter selects 5.x clusters with ("4"
// selects 4.x); the exact string a real server returns is unconfirmed.
const version = "5"

// instanceSpec is what CreateInstance asks for; a nil pointer is a value
// not given.
type instanceSpec struct {
	typ, name, skuCode string
	vpcs               []vpc
	remark             *string
	tags               []tag
	enablePublic       *bool
	billingFlow        *bool
	bandwidth          *int64
	ipRules            []ipRule
	retention          *int64
	payMode            *int64
	renewFlag          *int64
	timeSpan           *int64
	maxTopicNum        *int64
	zoneIDs            []int64
}

// createInstance checks the name, the SKU and every range, then inserts the
// instance, CREATING for readyAfter. It returns the new id.
func (s *store) createInstance(o op, a instanceSpec) (string, error) {
	typ, name := a.typ, a.name
	if !oneOf(typ, instanceTypes...) {
		return "", invalid("InstanceType", "one of "+strings.Join(instanceTypes, ", "))
	}
	if !instanceName().MatchString(name) {
		return "", invalid("Name", "3-64 characters of letters, digits, - and _")
	}
	sku, ok := skuByCode(a.skuCode)
	if !ok || sku.InstanceType != typ {
		return "", invalid("SkuCode", "not a "+typ+" SKU of DescribeProductSKUs")
	}
	if len(a.vpcs) == 0 {
		return "", invalid("VpcList", "at least one VPC")
	}
	for _, v := range a.vpcs {
		if v.VpcId == "" || v.SubnetId == "" {
			return "", invalid("VpcList", "VpcId and SubnetId are required")
		}
	}
	if err := checkRemark("Remark", a.remark); err != nil {
		return "", err
	}
	if err := firstErr(
		checkRange("MessageRetention", a.retention, sku.RetentionLowerLimit, sku.RetentionUpperLimit),
		checkRange("MaxTopicNum", a.maxTopicNum, sku.TopicNumLimit, sku.TopicNumUpperLimit),
		checkRange("PayMode", a.payMode, 0, 1),
		checkRange("RenewFlag", a.renewFlag, 0, 1),
		checkRange("TimeSpan", a.timeSpan, 1, timeSpanMax),
		checkRange("Bandwidth", a.bandwidth, 0, 1<<20),
	); err != nil {
		return "", err
	}
	public := deref(a.enablePublic)
	if public && (a.bandwidth == nil || *a.bandwidth <= 0) {
		return "", invalid("Bandwidth", "must be positive when EnablePublic is true")
	}
	if o.dry {
		return "", nil
	}
	in := &instance{
		owner: o.owner, region: o.region, id: newID("rmq-", 8), name: name, typ: typ, remark: str(a.remark), sku: sku,
		tags: a.tags, vpcs: a.vpcs, enablePublic: public, billingFlow: deref(a.billingFlow),
		bandwidth: derefInt(a.bandwidth, 0), ipRules: a.ipRules, retention: derefInt(a.retention, sku.DefaultRetention),
		payMode: derefInt(a.payMode, 0), renewFlag: derefInt(a.renewFlag, 0), timeSpan: derefInt(a.timeSpan, 1),
		topicNumLimit: derefInt(a.maxTopicNum, sku.TopicNumLimit), zoneIDs: append([]int64{}, a.zoneIDs...),
		created: o.now, readyAt: o.now.Add(s.readyAfter), sendReceiveRatio: 0.5,
		topics: map[string]*topic{}, groups: map[string]*group{}, roles: map[string]*role{},
		subs: map[subKey]*sub{}, clients: map[string]*client{}, producers: map[string]map[string]*producer{},
		messages: map[string]*message{},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	in.seq = s.seq
	s.addInstance(in)
	return in.id, nil
}

// declaredInstanceID is an id a declaration may give an instance: the
// prefix and alphabet of the ids the API hands out, any length up to 32.
var declaredInstanceID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^rmq-[a-z0-9]{1,32}$`) })

// declareInstance makes the instance just created under the generated id a
// declared one (accounts[].resources): it takes the id the declaration
// names, which must look like an API id and be nobody's, and is RUNNING at
// once, as an instance made before the emulator started would be.
func (s *store) declareInstance(generated, id string) error {
	if !declaredInstanceID().MatchString(id) {
		return invalid("InstanceId", "rmq- followed by 1-32 lower-case letters and digits")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.instances[generated]
	if in == nil {
		return errResourceNotFoundInstance.New()
	}
	if id != generated && s.instances[id] != nil {
		return errResourceInUse.New().WithDetail(" (instance id " + id + " exists)")
	}
	delete(s.instances, generated)
	in.id, in.readyAt = id, in.created
	s.instances[id] = in
	// The id is part of the (creation, id) order the fusion list reads.
	s.scopes[scope{in.owner, in.region}].byCreated.Invalidate()
	return nil
}

// instanceDetail is DescribeInstance's answer.
type instanceDetail struct {
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

// describeInstance reports one instance; its endpoints are named after its
// region (the region of the call, which alone finds it).
func (s *store) describeInstance(o op, id string) (instanceDetail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, id)
	if err != nil {
		return instanceDetail{}, err
	}
	zones := []zoneScheduledItem{}
	for _, z := range in.zoneIDs {
		zones = append(zones, zoneScheduledItem{ZoneId: strconv.FormatInt(z, 10)})
	}
	return instanceDetail{
		InstanceType: in.typ, InstanceId: in.id, InstanceName: in.name,
		TopicNum: int64(len(in.topics)), TopicNumLimit: in.topicNumLimit,
		GroupNum: int64(len(in.groups)), GroupNumLimit: in.sku.GroupNumLimit,
		MessageRetention: in.retention, RetentionUpperLimit: in.sku.RetentionUpperLimit, RetentionLowerLimit: in.sku.RetentionLowerLimit,
		TpsLimit: in.sku.TpsLimit, ScaledTpsLimit: in.sku.TpsLimit * 2, MaxMessageDelay: in.sku.MaxMessageDelay,
		CreatedTime: ms(in.created), SendReceiveRatio: in.sendReceiveRatio, TagList: nonNil(in.tags),
		EndpointList: in.endpoints(), TopicQueueNumUpperLimit: queueNumMax, TopicQueueNumLowerLimit: queueNumMin,
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
// The addresses are illustrative: mqmock serves no RocketMQ protocol. An
// instance created by a call naming no region (it belongs to the region "")
// has its endpoints named after ap-guangzhou.
func (in *instance) endpoints() []endpoint {
	region := in.region
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

// listQuery is a list's Filters, TagFilters and paging; nil is a value not
// given.
type listQuery struct {
	filters       []*filter
	tagFilters    []*tagFilter
	offset, limit *int64
}

// describeInstanceList lists the account's instances in the call's region
// that match, in creation order, and how many match in all.
func (s *store) describeInstanceList(o op, q listQuery) (int64, []instanceItem, error) {
	fs, err := filters(q.filters, "InstanceName", "InstanceId", "InstanceType", "InstanceStatus")
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var keep func(*instance) bool
	if !fs.empty(q.tagFilters) {
		keep = func(in *instance) bool {
			return fs.fuzzy("InstanceName", in.name) && fs.exact("InstanceId", in.id) &&
				fs.exact("InstanceType", in.typ) && fs.exact("InstanceStatus", in.status(o.now)) &&
				tcdata.TagsMatch(in.tags, q.tagFilters)
		}
	}
	total, pg, err := pageOf(s.inScope(o), q.offset, q.limit, keep)
	if err != nil {
		return 0, nil, err
	}
	items := make([]instanceItem, 0, len(pg))
	for _, in := range pg {
		items = append(items, in.item(o.now))
	}
	return int64(total), items, nil
}

// fusionFilters are the Filters DescribeFusionInstanceList accepts.
var fusionFilters = []string{"InstanceName", "InstanceId", "InstanceType", "InstanceStatus", "Version"}

// describeFusionInstanceList lists the account's instances of both
// generations in the call's region (tdmq.md §5): others' (the 4.x
// clusters) and the 5.x ones, filtered alike and ordered by (creation
// millisecond, id). Both sides are kept in that order, so the merge walks
// only up to the page's end, unless a filter needs every row matched, and
// only the page's rows are rendered: with no filter a list of 1000
// instances costs what a list of 10 does.
func (s *store) describeFusionInstanceList(o op, q listQuery, others OtherInstances) (int64, []fusionInstanceItem, error) {
	fs, err := filters(q.filters, fusionFilters...)
	if err != nil {
		return 0, nil, err
	}
	off, lim, err := window(q.offset, q.limit)
	if err != nil {
		return 0, nil, err
	}
	end := off + lim // no row past the end of the page is rendered
	if end < off {
		end = math.MaxInt64
	}
	f := fusionFilter{fs: fs, tagFilters: q.tagFilters, plain: fs.empty(q.tagFilters)}
	// The other products' instances first, under their lock and outside
	// this store's: two products never hold each other's locks. A page
	// holds none past the first end that match, so only those are kept,
	// as keys; with no filter the walk stops there.
	var theirs []OtherKey
	var theirTotal int64
	count := others.Scan(o.owner, o.region, o.now, func(k OtherKey) bool {
		if f.plain {
			if int64(len(theirs)) >= end { // an empty page: end is 0
				return false
			}
			theirs = append(theirs, k)
			return int64(len(theirs)) < end
		}
		if f.match(k.Name, k.ID, k.Type, k.Status, k.Version) && f.matchTags(func() []tag { return otherTags(k.Tags()) }) {
			if int64(len(theirs)) < end {
				theirs = append(theirs, k)
			}
			theirTotal++
		}
		return true
	})
	if f.plain {
		theirTotal = int64(count)
	}
	mineTotal, pg, slots := s.mergeFusion(o, f, off, end, theirs)
	// The other products' rows on the page, rendered after this store's
	// lock is let go.
	if len(slots) > 0 {
		keys := make([]OtherKey, len(slots))
		for n, sl := range slots {
			keys[n] = theirs[sl.other]
		}
		for n, other := range others.Render(keys, o.now) {
			pg[slots[n].row] = other.item()
		}
	}
	return theirTotal + mineTotal, pg, nil
}

// fusionFilter is DescribeFusionInstanceList's Filters and TagFilters;
// plain is neither given.
type fusionFilter struct {
	fs         filterSet
	tagFilters []*tagFilter
	plain      bool
}

func (f fusionFilter) match(name, id, typ, status, ver string) bool {
	return f.plain || f.fs.fuzzy("InstanceName", name) && f.fs.exact("InstanceId", id) && f.fs.exact("InstanceType", typ) &&
		f.fs.exact("InstanceStatus", status) && f.fs.exact("Version", ver)
}

// matchTags reads the tags only when a tag filter is given.
func (f fusionFilter) matchTags(tags func() []tag) bool {
	return len(f.tagFilters) == 0 || tcdata.TagsMatch(tags(), f.tagFilters)
}

// fusionSlot is a row of the page that another product's instance fills:
// the index of its key in theirs.
type fusionSlot struct{ row, other int }

// mergeFusion merges theirs (the other products' first matching keys, in
// order) with this product's instances o sees that match f, by (creation
// millisecond, id), and renders this product's rows at positions
// [off, end); the rows of theirs on the page are left to the caller, at
// slots. It returns how many of this product's instances match: counting
// them walks every one only when a filter is given.
func (s *store) mergeFusion(o op, f fusionFilter, off, end int64, theirs []OtherKey) (int64, []fusionInstanceItem, []fusionSlot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	mine := s.instancesByCreated(o)
	pg := []fusionInstanceItem{}
	var slots []fusionSlot
	var pos, matched int64
	i := 0
	takeTheirs := func() {
		if pos >= off {
			slots = append(slots, fusionSlot{row: len(pg), other: i})
			pg = append(pg, fusionInstanceItem{})
		}
		pos++
		i++
	}
	for _, in := range mine {
		if pos >= end && f.plain {
			break
		}
		if !f.plain && (!f.match(in.name, in.id, in.typ, in.status(o.now), version) || !f.matchTags(func() []tag { return in.tags })) {
			continue
		}
		matched++
		// Equal keys keep the other products' instance first, as the
		// stable sort of the merged list once did.
		for pos < end && i < len(theirs) && (theirs[i].Created.UnixMilli() < ms(in.created) ||
			theirs[i].Created.UnixMilli() == ms(in.created) && theirs[i].ID <= in.id) {
			takeTheirs()
		}
		if pos < end {
			if pos >= off {
				pg = append(pg, fusionInstanceItem{
					instanceItem: in.item(o.now), ZoneIds: nonNil(in.zoneIDs), EnableDeletionProtection: in.deletionProtect,
					CreateTime: ms(in.created), ScaledTpsEnabled: in.scaledTps,
				})
			}
			pos++
		}
	}
	for pos < end && i < len(theirs) {
		takeTheirs()
	}
	if f.plain {
		matched = int64(len(mine))
	}
	return matched, pg, slots
}

// otherTags are another product's instance tags as this product's.
func otherTags(in []Tag) []tag {
	tags := make([]tag, 0, len(in))
	for _, t := range in {
		tags = append(tags, tag{TagKey: t.Key, TagValue: t.Value})
	}
	return tags
}

// item is another product's instance as a FusionInstanceItem.
func (o OtherInstance) item() fusionInstanceItem {
	tags := otherTags(o.Tags)
	return fusionInstanceItem{
		instanceItem: instanceItem{
			InstanceId: o.ID, InstanceName: o.Name, Version: o.Version, InstanceType: o.Type, InstanceStatus: o.Status,
			TopicNumLimit: o.TopicNumLimit, GroupNumLimit: o.GroupNumLimit, PayMode: o.PayMode, Remark: o.Remark,
			TopicNum: o.TopicNum, GroupNum: o.GroupNum, TagList: tags, SkuCode: o.SkuCode,
			MessageRetention: o.MessageRetention, MaxMessageDelay: o.MaxMessageDelay,
		},
		InstanceItemExtraInfo: &instanceItemExtraInfo{
			IsVip: o.IsVip, VipInstanceStatus: o.VipStatus, SpecName: o.SpecName, NodeCount: o.NodeCount,
			MaxStorage: o.MaxStorage, MaxRetention: o.MaxRetention, InstanceStatus: o.VipStatus,
		},
		ZoneIds: nonNil(o.ZoneIDs), EnableDeletionProtection: o.DeletionProtection, CreateTime: o.Created.UnixMilli(),
	}
}

// instanceChange is what ModifyInstance asks for; nil is a value not given.
type instanceChange struct {
	name               *string
	remark             *string
	sendReceiveRatio   *float64
	skuCode            *string
	retention          *int64
	scaledTps          *bool
	acl                *bool
	maxTopicNum        *int64
	extraTopicNum      *string
	deletionProtection *bool
	zoneIDs            []*string
}

// modifyInstance changes a RUNNING instance. The topic quota follows the
// SKU (MaxTopicNum, or the SKU's included topics plus ExtraTopicNum) and may
// not drop below the topics in use.
func (s *store) modifyInstance(o op, id string, a instanceChange) error {
	if a.name != nil && !instanceName().MatchString(*a.name) {
		return invalid("Name", "3-64 characters of letters, digits, - and _")
	}
	if err := checkRemark("Remark", a.remark); err != nil {
		return err
	}
	if r := a.sendReceiveRatio; r != nil && (*r <= 0 || *r >= 1) {
		return invalid("SendReceiveRatio", "between 0 and 1")
	}
	var zones []int64
	for _, z := range tcdata.Strings(a.zoneIDs) {
		n, err := strconv.ParseInt(z, 10, 64)
		if err != nil || n < 0 {
			return invalid("ZoneIds", "zone ids are numbers")
		}
		zones = append(zones, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, id)
	if err != nil {
		return err
	}
	if err := in.ready(o.now); err != nil {
		return err
	}
	sku := in.sku
	if a.skuCode != nil {
		k, ok := skuByCode(*a.skuCode)
		if !ok || k.InstanceType != in.typ {
			return invalid("SkuCode", "not a "+in.typ+" SKU of DescribeProductSKUs")
		}
		sku = k
	}
	limit := max(in.topicNumLimit, sku.TopicNumLimit)
	limit = min(limit, sku.TopicNumUpperLimit)
	if a.maxTopicNum != nil {
		limit = *a.maxTopicNum
	}
	if a.extraTopicNum != nil {
		n, err := strconv.ParseInt(*a.extraTopicNum, 10, 64)
		if err != nil || n < 0 {
			return invalid("ExtraTopicNum", "a non-negative integer")
		}
		limit = sku.TopicNumLimit + n
	}
	if limit < int64(len(in.topics)) {
		return errUnsupportedOperationInstanceTopicNumDowngrade.New().WithDetail(
			" (" + strconv.Itoa(len(in.topics)) + " topics in use, asked for " + strconv.FormatInt(limit, 10) + ")")
	}
	if limit < sku.TopicNumLimit || limit > sku.TopicNumUpperLimit {
		return invalid("MaxTopicNum", "must be between "+strconv.FormatInt(sku.TopicNumLimit, 10)+" and "+strconv.FormatInt(sku.TopicNumUpperLimit, 10))
	}
	if err := checkRange("MessageRetention", a.retention, sku.RetentionLowerLimit, sku.RetentionUpperLimit); err != nil {
		return err
	}
	if o.dry {
		return nil
	}
	in.sku, in.topicNumLimit = sku, limit
	if a.name != nil {
		in.name = *a.name
	}
	if a.remark != nil {
		in.remark = *a.remark
	}
	if a.sendReceiveRatio != nil {
		in.sendReceiveRatio = *a.sendReceiveRatio
	}
	if a.retention != nil {
		in.retention = *a.retention
	}
	if a.scaledTps != nil {
		in.scaledTps = *a.scaledTps
	}
	if a.acl != nil {
		in.acl = *a.acl
	}
	if a.deletionProtection != nil {
		in.deletionProtect = *a.deletionProtection
	}
	if a.zoneIDs != nil {
		in.zoneIDs = zones
	}
	return nil
}

// deleteInstance refuses an instance that still holds topics, groups or
// roles (ResourceInUse; the API doc: "Topics, consumer groups, and roles in
// use should be deleted first") and one with deletion protection on
// (FailedOperation, emulator choice).
func (s *store) deleteInstance(o op, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.lookupInstance(o, id)
	if err != nil {
		return err
	}
	if n := len(in.topics) + len(in.groups) + len(in.roles); n > 0 {
		return errResourceInUse.New().WithDetail(" (" + strconv.Itoa(len(in.topics)) + " topics, " +
			strconv.Itoa(len(in.groups)) + " consumer groups, " + strconv.Itoa(len(in.roles)) + " roles remain)")
	}
	if in.deletionProtect {
		return errFailedOperation.New().WithDetail(" (deletion protection is enabled)")
	}
	if o.dry {
		return nil
	}
	s.removeInstance(in)
	return nil
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
