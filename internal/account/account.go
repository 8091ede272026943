// Package account holds the emulator's accounts and finds them by the
// credentials the SDKs sign with. A Registry is immutable once built, so it is
// shared freely between the vendor servers of one emulator.
package account

import "fmt"

// Account is one tenant: its credentials for both clouds, the instances
// configuration declares for it, and flags that put it into states no request
// can (an overdue bill, a collaborator account...).
type Account struct {
	Name    string
	Tencent Tencent
	Alibaba Alibaba
	// MQTTInstances exist from the start: the MQTT API has no instance actions.
	MQTTInstances []MQTTInstance
	// ONSInstances are declared instances without their own namespace, where
	// group and topic names are shared across accounts.
	ONSInstances []ONSInstance
	Flags        Flags
	// Resources exist from the start and come back after every reset.
	Resources Resources
}

// Tencent credentials (CMQ and API 3.0).
type Tencent struct {
	SecretID  string
	SecretKey string
	AppID     uint64
	// Token, when set, is the STS token that must accompany the key.
	Token string
	// Disabled keys are refused with the vendor's "secret id status" error.
	Disabled bool
}

// Alibaba credentials (ONS and MQTT).
type Alibaba struct {
	AccessKeyID     string
	AccessKeySecret string
	// SecurityToken, when set, is the STS token that must accompany the key.
	SecurityToken string
	// UID is the numeric account id that appears in ONS instance ids and as Owner.
	UID      string
	Disabled bool
}

// MQTTInstance is an instance of Alibaba's MQTT service.
type MQTTInstance struct {
	ID                string   `json:"id"`
	IndependentNaming bool     `json:"independentNaming"`
	ParentTopics      []string `json:"parentTopics"`
}

// ONSInstance is a declared ONS instance.
type ONSInstance struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	IndependentNaming bool   `json:"independentNaming"`
}

// Flags put an account into states no request can produce.
type Flags struct {
	ChargeOverdue      bool `json:"chargeOverdue"`      // CMQ 4300/10040
	AssistantAccount   bool `json:"assistantAccount"`   // CMQ 4000/10440
	NoCAMAuthorization bool `json:"noCamAuthorization"` // CMQ 4000/10461, TencentCloud AuthFailure.UnauthorizedOperation
}

// Defaults are the built-in accounts of design.md: "default" and "other", so
// that "belongs to another user" paths work with no configuration.
func Defaults() []Account {
	return []Account{
		{
			Name:          "default",
			Tencent:       Tencent{SecretID: "AKIDmqmock00000000000000000000000001", SecretKey: "mqmock-secret-key", AppID: 1250000001},
			Alibaba:       Alibaba{AccessKeyID: "LTAImqmock0000000000001", AccessKeySecret: "mqmock-secret-key", UID: "1000000000000001"},
			MQTTInstances: []MQTTInstance{{ID: "post-cn-mqmock00001", ParentTopics: []string{"mqmock"}}},
			ONSInstances:  []ONSInstance{{ID: "MQ_INST_1000000000000001_mqmock01", Name: "mqmock-default"}},
		},
		{
			Name:          "other",
			Tencent:       Tencent{SecretID: "AKIDmqmock00000000000000000000000002", SecretKey: "mqmock-other-key", AppID: 1250000002},
			Alibaba:       Alibaba{AccessKeyID: "LTAImqmock0000000000002", AccessKeySecret: "mqmock-other-key", UID: "1000000000000002"},
			MQTTInstances: []MQTTInstance{{ID: "post-cn-mqmock00002", ParentTopics: []string{"mqmock"}}},
			ONSInstances:  []ONSInstance{{ID: "MQ_INST_1000000000000002_mqmock02", Name: "mqmock-other"}},
		},
	}
}

// Registry finds accounts by credential id.
type Registry struct {
	accounts  []*Account
	bySecret  map[string]*Account
	byKeyID   map[string]*Account
	byName    map[string]*Account
	byMQTTIns map[string]*Account
	byONSIns  map[string]*Account
}

