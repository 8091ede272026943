package mqtt

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// actions is the action table: the 13 actions of the Go SDK's
// services/onsmqtt, then those of the 2020-04-20 API that mqmock knowingly
// declines (answered with the seed's ApiNotSupport, 404).
func (s *Server) actions() *pipeline.Table {
	served := []pipeline.Action{
		{Name: "ApplyToken", Handle: s.applyToken, Throttle: errApplyTokenOverFlow},
		{Name: "QueryToken", Handle: s.queryToken},
		{Name: "RevokeToken", Handle: s.revokeToken},
		{Name: "CreateGroupId", Handle: s.createGroupID},
		{Name: "DeleteGroupId", Handle: s.deleteGroupID},
		{Name: "ListGroupId", Handle: s.listGroupID},
		{Name: "RegisterDeviceCredential", Handle: s.registerDeviceCredential},
		{Name: "GetDeviceCredential", Handle: s.getDeviceCredential},
		{Name: "RefreshDeviceCredential", Handle: s.refreshDeviceCredential},
		{Name: "UnRegisterDeviceCredential", Handle: s.unRegisterDeviceCredential},
		{Name: "QuerySessionByClientId", Handle: s.querySessionByClientID},
		{Name: "BatchQuerySessionByClientIds", Handle: s.batchQuerySessionByClientIDs},
		{Name: "SendMessage", Handle: s.sendMessage},
	}
	declinedNames := Declined()
	rows := make([]pipeline.Action, 0, len(served)+len(declinedNames))
	for _, a := range served {
		a.Handle = s.limited(a.Name, a.Handle)
		rows = append(rows, a)
	}
	for _, name := range declinedNames {
		rows = append(rows, pipeline.Action{Name: name, Handle: declined})
	}
	return pipeline.NewTable(pipeline.TableSpec{Throttle: errSystemOverFlow}, rows...)
}

// Declined lists the actions of the 2020-04-20 API that the Go SDK v1.63.107
// lacks and mqmock does not emulate: message traces (their shapes are
// unconfirmed) and the CA / device certificate APIs (no TLS broker behind
// mqmock). A function, so no caller can change the list for everyone.
func Declined() []string {
	return []string{
		"QueryMqttTraceDevice",
		"QueryMqttTraceMessageOfClient",
		"QueryMqttTraceMessagePublish",
		"QueryMqttTraceMessageSubscribe",
		"RegisterCaCertificate",
		"ListCaCertificate",
		"GetCaCertificate",
		"DeleteCaCertificate",
		"ActiveCaCertificate",
		"InactivateCaCertificate",
		"GetRegisterCode",
		"ListDeviceCertificate",
		"ListDeviceCertificateByCaSn",
		"GetDeviceCertificate",
		"ActiveDeviceCertificate",
		"InactivateDeviceCertificate",
		"DeleteDeviceCertificate",
	}
}

func declined(*pipeline.Call) (any, error) { return nil, errApiNotSupport.New() }

// limited applies the per-account QPS before the action when rate limits are
// on: ApplyToken has its own overflow code, every other action the generic
// SystemOverFlow (seed descriptions "申请token频率过高" / "系统限流").
func (s *Server) limited(action string, h pipeline.Handler) pipeline.Handler {
	if !s.opts.RateLimits {
		return h
	}
	return func(call *pipeline.Call) (any, error) {
		if !s.limiter.allow(call.Account.Name, action, s.env.Clock.Now()) {
			if action == "ApplyToken" {
				return nil, errApplyTokenOverFlow.New()
			}
			return nil, errSystemOverFlow.New()
		}
		return h(call)
	}
}

// family is how a group of actions reports parameter problems. The seed
// gives the Group ID APIs one code for everything (ParameterFieldCheckFailed)
// and the others two: ParameterCheckFailed for a missing value,
// InvalidParameter.<Name> for a bad one (mqtt.md §3, an emulator choice).
type family struct {
	missing func(name string) error
	invalid func(name string) error
}

var (
	tokenFamily = family{
		missing: func(string) error { return errParameterCheckFailed.New() },
		invalid: func(name string) error { return errInvalidParameterFamily.New(name) },
	}
	groupFamily = family{
		missing: func(string) error { return errParameterFieldCheckFailed.New() },
		invalid: func(string) error { return errParameterFieldCheckFailed.New() },
	}
)

// required checks that every named parameter has a value. The Go SDK never
// sends an empty string, so empty counts as missing.
func (f family) required(call *pipeline.Call, names ...string) error {
	for _, n := range names {
		if call.Param(n) == "" {
			return f.missing(n)
		}
	}
	return nil
}
