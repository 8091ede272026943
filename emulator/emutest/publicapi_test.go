package emutest_test

import (
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repositoryHooks are the exported methods of emulator.Emulator (promoted
// into emutest.Env) that give this repository's own tests the emulator's
// internals: a test that reads the journal, a door's catalogue or the
// account registry, moves the clock by its own API, or installs a fault
// hook of its own. Another module can call them (a result of an internal
// type is usable without naming it) but never needs to; a public option or
// field must not join them.
var repositoryHooks = map[string]bool{
	"emulator.Emulator.Accounts":     true,
	"emulator.Emulator.Catalogues":   true,
	"emulator.Emulator.Clock":        true,
	"emulator.Emulator.Door":         true,
	"emulator.Emulator.Journal":      true,
	"emulator.Emulator.SetFaultHook": true,
}

// TestPublicAPINamesNoInternalType walks the exported API of emulator and
// emutest as another module sees it (compiled export data): every exported
// function, variable, constant, alias, method (promoted ones included) and
// field declared there. None may name a type of an internal package, so
// that a module outside this repository can write every call, option and
// value it needs; the repositoryHooks alone are let through. A type
// defined here over an internal one (emulator.Config) is public by its
// name; its fields are the internal package's declarations, reached by
// selector.
func TestPublicAPINamesNoInternalType(t *testing.T) {
	const root = "github.com/mqmock/mqmock/"
	imp := exportImporter(t, root+"emulator/emutest")
	var found []string
	used := map[string]bool{}
	for _, path := range []string{root + "emulator", root + "emulator/emutest"} {
		pkg, err := imp.Import(path)
		require.NoError(t, err)
		for _, bad := range internalMentions(pkg) {
			if repositoryHooks[bad.where] {
				used[bad.where] = true
				continue
			}
			found = append(found, bad.where+": "+bad.what)
		}
	}
	sort.Strings(found)
	assert.Empty(t, found, "exported API naming an internal type")
	for hook := range repositoryHooks {
		assert.True(t, used[hook], "%s no longer names an internal type (or is gone): drop it from repositoryHooks", hook)
	}
}

// The walk must catch what it is for: a function, a field and a promoted
// method naming an internal type, seen through an alias too.
func TestInternalMentionsFindsEachKind(t *testing.T) {
	internal := types.NewPackage("github.com/mqmock/mqmock/internal/clock", "clock")
	clockType := types.NewNamed(types.NewTypeName(token.NoPos, internal, "Clock", nil), types.NewStruct(nil, nil), nil)
	pkg := types.NewPackage("github.com/mqmock/mqmock/emulator", "emulator")
	scope := pkg.Scope()
	param := types.NewVar(token.NoPos, pkg, "c", types.NewPointer(clockType))
	scope.Insert(types.NewFunc(token.NoPos, pkg, "WithClock", types.NewSignatureType(nil, nil, nil, types.NewTuple(param), nil, false)))
	inner := types.NewNamed(types.NewTypeName(token.NoPos, pkg, "Inner", nil), nil, nil)
	inner.SetUnderlying(types.NewStruct(nil, nil))
	recv := types.NewVar(token.NoPos, pkg, "i", types.NewPointer(inner))
	result := types.NewVar(token.NoPos, pkg, "", types.NewPointer(clockType))
	inner.AddMethod(types.NewFunc(token.NoPos, pkg, "Clock", types.NewSignatureType(recv, nil, nil, nil, types.NewTuple(result), false)))
	scope.Insert(inner.Obj())
	outer := types.NewNamed(types.NewTypeName(token.NoPos, pkg, "Outer", nil), nil, nil)
	outer.SetUnderlying(types.NewStruct([]*types.Var{
		types.NewField(token.NoPos, pkg, "Inner", types.NewPointer(inner), true),
		types.NewField(token.NoPos, pkg, "At", clockType, false),
	}, nil))
	scope.Insert(outer.Obj())
	scope.Insert(types.NewTypeName(token.NoPos, pkg, "Alias", types.NewAlias(types.NewTypeName(token.NoPos, pkg, "Alias", nil), clockType)))

	var got []string
	for _, m := range internalMentions(pkg) {
		got = append(got, m.where)
	}
	sort.Strings(got)
	assert.Equal(t, []string{"emulator.Alias", "emulator.Inner.Clock", "emulator.Inner.Clock", "emulator.Outer.At", "emulator.WithClock"}, got)
}

type mention struct{ where, what string }

// internalMentions lists the exported declarations of pkg that name a type
// of an internal package.
func internalMentions(pkg *types.Package) []mention {
	var out []mention
	add := func(where string, t types.Type) {
		if n := internalIn(t, map[types.Type]bool{}); n != "" {
			out = append(out, mention{where, n})
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		where := pkg.Name() + "." + name
		tn, ok := obj.(*types.TypeName)
		if !ok {
			add(where, obj.Type()) // functions, variables, constants
			continue
		}
		if tn.IsAlias() {
			add(where, types.Unalias(obj.Type()))
			continue
		}
		if st, ok := obj.Type().Underlying().(*types.Struct); ok {
			for i := 0; i < st.NumFields(); i++ {
				f := st.Field(i)
				if f.Exported() && f.Pkg() == pkg {
					add(where+"."+f.Name(), f.Type())
				}
			}
		}
		if _, ok := obj.Type().Underlying().(*types.Struct); !ok {
			add(where, obj.Type().Underlying()) // an option's func type, say
		}
		ms := types.NewMethodSet(types.NewPointer(obj.Type()))
		for i := 0; i < ms.Len(); i++ {
			m := ms.At(i).Obj().(*types.Func)
			if !m.Exported() {
				continue
			}
			recv := m.Type().(*types.Signature).Recv().Type()
			if p, ok := recv.(*types.Pointer); ok {
				recv = p.Elem()
			}
			owner := recv.(*types.Named).Obj()
			add(owner.Pkg().Name()+"."+owner.Name()+"."+m.Name(), m.Type())
		}
	}
	return out
}

// internalIn names the first type of an internal package t mentions; a
// named type of any other package is fine by its name.
func internalIn(t types.Type, seen map[types.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Alias:
		return internalIn(types.Unalias(t), seen)
	case *types.Named:
		if p := t.Obj().Pkg(); p != nil && strings.Contains("/"+p.Path()+"/", "/internal/") {
			return p.Path() + "." + t.Obj().Name()
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if n := internalIn(t.TypeArgs().At(i), seen); n != "" {
				return n
			}
		}
	case *types.Pointer:
		return internalIn(t.Elem(), seen)
	case *types.Slice:
		return internalIn(t.Elem(), seen)
	case *types.Array:
		return internalIn(t.Elem(), seen)
	case *types.Chan:
		return internalIn(t.Elem(), seen)
	case *types.Map:
		if n := internalIn(t.Key(), seen); n != "" {
			return n
		}
		return internalIn(t.Elem(), seen)
	case *types.Signature:
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := 0; i < tup.Len(); i++ {
				if n := internalIn(tup.At(i).Type(), seen); n != "" {
					return n
				}
			}
		}
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if f := t.Field(i); f.Exported() {
				if n := internalIn(f.Type(), seen); n != "" {
					return n
				}
			}
		}
	case *types.Interface:
		for i := 0; i < t.NumMethods(); i++ {
			if n := internalIn(t.Method(i).Type(), seen); n != "" {
				return n
			}
		}
	}
	return ""
}

// exportImporter imports packages from the compiler's export data of pkg
// and its dependencies, which go list builds (or finds in the build cache):
// the API exactly as a module importing it compiles against.
func exportImporter(t *testing.T, pkg string) types.Importer {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", pkg).Output()
	require.NoError(t, err, "go list -export")
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "="); ok && file != "" {
			exports[path] = file
		}
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
}
