// Package dashboard is mqmock's web page: plain HTML, CSS and JavaScript
// embedded in the binary, so it works with no network and no build step.
// It reads and drives the emulator only through the control API, the same
// endpoints a script uses; it names no front door (it asks the API for
// them).
package dashboard

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed ui
var files embed.FS

// Handler serves the page's files; prefix is the path it is mounted at
// (without the trailing slash), which the browser's requests start with.
func Handler(prefix string) http.Handler {
	sub, err := fs.Sub(files, "ui")
	if err != nil {
		panic(err) // the embedded tree always has ui/
	}
	fileServer := http.StripPrefix(prefix, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		// Journal entries show what any client sent: the page renders them
		// as text, and the policy forbids inline and foreign scripts besides.
		// No frame may hold the page, so no other site can trick a click on
		// its reset button.
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		// A newer binary serves newer files under the same names.
		h.Set("Cache-Control", "no-cache")
		fileServer.ServeHTTP(w, r)
	})
}
