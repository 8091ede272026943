package trocket

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Control mounts the 5.x control endpoints (the door puts them under
// /_mqmock/tdmq/trocket/). On the real
// service, subscriptions, consumer clients, producers, consumption progress
// and dead letters come from RocketMQ clients, which mqmock does not serve;
// these endpoints stand in for them so the reporting actions
// (DescribeConsumerClientList, DescribeTopicListByGroup, DescribeConsumerLag,
// VerifyMessageConsumption, DescribeProducerList, dead-letter queries...) have
// state to report. Bodies are JSON; "account" defaults to "default".
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

// instance finds the target instance; the caller holds g.mu.
func (g *Product) ctlInstance(t ctlTarget) (*instance, error) {
	if t.Account == "" {
		t.Account = "default"
	}
	in, ok := g.instances[t.InstanceId]
	if !ok || in.owner != t.Account {
		return nil, errors.New("instance " + t.InstanceId + " of account " + t.Account + " does not exist")
	}
	return in, nil
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
	if err := c.ShouldBindJSON(&req); err != nil {
		ctlFail(c, http.StatusBadRequest, "body is not a client: "+err.Error())
		return
	}
	if req.ClientId == "" || req.ConsumerGroup == "" {
		ctlFail(c, http.StatusBadRequest, "clientId and consumerGroup are required")
		return
	}
	if req.ConsumeType == "" {
		req.ConsumeType = "PUSH"
	}
	if !oneOf(req.ConsumeType, "PUSH", "PULL", "POP") {
		ctlFail(c, http.StatusBadRequest, "consumeType must be PUSH, PULL or POP")
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	if _, ok := in.groups[req.ConsumerGroup]; !ok {
		ctlFail(c, http.StatusNotFound, "consumer group "+req.ConsumerGroup+" does not exist")
		return
	}
	now := g.clock.Now()
	cl := &client{id: req.ClientId, addr: req.ClientAddr, group: req.ConsumerGroup, language: req.Language,
		version: req.Version, protocol: req.ChannelProtocol, consumeType: req.ConsumeType}
	for _, s := range req.Subscriptions {
		t, ok := in.topics[s.Topic]
		if !ok {
			ctlFail(c, http.StatusNotFound, "topic "+s.Topic+" does not exist")
			return
		}
		cl.topics = append(cl.topics, s.Topic)
		k := subKey{group: req.ConsumerGroup, topic: s.Topic}
		if _, ok := in.subs[k]; !ok {
			// A new subscription starts at the topic's end, like a new
			// consumer group's CONSUME_FROM_LAST_OFFSET.
			in.subs[k] = &sub{offset: t.endOffset(), lastUpdate: now}
		}
		sub := in.subs[k]
		sub.subString, sub.expressionType = s.SubString, s.ExpressionType
		if sub.subString == "" {
			sub.subString = "*"
		}
		if sub.expressionType == "" {
			sub.expressionType = "TAG"
		}
	}
	in.clients[cl.id] = cl
	c.JSON(http.StatusOK, gin.H{"clientId": cl.id, "topics": cl.topics})
}

// ctlDisconnect takes a client offline (its group keeps its subscriptions).
func (g *Product) ctlDisconnect(c *gin.Context) {
	t := ctlTarget{Account: c.Query("account"), InstanceId: c.Query("instanceId")}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(t)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	id := c.Query("clientId")
	if _, ok := in.clients[id]; !ok {
		ctlFail(c, http.StatusNotFound, "client "+id+" is not connected")
		return
	}
	delete(in.clients, id)
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
	if err := c.ShouldBindJSON(&req); err != nil || req.ClientId == "" || req.Topic == "" {
		ctlFail(c, http.StatusBadRequest, "topic and clientId are required")
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	if _, ok := in.topics[req.Topic]; !ok {
		ctlFail(c, http.StatusNotFound, "topic "+req.Topic+" does not exist")
		return
	}
	if in.producers[req.Topic] == nil {
		in.producers[req.Topic] = map[string]*producer{}
	}
	in.producers[req.Topic][req.ClientId] = &producer{id: req.ClientId, ip: req.ClientIp, language: req.Language,
		version: req.Version, protocol: req.ChannelProtocol, lastUpdate: g.clock.Now()}
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
	if err := c.ShouldBindJSON(&req); err != nil {
		ctlFail(c, http.StatusBadRequest, "body is not a consume request: "+err.Error())
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	s, t := in.subs[subKey{group: req.ConsumerGroup, topic: req.Topic}], in.topics[req.Topic]
	if s == nil || t == nil {
		ctlFail(c, http.StatusNotFound, "consumer group "+req.ConsumerGroup+" does not subscribe to "+req.Topic)
		return
	}
	end := t.endOffset()
	if req.Count < 0 || s.offset+req.Count > end {
		s.offset = end
	} else {
		s.offset += req.Count
	}
	s.lastUpdate = g.clock.Now()
	c.JSON(http.StatusOK, gin.H{"offset": s.offset, "lag": in.lag(s, t)})
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
	if err := c.ShouldBindJSON(&req); err != nil {
		ctlFail(c, http.StatusBadRequest, "body is not a dead-letter request: "+err.Error())
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	m, ok := in.messages[req.MsgId]
	if !ok {
		ctlFail(c, http.StatusNotFound, "message "+req.MsgId+" does not exist")
		return
	}
	if _, ok := in.groups[req.ConsumerGroup]; !ok {
		ctlFail(c, http.StatusNotFound, "consumer group "+req.ConsumerGroup+" does not exist")
		return
	}
	m.deadLetterGroup = req.ConsumerGroup
	c.JSON(http.StatusOK, gin.H{"msgId": m.id, "consumerGroup": req.ConsumerGroup})
}

// ctlFail answers a control request with the control API's error shape.
func ctlFail(c *gin.Context, status int, msg string) { c.JSON(status, gin.H{"error": msg}) }
