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
// milliseconds at least 60 s after now (the virtual clock) and silently
// capped at 30 days; Resources are up to 100 topics, wildcards allowed;
// Actions R, W or R,W.
func (s *Server) applyToken(call *pipeline.Call) (any, error) {
	if err := tokenFamily.required(call, "ExpireTime", "Resources", "InstanceId", "Actions"); err != nil {
		return nil, err
	}
	now := call.Received
	ms, err := strconv.ParseInt(call.Param("ExpireTime"), 10, 64)
	if err != nil {
		return nil, tokenFamily.invalid("ExpireTime")
	}
	expires := time.UnixMilli(ms)
	if expires.Before(now.Add(minTokenValidity * time.Second)) {
		return nil, tokenFamily.invalid("ExpireTime")
	}
	if limit := now.Add(maxTokenDays * 24 * time.Hour); expires.After(limit) {
		expires = limit
	}
	resources, ok := parseResources(call.Param("Resources"))
	if !ok {
		return nil, tokenFamily.invalid("Resources")
	}
	actions, ok := parseActions(call.Param("Actions"))
	if !ok {
		return nil, tokenFamily.invalid("Actions")
	}
	tok, err := s.store.applyToken(call.Account, call.Param("InstanceId"), resources, actions, expires, now)
	if err != nil {
		return nil, err
	}
	return applyTokenResult{Token: tok}, nil
}

type queryTokenResult struct {
	TokenStatus bool `json:"TokenStatus"`
}

func (s *Server) queryToken(call *pipeline.Call) (any, error) {
	if err := tokenFamily.required(call, "Token", "InstanceId"); err != nil {
		return nil, err
	}
	ok, err := s.store.tokenValid(call.Account, call.Param("InstanceId"), call.Param("Token"), call.Received)
	if err != nil {
		return nil, err
	}
	return queryTokenResult{TokenStatus: ok}, nil
}

// empty is an answer with nothing but the RequestId.
type empty struct{}

func (s *Server) revokeToken(call *pipeline.Call) (any, error) {
	if err := tokenFamily.required(call, "Token", "InstanceId"); err != nil {
		return nil, err
	}
	if err := s.store.revokeToken(call.Account, call.Param("InstanceId"), call.Param("Token")); err != nil {
		return nil, err
	}
	return empty{}, nil
}
