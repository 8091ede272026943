package mqtt

import "github.com/mqmock/mqmock/internal/pipeline"

// groupDo is MqttGroupIdDo of the Go SDK.
type groupDo struct {
	CreateTime        int64  `json:"CreateTime"`
	GroupID           string `json:"GroupId"`
	IndependentNaming bool   `json:"IndependentNaming"`
	InstanceID        string `json:"InstanceId"`
	UpdateTime        int64  `json:"UpdateTime"`
}

// listGroupIDResult: Data is a bare array (an object there fails the Go SDK).
type listGroupIDResult struct {
	Data []groupDo `json:"Data"`
}

func (s *Server) listGroupID(call *pipeline.Call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.instanceOf(call, func() error { return ErrParameterFieldCheckFailed.New() }); err != nil {
		return nil, err
	}
	return listGroupIDResult{Data: []groupDo{}}, nil
}
