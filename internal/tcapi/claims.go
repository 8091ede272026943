package tcapi

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Claims reports whether a request speaks TencentCloud API 3.0, from what
// every such request carries: a TC3 Authorization or an X-TC-Action header,
// or (signature v1) SecretId, Version and Action among the parameters of
// the query or form body. The legacy API sends no Version; Alibaba's RPC
// signs with AccessKeyId, never SecretId.
func Claims(r *http.Request, body []byte) bool {
	if strings.HasPrefix(r.Header.Get("Authorization"), "TC3-HMAC-SHA256") || r.Header.Get("X-TC-Action") != "" {
		return true
	}
	has := func(v url.Values) bool {
		return v.Get("SecretId") != "" && v.Get("Version") != "" && v.Get("Action") != ""
	}
	if q, err := url.ParseQuery(r.URL.RawQuery); err == nil && has(q) {
		return true
	}
	if len(body) > 0 && strings.HasPrefix(r.Header.Get("Content-Type"), formType) {
		if f, err := url.ParseQuery(string(body)); err == nil && has(f) {
			return true
		}
	}
	return false
}

// errWrongPort answers a TencentCloud API 3.0 request that reached the port
// of another protocol, in this protocol's envelope, so its SDK raises it;
// the detail names the port that serves it. Emulator choice: no cloud has
// such a port; InvalidAction is the nearest real code ("the API does not
// exist" here), and the sub-code keeps scenarios naming InvalidAction
// unambiguous.
var errWrongPort = &apierr.Def{Name: "InvalidAction.WrongPort", Code: "InvalidAction.WrongPort", Status: http.StatusOK, Message: "The API does not exist on this port."}

// extras are the protocol's rows beyond the seed's common codes.
var extras = apierr.NewCatalogue("extras", errWrongPort)

// Extras is the catalogue of the protocol's rows that are not common codes
// of the seed: a door's catalogue includes them.
func Extras() *apierr.Catalogue { return extras }

// WrongPort is the row for a request of this protocol at another port.
func WrongPort() *apierr.Def { return errWrongPort }
