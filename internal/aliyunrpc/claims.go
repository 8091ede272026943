package aliyunrpc

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Claims reports whether a request speaks Alibaba RPC for this door's API
// version: a V3 Authorization or x-acs-action header with its
// x-acs-version, or AccessKeyId, Action and Version among the parameters
// (signature v1), with its Version. A request of the protocol for another
// version is another door's.
func (f *Frontend) Claims(r *http.Request, body []byte) bool {
	if strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-") || r.Header.Get("x-acs-action") != "" {
		return r.Header.Get("x-acs-version") == f.cfg.Version
	}
	has := func(v url.Values) bool {
		return v.Get("AccessKeyId") != "" && v.Get("Action") != "" && v.Get("Version") == f.cfg.Version
	}
	if q, err := url.ParseQuery(r.URL.RawQuery); err == nil && has(q) {
		return true
	}
	if len(body) > 0 && isForm(r.Header.Get("Content-Type")) {
		if p, err := url.ParseQuery(string(body)); err == nil && has(p) {
			return true
		}
	}
	return false
}

// WrongPort is the row for a request of this protocol at another port.
func (f *Frontend) WrongPort() *apierr.Def { return errInvalidActionWrongPort }
