package faults

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitFor receives from ch or fails after a generous bound (never a fixed
// sleep: the test goes on the moment the event arrives).
func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}

// waitForValue receives until want arrives: an editor's save may be seen as
// more than one change, each reading the file as it then is.
func waitForValue(t *testing.T, ch <-chan string, want string) {
	t.Helper()
	for {
		if waitFor(t, ch, "the file to read "+want) == want {
			return
		}
	}
}

func TestWatcherSeesWritesAndRenames(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	require.NoError(t, os.WriteFile(file, []byte("v1"), 0o600))
	changed := make(chan string, 10)
	w, err := Watch([]string{file}, 10*time.Millisecond, func() {
		b, _ := os.ReadFile(file)
		changed <- string(b)
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = w.Close() })

	// Another file in the same directory is not ours.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("x"), 0o600))
	require.NoError(t, os.WriteFile(file, []byte("v2"), 0o600))
	waitForValue(t, changed, "v2")

	// Editors save by writing a temporary file and renaming it over ours.
	tmp := filepath.Join(dir, ".s.yaml.swp")
	require.NoError(t, os.WriteFile(tmp, []byte("v3"), 0o600))
	require.NoError(t, os.Rename(tmp, file))
	waitForValue(t, changed, "v3")

	require.NoError(t, w.Close())
	require.NoError(t, w.Close(), "closing twice is harmless")
}

func TestReadFilesNamesTheMissingFile(t *testing.T) {
	_, err := ReadFiles([]string{filepath.Join(t.TempDir(), "nope.yaml")})
	require.Error(t, err)
	assert.Regexp(t, `^scenario .*nope\.yaml: no such file or directory$`, err.Error())
}
