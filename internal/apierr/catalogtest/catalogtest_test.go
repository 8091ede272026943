package catalogtest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/apierr"
)

// recorder is a testing.TB that keeps failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}

const src = `package v

var (
	ErrAlpha = &apierr.Def{Name: "Alpha", Code: "A", Status: 400, Message: "a"}
	ErrWrong = &apierr.Def{Name: "Beta", Code: "B", Status: 400, Message: "b"}
	notADef  = 3
)
`

func TestVarsCatalogued(t *testing.T) {
	file := filepath.Join(t.TempDir(), "errors.go")
	require.NoError(t, os.WriteFile(file, []byte(src), 0o600))
	assert.Equal(t, map[string]string{"ErrAlpha": "Alpha", "ErrWrong": "Beta"}, DefVars(t, file))

	alpha := &apierr.Def{Name: "Alpha", Code: "A", Status: 400, Message: "a"}
	beta := &apierr.Def{Name: "Beta", Code: "B", Status: 400, Message: "b"}
	gamma := &apierr.Def{Name: "Gamma", Code: "G", Status: 400, Message: "g"}
	rule := func(name string) string { return "Err" + name }

	r := &recorder{TB: t}
	VarsCatalogued(r, apierr.NewCatalogue("v", alpha, beta), rule, file)
	assert.Equal(t, []string{`var ErrWrong holds "Beta"; want ErrBeta`}, r.errs, "a var breaking the naming rule")

	r = &recorder{TB: t}
	VarsCatalogued(r, apierr.NewCatalogue("v", alpha), func(n string) string { return map[string]string{"Alpha": "ErrAlpha", "Beta": "ErrWrong"}[n] }, file)
	assert.Contains(t, r.errs, `var ErrWrong ("Beta") is not in the catalogue`)

	r = &recorder{TB: t}
	VarsCatalogued(r, apierr.NewCatalogue("v", alpha, beta, gamma), func(n string) string { return map[string]string{"Alpha": "ErrAlpha", "Beta": "ErrWrong"}[n] }, file)
	assert.Equal(t, []string{"2 Def vars, 3 catalogue rows"}, r.errs, "a catalogue row no file declares")
}

func TestCheckShape(t *testing.T) {
	good := &apierr.Def{Name: "Ok.Code", Code: "Ok.Code", Status: 400, Message: "fine"}
	shape := Shape{Vendor: "v", Code: regexp.MustCompile(`^[A-Z][a-z]+\.[A-Z][a-z]+$`), NameIsCode: true, Status: func(s int) bool { return s >= 400 }}
	r := &recorder{TB: t}
	CheckShape(r, apierr.NewCatalogue("v", good), shape)
	assert.Empty(t, r.errs)

	for name, d := range map[string]*apierr.Def{
		"code form":     {Name: "bad", Code: "bad", Status: 400, Message: "m"},
		"name not code": {Name: "Other", Code: "Ok.Code", Status: 400, Message: "m"},
		"padded":        {Name: "Ok.Code", Code: "Ok.Code", Status: 400, Message: " m"},
		"status":        {Name: "Ok.Code", Code: "Ok.Code", Status: 200, Message: "m"},
	} {
		r := &recorder{TB: t}
		CheckShape(r, apierr.NewCatalogue("v", d), shape)
		assert.Len(t, r.errs, 1, name)
	}
	r = &recorder{TB: t}
	CheckShape(r, apierr.NewCatalogue("w", good), shape)
	assert.Equal(t, []string{`catalogue vendor "w", want "v"`}, r.errs)
}
