package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/faults"
	"github.com/mqmock/mqmock/internal/config"
)

// command is a subcommand for scripts: it talks to a running emulator.
type command struct {
	synopsis string
	run      func(ctx context.Context, args, env []string, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	return map[string]command{
		"health":   {"[--addr host:port]  exit 0 if the emulator is ready, 1 otherwise (the container's health check)", cmdHealth},
		"wait":     {"[--timeout 30s]  wait until the emulator is ready (exit 0), or exit 1 at the timeout", cmdWait},
		"reset":    {"[--clear-scenarios]  reset every door's state (and the fault scenario)", cmdReset},
		"coverage": {"[--format text|json|junit] [--fail-under N]  print the error-code coverage; exit 1 under N% of documented codes returned", cmdCoverage},
		"scenario": {"apply|check FILE  replace the fault scenario with FILE, or only check it", cmdScenario},
	}
}

func commandNames() []string {
	var out []string
	for n := range commands() {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// usage is --help: the server's flags, the subcommands and every MQMOCK_*
// variable.
func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintf(w, "Usage:\n  mqmock [flags]            run the emulator\n")
	cmds := commands()
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  mqmock %-9s %s\n", n, cmds[n].synopsis)
	}
	fmt.Fprintf(w, "\nEach subcommand talks to the emulator at the address the server reads from the same\n--config file and MQMOCK_* variables (the first front door's), or at --addr host:port;\nit sends control.token when set, and exits non-zero with one line on failure.\n\nFlags:\n")
	fs.PrintDefaults()
	fmt.Fprintf(w, "\nEnvironment:\n")
	for _, v := range emulator.EnvVars() {
		switch n := v.Name; n {
		case config.EnvConfig:
			fmt.Fprintf(w, "  %-44s configuration file, as --config\n", n)
		case config.EnvScenarios:
			fmt.Fprintf(w, "  %-44s comma-separated scenario files, as --scenario\n", n)
		default:
			if v.Form != "" {
				fmt.Fprintf(w, "  %-44s the config key %s, as a %s\n", n, v.Key, v.Form)
				continue
			}
			fmt.Fprintf(w, "  %-44s the config key %s\n", n, v.Key)
		}
	}
	fmt.Fprintf(w, "\nConfig file only (no variable):\n")
	for _, k := range emulator.FileOnlyKeys() {
		fmt.Fprintf(w, "  %-44s %s\n", k.Key, k.Why)
	}
}

// clientFlags are every subcommand's way to the emulator.
type clientFlags struct {
	config string
	addr   string
}

func newFlagSet(name string, stderr io.Writer) (*flag.FlagSet, *clientFlags) {
	fs := flag.NewFlagSet("mqmock "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cf := &clientFlags{}
	fs.StringVar(&cf.config, "config", "", "the server's configuration file (default $"+config.EnvConfig+")")
	fs.StringVar(&cf.addr, "addr", "", "the emulator's host:port (default: the first front door's listen address)")
	return fs, cf
}

// parse parses args, allowing flags after positional arguments, and
// returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// target is a running emulator's control API.
type target struct {
	base   string // scheme://host:port
	token  string
	client *http.Client
}

func (cf *clientFlags) target(env []string) (*target, error) {
	cfg, err := loadSettings(cf.config, nil, env)
	if err != nil {
		return nil, err
	}
	addr := cf.addr
	if addr == "" {
		door := emulator.Names()[0]
		addr, _ = emulator.ListenAddr(emulator.Config(cfg), door)
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("the %s door's listen address %q is not host:port", door, addr)
		}
		if port == "0" {
			return nil, fmt.Errorf("the %s door listens on port 0 (a free port chosen at start): give --addr host:port", door)
		}
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			addr = net.JoinHostPort("127.0.0.1", port) // every interface: this machine's is one
		}
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q is not host:port", addr)
	}
	t := &target{base: "http://" + addr, token: cfg.Control.Token}
	tr := &http.Transport{Proxy: nil}
	if cfg.TLS.Enabled {
		t.base = "https://" + addr
		tc := &tls.Config{MinVersion: tls.VersionTLS12}
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			// This machine's own emulator, whose certificate may be one
			// made at start that nothing here trusts yet (as -healthcheck).
			tc.InsecureSkipVerify = true //nolint:gosec
		} else if cfg.TLS.CAFile != "" {
			if pem, err := os.ReadFile(cfg.TLS.CAFile); err == nil {
				pool := x509.NewCertPool()
				pool.AppendCertsFromPEM(pem)
				tc.RootCAs = pool
			}
		}
		tr.TLSClientConfig = tc
	}
	t.client = &http.Client{Transport: tr}
	return t, nil
}

