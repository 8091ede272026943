package main

import (
	"runtime/debug"
	"strings"

	"github.com/mqmock/mqmock/emulator"
)

// version and commit are stamped by the linker, and only by it:
//
//	go build -ldflags "-X main.version=1.2.3 -X main.commit=$(git rev-parse HEAD)" ./cmd/mqmock
//
// -X can set nothing but a package-level string variable; no code assigns
// them. Unstamped, buildInfo falls back on what the Go toolchain recorded.
var (
	version string
	commit  string
)

// buildInfo is this binary's version and commit.
func buildInfo() (string, string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return resolveBuild(version, commit, bi)
}

// resolveBuild prefers the stamped values; else the module version of a
// `go install …@vX` and the VCS revision of a build inside a checkout; else
// the emulator's own version and "dev".
func resolveBuild(stampedVersion, stampedCommit string, bi *debug.BuildInfo) (string, string) {
	v, c := stampedVersion, stampedCommit
	if v == "" && bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = strings.TrimPrefix(bi.Main.Version, "v")
	}
	if v == "" {
		v = emulator.Version
	}
	if c == "" && bi != nil {
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				c = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if c != "" && modified {
			c += "-dirty"
		}
	}
	if c == "" {
		c = "dev"
	}
	return v, c
}
