package ons

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// tagTarget reads what every tag action names: the resource type, the
// instance (for topics and groups) and the resource ids.
func tagTarget(call *pipeline.Call) (resType, inst string, ids []string, err error) {
	if resType, err = required(call, "ResourceType"); err != nil {
		return "", "", nil, err
	}
	if resType != resInstance && resType != resTopic && resType != resGroup {
		return "", "", nil, fieldInvalid("ResourceType must be INSTANCE, TOPIC or GROUP")
	}
	if resType != resInstance {
		if inst, err = instanceID(call); err != nil {
			return "", "", nil, err
		}
	}
	ids, err = list(call, "ResourceId")
	return resType, inst, ids, err
}

func (s *Server) tagResources(call *pipeline.Call) (any, error) {
	resType, inst, ids, err := tagTarget(call)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, errMissingParameterFamily.New("ResourceId.1")
	}
	tags, err := tagFilter(call)
	if err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, errMissingParameterFamily.New("Tag.1.Key")
	}
	if err := s.store.tagResources(call.Account, resType, inst, ids, tags); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) untagResources(call *pipeline.Call) (any, error) {
	resType, inst, ids, err := tagTarget(call)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, errMissingParameterFamily.New("ResourceId.1")
	}
	keys, err := list(call, "TagKey")
	if err != nil {
		return nil, err
	}
	all, err := boolean(call, "All", false)
	if err != nil {
		return nil, err
	}
	if err := s.store.untagResources(call.Account, resType, inst, ids, keys, all); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// listTagResources answers every tag in one page (NextToken stays empty).
func (s *Server) listTagResources(call *pipeline.Call) (any, error) {
	resType, inst, ids, err := tagTarget(call)
	if err != nil {
		return nil, err
	}
	want, err := tagFilter(call)
	if err != nil {
		return nil, err
	}
	trs, err := s.store.listTagResources(call.Account, resType, inst, ids, want)
	if err != nil {
		return nil, err
	}
	type tagResource struct {
		ResourceType string `json:"ResourceType"`
		InstanceID   string `json:"InstanceId"`
		ResourceID   string `json:"ResourceId"`
		TagKey       string `json:"TagKey"`
		TagValue     string `json:"TagValue"`
	}
	out := make([]tagResource, len(trs))
	for i, t := range trs {
		out[i] = tagResource{ResourceType: t.ResourceType, InstanceID: t.InstanceID, ResourceID: t.ResourceID, TagKey: t.Key, TagValue: t.Value}
	}
	return struct {
		NextToken    string        `json:"NextToken"`
		TagResources []tagResource `json:"TagResources"`
	}{TagResources: out}, nil
}

// empowerCreate is the legacy cross-account topic authorization
// (aliyun-openapi-meta ons/OnsEmpowerCreate.json: EmpowerUser, Topic,
// Relation; no InstanceId — topics of the shared space).
func (s *Server) empowerCreate(call *pipeline.Call) (any, error) {
	topic, err := required(call, "Topic")
	if err != nil {
		return nil, err
	}
	user, err := required(call, "EmpowerUser")
	if err != nil {
		return nil, err
	}
	rel, err := requiredInteger(call, "Relation")
	if err != nil {
		return nil, err
	}
	if err := s.store.empower(call.Account, topic, user, int(rel)); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}

func (s *Server) empowerDelete(call *pipeline.Call) (any, error) {
	topic, err := required(call, "Topic")
	if err != nil {
		return nil, err
	}
	user, err := required(call, "EmpowerUser")
	if err != nil {
		return nil, err
	}
	if err := s.store.unempower(call.Account, topic, user); err != nil {
		return nil, err
	}
	return helpOnly{}, nil
}
