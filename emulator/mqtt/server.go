// Package mqtt emulates Alibaba Cloud's Message Queue for MQTT management API
// (product OnsMqtt, version 2020-04-20) over the Alibaba RPC protocol.
package mqtt

import (
	"sort"
	"sync"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is the API version served.
const Version = "2020-04-20"

// Server is the MQTT vendor: the shared RPC frontend plus this API's state.
type Server struct {
	*aliyunrpc.Frontend
	env  pipeline.Env
	opts Options

	mu        sync.Mutex
	instances map[string]*instance // by instance id
}

// instance is an MQTT instance and what lives in it.
type instance struct {
	owner *account.Account
	conf  account.MQTTInstance
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("mqtt", env.Options, &opts); err != nil {
		return nil, err
	}
	s := &Server{env: env, opts: opts}
	s.Frontend = aliyunrpc.New(aliyunrpc.Config{
		Vendor:    "mqtt",
		Product:   "OnsMqtt",
		Version:   Version,
		HostID:    "onsmqtt.cn-hangzhou.aliyuncs.com",
		Catalogue: Errors,
		Errors: aliyunrpc.Errors{
			Internal:             ErrInternalError,
			UnknownAction:        ErrApiNotSupport,
			BadVersion:           ErrInvalidVersion,
			MissingParameter:     ErrMissingParameterFamily,
			Malformed:            ErrParameterCheckFailed,
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
			// The seed's own code for a token that does not check out.
			BadSecurityToken: ErrCheckAccountInfoFailed,
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
		pipeline.Action{Name: "ListGroupId", Handle: s.listGroupID},
	)
}

// Reset implements pipeline.Vendor: back to the configured instances.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances = map[string]*instance{}
	for _, a := range s.env.Accounts.All() {
		for _, m := range a.MQTTInstances {
			s.instances[m.ID] = &instance{owner: a, conf: m}
		}
	}
	s.Frontend.ResetNonces()
}

// State implements pipeline.Vendor.
func (s *Server) State() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	type instanceState struct {
		InstanceID        string   `json:"instanceId"`
		Account           string   `json:"account"`
		IndependentNaming bool     `json:"independentNaming"`
		ParentTopics      []string `json:"parentTopics"`
	}
	out := []instanceState{}
	for id, in := range s.instances {
		out = append(out, instanceState{id, in.owner.Name, in.conf.IndependentNaming, append([]string{}, in.conf.ParentTopics...)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceID < out[j].InstanceID })
	return map[string]any{"instances": out}
}

// instanceOf finds the caller's instance: unknown → InstanceNotFound, another
// account's → InstancePermissionCheckFailed. Callers hold s.mu.
func (s *Server) instanceOf(call *pipeline.Call, missing func() error) (*instance, error) {
	id := call.Param("InstanceId")
	if id == "" {
		return nil, missing()
	}
	in, ok := s.instances[id]
	if !ok {
		return nil, ErrInstanceNotFound.New()
	}
	if in.owner != call.Account {
		return nil, ErrInstancePermissionCheckFailed.New()
	}
	return in, nil
}

// Options are the keys of the "mqtt" configuration section besides listen.
type Options struct {
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{} }
