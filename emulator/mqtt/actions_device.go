package mqtt

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/wire"
)

// Device credentials, sessions and SendMessage: the parameter codes of
// every API but the Group ID ones (mqtt.md §3).

type credentialResult struct {
	DeviceCredential credentialView `json:"DeviceCredential"`
}

// clientParams reads ClientId and InstanceId.
func clientParams(call *pipeline.Call) (instanceID, clientID string, err error) {
	if err := required(call, "ClientId", "InstanceId"); err != nil {
		return "", "", err
	}
	return call.Param("InstanceId"), call.Param("ClientId"), nil
}

func (p *Product) registerDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	c, err := p.store.registerCredential(call.Account, in, cl, call.Received)
	if err != nil {
		return nil, err
	}
	return credentialResult{c}, nil
}

func (p *Product) getDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	c, err := p.store.getCredential(call.Account, in, cl)
	if err != nil {
		return nil, err
	}
	return credentialResult{c}, nil
}

func (p *Product) refreshDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	c, err := p.store.refreshCredential(call.Account, in, cl, call.Received)
	if err != nil {
		return nil, err
	}
	return credentialResult{c}, nil
}

func (p *Product) unRegisterDeviceCredential(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.unregisterCredential(call.Account, in, cl); err != nil {
		return nil, err
	}
	return empty{}, nil
}

type sessionResult struct {
	OnlineStatus bool `json:"OnlineStatus"`
}

func (p *Product) querySessionByClientID(call *pipeline.Call) (any, error) {
	in, cl, err := clientParams(call)
	if err != nil {
		return nil, err
	}
	online, err := p.store.online(call.Account, in, cl)
	if err != nil {
		return nil, err
	}
	return sessionResult{online}, nil
}

// onlineStatusItem is OnlineStatusListItem of the Go SDK.
type onlineStatusItem struct {
	ClientID     string `json:"ClientId"`
	OnlineStatus bool   `json:"OnlineStatus"`
}

type batchSessionResult struct {
	OnlineStatusList []onlineStatusItem `json:"OnlineStatusList"`
}

// batchQuerySessionByClientIDs takes ClientIdList.1, ClientIdList.2, … and
// answers in request order.
func (p *Product) batchQuerySessionByClientIDs(call *pipeline.Call) (any, error) {
	if err := required(call, "InstanceId"); err != nil {
		return nil, err
	}
	ids, err := wire.Indexed(call.Params, "ClientIdList", 1)
	if err != nil {
		return nil, invalidParameter("ClientIdList")
	}
	if len(ids) == 0 {
		return nil, errParameterCheckFailed.New()
	}
	online, err := p.store.onlineList(call.Account, call.Param("InstanceId"), ids)
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

func (p *Product) sendMessage(call *pipeline.Call) (any, error) {
	if err := required(call, "MqttTopic", "InstanceId", "Payload"); err != nil {
		return nil, err
	}
	id, err := p.store.sendMessage(call.Account, call.Param("InstanceId"), call.Param("MqttTopic"), call.Param("Payload"), call.Received)
	if err != nil {
		return nil, err
	}
	return sendMessageResult{id}, nil
}
