package config

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// viper lower-cases every key it reads. The file's own keys, re-read here,
// give errors the user's spelling back, and the nearest valid key is
// offered for an unknown one.

// parseYAML parses the file's text into a node tree; a malformed file is an
// error naming the line at fault.
func parseYAML(path string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	if err == nil {
		return &doc, nil
	}
	line, msg := yamlErrorLine(data, err)
	if line == 0 {
		return nil, fmt.Errorf("config file %s: %s", path, msg)
	}
	text := strings.TrimSpace(lineOf(data, line))
	if len(text) > 60 {
		text = text[:60] + "…"
	}
	return nil, fmt.Errorf("config file %s line %d: %s (%q)", path, line, msg, text)
}

var yamlErrRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`) })

func splitYAMLError(err error) (int, string) {
	m := yamlErrRE().FindStringSubmatch(oneLine(err))
	if m == nil {
		return 0, oneLine(err)
	}
	n, _ := strconv.Atoi(m[1])
	return n, m[2]
}

// maxLinesSearched bounds the search for the line at fault (a
// configuration file is short; a longer one keeps the parser's line).
const maxLinesSearched = 2000

// yamlErrorLine finds the line at fault. The parser reports the line where
// the enclosing mapping or sequence starts (a bad indentation on line 3 is
// reported on line 2), so the line at fault is taken as the first line
// whose prefix of the file fails with the same message.
func yamlErrorLine(data []byte, err error) (int, string) {
	line, msg := splitYAMLError(err)
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > maxLinesSearched {
		return line, msg
	}
	var prefix strings.Builder
	var node yaml.Node
	for i, l := range lines {
		prefix.WriteString(l)
		if e := yaml.Unmarshal([]byte(prefix.String()), &node); e != nil {
			if _, m := splitYAMLError(e); m == msg {
				return i + 1, msg
			}
		}
	}
	return line, msg
}

func lineOf(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// respell returns v (viper's settings, keys lower-cased) with every key the
// file spells differently in its own spelling.
func respell(v any, n *yaml.Node) any {
	for n != nil && (n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode) {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		} else if len(n.Content) > 0 {
			n = n.Content[0]
		} else {
			n = nil
		}
	}
	if n == nil {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if n.Kind != yaml.MappingNode {
			return v
		}
		out := make(map[string]any, len(x))
		for k, val := range x {
			key, child := k, (*yaml.Node)(nil)
			for i := 0; i+1 < len(n.Content); i += 2 {
				if strings.EqualFold(n.Content[i].Value, k) {
					key, child = n.Content[i].Value, n.Content[i+1]
					break
				}
			}
			out[key] = respell(val, child)
		}
		return out
	case []any:
		if n.Kind != yaml.SequenceNode {
			return v
		}
		out := make([]any, len(x))
		for i, e := range x {
			var child *yaml.Node
			if i < len(n.Content) {
				child = n.Content[i]
			}
			out[i] = respell(e, child)
		}
		return out
	}
	return v
}

// respellSections gives each vendor section's options (which the vendor
// decodes and checks itself) the file's spelling.
func respellSections(c *Config, doc *yaml.Node) {
	root := reflect.ValueOf(c).Elem()
	vendorType := reflect.TypeOf(Vendor{})
	for i := 0; i < root.NumField(); i++ {
		f := root.Type().Field(i)
		if f.Type != vendorType {
			continue
		}
		tag := f.Tag.Get("mapstructure")
		opts := root.Field(i).Addr().Interface().(*Vendor)
		if len(opts.Options) == 0 {
			continue
		}
		wrapped := respell(map[string]any{tag: opts.Options}, doc).(map[string]any)
		for k, v := range wrapped {
			if strings.EqualFold(k, tag) {
				if m, ok := v.(map[string]any); ok {
					opts.Options = m
				}
			}
		}
	}
}

// unknownKeyError names an unknown key as the user wrote it and the
// nearest valid key, if one is near.
type unknownKeyError struct {
	key, nearest string
}

func (e *unknownKeyError) Error() string {
	if e.nearest == "" {
		return fmt.Sprintf("config: unknown key %q", e.key)
	}
	return fmt.Sprintf("config: unknown key %q (did you mean %s?)", e.key, e.nearest)
}

// keyLine is the line of the key at path ("a.b[0].c", as checkKeys names
// it) in the file, or 0.
func keyLine(doc *yaml.Node, path string) int {
	n := doc
	line := 0
	for _, seg := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		for n != nil && (n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode) {
			if n.Kind == yaml.AliasNode {
				n = n.Alias
			} else if len(n.Content) > 0 {
				n = n.Content[0]
			} else {
				n = nil
			}
		}
		if n == nil || n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == name {
				line, next = n.Content[i].Line, n.Content[i+1]
				break
			}
		}
		if next == nil {
			return 0
		}
		n = next
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(idx)
			if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
				return 0
			}
			n = n.Content[i]
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return line
}
