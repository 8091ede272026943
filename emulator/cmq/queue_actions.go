package cmq

import (
	"context"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tclegacy"
)

// queueAttrPatch reads CreateQueue/SetQueueAttributes' optional attributes
// with their documented ranges (cmq.md §8.1).
func (s *Server) queueAttrPatch(p params) (queueAttrPatch, error) {
	var patch queueAttrPatch
	var err error
	for _, f := range []struct {
		name   string
		lo, hi int64
		dst    **int64
	}{
		{"maxMsgHeapNum", int64(s.opts.MinMaxMsgHeapNum), 1_000_000_000, &patch.MaxMsgHeapNum},
		{"pollingWaitSeconds", 0, 30, &patch.PollingWaitSeconds},
		{"visibilityTimeout", 1, 43200, &patch.VisibilityTimeout},
		{"maxMsgSize", 1024, 1048576, &patch.MaxMsgSize},
		{"msgRetentionSeconds", 60, 1296000, &patch.MsgRetentionSeconds},
		{"rewindSeconds", 0, 1296000, &patch.RewindSeconds},
	} {
		if *f.dst, err = p.optInt(f.name, f.lo, f.hi); err != nil {
			return patch, err
		}
	}
	if raw := p.str("deadLetterPolicy"); raw != "" {
		if patch.DeadLetter, err = parseDeadLetterPolicy(raw); err != nil {
			return patch, err
		}
	}
	return patch, nil
}

func (s *Server) createQueue(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	patch, err := s.queueAttrPatch(p)
	if err != nil {
		return nil, err
	}
	if patch.RewindSeconds != nil && *patch.RewindSeconds > deref64(patch.MsgRetentionSeconds, defaultQueueAttrs().MsgRetentionSeconds) {
		return nil, ErrRewindSecondsExceedRetention.New()
	}
	if err := checkName(p.str("queueName"), ErrQueueNameFormatError); err != nil {
		return nil, err
	}
	id, err := s.store.createQueue(accountOf(call), p.str("queueName"), patch)
	if err != nil {
		return nil, err
	}
	return struct {
		QueueID string `json:"queueId"`
	}{id}, nil
}

func deref64(v *int64, def int64) int64 {
	if v == nil {
		return def
	}
	return *v
}

// listPaging reads searchWord/offset/limit; limit 0 or absent is def.
func listPaging(p params, maxOffset, maxLimit, def int64) (string, int, int, error) {
	offset, err := p.intOr("offset", 0, 0, maxOffset)
	if err != nil {
		return "", 0, 0, err
	}
	limit, err := p.intOr("limit", def, 0, maxLimit)
	if err != nil {
		return "", 0, 0, err
	}
	if limit == 0 {
		limit = def
	}
	return p.str("searchWord"), int(offset), int(limit), nil
}

func (s *Server) listQueue(call *pipeline.Call) (any, error) {
	word, offset, limit, err := listPaging(paramsOf(call), 1<<31-1, 50, 20)
	if err != nil {
		return nil, err
	}
	total, list := s.store.listQueues(accountOf(call), word, offset, limit)
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

func (s *Server) getQueueAttributes(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	info, err := s.store.queueInfo(accountOf(call), p.str("queueName"))
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

func (s *Server) setQueueAttributes(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	patch, err := s.queueAttrPatch(p)
	if err != nil {
		return nil, err
	}
	info, err := s.store.setQueueAttributes(accountOf(call), p.str("queueName"), patch)
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

func (s *Server) deleteQueue(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	return ok{}, s.store.deleteQueue(accountOf(call), p.str("queueName"))
}

func (s *Server) rewindQueue(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName", "startConsumeTime"); err != nil {
		return nil, err
	}
	start, err := p.optInt("startConsumeTime", 0, 1<<62)
	if err != nil {
		return nil, err
	}
	return ok{}, s.store.rewindQueue(accountOf(call), p.str("queueName"), *start)
}

// delay reads delaySeconds: 10360 when not an integer, 10692 out of range.
func (s *Server) delay(p params) (int64, error) {
	d, err := p.optIntType("delaySeconds")
	if err != nil || d == nil {
		return 0, err
	}
	if *d < 0 || *d > int64(s.opts.MaxDelaySeconds) {
		return 0, ErrDelaySecondsOutOfRange.New()
	}
	return *d, nil
}

func (s *Server) sendMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	if err := checkBodies([]string{p.str("msgBody")}); err != nil {
		return nil, err
	}
	delay, err := s.delay(p)
	if err != nil {
		return nil, err
	}
	ids, err := s.store.sendMessages(accountOf(call), p.str("queueName"), []string{p.str("msgBody")}, delay)
	if err != nil {
		return nil, err
	}
	return msgIDResult{ids[0]}, nil
}

type msgIDResult struct {
	MsgID string `json:"msgId"`
}

type msgListResult struct {
	MsgList []msgIDResult `json:"msgList"`
}

func toMsgList(ids []string) msgListResult {
	out := make([]msgIDResult, len(ids))
	for i, id := range ids {
		out[i] = msgIDResult{id}
	}
	return msgListResult{out}
}

func (s *Server) batchSendMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	bodies, err := p.batch("msgBody")
	if err != nil {
		return nil, err
	}
	if err := checkBodies(bodies); err != nil {
		return nil, err
	}
	if err := checkBatchSize(call, bodies); err != nil {
		return nil, err
	}
	delay, err := s.delay(p)
	if err != nil {
		return nil, err
	}
	ids, err := s.store.sendMessages(accountOf(call), p.str("queueName"), bodies, delay)
	if err != nil {
		return nil, err
	}
	return toMsgList(ids), nil
}

