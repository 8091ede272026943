package faults

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// ReadFiles reads scenario files into sources, in order.
func ReadFiles(paths []string) ([]Source, error) {
	out := make([]Source, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("scenario %s: %w", p, err)
		}
		out = append(out, Source{Name: p, Data: b})
	}
	return out, nil
}

// Watcher calls onChange when any of a set of files changes on disk. It
// watches the files' directories, not the files, because editors save by
// writing a new file and renaming it over the old one. Bursts of events
// (an editor's write, chmod and rename) are coalesced into one call.
type Watcher struct {
	fs       *fsnotify.Watcher
	files    map[string]bool
	onChange func()
	debounce time.Duration

	mu     sync.Mutex
	timer  *time.Timer
	closed bool
	done   chan struct{}
}

// DefaultDebounce is how long a watcher waits for a burst of file events
// to end before reloading.
const DefaultDebounce = 50 * time.Millisecond

// Watch starts watching paths. onChange runs on the watcher's own goroutine
// (never two at once).
func Watch(paths []string, debounce time.Duration, onChange func()) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching scenario files: %w", err)
	}
	w := &Watcher{fs: fw, files: map[string]bool{}, onChange: onChange, debounce: debounce, done: make(chan struct{})}
	dirs := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			_ = fw.Close()
			return nil, fmt.Errorf("scenario %s: %w", p, err)
		}
		w.files[abs] = true
		dirs[filepath.Dir(abs)] = true
	}
	for d := range dirs {
		if err := fw.Add(d); err != nil {
			_ = fw.Close()
			return nil, fmt.Errorf("watching %s: %w", d, err)
		}
	}
	fire := make(chan struct{}, 1)
	go w.loop(fire)
	return w, nil
}

func (w *Watcher) loop(fire chan struct{}) {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if w.files[filepath.Clean(ev.Name)] && !ev.Has(fsnotify.Chmod) {
				w.arm(fire)
			}
		case <-fire:
			w.onChange()
		case _, ok := <-w.fs.Errors:
			if !ok {
				return
			}
		}
	}
}

// arm (re)starts the debounce timer; when it ends, the loop reloads.
func (w *Watcher) arm(fire chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	if w.timer != nil {
		w.timer.Stop()
	}
	w.timer = time.AfterFunc(w.debounce, func() {
		select {
		case fire <- struct{}{}:
		default: // a reload is already pending
		}
	})
}

// Close stops watching and waits for the watcher's goroutine to end.
func (w *Watcher) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
	err := w.fs.Close()
	<-w.done
	return err
}
