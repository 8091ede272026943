// Package snippets holds every Go and Node snippet of README.md and
// docs/*.md as a whole file that compiles (or, for emutest, a test that
// runs; for Node, that node --check parses); the docs show these files as
// they are.
package snippets

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// block is one fenced block of a Markdown file.
type block struct {
	where string // file:line of the opening fence
	text  string
}

func blocks(t *testing.T, path, lang string) []block {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []block
	var cur *block
	var body strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(line) == "```"+lang:
			cur = &block{where: path + ":" + strconv.Itoa(n)}
			body.Reset()
		case cur != nil && strings.TrimSpace(line) == "```":
			cur.text = body.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line + "\n")
		}
	}
	return out
}

// TestDocsSnippetsAreFilesHere: every ```go and ```js block of README.md
// and docs/*.md is, character for character, one of the files of this
// directory, which TestSnippetsCompile builds (and go test runs, for the
// test files) and TestNodeSnippetsParse parses.
func TestDocsSnippetsAreFilesHere(t *testing.T) {
	files := map[string]string{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, ".cjs")) || p == "docs_test.go" {
			return err
		}
		b, err := os.ReadFile(p)
		files[string(b)] = p
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	n := 0
	for _, md := range append([]string{filepath.Join("..", "..", "README.md")}, docs...) {
		for _, lang := range []string{"go", "js"} {
			for _, b := range blocks(t, md, lang) {
				n++
				p, ok := files[b.text]
				if !ok {
					t.Errorf("%s: this %s snippet is not a file of examples/snippets: copy it from one a test checks", b.where, lang)
					continue
				}
				used[p] = true
			}
		}
	}
	if n == 0 {
		t.Fatal("no ```go or ```js block found in README.md or docs/")
	}
	for _, p := range files {
		if !used[p] {
			t.Errorf("examples/snippets/%s is shown by no document", p)
		}
	}
}

// TestSnippetsCompile type-checks every snippet (the main packages too,
// which go test alone would not build).
func TestSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go vet on examples/snippets")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the snippets: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "vet", "./...")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go vet ./... in examples/snippets: %v\n%s", err, out)
	}
}

// TestNodeSnippetsParse: node --check parses each Node snippet as the
// CommonJS script it is (a top-level await beside require is a
// SyntaxError there). The files are .cjs so that node's ES module
// detection cannot accept such a script as a module instead.
func TestNodeSnippetsParse(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the Node snippets are not parsed")
	}
	files, err := filepath.Glob(filepath.Join("node", "*.cjs"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Node snippet under examples/snippets/node (%v)", err)
	}
	for _, f := range files {
		if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
			t.Errorf("node --check %s: %v\n%s", f, err, out)
		}
	}
}

// TestDocsPointAtNoMissingSpec: the documents name no spec file outside
// the repository.
func TestDocsPointAtNoMissingSpec(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, md := range append([]string{filepath.Join("..", "..", "README.md")}, docs...) {
		data, err := os.ReadFile(md)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"specs/", "../shared"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s names %q, which is not in the repository", md, bad)
			}
		}
	}
}
