package tdmq

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Control endpoints for 5.x, under /_mqmock/tdmq/trocket/. On the real
// service, subscriptions, consumer clients, producers, consumption progress
// and dead letters come from RocketMQ clients, which mqmock does not serve;
// these endpoints stand in for them so the reporting actions
// (DescribeConsumerClientList, DescribeTopicListByGroup, DescribeConsumerLag,
// VerifyMessageConsumption, DescribeProducerList, dead-letter queries...) have
// state to report. Bodies are JSON; "account" defaults to "default".
func (g *gen5) control(r *gin.RouterGroup) {
	r.POST("/clients", g.ctlClient)
	r.DELETE("/clients", g.ctlDisconnect)
	r.POST("/producers", g.ctlProducer)
	r.POST("/consume", g.ctlConsume)
	r.POST("/deadletters", g.ctlDeadLetter)
}

type ctlTarget5 struct {
	Account    string `json:"account"`
	InstanceId string `json:"instanceId"`
}

// instance finds the target instance; the caller holds g.mu.
func (g *gen5) ctlInstance(t ctlTarget5) (*instance5, error) {
	if t.Account == "" {
		t.Account = "default"
	}
	in, ok := g.instances[t.InstanceId]
	if !ok || in.owner != t.Account {
		return nil, errors.New("instance " + t.InstanceId + " of account " + t.Account + " does not exist")
	}
	return in, nil
}

type ctlClient5 struct {
	ctlTarget5
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
func (g *gen5) ctlClient(c *gin.Context) {
	var req ctlClient5
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
	if !oneOf5(req.ConsumeType, "PUSH", "PULL", "POP") {
		ctlFail(c, http.StatusBadRequest, "consumeType must be PUSH, PULL or POP")
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget5)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	if _, ok := in.groups[req.ConsumerGroup]; !ok {
		ctlFail(c, http.StatusNotFound, "consumer group "+req.ConsumerGroup+" does not exist")
		return
	}
	now := g.clock.Now()
	cl := &client5{id: req.ClientId, addr: req.ClientAddr, group: req.ConsumerGroup, language: req.Language,
		version: req.Version, protocol: req.ChannelProtocol, consumeType: req.ConsumeType}
	for _, s := range req.Subscriptions {
		t, ok := in.topics[s.Topic]
		if !ok {
			ctlFail(c, http.StatusNotFound, "topic "+s.Topic+" does not exist")
			return
		}
		cl.topics = append(cl.topics, s.Topic)
		k := subKey5{group: req.ConsumerGroup, topic: s.Topic}
		if _, ok := in.subs[k]; !ok {
			// A new subscription starts at the topic's end, like a new
			// consumer group's CONSUME_FROM_LAST_OFFSET.
			in.subs[k] = &sub5{offset: t.endOffset(), lastUpdate: now}
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
func (g *gen5) ctlDisconnect(c *gin.Context) {
	t := ctlTarget5{Account: c.Query("account"), InstanceId: c.Query("instanceId")}
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

type ctlProducer5 struct {
	ctlTarget5
	Topic           string `json:"topic"`
	ClientId        string `json:"clientId"`
	ClientIp        string `json:"clientIp"`
	Language        string `json:"language"`
	Version         string `json:"version"`
	ChannelProtocol string `json:"channelProtocol"`
}

// ctlProducer registers (or refreshes) a producer of a topic.
func (g *gen5) ctlProducer(c *gin.Context) {
	var req ctlProducer5
	if err := c.ShouldBindJSON(&req); err != nil || req.ClientId == "" || req.Topic == "" {
		ctlFail(c, http.StatusBadRequest, "topic and clientId are required")
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget5)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	if _, ok := in.topics[req.Topic]; !ok {
		ctlFail(c, http.StatusNotFound, "topic "+req.Topic+" does not exist")
		return
	}
	if in.producers[req.Topic] == nil {
		in.producers[req.Topic] = map[string]*producer5{}
	}
	in.producers[req.Topic][req.ClientId] = &producer5{id: req.ClientId, ip: req.ClientIp, language: req.Language,
		version: req.Version, protocol: req.ChannelProtocol, lastUpdate: g.clock.Now()}
	c.JSON(http.StatusOK, gin.H{"clientId": req.ClientId})
}

type ctlConsume5 struct {
	ctlTarget5
	ConsumerGroup string `json:"consumerGroup"`
	Topic         string `json:"topic"`
	Count         int64  `json:"count"` // messages to acknowledge; -1 = all
}

// ctlConsume moves a subscription's committed offset forward.
func (g *gen5) ctlConsume(c *gin.Context) {
	var req ctlConsume5
	if err := c.ShouldBindJSON(&req); err != nil {
		ctlFail(c, http.StatusBadRequest, "body is not a consume request: "+err.Error())
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget5)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	s, t := in.subs[subKey5{group: req.ConsumerGroup, topic: req.Topic}], in.topics[req.Topic]
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

type ctlDeadLetter5 struct {
	ctlTarget5
	ConsumerGroup string `json:"consumerGroup"`
	MsgId         string `json:"msgId"`
}

// ctlDeadLetter moves a message into a group's dead-letter queue, as
// exhausting MaxRetryTimes would.
func (g *gen5) ctlDeadLetter(c *gin.Context) {
	var req ctlDeadLetter5
	if err := c.ShouldBindJSON(&req); err != nil {
		ctlFail(c, http.StatusBadRequest, "body is not a dead-letter request: "+err.Error())
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in, err := g.ctlInstance(req.ctlTarget5)
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
