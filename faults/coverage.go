package faults

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Coverage counts, per vendor and catalogue row, how many times an error was
// returned by the emulator's own rules and how many times by a fault: which
// documented error paths a test suite has exercised.
type Coverage struct {
	order  []string
	cats   map[string]*apierr.Catalogue
	counts map[*apierr.Def]*counter // every catalogue row, fixed at start: lock-free
	mu     sync.Mutex
	other  map[string]map[*apierr.Def]*counter // rows outside a catalogue (never expected)
}

type counter struct{ byRule, byFault atomic.Int64 }

// NewCoverage counts the rows of these catalogues; vendors lists them in
// report order.
func NewCoverage(vendors []string, cats map[string]*apierr.Catalogue) *Coverage {
	// Sized and allocated at once: built at every start, for ~300 rows.
	n := 0
	for _, cat := range cats {
		n += cat.Len()
	}
	c := &Coverage{order: vendors, cats: cats, counts: make(map[*apierr.Def]*counter, n), other: map[string]map[*apierr.Def]*counter{}}
	all := make([]counter, n)
	for _, cat := range cats {
		for _, d := range cat.All() {
			c.counts[d] = &all[0]
			all = all[1:]
		}
	}
	return c
}

// Observe is a pipeline.Observer: it counts the error a call ended with.
func (c *Coverage) Observe(call *pipeline.Call, err *apierr.Error) {
	if err == nil || err.Def == nil {
		return
	}
	n := c.counts[err.Def]
	if n == nil {
		n = c.twin(call.Vendor, err.Def)
	}
	if n == nil {
		c.mu.Lock()
		m := c.other[call.Vendor]
		if m == nil {
			m = map[*apierr.Def]*counter{}
			c.other[call.Vendor] = m
		}
		if n = m[err.Def]; n == nil {
			n = &counter{}
			m[err.Def] = n
		}
		c.mu.Unlock()
	}
	if err.Fault != "" {
		n.byFault.Add(1)
	} else {
		n.byRule.Add(1)
	}
}

// twin is the counter of the door's row that d is a copy of: two products
// behind one door each declare a row they both answer, and the door's
// catalogue keeps one of them (apierr.Union), so the other copy counts as
// that row.
func (c *Coverage) twin(vendor string, d *apierr.Def) *counter {
	cat := c.cats[vendor]
	if cat == nil {
		return nil
	}
	kept, ok := cat.ByName(d.Name)
	if !ok || kept.Code != d.Code || kept.Status != d.Status || kept.Message != d.Message {
		return nil
	}
	return c.counts[kept]
}

// Reset zeroes every count.
func (c *Coverage) Reset() {
	for _, n := range c.counts {
		n.byRule.Store(0)
		n.byFault.Store(0)
	}
	c.mu.Lock()
	c.other = map[string]map[*apierr.Def]*counter{}
	c.mu.Unlock()
}

// CoverageReport is GET /_mqmock/coverage.
type CoverageReport struct {
	Vendors map[string]VendorCoverage `json:"vendors"`
}

// VendorCoverage lists a vendor's returned rows (with counts) and the rows
// never returned. Documented counts the seed's rows; DocumentedReturned how
// many of them were returned at least once.
type VendorCoverage struct {
	Returned           []CodeCount `json:"returned"`
	Never              []CodeRef   `json:"never"`
	Documented         int         `json:"documented"`
	DocumentedReturned int         `json:"documentedReturned"`
}

// CodeCount is one returned row.
type CodeCount struct {
	Name       string `json:"name"`
	Code       string `json:"code"`
	ByRule     int64  `json:"byRule"`
	ByFault    int64  `json:"byFault"`
	Documented bool   `json:"documented"`
}

// CodeRef is one never-returned row.
type CodeRef struct {
	Name       string `json:"name"`
	Code       string `json:"code"`
	Documented bool   `json:"documented"`
}

// Report builds the report for one vendor ("" = all). It reports false for
// an unknown vendor.
func (c *Coverage) Report(vendor string) (CoverageReport, bool) {
	out := CoverageReport{Vendors: map[string]VendorCoverage{}}
	for _, v := range c.order {
		if vendor != "" && v != vendor {
			continue
		}
		cat := c.cats[v]
		if cat == nil {
			continue
		}
		vc := VendorCoverage{Returned: []CodeCount{}, Never: []CodeRef{}}
		for _, d := range cat.All() {
			n := c.counts[d]
			r, f := n.byRule.Load(), n.byFault.Load()
			if d.Seed {
				vc.Documented++
			}
			if r+f == 0 {
				vc.Never = append(vc.Never, CodeRef{Name: d.Name, Code: d.Code, Documented: d.Seed})
				continue
			}
			if d.Seed {
				vc.DocumentedReturned++
			}
			vc.Returned = append(vc.Returned, CodeCount{Name: d.Name, Code: d.Code, ByRule: r, ByFault: f, Documented: d.Seed})
		}
		c.mu.Lock()
		for d, n := range c.other[v] {
			vc.Returned = append(vc.Returned, CodeCount{Name: d.Name, Code: d.Code, ByRule: n.byRule.Load(), ByFault: n.byFault.Load()})
		}
		c.mu.Unlock()
		out.Vendors[v] = vc
	}
	if vendor != "" && len(out.Vendors) == 0 {
		return out, false
	}
	return out, true
}

// WriteText renders the report as a plain table for CI logs: every row with
// its counts, then one summary line per vendor.
func (r CoverageReport) WriteText(w io.Writer, order []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VENDOR\tNAME\tCODE\tBY RULE\tBY FAULT\tDOCUMENTED")
	var vendors []string
	for _, v := range order {
		if _, ok := r.Vendors[v]; ok {
			vendors = append(vendors, v)
		}
	}
	for _, v := range vendors {
		vc := r.Vendors[v]
		rows := append([]CodeCount(nil), vc.Returned...)
		for _, n := range vc.Never {
			rows = append(rows, CodeCount{Name: n.Name, Code: n.Code, Documented: n.Documented})
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].ByRule+rows[i].ByFault > rows[j].ByRule+rows[j].ByFault })
		for _, c := range rows {
			doc := "extra"
			if c.Documented {
				doc = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", v, c.Name, c.Code, c.ByRule, c.ByFault, doc)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, v := range vendors {
		vc := r.Vendors[v]
		fmt.Fprintf(w, "%s: %d of %d documented codes returned (%d rows never returned)\n", v, vc.DocumentedReturned, vc.Documented, len(vc.Never))
	}
	return nil
}
