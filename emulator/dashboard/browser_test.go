package dashboard_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/internal/journal"
)

// The dashboard in a real headless Chromium, driven from go test: each step
// of the demo the README describes, checked in the page and through the
// official SDK, with its screenshot written to docs/ for the README.

// chromium finds Debian's chromium. Without it the test skips, unless CI is
// set: CI installs it (.ci/run), so there a missing browser is a failure.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatal("CI is set but there is no chromium on PATH: .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("no chromium on PATH (apt-get install -y chromium); CI runs this test")
	return ""
}

// browser starts a fresh headless Chromium with a user-data dir of its own
// and a tab, closed at the end of the test.
func browser(t *testing.T, execPath string) context.Context {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// /dev/shm is small in containers; Chromium crashes when it fills.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	// Start the browser and its tab now, before anything else may use the
	// context from another goroutine: the first use starts the browser.
	require.NoError(t, chromedp.Do(ctx), "start chromium")
	return ctx
}

// docsDir is where the screenshots go: the repository's docs/ (the README's
// pictures) when MQMOCK_SCREENSHOTS=docs, else a directory of the test's own,
// so that an ordinary run takes every screenshot and leaves the tree as it
// was.
func docsDir(t *testing.T) string {
	t.Helper()
	if os.Getenv("MQMOCK_SCREENSHOTS") != "docs" {
		return t.TempDir()
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "docs"))
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "..", "go.mod"))
	require.NoError(t, err, "docs/ beside go.mod")
	return dir
}

type page struct {
	t    *testing.T
	ctx  context.Context
	docs string
}

// do runs actions, failing the test with what was being done.
func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.ctx, actions...), what)
}

// waitJS waits until a JavaScript expression is truthy.
func (p *page) waitJS(what, expr string, within time.Duration) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(within), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		// Say what the page showed: its notice and the form's message.
		shown, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#notice:not([hidden]), .error:not([hidden])')].map((e) => e.textContent).join(' | ')`))
		p.t.Fatalf("waiting for %s: %v; the page says: %q", what, err, shown)
	}
}

func (p *page) eval(expr string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr))
	require.NoError(p.t, err, expr)
	return s
}

// view switches the page to one of its views.
func (p *page) view(name string) {
	p.t.Helper()
	p.do("open "+name, chromedp.Click(chromedp.CSS(`#tabs a[data-view="`+name+`"]`)))
	p.waitJS(name+" visible", `!document.querySelector('#view-`+name+`').hidden`, 5*time.Second)
}

