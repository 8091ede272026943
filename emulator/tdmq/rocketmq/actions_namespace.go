package rocketmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tcapi"
)

// Namespaces of 4.x clusters. General clusters have exactly one, the fixed
// tdmq_default, which can be neither created nor deleted.

// defaultNamespaceTTL is what Ttl and RetentionTime report when not set
// (both are documented as disused): 3 days in milliseconds.
const defaultNamespaceTTL = uint64(72 * 3600 * 1000)

type createRocketMQNamespaceRequest struct {
	ClusterId     string  `json:"ClusterId" mq:"required"`
	NamespaceId   string  `json:"NamespaceId" mq:"required"`
	Ttl           *uint64 `json:"Ttl"`
	RetentionTime *uint64 `json:"RetentionTime"`
	Remark        *string `json:"Remark"`
}

func (g *Product) createRocketMQNamespace(o op, call *pipeline.Call) (any, error) {
	var req createRocketMQNamespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	l := g.store.limits
	if err := checkName(errInvalidParameter, "NamespaceId", req.NamespaceId, l.NamespaceNameMin, l.NamespaceNameMax); err != nil {
		return nil, err
	}
	if err := checkRemark(errInvalidParameter, req.Remark, l.RemarkMax); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.store.clusterOf(accountOf(call), req.ClusterId, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	if !c.ready(g.now()) {
		return nil, errFailedOperationInstanceNotReady.New()
	}
	if c.Kind == kindGeneral {
		return nil, errUnsupportedOperation.New().WithDetail(" (a general cluster has only the namespace " + defaultNamespace + ")")
	}
	if _, dup := c.Namespaces[req.NamespaceId]; dup {
		return nil, errResourceInUse.New().WithDetail(" (namespace " + req.NamespaceId + " exists)")
	}
	if max, _, _ := c.quotas(l); len(c.Namespaces) >= max {
		return nil, errLimitExceeded.New().WithDetail(" (at most " + itoa(max) + " namespaces per cluster)")
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	n := newNamespace(req.NamespaceId, str(req.Remark), g.now(), g.store.next())
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

func (g *Product) describeRocketMQNamespaces(o op, call *pipeline.Call) (any, error) {
	var req describeRocketMQNamespacesRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, err := g.store.clusterOf(accountOf(call), req.ClusterId, miss{cluster: errResourceNotFoundCluster})
	if err != nil {
		return nil, err
	}
	var match []*namespace
	for _, n := range sorted(c.Namespaces, func(n *namespace) uint64 { return n.Seq }) {
		if contains(n.ID, req.NameKeyword) {
			match = append(match, n)
		}
	}
	out := describeRocketMQNamespacesResponse{Namespaces: []rocketMQNamespace{}, TotalCount: uint64(len(match))}
	for _, n := range page(match, req.Offset, g.store.pageSize(req.Limit)) {
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

func (g *Product) modifyRocketMQNamespace(o op, call *pipeline.Call) (any, error) {
	var req modifyRocketMQNamespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	if err := checkRemark(errInvalidParameter, req.Remark, g.store.limits.RemarkMax); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	_, n, err := g.store.namespaceOf(accountOf(call), req.ClusterId, req.NamespaceId, miss{cluster: errResourceNotFoundCluster, namespace: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
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

type namespaceRequest struct {
	ClusterId   string `json:"ClusterId" mq:"required"`
	NamespaceId string `json:"NamespaceId" mq:"required"`
}

// deleteRocketMQNamespace refuses while roles are bound to the namespace
// (FailedOperation.RoleInUse); its topics and groups go with it.
func (g *Product) deleteRocketMQNamespace(o op, call *pipeline.Call) (any, error) {
	var req namespaceRequest
	if err := tcapi.Bind(call, &req); err != nil {
		return nil, err
	}
	g.store.mu.Lock()
	defer g.store.mu.Unlock()
	c, n, err := g.store.namespaceOf(accountOf(call), req.ClusterId, req.NamespaceId, miss{cluster: errResourceNotFound, namespace: errResourceNotFound})
	if err != nil {
		return nil, err
	}
	if c.Kind == kindGeneral {
		return nil, errUnsupportedOperation.New().WithDetail(" (" + defaultNamespace + " of a general cluster cannot be deleted)")
	}
	if len(n.Bindings) > 0 {
		return nil, errFailedOperationRoleInUse.New()
	}
	if dryRun(call) {
		return nil, errDryRunOperation.New()
	}
	delete(c.Namespaces, n.ID)
	return struct{}{}, nil
}
