package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/internal/config"
)

// shutdownGrace bounds how long in-flight calls may finish after a signal.
const shutdownGrace = 10 * time.Second

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// run is main without the process: it returns the exit code, so tests drive
// start-up errors and shutdown directly. Errors are one line on stderr.
func run(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := commands()[args[0]]; ok {
			return cmd.run(ctx, args[1:], env, stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("mqmock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "YAML configuration file (optional; MQMOCK_* variables override it; default $"+config.EnvConfig+")")
	var scenarios listFlag
	fs.Var(&scenarios, "scenario", "fault scenario file to load at start (repeatable; also $"+config.EnvScenarios+", comma-separated)")
	healthURL := fs.String("healthcheck", "", "probe this health URL and exit 0 if ready, 1 otherwise (for container health checks, where there is no curl; the health subcommand finds the URL itself)")
	showVersion := fs.Bool("version", false, "print the version and commit, and exit")
	stateFile := fs.String("state-file", "", "keep the state across restarts in this file: loaded at start (a missing file is a first run), written at shutdown and every state.interval when it changed (config key state.file)")
	fs.Usage = func() { usage(fs) }
	if helpAsked(args) {
		fs.SetOutput(stdout) // asked for, help is the answer; on a mistake it goes to stderr
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mqmock: unexpected argument %q (subcommands: %s)\n", fs.Arg(0), strings.Join(commandNames(), ", "))
		return 2
	}
	if *showVersion {
		v, c := buildInfo()
		fmt.Fprintf(stdout, "mqmock %s (commit %s)\n", v, c)
		return 0
	}
	if *healthURL != "" {
		return probe(ctx, *healthURL, stderr)
	}
	cfg, err := loadSettings(*configPath, scenarios, env)
	if err != nil {
		fmt.Fprintf(stderr, "mqmock: %v\n", err)
		return 1
	}
	if *stateFile != "" {
		cfg.State.File = *stateFile
	}
	logger := newLogger(cfg.Log, stderr)
	v, c := buildInfo()
	e, err := emulator.New(emulator.Config(cfg), emulator.WithLogger(logger), emulator.WithBuild(v, c))
	if err != nil {
		fmt.Fprintf(stderr, "mqmock: %v\n", err)
		return 1
	}
	if err := e.LoadScenarios(cfg.Scenarios); err != nil {
		fmt.Fprintf(stderr, "mqmock: %v\n", err)
		return 1
	}
	if err := e.Start(); err != nil {
		fmt.Fprintf(stderr, "mqmock: %v\n", err)
		return 1
	}
	e.MarkReady()
	printBanner(stdout, e)
	<-ctx.Done()
	logger.Info("shutting down", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := e.Shutdown(sctx); err != nil {
		var lost *emulator.StateSaveError
		if errors.As(err, &lost) {
			fmt.Fprintf(stderr, "mqmock: %v\n", lost)
			return 1
		}
		logger.Warn("in-flight calls cut short", "err", err)
	}
	return 0
}

// helpAsked tells whether the flags ask for help (-h, -help, --help).
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

// loadSettings reads the configuration as the server does: the file of
// --config, else of $MQMOCK_CONFIG; then the MQMOCK_* settings; the
// scenario files of $MQMOCK_SCENARIOS, then those of --scenario.
func loadSettings(configPath string, scenarios []string, env []string) (config.Config, error) {
	if configPath == "" {
		configPath = getenv(env, config.EnvConfig)
	}
	cfg, err := config.Load(configPath, env)
	if err != nil {
		return config.Config{}, err
	}
	for _, f := range strings.Split(getenv(env, config.EnvScenarios), ",") {
		if f = strings.TrimSpace(f); f != "" {
			cfg.Scenarios = append(cfg.Scenarios, f)
		}
	}
	cfg.Scenarios = append(cfg.Scenarios, scenarios...)
	return cfg, nil
}

// getenv is os.Getenv over env (os.Environ() form); the last one wins.
func getenv(env []string, name string) string {
	val := ""
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			val = v
		}
	}
	return val
}

func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(c.Format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// printBanner tells a newcomer where each front door listens, which
// credentials to sign with, and where the dashboard is.
func printBanner(w io.Writer, e *emulator.Emulator) {
	v, c := e.Build()
	fmt.Fprintf(w, "mqmock %s (commit %s) is ready\n\n", v, c)
	for _, d := range emulator.FrontDoors() {
		fmt.Fprintf(w, "  %-5s %-22s %s://%s%s  (%s)\n", d.Title, d.Protocol, e.Scheme(), e.Addr(d.Name), d.Path, d.APIs)
	}
	if f := e.CAFile(); f != "" {
		fmt.Fprintf(w, "\n  TLS certificate to trust: %s (also at /_mqmock/ca.pem)\n", f)
	}
	fmt.Fprintln(w)
	for _, a := range e.Accounts().All() {
		fmt.Fprintf(w, "  account %q\n", a.Name)
		fmt.Fprintf(w, "    Tencent  SecretId %s  SecretKey %s  AppId %d\n", a.Tencent.SecretID, a.Tencent.SecretKey, a.Tencent.AppID)
		fmt.Fprintf(w, "    Alibaba  AccessKeyId %s  AccessKeySecret %s\n", a.Alibaba.AccessKeyID, a.Alibaba.AccessKeySecret)
		for _, m := range a.MQTTInstances {
			fmt.Fprintf(w, "    MQTT instance %s\n", m.ID)
		}
		for _, o := range a.ONSInstances {
			fmt.Fprintf(w, "    ONS instance  %s\n", o.ID)
		}
	}
	fmt.Fprintln(w)
	if u := e.DashboardURL(); u != "" {
		fmt.Fprintf(w, "  dashboard:   %s (on every port)\n", u)
	}
	fmt.Fprintf(w, "  control API: %s://%s/_mqmock/health (on every port)\n", e.Scheme(), e.Addr(emulator.Names()[0]))
}

// probe asks a running mqmock whether it is ready.
func probe(ctx context.Context, url string, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "mqmock: healthcheck: %v\n", err)
		return 1
	}
	// The probe checks this machine's own emulator: with TLS on, its
	// certificate is one made at start, which nothing here trusts yet.
	probeClient := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} //nolint:gosec
	resp, err := probeClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "mqmock: healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "mqmock: healthcheck: %s answered %s\n", url, resp.Status)
		return 1
	}
	return 0
}
