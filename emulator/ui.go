package emulator

import (
	"net"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/emulator/dashboard"
)

// uiPath is where the dashboard is served on every port.
const uiPath = "/_mqmock/ui"

// UIPath is the dashboard's path on every port.
func UIPath() string { return uiPath + "/" }

// DashboardURL is the dashboard's address on the first front door's port
// once started (it is on every port), or "" when the control API, and so
// the dashboard, is switched off.
func (e *Emulator) DashboardURL() string {
	if !e.cfg.Control.Enabled {
		return ""
	}
	addr := e.Addr(e.specs[0].Name)
	// Listening on every interface (a container): a browser opens the
	// loopback address, which the control guard accepts, not 0.0.0.0.
	if host, port, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
	}
	return e.Scheme() + "://" + addr + UIPath()
}

// mountUI serves the dashboard. Its files pass the same guard as the
// control API (switched off with it, the same Host and cross-site checks)
// except the token: a browser cannot add a header to a page it navigates
// to, and the files hold nothing but the page. Every call the page makes
// is a control API call and carries the token the user gives it.
func (e *Emulator) mountUI(r *gin.Engine) {
	ui := r.Group(uiPath, e.guard(false))
	files := dashboard.Handler(uiPath)
	ui.GET("/*file", gin.WrapH(files))
	ui.HEAD("/*file", gin.WrapH(files))
	r.GET(uiPath, e.guard(false), func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, UIPath()) })
}
