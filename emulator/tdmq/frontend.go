package tdmq

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/sign/tc3"
	"github.com/mqmock/mqmock/internal/wire"
)

// The two API versions served on this port and the service each selects.
// Action names alone are ambiguous (CreateTopic exists in both), so routing
// is by X-TC-Version, never by host or credential scope.
const (
	VersionTDMQ    = "2020-02-17"
	VersionTRocket = "2023-03-08"
)

// Size limits of TencentCloud API 3.0 (doc 1130/46710): a TC3-signed POST up
// to 10 MB, a GET query up to 32 KB.
const (
	maxPostBody = 10 << 20
	maxGetQuery = 32 << 10
)

// signatureWindow is the allowed distance between X-TC-Timestamp and real time.
const signatureWindow = 300 * time.Second

// Vendor implements pipeline.Frontend.
func (s *Server) Vendor() string { return "tdmq" }

// Catalogue implements pipeline.Frontend.
func (s *Server) Catalogue() *apierr.Catalogue { return Errors }

// Internal implements pipeline.Frontend.
func (s *Server) Internal() *apierr.Def { return ErrInternalError }

// NewRequestID makes a lower-case UUID like every Tencent example.
func (s *Server) NewRequestID() string { return uuid.NewString() }

// Decode implements pipeline.Frontend: action, version and region from the
// X-TC-* headers; parameters from the JSON body (POST) or the flattened
// query (GET), into one tree.
func (s *Server) Decode(r *http.Request, call *pipeline.Call) error {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return ErrUnsupportedProtocol.New()
	}
	call.Action = r.Header.Get("X-TC-Action")
	call.Version = r.Header.Get("X-TC-Version")
	call.Region = r.Header.Get("X-TC-Region")
	if r.Method == http.MethodGet {
		if len(r.URL.RawQuery) > maxGetQuery {
			return ErrInvalidParameter.New().WithDetail(" (GET query larger than 32 KB)")
		}
		pairs, err := wire.ParsePairs(r.URL.RawQuery)
		if err != nil {
			return ErrInvalidParameter.New().WithDetail(" (malformed query string)")
		}
		for _, p := range pairs {
			call.Params[p.Key] = p.Value
		}
		call.Tree = wire.Unflatten(call.Params)
	} else {
		body, err := pipeline.ReadBody(r, maxPostBody)
		if errors.Is(err, pipeline.ErrBodyTooLarge) {
			return ErrInvalidParameter.New().WithDetail(" (request body larger than 10 MB)")
		} else if err != nil {
			return ErrInvalidParameter.New()
		}
		call.Body = body
		tree := any(map[string]any{})
		if len(strings.TrimSpace(string(body))) > 0 {
			tree, err = wire.DecodeJSON(body)
			if err != nil {
				return ErrInvalidParameter.New().WithDetail(" (request body is not valid JSON)")
			}
		}
		if _, ok := tree.(map[string]any); !ok {
			return ErrInvalidParameter.New().WithDetail(" (request body must be a JSON object)")
		}
		call.Tree = tree
		call.Params = wire.Flatten(tree)
	}
	// The pipeline pre-sets Service to the vendor name ("tdmq"), so an unknown
	// version must clear it or it would be served by the 4.x table.
	switch call.Version {
	case VersionTDMQ:
		call.Service = "tdmq"
	case VersionTRocket:
		call.Service = "trocket"
	default:
		call.Service = ""
	}
	if call.Action == "" {
		return ErrMissingParameter.New().WithDetail(" (X-TC-Action)")
	}
	if call.Version == "" {
		return ErrMissingParameter.New().WithDetail(" (X-TC-Version)")
	}
	return nil
}

