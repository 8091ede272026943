package trocket

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingOthers is an OtherInstances over a list in (creation
// millisecond, id) order that counts what DescribeFusionInstanceList reads
// of it: the keys Scan visits and the instances Render renders.
type countingOthers struct {
	list              []OtherInstance
	visited, rendered int
}

func (c *countingOthers) Scan(_, _ string, _ time.Time, visit func(OtherKey) bool) int {
	for _, o := range c.list {
		c.visited++
		if !visit(OtherKey{ID: o.ID, Name: o.Name, Version: o.Version, Type: o.Type, Status: o.Status, Created: o.Created,
			Tags: func() []Tag { return o.Tags }, Ref: o}) {
			break
		}
	}
	return len(c.list)
}

func (c *countingOthers) Render(keys []OtherKey, _ time.Time) []OtherInstance {
	c.rendered += len(keys)
	out := make([]OtherInstance, 0, len(keys))
	for _, k := range keys {
		out = append(out, k.Ref.(OtherInstance))
	}
	return out
}

// TestFusionReadsOnlyThePage: DescribeFusionInstanceList merges another
// product's instances with this one's by (creation millisecond, id),
// equal milliseconds included, and with no filter reads no more of the
// other product than the page's end and renders only the rows on the page:
// the list costs no more because other instances exist. A filter reads
// every row and still renders only the page.
func TestFusionReadsOnlyThePage(t *testing.T) {
	s := newStore(Options{})
	t0 := time.UnixMilli(1_700_000_000_000)
	o := op{owner: "acct", region: "ap-guangzhou", now: t0.Add(time.Hour)}
	var want []fusionRow
	// 40 instances of each, one of each generation per millisecond, the
	// last 10 of each all in one; and another account's beside them.
	others := &countingOthers{}
	for i := range 40 {
		at := t0.Add(time.Duration(min(i, 30)) * time.Millisecond)
		id, err := s.createInstance(op{owner: o.owner, region: o.region, now: at},
			instanceSpec{typ: "BASIC", name: fmt.Sprintf("five-%02d", i), skuCode: "basic_1k", vpcs: []vpc{{VpcId: "vpc-1", SubnetId: "subnet-1"}}})
		require.NoError(t, err)
		want = append(want, fusionRow{id, at, "5"})
		other := OtherInstance{ID: fmt.Sprintf("rmq-%02dfour", i), Name: fmt.Sprintf("four-%02d", i), Version: "4", Type: "VIRTUAL", Status: "RUNNING", Created: at}
		others.list = append(others.list, other)
		want = append(want, fusionRow{other.ID, at, "4"})
	}
	_, err := s.createInstance(op{owner: "someone-else", region: o.region, now: t0},
		instanceSpec{typ: "BASIC", name: "elsewhere", skuCode: "basic_1k", vpcs: []vpc{{VpcId: "vpc-1", SubnetId: "subnet-1"}}})
	require.NoError(t, err)
	slices.SortFunc(want, func(a, b fusionRow) int {
		if c := cmp.Compare(a.created.UnixMilli(), b.created.UnixMilli()); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	for _, tc := range []struct {
		name          string
		q             listQuery
		version       string // "" for both
		visitedAtMost int
	}{
		{"first page", listQuery{offset: ptr[int64](0), limit: ptr[int64](10)}, "", 10},
		{"a page in the middle", listQuery{offset: ptr[int64](20), limit: ptr[int64](10)}, "", 30},
		{"the page of the equal milliseconds", listQuery{offset: ptr[int64](60), limit: ptr[int64](20)}, "", 80},
		{"past the end", listQuery{offset: ptr[int64](100), limit: ptr[int64](10)}, "", 40},
		{"no rows", listQuery{offset: ptr[int64](0), limit: ptr[int64](0)}, "", 1},
		{"filtered", listQuery{offset: ptr[int64](5), limit: ptr[int64](10), filters: []*filter{{Name: ptr("Version"), Values: []*string{ptr("4")}}}}, "4", 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			others.visited, others.rendered = 0, 0
			var selected []fusionRow
			for _, r := range want {
				if tc.version == "" || r.version == tc.version {
					selected = append(selected, r)
				}
			}
			off, lim := int(*tc.q.offset), int(*tc.q.limit)
			page := selected[min(off, len(selected)):min(off+lim, len(selected))]
			total, items, err := s.describeFusionInstanceList(o, tc.q, others)
			require.NoError(t, err)
			assert.Equal(t, int64(len(selected)), total)
			var got, wantIDs []string
			var gotCreated, wantCreated []int64
			fours := 0
			for _, it := range items {
				got = append(got, it.InstanceId)
				gotCreated = append(gotCreated, it.CreateTime)
			}
			for _, r := range page {
				wantIDs = append(wantIDs, r.id)
				wantCreated = append(wantCreated, ms(r.created))
				if r.version == "4" {
					fours++
				}
			}
			assert.Equal(t, wantIDs, got)
			assert.Equal(t, wantCreated, gotCreated)
			assert.LessOrEqual(t, others.visited, tc.visitedAtMost, "keys read")
			assert.Equal(t, fours, others.rendered, "only the page's rows are rendered")
		})
	}
}

// fusionRow is an instance the fusion list should list.
type fusionRow struct {
	id      string
	created time.Time
	version string
}
