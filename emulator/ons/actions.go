package ons

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// actions is the action table: every action of the Go SDK's services/ons
// (40), OnsMessageSend and the legacy OnsEmpowerCreate/Delete (reachable
// through requests.CommonRequest), and the actions knowingly declined.
func (s *Server) actions() *pipeline.Table {
	served := []pipeline.Action{
		// Region and instances.
		{Name: "OnsRegionList", Handle: s.regionList},
		{Name: "OnsInstanceCreate", Handle: s.instanceCreate},
		{Name: "OnsInstanceUpdate", Handle: s.instanceUpdate},
		{Name: "OnsInstanceDelete", Handle: s.instanceDelete},
		{Name: "OnsInstanceBaseInfo", Handle: s.instanceBaseInfo},
		{Name: "OnsInstanceInServiceList", Handle: s.instanceInServiceList},
		{Name: "OpenOnsService", Handle: s.openOnsService},
		// Topics.
		{Name: "OnsTopicCreate", Handle: s.topicCreate},
		{Name: "OnsTopicDelete", Handle: s.topicDelete},
		{Name: "OnsTopicList", Handle: s.topicList},
		{Name: "OnsTopicStatus", Handle: s.topicStatus},
		{Name: "OnsTopicUpdate", Handle: s.topicUpdate},
		{Name: "OnsTopicSubDetail", Handle: s.topicSubDetail},
		// Groups and their consumers.
		{Name: "OnsGroupCreate", Handle: s.groupCreate},
		{Name: "OnsGroupDelete", Handle: s.groupDelete},
		{Name: "OnsGroupList", Handle: s.groupList},
		{Name: "OnsGroupSubDetail", Handle: s.groupSubDetail},
		{Name: "OnsGroupConsumerUpdate", Handle: s.groupConsumerUpdate},
		{Name: "OnsConsumerAccumulate", Handle: s.consumerAccumulate},
		{Name: "OnsConsumerStatus", Handle: s.consumerStatus},
		{Name: "OnsConsumerGetConnection", Handle: s.consumerGetConnection},
		{Name: "OnsConsumerResetOffset", Handle: s.consumerResetOffset},
		{Name: "OnsConsumerTimeSpan", Handle: s.consumerTimeSpan},
		// Messages.
		{Name: "OnsMessageSend", Handle: s.messageSend},
		{Name: "OnsMessageGetByMsgId", Handle: s.messageGetByMsgID},
		{Name: "OnsMessageDetail", Handle: s.messageDetail},
		{Name: "OnsMessageGetByKey", Handle: s.messageGetByKey},
		{Name: "OnsMessagePageQueryByTopic", Handle: s.messagePageQueryByTopic},
		{Name: "OnsMessagePush", Handle: s.messagePush},
		// Tags.
		{Name: "TagResources", Handle: s.tagResources},
		{Name: "UntagResources", Handle: s.untagResources},
		{Name: "ListTagResources", Handle: s.listTagResources},
		// Legacy cross-account topic authorization (seed rows EMPOWER_*).
		{Name: "OnsEmpowerCreate", Handle: s.empowerCreate},
		{Name: "OnsEmpowerDelete", Handle: s.empowerDelete},
	}
	declinedNames := DeclinedActions()
	rows := make([]pipeline.Action, 0, len(served)+len(declinedNames))
	for _, a := range served {
		rows = append(rows, pipeline.Action{Name: a.Name, Handle: s.guard(a.Name, a.Handle)})
	}
	for _, name := range declinedNames {
		rows = append(rows, pipeline.Action{Name: name, Handle: s.guard(name, declined)})
	}
	return pipeline.NewTable(pipeline.TableSpec{Throttle: errThrottlingUser}, rows...)
}

// DeclinedActions are the actions mqmock knowingly does not serve: they answer
// ONS_SERVICE_UNSUPPORTED ("not supported in the corresponding Region").
// First the U actions of ons.md §1 (dead letters, traces and TPS trends need
// a broker's history); then the older-generation actions of
// aliyun-openapi-meta/ons that the current SDK lacks.
func DeclinedActions() []string {
	return []string{
		"OnsDLQMessageGetById", "OnsDLQMessagePageQueryByGroupId", "OnsDLQMessageResendById",
		"OnsMessageTrace", "OnsTraceGetResult", "OnsTraceQueryByMsgId", "OnsTraceQueryByMsgKey",
		"OnsTrendGroupOutputTps", "OnsTrendTopicInputTps",

		"OnsClusterList", "OnsEmpowerList",
		"OnsMqttGroupIdCreate", "OnsMqttGroupIdDelete", "OnsMqttGroupIdList", "OnsMqttQueryClientByClientId",
		"OnsMqttQueryClientByGroupId", "OnsMqttQueryClientByTopic", "OnsMqttQueryHistoryOnline",
		"OnsMqttQueryMsgByPubInfo", "OnsMqttQueryMsgTransTrend", "OnsMqttQueryTraceByTraceId",
		"OnsPublishCreate", "OnsPublishDelete", "OnsPublishGet", "OnsPublishList", "OnsPublishSearch",
		"OnsSubscriptionCreate", "OnsSubscriptionDelete", "OnsSubscriptionGet", "OnsSubscriptionList",
		"OnsSubscriptionSearch", "OnsSubscriptionUpdate",
		"OnsTopicGet", "OnsTopicSearch", "OnsWarnCreate", "OnsWarnDelete",
	}
}

func declined(*pipeline.Call) (any, error) { return nil, errOnsServiceUnsupported.New() }

// guard applies what holds for every action before its own rules: the
// RegionId must be one served (BIZ_REGION_NOT_FOUND), and neither the region
// nor the action may be configured unsupported (ONS_SERVICE_UNSUPPORTED), and,
// with rateLimits on, the account must be within the action's documented
// rate (Throttling.User). A
// request without RegionId (Node pop-core sends none) is in the default
// region.
func (s *Server) guard(name string, h pipeline.Handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		if r := call.Region; r != "" {
			if !s.regions[r] {
				return nil, errBizRegionNotFound.New()
			}
			if s.unsupportedRegions[r] {
				return nil, errOnsServiceUnsupported.New()
			}
		}
		if s.unsupportedActions[name] {
			return nil, errOnsServiceUnsupported.New()
		}
		if call.Account == nil {
			// Only when no account is configured at all and verification is
			// off: nothing can be owned.
			return nil, errInvalidAccessKeyIdNotFound.New()
		}
		if s.limiter != nil && !s.limiter.allow(call.Account.Name, name) {
			return nil, errThrottlingUser.New()
		}
		return h(call)
	}
}
