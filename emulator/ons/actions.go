package ons

import (
	"sort"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// instanceVO is InstanceVO of the Go SDK (CreateTime is an int64 here).
type instanceVO struct {
	InstanceID        string `json:"InstanceId"`
	InstanceName      string `json:"InstanceName"`
	InstanceStatus    int    `json:"InstanceStatus"`
	InstanceType      int    `json:"InstanceType"`
	IndependentNaming bool   `json:"IndependentNaming"`
	ReleaseTime       int64  `json:"ReleaseTime"`
	CreateTime        int64  `json:"CreateTime"`
	Tags              tags   `json:"Tags"`
}

type tags struct {
	Tag []tag `json:"Tag"`
}

type tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type instanceInServiceListResult struct {
	HelpURL string `json:"HelpUrl"`
	Data    struct {
		InstanceVO []instanceVO `json:"InstanceVO"`
	} `json:"Data"`
}

// instanceStatusRunning is the documented "in service" status (doc example 5).
const instanceStatusRunning = 5

// instanceInServiceList lists the caller's instances only.
func (s *Server) instanceInServiceList(call *pipeline.Call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res instanceInServiceListResult
	res.Data.InstanceVO = []instanceVO{}
	for _, in := range s.instances {
		if in.owner != call.Account {
			continue
		}
		res.Data.InstanceVO = append(res.Data.InstanceVO, instanceVO{
			InstanceID: in.id, InstanceName: in.name, InstanceStatus: instanceStatusRunning, InstanceType: 1,
			IndependentNaming: in.independentNaming, CreateTime: in.createTime, Tags: tags{Tag: []tag{}},
		})
	}
	sort.Slice(res.Data.InstanceVO, func(i, j int) bool { return res.Data.InstanceVO[i].InstanceID < res.Data.InstanceVO[j].InstanceID })
	return res, nil
}
