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
	if err = checkResourceType(resType); err != nil {
		return "", "", nil, err
	}
	if resType != resInstance {
		if inst, err = instanceID(call); err != nil {
			return "", "", nil, err
		}
	}
	ids, err = list(call, "ResourceId")
	return resType, inst, ids, err
}

func (p *Product) tagResources(call *pipeline.Call) (any, error) {
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
	if err := p.store.tagResources(call.Account, resType, inst, ids, tags); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (p *Product) untagResources(call *pipeline.Call) (any, error) {
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
	if err := p.store.untagResources(call.Account, resType, inst, ids, keys, all); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// listTagResources answers every tag in one page (NextToken stays empty).
func (p *Product) listTagResources(call *pipeline.Call) (any, error) {
	resType, inst, ids, err := tagTarget(call)
	if err != nil {
		return nil, err
	}
	want, err := tagFilter(call)
	if err != nil {
		return nil, err
	}
	trs, err := p.store.listTagResources(call.Account, resType, inst, ids, want)
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
