package mqtt

import "github.com/mqmock/mqmock/internal/pipeline"

// groupResult is CreateGroupId's and DeleteGroupId's answer beyond the
// RequestId (HelpUrl is optional and left out, as in the docs' examples).
type groupResult struct{}

func (s *Server) createGroupID(call *pipeline.Call) (any, error) {
	if err := groupFamily.required(call, "GroupId", "InstanceId"); err != nil {
		return nil, err
	}
	id := call.Param("GroupId")
	if !validGroupID(id) {
		return nil, groupFamily.invalid("GroupId")
	}
	if err := s.store.createGroup(call.Account, call.Param("InstanceId"), id, call.Received); err != nil {
		return nil, err
	}
	return groupResult{}, nil
}

func (s *Server) deleteGroupID(call *pipeline.Call) (any, error) {
	if err := groupFamily.required(call, "GroupId", "InstanceId"); err != nil {
		return nil, err
	}
	if err := s.store.deleteGroup(call.Account, call.Param("InstanceId"), call.Param("GroupId")); err != nil {
		return nil, err
	}
	return groupResult{}, nil
}

// listGroupIDResult: Data is a bare array (an object there fails the Go SDK).
type listGroupIDResult struct {
	Data []groupView `json:"Data"`
}

func (s *Server) listGroupID(call *pipeline.Call) (any, error) {
	if err := groupFamily.required(call, "InstanceId"); err != nil {
		return nil, err
	}
	groups, err := s.store.listGroups(call.Account, call.Param("InstanceId"))
	if err != nil {
		return nil, err
	}
	return listGroupIDResult{Data: groups}, nil
}
