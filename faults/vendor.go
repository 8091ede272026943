package faults

import "github.com/mqmock/mqmock/internal/apierr"

// Vendor is what the engine needs to know about one vendor to validate and
// carry out its rules. The emulator builds one per vendor; the engine itself
// names none.
type Vendor struct {
	// Name is the vendor as scenarios write it ("vendor:").
	Name string
	// Catalogue resolves `error:` codes and names.
	Catalogue *apierr.Catalogue
	// Services are the values a rule's `service:` may take; empty means the
	// vendor has no sub-services and `service:` is refused.
	Services []string
	// Throttle is the catalogue row a throttle effect answers with (the row
	// the vendor's own rate limits answer with); ThrottleByAction overrides
	// it for actions with their own documented flow-control code. Both are
	// rows of Catalogue.
	Throttle         *apierr.Def
	ThrottleByAction map[string]*apierr.Def
	// Actions, when set, are the actions the vendor serves: a rule naming
	// another action fails to load with the nearest valid ones. Nil skips
	// the check (any action name is accepted).
	Actions []string
}
