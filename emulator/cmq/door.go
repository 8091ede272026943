package cmq

import (
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tclegacy"
)

// NewDoor assembles the CMQ front door (the legacy CMQ HTTP API) around the
// CMQ product.
func NewDoor(s *Server) *frontdoor.Door {
	fe := tclegacy.New(tclegacy.Config{
		Door:      "cmq",
		Catalogue: Errors,
		Errors: tclegacy.Errors{
			Internal:          ErrServerInternalError,
			Method:            ErrUnexpectedHTTPMethod,
			Unparsable:        ErrCannotParseRequest,
			NoQuery:           ErrCannotFindParameterInURI,
			Malformed:         ErrInvalidRequestParameters,
			Repeated:          ErrParameterNotRepeatable,
			BadIndex:          ErrParameterKeyFormatError,
			MissingAction:     ErrActionNotExisted,
			UnknownAction:     ErrActionNameNotExisted,
			UnknownParameter:  ErrNoSuchParameter,
			MissingCredential: ErrLackedRequiredParameters,
			KeyFormat:         ErrSecretIDNotAKID,
			UnknownKey:        ErrSecretIDNotExisted,
			DisabledKey:       ErrSecretIDStatusError,
			Unauthenticated:   ErrAuthenticationFailed,
		},
		Actions:    s.actions,
		Parameters: s.params,
		Strict:     s.opts.StrictParameters,
		Arrays:     arrayParams(),
		DeferSize:  sizedByMessages(),
		Accounts:   s.env.Accounts,
		Credential: func(a *account.Account) tclegacy.Credential {
			return tclegacy.Credential{SecretKey: a.Tencent.SecretKey, Token: a.Tencent.Token, Disabled: a.Tencent.Disabled}
		},
		Verify: s.env.Verify,
		Admit:  admit,
		Routed: s.routed,
	})
	return &frontdoor.Door{
		Frontend: fe,
		Tables:   []*pipeline.Table{s.actions},
		Products: []*frontdoor.Product{{Name: "cmq", State: s.State, Reset: s.Reset, Close: s.Close, Value: s}},
		Control:  s.Control,
	}
}
