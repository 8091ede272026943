package cmq

import (
	"github.com/mqmock/mqmock/internal/pipeline"
)

// queueAttrPatch reads CreateQueue/SetQueueAttributes' optional attributes
// with their documented ranges (cmq.md §8.1).
func (p *Product) queueAttrPatch(in params) (queueAttrPatch, error) {
	var patch queueAttrPatch
	var err error
	for _, f := range []struct {
		name   string
		lo, hi int64
		dst    **int64
	}{
		{"maxMsgHeapNum", int64(p.opts.MinMaxMsgHeapNum), maxMsgHeapNumLimit, &patch.MaxMsgHeapNum},
		{"pollingWaitSeconds", 0, maxPollingWaitSeconds, &patch.PollingWaitSeconds},
		{"visibilityTimeout", minVisibilityTimeout, maxVisibilityTimeout, &patch.VisibilityTimeout},
		{"maxMsgSize", minMaxMsgSize, maxMaxMsgSize, &patch.MaxMsgSize},
		{"msgRetentionSeconds", minMsgRetentionSeconds, maxMsgRetentionSeconds, &patch.MsgRetentionSeconds},
		{"rewindSeconds", 0, maxRewindSeconds, &patch.RewindSeconds},
	} {
		if *f.dst, err = in.optInt(f.name, f.lo, f.hi); err != nil {
			return patch, err
		}
	}
	if raw := in.str("deadLetterPolicy"); raw != "" {
		if patch.DeadLetter, err = parseDeadLetterPolicy(raw); err != nil {
			return patch, err
		}
	}
	return patch, nil
}

func (p *Product) createQueue(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	patch, err := p.queueAttrPatch(in)
	if err != nil {
		return nil, err
	}
	// Checked again by the store; here so that it comes before the name.
	if err := checkRewind(patch.apply(defaultQueueAttrs())); err != nil {
		return nil, err
	}
	if err := checkName(in.str("queueName"), errQueueNameFormatError); err != nil {
		return nil, err
	}
	id, err := p.store.createQueue(accountOf(call), in.str("queueName"), patch, legacyQueueRules())
	if err != nil {
		return nil, err
	}
	return struct {
		QueueID string `json:"queueId"`
	}{id}, nil
}

// listPaging reads searchWord/offset/limit; limit 0 or absent is def.
func listPaging(in params, maxOffset, maxLimit, def int64) (string, int, int, error) {
	offset, err := in.intOr("offset", 0, 0, maxOffset)
	if err != nil {
		return "", 0, 0, err
	}
	limit, err := in.intOr("limit", def, 0, maxLimit)
	if err != nil {
		return "", 0, 0, err
	}
	if limit == 0 {
		limit = def
	}
	return in.str("searchWord"), int(offset), int(limit), nil
}

func (p *Product) listQueue(call *pipeline.Call) (any, error) {
	word, offset, limit, err := listPaging(paramsOf(call), maxListOffset, maxListLimit, defaultListLimit)
	if err != nil {
		return nil, err
	}
	total, list := p.store.listQueues(accountOf(call), word, offset, limit)
	return struct {
		TotalCount int        `json:"totalCount"`
		QueueList  []queueRef `json:"queueList"`
	}{total, list}, nil
}

// queueAttributes is GetQueueAttributes' answer; rewindMsgNum is sent under
// both spellings the SDKs read (cmq.md §8.3).
type queueAttributes struct {
	MaxMsgHeapNum       int64 `json:"maxMsgHeapNum"`
	PollingWaitSeconds  int64 `json:"pollingWaitSeconds"`
	VisibilityTimeout   int64 `json:"visibilityTimeout"`
	MaxMsgSize          int64 `json:"maxMsgSize"`
	MsgRetentionSeconds int64 `json:"msgRetentionSeconds"`
	CreateTime          int64 `json:"createTime"`
	LastModifyTime      int64 `json:"lastModifyTime"`
	ActiveMsgNum        int   `json:"activeMsgNum"`
	InactiveMsgNum      int   `json:"inactiveMsgNum"`
	DelayMsgNum         int   `json:"delayMsgNum"`
	MinMsgTime          int64 `json:"minMsgTime"`
	RewindSeconds       int64 `json:"rewindSeconds"`
	RewindMsgNum        int   `json:"rewindMsgNum"`
	RewindmsgNum        int   `json:"rewindmsgNum"`
	// DeadLetterPolicy is present only when one is set (unconfirmed).
	DeadLetterPolicy string `json:"deadLetterPolicy,omitempty"`
}

func (p *Product) getQueueAttributes(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	info, err := p.store.queueInfo(accountOf(call), in.str("queueName"))
	if err != nil {
		return nil, err
	}
	a, c := info.attrs, info.counts
	out := queueAttributes{MaxMsgHeapNum: a.MaxMsgHeapNum, PollingWaitSeconds: a.PollingWaitSeconds, VisibilityTimeout: a.VisibilityTimeout,
		MaxMsgSize: a.MaxMsgSize, MsgRetentionSeconds: a.MsgRetentionSeconds, CreateTime: unix(info.created), LastModifyTime: unix(info.modified),
		ActiveMsgNum: c.Active, InactiveMsgNum: c.Inactive, DelayMsgNum: c.Delayed, MinMsgTime: c.MinMsgTime,
		RewindSeconds: a.RewindSeconds, RewindMsgNum: c.Rewindable, RewindmsgNum: c.Rewindable}
	if info.deadLetter != nil {
		out.DeadLetterPolicy = info.deadLetter.String()
	}
	return out, nil
}

func (p *Product) setQueueAttributes(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	patch, err := p.queueAttrPatch(in)
	if err != nil {
		return nil, err
	}
	info, err := p.store.setQueueAttributes(accountOf(call), in.str("queueName"), patch, legacyQueueRules())
	if err != nil {
		return nil, err
	}
	a := info.attrs
	return struct {
		QueueID             string `json:"queueId"`
		MaxMsgHeapNum       int64  `json:"maxMsgHeapNum"`
		PollingWaitSeconds  int64  `json:"pollingWaitSeconds"`
		VisibilityTimeout   int64  `json:"visibilityTimeout"`
		MaxMsgSize          int64  `json:"maxMsgSize"`
		MsgRetentionSeconds int64  `json:"msgRetentionSeconds"`
		RewindSeconds       int64  `json:"rewindSeconds"`
	}{info.id, a.MaxMsgHeapNum, a.PollingWaitSeconds, a.VisibilityTimeout, a.MaxMsgSize, a.MsgRetentionSeconds, a.RewindSeconds}, nil
}

func (p *Product) deleteQueue(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	return ok{}, p.store.deleteQueue(accountOf(call), in.str("queueName"))
}

func (p *Product) rewindQueue(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName", "startConsumeTime"); err != nil {
		return nil, err
	}
	start, err := in.optInt("startConsumeTime", 0, 1<<62)
	if err != nil {
		return nil, err
	}
	return ok{}, p.store.rewindQueue(accountOf(call), in.str("queueName"), *start)
}
