//go:build unix

package emulator

import "syscall"

// maxConnections is the configured cap per port, lowered so that all ports
// together use at most half the process's open-file limit: the rest stays
// for the emulator's own files and outgoing pushes.
func maxConnections(configured, ports int) int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur == 0 || ports == 0 {
		return configured
	}
	if share := int(lim.Cur / 2 / uint64(ports)); share < configured {
		return max(1, share)
	}
	return configured
}
