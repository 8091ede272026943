package tlscert

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A client that trusts the PEM as its root reaches a server using the
// certificate under every loopback name; one that does not is refused.
func TestTheCertificateIsTrustedThroughItsPEM(t *testing.T) {
	g, err := Generate(Loopback(), time.Now())
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{g.Certificate}}
	srv.StartTLS()
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(g.PEM))
	trusting := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	for _, host := range []string{"127.0.0.1", "localhost"} {
		resp, err := trusting.Get("https://" + net.JoinHostPort(host, port))
		require.NoError(t, err, host)
		_ = resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode)
	}
	_, err = (&http.Client{}).Get("https://127.0.0.1:" + port)
	assert.Error(t, err, "an untrusting client is refused")
}
