package emutest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestExternalModule runs the example module under examples/external, which
// uses emutest from outside this module (its own go.mod, a replace back to
// the repository): an option that takes an internal type, or an import of
// internal/..., fails its build. Its go.sum is committed, so nothing is
// resolved at test time (-mod=readonly).
func TestExternalModule(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and runs another module (go test in examples/external)")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to run examples/external: %v", err)
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "examples", "external"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off", "GIN_MODE=release")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test ./... in examples/external: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
