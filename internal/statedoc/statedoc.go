// Package statedoc reads and writes one product's part of a state snapshot
// (GET/PUT /_mqmock/snapshot, the state file): a JSON object with a
// "version" of the product's own beside its fields. Reading is strict: a
// version this build does not know, or a field it does not know, is an
// error, because a part read halfway would drop data without a word.
package statedoc

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Encode writes a product's part (v carries its own version field).
func Encode(v any) (json.RawMessage, error) {
	return json.Marshal(v)
}

// Decode reads raw into dst after checking its "version" is want; any
// field dst has no place for is refused.
func Decode(raw json.RawMessage, want int, dst any) error {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	switch {
	case head.Version == nil:
		return fmt.Errorf("no version (this build reads version %d)", want)
	case *head.Version > want:
		return fmt.Errorf("version %d was written by a newer mqmock (this build reads version %d)", *head.Version, want)
	case *head.Version != want:
		return fmt.Errorf("version %d is not one this build reads (version %d)", *head.Version, want)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}

// Convert maps a slice between a store's type and its snapshot type,
// element by element, keeping nil as nil (a snapshot tells "none" from
// "empty" where the answer does).
func Convert[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}
