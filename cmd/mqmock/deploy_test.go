package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/viper"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/config"
)

// No Docker engine runs here, so the compose file and Dockerfile are checked
// against the built-in defaults instead of being run.

func defaultPorts() map[string]string {
	c := config.Default()
	out := map[string]string{}
	for k, addr := range map[string]string{"CMQ": c.CMQ.Listen, "TDMQ": c.TDMQ.Listen, "ONS": c.ONS.Listen, "MQTT": c.MQTT.Listen} {
		_, port, _ := net.SplitHostPort(addr)
		out[k] = port
	}
	return out
}

func TestComposeMatchesDefaults(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yaml")
	require.NoError(t, err)
	v := viper.New()
	v.SetConfigType("yaml")
	require.NoError(t, v.ReadConfig(bytes.NewReader(raw)))
	svc := v.Sub("services.mqmock")
	require.NotNil(t, svc, "services.mqmock")

	ports := svc.GetStringSlice("ports")
	env := svc.GetStringMapString("environment") // viper lower-cases keys
	for vendor, port := range defaultPorts() {
		assert.Contains(t, ports, "127.0.0.1:"+port+":"+port, "%s port published on loopback only", vendor)
		assert.Equal(t, "0.0.0.0:"+port, env["mqmock_"+strings.ToLower(vendor)+"_listen"], "%s listens on every interface", vendor)
	}
	test := svc.GetStringSlice("healthcheck.test")
	require.NotEmpty(t, test)
	assertHealthcheckFindsThePort(t, strings.Join(test, " "))
}

// assertHealthcheckFindsThePort: the check goes through the binary's own
// health subcommand, which reads the configured port, never a fixed one.
func assertHealthcheckFindsThePort(t *testing.T, check string) {
	t.Helper()
	assert.NotRegexp(t, `:\d{2,5}\b`, check, "no hard-wired port")
	assert.NotContains(t, check, "-healthcheck")
	fields := strings.Fields(strings.NewReplacer("[", " ", "]", " ", ",", " ", `"`, " ").Replace(check))
	var args []string
	for i, f := range fields {
		if f == "/mqmock" {
			args = fields[i+1:]
		}
	}
	require.Equal(t, []string{"health"}, args)
	_, ok := commands()[args[0]]
	assert.True(t, ok, "%s is a subcommand", args[0])
}

func TestDockerfileMatchesDefaults(t *testing.T) {
	raw, err := os.ReadFile("../../Dockerfile")
	require.NoError(t, err)
	df := string(raw)
	assert.Contains(t, df, "CGO_ENABLED=0", "static binary")
	assert.Regexp(t, `(?m)^FROM .* AS build$`, df, "multi-stage")
	for vendor, port := range defaultPorts() {
		assert.Contains(t, df, "MQMOCK_"+vendor+"_LISTEN=0.0.0.0:"+port)
		assert.Contains(t, df, port)
	}
	hc := regexp.MustCompile(`(?m)^HEALTHCHECK .*$`).FindString(df)
	require.NotEmpty(t, hc)
	assertHealthcheckFindsThePort(t, hc)

	// Non-root, labelled, with the ready scenarios where MQMOCK_SCENARIOS can name them.
	assert.Contains(t, df, "FROM gcr.io/distroless/static-debian12:nonroot")
	assert.Regexp(t, `(?m)^USER nonroot`, df)
	for _, label := range []string{"title", "description", "source", "licenses", "version", "revision"} {
		assert.Contains(t, df, "org.opencontainers.image."+label+"=", "OCI label %s", label)
	}
	assert.Regexp(t, `(?m)^COPY .*scenarios/\*\.yaml /scenarios/$`, df)
	ready, err := filepath.Glob("../../scenarios/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, ready)
	assert.Contains(t, df, "-X main.version=${VERSION} -X main.commit=${COMMIT}", "the build stamps --version")

	// What the build needs is not ignored.
	ignore, err := os.ReadFile("../../.dockerignore")
	require.NoError(t, err)
	for _, line := range strings.Split(string(ignore), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") {
			continue
		}
		for _, needed := range []string{"go.mod", "go.sum", "cmd/mqmock/main.go", "scenarios/chaos-demo.yaml", "emulator/dashboard/ui/index.html"} {
			m, _ := filepath.Match(strings.TrimPrefix(line, "**/"), filepath.Base(needed))
			m2, _ := filepath.Match(line, needed)
			assert.False(t, m || m2 || strings.HasPrefix(needed, strings.TrimSuffix(line, "/")+"/"), ".dockerignore's %q drops %s", line, needed)
		}
	}
}

func TestHealthcheckProbe(t *testing.T) {
	ready := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }))
	defer ready.Close()
	notReady := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer notReady.Close()
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run(context.Background(), []string{"-healthcheck", ready.URL}, nil, &out, &errOut))
	assert.Equal(t, 1, run(context.Background(), []string{"-healthcheck", notReady.URL}, nil, &out, &errOut))
	assert.Contains(t, errOut.String(), "503")
	assert.Equal(t, 1, run(context.Background(), []string{"-healthcheck", "http://127.0.0.1:1/"}, nil, &out, &errOut))
}
