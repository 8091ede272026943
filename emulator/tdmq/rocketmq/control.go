package rocketmq

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/mqmock/mqmock/internal/controlapi"
)

// Control mounts the 4.x control endpoints (the door puts them under
// /_mqmock/tdmq/rocketmq4/). Consumer
// clients and dead letters come from RocketMQ clients on the real service,
// which mqmock does not serve; these endpoints stand in for them so
// DescribeRocketMQConsumerConnections, VerifyRocketMQConsume,
// RetryRocketMQDlqMessage and dead-letter queries have state to work on
// (store_consumer.go). Bodies are JSON; "account" defaults to "default".
func (g *Product) Control(r *gin.RouterGroup) {
	r.POST("/clients", g.ctlConnect)
	r.DELETE("/clients", g.ctlDisconnect)
	r.POST("/deadletters", g.ctlDeadLetter)
}

// ctlGroup names a group.
type ctlGroup struct {
	Account     string `json:"account"`
	ClusterId   string `json:"clusterId"`
	NamespaceId string `json:"namespaceId"`
	GroupId     string `json:"groupId"`
}

// account is the target's account, "default" when the body names none.
func (t ctlGroup) account() string {
	if t.Account == "" {
		return "default"
	}
	return t.Account
}

type ctlClient struct {
	ctlGroup
	ClientId   string `json:"clientId"`
	ClientAddr string `json:"clientAddr"`
	Language   string `json:"language"`
	Version    string `json:"version"`
}

// ctlConnect brings a consumer client of a group online (again: the same id
// replaces its earlier entry).
func (g *Product) ctlConnect(c *gin.Context) {
	var req ctlClient
	if err := controlapi.DecodeJSON(c, &req); err != nil || req.ClientId == "" {
		controlapi.Fail(c, http.StatusBadRequest, "body must name a clientId, clusterId, namespaceId and groupId")
		return
	}
	if req.Language == "" {
		req.Language = "JAVA"
	}
	n, err := g.store.connectConsumer(req.account(), req.ClusterId, req.NamespaceId, req.GroupId,
		consumer{ID: req.ClientId, Addr: req.ClientAddr, Language: req.Language, Version: req.Version})
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"clients": n})
}

// ctlDisconnect takes a consumer client (or, with no clientId, every one)
// offline.
func (g *Product) ctlDisconnect(c *gin.Context) {
	var req ctlClient
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "body must name a clusterId, namespaceId and groupId")
		return
	}
	n, err := g.store.disconnectConsumer(req.account(), req.ClusterId, req.NamespaceId, req.GroupId, req.ClientId)
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"clients": n})
}

type ctlDeadLetter struct {
	ctlGroup
	Topic string `json:"topic"`
	MsgId string `json:"msgId"`
}

// ctlDeadLetter moves a message the group failed to consume into its
// dead-letter queue (the message stays in its topic, as on RocketMQ).
func (g *Product) ctlDeadLetter(c *gin.Context) {
	var req ctlDeadLetter
	if err := controlapi.DecodeJSON(c, &req); err != nil || req.Topic == "" || req.MsgId == "" {
		controlapi.Fail(c, http.StatusBadRequest, "body must name a topic, msgId, clusterId, namespaceId and groupId")
		return
	}
	n, err := g.store.addDeadLetter(req.account(), req.ClusterId, req.NamespaceId, req.GroupId, req.Topic, req.MsgId, g.clock.Now())
	if err != nil {
		controlapi.Fail(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"deadLetters": n})
}
