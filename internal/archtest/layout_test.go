package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The shape of the code base, as README's "Layout" describes it: protocols
// in internal/ naming no product, products with the same inside, the front
// doors named in one list.

const module = "github.com/mqmock/mqmock"

// productNames are the products and the front doors that serve them. A
// protocol may be its vendor's (aliyunrpc is Alibaba's RPC), but it serves
// whatever product a door puts behind it.
var productNames = regexp.MustCompile(`(?i)\b(cmq|tdmq|trocket|ons|mqtt|onsmqtt|rocketmq)\b`)

// protocolDirs speak a wire protocol, or are the contract and tools every
// front door shares: like the core, they name no product.
var protocolDirs = []string{"aliyunrpc", "tcapi", "tclegacy", "frontdoor", "ratelimit", "controlapi"}

func TestProtocolsNameNoProduct(t *testing.T) {
	for _, dir := range protocolDirs {
		for _, file := range goFiles(t, filepath.Join("..", dir)) {
			for _, v := range productWords(t, file) {
				assert.Fail(t, "a protocol names a product", v)
			}
		}
	}
}

// productWords lists the identifiers and string literals of a file that
// name a product; the package clause, imports and comments are not read.
func productWords(t *testing.T, file string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	require.NoError(t, err)
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		var text string
		switch x := n.(type) {
		case *ast.File:
			for _, d := range x.Decls {
				ast.Inspect(d, func(n ast.Node) bool {
					if _, ok := n.(*ast.ImportSpec); ok {
						return false
					}
					switch y := n.(type) {
					case *ast.Ident:
						text = y.Name
					case *ast.BasicLit:
						if y.Kind == token.STRING {
							text = y.Value
						}
					default:
						return true
					}
					if w := productNames.FindString(text); w != "" {
						out = append(out, fset.Position(n.Pos()).String()+": "+text+" names "+w)
					}
					return true
				})
			}
			return false
		}
		return true
	})
	return out
}

// generationSuffix is a name ending in a RocketMQ generation digit; bit
// widths (toInt64) are not generations.
var generationSuffix = regexp.MustCompile(`[A-Za-z_][45]$`)

func TestNoIdentifierEndsInAGenerationDigit(t *testing.T) {
	for _, file := range goFiles(t, filepath.Join("..", "..", "emulator")) {
		for _, name := range declaredNames(t, file) {
			if generationSuffix.MatchString(name.text) && !strings.HasSuffix(name.text, "64") {
				assert.Fail(t, "a generation suffix", "%s: %s", name.pos, name.text)
			}
		}
	}
}

type declared struct{ text, pos string }

// declaredNames lists the names a file declares: its package, functions,
// types, variables, constants, fields, parameters, := and range variables,
// labels and import aliases.
func declaredNames(t *testing.T, file string) []declared {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	require.NoError(t, err)
	var out []declared
	add := func(ids ...*ast.Ident) {
		for _, id := range ids {
			if id != nil && id.Name != "_" {
				out = append(out, declared{id.Name, fset.Position(id.Pos()).String()})
			}
		}
	}
	add(f.Name)
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncDecl:
			add(x.Name)
		case *ast.TypeSpec:
			add(x.Name)
		case *ast.ValueSpec:
			add(x.Names...)
		case *ast.Field:
			add(x.Names...)
		case *ast.ImportSpec:
			add(x.Name)
		case *ast.LabeledStmt:
			add(x.Label)
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		}
		return true
	})
	return out
}

// assemblyFiles are where the emulator is put together: only the list of
// front doors may name one.
func assemblyFiles(t *testing.T) []string {
	var out []string
	for _, dir := range []string{"../../emulator", "../../emulator/emutest", "../../cmd/mqmock"} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	return out
}

// theList is the one file that names the front doors.
const theList = "frontdoors.go"

func TestFrontDoorsAreNamedInOneList(t *testing.T) {
	doors := []string{"cmq", "tdmq", "ons", "mqtt"}
	sawList := false
	for _, file := range assemblyFiles(t) {
		if filepath.Base(file) == theList && filepath.Base(filepath.Dir(file)) == "emulator" {
			sawList = true
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, d := range doors {
				assert.False(t, strings.HasPrefix(path, module+"/emulator/"+d), "%s imports %s: only %s builds the doors", file, path, theList)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, d := range doors {
				if strings.EqualFold(strings.Trim(s, "/ "), d) || strings.Contains(strings.ToLower(s), "/_mqmock/"+d) {
					assert.Fail(t, "a front door named outside the list", "%s: %s", fset.Position(lit.Pos()), lit.Value)
				}
			}
			return true
		})
	}
	assert.True(t, sawList, "emulator/%s holds the list", theList)
}

// productDirs are the packages with a store: the products.
func productDirs(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir("../../emulator", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "store.go" {
			out = append(out, filepath.Dir(p))
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// productFile is every name a product's non-test file may have (README,
// "Layout"): where a rule lives is the same in every product.
var productFile = regexp.MustCompile(`^(product|options|errors|control|door|store(_[a-z0-9]+)*|actions(_[a-z0-9]+)*|delivery(_[a-z0-9]+)*)\.go$`)

// storeMayNotImport is what rules know nothing of: HTTP, the pipeline, the
// wire formats and the protocols.
var storeMayNotImport = []string{
	"net/http", "github.com/gin-gonic/gin",
	module + "/internal/pipeline", module + "/internal/wire", module + "/internal/frontdoor",
	module + "/internal/tcapi", module + "/internal/tclegacy", module + "/internal/aliyunrpc",
}

func TestProductsHaveTheSameInside(t *testing.T) {
	dirs := productDirs(t)
	var names []string
	for _, d := range dirs {
		rel, _ := filepath.Rel("../../emulator", d)
		names = append(names, filepath.ToSlash(rel))
	}
	for _, want := range []string{"cmq", "ons", "mqtt", "tdmq/rocketmq", "tdmq/trocket"} {
		assert.Contains(t, names, want, "every product has a store.go")
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		has := map[string]bool{}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			has[name] = true
			assert.Regexp(t, productFile, name, "%s: a product file is product, options, errors, control, door, store*, actions* or delivery*", dir)
			if !strings.HasPrefix(name, "store") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.ImportsOnly)
			require.NoError(t, err)
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				assert.False(t, slices.Contains(storeMayNotImport, path), "%s/%s imports %s: rules know nothing of HTTP or protocols", dir, name, path)
			}
		}
		for _, want := range []string{"product.go", "errors.go", "store.go", "actions.go"} {
			assert.True(t, has[want], "%s has %s", dir, want)
		}
	}
}

// TestNoExportedMutableValue: no package of the emulator or of internal/
// exports a variable a caller could change (a catalogue row, a list),
// except sentinel errors, which Go code compares by identity.
func TestNoExportedMutableValue(t *testing.T) {
	files := goFiles(t, "../../emulator")
	files = append(files, goFiles(t, "..")...)
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if n.IsExported() && !(i < len(vs.Values) && isSentinelError(vs.Values[i])) {
						assert.Fail(t, "an exported variable", "%s: %s", fset.Position(n.Pos()), n.Name)
					}
				}
			}
		}
	}
}

// isSentinelError tells errors.New("…") apart from every other value.
func isSentinelError(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "errors" && sel.Sel.Name == "New"
}
