package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/internal/frontdoor"
)

// The state document's header. StateVersion changes when a build can no
// longer read what an older one wrote the same way; each product's part
// carries a version of its own as well.
const (
	StateFormat  = "mqmock-state"
	StateVersion = 1
)

// stateDocument is the whole state: GET /_mqmock/snapshot's answer, PUT's
// body and the state file's content. Products are keyed by front door, then
// by product name (as GET /_mqmock/state names them); a product behind two
// doors is under the door that owns its state, once.
type stateDocument struct {
	Format        string                                `json:"format"`
	Version       int                                   `json:"version"`
	MqmockVersion string                                `json:"mqmockVersion"`
	Commit        string                                `json:"commit"`
	SavedAt       time.Time                             `json:"savedAt"`
	Clock         stateClock                            `json:"clock"`
	Products      map[string]map[string]json.RawMessage `json:"products"`
}

// stateClock is the virtual clock: its offset from real time, so that
// after a restart virtual time has moved on by the real time in between,
// as it would have had the emulator kept running.
type stateClock struct {
	Offset string `json:"offset"` // a Go duration, "1h30m0s"
}

// StateError is a state document this build cannot restore: the reason,
// in one line. Nothing was changed.
type StateError struct{ Reason string }

func (e *StateError) Error() string { return e.Reason }

func stateErrorf(format string, args ...any) error {
	return &StateError{Reason: fmt.Sprintf(format, args...)}
}

