package cmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// The queue actions of API 3.0 (tdmq-cmq.md §5). Every integer the Go SDK
// types uint64 is bound as an int64, so that a negative one (which Node or
// raw HTTP can send) is InvalidParameterValue rather than a type error.

// api3QueueRequest is CreateCmqQueue's request (§5.1);
// ModifyCmqQueueAttribute's is the same without Tags (§5.4), which it
// ignores.
type api3QueueRequest struct {
	QueueName           string    `json:"QueueName" mq:"required"`
	MaxMsgHeapNum       *int64    `json:"MaxMsgHeapNum"`
	PollingWaitSeconds  *int64    `json:"PollingWaitSeconds"`
	VisibilityTimeout   *int64    `json:"VisibilityTimeout"`
	MaxMsgSize          *int64    `json:"MaxMsgSize"`
	MsgRetentionSeconds *int64    `json:"MsgRetentionSeconds"`
	RewindSeconds       *int64    `json:"RewindSeconds"`
	Transaction         *int64    `json:"Transaction"`
	FirstQueryInterval  *int64    `json:"FirstQueryInterval"`
	MaxQueryCount       *int64    `json:"MaxQueryCount"`
	DeadLetterQueueName *string   `json:"DeadLetterQueueName"`
	Policy              *int64    `json:"Policy"`
	MaxReceiveCount     *int64    `json:"MaxReceiveCount"`
	MaxTimeToLive       *int64    `json:"MaxTimeToLive"`
	Trace               *bool     `json:"Trace"`
	RetentionSizeInMB   *int64    `json:"RetentionSizeInMB"`
	Tags                []api3Tag `json:"Tags"`
}

// api3QueuePatch checks the attributes' API 3.0 ranges (§5.1, §10.5) and makes the
// store's patch; the rules that need the store (dead-letter queue, TTL below
// retention) are the store's.
func (p *Product) api3QueuePatch(a api3QueueRequest) (queueAttrPatch, error) {
	for _, c := range []struct {
		field  string
		v      *int64
		lo, hi int64
	}{
		{"MaxMsgHeapNum", a.MaxMsgHeapNum, int64(p.opts.MinMaxMsgHeapNum), maxMsgHeapNumLimit},
		{"PollingWaitSeconds", a.PollingWaitSeconds, 0, maxPollingWaitSeconds},
		{"VisibilityTimeout", a.VisibilityTimeout, minVisibilityTimeout, maxVisibilityTimeout},
		{"MaxMsgSize", a.MaxMsgSize, minMaxMsgSize, maxMaxMsgSize},
		{"MsgRetentionSeconds", a.MsgRetentionSeconds, api3MinQueueRetention, api3MaxQueueRetention},
		{"RewindSeconds", a.RewindSeconds, 0, maxRewindSeconds},
		{"Transaction", a.Transaction, 0, 1},
	} {
		if err := inRange(c.field, c.v, c.lo, c.hi); err != nil {
			return queueAttrPatch{}, err
		}
	}
	for _, c := range []struct {
		field string
		v     *int64
	}{{"FirstQueryInterval", a.FirstQueryInterval}, {"MaxQueryCount", a.MaxQueryCount}} {
		if err := nonNegative(c.field, c.v); err != nil {
			return queueAttrPatch{}, err
		}
	}
	// Rewind on: 10240–512000 MB; off: 0. mqmock keeps no storage account,
	// so 0 is always accepted (§5.1).
	if v := a.RetentionSizeInMB; v != nil && *v != 0 {
		if err := inRange("RetentionSizeInMB", v, api3MinRetentionSizeInMB, api3MaxRetentionSizeInMB); err != nil {
			return queueAttrPatch{}, err
		}
	}
	patch := queueAttrPatch{MaxMsgHeapNum: a.MaxMsgHeapNum, PollingWaitSeconds: a.PollingWaitSeconds, VisibilityTimeout: a.VisibilityTimeout,
		MaxMsgSize: a.MaxMsgSize, MsgRetentionSeconds: a.MsgRetentionSeconds, RewindSeconds: a.RewindSeconds,
		Trace: a.Trace, FirstQueryInterval: a.FirstQueryInterval, MaxQueryCount: a.MaxQueryCount, RetentionSizeInMB: a.RetentionSizeInMB}
	if a.Transaction != nil {
		on := *a.Transaction == 1
		patch.Transaction = &on
	}
	dl, err := api3DeadLetter(a)
	if err != nil {
		return queueAttrPatch{}, err
	}
	patch.DeadLetter = dl
	return patch, nil
}

