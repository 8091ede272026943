package emulator

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The periodic write (every state.interval) writes only when the state
// changed since the file was last written or loaded.
func TestPeriodicSaveWritesOnlyAChangedState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	cfg := OnFreePorts(DefaultConfig())
	cfg.State.File = path
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	standingStill := WithTimeSource(func() time.Time { return base })
	e, err := New(cfg, standingStill)
	require.NoError(t, err)
	defer e.Clock().Close()

	wrote, err := e.saveState(false)
	require.NoError(t, err)
	assert.True(t, wrote, "the first write of a first run")
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "state may hold secrets: the owner's alone")

	wrote, err = e.saveState(false)
	require.NoError(t, err)
	assert.False(t, wrote, "nothing changed")

	e.Clock().Advance(time.Minute)
	wrote, err = e.saveState(false)
	require.NoError(t, err)
	assert.True(t, wrote, "the clock moved")

	// Loaded, the same state is not written again.
	again, err := New(cfg, standingStill)
	require.NoError(t, err)
	defer again.Clock().Close()
	wrote, err = again.saveState(false)
	require.NoError(t, err)
	assert.False(t, wrote)
}

// A write that fails (here the rename: a directory holds the name) leaves
// no temporary file behind and the name as it was.
func TestAFailedWriteLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	require.NoError(t, os.MkdirAll(filepath.Join(path, "occupied"), 0o700))
	assert.Error(t, writeFileAtomically(path, []byte("after")))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file is left: %v", entries)
	assert.True(t, entries[0].IsDir())
}
