package rocketmq_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStoreKnowsNothingOfHTTP: the store and rule files (store*.go) import
// neither HTTP nor the pipeline nor a protocol; actions turn parameters into
// their calls.
func TestStoreKnowsNothingOfHTTP(t *testing.T) {
	forbidden := map[string]bool{
		"net/http": true, "github.com/gin-gonic/gin": true,
		"github.com/mqmock/mqmock/internal/pipeline": true, "github.com/mqmock/mqmock/internal/wire": true,
		"github.com/mqmock/mqmock/internal/tcapi": true, "github.com/mqmock/mqmock/internal/frontdoor": true,
	}
	files, err := filepath.Glob("store*.go")
	require.NoError(t, err)
	checked := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			assert.False(t, forbidden[path], "%s imports %s", file, path)
		}
		checked++
	}
	assert.Greater(t, checked, 3, "the store files were found")
}
