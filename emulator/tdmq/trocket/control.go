package trocket

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/mqmock/mqmock/internal/controlapi"
)

// Control mounts the 5.x control endpoints (the door puts them under
// /_mqmock/tdmq/trocket/). On the real service, subscriptions, consumer
// clients, producers, consumption progress and dead letters come from
// RocketMQ clients, which mqmock does not serve; these endpoints stand in
// for them so the reporting actions (DescribeConsumerClientList,
// DescribeTopicListByGroup, DescribeConsumerLag, VerifyMessageConsumption,
// DescribeProducerList, dead-letter queries...) have state to report. Bodies
// are JSON; "account" defaults to "default".
func (g *Product) Control(r *gin.RouterGroup) {
	r.POST("/clients", g.ctlClient)
	r.DELETE("/clients", g.ctlDisconnect)
	r.POST("/producers", g.ctlProducer)
	r.POST("/consume", g.ctlConsume)
	r.POST("/deadletters", g.ctlDeadLetter)
}

type ctlTarget struct {
	Account    string `json:"account"`
	InstanceId string `json:"instanceId"`
}

// account is the target's account, "default" when the body names none.
func (t ctlTarget) account() string {
	if t.Account == "" {
		return "default"
	}
	return t.Account
}

type ctlClient struct {
	ctlTarget
	ConsumerGroup   string `json:"consumerGroup"`
	ClientId        string `json:"clientId"`
	ClientAddr      string `json:"clientAddr"`
	Language        string `json:"language"`
	Version         string `json:"version"`
	ChannelProtocol string `json:"channelProtocol"`
	ConsumeType     string `json:"consumeType"` // PUSH, PULL or POP
	Subscriptions   []struct {
		Topic          string `json:"topic"`
		SubString      string `json:"subString"`
		ExpressionType string `json:"expressionType"`
	} `json:"subscriptions"`
}

// ctlClient connects a consumer client of a group, subscribing it (and so
// the group) to topics.
func (g *Product) ctlClient(c *gin.Context) {
	var req ctlClient
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "body is not a client: "+err.Error())
		return
	}
	if req.ClientId == "" || req.ConsumerGroup == "" {
		controlapi.Fail(c, http.StatusBadRequest, "clientId and consumerGroup are required")
		return
	}
	if req.ConsumeType == "" {
		req.ConsumeType = "PUSH"
	}
	if !oneOf(req.ConsumeType, "PUSH", "PULL", "POP") {
		controlapi.Fail(c, http.StatusBadRequest, "consumeType must be PUSH, PULL or POP")
		return
	}
	subs := make([]subscriptionSpec, 0, len(req.Subscriptions))
	for _, s := range req.Subscriptions {
		subs = append(subs, subscriptionSpec{topic: s.Topic, subString: s.SubString, expressionType: s.ExpressionType})
	}
	topics, err := g.store.connectClient(req.account(), req.InstanceId, clientSpec{
		id: req.ClientId, addr: req.ClientAddr, group: req.ConsumerGroup, language: req.Language, version: req.Version,
		protocol: req.ChannelProtocol, consumeType: req.ConsumeType,
	}, subs, g.clock.Now())
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"clientId": req.ClientId, "topics": topics})
}

// ctlDisconnect takes a client offline (its group keeps its subscriptions).
func (g *Product) ctlDisconnect(c *gin.Context) {
	t := ctlTarget{Account: c.Query("account"), InstanceId: c.Query("instanceId")}
	id := c.Query("clientId")
	if err := g.store.disconnectClient(t.account(), t.InstanceId, id); err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"clientId": id, "disconnected": true})
}

type ctlProducer struct {
	ctlTarget
	Topic           string `json:"topic"`
	ClientId        string `json:"clientId"`
	ClientIp        string `json:"clientIp"`
	Language        string `json:"language"`
	Version         string `json:"version"`
	ChannelProtocol string `json:"channelProtocol"`
}

// ctlProducer registers (or refreshes) a producer of a topic.
func (g *Product) ctlProducer(c *gin.Context) {
	var req ctlProducer
	if err := controlapi.DecodeJSON(c, &req); err != nil || req.ClientId == "" || req.Topic == "" {
		controlapi.Fail(c, http.StatusBadRequest, "topic and clientId are required")
		return
	}
	err := g.store.registerProducer(req.account(), req.InstanceId, req.Topic, producerSpec{
		id: req.ClientId, ip: req.ClientIp, language: req.Language, version: req.Version, protocol: req.ChannelProtocol,
	}, g.clock.Now())
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"clientId": req.ClientId})
}

type ctlConsume struct {
	ctlTarget
	ConsumerGroup string `json:"consumerGroup"`
	Topic         string `json:"topic"`
	Count         int64  `json:"count"` // messages to acknowledge; -1 = all
}

// ctlConsume moves a subscription's committed offset forward.
func (g *Product) ctlConsume(c *gin.Context) {
	var req ctlConsume
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "body is not a consume request: "+err.Error())
		return
	}
	offset, lag, err := g.store.consume(req.account(), req.InstanceId, req.ConsumerGroup, req.Topic, req.Count, g.clock.Now())
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"offset": offset, "lag": lag})
}

type ctlDeadLetter struct {
	ctlTarget
	ConsumerGroup string `json:"consumerGroup"`
	MsgId         string `json:"msgId"`
}

// ctlDeadLetter moves a message into a group's dead-letter queue, as
// exhausting MaxRetryTimes would.
func (g *Product) ctlDeadLetter(c *gin.Context) {
	var req ctlDeadLetter
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "body is not a dead-letter request: "+err.Error())
		return
	}
	if err := g.store.deadLetter(req.account(), req.InstanceId, req.ConsumerGroup, req.MsgId); err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"msgId": req.MsgId, "consumerGroup": req.ConsumerGroup})
}
