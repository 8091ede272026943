package apierr

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	queueGone   = &Def{Name: "QueueNotExisted", Code: "4000/10100", Status: 200, Message: "queue is not existed, or deleted", Seed: true, SeedCode: "4440(10100)"}
	lockQueue   = &Def{Name: "QueueRecreateLockout", Code: "6040/10660", Status: 200, Message: "queue lockout", Seed: true}
	lockTopic   = &Def{Name: "TopicRecreateLockout", Code: "6040/10660", Status: 200, Message: "topic lockout", Seed: true}
	lackParam   = &Def{Name: "LackedRequiredParameter", Code: "4000/10390", Status: 200, Message: "lacked of required parameter %s", Seed: true}
	invalidPar  = &Def{Name: "InvalidParameter.%s", Code: "InvalidParameter.%s", Status: 400, Message: "An error occurred while validating the parameter.", Seed: true}
	internalTok = &Def{Name: "InternalError", Code: "InternalError", Status: 500, Message: "boom", Seed: true, Section: "Token"}
	extraRow    = &Def{Name: "TopicAlreadyExisted", Code: "4460/10550", Status: 200, Message: "topic is already existed"}
)

func testCatalogue() *Catalogue {
	return NewCatalogue("test", queueGone, lockQueue, lockTopic, lackParam, invalidPar, internalTok, extraRow)
}

func TestRendering(t *testing.T) {
	assert.Equal(t, "lacked of required parameter queueName", lackParam.New("queueName").Message())
	assert.Equal(t, "4000/10390", lackParam.New("queueName").Code())
	fam := invalidPar.New("ExpireTime")
	assert.Equal(t, "InvalidParameter.ExpireTime", fam.Code())
	assert.Equal(t, "An error occurred while validating the parameter.", fam.Message(), "the family argument fills the code, not the message")
	assert.Equal(t, "boom (detail)", internalTok.New().WithDetail(" (detail)").Message())
	err := fmt.Errorf("wrapped: %w", queueGone.New())
	e, ok := As(err)
	require.True(t, ok)
	assert.Same(t, queueGone, e.Def)
	_, ok = As(fmt.Errorf("plain"))
	assert.False(t, ok)
}

func TestResolve(t *testing.T) {
	c := testCatalogue()
	cases := []struct {
		ref      string
		want     *Def
		args     []string
		errParts []string
	}{
		{ref: "QueueNotExisted", want: queueGone},
		{ref: "4000/10100", want: queueGone},
		{ref: "InternalError", want: internalTok},
		{ref: "InvalidParameter.Payload", want: invalidPar, args: []string{"Payload"}},
		{ref: "6040/10660", errParts: []string{"QueueRecreateLockout", "TopicRecreateLockout"}},
		{ref: "4000/10101", errParts: []string{"no documented error", "4000/10100"}},
	}
	for _, tc := range cases {
		t.Run(tc.ref, func(t *testing.T) {
			d, args, err := c.Resolve(tc.ref)
			if tc.errParts != nil {
				require.Error(t, err)
				for _, p := range tc.errParts {
					assert.Contains(t, err.Error(), p)
				}
				return
			}
			require.NoError(t, err)
			assert.Same(t, tc.want, d)
			assert.Equal(t, tc.args, args)
		})
	}
}

func TestIdenticalRowsResolveAsOne(t *testing.T) {
	twin := &Def{Name: "InternalError (Group ID)", Code: "InternalError", Status: 500, Message: "boom", Seed: true}
	c := NewCatalogue("t", internalTok, twin)
	d, _, err := c.Resolve("InternalError")
	require.NoError(t, err)
	assert.Same(t, internalTok, d)
}

func TestSeedAndExtraLists(t *testing.T) {
	c := testCatalogue()
	assert.Len(t, c.All(), 7)
	assert.Len(t, c.Seed(), 6)
	assert.Equal(t, []*Def{extraRow}, c.Extra())
	assert.Equal(t, "test", c.Vendor())
}

func TestCatalogueRefusesBadRows(t *testing.T) {
	assert.Panics(t, func() { NewCatalogue("t", queueGone, queueGone) })
	assert.Panics(t, func() { NewCatalogue("t", &Def{Name: "x", Code: "y"}) })
}

func TestNearest(t *testing.T) {
	c := testCatalogue()
	assert.Equal(t, "4000/10100", c.Nearest("4000/1010", 1)[0])
	assert.Equal(t, "InternalError", c.Nearest("InternalEror", 1)[0])
}

func TestUnionKeepsSharedRowsOnceAndRefusesConflicts(t *testing.T) {
	common := &Def{Name: "InternalError", Code: "InternalError", Status: 200, Message: "Internal error."}
	sameAgain := &Def{Name: "InternalError", Code: "InternalError", Status: 200, Message: "Internal error."}
	a := NewCatalogue("a", common, &Def{Name: "A", Code: "A", Status: 200, Message: "a"})
	b := NewCatalogue("b", sameAgain, &Def{Name: "B", Code: "B", Status: 200, Message: "b"})
	u := Union("door", a, b)
	var names []string
	for _, d := range u.All() {
		names = append(names, d.Name)
	}
	if strings.Join(names, ",") != "InternalError,A,B" {
		t.Fatalf("union rows = %v", names)
	}
	if u.Vendor() != "door" {
		t.Fatalf("union vendor = %q", u.Vendor())
	}
	conflict := NewCatalogue("c", &Def{Name: "A", Code: "A", Status: 200, Message: "another text"})
	defer func() {
		if recover() == nil {
			t.Fatal("a row named twice with different texts must panic")
		}
	}()
	Union("door", a, conflict)
}

func TestEchoedValuesAreCut(t *testing.T) {
	d := &Def{Name: "Unknown", Code: "X", Status: 200, Message: "no action %s"}
	long := strings.Repeat("é", 1<<20)
	e := d.New(long)
	assert.LessOrEqual(t, len(e.Message()), MaxArg+64)
	assert.True(t, strings.HasSuffix(e.Message(), "…(truncated)"))
	assert.True(t, utf8.ValidString(e.Message()), "cut on a rune boundary")
	e = d.New("short").WithDetail(strings.Repeat("x", 1<<20))
	assert.LessOrEqual(t, len(e.Message()), MaxDetail+64)
	assert.Equal(t, "no action short", d.New("short").Message(), "short values are as sent")
}
