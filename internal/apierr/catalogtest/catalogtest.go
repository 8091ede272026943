// Package catalogtest holds checks every vendor's catalogue tests share: the
// mechanics are the same for each catalogue; the seed formats are not, so
// parsing a vendor's seed stays in that vendor's tests.
package catalogtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mqmock/mqmock/internal/apierr"
)

// DefVars parses Go files and maps each package-level var initialised with
// &apierr.Def{Name: "..."} to that name.
func DefVars(t testing.TB, files ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, file := range files {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, val := range vs.Values {
					if name, ok := defName(val); ok {
						out[vs.Names[i].Name] = name
					}
				}
			}
		}
	}
	return out
}

// defName returns the Name field of an &apierr.Def{...} literal.
func defName(val ast.Expr) (string, bool) {
	u, ok := val.(*ast.UnaryExpr)
	if !ok {
		return "", false
	}
	lit, ok := u.X.(*ast.CompositeLit)
	if !ok {
		return "", false
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Name" {
			if b, ok := kv.Value.(*ast.BasicLit); ok {
				if s, err := strconv.Unquote(b.Value); err == nil {
					return s, true
				}
			}
		}
	}
	return "", false
}

// VarsCatalogued checks that every Def var declared in files is in the
// catalogue under its Name, that its var name follows the vendor's rule
// (varName maps a row name to the expected var name), and that the
// catalogue holds nothing the files do not declare.
func VarsCatalogued(t testing.TB, cat *apierr.Catalogue, varName func(name string) string, files ...string) {
	t.Helper()
	vars := DefVars(t, files...)
	for v, name := range vars {
		if want := varName(name); v != want {
			t.Errorf("var %s holds %q; want %s", v, name, want)
		}
		if _, ok := cat.ByName(name); !ok {
			t.Errorf("var %s (%q) is not in the catalogue", v, name)
		}
	}
	if len(vars) != len(cat.All()) {
		t.Errorf("%d Def vars, %d catalogue rows", len(vars), len(cat.All()))
	}
}

// Shape says what every row of one catalogue must look like.
type Shape struct {
	Vendor     string
	Name, Code *regexp.Regexp // nil: any non-empty value
	NameIsCode bool           // the row's name is its code (TencentCloud, Alibaba)
	Status     func(int) bool // nil: any
}

// CheckShape checks every row against the shape: non-empty, unpadded
// message; name and code in the vendor's form; the status the vendor answers
// errors with.
func CheckShape(t testing.TB, cat *apierr.Catalogue, s Shape) {
	t.Helper()
	if cat.Vendor() != s.Vendor {
		t.Errorf("catalogue vendor %q, want %q", cat.Vendor(), s.Vendor)
	}
	for _, d := range cat.All() {
		if s.Name != nil && !s.Name.MatchString(d.Name) {
			t.Errorf("name %q is not in the %s form", d.Name, s.Vendor)
		}
		if d.Code == "" || s.Code != nil && !s.Code.MatchString(d.Code) {
			t.Errorf("%s: code %q is not in the %s form", d.Name, d.Code, s.Vendor)
		}
		if s.NameIsCode && d.Name != d.Code {
			t.Errorf("name %q differs from code %q", d.Name, d.Code)
		}
		if d.Message == "" || strings.TrimSpace(d.Message) != d.Message {
			t.Errorf("%s: empty or padded message %q", d.Name, d.Message)
		}
		if s.Status != nil && !s.Status(d.Status) {
			t.Errorf("%s: status %d", d.Name, d.Status)
		}
	}
}
