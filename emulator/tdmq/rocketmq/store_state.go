package rocketmq

import "time"

// state is the control API's view of every 4.x resource. A cluster's
// "region" is the X-TC-Region its creating call sent ("" when it sent
// none): only calls naming that region find it.
func (s *store) state(now time.Time) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	clusters := make([]any, 0, len(s.clusters))
	for _, c := range s.clusterOrder {
		nss := []any{}
		for _, n := range c.NamespaceOrder {
			topics, groups, bindings := []any{}, []any{}, []any{}
			for _, t := range n.Topics.all() {
				topics = append(topics, map[string]any{"name": t.Name, "type": t.Type, "partitions": t.Partitions, "messages": len(t.live(now, s.limits.Retention))})
			}
			for _, gr := range n.Groups.all() {
				clients := []string{}
				for _, cl := range gr.Clients {
					clients = append(clients, cl.ID)
				}
				groups = append(groups, map[string]any{"name": gr.Name, "groupType": gr.GroupType, "readEnable": gr.ReadEnable,
					"broadcastEnable": gr.Broadcast, "lastReset": gr.LastReset, "clients": clients,
					"deadLetters": len(gr.DeadLetters), "verifiedConsumes": gr.Verified})
			}
			for _, b := range n.BindingOrder {
				bindings = append(bindings, map[string]any{"role": b.Role, "permissions": b.Permissions})
			}
			nss = append(nss, map[string]any{"id": n.ID, "topics": topics, "groups": groups, "roles": bindings})
		}
		roles := []string{}
		for _, r := range c.RoleOrder {
			roles = append(roles, r.Name)
		}
		clusters = append(clusters, map[string]any{
			"id": c.ID, "name": c.Name, "account": c.Owner, "region": c.Region, "kind": c.kindName(),
			"status": statusName(c.ready(now)), "namespaces": nss, "roles": roles,
		})
	}
	return map[string]any{"clusters": clusters}
}

func (c *cluster) kindName() string {
	return [...]string{"virtual", "dedicated", "general"}[c.Kind]
}

func statusName(ready bool) string {
	if ready {
		return "RUNNING"
	}
	return "CREATING"
}