// do calls the control API; an answer other than 200 is an error naming
// the emulator's own message.
func (t *target) do(ctx context.Context, method, path, ctype string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, t.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if t.token != "" {
		req.Header.Set("X-Mqmock-Token", t.token)
	}
	resp, err := t.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%s %s: %v", method, t.base+path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", method, t.base+path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		msg := strings.TrimSpace(string(data))
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		return data, &statusError{fmt.Sprintf("%s %s answered %s: %s", method, path, resp.Status, oneLine(msg)), resp.StatusCode}
	}
	return data, nil
}

type statusError struct {
	msg    string
	status int
}

func (e *statusError) Error() string { return e.msg }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fail prints one line and returns the failure exit code.
func fail(stderr io.Writer, name string, err error) int {
	fmt.Fprintf(stderr, "mqmock %s: %s\n", name, oneLine(err.Error()))
	return 1
}

// start parses a subcommand's flags and finds its emulator; ok false means
// it returned code already.
func start(name string, fs *flag.FlagSet, cf *clientFlags, args, env []string, stderr io.Writer, npos int) (t *target, pos []string, code int, ok bool) {
	pos, err := parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, 0, false
		}
		return nil, nil, 2, false
	}
	if len(pos) != npos {
		fmt.Fprintf(stderr, "mqmock %s: want %d argument(s), got %d (mqmock %s %s)\n", name, npos, len(pos), name, commands()[name].synopsis)
		return nil, nil, 2, false
	}
	t, err = cf.target(env)
	if err != nil {
		return nil, nil, fail(stderr, name, err), false
	}
	return t, pos, 0, true
}

// health is the shape of GET /_mqmock/health that wait reads.
type health struct {
	Ready bool `json:"ready"`
}

func cmdHealth(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	fs, cf := newFlagSet("health", stderr)
	t, _, code, ok := start("health", fs, cf, args, env, stderr, 0)
	if !ok {
		return code
	}
	if _, err := t.do(ctx, http.MethodGet, "/_mqmock/health", "", nil); err != nil {
		return fail(stderr, "health", err)
	}
	return 0
}

