package mqtt

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/account"
)

// Control mounts the MQTT control endpoints under /_mqmock/mqtt/ (it
// implements emulator.Controller):
//
//	GET  /_mqmock/mqtt/instances  every instance with its owner
//	POST /_mqmock/mqtt/instances  {"account","id","independentNaming","parentTopics"} adds one until reset
//	POST /_mqmock/mqtt/sessions   {"instanceId","clientId","online"} marks a client online or offline
func (s *Server) Control(g *gin.RouterGroup) {
	g.GET("/instances", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"instances": s.store.listInstances()}) })
	g.POST("/instances", s.postInstance)
	g.POST("/sessions", s.postSession)
}

type instanceRequest struct {
	Account           string   `json:"account"`
	ID                string   `json:"id"`
	IndependentNaming bool     `json:"independentNaming"`
	ParentTopics      []string `json:"parentTopics"`
}

func (s *Server) postInstance(c *gin.Context) {
	var req instanceRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		controlError(c, http.StatusBadRequest, "the body must be a JSON object {account, id, independentNaming, parentTopics}: "+err.Error())
		return
	}
	v, err := s.store.addInstance(req.Account, account.MQTTInstance{ID: req.ID, IndependentNaming: req.IndependentNaming, ParentTopics: req.ParentTopics})
	if err != nil {
		controlError(c, statusOf(err), err.Error())
		return
	}
	c.JSON(http.StatusCreated, v)
}

type sessionRequest struct {
	InstanceID string `json:"instanceId"`
	ClientID   string `json:"clientId"`
	Online     *bool  `json:"online"`
}

func (s *Server) postSession(c *gin.Context) {
	var req sessionRequest
	if err := c.ShouldBindJSON(&req); err != nil || req.Online == nil {
		controlError(c, http.StatusBadRequest, "the body must be a JSON object {instanceId, clientId, online}")
		return
	}
	if err := s.store.setOnline(req.InstanceID, req.ClientID, *req.Online); err != nil {
		controlError(c, statusOf(err), err.Error())
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

// controlError is the control API's error shape (design.md).
func controlError(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, gin.H{"error": msg})
}