// NewRegistry validates and indexes accounts; no two may share a name, a
// credential id or an instance id.
func NewRegistry(accounts []Account) (*Registry, error) {
	r := &Registry{bySecret: map[string]*Account{}, byKeyID: map[string]*Account{}, byName: map[string]*Account{}, byMQTTIns: map[string]*Account{}, byONSIns: map[string]*Account{}}
	for i := range accounts {
		a := accounts[i]
		if a.Name == "" {
			return nil, fmt.Errorf("accounts[%d].name: must not be empty", i)
		}
		if _, dup := r.byName[a.Name]; dup {
			return nil, fmt.Errorf("accounts[%d].name: %q is used twice", i, a.Name)
		}
		if id := a.Tencent.SecretID; id != "" {
			if _, dup := r.bySecret[id]; dup {
				return nil, fmt.Errorf("accounts[%d].tencent.secretId: %q is used twice", i, id)
			}
		}
		if id := a.Alibaba.AccessKeyID; id != "" {
			if _, dup := r.byKeyID[id]; dup {
				return nil, fmt.Errorf("accounts[%d].alibaba.accessKeyId: %q is used twice", i, id)
			}
		}
		for j, m := range a.MQTTInstances {
			if m.ID == "" {
				return nil, fmt.Errorf("accounts[%d].mqttInstances[%d].id: must not be empty", i, j)
			}
			if _, dup := r.byMQTTIns[m.ID]; dup {
				return nil, fmt.Errorf("accounts[%d].mqttInstances[%d].id: %q is used twice", i, j, m.ID)
			}
			r.byMQTTIns[m.ID] = &a
		}
		for j, o := range a.ONSInstances {
			if o.ID == "" {
				return nil, fmt.Errorf("accounts[%d].onsInstances[%d].id: must not be empty", i, j)
			}
			if _, dup := r.byONSIns[o.ID]; dup {
				return nil, fmt.Errorf("accounts[%d].onsInstances[%d].id: %q is used twice", i, j, o.ID)
			}
			r.byONSIns[o.ID] = &a
		}
		p := &a
		r.accounts = append(r.accounts, p)
		r.byName[a.Name] = p
		if a.Tencent.SecretID != "" {
			r.bySecret[a.Tencent.SecretID] = p
		}
		if a.Alibaba.AccessKeyID != "" {
			r.byKeyID[a.Alibaba.AccessKeyID] = p
		}
		for _, m := range a.MQTTInstances {
			r.byMQTTIns[m.ID] = p
		}
		for _, o := range a.ONSInstances {
			r.byONSIns[o.ID] = p
		}
	}
	return r, nil
}

// All lists the accounts in configuration order.
// A nil Registry has no accounts (the zero pipeline.Env).
func (r *Registry) All() []*Account {
	if r == nil {
		return nil
	}
	return append([]*Account(nil), r.accounts...)
}

// ByName finds an account by name.
func (r *Registry) ByName(name string) (*Account, bool) {
	if r == nil {
		return nil, false
	}
	a, ok := r.byName[name]
	return a, ok
}

// BySecretID finds an account by its Tencent SecretId.
func (r *Registry) BySecretID(id string) (*Account, bool) {
	if r == nil {
		return nil, false
	}
	a, ok := r.bySecret[id]
	return a, ok
}

// ByAccessKeyID finds an account by its Alibaba AccessKeyId.
func (r *Registry) ByAccessKeyID(id string) (*Account, bool) {
	if r == nil {
		return nil, false
	}
	a, ok := r.byKeyID[id]
	return a, ok
}

// View is an account as the control API shows it: who it is and which key
// ids sign as it, never a secret (the banner prints those to whoever
// started the emulator).
type View struct {
	Name          string         `json:"name"`
	SecretID      string         `json:"secretId"`
	AppID         uint64         `json:"appId"`
	AccessKeyID   string         `json:"accessKeyId"`
	UID           string         `json:"uid,omitempty"`
	MQTTInstances []MQTTInstance `json:"mqttInstances"`
	ONSInstances  []ONSInstance  `json:"onsInstances"`
	Flags         Flags          `json:"flags"`
}

// View describes the account for the control API; the slices are copies.
func (a *Account) View() View {
	return View{
		Name: a.Name, SecretID: a.Tencent.SecretID, AppID: a.Tencent.AppID, AccessKeyID: a.Alibaba.AccessKeyID, UID: a.Alibaba.UID,
		MQTTInstances: append([]MQTTInstance{}, a.MQTTInstances...), ONSInstances: append([]ONSInstance{}, a.ONSInstances...), Flags: a.Flags,
	}
}