// api3DeadLetter reads the flattened dead-letter policy (§5.1.2): only a
// non-empty DeadLetterQueueName sets one (Policy, MaxReceiveCount and
// MaxTimeToLive alone are ignored, an emulator choice); Policy defaults to
// 0 and needs MaxReceiveCount, policy 1 needs MaxTimeToLive.
func api3DeadLetter(a api3QueueRequest) (*deadLetterPolicy, error) {
	if a.DeadLetterQueueName == nil || *a.DeadLetterQueueName == "" {
		return nil, nil
	}
	policy := int64(0)
	if a.Policy != nil {
		policy = *a.Policy
	}
	dl := &deadLetterPolicy{DeadLetterQueue: *a.DeadLetterQueueName, Policy: int(policy)}
	switch policy {
	case 0:
		if a.MaxReceiveCount == nil {
			return nil, missing("MaxReceiveCount")
		}
		if err := inRange("MaxReceiveCount", a.MaxReceiveCount, minMaxReceiveCount, maxMaxReceiveCount); err != nil {
			return nil, err
		}
		dl.MaxReceiveCount = int(*a.MaxReceiveCount)
	case 1:
		if a.MaxTimeToLive == nil {
			return nil, missing("MaxTimeToLive")
		}
		if err := inRange("MaxTimeToLive", a.MaxTimeToLive, minMaxTimeToLive, maxMaxTimeToLive); err != nil {
			return nil, err
		}
		dl.MaxTimeToLive = int(*a.MaxTimeToLive)
	default:
		return nil, invalidValue("Policy", "must be 0 or 1")
	}
	return dl, nil
}

func (p *Product) createCmqQueue(call *pipeline.Call) (any, error) {
	var req api3QueueRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := createName("QueueName", req.QueueName); err != nil {
		return nil, err
	}
	patch, err := p.api3QueuePatch(req)
	if err != nil {
		return nil, err
	}
	patch.Tags = tagsIn(req.Tags)
	id, err := p.store.createQueue(accountOf(call), req.QueueName, patch, api3QueueRules())
	if err != nil {
		return nil, api3Err(err)
	}
	return struct {
		QueueID string `json:"QueueId"`
	}{id}, nil
}

