package tclegacy

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/mqmock/mqmock/internal/apierr"
)

// Claims reports whether a request speaks the legacy /v2/index.php API: its
// path, or SecretId, Signature and Action among its parameters with no
// Version (which TencentCloud API 3.0's signature v1 always sends).
func Claims(r *http.Request, body []byte) bool {
	if strings.HasSuffix(r.URL.Path, "/v2/index.php") {
		return true
	}
	has := func(v url.Values) bool {
		return v.Get("SecretId") != "" && v.Get("Signature") != "" && v.Get("Action") != "" && !v.Has("Version")
	}
	if q, err := url.ParseQuery(r.URL.RawQuery); err == nil && has(q) {
		return true
	}
	if len(body) > 0 {
		if f, err := url.ParseQuery(string(body)); err == nil && has(f) {
			return true
		}
	}
	return false
}

// errWrongPort answers a legacy-API request that reached another
// protocol's port, in this protocol's envelope ({"code":4000,
// "message":"(10990)…"}), so its client raises it; the detail names the
// port that serves it. Emulator choice: the module code 10990 is unused by
// the documented table.
var errWrongPort = &apierr.Def{Name: "WrongPort", Code: "4000/10990", Status: http.StatusOK, Message: "this is not the port of this API"}

// WrongPort is the row for a request of this protocol at another port; a
// door's catalogue includes it (Rows).
func WrongPort() *apierr.Def { return errWrongPort }

// Rows are the protocol's own rows, for the door's catalogue.
func Rows() *apierr.Catalogue { return rows }

var rows = apierr.NewCatalogue("protocol", errWrongPort)
