package mqtt

import "github.com/mqmock/mqmock/internal/pipeline"

// groupResult is CreateGroupId's and DeleteGroupId's answer beyond the
// RequestId (HelpUrl is optional and left out, as in the docs' examples).
type groupResult struct{}

func (p *Product) createGroupID(call *pipeline.Call) (any, error) {
	if err := requiredGroup(call, "GroupId", "InstanceId"); err != nil {
		return nil, err
	}
	if err := p.store.createGroup(call.Account, call.Param("InstanceId"), call.Param("GroupId"), call.Received); err != nil {
		return nil, err
	}
	return groupResult{}, nil
}

func (p *Product) deleteGroupID(call *pipeline.Call) (any, error) {
	if err := requiredGroup(call, "GroupId", "InstanceId"); err != nil {
		return nil, err
	}
	if err := p.store.deleteGroup(call.Account, call.Param("InstanceId"), call.Param("GroupId")); err != nil {
		return nil, err
	}
	return groupResult{}, nil
}

// listGroupIDResult: Data is a bare array (an object there fails the Go SDK).
type listGroupIDResult struct {
	Data []groupView `json:"Data"`
}

func (p *Product) listGroupID(call *pipeline.Call) (any, error) {
	if err := requiredGroup(call, "InstanceId"); err != nil {
		return nil, err
	}
	groups, err := p.store.listGroups(call.Account, call.Param("InstanceId"))
	if err != nil {
		return nil, err
	}
	return listGroupIDResult{Data: groups}, nil
}