// Verify implements pipeline.Frontend in the order of tencentcloud-api3.md
// §6: Authorization parsed → SecretId known → timestamp fresh → signature →
// token.
func (s *Server) Verify(r *http.Request, call *pipeline.Call) error {
	authz := r.Header.Get("Authorization")
	auth, perr := tc3.ParseAuthorization(authz)
	call.CredentialID = auth.SecretID
	if !s.env.Verify {
		if a, ok := s.accountBySecretID(auth.SecretID); ok {
			call.Account = a
		} else if s.env.Accounts != nil {
			if all := s.env.Accounts.All(); len(all) > 0 {
				call.Account = all[0]
			}
		}
		return nil
	}
	if perr != nil {
		return ErrAuthFailureSignatureFailure.New()
	}
	if !strings.HasPrefix(auth.SecretID, "AKID") {
		return ErrAuthFailureInvalidSecretId.New()
	}
	acct, ok := s.accountBySecretID(auth.SecretID)
	if !ok || acct.Tencent.Disabled {
		return ErrAuthFailureSecretIdNotFound.New()
	}
	ts, err := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
	if err != nil {
		return ErrAuthFailureSignatureFailure.New()
	}
	if d := s.now().Sub(time.Unix(ts, 0)); d > signatureWindow || d < -signatureWindow {
		return ErrAuthFailureSignatureExpire.New()
	}
	ok = tc3.Verify(acct.Tencent.SecretKey, auth, tc3.RequestView{
		Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Host: r.Host,
		Header: r.Header.Get, Body: call.Body, Timestamp: ts,
	})
	if !ok {
		return ErrAuthFailureSignatureFailure.New()
	}
	if want := acct.Tencent.Token; want != "" || r.Header.Get("X-TC-Token") != "" {
		if r.Header.Get("X-TC-Token") != want {
			return ErrAuthFailureTokenFailure.New()
		}
	}
	if acct.Flags.NoCAMAuthorization {
		return ErrAuthFailureUnauthorizedOperation.New()
	}
	call.Account = acct
	return nil
}

// accountBySecretID tolerates the zero Env (no account registry).
func (s *Server) accountBySecretID(id string) (*account.Account, bool) {
	if s.env.Accounts == nil {
		return nil, false
	}
	return s.env.Accounts.BySecretID(id)
}

// Route implements pipeline.Frontend.
func (s *Server) Route(call *pipeline.Call) (pipeline.Handler, error) {
	var t *pipeline.Table
	switch call.Version {
	case VersionTDMQ:
		t = s.tdmqActions
	case VersionTRocket:
		t = s.trocketActions
	default:
		return nil, ErrNoSuchVersion.New()
	}
	h, ok := t.Lookup(call.Action)
	if !ok {
		return nil, ErrInvalidAction.New()
	}
	if rs := s.opts.Regions; len(rs) > 0 && !oneOf5(call.Region, rs...) {
		return nil, ErrUnsupportedRegion.New().WithDetail(" (" + call.Region + ")")
	}
	return h, nil
}

