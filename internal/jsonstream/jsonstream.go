// Package jsonstream writes one JSON document to a writer piece by piece,
// so that a large answer (the control API's state of thousands of queues
// and topics, a page of the journal) is never held in memory whole. Values
// are encoded with encoding/json (HTML characters escaped, as gin's JSON
// render and json.Marshal do), so a streamed document is byte for byte the
// one json.Marshal would make of the same data, given members in the order
// Marshal writes them (a map's keys sorted).
package jsonstream

import (
	"bufio"
	"encoding/json"
	"io"
)

// Writer writes one document. The first error sticks: later calls do
// nothing and Err (or Flush) reports it.
type Writer struct {
	w   *bufio.Writer
	err error
	// first says, for each open object or array, whether nothing has been
	// written in it yet (no comma before the next element).
	first []bool
	// afterKey is set between a key and its value (no comma).
	afterKey bool
}

// bufferSize is the writer's buffer: a few network packets.
const bufferSize = 32 << 10

// New writes to w through a buffer; call Flush at the end.
func New(w io.Writer) *Writer { return &Writer{w: bufio.NewWriterSize(w, bufferSize)} }

// Err is the first error met.
func (w *Writer) Err() error { return w.err }

// Flush writes out what is buffered and reports the first error.
func (w *Writer) Flush() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// element writes the separator an element (a value, or a key) needs.
func (w *Writer) element() {
	if w.afterKey {
		w.afterKey = false
		return
	}
	if n := len(w.first); n > 0 {
		if !w.first[n-1] {
			w.raw(",")
		}
		w.first[n-1] = false
	}
}

func (w *Writer) raw(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

// RawValue writes an encoded JSON value as it is.
func (w *Writer) RawValue(b []byte) {
	w.element()
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

// Value writes v as json.Marshal encodes it.
func (w *Writer) Value(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	w.RawValue(b)
}

// BeginObject opens an object; its members are Key then a value each.
func (w *Writer) BeginObject() { w.open("{") }

// EndObject closes the innermost object.
func (w *Writer) EndObject() { w.close("}") }

// BeginArray opens an array.
func (w *Writer) BeginArray() { w.open("[") }

// EndArray closes the innermost array.
func (w *Writer) EndArray() { w.close("]") }

func (w *Writer) open(b string) {
	w.element()
	w.raw(b)
	w.first = append(w.first, true)
}

func (w *Writer) close(b string) {
	w.first = w.first[:len(w.first)-1]
	w.raw(b)
}

// Key writes an object member's name; the member's value comes next.
func (w *Writer) Key(k string) {
	w.element()
	b, _ := json.Marshal(k) // a string always encodes
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
	w.raw(":")
	w.afterKey = true
}

// Streamer writes one JSON value to a Writer.
type Streamer func(w *Writer)

// Of is the Streamer of a value json.Marshal encodes.
func Of(v any) Streamer { return func(w *Writer) { w.Value(v) } }
