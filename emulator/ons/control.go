package ons

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/mqmock/mqmock/internal/controlapi"
)

// Control mounts the endpoints under /_mqmock/ons/ that stand in for real
// consumers, since no broker runs here (docs/ons.md).
//
//	PUT /_mqmock/ons/instances/:instanceId/groups/:groupId/consumers
//	    {"online":true,"clients":2,"messageModel":"CLUSTERING","consumeTps":1.5,
//	     "subscriptions":[{"topic":"orders","subString":"TagA||TagB"}]}
//	PUT /_mqmock/ons/instances/:instanceId/groups/:groupId/accumulation
//	    {"topic":"orders","totalDiff":42,"delayTime":60000,"lastConsumed":1700000000000}
//	GET /_mqmock/ons/instances/:instanceId/groups/:groupId/consumers
func (p *Product) Control(g *gin.RouterGroup) {
	grp := g.Group("/instances/:instanceId/groups/:groupId")
	grp.PUT("/consumers", p.putConsumers)
	grp.GET("/consumers", p.getConsumers)
	grp.PUT("/accumulation", p.putAccumulation)
}

func controlError(c *gin.Context, err error) {
	status := http.StatusBadRequest
	if errors.Is(err, errNoInstance) || errors.Is(err, errNoGroup) || errors.Is(err, errNoTopic) {
		status = http.StatusNotFound
	}
	controlapi.Fail(c, status, err.Error())
}

// decodeStrict reads a JSON body refusing unknown fields, so a typo never
// silently does nothing.
func decodeStrict(c *gin.Context, dst any) error {
	if err := controlapi.DecodeJSON(c, dst); err != nil {
		return errors.New("the body is not the expected JSON: " + err.Error())
	}
	return nil
}

func (p *Product) putConsumers(c *gin.Context) {
	var spec consumersSpec
	if err := decodeStrict(c, &spec); err != nil {
		controlError(c, err)
		return
	}
	if err := p.store.setConsumers(c.Param("instanceId"), c.Param("groupId"), spec); err != nil {
		controlError(c, err)
		return
	}
	p.getConsumers(c)
}

func (p *Product) putAccumulation(c *gin.Context) {
	var spec accumulationSpec
	if err := decodeStrict(c, &spec); err != nil {
		controlError(c, err)
		return
	}
	if spec.Topic == "" {
		controlError(c, errors.New("topic is required"))
		return
	}
	if err := p.store.setAccumulation(c.Param("instanceId"), c.Param("groupId"), spec); err != nil {
		controlError(c, err)
		return
	}
	p.getConsumers(c)
}

// getConsumers shows a group's presence and backlog as the control API set
// them.
func (p *Product) getConsumers(c *gin.Context) {
	st, err := p.store.consumerControlState(c.Param("instanceId"), c.Param("groupId"))
	if err != nil {
		controlError(c, err)
		return
	}
	c.JSON(http.StatusOK, st)
}