// Write implements pipeline.Frontend: HTTP 200 always (older Go SDKs and the
// Node SDK lose the error code on any other status), RequestId last inside
// Response, never an empty error code.
func (s *Server) Write(w http.ResponseWriter, call *pipeline.Call, result any, aerr *apierr.Error) {
	w.Header().Set("Content-Type", "application/json")
	var fields []byte
	if aerr == nil {
		var err error
		if fields, err = pipeline.ObjectBody(result); err != nil {
			aerr = ErrInternalError.New()
		}
	}
	if aerr != nil {
		e, _ := json.Marshal(struct {
			Code    string `json:"Code"`
			Message string `json:"Message"`
		}{aerr.Code(), s.message(call, aerr)})
		fields = append([]byte(`"Error":`), e...)
	}
	out := make([]byte, 0, len(fields)+80)
	out = append(out, `{"Response":{`...)
	if len(fields) > 0 {
		out = append(out, fields...)
		out = append(out, ',')
	}
	rid, _ := json.Marshal(call.RequestID)
	out = append(out, `"RequestId":`...)
	out = append(out, rid...)
	out = append(out, `}}`...)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// bind decodes the call's parameters into an action's request struct,
// answering the common codes for a missing or mistyped parameter. strict
// refuses parameters the action does not define (UnknownParameter).
func bind(call *pipeline.Call, dst any) error {
	err := wire.Bind(call.Tree, dst, true)
	var be *wire.BindError
	if errors.As(err, &be) {
		switch be.Kind {
		case wire.Missing:
			return ErrMissingParameter.New().WithDetail(" (" + be.Param + ")")
		case wire.Unknown:
			return ErrUnknownParameter.New().WithDetail(" (" + be.Param + ")")
		default:
			return ErrInvalidParameter.New().WithDetail(" (" + be.Param + ")")
		}
	}
	return err
}

// message is the error's message in the language the request asks for:
// English (the catalogue's) unless tdmq.honorLanguage is on and the client
// sent X-TC-Language: zh-CN, as the Go SDK does by default, and a Chinese
// text is known for the code. The detail mqmock appends stays English.
func (s *Server) message(call *pipeline.Call, aerr *apierr.Error) string {
	if s.opts.HonorLanguage && call.Header != nil && strings.EqualFold(call.Header.Get("X-TC-Language"), "zh-CN") {
		if zh, ok := zhMessages[aerr.Code()]; ok {
			return zh + aerr.Detail
		}
	}
	return aerr.Message()
}

// zhMessages are the Chinese texts the sources give: the common codes from
// Tencent's common error table (tencentcloud-api3.md §10; SecretIdNotFound
// only as far as the spec quotes it) and the trocket codes from the SDK's
// errors.go (tdmq.md §7.1). Read-only.
var zhMessages = map[string]string{
	"AuthFailure.InvalidSecretId":       "密钥非法（不是云 API 密钥类型）。",
	"AuthFailure.MFAFailure":            "MFA 错误。",
	"AuthFailure.SecretIdNotFound":      "密钥不存在。",
	"AuthFailure.SignatureExpire":       "签名过期。Timestamp 和服务器时间相差不得超过五分钟，请检查本地时间是否和标准时间同步。",
	"AuthFailure.SignatureFailure":      "签名错误。 签名计算错误，请对照调用方式中的接口鉴权文档检查签名计算过程。",
	"AuthFailure.TokenFailure":          "token 错误。",
	"AuthFailure.UnauthorizedOperation": "请求未授权。请参考 CAM 文档对鉴权的说明。",
	"DryRunOperation":                   "DryRun 操作，代表请求将会是成功的，只是多传了 DryRun 参数。",
	"FailedOperation":                   "操作失败。",
	"InternalError":                     "内部错误。",
	"InvalidAction":                     "接口不存在。",
	"InvalidParameter":                  "参数错误。",
	"InvalidParameterValue":             "参数取值错误。",
	"LimitExceeded":                     "超过配额限制。",
	"MissingParameter":                  "缺少参数错误。",
	"NoSuchVersion":                     "接口版本不存在。",
	"RequestLimitExceeded":              "请求的次数超过了频率限制。",
	"ResourceInUse":                     "资源被占用。",
	"ResourceInsufficient":              "资源不足。",
	"ResourceNotFound":                  "资源不存在。",
	"ResourceUnavailable":               "资源不可用。",
	"UnauthorizedOperation":             "未授权操作。",
	"UnknownParameter":                  "未知参数错误。",
	"UnsupportedOperation":              "操作不支持。",
	"UnsupportedProtocol":               "HTTP(S)请求协议错误，只支持 GET 和 POST 请求。",
	"UnsupportedRegion":                 "接口不支持所传地域。",

	"FailedOperation.InstanceNotReady":               "实例未就绪，请稍后重试。",
	"LimitExceeded.TopicNum":                         "已达到主题数上限。",
	"OperationDenied":                                "操作被拒绝。",
	"ResourceNotFound.Endpoint":                      "接入点不存在。",
	"ResourceNotFound.Group":                         "消费组不存在，请检查后重试。",
	"ResourceNotFound.Instance":                      "实例不存在。",
	"ResourceNotFound.Message":                       "消息不存在。",
	"ResourceNotFound.MigrationTask":                 "迁移任务不存在，请检查后重试。",
	"ResourceNotFound.Role":                          "角色不存在，请检查后重试。",
	"ResourceNotFound.Topic":                         "主题不存在，请检查后重试。",
	"UnsupportedOperation.InstanceTopicNumDowngrade": "实例Topic数量不能调整到已使用额度以下。",
	"UnsupportedOperation.ResourceAlreadyExists":     "资源已存在，请检查后重试。",
	"UnsupportedOperation.UnsupportedConsumerType":   "当前消费者类型不支持此操作。",
}
