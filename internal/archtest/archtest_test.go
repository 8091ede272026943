// Package archtest holds tests about the shape of the code base itself.
package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coreDirs know how an emulated cloud behaves, not how a vendor says it: a
// vendor differs only in its frontend, catalogue and actions.
var coreDirs = []string{"pipeline", "apierr", "clock", "journal", "wire", "spelling"}

// vendorWords are names that would mean vendor knowledge leaked into the core.
var vendorWords = regexp.MustCompile(`(?i)\b(cmq|tdmq|trocket|ons|mqtt|onsmqtt|tencent\w*|aliyun\w*|alibaba\w*|rocketmq)\b`)

func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") {
			out = append(out, p)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, out, dir)
	return out
}

func TestTheCoreNamesNoVendor(t *testing.T) {
	for _, dir := range coreDirs {
		for _, file := range goFiles(t, filepath.Join("..", dir)) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
			require.NoError(t, err)
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				assert.False(t, strings.Contains(path, "/emulator"), "%s imports %s", file, path)
			}
			// Identifiers and string literals, not comments: a comment may say
			// why something exists ("the CMQ Java SDK sends...").
			ast.Inspect(f, func(n ast.Node) bool {
				var text string
				switch x := n.(type) {
				case *ast.Ident:
					text = x.Name
				case *ast.BasicLit:
					if x.Kind == token.STRING {
						text = x.Value
					}
				}
				if w := vendorWords.FindString(text); w != "" {
					assert.Fail(t, "vendor name in the core", "%s: %q names %q", fset.Position(n.Pos()), text, w)
				}
				return true
			})
		}
	}
}

func TestInternalNeverImportsTheEmulator(t *testing.T) {
	for _, file := range goFiles(t, "..") {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			assert.False(t, strings.HasPrefix(path, "github.com/mqmock/mqmock/emulator"), "%s imports %s: internal/ is below the emulator", file, path)
		}
	}
}