// snapshotProducts calls fn for every product that keeps state, once each,
// in door order.
func (e *Emulator) snapshotProducts(fn func(door string, p *frontdoor.Product) error) error {
	for _, d := range e.specs {
		for _, p := range e.doors[d.Name].Products {
			if p.Save == nil || p.Load == nil {
				continue
			}
			if err := fn(d.Name, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// Snapshot exports the whole state as a state document (JSON).
func (e *Emulator) Snapshot() ([]byte, error) {
	doc, err := e.stateDocument()
	if err != nil {
		return nil, err
	}
	doc.SavedAt = time.Now().UTC()
	return marshalState(doc)
}

func marshalState(doc *stateDocument) ([]byte, error) {
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// stateDocument gathers every product's part (each under its own lock)
// and the clock; SavedAt is left for the caller.
func (e *Emulator) stateDocument() (*stateDocument, error) {
	doc := &stateDocument{
		Format: StateFormat, Version: StateVersion, MqmockVersion: e.version, Commit: e.commit,
		Clock:    stateClock{Offset: e.clock.Offset().String()},
		Products: map[string]map[string]json.RawMessage{},
	}
	err := e.snapshotProducts(func(door string, p *frontdoor.Product) error {
		raw, err := p.Save()
		if err != nil {
			return fmt.Errorf("products.%s.%s: %w", door, p.Name, err)
		}
		if doc.Products[door] == nil {
			doc.Products[door] = map[string]json.RawMessage{}
		}
		doc.Products[door][p.Name] = raw
		return nil
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// Restore replaces the whole state with a state document's: every
// product's resources and messages, and the clock's offset. The document
// is checked in full first; a *StateError says why it cannot be restored,
// and then nothing has changed. A product the document does not mention
// (one a newer build added) returns to its start-up state.
func (e *Emulator) Restore(data []byte) error {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return stateErrorf("not a state document: %v", err)
	}
	if head.Format != StateFormat {
		return stateErrorf("not a state document: format is %q, not %q", head.Format, StateFormat)
	}
	switch {
	case head.Version > StateVersion:
		return stateErrorf("written by a newer mqmock (state version %d; this build reads version %d): run that build or a later one", head.Version, StateVersion)
	case head.Version != StateVersion:
		return stateErrorf("state version %d is not one this build reads (version %d)", head.Version, StateVersion)
	}
	var doc stateDocument
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return stateErrorf("state document: %v", err)
	}
	offset, err := time.ParseDuration(doc.Clock.Offset)
	if err != nil || offset < -clock.MaxOffset || offset > clock.MaxOffset {
		return stateErrorf("clock.offset %q is not a duration within 200 years", doc.Clock.Offset)
	}
	known := map[string]map[string]bool{}
	var installs []func()
	err = e.snapshotProducts(func(door string, p *frontdoor.Product) error {
		if known[door] == nil {
			known[door] = map[string]bool{}
		}
		known[door][p.Name] = true
		raw, ok := doc.Products[door][p.Name]
		if !ok {
			installs = append(installs, p.Reset)
			return nil
		}
		install, err := p.Load(raw)
		if err != nil {
			return stateErrorf("products.%s.%s: %v", door, p.Name, err)
		}
		installs = append(installs, install)
		return nil
	})
	if err != nil {
		return err
	}
	for door, ps := range doc.Products {
		for name := range ps {
			if !known[door][name] {
				return stateErrorf("products.%s.%s: no such product in this build", door, name)
			}
		}
	}
	// The clock first: what the products schedule on install is then
	// scheduled against the restored virtual time.
	_ = e.clock.TrySetOffset(offset) // in range: checked above
	for _, install := range installs {
		install()
	}
	return nil
}

// maxSnapshotBody bounds PUT /_mqmock/snapshot's body: a state document
// holds every retained message, far more than any other control body.
const maxSnapshotBody = 1 << 30

// controlBodyLimit is the most a control request's body may hold, and the
// same in words.
func controlBodyLimit(r *http.Request) (int64, string) {
	if r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/_mqmock/snapshot") {
		return maxSnapshotBody, "1 GB for a snapshot"
	}
	return maxControlBody, "1 MB"
}

// getSnapshot is GET /_mqmock/snapshot.
func (e *Emulator) getSnapshot(c *gin.Context) {
	data, err := e.Snapshot()
	if err != nil {
		controlapi.Fail(c, http.StatusInternalServerError, "snapshot: "+err.Error())
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", data)
}

// putSnapshot is PUT /_mqmock/snapshot: a state document replaces the
// whole state, or a bad one answers 400 and changes nothing.
func (e *Emulator) putSnapshot(c *gin.Context) {
	data, err := io.ReadAll(c.Request.Body)
	if err != nil {
		controlapi.Fail(c, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	if err := e.Restore(data); err != nil {
		var se *StateError
		if errors.As(err, &se) {
			controlapi.Fail(c, http.StatusBadRequest, err.Error()+"; nothing was changed")
			return
		}
		controlapi.Fail(c, http.StatusInternalServerError, err.Error())
		return
	}
	c.JSON(http.StatusOK, gin.H{"restored": true})
}

// stateFile keeps the state across restarts in cfg.State.File: loaded at
// New, written every cfg.State.Interval when it changed, and at Shutdown.
type stateFile struct {
	path     string
	interval time.Duration
	// mu serialises writes; last is the hash of the content last written or
	// loaded (savedAt aside), so an unchanged state is not written again.
	mu   chan struct{}
	last [sha256.Size]byte
	// loopDone is closed when the periodic writer has stopped (nil: none).
	loopDone chan struct{}
}

// openStateFile restores the file at path if there is one (a missing file
// is a first run). A file that cannot be read or restored stops start-up:
// its data would otherwise be lost at the first save.
func (e *Emulator) openStateFile(path string, interval time.Duration) error {
	sf := &stateFile{path: path, interval: interval, mu: make(chan struct{}, 1)}
	e.stateFile = sf
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		e.logger.Info("no state file yet: starting from the configuration", "file", path)
		return nil
	}
	if err != nil {
		return fmt.Errorf("state file %s: %v; fix its permissions, or point state.file (--state-file) elsewhere", path, unwrapPathError(err))
	}
	if err := e.Restore(data); err != nil {
		return fmt.Errorf("state file %s: %v; nothing was loaded: move the file aside to start from the configuration (it is kept as it is)", path, err)
	}
	if doc, err := e.stateDocument(); err == nil {
		sf.last, _ = stateHash(doc)
	}
	e.logger.Info("state loaded", "file", path)
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// stateHash is a document's hash without its savedAt.
func stateHash(doc *stateDocument) ([sha256.Size]byte, error) {
	saved := doc.SavedAt
	doc.SavedAt = time.Time{}
	data, err := json.Marshal(doc)
	doc.SavedAt = saved
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(data), nil
}

// saveState writes the state file when the state differs from what it
// holds (always when force); it reports whether it wrote.
func (e *Emulator) saveState(force bool) (bool, error) {
	sf := e.stateFile
	if sf == nil {
		return false, nil
	}
	sf.mu <- struct{}{}
	defer func() { <-sf.mu }()
	doc, err := e.stateDocument()
	if err != nil {
		return false, err
	}
	sum, err := stateHash(doc)
	if err != nil {
		return false, err
	}
	if !force && sum == sf.last {
		return false, nil
	}
	doc.SavedAt = time.Now().UTC()
	data, err := marshalState(doc)
	if err != nil {
		return false, err
	}
	if err := writeFileAtomically(sf.path, data); err != nil {
		return false, fmt.Errorf("state file %s: %w", sf.path, err)
	}
	sf.last = sum
	return true, nil
}

// writeFileAtomically replaces path with data so that a crash at any
// moment leaves the old file or the new one, never a part of either: a
// temporary file in the same directory, synced, renamed over path, and the
// directory synced so the rename itself is on disk.
func writeFileAtomically(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // gone already after the rename
	if err := tmp.Chmod(0o600); err != nil {
		_ = tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // not every file system syncs a directory; the rename stands
		_ = d.Close()
	}
	return nil
}

// startStateLoop writes the state file every interval while something
// changed, until the shutdown begins.
func (e *Emulator) startStateLoop() {
	sf := e.stateFile
	if sf == nil || sf.interval <= 0 || sf.loopDone != nil {
		return
	}
	sf.loopDone = make(chan struct{})
	go func() {
		defer close(sf.loopDone)
		tick := time.NewTicker(sf.interval)
		defer tick.Stop()
		for {
			select {
			case <-e.stopping:
				return
			case <-tick.C:
				if wrote, err := e.saveState(false); err != nil {
					e.logger.Error("state not saved", "err", err)
				} else if wrote {
					e.logger.Debug("state saved", "file", sf.path)
				}
			}
		}
	}()
}

// closeStateFile stops the periodic writer and writes the final state.
func (e *Emulator) closeStateFile() error {
	sf := e.stateFile
	if sf == nil {
		return nil
	}
	if sf.loopDone != nil {
		<-sf.loopDone
	}
	if _, err := e.saveState(true); err != nil {
		e.logger.Error("state not saved at shutdown", "err", err)
		return &StateSaveError{Err: err}
	}
	e.logger.Info("state saved", "file", sf.path)
	return nil
}

// StateSaveError is Shutdown's error when the state file could not be
// written: the state of this run is lost, so the command exits non-zero.
type StateSaveError struct{ Err error }

func (e *StateSaveError) Error() string { return "state not saved: " + e.Err.Error() }
func (e *StateSaveError) Unwrap() error { return e.Err }
