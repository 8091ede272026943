package faults

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTheEngineNamesNoVendor keeps the engine vendor-neutral: what differs
// between vendors comes in as a Vendor value, so the engine's sources never
// name one (tests use made-up vendors too).
func TestTheEngineNamesNoVendor(t *testing.T) {
	vendor := regexp.MustCompile(`(?i)\b(cmq|tdmq|trocket|ons|mqtt|onsmqtt|rocketmq|tencent\w*|aliyun\w*|alibaba\w*)\b`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			assert.False(t, vendor.MatchString(line), "%s:%d names a vendor: %s", f, i+1, strings.TrimSpace(line))
		}
		checked++
	}
	assert.Greater(t, checked, 5)
}
