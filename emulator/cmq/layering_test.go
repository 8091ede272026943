package cmq

import (
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The rule files know nothing of HTTP or the pipeline: actions turn
// parameters into their calls (design.md, "store.go and rule files know
// nothing of HTTP").
func TestRulesKnowNothingOfHTTP(t *testing.T) {
	forbidden := map[string]bool{
		"net/http": true, "github.com/gin-gonic/gin": true,
		"github.com/mqmock/mqmock/internal/pipeline": true, "github.com/mqmock/mqmock/internal/wire": true,
		"github.com/mqmock/mqmock/internal/frontdoor": true, "github.com/mqmock/mqmock/internal/tclegacy": true,
	}
	for _, file := range []string{"store.go", "store_queue.go", "store_message.go", "store_topic.go", "store_subscription.go",
		"store_routing.go", "store_deadletter.go", "store_limits.go", "store_state.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			assert.False(t, forbidden[path], "%s imports %s", file, path)
		}
	}
}
