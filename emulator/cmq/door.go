package cmq

import (
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tclegacy"
)

// NewDoor assembles the CMQ front door (the legacy CMQ HTTP API) around the
// CMQ product.
func NewDoor(p *Product) *frontdoor.Door {
	fe := tclegacy.New(tclegacy.Config{
		Door:      "cmq",
		Catalogue: apierr.Union("cmq", catalogue, tclegacy.Rows()),
		Errors: tclegacy.Errors{
			Internal:          errServerInternalError,
			Method:            errUnexpectedHTTPMethod,
			Unparsable:        errCannotParseRequest,
			NoQuery:           errCannotFindParameterInURI,
			Malformed:         errInvalidRequestParameters,
			Repeated:          errParameterNotRepeatable,
			BadIndex:          errParameterKeyFormatError,
			MissingAction:     errActionNotExisted,
			UnknownAction:     errActionNameNotExisted,
			UnknownParameter:  errNoSuchParameter,
			MissingCredential: errLackedRequiredParameters,
			KeyFormat:         errSecretIDNotAKID,
			UnknownKey:        errSecretIDNotExisted,
			DisabledKey:       errSecretIDStatusError,
			Unauthenticated:   errAuthenticationFailed,
		},
		Actions:    p.table,
		Parameters: p.params,
		Strict:     p.opts.StrictParameters,
		Arrays:     arrayParams(),
		DeferSize:  sizedByMessages(),
		Accounts:   p.env.Accounts,
		Credential: func(a *account.Account) tclegacy.Credential {
			return tclegacy.Credential{SecretKey: a.Tencent.SecretKey, Token: a.Tencent.Token, Disabled: a.Tencent.Disabled}
		},
		Verify: p.env.Verify,
		Admit:  admit,
		Routed: p.routed,
	})
	return &frontdoor.Door{
		Frontend: fe,
		Tables:   []*pipeline.Table{p.table},
		Products: []*frontdoor.Product{{Name: "cmq", State: p.State, WriteState: p.WriteState, Reset: p.Reset, Save: p.Save, Load: p.Load, Close: p.Close, Value: p}},
		Control:  p.Control,
		// A legacy-API client at another port is told this one's address.
		Claims:    tclegacy.Claims,
		WrongPort: tclegacy.WrongPort(),
	}
}
