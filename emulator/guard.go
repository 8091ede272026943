package emulator

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/mqmock/mqmock/internal/controlapi"
)

// maxControlBody bounds every control request's body, for every control
// route, in this one place.
const maxControlBody = 1 << 20

// guardControl is what every control route passes first. The control API
// resets state and moves the clock with a plain POST, so a web page the user
// visits must not be able to drive it: a browser sends Origin on every
// cross-site POST (and Sec-Fetch-Site), and a DNS-rebinding page reaches us
// under a Host that is not ours. curl sends neither and keeps working. A
// token, when configured, is required of everyone.
func (e *Emulator) guardControl() gin.HandlerFunc { return e.guard(true) }

// guard is guardControl, with the token check or (for the dashboard's
// files, which a browser fetches with no header of the user's) without.
func (e *Emulator) guard(token bool) gin.HandlerFunc {
	cfg := e.cfg.Control
	return func(c *gin.Context) {
		r := c.Request
		if !cfg.Enabled {
			controlapi.Fail(c, http.StatusNotFound, "the control API is switched off (control.enabled: false)")
			c.Abort()
			return
		}
		if !e.hostAllowed(r) {
			controlapi.Fail(c, http.StatusForbidden, "the control API answers only under a loopback or the listener's own address, not Host "+quoteShort(r.Host)+" (add it to control.allowedHosts)")
			c.Abort()
			return
		}
		if crossSite(r) {
			controlapi.Fail(c, http.StatusForbidden, "the control API refuses cross-site requests (Origin "+quoteShort(r.Header.Get("Origin"))+")")
			c.Abort()
			return
		}
		if token && cfg.Token != "" && !tokenMatches(r, cfg.Token) {
			controlapi.Fail(c, http.StatusUnauthorized, "the control API needs its token: Authorization: Bearer <control.token> or X-Mqmock-Token")
			c.Abort()
			return
		}
		limit, what := controlBodyLimit(r)
		if r.ContentLength > limit {
			controlapi.Fail(c, http.StatusRequestEntityTooLarge, "a control request body is at most "+what)
			c.Abort()
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(c.Writer, r.Body, limit)
		}
		c.Next()
	}
}

// hostAllowed: loopback names and addresses, the address the request
// arrived on, and the configured names.
func (e *Emulator) hostAllowed(r *http.Request) bool {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || slices.ContainsFunc(e.cfg.Control.AllowedHosts, func(a string) bool { return strings.EqualFold(a, host) }) {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if tcp, ok := la.(*net.TCPAddr); ok && tcp.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// crossSite reports a browser request from another site: an Origin that is
// not this host, or the browser's own Sec-Fetch-Site verdict.
func crossSite(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return true // "null" (a sandboxed page, a file) or garbage
	}
	return !strings.EqualFold(u.Host, r.Host)
}

func tokenMatches(r *http.Request, token string) bool {
	got := r.Header.Get("X-Mqmock-Token")
	if b, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		got = b
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}

// quoteShort quotes what a client sent, at most 100 bytes of it.
func quoteShort(s string) string {
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}
