package emulator

import (
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mqmock/mqmock/internal/controlapi"
	"github.com/mqmock/mqmock/internal/tlscert"
)

// serverTLS is what the listeners serve HTTPS with: the user's certificate,
// or one made now for the loopback names, whose PEM goes to a file clients
// can trust (and to GET /_mqmock/ca.pem).
type serverTLS struct {
	config *tls.Config
	pem    []byte
	// caFile is where the PEM was written; removed at Shutdown when the
	// emulator chose it.
	caFile    string
	ownCAFile bool
}

func (e *Emulator) setUpTLS() error {
	c := e.cfg.TLS
	if !c.Enabled {
		return nil
	}
	st := &serverTLS{}
	if c.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(c.CertFile, c.KeyFile)
		if err != nil {
			return fmt.Errorf("tls: %w", err)
		}
		for _, der := range cert.Certificate {
			st.pem = append(st.pem, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
		}
		st.config = &tls.Config{Certificates: []tls.Certificate{cert}}
	} else {
		g, err := tlscert.Generate(tlscert.Loopback(), time.Now())
		if err != nil {
			return err
		}
		st.pem, st.config = g.PEM, &tls.Config{Certificates: []tls.Certificate{g.Certificate}}
		if err := st.writePEM(c.CAFile); err != nil {
			return err
		}
	}
	e.tls = st
	return nil
}

// writePEM writes the made certificate where the user asked, or to a new
// temporary file.
func (st *serverTLS) writePEM(path string) error {
	if path == "" {
		f, err := os.CreateTemp("", "mqmock-ca-*.pem")
		if err != nil {
			return fmt.Errorf("tls: %w", err)
		}
		_, werr := f.Write(st.pem)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("tls: %w", werr)
		}
		st.caFile, st.ownCAFile = f.Name(), true
		return nil
	}
	if err := os.WriteFile(path, st.pem, 0o644); err != nil {
		return fmt.Errorf("tls: write tls.caFile: %w", err)
	}
	st.caFile = path
	return nil
}

// CAFile is the path of the PEM clients trust ("" without TLS or with the
// user's own certificate).
func (e *Emulator) CAFile() string {
	if e.tls == nil {
		return ""
	}
	return e.tls.caFile
}

// CertificatePEM is the certificate the listeners serve ("" without TLS).
func (e *Emulator) CertificatePEM() []byte {
	if e.tls == nil {
		return nil
	}
	return e.tls.pem
}

// Scheme is how clients reach the front doors: "https" with TLS on.
func (e *Emulator) Scheme() string {
	if e.tls != nil {
		return "https"
	}
	return "http"
}

// caPEM serves the certificate to trust (public: it is a certificate).
func (e *Emulator) caPEM(c *gin.Context) {
	if e.tls == nil {
		controlapi.Fail(c, http.StatusNotFound, "TLS is off (tls.enabled: false)")
		return
	}
	c.Data(http.StatusOK, "application/x-pem-file", e.tls.pem)
}

func (e *Emulator) removeCAFile() {
	if e.tls != nil && e.tls.ownCAFile {
		_ = os.Remove(e.tls.caFile)
	}
}
