// Package mqmockuser is a module of its own that uses mqmock the way any
// other module would, through public types only (an import of
// github.com/mqmock/mqmock/internal/... would not compile here): emutest's
// options, a configuration file with declared resources, and
// emulator.New with an emulator.Config, without emutest. The repository's
// tests run `go test ./...` in this directory.
package mqmockuser
