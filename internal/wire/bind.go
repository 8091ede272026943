package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// BindErrorKind says why a parameter could not be bound.
type BindErrorKind int

const (
	// Missing: a field tagged `mq:"required"` is absent.
	Missing BindErrorKind = iota + 1
	// WrongType: the value cannot become the field's type.
	WrongType
	// Unknown: a parameter the target struct does not define.
	Unknown
)

// BindError is returned by Bind with the dotted path of the parameter.
type BindError struct {
	Kind  BindErrorKind
	Param string
}

func (e *BindError) Error() string {
	switch e.Kind {
	case Missing:
		return "missing parameter " + e.Param
	case Unknown:
		return "unknown parameter " + e.Param
	}
	return "parameter " + e.Param + " has the wrong type"
}

// DecodeJSON decodes a JSON body into a tree (maps, slices, json.Number,
// strings, bools) for Bind.
func DecodeJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body)) // no copy of the body
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

// Unflatten rebuilds a tree from flattened keys (Filters.0.Name=x) as
// TencentCloud SDKs send GET queries. Scalars stay strings; Bind converts them.
func Unflatten(params map[string]string) any {
	root := map[string]any{}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts := strings.Split(k, ".")
		var cur any = root
		for i, p := range parts {
			last := i == len(parts)-1
			m, ok := cur.(map[string]any)
			if !ok {
				break // a key that is both a scalar and a parent: keep the first
			}
			if last {
				if _, exists := m[p]; !exists {
					m[p] = params[k]
				}
				break
			}
			next, ok := m[p].(map[string]any)
			if !ok {
				if _, exists := m[p]; exists {
					break
				}
				next = map[string]any{}
				m[p] = next
			}
			cur = next
		}
	}
	return listify(root)
}

// listify turns maps whose keys are all 0..n-1 into slices.
func listify(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	for k, c := range m {
		m[k] = listify(c)
	}
	if len(m) == 0 {
		return m
	}
	list := make([]any, len(m))
	for k, c := range m {
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= len(m) || k != strconv.Itoa(i) {
			return m
		}
		list[i] = c
	}
	return list
}

// Bind fills the struct pointed to by dst from tree. Field names come from
// `json` tags; `mq:"required"` marks required fields. Scalars are converted
// from strings (GET queries) and json.Numbers; pointer fields stay nil when
// absent. When strict is set, parameters the struct does not define are
// refused with an Unknown error.
func Bind(tree any, dst any, strict bool) error {
	if tree == nil {
		tree = map[string]any{}
	}
	return bindValue(tree, reflect.ValueOf(dst).Elem(), "", strict)
}

func bindValue(src any, v reflect.Value, path string, strict bool) error {
	if v.Kind() == reflect.Pointer {
		if src == nil {
			return nil
		}
		n := reflect.New(v.Type().Elem())
		if err := bindValue(src, n.Elem(), path, strict); err != nil {
			return err
		}
		v.Set(n)
		return nil
	}
	wrong := &BindError{Kind: WrongType, Param: path}
	switch v.Kind() {
	case reflect.Struct:
		m, ok := src.(map[string]any)
		if !ok {
			return wrong
		}
		return bindStruct(m, v, path, strict)
	case reflect.Slice:
		list, ok := src.([]any)
		if !ok {
			return wrong
		}
		s := reflect.MakeSlice(v.Type(), len(list), len(list))
		for i, e := range list {
			if err := bindValue(e, s.Index(i), join(path, strconv.Itoa(i)), strict); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.Interface {
			return wrong
		}
		m, ok := src.(map[string]any)
		if !ok {
			return wrong
		}
		v.Set(reflect.ValueOf(m))
		return nil
	case reflect.Interface:
		v.Set(reflect.ValueOf(src))
		return nil
	case reflect.String:
		s, ok := src.(string)
		if !ok {
			return wrong
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		switch b := src.(type) {
		case bool:
			v.SetBool(b)
		case string:
			p, err := strconv.ParseBool(b)
			if err != nil {
				return wrong
			}
			v.SetBool(p)
		default:
			return wrong
		}
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s, ok := numberText(src)
		if !ok {
			return wrong
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v.OverflowInt(n) {
			return wrong
		}
		v.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s, ok := numberText(src)
		if !ok {
			return wrong
		}
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || v.OverflowUint(n) {
			return wrong
		}
		v.SetUint(n)
		return nil
	case reflect.Float32, reflect.Float64:
		s, ok := numberText(src)
		if !ok {
			return wrong
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return wrong
		}
		v.SetFloat(f)
		return nil
	}
	return wrong
}

func numberText(src any) (string, bool) {
	switch n := src.(type) {
	case json.Number:
		return n.String(), true
	case string:
		return n, n != ""
	}
	return "", false
}

func bindStruct(m map[string]any, v reflect.Value, path string, strict bool) error {
	t := v.Type()
	known := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := fieldName(f)
		if name == "-" {
			continue
		}
		known[name] = true
		src, ok := m[name]
		if !ok || src == nil {
			if f.Tag.Get("mq") == "required" {
				return &BindError{Kind: Missing, Param: join(path, name)}
			}
			continue
		}
		if err := bindValue(src, v.Field(i), join(path, name), strict); err != nil {
			return err
		}
	}
	if strict {
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if !known[k] {
				return &BindError{Kind: Unknown, Param: join(path, k)}
			}
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Flatten turns a tree into flattened string parameters (Filters.0.Name), the
// common form that fault matching and the journal read.
func Flatten(tree any) map[string]string {
	out := map[string]string{}
	flatten(tree, "", out)
	return out
}

func flatten(v any, path string, out map[string]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, c := range t {
			flatten(c, join(path, k), out)
		}
	case []any:
		for i, c := range t {
			flatten(c, join(path, strconv.Itoa(i)), out)
		}
	case nil:
		if path != "" {
			out[path] = ""
		}
	case string:
		out[path] = t
	default:
		out[path] = fmt.Sprint(t)
	}
}
