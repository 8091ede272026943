package mqtt

import (
	"context"
	"fmt"

	"github.com/mqmock/mqmock/internal/pipeline"
)

// seed creates every account's declared group ids
// (accounts[].resources.mqtt.groupIds) through CreateGroupId's own handler,
// so the same checks and store rules apply as to a request. The first
// refusal is one line naming the entry.
func (p *Product) seed() error {
	for i, a := range p.accounts.All() {
		for j, g := range a.Resources.MQTT.GroupIDs {
			call := &pipeline.Call{Ctx: context.Background(), Vendor: "mqtt", Service: "mqtt", Action: "CreateGroupId",
				Params: map[string]string{"InstanceId": g.InstanceID, "GroupId": g.GroupID}, Account: a, Received: p.clock.Now()}
			if _, err := p.createGroupID(call); err != nil {
				return fmt.Errorf("config: accounts[%d].resources.mqtt.groupIds[%d] (%s): %v", i, j, g.GroupID, err)
			}
		}
	}
	return nil
}