// cmqQueue is API 3.0's CmqQueue (§9.1) with the Go SDK's types: uint64
// except Status, MaxUnackedMsgNum and MaxMsgBacklogSize. Every field is
// always present, the ones the Java CMQ SDK unboxes never null (§12.1);
// only DeadLetterPolicy and TransactionPolicy are null, when unset.
type cmqQueue struct {
	QueueID             string                `json:"QueueId"`
	QueueName           string                `json:"QueueName"`
	Qps                 uint64                `json:"Qps"`
	Bps                 uint64                `json:"Bps"`
	MaxDelaySeconds     uint64                `json:"MaxDelaySeconds"`
	MaxMsgHeapNum       uint64                `json:"MaxMsgHeapNum"`
	PollingWaitSeconds  uint64                `json:"PollingWaitSeconds"`
	MsgRetentionSeconds uint64                `json:"MsgRetentionSeconds"`
	VisibilityTimeout   uint64                `json:"VisibilityTimeout"`
	MaxMsgSize          uint64                `json:"MaxMsgSize"`
	RewindSeconds       uint64                `json:"RewindSeconds"`
	CreateTime          uint64                `json:"CreateTime"`
	LastModifyTime      uint64                `json:"LastModifyTime"`
	ActiveMsgNum        uint64                `json:"ActiveMsgNum"`
	InactiveMsgNum      uint64                `json:"InactiveMsgNum"`
	DelayMsgNum         uint64                `json:"DelayMsgNum"`
	RewindMsgNum        uint64                `json:"RewindMsgNum"`
	MinMsgTime          uint64                `json:"MinMsgTime"`
	Transaction         bool                  `json:"Transaction"`
	DeadLetterSource    []cmqDeadLetterSource `json:"DeadLetterSource"`
	DeadLetterPolicy    *cmqDeadLetterPolicy  `json:"DeadLetterPolicy"`
	TransactionPolicy   *cmqTransactionPolicy `json:"TransactionPolicy"`
	CreateUin           uint64                `json:"CreateUin"`
	Tags                []api3Tag             `json:"Tags"`
	Trace               bool                  `json:"Trace"`
	TenantID            string                `json:"TenantId"`
	NamespaceName       string                `json:"NamespaceName"`
	Status              int64                 `json:"Status"`
	MaxUnackedMsgNum    int64                 `json:"MaxUnackedMsgNum"`
	MaxMsgBacklogSize   int64                 `json:"MaxMsgBacklogSize"`
	RetentionSizeInMB   uint64                `json:"RetentionSizeInMB"`
}

// cmqDeadLetterSource is §9.5.
type cmqDeadLetterSource struct {
	QueueID   string `json:"QueueId"`
	QueueName string `json:"QueueName"`
}

// cmqDeadLetterPolicy is §9.4: the unused limit of a policy is 0.
type cmqDeadLetterPolicy struct {
	DeadLetterQueue string `json:"DeadLetterQueue"`
	Policy          uint64 `json:"Policy"`
	MaxTimeToLive   uint64 `json:"MaxTimeToLive"`
	MaxReceiveCount uint64 `json:"MaxReceiveCount"`
}

// cmqTransactionPolicy is §9.6.
type cmqTransactionPolicy struct {
	FirstQueryInterval uint64 `json:"FirstQueryInterval"`
	MaxQueryCount      uint64 `json:"MaxQueryCount"`
}

func deadLetterSourcesOut(refs []queueRef) []cmqDeadLetterSource {
	out := make([]cmqDeadLetterSource, len(refs))
	for i, r := range refs {
		out[i] = cmqDeadLetterSource{r.QueueID, r.QueueName}
	}
	return out
}

// cmqQueueOf shapes one queue; times in milliseconds except MinMsgTime,
// which API 3.0 keeps in seconds (§3.3).
func (p *Product) cmqQueueOf(call *pipeline.Call, info queueInfo) cmqQueue {
	a, c, x := info.attrs, info.counts, info.extras
	q := cmqQueue{QueueID: info.id, QueueName: info.name, Qps: count(p.opts.QPSPerResource), Bps: api3QueueBps,
		MaxDelaySeconds: api3QueueMaxDelaySeconds, MaxMsgHeapNum: count(a.MaxMsgHeapNum), PollingWaitSeconds: count(a.PollingWaitSeconds),
		MsgRetentionSeconds: count(a.MsgRetentionSeconds), VisibilityTimeout: count(a.VisibilityTimeout), MaxMsgSize: count(a.MaxMsgSize),
		RewindSeconds: count(a.RewindSeconds), CreateTime: millis(info.created), LastModifyTime: millis(info.modified),
		ActiveMsgNum: count(c.Active), InactiveMsgNum: count(c.Inactive), DelayMsgNum: count(c.Delayed), RewindMsgNum: count(c.Rewindable),
		MinMsgTime: count(c.MinMsgTime), Transaction: x.Transaction, DeadLetterSource: deadLetterSourcesOut(info.deadLetterSources),
		CreateUin: appID(call), Tags: tagsOut(x.Tags), Trace: x.Trace, TenantID: tenantID(call),
		NamespaceName: api3QueueNamespacePrefix + info.name, Status: api3StatusNormal, MaxUnackedMsgNum: api3MaxUnackedMsgNum,
		MaxMsgBacklogSize: api3MaxMsgBacklogSize, RetentionSizeInMB: count(x.RetentionSizeInMB)}
	if dl := info.deadLetter; dl != nil {
		q.DeadLetterPolicy = &cmqDeadLetterPolicy{DeadLetterQueue: dl.DeadLetterQueue, Policy: count(dl.Policy),
			MaxTimeToLive: count(dl.MaxTimeToLive), MaxReceiveCount: count(dl.MaxReceiveCount)}
	}
	if x.Transaction {
		q.TransactionPolicy = &cmqTransactionPolicy{FirstQueryInterval: count(x.FirstQueryInterval), MaxQueryCount: count(x.MaxQueryCount)}
	}
	return q
}

