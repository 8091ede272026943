package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/mqmock/mqmock/internal/spelling"
)

// envValue is a vendor option set by an MQMOCK_* variable. Load puts it in
// the section's options (over the file's value, whatever its case);
// DecodeOptions takes its text and, when the option is unknown, names the
// variable and the nearest valid one.
type envValue struct{ name, val string }

// EnvVar is one MQMOCK_* variable and the config key it sets.
type EnvVar struct {
	Name string // MQMOCK_CMQ_MAXQUEUES
	Key  string // cmq.maxQueues
}

// envName is a key's variable: cmq.maxQueues is MQMOCK_CMQ_MAXQUEUES.
func envName(key string) string {
	return "MQMOCK_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// OptionEnv lists the variables of a vendor's scalar options, decoded into
// dst (a pointer to the struct DecodeOptions fills), sorted by name.
func OptionEnv(vendor string, dst any) []EnvVar {
	var out []EnvVar
	for _, k := range scalarKeys(reflect.TypeOf(dst), vendor) {
		out = append(out, EnvVar{Name: envName(k), Key: k})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// scalarKeys are the dotted keys of t's scalar fields (nested structs
// flattened), prefixed.
func scalarKeys(t reflect.Type, prefix string) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" || strings.Contains(tag, ",") || tag == "-" {
			continue
		}
		switch ft := f.Type; {
		case ft == reflect.TypeOf(time.Duration(0)):
			out = append(out, join(prefix, tag))
		case ft.Kind() == reflect.Struct:
			out = append(out, scalarKeys(ft, join(prefix, tag))...)
		case ft.Kind() == reflect.Bool, ft.Kind() == reflect.String,
			ft.Kind() >= reflect.Int && ft.Kind() <= reflect.Float64:
			out = append(out, join(prefix, tag))
		}
	}
	return out
}

// vendorSections are the tags of Config's Vendor fields.
func vendorSections() []string {
	var out []string
	t := reflect.TypeOf(Config{})
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == reflect.TypeOf(Vendor{}) {
			out = append(out, t.Field(i).Tag.Get("mapstructure"))
		}
	}
	return out
}

// vendorOfEnv is the vendor section an MQMOCK_<VENDOR>_<OPTION...> variable
// names, and the option's path (lower-case: a variable's case is lost).
func vendorOfEnv(name string) (string, []string, bool) {
	rest := strings.TrimPrefix(name, "MQMOCK_")
	for _, v := range vendorSections() {
		if p := strings.ToUpper(v) + "_"; strings.HasPrefix(rest, p) && len(rest) > len(p) {
			return v, strings.Split(strings.ToLower(rest[len(p):]), "_"), true
		}
	}
	return "", nil, false
}

// setOption puts val at path in opts, matching each key case-insensitively
// (so a variable replaces the file's maxQueues), copying the maps it
// changes; it returns the new map.
func setOption(opts map[string]any, path []string, val any) map[string]any {
	out := make(map[string]any, len(opts)+1)
	for k, v := range opts {
		out[k] = v
	}
	key := path[0]
	for k := range out {
		if strings.EqualFold(k, key) {
			key = k
			break
		}
	}
	if len(path) == 1 {
		out[key] = val
		return out
	}
	inner, _ := out[key].(map[string]any)
	out[key] = setOption(inner, path[1:], val)
	return out
}

// takeEnv replaces each envValue in opts by its text (in copies), and
// returns the variables by their dotted lower-case path under prefix.
func takeEnv(opts map[string]any, prefix string, vars map[string]string) map[string]any {
	out := make(map[string]any, len(opts))
	for k, v := range opts {
		switch x := v.(type) {
		case envValue:
			vars[strings.ToLower(join(prefix, k))] = x.name
			out[k] = envText(x.val)
		case map[string]any:
			out[k] = takeEnv(x, join(prefix, k), vars)
		default:
			out[k] = v
		}
	}
	return out
}

// envError is an unknown option's error when a variable set it: the
// variable and the nearest valid one among dst's.
func envError(vendor string, u *unknownKeyError, vars map[string]string, dst any) error {
	bad := strings.ToLower(u.key)
	names := []string{envName(vendor + ".listen")}
	for _, e := range OptionEnv(vendor, dst) {
		names = append(names, e.Name)
	}
	for _, e := range OptionListEnv(vendor, dst) {
		names = append(names, e.Name)
	}
	paths := make([]string, 0, len(vars))
	for p := range vars {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if p == bad || strings.HasPrefix(p, bad+".") {
			return unknownEnv(vars[p], names)
		}
	}
	return nil
}

func unknownEnv(name string, known []string) error {
	if n := spelling.Typo(name, known); n != "" {
		return fmt.Errorf("environment variable %s: unknown setting (did you mean %s?)", name, n)
	}
	return fmt.Errorf("environment variable %s: unknown setting (mqmock --help lists them)", name)
}

// The forms of a list or map setting's variable. Their elements are names
// (hosts, regions, actions) and numbers, which hold no comma or "=", so the
// plain form a shell writes without quoting serves; JSON would ask for
// quotes inside quotes for no gain.
const (
	// FormList is a list's: comma-separated, spaces around an element
	// dropped; an empty value is an empty list.
	FormList = "comma-separated list"
	// FormPairs is a map's: comma-separated name=value pairs.
	FormPairs = "comma-separated list of name=value pairs"
)

