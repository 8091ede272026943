package tdmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Namespaces of 4.x clusters. General clusters have exactly one, the fixed
// tdmq_default, which can be neither created nor deleted.

// defaultNamespaceTTL4 is what Ttl and RetentionTime report when not set
// (both are documented as disused): 3 days in milliseconds.
const defaultNamespaceTTL4 = uint64(72 * 3600 * 1000)

type createRocketMQNamespaceRequest struct {
	ClusterId     string  `json:"ClusterId" mq:"required"`
	NamespaceId   string  `json:"NamespaceId" mq:"required"`
	Ttl           *uint64 `json:"Ttl"`
	RetentionTime *uint64 `json:"RetentionTime"`
	Remark        *string `json:"Remark"`
}

func (g *gen4) createRocketMQNamespace(call *pipeline.Call) (any, error) {
	var req createRocketMQNamespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.limits
	if err := checkName4(ErrInvalidParameter, "NamespaceId", req.NamespaceId, l.NamespaceNameMin, l.NamespaceNameMax); err != nil {
		return nil, err
	}
	if err := checkRemark4(ErrInvalidParameter, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.clusterOf(owner4(call), req.ClusterId, miss4{cluster: ErrResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	if !c.ready(g.now()) {
		return nil, ErrFailedOperationInstanceNotReady.New()
	}
	if c.Kind == kindGeneral4 {
		return nil, ErrUnsupportedOperation.New().WithDetail(" (a general cluster has only the namespace " + defaultNamespace4 + ")")
	}
	if _, dup := c.Namespaces[req.NamespaceId]; dup {
		return nil, ErrResourceInUse.New().WithDetail(" (namespace " + req.NamespaceId + " exists)")
	}
	if max, _, _ := c.quotas(l); len(c.Namespaces) >= max {
		return nil, ErrLimitExceeded.New().WithDetail(" (at most " + itoa4(max) + " namespaces per cluster)")
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	n := newNamespace4(req.NamespaceId, str4(req.Remark), g.now(), g.next())
	if req.Ttl != nil {
		n.Ttl = *req.Ttl
	}
	if req.RetentionTime != nil {
		n.RetentionTime = *req.RetentionTime
	}
	c.Namespaces[n.ID] = n
	return struct{}{}, nil
}

type describeRocketMQNamespacesRequest struct {
	ClusterId   string  `json:"ClusterId" mq:"required"`
	Offset      uint64  `json:"Offset" mq:"required"`
	Limit       uint64  `json:"Limit" mq:"required"`
	NameKeyword *string `json:"NameKeyword"`
}

type describeRocketMQNamespacesResponse struct {
	Namespaces []rocketMQNamespace `json:"Namespaces"`
	TotalCount uint64              `json:"TotalCount"`
}

func (g *gen4) describeRocketMQNamespaces(call *pipeline.Call) (any, error) {
	var req describeRocketMQNamespacesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.clusterOf(owner4(call), req.ClusterId, miss4{cluster: ErrResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	var match []*namespace4
	for _, n := range sorted4(c.Namespaces, func(n *namespace4) uint64 { return n.Seq }) {
		if contains4(n.ID, req.NameKeyword) {
			match = append(match, n)
		}
	}
	out := describeRocketMQNamespacesResponse{Namespaces: []rocketMQNamespace{}, TotalCount: uint64(len(match))}
	for _, n := range page4(match, req.Offset, g.pageSize(req.Limit)) {
		host := n.ID + "." + c.ID + ".rocketmq." + c.Region
		out.Namespaces = append(out.Namespaces, rocketMQNamespace{
			NamespaceId: n.ID, Ttl: n.Ttl, RetentionTime: n.RetentionTime, Remark: n.Remark,
			PublicEndpoint: "http://" + host + ".public.tencenttdmq.com:9876", VpcEndpoint: "http://" + host + ".qcloud.tencenttdmq.com:5098",
			InternalEndpoint: host + ".internal.tencenttdmq.com:9876",
		})
	}
	return out, nil
}

type modifyRocketMQNamespaceRequest struct {
	ClusterId           string  `json:"ClusterId" mq:"required"`
	NamespaceId         string  `json:"NamespaceId" mq:"required"`
	Ttl                 *uint64 `json:"Ttl"`
	RetentionTime       *uint64 `json:"RetentionTime"`
	Remark              *string `json:"Remark"`
	PublicAccessEnabled *bool   `json:"PublicAccessEnabled"`
}

func (g *gen4) modifyRocketMQNamespace(call *pipeline.Call) (any, error) {
	var req modifyRocketMQNamespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := checkRemark4(ErrInvalidParameter, req.Remark, g.limits.RemarkMax); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	_, n, err := g.namespaceOf(owner4(call), req.ClusterId, req.NamespaceId, miss4{cluster: ErrResourceNotFoundCluster, namespace: ErrResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	if req.Ttl != nil {
		n.Ttl = *req.Ttl
	}
	if req.RetentionTime != nil {
		n.RetentionTime = *req.RetentionTime
	}
	if req.Remark != nil {
		n.Remark = *req.Remark
	}
	if req.PublicAccessEnabled != nil {
		n.PublicAccessEnabled = *req.PublicAccessEnabled
	}
	return struct{}{}, nil
}

type namespaceRequest4 struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
}

// deleteRocketMQNamespace refuses while roles are bound to the namespace
// (FailedOperation.RoleInUse); its topics and groups go with it.
func (g *gen4) deleteRocketMQNamespace(call *pipeline.Call) (any, error) {
	var req namespaceRequest4
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	c, n, err := g.namespaceOf(owner4(call), req.ClusterId, req.NamespaceId, miss4{cluster: ErrResourceNotFound, namespace: ErrResourceNotFound})
	if err != nil {
		return nil, err
	}
	if c.Kind == kindGeneral4 {
		return nil, ErrUnsupportedOperation.New().WithDetail(" (" + defaultNamespace4 + " of a general cluster cannot be deleted)")
	}
	if len(n.Bindings) > 0 {
		return nil, ErrFailedOperationRoleInUse.New()
	}
	if dryRun4(call) {
		return nil, ErrDryRunOperation.New()
	}
	delete(c.Namespaces, n.ID)
	return struct{}{}, nil
}
