package mqtt

import (
	"strconv"
	"time"

	"github.com/mqmock/mqmock/internal/pipeline"
)

type applyTokenResult struct {
	Token string `json:"Token"`
}

// applyToken (ApplyToken doc, document_detail/54276): ExpireTime is epoch
// milliseconds; Resources a comma-separated list of topics; Actions R, W or
// R,W. The store checks their values.
func (p *Product) applyToken(call *pipeline.Call) (any, error) {
	if err := required(call, "ExpireTime", "Resources", "InstanceId", "Actions"); err != nil {
		return nil, err
	}
	ms, err := strconv.ParseInt(call.Param("ExpireTime"), 10, 64)
	if err != nil {
		return nil, invalidParameter("ExpireTime")
	}
	tok, err := p.store.applyToken(call.Account, call.Param("InstanceId"), call.Param("Resources"), call.Param("Actions"), time.UnixMilli(ms), call.Received)
	if err != nil {
		return nil, err
	}
	return applyTokenResult{Token: tok}, nil
}

type queryTokenResult struct {
	TokenStatus bool `json:"TokenStatus"`
}

func (p *Product) queryToken(call *pipeline.Call) (any, error) {
	if err := required(call, "Token", "InstanceId"); err != nil {
		return nil, err
	}
	ok, err := p.store.tokenValid(call.Account, call.Param("InstanceId"), call.Param("Token"), call.Received)
	if err != nil {
		return nil, err
	}
	return queryTokenResult{TokenStatus: ok}, nil
}

func (p *Product) revokeToken(call *pipeline.Call) (any, error) {
	if err := required(call, "Token", "InstanceId"); err != nil {
		return nil, err
	}
	if err := p.store.revokeToken(call.Account, call.Param("InstanceId"), call.Param("Token")); err != nil {
		return nil, err
	}
	return empty{}, nil
}