func cmdWait(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	fs, cf := newFlagSet("wait", stderr)
	timeout := fs.Duration("timeout", 30*time.Second, "how long to wait")
	t, _, code, ok := start("wait", fs, cf, args, env, stderr, 0)
	if !ok {
		return code
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	for {
		data, err := t.do(ctx, http.MethodGet, "/_mqmock/health", "", nil)
		var h health
		if err == nil && json.Unmarshal(data, &h) == nil && h.Ready {
			return 0
		}
		var se *statusError
		if errors.As(err, &se) && (se.status == http.StatusUnauthorized || se.status == http.StatusForbidden || se.status == http.StatusNotFound) {
			return fail(stderr, "wait", err) // waiting longer changes nothing
		}
		if err == nil {
			err = errors.New("the emulator answers but is not ready")
		}
		select {
		case <-ctx.Done():
			return fail(stderr, "wait", fmt.Errorf("not ready after %s: %v", *timeout, err))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func cmdReset(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	fs, cf := newFlagSet("reset", stderr)
	clear := fs.Bool("clear-scenarios", false, "also clear the fault scenario")
	t, _, code, ok := start("reset", fs, cf, args, env, stderr, 0)
	if !ok {
		return code
	}
	path := "/_mqmock/reset"
	if *clear {
		path += "?clearScenarios=true"
	}
	if _, err := t.do(ctx, http.MethodPost, path, "", nil); err != nil {
		return fail(stderr, "reset", err)
	}
	return 0
}

func cmdCoverage(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	fs, cf := newFlagSet("coverage", stderr)
	format := fs.String("format", "text", "text, json or junit")
	failUnder := fs.Float64("fail-under", 0, "exit 1 when fewer than this percentage of documented codes were returned")
	t, _, code, ok := start("coverage", fs, cf, args, env, stderr, 0)
	if !ok {
		return code
	}
	switch *format {
	case "text", "json", "junit":
	default:
		fmt.Fprintf(stderr, "mqmock coverage: --format must be text, json or junit, not %q\n", *format)
		return 2
	}
	if *failUnder < 0 || *failUnder > 100 {
		fmt.Fprintf(stderr, "mqmock coverage: --fail-under must be a percentage from 0 to 100, not %v\n", *failUnder)
		return 2
	}
	data, err := t.do(ctx, http.MethodGet, "/_mqmock/coverage", "", nil)
	if err != nil {
		return fail(stderr, "coverage", err)
	}
	var rep faults.CoverageReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return fail(stderr, "coverage", fmt.Errorf("the emulator's report is not JSON: %v", err))
	}
	switch *format {
	case "text":
		err = rep.WriteText(stdout, emulator.Names())
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	case "junit":
		err = writeJUnit(stdout, rep)
	}
	if err != nil {
		return fail(stderr, "coverage", err)
	}
	if pct, documented, returned := coveragePercent(rep); pct < *failUnder {
		return fail(stderr, "coverage", fmt.Errorf("%.1f%% of documented codes returned (%d of %d), under --fail-under %v", pct, returned, documented, *failUnder))
	}
	return 0
}

// coveragePercent is the share of documented codes returned at least once.
func coveragePercent(rep faults.CoverageReport) (pct float64, documented, returned int) {
	for _, v := range rep.Vendors {
		documented += v.Documented
		returned += v.DocumentedReturned
	}
	if documented == 0 {
		return 100, 0, 0
	}
	return 100 * float64(returned) / float64(documented), documented, returned
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
}

// writeJUnit writes one test case per documented code, failed when the
// emulator never returned it; a suite per door.
func writeJUnit(w io.Writer, rep faults.CoverageReport) error {
	out := junitSuites{Name: "mqmock coverage"}
	for _, door := range emulator.Names() {
		v, ok := rep.Vendors[door]
		if !ok {
			continue
		}
		s := junitSuite{Name: door}
		for _, r := range v.Returned {
			if r.Documented {
				s.Cases = append(s.Cases, junitCase{Name: caseName(r.Name, r.Code), Classname: door})
			}
		}
		for _, r := range v.Never {
			if r.Documented {
				s.Cases = append(s.Cases, junitCase{Name: caseName(r.Name, r.Code), Classname: door,
					Failure: &junitFailure{Message: "never returned"}})
				s.Failures++
			}
		}
		sort.SliceStable(s.Cases, func(i, j int) bool { return s.Cases[i].Name < s.Cases[j].Name })
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func caseName(name, code string) string {
	if code == "" || code == name {
		return name
	}
	return name + " (" + code + ")"
}

func cmdScenario(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	fs, cf := newFlagSet("scenario", stderr)
	t, pos, code, ok := start("scenario", fs, cf, args, env, stderr, 2)
	if !ok {
		return code
	}
	verb, file := pos[0], pos[1]
	path := "/_mqmock/scenario"
	switch verb {
	case "apply":
	case "check":
		path += "?dryRun=true"
	default:
		fmt.Fprintf(stderr, "mqmock scenario: %q is neither apply nor check\n", verb)
		return 2
	}
	body, err := os.ReadFile(file)
	if err != nil {
		return fail(stderr, "scenario", err)
	}
	ctype := "application/yaml"
	if strings.EqualFold(filepath.Ext(file), ".json") {
		ctype = "application/json"
	}
	if _, err := t.do(ctx, http.MethodPut, path, ctype, body); err != nil {
		return fail(stderr, "scenario "+verb, fmt.Errorf("%s: %v", file, err))
	}
	if verb == "check" {
		fmt.Fprintf(stdout, "%s: valid\n", file)
	} else {
		fmt.Fprintf(stdout, "%s: applied\n", file)
	}
	return 0
}
