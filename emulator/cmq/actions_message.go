package cmq

import (
	"context"

	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/tclegacy"
)

// delay reads delaySeconds: 10360 when not an integer, 10692 out of range.
func (p *Product) delay(in params) (int64, error) {
	d, err := in.optIntType("delaySeconds")
	if err != nil || d == nil {
		return 0, err
	}
	if err := checkDelay(*d, p.opts); err != nil {
		return 0, err
	}
	return *d, nil
}

// checkBatchSize: the decoded bodies total at most 1 MiB (10300), then the
// raw request at most 1 MiB (10420), in that order (cmq.md §11.8): the
// front door leaves the raw size of the batch actions to them.
func checkBatchSize(call *pipeline.Call, bodies []string) error {
	if err := checkBatchBytes(bodies); err != nil {
		return err
	}
	if tclegacy.Oversized(call) {
		return errCannotParseRequest.New("request")
	}
	return nil
}

func (p *Product) sendMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	if err := checkBodies([]string{in.str("msgBody")}); err != nil {
		return nil, err
	}
	delay, err := p.delay(in)
	if err != nil {
		return nil, err
	}
	ids, err := p.store.sendMessages(accountOf(call), in.str("queueName"), []string{in.str("msgBody")}, delay)
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

func (p *Product) batchSendMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	bodies, err := in.batch("msgBody")
	if err != nil {
		return nil, err
	}
	if err := checkBodies(bodies); err != nil {
		return nil, err
	}
	if err := checkBatchSize(call, bodies); err != nil {
		return nil, err
	}
	delay, err := p.delay(in)
	if err != nil {
		return nil, err
	}
	ids, err := p.store.sendMessages(accountOf(call), in.str("queueName"), bodies, delay)
	if err != nil {
		return nil, err
	}
	return toMsgList(ids), nil
}

// pollingWait reads pollingWaitSeconds (0..30); -1 means the queue's own.
func pollingWait(in params) (int64, error) {
	return in.intOr("pollingWaitSeconds", -1, 0, maxPollingWaitSeconds)
}

func (p *Product) receiveMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	wait, err := pollingWait(in)
	if err != nil {
		return nil, err
	}
	got, err := p.store.receive(callContext(call), accountOf(call), in.str("queueName"), 1, wait)
	if err != nil {
		return nil, err
	}
	return got[0], nil
}

func (p *Product) batchReceiveMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName", "numOfMsg"); err != nil {
		return nil, err
	}
	n, err := in.optInt("numOfMsg", 1, maxBatch)
	if err != nil {
		return nil, err
	}
	wait, err := pollingWait(in)
	if err != nil {
		return nil, err
	}
	got, err := p.store.receive(callContext(call), accountOf(call), in.str("queueName"), int(*n), wait)
	if err != nil {
		return nil, err
	}
	return struct {
		MsgInfoList []delivered `json:"msgInfoList"`
	}{got}, nil
}

func (p *Product) deleteMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	if !in.has("receiptHandle") {
		return nil, errLackedRequiredParameter.New("receiptHandle")
	}
	return ok{}, p.store.deleteMessage(accountOf(call), in.str("queueName"), in.str("receiptHandle"))
}

// batchDeleteMessage answers 6010 when some handles fail and 6020 when all
// do, each with the failures' errorList (cmq.md §8.12).
func (p *Product) batchDeleteMessage(call *pipeline.Call) (any, error) {
	in := paramsOf(call)
	if err := in.required("queueName"); err != nil {
		return nil, err
	}
	handles, err := in.batch("receiptHandle")
	if err != nil {
		return nil, err
	}
	if len(handles) == 0 {
		return nil, errLackedRequiredParameter.New("receiptHandle")
	}
	failed, err := p.store.deleteMessages(accountOf(call), in.str("queueName"), handles)
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
		return nil, errBatchDeleteMessageFailed.New().WithFields(map[string]any{"errorList": list})
	default:
		return nil, errDeleteMessagePartiallyFailed.New().WithFields(map[string]any{"errorList": list})
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
