package tdmq

import (
	"strings"
	"time"
)

// version4 is the Version DescribeFusionInstanceList reports (and filters)
// for 4.x clusters (tdmq.md §5: "4 RocketMQ 4.x clusters").
const version4 = "4"

// fusionItems lists an account's 4.x clusters in the shape of trocket's
// DescribeFusionInstanceList, which lists both generations (tdmq.md §5).
// The 4.x cluster kind becomes InstanceType (VIRTUAL, DEDICATED, GENERAL):
// the values a real server reports for 4.x clusters are unconfirmed.
func (g *gen4) fusionItems(owner string, now time.Time) []fusionInstanceItem5 {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []fusionInstanceItem5
	for _, c := range g.clusters {
		if c.Owner != owner {
			continue
		}
		_, topics, groups := c.quotas(g.limits)
		tags := make([]tag5, 0, len(c.Tags))
		for _, t := range c.Tags {
			tags = append(tags, tag5(t))
		}
		zones := c.ZoneIDs
		if zones == nil {
			zones = []int64{}
		}
		vipStatus := int64(0)
		if c.ready(now) {
			vipStatus = 1
		}
		out = append(out, fusionInstanceItem5{
			instanceItem5: instanceItem5{
				InstanceId: c.ID, InstanceName: c.Name, Version: version4, InstanceType: strings.ToUpper(c.kindName()),
				InstanceStatus: statusName4(c.ready(now)), TopicNumLimit: int64(topics), GroupNumLimit: int64(groups),
				PayMode: "POSTPAID", Remark: c.Remark, TopicNum: int64(c.topicCount()), GroupNum: int64(c.groupCount()),
				TagList: tags, SkuCode: c.Spec, MessageRetention: c.Retention,
				MaxMessageDelay: int64(g.limits.MaxDelay / time.Hour), // hours, as 5.x reports it
			},
			InstanceItemExtraInfo: &instanceItemExtraInfo5{
				IsVip: c.Kind != kindVirtual4, VipInstanceStatus: vipStatus, SpecName: c.Spec, NodeCount: c.NodeCount,
				MaxStorage: c.StorageSize, MaxRetention: int64(g.limits.Retention / time.Hour), InstanceStatus: vipStatus,
			},
			ZoneIds: zones, EnableDeletionProtection: c.EnableDeletionProtection, CreateTime: c.Created.UnixMilli(),
		})
	}
	return out
}
