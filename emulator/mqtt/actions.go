package mqtt

import (
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

// actions is the action table: the 13 actions of the Go SDK's
// services/onsmqtt, then those of the 2020-04-20 API that mqmock knowingly
// declines.
//
// Rate is the documented per-account limit of each action (mqtt.md §5.3, the
// "QPS limits" page of the 2020-04-20 API), which the qps option may
// override; the limits apply only with rateLimits on (tableSpec). ApplyToken
// has its own overflow code (seed "申请token频率过高"), every other action
// the table's SystemOverFlow ("系统限流").
func (p *Product) actions() ([]pipeline.Action, error) {
	rows := []pipeline.Action{
		{Name: "ApplyToken", Handle: p.applyToken, Rate: ratelimit.Per(100, time.Second), Throttle: errApplyTokenOverFlow},
		{Name: "QueryToken", Handle: p.queryToken, Rate: ratelimit.Per(100, time.Second)},
		{Name: "RevokeToken", Handle: p.revokeToken, Rate: ratelimit.Per(5, time.Second)},
		{Name: "CreateGroupId", Handle: p.createGroupID, Rate: ratelimit.Per(10, time.Second)},
		{Name: "DeleteGroupId", Handle: p.deleteGroupID, Rate: ratelimit.Per(10, time.Second)},
		{Name: "ListGroupId", Handle: p.listGroupID, Rate: ratelimit.Per(10, time.Second)},
		{Name: "RegisterDeviceCredential", Handle: p.registerDeviceCredential, Rate: ratelimit.Per(500, time.Second)},
		{Name: "GetDeviceCredential", Handle: p.getDeviceCredential, Rate: ratelimit.Per(500, time.Second)},
		{Name: "RefreshDeviceCredential", Handle: p.refreshDeviceCredential, Rate: ratelimit.Per(500, time.Second)},
		{Name: "UnRegisterDeviceCredential", Handle: p.unRegisterDeviceCredential, Rate: ratelimit.Per(500, time.Second)},
		{Name: "QuerySessionByClientId", Handle: p.querySessionByClientID, Rate: ratelimit.Per(500, time.Second)},
		{Name: "BatchQuerySessionByClientIds", Handle: p.batchQuerySessionByClientIDs, Rate: ratelimit.Per(100, time.Second)},
		{Name: "SendMessage", Handle: p.sendMessage, Rate: ratelimit.Per(1000, time.Second)},

		// Declined, answering the seed's ApiNotSupport (404): actions the Go
		// SDK v1.63.107 lacks and mqmock does not emulate — message traces
		// (their shapes are unconfirmed) and the CA / device certificate APIs
		// (no TLS broker behind mqmock).
		{Name: "QueryMqttTraceDevice", Declined: true},
		{Name: "QueryMqttTraceMessageOfClient", Declined: true},
		{Name: "QueryMqttTraceMessagePublish", Declined: true},
		{Name: "QueryMqttTraceMessageSubscribe", Declined: true},
		{Name: "RegisterCaCertificate", Declined: true},
		{Name: "ListCaCertificate", Declined: true},
		{Name: "GetCaCertificate", Declined: true},
		{Name: "DeleteCaCertificate", Declined: true},
		{Name: "ActiveCaCertificate", Declined: true},
		{Name: "InactivateCaCertificate", Declined: true},
		{Name: "GetRegisterCode", Declined: true},
		{Name: "ListDeviceCertificate", Declined: true},
		{Name: "ListDeviceCertificateByCaSn", Declined: true},
		{Name: "GetDeviceCertificate", Declined: true},
		{Name: "ActiveDeviceCertificate", Declined: true},
		{Name: "InactivateDeviceCertificate", Declined: true},
		{Name: "DeleteDeviceCertificate", Declined: true},
	}
	for i, a := range rows {
		if !a.Declined {
			rows[i].Handle = p.guarded(a.Handle)
		}
	}
	var rated []string
	for _, a := range rows {
		if a.Rate.Limited() {
			rated = append(rated, a.Name)
		}
	}
	overrides, err := p.opts.rates(rated)
	if err != nil {
		return nil, err
	}
	for i, a := range rows {
		if q, ok := overrides[a.Name]; ok {
			rows[i].Rate = ratelimit.PerSecond(q)
		}
	}
	return rows, nil
}

// tableSpec: rates count on the virtual clock (a test waits a limit out with
// env.Advance), and a declined action answers ApiNotSupport.
func (p *Product) tableSpec() pipeline.TableSpec {
	spec := pipeline.TableSpec{
		Throttle: errSystemOverFlow,
		Decline:  func(*pipeline.Call) error { return errApiNotSupport.New() },
	}
	if p.opts.RateLimits {
		spec.Now = p.clock.Now
	}
	return spec
}

// admit is the product-wide check every served action passes before its
// own rules (where ONS makes its region check): a RegionId outside the
// regions option answers InvalidRegionId. A call without one — Node's
// pop-core sends none, the V3 cores only when asked — is in the default
// region, cn-hangzhou, and served, as on ONS. Instances are not kept per
// region (they come from the accounts): the check only refuses.
func (p *Product) admit(call *pipeline.Call) error {
	if call.Region != "" && !p.regions[call.Region] {
		return errInvalidRegionId.New()
	}
	return nil
}

// guarded runs a served action's handler once admit lets the call in.
func (p *Product) guarded(h pipeline.Handler) pipeline.Handler {
	return func(call *pipeline.Call) (any, error) {
		if err := p.admit(call); err != nil {
			return nil, err
		}
		return h(call)
	}
}

// Parameter presence. The seed gives the Group ID APIs one code for every
// parameter problem (ParameterFieldCheckFailed) and the others two:
// ParameterCheckFailed for a missing value, InvalidParameter.<Name> for a bad
// one (mqtt.md §3, an emulator choice). The handlers answer a missing or
// unreadable parameter; the store answers a value its rules refuse. The Go
// SDK never sends an empty string, so empty counts as missing.

// required checks that every named parameter has a value.
func required(call *pipeline.Call, names ...string) error {
	for _, n := range names {
		if call.Param(n) == "" {
			return errParameterCheckFailed.New()
		}
	}
	return nil
}

// requiredGroup is required for the Group ID APIs.
func requiredGroup(call *pipeline.Call, names ...string) error {
	for _, n := range names {
		if call.Param(n) == "" {
			return errParameterFieldCheckFailed.New()
		}
	}
	return nil
}

// empty is an answer with nothing but the RequestId.
type empty struct{}
