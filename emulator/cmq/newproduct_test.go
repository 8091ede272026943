package cmq_test

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

func newProductFromConfig(cfg config.Config) (*cmq.Product, error) {
	reg, err := account.NewRegistry(cfg.AccountList())
	if err != nil {
		return nil, err
	}
	return cmq.New(pipeline.Env{Accounts: reg, Verify: true, Options: cfg.CMQ.Options})
}

// The zero environment works: the product keeps its own clock, no registry
// means no accounts (calls act for no account) and nothing panics.
func TestZeroEnvServes(t *testing.T) {
	p, err := cmq.New(pipeline.Env{})
	require.NoError(t, err)
	t.Cleanup(p.Close)
	srv := httptest.NewServer(pipeline.New(cmq.NewDoor(p).Frontend, pipeline.Hooks{}))
	t.Cleanup(srv.Close)
	c := cmqclient.New(srv.URL, "AKIDnobody", "no-key")
	call(t, c, "CreateQueue", cmqclient.P("queueName", "q"))
	call(t, c, "SendMessage", cmqclient.P("queueName", "q", "msgBody", "m"))
	assert.Equal(t, 1, field[int](t, call(t, c, "ListQueue", nil), "totalCount"))
}
