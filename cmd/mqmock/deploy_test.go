package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
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
	joined := strings.Join(test, " ")
	assert.Contains(t, joined, "-healthcheck")
	u := regexp.MustCompile(`http://\S+`).FindString(joined)
	require.NotEmpty(t, u)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "/_mqmock/health", parsed.Path)
	assert.Equal(t, defaultPorts()["CMQ"], parsed.Port())
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
	assert.Contains(t, df, "/_mqmock/health")
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