// ListVar is the MQMOCK_* variable of a list or map setting and its form.
type ListVar struct {
	Name string // MQMOCK_TDMQ_REGIONS
	Key  string // tdmq.regions
	Form string // FormList or FormPairs
}

// FileOnlyKey is a setting no variable can hold, and why.
type FileOnlyKey struct {
	Key string
	Why string
}

// whyFileOnly is why a list of structured entries has no variable.
const whyFileOnly = "a list of structured entries (accounts hold keys, instances and resources): write it in the config file, which MQMOCK_CONFIG names"

// ListEnv lists the variables of the global sections' list settings
// (control.allowedHosts; scenarios is MQMOCK_SCENARIOS, read by the
// command), sorted by name.
func ListEnv() []ListVar {
	var out []ListVar
	for _, v := range listVars(reflect.TypeOf(Config{}), "") {
		if v.Name != EnvScenarios {
			out = append(out, v)
		}
	}
	return out
}

// OptionListEnv lists the variables of a vendor's list and map options,
// decoded into dst as DecodeOptions fills it, sorted by name.
func OptionListEnv(vendor string, dst any) []ListVar { return listVars(reflect.TypeOf(dst), vendor) }

// FileOnly lists the settings of Config and of the vendors' options (dsts
// by vendor) that only the config file can hold.
func FileOnly(dsts map[string]any) []FileOnlyKey {
	var out []FileOnlyKey
	add := func(keys []string) {
		for _, k := range keys {
			out = append(out, FileOnlyKey{Key: k, Why: whyFileOnly})
		}
	}
	add(structuredKeys(reflect.TypeOf(Config{}), ""))
	for vendor, dst := range dsts {
		add(structuredKeys(reflect.TypeOf(dst), vendor))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// listVars are the variables of t's list and map fields of scalars
// (nested structs flattened), prefixed, sorted by name.
func listVars(t reflect.Type, prefix string) []ListVar {
	var out []ListVar
	eachField(t, prefix, func(key string, ft reflect.Type) {
		if form := formOf(ft); form != "" {
			out = append(out, ListVar{Name: envName(key), Key: key, Form: form})
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// structuredKeys are t's list and map fields whose elements are not
// scalars.
func structuredKeys(t reflect.Type, prefix string) []string {
	var out []string
	eachField(t, prefix, func(key string, ft reflect.Type) {
		if (ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map) && formOf(ft) == "" {
			out = append(out, key)
		}
	})
	return out
}

// eachField calls f with the dotted key and type of each tagged field of t
// that is not a struct, nested structs flattened.
func eachField(t reflect.Type, prefix string, f func(key string, ft reflect.Type)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := 0; i < t.NumField(); i++ {
		field := t.Field(i)
		tag := field.Tag.Get("mapstructure")
		if tag == "" || strings.Contains(tag, ",") || tag == "-" {
			continue
		}
		if field.Type.Kind() == reflect.Struct && field.Type != reflect.TypeOf(time.Duration(0)) {
			eachField(field.Type, join(prefix, tag), f)
			continue
		}
		f(join(prefix, tag), field.Type)
	}
}

// formOf is the variable form of a list or map of scalars; "" for any
// other type.
func formOf(t reflect.Type) string {
	scalar := func(t reflect.Type) bool {
		k := t.Kind()
		return k == reflect.Bool || k == reflect.String || k >= reflect.Int && k <= reflect.Float64
	}
	switch {
	case t.Kind() == reflect.Slice && scalar(t.Elem()):
		return FormList
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && scalar(t.Elem()):
		return FormPairs
	}
	return ""
}

// splitList is a FormList value's elements.
func splitList(val string) []string {
	out := []string{}
	for _, e := range strings.Split(val, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// splitPairs is a FormPairs value's map; a pair without "=" is an error
// naming it.
func splitPairs(val string) (map[string]any, error) {
	out := map[string]any{}
	for _, e := range splitList(val) {
		k, v, ok := strings.Cut(e, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%q is not name=value", e)
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, nil
}

// envText is a vendor option's text as a variable gave it: the decode hook
// (envTextHook) reads it in the form of the field it lands in.
type envText string

// envTextHook decodes an envText: a list field takes FormList, a map field
// FormPairs, anything else the text as the file's scalar would be.
func envTextHook(from, to reflect.Type, data any) (any, error) {
	text, ok := data.(envText)
	if !ok {
		return data, nil
	}
	switch formOf(to) {
	case FormList:
		return splitList(string(text)), nil
	case FormPairs:
		return splitPairs(string(text))
	}
	return string(text), nil
}

// envListKey maps a global list setting's variable to its key
// (MQMOCK_CONTROL_ALLOWEDHOSTS to control.allowedHosts).
func envListKey(name string) (string, bool) {
	for _, v := range ListEnv() {
		if v.Name == name {
			return v.Key, true
		}
	}
	return "", false
}

// knownEnvNames are the names an unknown global variable is compared with.
func knownEnvNames() []string {
	out := EnvNames()
	for _, v := range ListEnv() {
		out = append(out, v.Name)
	}
	return out
}
