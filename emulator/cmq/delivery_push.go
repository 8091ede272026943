package cmq

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
)

// PushAttempt is one HTTP push as the control API shows it.
type PushAttempt struct {
	Time         time.Time `json:"time"`
	Account      string    `json:"account"`
	Topic        string    `json:"topic"`
	Subscription string    `json:"subscription"`
	Endpoint     string    `json:"endpoint"`
	MsgID        string    `json:"msgId"`
	Attempt      int       `json:"attempt"`
	Status       int       `json:"status"`
	Error        string    `json:"error,omitempty"`
	// Outcome is "delivered", "retrying" (NextAttempt says when) or "dropped"
	// (the strategy's retries are used up).
	Outcome     string     `json:"outcome"`
	NextAttempt *time.Time `json:"nextAttempt,omitempty"`
}

// pusher delivers to http(s) endpoints and retries on the virtual clock:
// what CMQ sends out of the emulator. The store decides what to push
// (publish); the pusher does the HTTP and reports back (pushDone).
type pusher struct {
	store *store
	clock *clock.Clock
	// client is made at the first push, not at start: cloning the default
	// transport pages in net/http's client and TLS set-up, which most runs
	// (no http subscription) never use (issue 17, idle RSS).
	client func() *http.Client
	// slots bounds concurrent HTTP pushes, so a batch published to hundreds
	// of http subscriptions cannot exhaust file descriptors.
	slots chan struct{}

	mu  sync.Mutex
	log []PushAttempt
	// onAttempt, when set (tests only), sees each attempt once it is
	// recorded and its retry scheduled.
	onAttempt func(PushAttempt)
}

func newPusher(s *store) *pusher {
	timeout, insecure := s.opts.PushTimeout, s.opts.PushInsecureTLS
	client := sync.OnceValue(func() *http.Client {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if insecure {
			tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // opted into by configuration
		}
		return &http.Client{Timeout: timeout, Transport: tr}
	})
	return &pusher{store: s, clock: s.clock, client: client, slots: make(chan struct{}, maxConcurrentPushes)}
}

// start sends each job's first attempt in the background.
func (p *pusher) start(jobs []*pushJob) {
	for _, j := range jobs {
		go p.attempt(j)
	}
}

// pushBody is the JSON notification (cmq.md §12.3). TopicOwner is a number
// as in the doc's example (its table says String; unconfirmed).
type pushBody struct {
	TopicOwner       uint64 `json:"TopicOwner"`
	TopicName        string `json:"topicName"`
	SubscriptionName string `json:"subscriptionName"`
	MsgID            string `json:"msgId"`
	MsgBody          string `json:"msgBody"`
	PublishTime      int64  `json:"publishTime"`
}

// attempt makes one delivery attempt and schedules the next if it failed.
func (p *pusher) attempt(j *pushJob) {
	if !p.store.current(j.gen) {
		return
	}
	j.attempts++
	p.slots <- struct{}{}
	status, err := p.post(j)
	<-p.slots
	rec := PushAttempt{Time: p.clock.Now(), Account: j.account, Topic: j.topic, Subscription: j.subscription,
		Endpoint: j.endpoint, MsgID: j.msgID, Attempt: j.attempts, Status: status}
	if err != nil {
		rec.Error = err.Error()
	}
	ok := err == nil && status >= 200 && status < 300
	wait, retry := p.nextInterval(j)
	switch {
	case ok:
		rec.Outcome = "delivered"
	case retry:
		rec.Outcome = "retrying"
		next := rec.Time.Add(wait)
		rec.NextAttempt = &next
	default:
		rec.Outcome = "dropped"
	}
	if ok || !retry {
		p.store.pushDone(j)
	} else {
		// The timer's callback runs on whichever goroutine moves the
		// clock, so it only starts the attempt. A reset makes the attempt a
		// no-op (gen).
		p.clock.At(*rec.NextAttempt, func() { go p.attempt(j) })
	}
	p.record(rec)
}

// nextInterval is the wait before the next attempt, per notifyStrategy:
// BACKOFF_RETRY 3 retries 10–20 s apart; EXPONENTIAL_DECAY_RETRY 2^n s
// capped at 512 s, 176 attempts in all (cmq.md §12.3).
func (p *pusher) nextInterval(j *pushJob) (time.Duration, bool) {
	if j.strategy == backoffRetry {
		if j.attempts > backoffRetries {
			return 0, false
		}
		return p.store.backoff(), true
	}
	if j.attempts >= exponentialAttempts {
		return 0, false
	}
	d := time.Second << min(j.attempts-1, 10)
	return min(d, exponentialCap), true
}

func (p *pusher) post(j *pushJob) (int, error) {
	body := j.body
	if j.format != formatSimplified {
		b, _ := json.Marshal(pushBody{TopicOwner: j.owner, TopicName: j.topic, SubscriptionName: j.subscription,
			MsgID: j.msgID, MsgBody: j.body, PublishTime: j.published.Unix()})
		body = string(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), p.store.opts.PushTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, j.endpoint, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("User-Agent", "Qcloud Notification Service Agent")
	req.Header.Set("x-cmq-request-id", j.requestID)
	req.Header.Set("x-cmq-message-id", j.msgID)
	req.Header.Set("x-cmq-message-tag", strings.Join(j.tags, ", "))
	resp, err := p.client().Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func (p *pusher) record(a PushAttempt) {
	p.mu.Lock()
	p.log = append(p.log, a)
	if over := len(p.log) - p.store.opts.PushLogSize; over > 0 {
		p.log = append(p.log[:0:0], p.log[over:]...)
	}
	hook := p.onAttempt
	p.mu.Unlock()
	if hook != nil {
		hook(a)
	}
}

// attempts lists the recorded attempts, optionally for one topic/subscription.
func (p *pusher) attempts(topic, subscription string) []PushAttempt {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := []PushAttempt{}
	for _, a := range p.log {
		if (topic == "" || a.Topic == topic) && (subscription == "" || a.Subscription == subscription) {
			out = append(out, a)
		}
	}
	return out
}

// reset forgets the log; retries already scheduled find their generation
// gone and do nothing.
func (p *pusher) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.log = nil
}
