package emutest

import (
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/config"
)

// Account is one account of the emulator, as the configuration file's
// accounts: entries declare it. Accounts given to WithAccounts replace the
// two built-in ones; the first is Env.Default, the second Env.Other.
type Account struct {
	Name string
	// Tencent signs CMQ and TDMQ calls; Alibaba signs ONS and MQTT calls.
	Tencent       Tencent
	Alibaba       Alibaba
	MQTTInstances []MQTTInstance
	ONSInstances  []ONSInstance
	Flags         Flags
}

// Tencent credentials of an account.
type Tencent struct {
	SecretID  string
	SecretKey string
	AppID     uint64
	Token     string
	Disabled  bool
}

// Alibaba credentials of an account.
type Alibaba struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	UID             string
	Disabled        bool
}

// MQTTInstance is an MQTT instance present at start.
type MQTTInstance struct {
	ID                string
	IndependentNaming bool
	ParentTopics      []string
}

// ONSInstance is an ONS instance present at start.
type ONSInstance struct {
	ID                string
	Name              string
	IndependentNaming bool
}

// Flags are account states no request can produce.
type Flags struct {
	ChargeOverdue      bool
	AssistantAccount   bool
	NoCAMAuthorization bool
}

// WithAccounts replaces the built-in accounts with these.
func WithAccounts(accounts ...Account) Option {
	return func(s *settings) {
		s.cfg.Accounts = make([]config.Account, len(accounts))
		for i, a := range accounts {
			c := config.Account{
				Name: a.Name, Tencent: config.Tencent(a.Tencent), Alibaba: config.Alibaba(a.Alibaba), Flags: config.Flags(a.Flags),
			}
			for _, m := range a.MQTTInstances {
				m.ParentTopics = append([]string(nil), m.ParentTopics...)
				c.MQTTInstances = append(c.MQTTInstances, config.MQTTInstance(m))
			}
			for _, o := range a.ONSInstances {
				c.ONSInstances = append(c.ONSInstances, config.ONSInstance(o))
			}
			s.cfg.Accounts[i] = c
		}
	}
}

// publicAccount is a copy of the emulator's account a in public types.
func publicAccount(a *account.Account) *Account {
	out := &Account{Name: a.Name, Tencent: Tencent(a.Tencent), Alibaba: Alibaba(a.Alibaba), Flags: Flags(a.Flags)}
	for _, m := range a.MQTTInstances {
		m.ParentTopics = append([]string(nil), m.ParentTopics...)
		out.MQTTInstances = append(out.MQTTInstances, MQTTInstance(m))
	}
	for _, o := range a.ONSInstances {
		out.ONSInstances = append(out.ONSInstances, ONSInstance(o))
	}
	return out
}
