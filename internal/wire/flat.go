package wire

import (
	"encoding/json"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Flat holds parameters that arrived flattened (Filters.0.Values.0=a), every
// value a string, before they are rebuilt for an action's request struct:
// only the struct says whether "20" is a number or a name, and whether
// Filters.0 indexes a list or names a field.
type Flat map[string]string

// MaxFlatIndex bounds an index in a flattened key: Name.1000 and above are
// refused rather than allocating a list that long.
const MaxFlatIndex = 999

// jsonNumber is the JSON number grammar: a flattened number becomes a
// json.Number only when a JSON body could have carried it.
var jsonNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`) })

// UnflattenFor rebuilds flattened parameters into the tree a JSON body of
// the same request would decode to, driven by the type of dst (a pointer to
// the request struct Bind will fill):
//
//   - a segment under a slice field is a zero-based index (canonical
//     decimal, at most MaxFlatIndex); elements are ordered by index and gaps
//     closed up, as the Go SDK skips nil elements without renumbering;
//   - any other segment names a struct field by its json tag;
//   - a leaf of a number field becomes a json.Number (JSON number grammar),
//     of a bool field true or false (only "true" and "false"), of a string
//     field the text as sent ("007" stays text);
//   - a name the struct does not define is kept as text and maps, so that a
//     strict Bind reports it as unknown with its path.
//
// A value whose shape or text the field cannot take, and a key that is both
// a value and a parent (Filters=x beside Filters.0.Name=y), is a WrongType
// BindError.
func UnflattenFor(flat Flat, dst any) (any, error) {
	root := &flatNode{}
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := root.insert(k, flat[k]); err != nil {
			return nil, err
		}
	}
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return root.build(t, "")
}

// flatNode is one segment of the flattened keys: a value, or children.
type flatNode struct {
	leaf  bool
	value string
	kids  map[string]*flatNode
}

func (n *flatNode) insert(key, value string) error {
	cur, path := n, ""
	segs := strings.Split(key, ".")
	for i, s := range segs {
		path = join(path, s)
		if cur.leaf {
			return &BindError{Kind: WrongType, Param: parentPath(path)}
		}
		if cur.kids == nil {
			cur.kids = map[string]*flatNode{}
		}
		next, ok := cur.kids[s]
		if !ok {
			next = &flatNode{}
			cur.kids[s] = next
		}
		if i == len(segs)-1 {
			if next.kids != nil {
				return &BindError{Kind: WrongType, Param: path}
			}
			next.leaf, next.value = true, value
		}
		cur = next
	}
	return nil
}

// parentPath drops the last segment of a dotted path.
func parentPath(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return path
}

func (n *flatNode) build(t reflect.Type, path string) (any, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	wrong := &BindError{Kind: WrongType, Param: path}
	switch t.Kind() {
	case reflect.Struct:
		if n.leaf {
			return nil, wrong
		}
		fields := fieldTypes(t)
		out := make(map[string]any, len(n.kids))
		for _, name := range sortedKids(n) {
			kid := n.kids[name]
			ft, ok := fields[name]
			if !ok {
				out[name] = kid.generic()
				continue
			}
			v, err := kid.build(ft, join(path, name))
			if err != nil {
				return nil, err
			}
			out[name] = v
		}
		return out, nil
	case reflect.Slice:
		if n.leaf {
			return nil, wrong
		}
		type item struct {
			i   int
			seg string
		}
		items := make([]item, 0, len(n.kids))
		for seg := range n.kids {
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i > MaxFlatIndex || seg != strconv.Itoa(i) {
				return nil, &BindError{Kind: WrongType, Param: join(path, seg)}
			}
			items = append(items, item{i, seg})
		}
		sort.Slice(items, func(a, b int) bool { return items[a].i < items[b].i })
		list := make([]any, len(items))
		for j, it := range items {
			v, err := n.kids[it.seg].build(t.Elem(), join(path, it.seg))
			if err != nil {
				return nil, err
			}
			list[j] = v
		}
		return list, nil
	case reflect.Map, reflect.Interface:
		return n.generic(), nil
	}
	if !n.leaf {
		return nil, wrong
	}
	switch t.Kind() {
	case reflect.String:
		return n.value, nil
	case reflect.Bool:
		switch n.value {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if jsonNumber().MatchString(n.value) {
			return json.Number(n.value), nil
		}
	}
	return nil, wrong
}

// generic is the subtree as text and maps, for what no type describes.
func (n *flatNode) generic() any {
	if n.leaf {
		return n.value
	}
	m := make(map[string]any, len(n.kids))
	for k, c := range n.kids {
		m[k] = c.generic()
	}
	return m
}

func sortedKids(n *flatNode) []string {
	names := make([]string, 0, len(n.kids))
	for k := range n.kids {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// fieldTypes maps a struct's parameter names to their types, named as Bind
// names them.
func fieldTypes(t reflect.Type) map[string]reflect.Type {
	out := make(map[string]reflect.Type, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := fieldName(f)
		if name == "-" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

// fieldName is the parameter name of a field: its json tag's name, else the
// Go name.
func fieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		name = f.Name
	}
	return name
}
