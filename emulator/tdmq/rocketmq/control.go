package rocketmq

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Control mounts the 4.x control endpoints (the door puts them under
// /_mqmock/tdmq/rocketmq4/). Consumer
// clients and dead letters come from RocketMQ clients on the real service,
// which mqmock does not serve; these endpoints stand in for them so
// DescribeRocketMQConsumerConnections, VerifyRocketMQConsume,
// RetryRocketMQDlqMessage and dead-letter queries have state to work on.
// Bodies are JSON; "account" defaults to "default".
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

// group finds the target group; the caller holds g.store.mu.
func (g *Product) ctlGroup(t ctlGroup) (*group, error) {
	if t.Account == "" {
		t.Account = "default"
	}
	_, _, gr, err := g.store.groupOf(t.Account, t.ClusterId, t.NamespaceId, t.GroupId,
		miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, group: errResourceNotFound})
	if err != nil {
		return nil, errors.New("group " + t.GroupId + " in namespace " + t.NamespaceId + " of cluster " + t.ClusterId +
			" (account " + t.Account + ") does not exist")
	}
	return gr, nil
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
	if err := c.ShouldBindJSON(&req); err != nil || req.ClientId == "" {
		ctlFail(c, http.StatusBadRequest, "body must name a clientId, clusterId, namespaceId and groupId")
		return
	}
	if req.Language == "" {
		req.Language = "JAVA"
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	gr, err := g.ctlGroup(req.ctlGroup)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	cl := &consumer{ID: req.ClientId, Addr: req.ClientAddr, Language: req.Language, Version: req.Version}
	if old := gr.client(req.ClientId); old != nil {
		*old = *cl
	} else {
		gr.Clients = append(gr.Clients, cl)
	}
	c.JSON(http.StatusOK, gin.H{"clients": len(gr.Clients)})
}

// ctlDisconnect takes a consumer client (or, with no clientId, every one)
// offline.
func (g *Product) ctlDisconnect(c *gin.Context) {
	var req ctlClient
	if err := c.ShouldBindJSON(&req); err != nil {
		ctlFail(c, http.StatusBadRequest, "body must name a clusterId, namespaceId and groupId")
		return
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	gr, err := g.ctlGroup(req.ctlGroup)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	kept := gr.Clients[:0]
	for _, cl := range gr.Clients {
		if req.ClientId != "" && cl.ID != req.ClientId {
			kept = append(kept, cl)
		}
	}
	gr.Clients = kept
	c.JSON(http.StatusOK, gin.H{"clients": len(gr.Clients)})
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
	if err := c.ShouldBindJSON(&req); err != nil || req.Topic == "" || req.MsgId == "" {
		ctlFail(c, http.StatusBadRequest, "body must name a topic, msgId, clusterId, namespaceId and groupId")
		return
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	gr, err := g.ctlGroup(req.ctlGroup)
	if err != nil {
		ctlFail(c, http.StatusNotFound, err.Error())
		return
	}
	owner := req.Account
	if owner == "" {
		owner = "default"
	}
	_, _, t, err := g.store.topicOf(owner, req.ClusterId, req.NamespaceId, req.Topic,
		miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound, topic: errResourceNotFound})
	if err != nil {
		ctlFail(c, http.StatusNotFound, "topic "+req.Topic+" does not exist")
		return
	}
	m := g.findMessage(t, req.MsgId)
	if m == nil {
		ctlFail(c, http.StatusNotFound, "message "+req.MsgId+" is not in topic "+req.Topic)
		return
	}
	if _, d := gr.deadLetter(req.MsgId); d == nil {
		gr.DeadLetters = append(gr.DeadLetters, &deadLetter{Topic: req.Topic, Msg: m})
	}
	c.JSON(http.StatusOK, gin.H{"deadLetters": len(gr.DeadLetters)})
}

// ctlFail answers a control request with the control API's error shape.
func ctlFail(c *gin.Context, status int, msg string) { c.JSON(status, gin.H{"error": msg}) }
