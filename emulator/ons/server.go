// Package ons emulates Alibaba Cloud's Message Queue for RocketMQ management
// API (product Ons, version 2019-02-14) over the Alibaba RPC protocol.
package ons

import (
	"sort"
	"sync"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is the API version served.
const Version = "2019-02-14"

// Server is the ONS vendor: the shared RPC frontend plus this API's state.
type Server struct {
	*aliyunrpc.Frontend
	env  pipeline.Env
	opts Options

	mu        sync.Mutex
	instances map[string]*instance
}

// instance is an ONS instance.
type instance struct {
	owner             *account.Account
	id, name, remark  string
	independentNaming bool
	createTime        int64 // ms
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("ons", env.Options, &opts); err != nil {
		return nil, err
	}
	s := &Server{env: env, opts: opts}
	s.Frontend = aliyunrpc.New(aliyunrpc.Config{
		Vendor:    "ons",
		Product:   "Ons",
		Version:   Version,
		HostID:    "ons.cn-hangzhou.aliyuncs.com",
		Catalogue: Errors,
		Errors: aliyunrpc.Errors{
			Internal:             ErrOnsSystemError,
			UnknownAction:        ErrInvalidActionNotFound,
			BadVersion:           ErrInvalidVersion,
			MissingParameter:     ErrMissingParameterFamily,
			Malformed:            ErrBizFieldCheckInvalid,
			UnsupportedMethod:    ErrUnsupportedHTTPMethod,
			SignatureMismatch:    ErrSignatureDoesNotMatch,
			IncompleteSignature:  ErrIncompleteSignature,
			TimestampMissing:     ErrIllegalTimestamp,
			TimestampFormat:      ErrInvalidTimeStampFormat,
			TimestampExpired:     ErrInvalidTimeStampExpired,
			NonceUsed:            ErrSignatureNonceUsed,
			KeyNotFound:          ErrInvalidAccessKeyIdNotFound,
			KeyInactive:          ErrInvalidAccessKeyIdInactive,
			BadSignatureMethod:   ErrInvalidSignatureMethod,
			MissingSecurityToken: ErrMissingSecurityToken,
			BadSecurityToken:     ErrInvalidSecurityTokenMismatch,
		},
		Actions:  s.actions(),
		Accounts: env.Accounts,
		Verify:   env.Verify,
	})
	s.Reset()
	return s, nil
}

func (s *Server) actions() *pipeline.Table {
	return pipeline.NewTable(false,
		pipeline.Action{Name: "OnsInstanceInServiceList", Handle: s.instanceInServiceList},
	)
}

// Reset implements pipeline.Vendor: back to the configured instances.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances = map[string]*instance{}
	now := s.env.Clock.Now().UnixMilli()
	for _, a := range s.env.Accounts.All() {
		for _, in := range a.ONSInstances {
			s.instances[in.ID] = &instance{owner: a, id: in.ID, name: in.Name, independentNaming: in.IndependentNaming, createTime: now}
		}
	}
	s.Frontend.ResetNonces()
}

// State implements pipeline.Vendor.
func (s *Server) State() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	type instanceState struct {
		InstanceID        string `json:"instanceId"`
		Name              string `json:"name"`
		Account           string `json:"account"`
		IndependentNaming bool   `json:"independentNaming"`
	}
	out := []instanceState{}
	for _, in := range s.instances {
		out = append(out, instanceState{in.id, in.name, in.owner.Name, in.independentNaming})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceID < out[j].InstanceID })
	return map[string]any{"instances": out}
}

// Options are the keys of the "ons" configuration section besides listen.
type Options struct {
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{} }
