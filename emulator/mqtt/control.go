package mqtt

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/controlapi"
)

// Control mounts the MQTT control endpoints under /_mqmock/mqtt/ (the door
// mounts them):
//
//	GET  /_mqmock/mqtt/instances  every instance with its owner
//	POST /_mqmock/mqtt/instances  {"account","id","independentNaming","parentTopics"} adds one until reset
//	POST /_mqmock/mqtt/sessions   {"instanceId","clientId","online"} marks a client online or offline
func (p *Product) Control(g *gin.RouterGroup) {
	g.GET("/instances", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"instances": p.store.listInstances()}) })
	g.POST("/instances", p.postInstance)
	g.POST("/sessions", p.postSession)
}

type instanceRequest struct {
	Account           string   `json:"account"`
	ID                string   `json:"id"`
	IndependentNaming bool     `json:"independentNaming"`
	ParentTopics      []string `json:"parentTopics"`
}

func (p *Product) postInstance(c *gin.Context) {
	var req instanceRequest
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "the body must be a JSON object {account, id, independentNaming, parentTopics}: "+err.Error())
		return
	}
	v, err := p.store.addInstance(req.Account, account.MQTTInstance{ID: req.ID, IndependentNaming: req.IndependentNaming, ParentTopics: req.ParentTopics})
	if err != nil {
		controlapi.Fail(c, statusOf(err), err.Error())
		return
	}
	c.JSON(http.StatusCreated, v)
}

type sessionRequest struct {
	InstanceID string `json:"instanceId"`
	ClientID   string `json:"clientId"`
	Online     *bool  `json:"online"`
}

func (p *Product) postSession(c *gin.Context) {
	var req sessionRequest
	if err := controlapi.DecodeJSON(c, &req); err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "the body must be a JSON object {instanceId, clientId, online}: "+err.Error())
		return
	}
	if req.Online == nil {
		controlapi.Fail(c, http.StatusBadRequest, "online (true or false) is required")
		return
	}
	if err := p.store.setOnline(req.InstanceID, req.ClientID, *req.Online); err != nil {
		controlapi.Fail(c, statusOf(err), err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"instanceId": req.InstanceID, "clientId": req.ClientID, "online": *req.Online})
}

func statusOf(err error) int {
	var dup errDuplicate
	var nf errNotFound
	switch {
	case errors.As(err, &dup):
		return http.StatusConflict
	case errors.As(err, &nf):
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}
