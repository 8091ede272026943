package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
	"github.com/mqmock/mqmock/internal/tcdata"
)

// Topics of a namespace (store_topic.go).

type createRocketMQTopicRequest struct {
	Topic        string   `json:"Topic" mq:"required"`
	Namespaces   []string `json:"Namespaces" mq:"required"`
	Type         string   `json:"Type" mq:"required"`
	ClusterId    string   `json:"ClusterId" mq:"required"`
	Remark       *string  `json:"Remark"`
	PartitionNum *int64   `json:"PartitionNum"`
}

func (g *Product) createRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQTopicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.createTopic(o, newTopic{cluster: req.ClusterId, namespaces: req.Namespaces, name: req.Topic, typ: req.Type, remark: str(req.Remark), partitions: req.PartitionNum, tags: []tag{}})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type createRocketMQTopicV2Request struct {
	Topic        string   `json:"Topic" mq:"required"`
	Type         string   `json:"Type" mq:"required"`
	ClusterId    string   `json:"ClusterId" mq:"required"`
	Namespace    string   `json:"Namespace" mq:"required"`
	Remark       *string  `json:"Remark"`
	PartitionNum *int64   `json:"PartitionNum"`
	TagList      []*tagIn `json:"TagList"`
}

func (g *Product) createRocketMQTopicV2(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQTopicV2Request
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	err := g.store.createTopic(o, newTopic{cluster: req.ClusterId, namespaces: []string{req.Namespace}, name: req.Topic, typ: req.Type, remark: str(req.Remark), partitions: req.PartitionNum, tags: tcdata.Tags(req.TagList)})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQTopicsRequest struct {
	Offset      uint64       `json:"Offset" mq:"required"`
	Limit       uint64       `json:"Limit" mq:"required"`
	ClusterId   string       `json:"ClusterId" mq:"required"`
	NamespaceId string       `json:"NamespaceId" mq:"required"`
	FilterType  []string     `json:"FilterType"`
	FilterName  *string      `json:"FilterName"`
	FilterGroup *string      `json:"FilterGroup"`
	TagFilters  []*tagFilter `json:"TagFilters"`
}

type describeRocketMQTopicsResponse struct {
	TotalCount uint64          `json:"TotalCount"`
	Topics     []rocketMQTopic `json:"Topics"`
}

func (g *Product) describeRocketMQTopics(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	total, topics, err := g.store.describeTopics(o, topicQuery{
		cluster: req.ClusterId, namespace: req.NamespaceId, offset: req.Offset, limit: req.Limit,
		types: req.FilterType, name: req.FilterName, group: req.FilterGroup, tagFilters: req.TagFilters,
	})
	if err != nil {
		return nil, err
	}
	return describeRocketMQTopicsResponse{TotalCount: total, Topics: topics}, nil
}

type describeRocketMQTopicRequest struct {
	ClusterId     string  `json:"ClusterId" mq:"required"`
	NamespaceId   string  `json:"NamespaceId" mq:"required"`
	TopicName     string  `json:"TopicName" mq:"required"`
	ConsumerGroup *string `json:"ConsumerGroup"`
	Offset        *int64  `json:"Offset"`
	Limit         *int64  `json:"Limit"`
}

type describeRocketMQTopicResponse struct {
	Topic rocketMQTopic `json:"Topic"`
}

func (g *Product) describeRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	t, err := g.store.describeTopic(o, req.ClusterId, req.NamespaceId, req.TopicName, req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	return describeRocketMQTopicResponse{Topic: t}, nil
}

type modifyRocketMQTopicRequest struct {
	ClusterId    string `json:"ClusterId" mq:"required"`
	NamespaceId  string `json:"NamespaceId" mq:"required"`
	Topic        string `json:"Topic" mq:"required"`
	Remark       string `json:"Remark" mq:"required"`
	PartitionNum *int64 `json:"PartitionNum"`
}

func (g *Product) modifyRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQTopicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.modifyTopic(o, req.ClusterId, req.NamespaceId, req.Topic, req.Remark, req.PartitionNum); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type topicRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
	Topic       string `json:"Topic" mq:"required"`
}

func (g *Product) deleteRocketMQTopic(o op, call *pipeline.Call) (any, error) {
	var req topicRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := g.store.deleteTopic(o, req.ClusterId, req.NamespaceId, req.Topic); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeRocketMQTopicsByGroupRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	NamespaceId string  `json:"NamespaceId" mq:"required"`
	GroupId     string  `json:"GroupId" mq:"required"`
	Offset      *uint64 `json:"Offset"`
	Limit       *uint64 `json:"Limit"`
}

type describeRocketMQTopicsByGroupResponse struct {
	TotalCount uint64   `json:"TotalCount"`
	Topics     []string `json:"Topics"`
}

func (g *Product) describeRocketMQTopicsByGroup(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicsByGroupRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	topics, err := g.store.describeTopicsByGroup(o, req.ClusterId, req.NamespaceId, req.GroupId)
	if err != nil {
		return nil, err
	}
	return describeRocketMQTopicsByGroupResponse{TotalCount: uint64(len(topics)), Topics: topics}, nil
}

type describeRocketMQTopicStatsRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
	TopicName   string `json:"TopicName" mq:"required"`
}

type describeRocketMQTopicStatsResponse struct {
	TopicStatsList []topicStats `json:"TopicStatsList"`
}

func (g *Product) describeRocketMQTopicStats(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQTopicStatsRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	stats, err := g.store.describeTopicStats(o, req.ClusterId, req.NamespaceId, req.TopicName)
	if err != nil {
		return nil, err
	}
	return describeRocketMQTopicStatsResponse{TopicStatsList: stats}, nil
}
