package archtest

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unwantedInBinary are modules the shipped binary must not link. Every
// package a binary imports is initialised at each start whether it is used
// or not, and its code and type tables are paged in around that: gin 1.11
// and later import the first three from gin.go and its render package for
// features the emulator never uses (HTTP/3, BSON and YAML rendering), which
// cost 1.5 MiB of idle RSS and 3 ms of start-up (issue 17, target 3; see
// docs/performance.md). go.mod stays on gin 1.10 until gin lets them go.
var unwantedInBinary = map[string]string{
	"github.com/quic-go/":      "gin's RunQUIC (HTTP/3); quic-go v0.59.0, which gin 1.12 requires, also carries CVE-2026-40898",
	"go.mongodb.org/":          "gin's BSON render",
	"github.com/goccy/go-yaml": "gin's YAML render and binding",
	"github.com/ugorji/go/":    "gin's msgpack binding, left out by the shipped build's -tags nomsgpack",
}

func TestTheShippedBinaryLinksNoUnusedCodecs(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	// The Dockerfile's and scripts/startup's tags.
	out, err := exec.Command(goTool, "list", "-deps", "-tags", "nomsgpack", module+"/cmd/mqmock").CombinedOutput()
	require.NoError(t, err, "%s", out)
	pkgs := strings.Fields(string(out))
	require.Contains(t, pkgs, "github.com/gin-gonic/gin", "the list is of the binary's packages")
	for _, pkg := range pkgs {
		for prefix, why := range unwantedInBinary {
			assert.False(t, strings.HasPrefix(pkg, prefix), "cmd/mqmock links %s (%s)", pkg, why)
		}
	}
}
