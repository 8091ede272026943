//go:build !unix

package emulator

// maxConnections is the configured cap per port (no file limit to read).
func maxConnections(configured, ports int) int { return configured }
