package mqtt

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/wire"
)

// Device credentials, sessions and SendMessage: the Token family's
// parameter codes (mqtt.md §3).

type credentialResult struct {
	DeviceCredential credentialView `json:"DeviceCredential"`
}

// clientParams checks ClientId and InstanceId.
func clientParams(call *pipeline.Call) (instanceID, clientID string, err error) {
	if err := tokenFamily.required(call, "ClientId", "InstanceId"); err != nil {
		return "", "", err
	}
	clientID = call.Param("ClientId")
	if !validClientID(clientID) {
		return "", "", tokenFamily.invalid("ClientId")
	}
	return call.Param("InstanceId"), clientID, nil
}

func (s *Server) registerDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	c, err := s.store.registerCredential(call.Account, in, cl, call.Received)
	if err != nil {
		return nil, err
	}
	return credentialResult{c}, nil
}

func (s *Server) getDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	c, err := s.store.getCredential(call.Account, in, cl)
	if err != nil {
		return nil, err
	}
	return credentialResult{c}, nil
}

func (s *Server) refreshDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	c, err := s.store.refreshCredential(call.Account, in, cl, call.Received)
	if err != nil {
		return nil, err
	}
	return credentialResult{c}, nil
}

func (s *Server) unRegisterDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	if err := s.store.unregisterCredential(call.Account, in, cl); err != nil {
		return nil, err
	}
	return empty{}, nil
}

type sessionResult struct {
	OnlineStatus bool `json:"OnlineStatus"`
}

func (s *Server) querySessionByClientID(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	online, err := s.store.onlineStatus(call.Account, in, []string{cl})
	if err != nil {
		return nil, err
	}
	return sessionResult{online[0]}, nil
}

// onlineStatusItem is OnlineStatusListItem of the Go SDK.
type onlineStatusItem struct {
	ClientID     string `json:"ClientId"`
	OnlineStatus bool   `json:"OnlineStatus"`
}

type batchSessionResult struct {
	OnlineStatusList []onlineStatusItem `json:"OnlineStatusList"`
}

// batchQuerySessionByClientIDs takes ClientIdList.1 … ClientIdList.10
// ("each call can query at most 10 clients") and answers in request order.
func (s *Server) batchQuerySessionByClientIDs(call *pipeline.Call) (any, error) {
	if err := tokenFamily.required(call, "InstanceId"); err != nil {
		return nil, err
	}
	ids, err := wire.Indexed(call.Params, "ClientIdList", 1)
	if err != nil {
		return nil, tokenFamily.invalid("ClientIdList")
	}
	if len(ids) == 0 {
		return nil, tokenFamily.missing("ClientIdList")
	}
	if len(ids) > maxBatchClients {
		return nil, tokenFamily.invalid("ClientIdList")
	}
	for _, id := range ids {
		if !validClientID(id) {
			return nil, tokenFamily.invalid("ClientIdList")
		}
	}
	online, err := s.store.onlineStatus(call.Account, call.Param("InstanceId"), ids)
	if err != nil {
		return nil, err
	}
	out := batchSessionResult{OnlineStatusList: make([]onlineStatusItem, len(ids))}
	for i, id := range ids {
		out.OnlineStatusList[i] = onlineStatusItem{id, online[i]}
	}
	return out, nil
}

type sendMessageResult struct {
	MsgID string `json:"MsgId"`
}

// sendMessage: a full topic under one of the instance's parent topics and a
// payload of at most 64 KB (Limits page).
func (s *Server) sendMessage(call *pipeline.Call) (any, error) {
	if err := tokenFamily.required(call, "MqttTopic", "InstanceId", "Payload"); err != nil {
		return nil, err
	}
	topic, payload := call.Param("MqttTopic"), call.Param("Payload")
	if !validTopic(topic) {
		return nil, tokenFamily.invalid("MqttTopic")
	}
	if len(payload) > maxPayloadBytes {
		return nil, tokenFamily.invalid("Payload")
	}
	id, err := s.store.sendMessage(call.Account, call.Param("InstanceId"), topic, payload, call.Received)
	if err != nil {
		return nil, err
	}
	return sendMessageResult{id}, nil
}