// choose picks an option of a select as a user does, firing change.
func (p *page) choose(sel, value string) {
	p.t.Helper()
	ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.querySelector(`+strconv.Quote(sel)+`);
		if (!s || ![...s.options].some((o) => o.value === `+strconv.Quote(value)+`)) return false;
		s.value = `+strconv.Quote(value)+`;
		s.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`))
	require.NoError(p.t, err)
	require.True(p.t, ok, "%s offers %q", sel, value)
}

// fill empties a text field and types text into it, key by key.
func (p *page) fill(sel, text string) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`(() => {
		const i = document.querySelector(`+strconv.Quote(sel)+`);
		i.value = '';
		i.dispatchEvent(new Event('input', {bubbles: true}));
		return true;
	})()`))
	require.NoError(p.t, err)
	p.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// shot writes the visible page to dashboard-<name>.png (docsDir).
func (p *page) shot(name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	require.NoError(p.t, err)
	require.NoError(p.t, os.WriteFile(filepath.Join(p.docs, "dashboard-"+name+".png"), png, 0o644))
}

func mqttClient(t *testing.T, env *emutest.Env) *onsmqtt.Client {
	t.Helper()
	a := env.Default.Alibaba
	c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
	require.NoError(t, err)
	c.Domain = env.MQTT
	return c
}

func listGroupID(c *onsmqtt.Client, instance string) error {
	req := onsmqtt.CreateListGroupIdRequest()
	req.InstanceId = instance
	req.Scheme = "http"
	_, err := c.ListGroupId(req)
	return err
}

func TestTheDashboardInABrowser(t *testing.T) {
	execPath := chromium(t)
	begin := time.Now()
	env := emutest.Start(t)
	instance := env.Default.MQTTInstances[0].ID
	sdk := mqttClient(t, env)
	p := &page{t: t, ctx: browser(t, execPath), docs: docsDir(t)}

	// The page must run without a script error from start to end (a refused
	// request the page shows is logged by the browser too, and is no error).
	var mu sync.Mutex
	var exceptions []string
	console := chromedp.Console(p.ctx) // subscribed now: nothing is missed
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				exceptions = append(exceptions, m.String())
				mu.Unlock()
			}
		}
	}()

	// 1. Open the page: the four front doors, from the emulator's own list.
	p.do("open the dashboard", chromedp.Navigate(env.URL(emulator.Names()[0])+emulator.UIPath()))
	p.waitJS("the page to load its data", `document.body.dataset.ready === 'true'`, 10*time.Second)
	doors := p.eval(`[...document.querySelectorAll('[data-testid="door-card"]')].map((c) => c.dataset.door).join(',')`)
	assert.Equal(t, strings.Join(emulator.Names(), ","), doors, "every front door, in port order")
	for _, d := range emulator.FrontDoors() {
		card := p.eval(`document.querySelector('[data-testid="door-card"][data-door="` + d.Name + `"]').textContent`)
		assert.Contains(t, card, env.Addr(d.Name), d.Name)
		assert.Contains(t, card, d.Protocol, d.Name)
	}
	p.shot("overview")

	// 2. An official SDK call shows in live calls within a second.
	p.view("calls")
	require.NoError(t, listGroupID(sdk, instance))
	called := time.Now()
	p.waitJS("the call in live calls", `document.querySelector('tr[data-testid="call-row"][data-action="ListGroupId"]')`, time.Second)
	t.Logf("the call showed %v after the SDK returned", time.Since(called).Round(time.Millisecond))
	p.do("open the entry", chromedp.Click(chromedp.CSS(`tr[data-testid="call-row"][data-action="ListGroupId"]`)))
	p.waitJS("the entry's answer", `document.querySelector('[data-testid="call-answer"]')?.textContent.includes('RequestId')`, 2*time.Second)
	detail := p.eval(`document.querySelector('[data-testid="call-detail"]').textContent`)
	assert.Contains(t, detail, instance, "the parameters")
	assert.Contains(t, detail, "***", "the signature, redacted")
	p.shot("live-calls")

	// 3. Add an error rule through the form: the choices come from the
	// emulator, the dry run refuses a bad rule, then the rule is added.
	p.view("faults")
	p.choose("#r-door", emulator.MQTT)
	p.choose("#r-action", "ListGroupId")
	p.choose("#r-effect", "latency")
	p.fill("#r-latency", "soon")
	p.do("check the rule", chromedp.Click(chromedp.CSS(`[data-testid="rule-add"]`)))
	p.waitJS("the dry run's refusal", `!document.querySelector('[data-testid="rule-error"]').hidden`, 2*time.Second)
	assert.Contains(t, p.eval(`document.querySelector('[data-testid="rule-error"]').textContent`), `latency "soon"`)
	p.choose("#r-effect", "error")
	p.choose("#r-error", "InstanceNotFound")
	const rule = "demo-groups-fail"
	p.fill("#r-name", rule)
	p.do("add the rule", chromedp.Click(chromedp.CSS(`[data-testid="rule-add"]`)))
	p.waitJS("the rule in force", `document.querySelector('tr[data-testid="rule-row"][data-rule="`+rule+`"]')`, 2*time.Second)
	assert.Equal(t, "true", p.eval(`String(document.querySelector('[data-testid="rule-error"]').hidden)`))

	// The SDK gets exactly that documented error, and the entry is marked.
	var se *errors.ServerError
	require.ErrorAs(t, listGroupID(sdk, instance), &se)
	assert.Equal(t, "InstanceNotFound", se.ErrorCode())
	assert.Equal(t, http.StatusBadRequest, se.HttpStatus())
	assert.Equal(t, "Failed to find the instance. The instanceId may be invalid.", se.Message())
	p.waitJS("the hit count", `document.querySelector('tr[data-rule="`+rule+`"] [data-testid="rule-hits"]').textContent === '1'`, 3*time.Second)
	p.shot("faults")
	p.view("calls")
	faulted := `document.querySelector('tr[data-testid="call-row"][data-action="ListGroupId"]')`
	p.waitJS("the faulted call, marked", faulted+`?.querySelector('[data-testid="call-fault"]')?.textContent === '`+rule+`'`, time.Second)
	assert.Equal(t, "InstanceNotFound", p.eval(faulted+`.querySelector('[data-testid="call-code"]').textContent`))
	p.do("open the faulted entry", chromedp.Click(chromedp.CSS(`tr[data-testid="call-row"][data-action="ListGroupId"]`)))
	p.waitJS("its answer", `document.querySelector('[data-testid="call-answer"]').textContent.includes('InstanceNotFound')`, 2*time.Second)
	p.shot("live-calls-fault")

	// 4. Switch the rule off: the call succeeds; on the page it shows off.
	p.view("faults")
	p.do("switch the rule off", chromedp.Click(chromedp.CSS(`input[data-testid="rule-switch"][data-rule="`+rule+`"]`)))
	p.waitJS("the rule shown off", `document.querySelector('tr[data-testid="rule-row"][data-rule="`+rule+`"]').classList.contains('off')`, 2*time.Second)
	require.NoError(t, listGroupID(sdk, instance), "the rule is off")
	p.shot("rule-off")

	// 5. A token expires on the virtual clock, moved from the page.
	apply := onsmqtt.CreateApplyTokenRequest()
	apply.Scheme = "http"
	apply.InstanceId = instance
	apply.Resources = env.Default.MQTTInstances[0].ParentTopics[0] + "/demo"
	apply.Actions = "R,W"
	apply.ExpireTime = requests.NewInteger64(env.Clock().Now().Add(time.Hour).UnixMilli())
	_, err := sdk.ApplyToken(apply)
	require.NoError(t, err)
	tokenValid := `document.querySelector('[data-testid="resources-door"][data-door="mqtt"] td[data-col="valid"]')?.textContent`
	p.view("resources")
	p.waitJS("the token, valid", tokenValid+` === 'true'`, 3*time.Second)
	p.view("overview")
	p.fill(`[data-testid="advance-input"]`, "2h")
	p.do("advance the clock by 2h", chromedp.Click(chromedp.CSS(`[data-testid="advance-button"]`)))
	p.waitJS("the clock moved", `document.querySelector('[data-testid="clock-offset"]').textContent === '2h0m0s'`, 2*time.Second)
	assert.GreaterOrEqual(t, env.Clock().Offset(), 2*time.Hour)
	p.view("resources")
	p.choose("#res-door", emulator.MQTT)
	p.waitJS("the token, expired", tokenValid+` === 'false'`, 3*time.Second)
	p.shot("resources")

	// 6. Coverage counts the code the fault returned.
	p.view("coverage")
	row := `document.querySelector('[data-testid="coverage-door"][data-door="mqtt"] tr[data-testid="coverage-row"][data-name="InstanceNotFound"]')`
	p.waitJS("the code counted, by a fault", row+`?.querySelector('[data-col="byFault"]').textContent === '1'`, 3*time.Second)
	assert.Contains(t, p.eval(`document.querySelector('[data-testid="coverage-text"]').textContent`), "InstanceNotFound")
	p.shot("coverage")

	// 7. Under sustained load the live list stays capped and the page keeps
	// answering: journal entries as fast as thousands of calls a second.
	p.view("calls")
	// The page's own clock: the longest gap between two ticks of a 50 ms
	// timer is the longest time its main thread was busy.
	p.eval(`window.__gap = 0; window.__last = performance.now(); window.__tick = setInterval(() => { const n = performance.now(); window.__gap = Math.max(window.__gap, n - window.__last); window.__last = n; }, 50), ''`)
	const burst, chunk = 20000, 1000
	flushCount := `Number(document.querySelector('#calls').dataset.flushes || 0)`
	var slowest time.Duration
	var last uint64
	// Paced by the page, not by a clock: a thousand entries, then wait
	// until the page has taken some of them into the list, and again.
	for i := 0; i < burst; i += chunk {
		before := p.eval(`String(` + flushCount + `)`)
		for k := i; k < i+chunk; k++ {
			last = env.Journal().Add(journal.Entry{Time: env.Clock().Now(), Vendor: emulator.Names()[k%4], Action: "LoadTest", Status: 200, RequestID: strconv.Itoa(k)})
		}
		at := time.Now()
		p.eval(`String(document.querySelectorAll('#calls tbody tr').length)`)
		slowest = max(slowest, time.Since(at))
		p.waitJS("the page takes in the entries", flushCount+` > `+before, 5*time.Second)
	}
	p.waitJS("the newest entry on top", `document.querySelector('#calls tbody tr')?.dataset.seq === '`+strconv.FormatUint(last, 10)+`'`, 3*time.Second)
	rows, err := strconv.Atoi(p.eval(`String(document.querySelectorAll('#calls tbody tr').length)`))
	require.NoError(t, err)
	busy, err := strconv.ParseFloat(p.eval(`clearInterval(window.__tick), String(window.__gap)`), 64)
	require.NoError(t, err)
	flushes, err := strconv.Atoi(p.eval(`document.querySelector('#calls').dataset.flushes || '0'`))
	require.NoError(t, err)
	assert.LessOrEqual(t, rows, 400, "the live list is capped")
	// Rendering every entry as it came would hold the page for seconds.
	// What keeps it answering is batching: one DOM update per flush
	// interval, however many entries arrived. That is asserted by count,
	// which no load on the machine changes; the busy time is only logged.
	assert.Positive(t, flushes)
	assert.Less(t, flushes, burst/20, "a burst is rendered in batches, not entry by entry")
	t.Logf("%d entries streamed in %d DOM updates; the page's main thread was busy at most %.0f ms at a time, and answered the test within %v; %d rows shown; %s",
		burst, flushes, busy, slowest.Round(time.Millisecond), rows, p.eval(`document.querySelector('#calls-stats').textContent`))

	mu.Lock()
	assert.Empty(t, exceptions, "no script error in the page")
	mu.Unlock()
	t.Logf("the browser steps took %v", time.Since(begin).Round(time.Millisecond))
}

// With control.token set the page loads, asks for the token once, and
// sends it with every call: the doors show and the live stream connects.
func TestTheDashboardAsksForTheControlToken(t *testing.T) {
	execPath := chromium(t)
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.Control.Token = "demo-token" }))
	p := &page{t: t, ctx: browser(t, execPath)}
	p.do("open the dashboard", chromedp.Navigate(env.URL(emulator.Names()[0])+emulator.UIPath()))
	p.waitJS("the token prompt", `!document.querySelector('#token-bar').hidden`, 5*time.Second)
	assert.Equal(t, "0", p.eval(`String(document.querySelectorAll('[data-testid="door-card"]').length)`), "nothing read without the token")
	p.fill("#token-input", "demo-token")
	p.do("give the token", chromedp.Click(chromedp.CSS(`#token-form button[type="submit"]`)))
	p.waitJS("the page with its data", `document.body.dataset.ready === 'true' && document.querySelectorAll('[data-testid="door-card"]').length === 4`, 5*time.Second)
	p.waitJS("the live stream", `document.querySelector('#stream-state').classList.contains('on')`, 5*time.Second)
	assert.Equal(t, 1, env.Journal().Subscribers(), "the stream passed the token check")
}
