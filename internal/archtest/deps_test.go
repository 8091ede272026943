package archtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
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

// reflectMethodMark is how the linker's -dumpdep output flags a function
// that looks methods up by a name it cannot see (reflect's Method and
// MethodByName). One such function reachable from main makes the linker
// keep every exported method of every type that reaches an interface: gin's
// struct validator did that (through ShouldBindJSON), and with it gone the
// shipped binary went from 15.2 to 11.8 MiB and idle RSS from 13.7 to 11.1
// MiB (issue 17; docs/performance.md).
const reflectMethodMark = "<ReflectMethod>"

func TestNothingLinkedLooksUpMethodsByName(t *testing.T) {
	if testing.Short() {
		t.Skip("links two binaries")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	dumpdep := func(dir, pkg string) string {
		t.Helper()
		cmd := exec.Command(goTool, "build", "-o", filepath.Join(t.TempDir(), "bin"), "-ldflags=-dumpdep", pkg)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%.2000s", out)
		require.Contains(t, string(out), " -> main.main", "the output is the linker's dependency dump")
		return string(out)
	}

	// The mark is still what the linker prints: a program that does look a
	// method up by name shows it.
	probe := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(probe, "go.mod"), []byte("module probe\n\ngo 1.22\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(probe, "main.go"), []byte(`package main

import (
	"os"
	"reflect"
)

func main() { reflect.ValueOf(os.Stdout).MethodByName(os.Args[0]) }
`), 0o600))
	require.Contains(t, dumpdep(probe, "."), reflectMethodMark)

	var marked []string
	for _, line := range strings.Split(dumpdep(".", module+"/cmd/mqmock"), "\n") {
		if from, _, ok := strings.Cut(line, " -> "); ok && strings.HasSuffix(from, reflectMethodMark) && !slices.Contains(marked, from) {
			marked = append(marked, from)
		}
	}
	assert.Empty(t, marked, "functions reachable from main that look methods up by name")
}
