package cmq

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Control mounts CMQ's own endpoints under /_mqmock/cmq/ (the door's
// control routes).
//
//	GET /_mqmock/cmq/pushes[?topic=&subscription=]  every HTTP push attempt
//	    (time, endpoint, attempt number, HTTP status or error, outcome, next
//	    retry), oldest first.
func (p *Product) Control(g *gin.RouterGroup) {
	g.GET("/pushes", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"pushes": p.pusher.attempts(c.Query("topic"), c.Query("subscription"))})
	})
}
