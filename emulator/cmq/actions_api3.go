package cmq

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// newAPI3Table is the Cmq* actions of TencentCloud API 3.0 (tdmq-cmq.md
// §2): the management of the same queues, topics and subscriptions the
// legacy table serves, in API 3.0's parameter and response shapes. There is
// no receive action in API 3.0: messages are received through the legacy
// API. The documented rates apply when CMQ's rate limits are on
// (cmq.rateLimits or limits.rateLimits); the actions with no documented rate
// are unlimited. SendCmqMsg's and PublishCmqMsg's 20/s are a root account's
// (a sub-account gets 10/s; mqmock has no sub-accounts).
func (p *Product) newAPI3Table() *pipeline.Table {
	perSecond := func(n int) ratelimit.Rate { return ratelimit.Per(n, time.Second) }
	rows := []pipeline.Action{
		{Name: "CreateCmqQueue", Handle: p.createCmqQueue, Rate: perSecond(20)},
		{Name: "DescribeCmqQueues", Handle: p.describeCmqQueues},
		{Name: "DescribeCmqQueueDetail", Handle: p.describeCmqQueueDetail, Rate: perSecond(100)},
		{Name: "ModifyCmqQueueAttribute", Handle: p.modifyCmqQueueAttribute},
		{Name: "DeleteCmqQueue", Handle: p.deleteCmqQueue},
		{Name: "ClearCmqQueue", Handle: p.clearCmqQueue},
		{Name: "RewindCmqQueue", Handle: p.rewindCmqQueue},
		{Name: "UnbindCmqDeadLetter", Handle: p.unbindCmqDeadLetter},
		{Name: "SendCmqMsg", Handle: p.sendCmqMsg, Rate: perSecond(20)},

		{Name: "CreateCmqTopic", Handle: p.createCmqTopic},
		{Name: "DescribeCmqTopics", Handle: p.describeCmqTopics},
		{Name: "DescribeCmqTopicDetail", Handle: p.describeCmqTopicDetail},
		{Name: "ModifyCmqTopicAttribute", Handle: p.modifyCmqTopicAttribute},
		{Name: "DeleteCmqTopic", Handle: p.deleteCmqTopic, Rate: perSecond(20)},
		{Name: "PublishCmqMsg", Handle: p.publishCmqMsg, Rate: perSecond(20)},

		{Name: "CreateCmqSubscribe", Handle: p.createCmqSubscribe},
		{Name: "DescribeCmqSubscriptionDetail", Handle: p.describeCmqSubscriptionDetail, Rate: perSecond(20)},
		{Name: "ModifyCmqSubscriptionAttribute", Handle: p.modifyCmqSubscriptionAttribute},
		{Name: "DeleteCmqSubscribe", Handle: p.deleteCmqSubscribe},
		{Name: "ClearCmqSubscriptionFilterTags", Handle: p.clearCmqSubscriptionFilterTags},
	}
	if p.opts.DeadLetterSourceQueues {
		rows = append(rows, pipeline.Action{Name: "DescribeCmqDeadLetterSourceQueues", Handle: p.describeCmqDeadLetterSourceQueues})
	}
	spec := pipeline.TableSpec{Throttle: errAPI3RequestLimitExceeded}
	if p.opts.RateLimits {
		spec.Now = p.env.Clock.Now
	}
	return pipeline.NewTable(spec, rows...)
}

// What API 3.0 reports of a queue or topic that mqmock does not model:
// constants copied from the published examples (tdmq-cmq.md §9, emulator
// choice). Qps is the store's own per-resource rate (qpsPerResource).
const (
	api3QueueBps             = 52428800
	api3QueueMaxDelaySeconds = 3600
	api3StatusNormal         = 1
	api3MaxUnackedMsgNum     = 100000
	api3MaxMsgBacklogSize    = 10737418240
	api3BrokerTypeRocketMQ   = 1
	api3DefaultListLimit     = defaultListLimit
	api3MaxListLimit         = maxListLimit
	api3TenantPrefix         = "cmq-"
	api3QueueNamespacePrefix = "CMQ_QUEUE-"
	api3TopicNamespacePrefix = "CMQ_TOPIC-"
	api3QueryTypeTopic       = "topic"
	api3QueryTypeQueue       = "queue"
	api3TagFilterPrefix      = "tag:"
)

// bind reads an API 3.0 request into dst with tcapi.Bind's types and
// required fields, ignoring parameters dst does not define: tdmq-cmq.md
// §3.1 chooses to ignore unknown fields, since newer SDKs may send fields
// this emulator does not know.
func bind(call *pipeline.Call, dst any) error {
	if m, ok := call.Tree.(map[string]any); ok {
		known := map[string]bool{}
		t := reflect.TypeOf(dst).Elem()
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			known[name] = true
		}
		kept := make(map[string]any, len(m))
		for k, v := range m {
			if known[k] {
				kept[k] = v
			}
		}
		c := *call
		c.Tree = kept
		call = &c
	}
	return tcapi.Bind(call, dst)
}

// api3Err answers a store error with the API 3.0 row tdmq-cmq.md §4 maps
// its rule to, the legacy text in the detail.
func api3Err(err error) error {
	e, ok := apierr.As(err)
	if !ok || isAPI3(e.Def) {
		return err
	}
	return api3Row(e.Def).New().WithDetail(api3Detail(e))
}

