// Package mqmockuser is a module of its own that uses mqmock the way any
// other module would: through emulator/emutest's public options only (an
// import of github.com/mqmock/mqmock/internal/... would not compile here).
// The repository's tests run `go test ./...` in this directory.
package mqmockuser