// pollingWait reads pollingWaitSeconds (0..30); -1 means the queue's own.
func pollingWait(p params) (int64, error) {
	return p.intOr("pollingWaitSeconds", -1, 0, 30)
}

func (s *Server) receiveMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	wait, err := pollingWait(p)
	if err != nil {
		return nil, err
	}
	got, err := s.store.receive(callContext(call), accountOf(call), p.str("queueName"), 1, wait)
	if err != nil {
		return nil, err
	}
	return got[0], nil
}

func (s *Server) batchReceiveMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName", "numOfMsg"); err != nil {
		return nil, err
	}
	n, err := p.optInt("numOfMsg", 1, maxBatch)
	if err != nil {
		return nil, err
	}
	wait, err := pollingWait(p)
	if err != nil {
		return nil, err
	}
	got, err := s.store.receive(callContext(call), accountOf(call), p.str("queueName"), int(*n), wait)
	if err != nil {
		return nil, err
	}
	return struct {
		MsgInfoList []delivered `json:"msgInfoList"`
	}{got}, nil
}

func (s *Server) deleteMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	if !p.has("receiptHandle") {
		return nil, ErrLackedRequiredParameter.New("receiptHandle")
	}
	return ok{}, s.store.deleteMessage(accountOf(call), p.str("queueName"), p.str("receiptHandle"))
}

// batchDeleteMessage answers 6010 when some handles fail and 6020 when all
// do, each with the failures' errorList (cmq.md §8.12).
func (s *Server) batchDeleteMessage(call *pipeline.Call) (any, error) {
	p := paramsOf(call)
	if err := p.required("queueName"); err != nil {
		return nil, err
	}
	handles, err := p.batch("receiptHandle")
	if err != nil {
		return nil, err
	}
	if len(handles) == 0 {
		return nil, ErrLackedRequiredParameter.New("receiptHandle")
	}
	failed, err := s.store.deleteMessages(accountOf(call), p.str("queueName"), handles)
	if err != nil {
		return nil, err
	}
	list := make([]deleteFailure, len(failed))
	for i, f := range failed {
		code, msg := tclegacy.Render(f.err)
		list[i] = deleteFailure{Code: code, Message: msg, ReceiptHandle: f.handle}
	}
	switch {
	case len(failed) == 0:
		return ok{}, nil
	case len(failed) == len(handles):
		return nil, ErrBatchDeleteMessageFailed.New().WithFields(map[string]any{"errorList": list})
	default:
		return nil, ErrDeleteMessagePartiallyFailed.New().WithFields(map[string]any{"errorList": list})
	}
}

// deleteFailure is one element of a batch delete's errorList, each failure
// rendered as the envelope renders an error.
type deleteFailure struct {
	Code          int    `json:"code"`
	Message       string `json:"message"`
	ReceiptHandle string `json:"receiptHandle"`
}

// callContext is the call's context, or Background for calls made without
// one (store-level tests build calls by hand).
func callContext(call *pipeline.Call) context.Context {
	if call.Ctx != nil {
		return call.Ctx
	}
	return context.Background()
}
