package tcapi

import (
	"testing"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// table is an action table whose actions answer their own name.
func table(names ...string) *pipeline.Table {
	rows := make([]pipeline.Action, len(names))
	for i, n := range names {
		rows[i] = pipeline.Action{Name: n, Handle: func(*pipeline.Call) (any, error) { return n, nil }}
	}
	return pipeline.NewTable(pipeline.TableSpec{}, rows...)
}

// TestOneVersionServedBySeveralTables: a version served by two products'
// tables routes each action to the table that has it; an action in neither
// is InvalidAction, an unknown version NoSuchVersion.
func TestOneVersionServedBySeveralTables(t *testing.T) {
	f := New(Config{Services: []Service{
		{Name: "alpha", Version: "2020-01-01", Tables: []*pipeline.Table{table("CreateThing", "DeleteThing"), table("CreateOther")}},
		{Name: "beta", Version: "2021-01-01", Tables: []*pipeline.Table{table("CreateThing")}},
	}})
	for _, c := range []struct{ version, action string }{
		{"2020-01-01", "CreateThing"}, {"2020-01-01", "DeleteThing"}, {"2020-01-01", "CreateOther"}, {"2021-01-01", "CreateThing"},
	} {
		h, err := f.Route(&pipeline.Call{Version: c.version, Action: c.action})
		if err != nil {
			t.Fatalf("%s %s: %v", c.version, c.action, err)
		}
		if got, _ := h(&pipeline.Call{}); got != c.action {
			t.Errorf("%s %s answered by %v", c.version, c.action, got)
		}
	}
	for _, c := range []struct{ version, action, code string }{
		{"2021-01-01", "CreateOther", "InvalidAction"},
		{"2020-01-01", "Nothing", "InvalidAction"},
		{"1999-01-01", "CreateThing", "NoSuchVersion"},
	} {
		_, err := f.Route(&pipeline.Call{Version: c.version, Action: c.action})
		if e, ok := apierr.As(err); !ok || e.Code() != c.code {
			t.Errorf("%s %s: %v, want %s", c.version, c.action, err, c.code)
		}
	}
}

// TestAnActionInTwoTablesOfOneServicePanics: which table would answer it
// would be an accident of order.
func TestAnActionInTwoTablesOfOneServicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("New must refuse an action served by two tables of one service")
		}
	}()
	New(Config{Services: []Service{{Name: "alpha", Version: "2020-01-01", Tables: []*pipeline.Table{table("CreateThing"), table("creatething")}}}})
}
