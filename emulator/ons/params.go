package ons

import (
	"strconv"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/wire"
)

// Parameter readers. A required parameter that is absent (or sent empty —
// the Go SDK never sends an empty value) answers the gateway's Missing<Name>;
// a present value of the wrong type answers BIZ_FIELD_CHECK_INVALID.

func required(call *pipeline.Call, name string) (string, error) {
	v := call.Params[name]
	if v == "" {
		return "", errMissingParameterFamily.New(name)
	}
	return v, nil
}

// optional returns the value and whether it was sent.
func optional(call *pipeline.Call, name string) (string, bool) {
	v, ok := call.Params[name]
	return v, ok
}

// integer reads an Integer parameter; def when absent.
func integer(call *pipeline.Call, name string, def int64) (int64, error) {
	v, ok := call.Params[name]
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fieldInvalid(name + " must be an integer")
	}
	return n, nil
}

func requiredInteger(call *pipeline.Call, name string) (int64, error) {
	if _, err := required(call, name); err != nil {
		return 0, err
	}
	return integer(call, name, 0)
}

// boolean reads a Boolean parameter ("true"/"false"); def when absent.
func boolean(call *pipeline.Call, name string, def bool) (bool, error) {
	v, ok := call.Params[name]
	if !ok || v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fieldInvalid(name + " must be true or false")
	}
	return b, nil
}

// list reads Name.1, Name.2, ... (one run from 1).
func list(call *pipeline.Call, name string) ([]string, error) {
	vs, err := wire.Indexed(call.Params, name, 1)
	if err != nil {
		return nil, fieldInvalid(err.Error())
	}
	return vs, nil
}

// tagFilter reads Tag.N.Key / Tag.N.Value from 1 until a key is missing.
func tagFilter(call *pipeline.Call) ([]kv, error) {
	var out []kv
	for i := 1; ; i++ {
		p := "Tag." + strconv.Itoa(i) + "."
		k, ok := call.Params[p+"Key"]
		if !ok {
			if _, stray := call.Params[p+"Value"]; stray {
				return nil, fieldInvalid(p + "Value has no " + p + "Key")
			}
			return out, nil
		}
		if k == "" {
			return nil, fieldInvalid(p + "Key is empty")
		}
		out = append(out, kv{k, call.Params[p+"Value"]})
	}
}

// instanceID is the InstanceId every instance-scoped action requires.
func instanceID(call *pipeline.Call) (string, error) { return required(call, "InstanceId") }