type describeCmqQueuesRequest struct {
	Offset        *int64       `json:"Offset"`
	Limit         *int64       `json:"Limit"`
	QueueName     string       `json:"QueueName"`
	QueueNameList []string     `json:"QueueNameList"`
	IsTagFilter   *bool        `json:"IsTagFilter"`
	Filters       []api3Filter `json:"Filters"`
}

func (p *Product) describeCmqQueues(call *pipeline.Call) (any, error) {
	var req describeCmqQueuesRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	offset, limit, err := paging(req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	total, infos := p.store.describeQueues(accountOf(call), listFilter(req.QueueName, req.QueueNameList, req.IsTagFilter, req.Filters), offset, limit)
	list := make([]cmqQueue, len(infos))
	for i, info := range infos {
		list[i] = p.cmqQueueOf(call, info)
	}
	return struct {
		TotalCount uint64     `json:"TotalCount"`
		QueueList  []cmqQueue `json:"QueueList"`
	}{count(total), list}, nil
}

// queueNamed is the request of the actions that name one queue.
type queueNamed struct {
	QueueName string `json:"QueueName" mq:"required"`
}

// boundQueue binds such a request and checks the name is not empty.
func boundQueue(call *pipeline.Call) (string, error) {
	var req queueNamed
	if err := bind(call, &req); err != nil {
		return "", err
	}
	return req.QueueName, named("QueueName", req.QueueName)
}

func (p *Product) describeCmqQueueDetail(call *pipeline.Call) (any, error) {
	name, err := boundQueue(call)
	if err != nil {
		return nil, err
	}
	info, err := p.store.queueInfo(accountOf(call), name)
	if err != nil {
		return nil, api3Err(err)
	}
	return struct {
		QueueDescribe cmqQueue `json:"QueueDescribe"`
	}{p.cmqQueueOf(call, info)}, nil
}

// modifyCmqQueueAttribute: only the attributes sent change; MaxMsgSize is
// accepted although the newest doc says new queues cannot change it (the
// published example does, and the legacy API can on the same store).
func (p *Product) modifyCmqQueueAttribute(call *pipeline.Call) (any, error) {
	var req api3QueueRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("QueueName", req.QueueName); err != nil {
		return nil, err
	}
	patch, err := p.api3QueuePatch(req)
	if err != nil {
		return nil, err
	}
	if _, err := p.store.setQueueAttributes(accountOf(call), req.QueueName, patch, api3QueueRules()); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

func (p *Product) deleteCmqQueue(call *pipeline.Call) (any, error) {
	name, err := boundQueue(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.deleteQueue(accountOf(call), name); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

func (p *Product) clearCmqQueue(call *pipeline.Call) (any, error) {
	name, err := boundQueue(call)
	if err != nil {
		return nil, err
	}
	if err := p.store.clearQueue(accountOf(call), name); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

type rewindCmqQueueRequest struct {
	QueueName        string `json:"QueueName" mq:"required"`
	StartConsumeTime *int64 `json:"StartConsumeTime" mq:"required"`
}

// rewindCmqQueue: StartConsumeTime has no documented unit, its published
// example is in milliseconds and the legacy one is in seconds, so a value
// from 10^12 on is milliseconds (tdmq-cmq.md §3.3, an emulator choice).
func (p *Product) rewindCmqQueue(call *pipeline.Call) (any, error) {
	var req rewindCmqQueueRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("QueueName", req.QueueName); err != nil {
		return nil, err
	}
	if err := nonNegative("StartConsumeTime", req.StartConsumeTime); err != nil {
		return nil, err
	}
	start := *req.StartConsumeTime
	if start >= startConsumeTimeMillisecond {
		start /= 1000
	}
	if err := p.store.rewindQueue(accountOf(call), req.QueueName, start); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

type unbindCmqDeadLetterRequest struct {
	SourceQueueName string `json:"SourceQueueName" mq:"required"`
}

func (p *Product) unbindCmqDeadLetter(call *pipeline.Call) (any, error) {
	var req unbindCmqDeadLetterRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("SourceQueueName", req.SourceQueueName); err != nil {
		return nil, err
	}
	if err := p.store.unbindDeadLetter(accountOf(call), req.SourceQueueName); err != nil {
		return nil, api3Err(err)
	}
	return ok{}, nil
}

type sendCmqMsgRequest struct {
	QueueName    string `json:"QueueName" mq:"required"`
	MsgContent   string `json:"MsgContent" mq:"required"`
	DelaySeconds *int64 `json:"DelaySeconds" mq:"required"`
}

// sendCmqMsg is legacy SendMessage on the same queue (§5.9): the delay may
// reach the queue's msgRetentionSeconds.
func (p *Product) sendCmqMsg(call *pipeline.Call) (any, error) {
	var req sendCmqMsgRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("QueueName", req.QueueName); err != nil {
		return nil, err
	}
	if req.MsgContent == "" {
		return nil, invalidValue("MsgContent", "must not be empty")
	}
	if err := nonNegative("DelaySeconds", req.DelaySeconds); err != nil {
		return nil, err
	}
	id, err := p.store.sendWithinRetention(accountOf(call), req.QueueName, req.MsgContent, *req.DelaySeconds)
	if err != nil {
		return nil, api3Err(err)
	}
	return published{Result: true, MsgID: id}, nil
}

type describeCmqDeadLetterSourceQueuesRequest struct {
	DeadLetterQueueName string `json:"DeadLetterQueueName" mq:"required"`
	Limit               *int64 `json:"Limit"`
	Offset              *int64 `json:"Offset"`
	SourceQueueName     string `json:"SourceQueueName"`
}

// describeCmqDeadLetterSourceQueues is the retired action (§8.1), served
// while cmq.deadLetterSourceQueues is on: the queues whose dead-letter
// policy names DeadLetterQueueName.
func (p *Product) describeCmqDeadLetterSourceQueues(call *pipeline.Call) (any, error) {
	var req describeCmqDeadLetterSourceQueuesRequest
	if err := bind(call, &req); err != nil {
		return nil, err
	}
	if err := named("DeadLetterQueueName", req.DeadLetterQueueName); err != nil {
		return nil, err
	}
	offset, limit, err := paging(req.Offset, req.Limit)
	if err != nil {
		return nil, err
	}
	total, refs, err := p.store.deadLetterSources(accountOf(call), req.DeadLetterQueueName, req.SourceQueueName, offset, limit)
	if err != nil {
		return nil, api3Err(err)
	}
	return struct {
		TotalCount uint64                `json:"TotalCount"`
		QueueSet   []cmqDeadLetterSource `json:"QueueSet"`
	}{count(total), deadLetterSourcesOut(refs)}, nil
}
