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
			out[k] = x.val
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
