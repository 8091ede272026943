package ons_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// fx is one emulator and the default account's ONS client.
type fx struct {
	t   testing.TB
	env *emutest.Env
	c   *ons.Client
}

func newFx(t testing.TB, opts ...emutest.Option) *fx {
	t.Helper()
	env := emutest.Start(t, opts...)
	return &fx{t: t, env: env, c: client(t, env, env.Default)}
}

func (f *fx) createInstance(name string) string {
	f.t.Helper()
	req := ons.CreateOnsInstanceCreateRequest()
	req.InstanceName = name
	resp, err := f.c.OnsInstanceCreate(req)
	require.NoError(f.t, err)
	require.NotEmpty(f.t, resp.Data.InstanceId)
	return resp.Data.InstanceId
}

func createTopic(c *ons.Client, inst, name string, messageType int) error {
	req := ons.CreateOnsTopicCreateRequest()
	req.InstanceId, req.Topic, req.MessageType = inst, name, requests.NewInteger(messageType)
	_, err := c.OnsTopicCreate(req)
	return err
}

func createGroup(c *ons.Client, inst, id string) error {
	req := ons.CreateOnsGroupCreateRequest()
	req.InstanceId, req.GroupId = inst, id
	_, err := c.OnsGroupCreate(req)
	return err
}

func (f *fx) mustTopic(inst, name string) {
	f.t.Helper()
	require.NoError(f.t, createTopic(f.c, inst, name, 0))
}

func (f *fx) mustGroup(inst, id string) {
	f.t.Helper()
	require.NoError(f.t, createGroup(f.c, inst, id))
}

// send publishes through OnsMessageSend (CommonRequest) and returns the MsgId.
func (f *fx) send(c *ons.Client, inst, topic, body, tag, key string) (string, error) {
	f.t.Helper()
	p := map[string]string{"InstanceId": inst, "Topic": topic, "Message": body}
	if tag != "" {
		p["Tag"] = tag
	}
	if key != "" {
		p["Key"] = key
	}
	out, err := common(f.t, f.env, c, "OnsMessageSend", p)
	if err != nil {
		return "", err
	}
	id, _ := out["Data"].(string)
	return id, nil
}

func (f *fx) mustSend(inst, topic, body, tag, key string) string {
	f.t.Helper()
	id, err := f.send(f.c, inst, topic, body, tag, key)
	require.NoError(f.t, err)
	require.Regexp(f.t, `^[0-9A-F]{32}$`, id)
	return id
}

// control calls a vendor control endpoint under /_mqmock/ons/.
func (f *fx) control(method, path string, body any) (int, map[string]any) {
	f.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(f.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, f.env.URL("ons")+"/_mqmock/ons"+path, rd)
	require.NoError(f.t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(f.t, err)
	defer resp.Body.Close()
	out := map[string]any{}
	require.NoError(f.t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// consumersOnline marks a group's consumers online with subscriptions.
func (f *fx) consumersOnline(inst, group string, topics ...string) {
	f.t.Helper()
	subs := []map[string]string{}
	for _, t := range topics {
		subs = append(subs, map[string]string{"topic": t, "subString": "*"})
	}
	status, body := f.control(http.MethodPut, "/instances/"+inst+"/groups/"+group+"/consumers",
		map[string]any{"online": true, "clients": 2, "subscriptions": subs})
	require.Equal(f.t, http.StatusOK, status, body)
}
