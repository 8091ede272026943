// Package frontdoor is the contract between the emulator and what serves a
// port. A front door is a port with its protocol (a pipeline.Frontend); a
// product is state, rules and action handlers. A door serves one or more
// products' action tables, and a product may sit behind more than one door,
// so a product is built once and handed to every door that serves it.
//
// The emulator asks of a door only what these types say: no optional
// interfaces found by type assertion.
package frontdoor

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/jsonstream"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Door is one front door as its package assembles it.
type Door struct {
	// Frontend is the protocol: decoder, verifier, router, envelope writer.
	// Its Vendor() is the door's name (a scenario's `vendor:`).
	Frontend pipeline.Frontend
	// Services are the APIs served on the port when there are several (a
	// scenario rule's `service:` must name one); empty for one.
	Services []string
	// Tables are the action tables the door routes to, one per API.
	Tables []*pipeline.Table
	// Products are the products behind the door, in the order the state
	// view lists them.
	Products []*Product
	// Control mounts the door's own control endpoints under
	// /_mqmock/<door>/; nil when it has none.
	Control func(g *gin.RouterGroup)
	// Claims reports whether a request speaks this door's protocol and API
	// (from its headers, query and body): one sent to another port is then
	// answered by this door's frontend with WrongPort, naming this door's
	// port, so the client's SDK raises it.
	Claims    func(r *http.Request, body []byte) bool
	WrongPort *apierr.Def
}

// Product is what the emulator can ask of a product: its state for the
// control API, a reset, a snapshot to save and load, and an end to calls it
// holds open.
type Product struct {
	// Name keys the product in its door's state view.
	Name  string
	State func() any
	// WriteState, when set, streams the document State returns, for a
	// product whose state can be large; nil: State's value is encoded.
	WriteState func(w *jsonstream.Writer)
	// Reset empties what was created through the API; configured accounts,
	// instances and resources stay.
	Reset func()
	// Save exports the product's whole state (resources, messages and the
	// timers that matter) as its own versioned snapshot document; nil when
	// the product keeps no state worth saving.
	Save func() (json.RawMessage, error)
	// Load checks a document Save wrote, in full, and builds the state it
	// holds without touching the current one; install then replaces the
	// product's state at once. Two steps, so that a snapshot of several
	// products is checked everywhere before anything is replaced: a bad
	// part changes nothing. Set together with Save.
	Load func(json.RawMessage) (install func(), err error)
	// Close ends calls the product holds open (long polls) so a graceful
	// shutdown does not wait for them; nil when it holds none.
	Close func()
	// Value is the product itself, for the product's own tests (reached
	// through the emulator they started); nothing else looks inside it.
	Value any
}

// Actions lists every action the door serves, sorted, once each.
func (d *Door) Actions() []string {
	var out []string
	for _, t := range d.Tables {
		out = append(out, t.Names()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Throttling is the row a `throttle:` fault answers with on this door and
// the actions whose row is their own, from the tables' rows: the same
// definitions the products' own rate limits answer with.
func (d *Door) Throttling() (*apierr.Def, map[string]*apierr.Def) {
	var def *apierr.Def
	own := map[string]*apierr.Def{}
	for _, t := range d.Tables {
		td, to := t.Throttling()
		if def == nil {
			def = td
		}
		maps.Copy(own, to)
	}
	return def, own
}

// State is the door's state view: its product's state, or with several
// products one member per product name.
func (d *Door) State() any {
	if len(d.Products) == 1 {
		return d.Products[0].State()
	}
	out := make(map[string]any, len(d.Products))
	for _, p := range d.Products {
		out[p.Name] = p.State()
	}
	return out
}

// WriteState streams the document State returns: products whose state
// can be large write it piece by piece, the others' values are encoded.
// With several products their members come in name order, as encoding the
// map State returns orders them.
func (d *Door) WriteState(w *jsonstream.Writer) {
	if len(d.Products) == 1 {
		d.Products[0].writeState(w)
		return
	}
	byName := slices.SortedFunc(slices.Values(d.Products), func(a, b *Product) int { return strings.Compare(a.Name, b.Name) })
	w.BeginObject()
	for _, p := range byName {
		w.Key(p.Name)
		p.writeState(w)
	}
	w.EndObject()
}

func (p *Product) writeState(w *jsonstream.Writer) {
	if p.WriteState != nil {
		p.WriteState(w)
		return
	}
	w.Value(p.State())
}

// Reset resets every product behind the door.
func (d *Door) Reset() {
	for _, p := range d.Products {
		p.Reset()
	}
}

// Close ends what the door's products hold open.
func (d *Door) Close() {
	for _, p := range d.Products {
		if p.Close != nil {
			p.Close()
		}
	}
}
