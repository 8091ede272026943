package aliyunrpc

import (
	"net/http"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/apierr"
)

// The gateway rows as aliyun-rpc.md §6 gives them (plus the STS token rows,
// mqmock's refusal of a V3 algorithm it does not verify and its region row),
// written out independently of gateway.go.
func TestGatewayRows(t *testing.T) {
	want := map[string]int{
		"SignatureDoesNotMatch": 400, "IncompleteSignature": 400, "InvalidTimeStamp.Expired": 400,
		"InvalidTimeStamp.Format": 400, "IllegalTimestamp": 400, "SignatureNonceUsed": 400,
		"InvalidAccessKeyId.NotFound": 404, "InvalidAccessKeyId.Inactive": 400, "MissingSecurityToken": 400,
		"InvalidSecurityToken.Expired": 400, "InvalidSecurityToken.Malformed": 400,
		"InvalidSecurityToken.MismatchWithAccessKey": 400, "InvalidSignatureMethod": 400, "UnsupportedSignatureAlgorithm": 400, "InvalidRegionId": 400, "InvalidAction.WrongPort": 404, "Missing%s": 400,
		"InvalidVersion": 400, "InvalidParameter.Format": 400, "UnsupportedHTTPMethod": 400,
		"Throttling.User": 400, "Throttling.Api": 400, "Throttling": 400, "ServiceUnavailable": 503,
	}
	got := map[string]int{}
	for _, d := range GatewayErrors() {
		assert.Equal(t, d.Code, d.Name, "a gateway row is named by its code")
		assert.NotEmpty(t, d.Message)
		assert.False(t, d.Seed, "%s is in no seed", d.Code)
		got[d.Code] = d.Status
	}
	assert.Equal(t, want, got)
	// Both products put them in one catalogue without a clash.
	require.NotPanics(t, func() { apierr.NewCatalogue("x", GatewayErrors()...) })
	assert.Equal(t, "InstanceId is mandatory for this action.", errMissingParameterFamily.New("InstanceId").Message())
	assert.Equal(t, "MissingInstanceId", errMissingParameterFamily.New("InstanceId").Code())
}

// A product sets only its own rows; every other one is the gateway's.
func TestErrorsFallBackToTheGateway(t *testing.T) {
	own := &apierr.Def{Name: "X", Code: "X", Status: http.StatusInternalServerError, Message: "x"}
	e := Errors{Internal: own, UnknownAction: own, Malformed: own}.withGateway()
	v := reflect.ValueOf(e)
	for i := 0; i < v.NumField(); i++ {
		assert.False(t, v.Field(i).IsNil(), "%s has no row", v.Type().Field(i).Name)
	}
	assert.Same(t, own, e.Internal, "a product's own row stays")
	assert.Same(t, errSignatureDoesNotMatch, e.SignatureMismatch)
	assert.Same(t, errInvalidSecurityTokenMismatchWithAccessKey, e.BadSecurityToken)
}

// TestGatewayMatchesSpec reads aliyun-rpc.md §6 (beside the repository in CI)
// and checks each of its rows against the gateway's Defs. Products answer an
// unknown action and an internal failure with rows of their own.
func TestGatewayMatchesSpec(t *testing.T) {
	const spec = "../../../shared/specs/aliyun-rpc.md"
	b, err := os.ReadFile(spec)
	if err != nil {
		t.Skip("spec not present at " + spec)
	}
	_, sec, _ := strings.Cut(string(b), "## 6. Gateway")
	sec, _, _ = strings.Cut(sec, "\n## ")
	row := regexp.MustCompile("(?m)^\\| [^|]+ \\| `([^`]+)`[^|]* \\| \\**(\\d{3})\\**[^|]* \\| `([^`]+)` \\|")
	cat := apierr.NewCatalogue("gateway", GatewayErrors()...)
	n := 0
	for _, m := range row.FindAllStringSubmatch(sec, -1) {
		code := strings.ReplaceAll(m[1], "{ParameterName}", "%s")
		msg := strings.TrimSuffix(strings.ReplaceAll(m[3], "{ParameterName}", "%s"), "<sts>")
		if code == "InvalidAction.NotFound" || code == "InternalError" {
			continue
		}
		d, ok := cat.ByName(code)
		if !assert.True(t, ok, "aliyun-rpc.md §6 code %s has no gateway row", code) {
			continue
		}
		n++
		st, _ := strconv.Atoi(m[2])
		assert.Equal(t, st, d.Status, code)
		assert.Equal(t, msg, d.Message, code)
	}
	assert.GreaterOrEqual(t, n, 17, "gateway rows matched in aliyun-rpc.md §6")
}
