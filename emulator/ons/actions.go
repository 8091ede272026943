package ons

import (
	"strconv"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
	"github.com/mqmock/mqmock/internal/wire"
)

// actions is the action table: every action of the Go SDK's services/ons
// (40), OnsMessageSend and the legacy OnsEmpowerCreate/Delete (reachable
// through requests.CommonRequest), and the actions knowingly declined.
//
// Rate is the documented per-account limit of ons.md §6.3 (ApsaraMQ for
// RocketMQ "API rate limits", doc-detail/197223), shared by an account and
// its RAM users; an action without one is not limited. The limits apply
// only with rateLimits on (tableSpec).
func (p *Product) actions() []pipeline.Action {
	rows := []pipeline.Action{
		// Region and instances.
		{Name: "OnsRegionList", Handle: p.regionList, Rate: ratelimit.Per(50, time.Second)},
		{Name: "OnsInstanceCreate", Handle: p.instanceCreate, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsInstanceUpdate", Handle: p.instanceUpdate, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsInstanceDelete", Handle: p.instanceDelete, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsInstanceBaseInfo", Handle: p.instanceBaseInfo, Rate: ratelimit.Per(50, time.Second)},
		{Name: "OnsInstanceInServiceList", Handle: p.instanceInServiceList, Rate: ratelimit.Per(50, time.Second)},
		{Name: "OpenOnsService", Handle: p.openOnsService},
		// Topics.
		{Name: "OnsTopicCreate", Handle: p.topicCreate, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsTopicDelete", Handle: p.topicDelete, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsTopicList", Handle: p.topicList, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsTopicStatus", Handle: p.topicStatus, Rate: ratelimit.Per(1, time.Second)},
		{Name: "OnsTopicUpdate", Handle: p.topicUpdate},
		{Name: "OnsTopicSubDetail", Handle: p.topicSubDetail, Rate: ratelimit.Per(10, time.Second)},
		// Groups and their consumers.
		{Name: "OnsGroupCreate", Handle: p.groupCreate, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsGroupDelete", Handle: p.groupDelete, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsGroupList", Handle: p.groupList, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsGroupSubDetail", Handle: p.groupSubDetail, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsGroupConsumerUpdate", Handle: p.groupConsumerUpdate, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsConsumerAccumulate", Handle: p.consumerAccumulate, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsConsumerStatus", Handle: p.consumerStatus, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsConsumerGetConnection", Handle: p.consumerGetConnection, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsConsumerResetOffset", Handle: p.consumerResetOffset, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsConsumerTimeSpan", Handle: p.consumerTimeSpan, Rate: ratelimit.Per(10, time.Second)},
		// Messages.
		{Name: "OnsMessageSend", Handle: p.messageSend},
		{Name: "OnsMessageGetByMsgId", Handle: p.messageGetByMsgID, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsMessageDetail", Handle: p.messageDetail},
		{Name: "OnsMessageGetByKey", Handle: p.messageGetByKey, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsMessagePageQueryByTopic", Handle: p.messagePageQueryByTopic, Rate: ratelimit.Per(10, time.Minute)},
		{Name: "OnsMessagePush", Handle: p.messagePush, Rate: ratelimit.Per(10, time.Second)},
		// Tags.
		{Name: "TagResources", Handle: p.tagResources},
		{Name: "UntagResources", Handle: p.untagResources, Rate: ratelimit.Per(10, time.Second)},
		{Name: "ListTagResources", Handle: p.listTagResources, Rate: ratelimit.Per(10, time.Second)},
		// Legacy cross-account topic authorization (seed rows EMPOWER_*).
		{Name: "OnsEmpowerCreate", Handle: p.empowerCreate},
		{Name: "OnsEmpowerDelete", Handle: p.empowerDelete},

		// Declined, answering ONS_SERVICE_UNSUPPORTED ("not supported in the
		// corresponding Region"). First the U actions of ons.md §1 (dead
		// letters, traces and TPS trends need a broker's history)...
		{Name: "OnsDLQMessageGetById", Declined: true},
		{Name: "OnsDLQMessagePageQueryByGroupId", Declined: true},
		{Name: "OnsDLQMessageResendById", Declined: true},
		{Name: "OnsMessageTrace", Declined: true, Rate: ratelimit.Per(10, time.Second)},
		{Name: "OnsTraceGetResult", Declined: true},
		{Name: "OnsTraceQueryByMsgId", Declined: true},
		{Name: "OnsTraceQueryByMsgKey", Declined: true},
		{Name: "OnsTrendGroupOutputTps", Declined: true, Rate: ratelimit.Per(15, time.Minute)},
		{Name: "OnsTrendTopicInputTps", Declined: true, Rate: ratelimit.Per(15, time.Minute)},
		// ...then the older-generation actions of aliyun-openapi-meta/ons
		// that the current SDK lacks.
		{Name: "OnsClusterList", Declined: true},
		{Name: "OnsEmpowerList", Declined: true},
		{Name: "OnsMqttGroupIdCreate", Declined: true},
		{Name: "OnsMqttGroupIdDelete", Declined: true},
		{Name: "OnsMqttGroupIdList", Declined: true},
		{Name: "OnsMqttQueryClientByClientId", Declined: true},
		{Name: "OnsMqttQueryClientByGroupId", Declined: true},
		{Name: "OnsMqttQueryClientByTopic", Declined: true},
		{Name: "OnsMqttQueryHistoryOnline", Declined: true},
		{Name: "OnsMqttQueryMsgByPubInfo", Declined: true},
		{Name: "OnsMqttQueryMsgTransTrend", Declined: true},
		{Name: "OnsMqttQueryTraceByTraceId", Declined: true},
		{Name: "OnsPublishCreate", Declined: true},
		{Name: "OnsPublishDelete", Declined: true},
		{Name: "OnsPublishGet", Declined: true},
		{Name: "OnsPublishList", Declined: true},
		{Name: "OnsPublishSearch", Declined: true},
		{Name: "OnsSubscriptionCreate", Declined: true},
		{Name: "OnsSubscriptionDelete", Declined: true},
		{Name: "OnsSubscriptionGet", Declined: true},
		{Name: "OnsSubscriptionList", Declined: true},
		{Name: "OnsSubscriptionSearch", Declined: true},
		{Name: "OnsSubscriptionUpdate", Declined: true},
		{Name: "OnsTopicGet", Declined: true},
		{Name: "OnsTopicSearch", Declined: true},
		{Name: "OnsWarnCreate", Declined: true},
		{Name: "OnsWarnDelete", Declined: true},
	}
	for i, a := range rows {
		if !a.Declined {
			rows[i].Handle = p.guarded(a.Name, a.Handle)
		}
	}
	return rows
}

// tableSpec: a call over its action's rate answers Throttling.User (the code
// terraform-provider-alicloud retries on every ONS call); rates count on the
// virtual clock, so a test waits a limit out with env.Advance.
func (p *Product) tableSpec() pipeline.TableSpec {
	spec := pipeline.TableSpec{Throttle: errThrottlingUser, Decline: p.decline}
	if p.opts.RateLimits {
		spec.Now = p.clock.Now
	}
	return spec
}

// admit is the product-wide check every action, served or declined, passes
// before its own rules: the region and the action must be served
// (store.served), and the call must have an account — it has none only when
// no account is configured at all and verification is off, and then nothing
// can be owned.
func (p *Product) admit(action string, call *pipeline.Call) error {
	if err := p.store.served(call.Region, action); err != nil {
		return err
	}
	if call.Account == nil {
		return errInvalidAccessKeyIdNotFound.New()
	}
	return nil
}

// guarded runs a served action's handler once admit lets the call in.
func (p *Product) guarded(action string, h pipeline.Handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		if err := p.admit(action, call); err != nil {
			return nil, err
		}
		return h(call)
	}
}

// decline answers a declined action: ONS_SERVICE_UNSUPPORTED, once admitted
// (an unknown region is still BIZ_REGION_NOT_FOUND).
func (p *Product) decline(call *pipeline.Call) error {
	if err := p.admit(call.Action, call); err != nil {
		return err
	}
	return errOnsServiceUnsupported.New()
}

// Parameter readers. A required parameter that is absent (or sent empty —
// the Go SDK never sends an empty value) answers the gateway's Missing<Name>;
// a present value of the wrong type answers BIZ_FIELD_CHECK_INVALID.

func required(call *pipeline.Call, name string) (string, error) {
	v := call.Params[name]
	if v == "" {
		return "", errMissingParameterFamily.New(name)
	}
	return v, nil
}

// optional returns the value and whether it was sent.
func optional(call *pipeline.Call, name string) (string, bool) {
	v, ok := call.Params[name]
	return v, ok
}

// integer reads an Integer parameter; def when absent.
func integer(call *pipeline.Call, name string, def int64) (int64, error) {
	v, ok := call.Params[name]
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fieldInvalid(name + " must be an integer")
	}
	return n, nil
}

func requiredInteger(call *pipeline.Call, name string) (int64, error) {
	if _, err := required(call, name); err != nil {
		return 0, err
	}
	return integer(call, name, 0)
}

// boolean reads a Boolean parameter ("true"/"false"); def when absent.
func boolean(call *pipeline.Call, name string, def bool) (bool, error) {
	v, ok := call.Params[name]
	if !ok || v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fieldInvalid(name + " must be true or false")
	}
	return b, nil
}

// list reads Name.1, Name.2, ... (one run from 1).
func list(call *pipeline.Call, name string) ([]string, error) {
	vs, err := wire.Indexed(call.Params, name, 1)
	if err != nil {
		return nil, fieldInvalid(err.Error())
	}
	return vs, nil
}

// tagFilter reads Tag.N.Key / Tag.N.Value from 1 until a key is missing.
func tagFilter(call *pipeline.Call) ([]kv, error) {
	var out []kv
	for i := 1; ; i++ {
		p := "Tag." + strconv.Itoa(i) + "."
		k, ok := call.Params[p+"Key"]
		if !ok {
			if _, stray := call.Params[p+"Value"]; stray {
				return nil, fieldInvalid(p + "Value has no " + p + "Key")
			}
			return out, nil
		}
		if k == "" {
			return nil, fieldInvalid(p + "Key is empty")
		}
		out = append(out, kv{k, call.Params[p+"Value"]})
	}
}

// instanceID is the InstanceId every instance-scoped action requires.
func instanceID(call *pipeline.Call) (string, error) { return required(call, "InstanceId") }

// Response shapes, field for field the Go SDK's (services/ons struct_*.go):
// json names are case-sensitive there, and every nested list sits in its
// wrapper object. RequestId is added by the envelope writer. The shapes one
// action family uses sit beside its handlers.

type helpOnly struct {
	HelpURL string `json:"HelpUrl"`
}

type tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type tags struct {
	Tag []tag `json:"Tag"`
}

func tagsOfKV(in []kv) tags {
	out := tags{Tag: make([]tag, len(in))}
	for i, t := range in {
		out.Tag[i] = tag(t)
	}
	return out
}