// asDef returns err as an error of row d, if it is one.
func asDef(err error, d *apierr.Def) (*apierr.Error, bool) {
	e, ok := apierr.As(err)
	return e, ok && e.Def == d
}

// isAPI3 reports whether a row is already an API 3.0 one (a handler's own
// parameter check).
func isAPI3(d *apierr.Def) bool {
	if own, ok := api3Catalogue.ByName(d.Name); ok && own == d {
		return true
	}
	common, ok := tcapi.Common().ByName(d.Name)
	return ok && common == d
}

// invalidValue is InvalidParameterValue naming the field and why.
func invalidValue(field, why string) error {
	return errAPI3InvalidParameterValue.New().WithDetail(" (" + field + " " + why + ")")
}

// missing is MissingParameter naming the field.
func missing(field string) error {
	return errAPI3MissingParameter.New().WithDetail(" (" + field + ")")
}

// inRange checks an optional integer; a negative one is out of range too
// (the Go SDK types it uint64 and cannot send it; Node and raw HTTP can).
func inRange(field string, v *int64, lo, hi int64) error {
	if v != nil && (*v < lo || *v > hi) {
		return invalidValue(field, fmt.Sprintf("must be between %d and %d", lo, hi))
	}
	return nil
}

// nonNegative checks an optional integer with no documented range.
func nonNegative(field string, v *int64) error {
	if v != nil && *v < 0 {
		return invalidValue(field, "must not be negative")
	}
	return nil
}

// named checks a required name is not empty (an emulator choice,
// tdmq-cmq.md §3.1); create actions check the whole format (createName).
func named(field, v string) error {
	if v == "" {
		return invalidValue(field, "must not be empty")
	}
	return nil
}

// createName: API 3.0's create actions take a letter, then up to 63
// letters, digits, "-" and "_" (tdmq-cmq.md §3.4).
func createName(field, v string) error {
	if !validName(v, true) {
		return invalidValue(field, "must start with a letter and hold at most 64 letters, digits, - and _")
	}
	return nil
}

// paging reads Offset and Limit (tdmq-cmq.md §3.6): Limit absent or 0 is
// 20, above 50 refused; Offset alone is accepted (the Java SDK sends it so).
func paging(offset, limit *int64) (int, int, error) {
	if err := inRange("Offset", offset, 0, maxListOffset); err != nil {
		return 0, 0, err
	}
	if err := inRange("Limit", limit, 0, api3MaxListLimit); err != nil {
		return 0, 0, err
	}
	o, l := 0, api3DefaultListLimit
	if offset != nil {
		o = int(*offset)
	}
	if limit != nil && *limit > 0 {
		l = int(*limit)
	}
	return o, l, nil
}

// api3Tag is a request's or response's Tag (tdmq-cmq.md §9.7): both
// members required inside a request Tag.
type api3Tag struct {
	TagKey   string `json:"TagKey" mq:"required"`
	TagValue string `json:"TagValue" mq:"required"`
}

func tagsIn(in []api3Tag) []resourceTag {
	if in == nil {
		return nil
	}
	out := make([]resourceTag, len(in))
	for i, t := range in {
		out[i] = resourceTag{t.TagKey, t.TagValue}
	}
	return out
}

func tagsOut(in []resourceTag) []api3Tag {
	out := make([]api3Tag, len(in))
	for i, t := range in {
		out[i] = api3Tag{t.Key, t.Value}
	}
	return out
}

// api3Filter is a list action's Filter (tdmq-cmq.md §9.7).
type api3Filter struct {
	Name   string   `json:"Name"`
	Values []string `json:"Values"`
}

// listFilter builds the store's filter from a list action's parameters
// (tdmq-cmq.md §3.6): a substring, exact names (an empty list is none, as
// the Go SDK cannot send one), and with IsTagFilter the "tag:<key>" filters;
// filters without that prefix, or without IsTagFilter, are ignored.
func listFilter(contains string, names []string, isTagFilter *bool, filters []api3Filter) resourceFilter {
	f := resourceFilter{nameContains: contains}
	if len(names) > 0 {
		f.names = names
	}
	if isTagFilter != nil && *isTagFilter {
		for _, fl := range filters {
			if key, ok := strings.CutPrefix(fl.Name, api3TagFilterPrefix); ok {
				f.tags = append(f.tags, tagFilter{key: key, values: fl.Values})
			}
		}
	}
	return f
}

// appID is the caller's AppId, which API 3.0 reports as CreateUin,
// TopicOwner and in TenantId (mqmock has no uin).
func appID(call *pipeline.Call) uint64 {
	if call.Account == nil {
		return 0
	}
	return call.Account.Tencent.AppID
}

func tenantID(call *pipeline.Call) string {
	return api3TenantPrefix + strconv.FormatUint(appID(call), 10)
}

// millis is a store instant as API 3.0 reports it: Unix milliseconds
// (tdmq-cmq.md §3.3), never negative.
func millis(t time.Time) uint64 {
	if t.IsZero() || t.UnixMilli() < 0 {
		return 0
	}
	return uint64(t.UnixMilli())
}

// count is a non-negative store number as a uint64 field.
func count[T int | int64](n T) uint64 {
	if n < 0 {
		return 0
	}
	return uint64(n)
}

// published is SendCmqMsg's and PublishCmqMsg's answer.
type published struct {
	Result bool   `json:"Result"`
	MsgID  string `json:"MsgId"`
}
