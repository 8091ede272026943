package cmq_test

import (
	"github.com/mqmock/mqmock/emulator/cmq"
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
