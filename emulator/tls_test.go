package emulator_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ons"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/onsmqtt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// trusting is a transport that trusts the emulator's certificate, as a user
// does by adding the PEM to their client (README, "TLS").
func trusting(t *testing.T, pemBytes []byte) *http.Transport {
	t.Helper()
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(pemBytes))
	return &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}
}

// TestEveryFrontDoorServesTLS: with tls.enabled, every door answers the
// official SDKs over HTTPS with a certificate made at start, whose PEM is in
// the file the banner names and at /_mqmock/ca.pem; plain HTTP clients and
// untrusting ones are refused.
func TestEveryFrontDoorServesTLS(t *testing.T) {
	env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.TLS.Enabled = true }))
	pemFile, err := os.ReadFile(env.CAFile())
	require.NoError(t, err, "the PEM is written to a file")
	assert.Equal(t, env.CertificatePEM(), pemFile)
	tr := trusting(t, pemFile)
	assert.Equal(t, "https://"+env.ONS, env.URL("ons"))

	resp, err := (&http.Client{Transport: tr}).Get(env.URL("mqtt") + "/_mqmock/ca.pem")
	require.NoError(t, err)
	served, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	assert.Equal(t, pemFile, served, "and served at /_mqmock/ca.pem")

	t.Run("TDMQ, TencentCloud SDK with its default scheme", func(t *testing.T) {
		cpf := profile.NewClientProfile()
		cpf.HttpProfile.Endpoint = env.TDMQ // Scheme left at its default, HTTPS
		a := env.Default.Tencent
		c := common.NewCommonClient(common.NewCredential(a.SecretID, a.SecretKey), "ap-guangzhou", cpf).WithHttpTransport(tr)
		req := tchttp.NewCommonRequest("trocket", "2023-03-08", "DescribeInstanceList")
		require.NoError(t, req.SetActionParameters(map[string]any{}))
		require.NoError(t, c.Send(req, tchttp.NewCommonResponse()))
	})
	t.Run("ONS, Alibaba SDK over https", func(t *testing.T) {
		a := env.Default.Alibaba
		c, err := ons.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
		require.NoError(t, err)
		c.Domain = env.ONS
		c.SetTransport(tr)
		req := ons.CreateOnsInstanceInServiceListRequest()
		req.Scheme = "https"
		_, err = c.OnsInstanceInServiceList(req)
		require.NoError(t, err)
	})
	t.Run("MQTT, Alibaba SDK over https", func(t *testing.T) {
		a := env.Default.Alibaba
		c, err := onsmqtt.NewClientWithAccessKey("cn-hangzhou", a.AccessKeyID, a.AccessKeySecret)
		require.NoError(t, err)
		c.Domain = env.MQTT
		c.SetTransport(tr)
		req := onsmqtt.CreateListGroupIdRequest()
		req.Scheme = "https"
		req.InstanceId = "post-cn-mqmock00001"
		_, err = c.ListGroupId(req)
		require.NoError(t, err)
	})
	t.Run("CMQ over https", func(t *testing.T) {
		c := cmqclient.New(env.URL("cmq"), env.Default.Tencent.SecretID, env.Default.Tencent.SecretKey)
		c.HTTPClient = &http.Client{Transport: tr}
		_, err := c.Call(context.Background(), "ListQueue", nil)
		require.NoError(t, err)
	})
	t.Run("refused without trust or without TLS", func(t *testing.T) {
		_, err := http.Get(env.URL("cmq") + "/_mqmock/health")
		assert.Error(t, err, "an untrusting client")
		resp, err := http.Get("http://" + env.CMQ + "/_mqmock/health")
		if err == nil {
			_ = resp.Body.Close()
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "plain HTTP to a TLS port")
		}
	})
}

// The made certificate's file goes with the emulator.
func TestTheMadeCertificateFileIsRemovedAtShutdown(t *testing.T) {
	var path string
	t.Run("run", func(t *testing.T) {
		env := emutest.Start(t, emutest.WithConfig(func(c *emulator.Config) { c.TLS.Enabled = true }))
		path = env.CAFile()
		require.FileExists(t, path)
	})
	assert.NoFileExists(t, path)
}
